"""The annual monitoring report (ITA/OIT evidence): one Thai fiscal year, from git history.

``webpub report --year 2569`` covers 1 October 2568 to 30 September 2569 (B.E.; a
Gregorian year is refused with the B.E. one to type). Everything is read, not declared:

* **events**, from the default branch's first-parent history (each commit is a merge or a
  direct change, in the order it reached the site; its committer time, Bangkok day, is
  when it happened): an item is *published* when a commit gives it a webmaster record and
  it had none (or did not exist), *updated* when its webmaster record changes digest,
  *taken down* when a ``withdrawn:`` block is added or a page that carried approvals is
  deleted. Approval records are read as the default branch holds them (the gate and
  ``webpub verify`` judged them on the way in).
* **refusals**, from the bot-sealed decision records (``webpub.approvals.decisions``).
* **durations** of each publication or update: from the request being opened (the
  publication's decision record, else the earliest author time of the commits that brought
  the change) to the director's approval, to the web head's permission, and to publication
  (the commit's time); in days, median and slowest (with the item).
* **obligations met on time** and the **completeness score** at year end (or today, in a
  year still running), from the repository as it stood then (``webpub.monitor.report``).

Outputs: JSON (the contract in docs/architecture.md §3), Thai Markdown, a self-contained
Thai HTML page with SVG charts and their data tables (``webpub.monitor.charts``), and a
print-ready PDF of that page made by headless Chromium.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import tempfile
from html import escape
from pathlib import Path

from webpub.approvals import decisions as decision_records
from webpub.approvals.digest import DigestError, split
from webpub.approvals.gitio import Git
from webpub.approvals.records import parse_at
from webpub.dates import BANGKOK, BE_OFFSET, looks_buddhist_era, thai_date
from webpub.messages import t
from webpub.monitor import charts
from webpub.repo import Repo
from webpub.core.results import UsageError

KINDS = ("published", "updated", "taken_down", "refused")
STEPS = ("director", "permission", "publication")


def _step(step: str) -> str:
    """A step's label, naming the roles as the guideline names them."""
    return t(f"annual.step_{step}", director=t("roles.director"), web_head=t("roles.web_head"))


# -- the year ----------------------------------------------------------------------
def parse_year(value) -> int:
    """A fiscal year in B.E.; a Gregorian year gets the B.E. one to type instead."""
    text = str(value).strip()
    if not text.isdigit() or len(text) != 4:
        raise UsageError(t("annual.bad_year", year=text))
    year = int(text)
    if looks_buddhist_era(year):
        return year
    if 1900 <= year <= 2200:
        raise UsageError(t("annual.gregorian_year", year=year, be=year + BE_OFFSET,
                           start=year - 1 + BE_OFFSET, end=year + BE_OFFSET))
    raise UsageError(t("annual.bad_year", year=text))


def window(year: int) -> tuple[dt.date, dt.date]:
    end_ce = year - BE_OFFSET
    return dt.date(end_ce - 1, 10, 1), dt.date(end_ce, 9, 30)


# -- history -------------------------------------------------------------------------
def _meta(raw: bytes | None) -> dict | None:
    if raw is None:
        return None
    try:
        meta = split(raw).meta
    except (DigestError, UnicodeDecodeError):
        return None
    return meta if isinstance(meta, dict) else None


def _records(meta: dict | None) -> list[dict]:
    entries = (meta or {}).get("approvals")
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def _webmaster(meta: dict | None) -> dict | None:
    return next((r for r in reversed(_records(meta)) if r.get("role") == "webmaster"), None)


def _role_at(meta: dict | None, role: str, digest: str) -> dt.datetime | None:
    found = [parse_at(r.get("at")) for r in _records(meta) if r.get("role") == role and str(r.get("digest")) == digest]
    found = [f for f in found if f]
    return max(found) if found else None


def _owner(meta: dict | None) -> tuple[str, str]:
    owner = (meta or {}).get("owner")
    owner = owner if isinstance(owner, dict) else {}
    return str(owner.get("division") or ""), str((meta or {}).get("category") or "")


def first_parent(git: Git, until: dt.datetime) -> list[tuple[str, str, dt.datetime]]:
    """``(commit, first parent or "", committer time)`` of the default branch, oldest first."""
    out = git.run("log", "--first-parent", "--reverse", "--format=%H %P%x00%cI", "HEAD")
    commits = []
    for line in out.splitlines():
        shas, _, when = line.partition("\0")
        parts = shas.split()
        at = dt.datetime.fromisoformat(when)
        if at <= until:
            commits.append((parts[0], parts[1] if len(parts) > 1 else "", at))
    return commits


