"""One division's dashboard: what its owner and director follow after publication.

For a division: its live items, those expiring within the window (``schema/rules.yml``
``expiring_soon_days``, the one window), its overdue obligations, its items waiting for
an approval and for whom, and the refusals of the last year (``webpub.approvals.decisions``).
Items are named by their titles and linked; dates are B.E.; every status is a chip with a
symbol and a Thai word, so it reads the same without colour. The same data is a site page
per division (``divisions/<id>/``) and ``webpub report --division ID``.
"""

from __future__ import annotations

import datetime as dt
import json
from html import escape

from webpub.approvals import ROLES
from webpub.approvals import decisions as decision_records
from webpub.approvals.org import Org
from webpub.dates import thai_date
from webpub.messages import t
from webpub.monitor.periods import is_expiring
from webpub.monitor.report import Site, obligation_entries
from webpub.repo import Repo

YEAR_DAYS = 365
# chip kind -> the site's chip modifier (docs/site-style.md: the word says the status; the colour
# and the mark the stylesheet adds only repeat it); a wait is neutral
CHIPS = {"live": "ok", "expiring": "warn", "overdue": "bad", "waiting": "", "refused": "bad"}


def chip(kind: str) -> str:
    modifier = f" webpub-chip--{CHIPS[kind]}" if CHIPS[kind] else ""
    return f'<span class="webpub-chip{modifier}">{escape(t("annual.chip_" + kind))}</span>'


def _href(entry: dict, here: str) -> str:
    """A relative link on the site (``here``: the page's own address), else the public URL."""
    if not here or not entry.get("path", "").startswith("content/"):
        return entry.get("url") or ""
    from webpub.site.model import relative_url, src_to_url

    return relative_url(here, src_to_url(entry["path"][len("content/"):]))


def _decide(repo: Repo, today: dt.date, items, shown: set[str] | None):
    if shown is not None:
        wanted = {p if p.startswith("content/") else f"content/{p}" for p in shown}
        return {i.path: i.path in wanted for i in items}, {}
    from webpub.context import Context
    from webpub.publish import decide

    ctx = Context(repo=repo, today=today)
    out, trails = {}, {}
    for item in items:
        decision = decide(item.page, ctx) if item.readable else None
        out[item.path] = bool(decision and decision.publishable)
        trails[item.path] = decision
    return out, trails


def waiting_for(repo: Repo, item, decision, org: Org) -> tuple[str, list[str]]:
    """The next role the item waits for and its holders (never the item's own officer)."""
    trail = getattr(decision, "trail", None)
    for role in ROLES:
        if trail is None or trail.chosen(role) is None:
            people = [org.name(p) for p in org.role_holders(role, item.division) if p != item.officer]
            return role, people
    return "", []


def build(repo: Repo, today: dt.date, division: str, shown: set[str] | None = None,
          pages: dict | None = None, site: Site | None = None, overdue_entries: list | None = None) -> dict:
    """The dashboard as data (the JSON of ``webpub report --division``); ``site`` and the
    obligation entries when the caller already loaded them (one load for every division)."""
    site = site or Site.load(repo, today, pages=pages)
    org = Org(repo.organization)
    mine = [i for i in site.all_items if i.readable and i.division == division]
    live_map, decisions = _decide(repo, today, mine, shown)
    live = [i for i in mine if live_map[i.path]]
    expiring = [i for i in live if is_expiring(i, today, site.within)]
    entries = obligation_entries(site) if overdue_entries is None else overdue_entries
    overdue = [e for e in entries if e.division == division and e.status == "overdue"]
    waiting = []
    if shown is None:
        for item in mine:
            decision = decisions.get(item.path)
            if live_map[item.path] or item.withdrawn or decision is None or decision.expired:
                continue
            role, people = waiting_for(repo, item, decision, org)
            if role:
                waiting.append((item, role, people))
    since = today - dt.timedelta(days=YEAR_DAYS)
    refused = [d for d in decision_records.load_all(repo)
               if d.decision == "refused" and d.division == division and d.when and d.when.date() >= since]

    def entry(item, **extra):
        return {"path": item.path, "title": item.title, "url": site.url(item.path),
                "expires": item.expiry.isoformat() if item.expiry else None, **extra}

    return {
        "division": division, "name": org.division_name(division), "today": today.isoformat(),
        "window_days": site.within,
        "counts": {"live": len(live), "expiring": len(expiring), "overdue": len(overdue),
                   "waiting": len(waiting), "refused": len(refused)},
        "live": [entry(i) for i in live],
        "expiring": [entry(i) for i in expiring],
        "overdue": [{"id": e.id, "title": e.title, "due": e.due.isoformat() if e.due else None} for e in overdue],
        "waiting": [entry(i, role=role, people=people) for i, role, people in waiting],
        "refused": [{"item": d.item, "title": d.title, "at": d.record["at"], "person": d.person,
                     "person_name": org.name(d.person), "reason": d.reason, "pr_url": d.pr_url, "record": d.path}
                    for d in refused],
    }


def _day(iso: str | None) -> str:
    return thai_date(dt.date.fromisoformat(iso[:10])) if iso else "–"


