"""The compliance page as a dashboard people read: per group and category a progress bar
and counts, each checklist item with a status chip (words and colour) and the titles of
the items that meet it, linked. No file paths, no English ids; dates in B.E.

The page is raw HTML inside the generated Markdown page, built only from tags and
attributes the HTML allowlist accepts (``div``, ``span``, ``ul``, ``a`` with ``class``
and ``title``): no ``style`` attribute (the site's Content Security Policy refuses it),
so a bar's length is one of twenty-one classes ``wp-bar-0`` … ``wp-bar-100`` (steps of
five) styled in ``overrides/assets/webpub/compliance.css``.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from webpub.dates import thai_date
from webpub.messages import t
from webpub.monitor.status import KIND_TH, STATUS_TH
from webpub.repo import Repo


def bar_class(ok: int, total: int) -> str:
    percent = 100 if not total else round(100 * ok / total)
    return f"wp-bar-{5 * round(percent / 5)}"


def progress(c: dict) -> str:
    words = t("report.dashboard_progress", ok=c["ok"], total=c["total"])
    return (f'<div class="wp-progress" title="{escape(words)}"><span class="wp-progress-bar '
            f'{bar_class(c["ok"], c["total"])}"></span></div>\n'
            f'<p class="wp-progress-text">{escape(t("report.counts", **c))} ({c["score"]}%)</p>')


def chip(status: str) -> str:
    return f'<span class="wp-chip wp-chip-{status}">{escape(STATUS_TH[status])}</span>'


def _links(entry: dict) -> str:
    if not entry["urls"]:
        return ""
    links = ", ".join(f'<a href="{escape(u)}">{escape(title)}</a>'
                      for u, title in zip(entry["urls"], entry.get("titles") or []))
    return f'<span class="wp-entry-items">{escape(t("report.items"))}: {links}</span>'


def _division(repo: Repo, division: str) -> str:
    name = (repo.divisions.get(division) or {}).get("name_th", "")
    return f'<span class="wp-entry-owner">{escape(t("report.division", name=name))}</span>' if name else ""


def _label(repo: Repo, entry: dict) -> str:
    """What a person calls the entry: the topic's name under its category heading."""
    category, _, rest = entry["id"].partition("/")
    if entry.get("category") and rest:
        topic = repo.topic(category, rest.rsplit("/", 1)[-1]) or {}
        if topic.get("name_th"):
            return topic["name_th"]
    return entry["title"]


def entry_item(repo: Repo, entry: dict, label: str | None = None) -> str:
    parts = [chip(entry["status"]), f'<span class="wp-entry-title">{escape(label or _label(repo, entry))}</span>']
    if entry.get("due"):
        date = thai_date(dt.date.fromisoformat(entry["due"]))
        parts.append(f'<span class="wp-entry-due">{escape(t("report.due", date=date))}</span>')
    if entry.get("reason"):
        parts.append(f'<span class="wp-entry-reason">{escape(t("report.reason", reason=entry["reason"]))}</span>')
    parts.append(_links(entry))
    parts.append(_division(repo, entry["division"]))
    return f'<li class="wp-entry wp-entry-{entry["status"]}">' + " ".join(p for p in parts if p) + "</li>"


def dashboard_markdown(report: dict, repo: Repo) -> str:
    today = dt.date.fromisoformat(report["today"])
    summary = report["summary"]
    entries = report["entries"]
    out = [f"# {t('report.title')}", "",
           f"{t('report.as_of', date=thai_date(today))} {t('report.scope')}", "",
           f"**{t('report.ok_means')}**", "",
           f"## {t('report.summary_heading')}", "",
           '<div class="wp-dashboard">']
    for kind, c in summary["by_kind"].items():
        out.append(f'<div class="wp-card"><p class="wp-card-title">{escape(KIND_TH[kind])}</p>\n{progress(c)}</div>')
    out += ["</div>", ""]
    for group in repo.groups:
        gid = str(group["id"])
        if gid not in summary["by_group"]:
            continue
        out += [f"## {t('report.group', id=gid, name=group['name_th'])}", "", progress(summary["by_group"][gid]), ""]
        for cid, category in repo.categories.items():
            if category["group"] != gid or cid not in summary["by_category"]:
                continue
            own = [e for e in entries if e.get("category") == cid]
            head = next((e for e in own if e["id"] == cid), None)
            out += [f"### {cid} {category['name_th']}", "", progress(summary["by_category"][cid])]
            rows = [e for e in own if e["id"] != cid] or ([head] if head else [])
            if rows:
                label = category["name_th"] if rows == [head] else None
                out.append('<ul class="wp-entries">' + "".join(entry_item(repo, e, label) for e in rows) + "</ul>")
            out.append("")
    for kind in ("obligation", "ita"):  # lists without categories: one section each
        listed = [e for e in entries if e["kind"] == kind]
        if listed:
            out += [f"## {KIND_TH[kind]}", "", progress(summary["by_kind"][kind]),
                    '<ul class="wp-entries">' + "".join(entry_item(repo, e, e["title"]) for e in listed) + "</ul>", ""]
    return "\n".join(out) + "\n"