def _changed(git: Git, parent: str, commit: str) -> list[tuple[str, str]]:
    if parent:
        out = git.run("diff", "--name-status", "--no-renames", "-z", parent, commit, "--", "content")
    else:
        out = git.run("show", "--format=", "--name-status", "--no-renames", "-z", commit, "--", "content")
    fields = out.split("\0")
    return [(fields[i][:1], fields[i + 1]) for i in range(0, len(fields) - 1, 2)
            if fields[i] and fields[i + 1].endswith(".md")]


def _opened_fallback(git: Git, parent: str, commit: str, path: str) -> dt.datetime | None:
    """The earliest author time of the commits the change brought that touch the item."""
    span = f"{parent}..{commit}" if parent else commit
    out = git.run("log", "--format=%aI", span, "--", path)
    times = [dt.datetime.fromisoformat(x) for x in out.split()]
    return min(times) if times else None


def history_events(repo: Repo, start: dt.date, end: dt.date) -> list[dict]:
    git = Git(repo.root)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), BANGKOK)
    published_records = [d for d in decision_records.load_all(repo) if d.decision == "published"]
    events = []
    for commit, parent, at in first_parent(git, until):
        day = at.astimezone(BANGKOK).date()
        for status, path in _changed(git, parent, commit):
            before = _meta(git.read(parent, path)) if parent else None
            after = _meta(git.read(commit, path)) if status != "D" else None
            kind = _kind(before, after, status)
            if kind is None or not (start <= day <= end):
                continue
            meta = after if after is not None else before
            division, category = _owner(meta)
            event = {"kind": kind, "path": path, "title": str((meta or {}).get("title") or path),
                     "division": division, "category": category, "at": at.astimezone(BANGKOK).isoformat(),
                     "commit": commit}
            if kind in ("published", "updated"):
                digest = str(_webmaster(after).get("digest"))
                record = next((d for d in published_records if d.item == path and d.digest == digest), None)
                opened = (record.opened_at if record else None) or _opened_fallback(git, parent, commit, path)
                event |= {"digest": digest, "opened": opened.isoformat() if opened else None,
                          "director_at": _iso(_role_at(after, "director", digest)),
                          "web_head_at": _iso(_role_at(after, "web_head", digest))}
            events.append(event)
    return events


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _kind(before: dict | None, after: dict | None, status: str) -> str | None:
    was_live = before is not None and _webmaster(before) is not None and not before.get("withdrawn")
    if status == "D":
        return "taken_down" if was_live or bool(_records(before)) else None
    if after is None:
        return None
    if after.get("withdrawn") and not (before or {}).get("withdrawn"):
        return "taken_down" if before is not None else None
    mark = _webmaster(after)
    if mark is None or after.get("withdrawn"):
        return None
    if not was_live:
        return "published"
    return "updated" if str(mark.get("digest")) != str(_webmaster(before).get("digest")) else None


# -- durations ----------------------------------------------------------------------
def _days(start: str | None, end: str | None) -> float | None:
    if not start or not end:
        return None
    return round((dt.datetime.fromisoformat(end) - dt.datetime.fromisoformat(start)).total_seconds() / 86400, 2)


def durations(events: list[dict]) -> dict:
    ends = {"director": "director_at", "permission": "web_head_at", "publication": "at"}
    out = {}
    for step, key in ends.items():
        values = [(_days(e.get("opened"), e.get(key)), e) for e in events if e["kind"] in ("published", "updated")]
        values = [(v, e) for v, e in values if v is not None and v >= 0]
        if not values:
            out[step] = {"count": 0, "median_days": None, "slowest_days": None, "slowest": None}
            continue
        slowest_value, slowest = max(values, key=lambda ve: ve[0])
        out[step] = {"count": len(values), "median_days": round(statistics.median(v for v, _ in values), 2),
                     "slowest_days": slowest_value,
                     "slowest": {"path": slowest["path"], "title": slowest["title"]}}
    return out


# -- the year-end state ---------------------------------------------------------------
def _year_end_commit(git: Git, end: dt.date) -> str | None:
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), BANGKOK)
    commits = first_parent(git, until)
    return commits[-1][0] if commits else None