def _cell(text) -> str:
    return escape(str(text)).replace("|", "&#124;").replace("\n", " ")


def _link(title: str, url: str) -> str:
    return f'<a href="{escape(url)}">{escape(title)}</a>' if url else escape(title)


def to_markdown(data: dict, here: str = "") -> str:
    """The dashboard as a site page (HTML inside Markdown; no script, no inline style)."""
    c = data["counts"]
    out = [f"# {escape(t('annual.division_title', name=data['name']))}", "",
           escape(t("annual.division_intro", day=_day(data["today"]), days=data["window_days"])), "",
           '<ul class="webpub-cards">']
    for kind in ("live", "expiring", "overdue", "waiting", "refused"):
        out.append(f'<li class="webpub-card"><div class="webpub-card__body">{chip(kind)} '
                   f'<strong>{c[kind]}</strong></div></li>')
    out += ["</ul>", ""]

    def table(kind: str, heads: list[str], rows: list[list[str]]):
        out.append(f"## {escape(t('annual.section_' + kind))}")
        out.append("")
        if not rows:
            out.extend([f"<p>{escape(t('annual.none'))}</p>", ""])
            return
        out.append('<div class="webpub-table-wrap"><table class="webpub-table"><thead><tr>'
                   + "".join(f'<th scope="col">{escape(h)}</th>' for h in heads) + "</tr></thead><tbody>")
        out.extend("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
        out.extend(["</tbody></table></div>", ""])

    table("live", [t("annual.col_title"), t("annual.col_status"), t("annual.col_expires")],
          [[_link(e["title"], _href(e, here)), chip("expiring" if e in data["expiring"] else "live"), _day(e["expires"])]
           for e in data["live"]])
    table("expiring", [t("annual.col_title"), t("annual.col_status"), t("annual.col_expires")],
          [[_link(e["title"], _href(e, here)), chip("expiring"), _day(e["expires"])] for e in data["expiring"]])
    table("overdue", [t("annual.col_obligation"), t("annual.col_status"), t("annual.col_due")],
          [[escape(e["title"]), chip("overdue"), _day(e["due"])] for e in data["overdue"]])
    table("waiting", [t("annual.col_title"), t("annual.col_status"), t("annual.col_waiting_for")],
          [[escape(e["title"]), chip("waiting"), escape(t("roles." + e["role"]) + ": " + (", ".join(e["people"]) or "—"))]
           for e in data["waiting"]])
    table("refused", [t("annual.col_title"), t("annual.col_status"), t("annual.col_when"), t("annual.col_reason")],
          [[_link(e["title"] or e["item"], e["pr_url"]), chip("refused"), _day(e["at"]), escape(e["reason"])]
           for e in data["refused"]])
    return "\n".join(out) + "\n"


def to_text(data: dict) -> str:
    c = data["counts"]
    lines = [t("annual.division_title", name=data["name"]) + f" — {_day(data['today'])}",
             " · ".join(f"{t('annual.chip_' + k)} {c[k]}" for k in ("live", "expiring", "overdue", "waiting", "refused"))]
    for e in data["expiring"]:
        lines.append(f"[{t('annual.chip_expiring')}] {e['title']} — {_day(e['expires'])} — {e['url']}")
    for e in data["overdue"]:
        lines.append(f"[{t('annual.chip_overdue')}] {e['title']} — {_day(e['due'])}")
    for e in data["waiting"]:
        lines.append(f"[{t('annual.chip_waiting')}] {e['title']} — {t('roles.' + e['role'])}: {', '.join(e['people']) or '—'}")
    for e in data["refused"]:
        lines.append(f"[{t('annual.chip_refused')}] {e['title'] or e['item']} — {_day(e['at'])} — {e['person_name']}: {e['reason']}")
    for e in data["live"]:
        lines.append(f"[{t('annual.chip_live')}] {e['title']} — {e['url']}")
    return "\n".join(lines) + "\n"


def render(data: dict, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return to_markdown(data)
    return to_text(data)


def site_pages(repo: Repo, today: dt.date, shown: set[str], mode: str = "publish",
               pages: dict | None = None) -> list[tuple[str, str, str]]:
    """``(src, title, markdown)`` for every division's page and the index of divisions.

    The public (publish) site never names an item it does not publish, so its pages count
    live items from the build's own decision and list no drafts waiting for approval; the
    preview and ``webpub report --division`` list them with whom they wait for."""
    org = Org(repo.organization)
    out, rows = [], []
    site = Site.load(repo, today, pages=pages)
    entries = obligation_entries(site)
    for division in org.divisions:
        data = build(repo, today, division, shown=shown if mode == "publish" else None, site=site,
                     overdue_entries=entries)
        src = f"divisions/{division}/index.md"
        out.append((src, t("annual.division_title", name=data["name"]), to_markdown(data, f"divisions/{division}/")))
        rows.append(f'<li><a href="{escape(division)}/">{escape(data["name"])}</a></li>')
    index = f"# {escape(t('annual.divisions_title'))}\n\n<ul>{''.join(rows)}</ul>\n"
    return [("divisions/index.md", t("annual.divisions_title"), index), *out]