def year_end(repo: Repo, end: dt.date, today: dt.date, events: list[dict]) -> tuple[dict, dict]:
    """(completeness at year end, obligations of the year met on time)."""
    from webpub.monitor import obligations as obl
    from webpub.monitor import report as completeness
    from webpub.notify import repo_at

    as_of = min(end, today)
    git = Git(repo.root)
    rev = _year_end_commit(git, as_of) if as_of == end else None
    first_live: dict[str, dt.date] = {}
    for event in events:
        if event["kind"] in ("published", "updated"):
            first_live.setdefault(event["path"], dt.date.fromisoformat(event["at"][:10]))
    with tempfile.TemporaryDirectory(prefix="webpub-annual-") as tmp:
        try:
            state = repo_at(repo, rev, Path(tmp)) if rev else repo
        except UsageError:  # nothing to unpack at that commit (no content yet): the state now
            state = repo
        report = completeness.build(state, as_of)
        site = completeness.Site.load(state, as_of)
        year = end.year + BE_OFFSET
        entries = []
        for ob in site.data.get("obligations") or []:
            for occurrence in obl.occurrences_in_fiscal_year(ob, year, as_of):
                if occurrence.due > as_of:
                    continue
                items = completeness.occurrence_items(site, occurrence)
                days = sorted(first_live.get(i.path) or i.published or as_of for i in items)
                status = "missing" if not items else "on_time" if days[0] <= occurrence.due else "late"
                entries.append({"id": occurrence.id, "title": ob["title_th"], "due": occurrence.due.isoformat(),
                                "status": status, "division": ob.get("division") or "",
                                "paths": sorted(i.path for i in items)})
    total = report["summary"]["total"]
    score = {"as_of": as_of.isoformat(), "score": total["score"], "ok": total["ok"], "total": total["total"]}
    counts = {s: sum(1 for e in entries if e["status"] == s) for s in ("on_time", "late", "missing")}
    return score, {"total": len(entries), **counts, "entries": entries}


# -- the report ------------------------------------------------------------------------
def _tally(rows: list[dict], key: str) -> dict:
    out: dict[str, dict] = {}
    for row in rows:
        bucket = out.setdefault(row.get(key) or "", {k: 0 for k in KINDS})
        bucket[row["kind"]] += 1
    return dict(sorted(out.items()))


def build(repo: Repo, year: int, today: dt.date) -> dict:
    """The annual report as its JSON contract."""
    start, end = window(year)
    events = history_events(repo, start, end)
    refusals = [{"kind": "refused", "path": d.item, "title": d.title or d.item, "division": d.division,
                 "category": d.category, "at": d.record["at"], "person": d.person, "role": d.role,
                 "reason": d.reason, "pr_url": d.pr_url, "record": d.path}
                for d in decision_records.load_all(repo)
                if d.decision == "refused" and d.when and start <= d.when.astimezone(BANGKOK).date() <= end]
    rows = events + refusals
    score, obligations = year_end(repo, end, today, events)
    divisions = {d: repo.divisions[d].get("name_th", d) for d in repo.divisions}
    return {
        "year": year, "start": start.isoformat(), "end": end.isoformat(), "today": today.isoformat(),
        "totals": {k: sum(1 for r in rows if r["kind"] == k) for k in KINDS},
        "by_division": {d: {"name": divisions.get(d, d), **c} for d, c in _tally(rows, "division").items()},
        "by_category": {c: {"name": (repo.categories.get(c) or {}).get("name_th", c), **n}
                        for c, n in _tally(rows, "category").items()},
        "durations": durations(events),
        "events": events,
        "refusals": refusals,
        "obligations": obligations,
        "completeness": score,
    }


def _be(iso: str | None) -> str:
    return thai_date(dt.date.fromisoformat(iso[:10])) if iso else "–"


def completeness_line(data: dict) -> str:
    c = data["completeness"]
    key = "annual.completeness" if c["as_of"] >= data["end"] else "annual.completeness_now"
    return t(key, day=_be(c["as_of"]), score=c["score"], ok=c["ok"], total=c["total"])


def _num(value) -> str:
    return "–" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))


def _kind_heads() -> list[str]:
    return [t(f"annual.{k}") for k in KINDS]


def to_markdown(data: dict) -> str:
    lines = [f"# {t('annual.title', year=data['year'])}", "",
             t("annual.period", start=_be(data["start"]), end=_be(data["end"])), "",
             f"## {t('annual.summary')}", "", "| " + " | ".join(_kind_heads()) + " |",
             "|" + " ---: |" * len(KINDS), "| " + " | ".join(str(data["totals"][k]) for k in KINDS) + " |", ""]
    for key, title, col in (("by_division", "annual.by_division", "annual.col_division"),
                            ("by_category", "annual.by_category", "annual.col_category")):
        lines += [f"## {t(title)}", "", f"| {t(col)} | " + " | ".join(_kind_heads()) + f" | {t('annual.col_total')} |",
                  "| --- |" + " ---: |" * (len(KINDS) + 1)]
        for ident, row in data[key].items():
            label = f"{ident} {row['name']}" if key == "by_category" else row["name"]
            lines.append(f"| {label} | " + " | ".join(str(row[k]) for k in KINDS) + f" | {sum(row[k] for k in KINDS)} |")
        lines.append("")
    lines += [f"## {t('annual.durations')}", "",
              f"| {t('annual.col_step')} | {t('annual.col_count')} | {t('annual.col_median')} | {t('annual.col_slowest')} "
              f"| {t('annual.col_slowest_item')} |", "| --- | ---: | ---: | ---: | --- |"]
    for step in STEPS:
        d = data["durations"][step]
        lines.append(f"| {_step(step)} | {d['count']} | {_num(d['median_days'])} | {_num(d['slowest_days'])} "
                     f"| {(d['slowest'] or {}).get('title', '–')} |")
    ob = data["obligations"]
    lines += ["", f"## {t('annual.obligations')}", "",
              t("annual.obligations_line", on_time=ob["on_time"], total=ob["total"], late=ob["late"], missing=ob["missing"]),
              "", completeness_line(data), "",
              f"## {t('annual.refusals')}", ""]
    for r in data["refusals"]:
        lines.append(f"- {r['title']} — {_be(r['at'])} — {r['reason']}")
    if not data["refusals"]:
        lines.append(t("annual.none"))
    return "\n".join(lines) + "\n"


STYLE = """
body{font-family:"Sarabun","Garuda","Loma","Noto Sans Thai",sans-serif;font-size:14pt;line-height:1.45;margin:1.5cm;color:#000}
h1{font-size:18pt;margin:0 0 .3em}h2{font-size:15pt;margin:1em 0 .3em}
table{border-collapse:collapse;margin:.4em 0 1em;width:100%}th,td{border:1px solid #444;padding:.15em .4em;text-align:left}
td{text-align:right}td.text{text-align:left}caption{text-align:left;font-weight:bold}
figure{margin:0 0 1em;break-inside:avoid}svg{max-width:100%;height:auto}
@page{size:A4;margin:1.5cm}
"""


FONT_DIR = "overrides/assets/fonts/sarabun"


def font_faces(repo: Repo | None) -> str:
    """The site's own Sarabun (OFL), embedded: the page prints the same anywhere, and its PDF
    carries real Unicode text (system Thai fonts map tone marks to private-use glyphs)."""
    import base64

    if repo is None:
        return ""
    faces = []
    for script, weight in (("thai", 400), ("thai", 700), ("latin", 400), ("latin", 700)):
        path = repo.root / FONT_DIR / f"sarabun-{script}-{weight}-normal.woff2"
        if path.is_file():
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            faces.append(f'@font-face{{font-family:"Sarabun";font-weight:{weight};font-style:normal;'
                         f'src:url(data:font/woff2;base64,{data}) format("woff2")}}')
    return "".join(faces)


def to_html(data: dict, repo: Repo | None = None) -> str:
    """A self-contained Thai page (no script, no outside resource): totals first, then charts."""
    kinds = _kind_heads()
    table = charts.data_table
    division_rows = [[row["name"], *[row[k] for k in KINDS], sum(row[k] for k in KINDS)]
                     for row in data["by_division"].values()]
    category_rows = [[f"{c} {row['name']}", *[row[k] for k in KINDS], sum(row[k] for k in KINDS)]
                     for c, row in data["by_category"].items()]
    step_rows = [[_step(s), data["durations"][s]["count"], _num(data["durations"][s]["median_days"]),
                  _num(data["durations"][s]["slowest_days"]), (data["durations"][s]["slowest"] or {}).get("title", "–")]
                 for s in STEPS]
    ob = data["obligations"]
    refusals = "".join(f"<li>{escape(r['title'])} — {escape(_be(r['at']))} — {escape(r['reason'])}</li>"
                       for r in data["refusals"]) or f"<li>{escape(t('annual.none'))}</li>"
    agency = escape(str(((repo.organization if repo else {}).get("agency") or {}).get("name_th") or ""))
    body = [
        f"<h1>{escape(t('annual.title', year=data['year']))}</h1>",
        f"<p>{agency}</p>" if agency else "",
        f"<p>{escape(t('annual.period', start=_be(data['start']), end=_be(data['end'])))}</p>",
        f"<h2>{escape(t('annual.summary'))}</h2>",
        "<table><thead><tr>" + "".join(f'<th scope="col">{escape(k)}</th>' for k in kinds) + "</tr></thead><tbody><tr>"
        + "".join(f"<td>{data['totals'][k]}</td>" for k in KINDS) + "</tr></tbody></table>",
        f"<p>{escape(completeness_line(data))}</p>",
        f"<p>{escape(t('annual.obligations_line', on_time=ob['on_time'], total=ob['total'], late=ob['late'], missing=ob['missing']))}</p>",
        f"<h2>{escape(t('annual.by_division'))}</h2>",
        charts.figure("chart-division", t("annual.chart_title_division"),
                      [(r[0], r[-1]) for r in division_rows], t("annual.chart_table"),
                      [t("annual.col_division"), *kinds, t("annual.col_total")], division_rows),
        f"<h2>{escape(t('annual.by_category'))}</h2>",
        table(t("annual.by_category"), [t("annual.col_category"), *kinds, t("annual.col_total")], category_rows),
        f"<h2>{escape(t('annual.durations'))}</h2>",
        charts.figure("chart-steps", t("annual.chart_title_steps"),
                      [(r[0], data["durations"][s]["median_days"] or 0.0) for r, s in zip(step_rows, STEPS)],
                      t("annual.chart_table"),
                      [t("annual.col_step"), t("annual.col_count"), t("annual.col_median"), t("annual.col_slowest"),
                       t("annual.col_slowest_item")], step_rows),
        f"<h2>{escape(t('annual.refusals'))}</h2><ul>{refusals}</ul>",
        f"<p>{escape(t('annual.generated', day=_be(data['today'])))}</p>",
    ]
    return ('<!DOCTYPE html>\n<html lang="th"><head><meta charset="utf-8">'
            f"<title>{escape(t('annual.title', year=data['year']))}</title><style>{font_faces(repo)}{STYLE}</style></head><body>"
            + "".join(body) + "</body></html>\n")


def to_text(data: dict) -> str:
    lines = [t("annual.title", year=data["year"]), t("annual.period", start=_be(data["start"]), end=_be(data["end"])),
             " · ".join(f"{t('annual.' + k)} {data['totals'][k]}" for k in KINDS)]
    for row in data["by_division"].values():
        lines.append(f"{row['name']}: " + " · ".join(f"{t('annual.' + k)} {row[k]}" for k in KINDS))
    for step in STEPS:
        d = data["durations"][step]
        lines.append(f"{_step(step)}: {t('annual.col_median')} {_num(d['median_days'])} · "
                     f"{t('annual.col_slowest')} {_num(d['slowest_days'])}")
    ob = data["obligations"]
    lines.append(t("annual.obligations_line", on_time=ob["on_time"], total=ob["total"], late=ob["late"], missing=ob["missing"]))
    lines.append(completeness_line(data))
    lines.extend(f"{t('annual.refused')}: {r['title']} — {_be(r['at'])} — {r['reason']}" for r in data["refusals"])
    return "\n".join(lines) + "\n"


def render(data: dict, fmt: str, repo: Repo | None = None) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return to_markdown(data)
    if fmt == "html":
        return to_html(data, repo)
    return to_text(data)


# -- PDF ----------------------------------------------------------------------------------
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def write_pdf(html: str, path: str | Path, browser=None) -> None:
    """Print ``html`` to an A4 PDF with headless Chromium (``WEBPUB_CHROMIUM`` or Debian's)."""
    import os

    def render(chromium) -> None:
        page = chromium.new_page()
        try:
            page.set_content(html, wait_until="load")
            page.pdf(path=str(path), format="A4", print_background=True, prefer_css_page_size=True)
        finally:
            page.close()

    if browser is not None:
        render(browser)
        return
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as exc:
        raise UsageError(t("annual.pdf_missing", why=exc)) from None
    try:
        with sync_playwright() as play:
            chromium = play.chromium.launch(executable_path=os.environ.get("WEBPUB_CHROMIUM") or CHROMIUM,
                                            args=CHROMIUM_ARGS)
            try:
                render(chromium)
            finally:
                chromium.close()
    except Error as exc:
        raise UsageError(t("annual.pdf_missing", why=str(exc).splitlines()[0])) from None
