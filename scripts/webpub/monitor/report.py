"""The completeness report: the standard's checklist, OIA sections 7 and 9, and every
recurring obligation up to today, each with its status, the items that meet it and
the division that answers for it. The same report is a site page and a JSON file.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from webpub.dates import MONTHS_TH, thai_date
from webpub.monitor import obligations as obl
from webpub.content.item import Item
from webpub.monitor.items import load_items, page_url, site_settings
from webpub.monitor.periods import is_live
from webpub.monitor.status import (
    KIND_TH, STATUS_TH, STATUSES, Entry, deadline_status, standing_status,
)
from webpub.core.reporters import annotation
from webpub.repo import Repo


@dataclass
class Site:
    """Everything the report needs, loaded once."""

    repo: Repo
    today: dt.date
    items: list[Item]
    within: int = 0  # Site.load fills in schema/rules.yml expiring_soon_days
    data: dict = field(default_factory=dict)
    live_by_topic: dict[tuple[str, str | None], list[Item]] = field(default_factory=dict)
    site_url: str = ""
    directory_urls: bool = True

    @classmethod
    def load(cls, repo: Repo, today: dt.date, within: int | None = None,
             published_only: bool = False, shown: set[str] | None = None,
             pages: dict | None = None) -> "Site":
        data = obl.load(repo)
        items = load_items(repo, pages)
        if shown is not None:
            wanted = {p if p.startswith("content/") else f"content/{p}" for p in shown}
            items = [item for item in items if item.path in wanted]
        elif published_only:
            items = publishable_only(repo, items, today)
        if within is None:
            within = repo.expiring_soon_days
        site = cls(repo, today, items, within, data)
        site.site_url, site.directory_urls = site_settings(repo)
        for item in items:
            if is_live(item, today):
                site.live_by_topic.setdefault((item.category_id, item.topic_id), []).append(item)
        return site

    @property
    def default_division(self) -> str:
        return (self.data.get("tracking") or {}).get("default_division", "")

    def matching(self, match: dict) -> list[Item]:
        """Live items of the category (and topic, sub-topics included; and tag) of ``match``."""
        category, wanted = str(match["category"]), match.get("topic")
        found = []
        for (cat, topic), items in self.live_by_topic.items():
            if cat != category:
                continue
            if wanted and topic != wanted and (self.repo.topic(cat, topic) or {}).get("parent") != wanted:
                continue
            found.extend(items)
        tag = match.get("tag")
        return [item for item in found if tag in item.tags] if tag else found

    def url(self, path: str) -> str:
        return page_url(path, self.site_url, self.directory_urls)

    def entry(self, id_, kind, title, status, items, division, **extra) -> Entry:
        paths = sorted({item.path for item in items})
        owner = division or (items[0].division if items else "") or self.default_division
        return Entry(id_, kind, title, status, paths, owner, [self.url(p) for p in paths], **extra)


def publishable_only(repo: Repo, items: list[Item], today: dt.date) -> list[Item]:
    """Keep the items the publish build would put on the site (approvals included)."""
    from webpub.context import Context
    from webpub.publish import decide

    ctx = Context(repo=repo, today=today)
    return [item for item in items if item.readable and decide(item.page, ctx).publishable]


# -- entries ---------------------------------------------------------------
def category_title(repo: Repo, category_id: str, topic_id: str | None) -> str:
    name = repo.categories[category_id]["name_th"]
    if topic_id:
        return f"{category_id} {name} — {repo.topic(category_id, topic_id)['name_th']}"
    return f"{category_id} {name}"


def standard_entries(site: Site) -> list[Entry]:
    entries = []
    for rule in site.data.get("standard") or []:
        category = str(rule["category"])
        group = site.repo.categories[category]["group"]
        title = category_title(site.repo, category, rule.get("topic"))
        items = site.matching(rule)
        status = "ok" if rule.get("generated") else standing_status(items, site.today, site.within)
        entries.append(site.entry(str(rule["id"]), "category", title, status, items,
                                  rule.get("division"), group=group))
    return entries


def oia_topics(repo: Repo) -> list[dict]:
    topics = (repo.categories.get("2.1") or {}).get("topics") or []
    return [t for t in topics if t.get("section") and not t.get("parent")]


def oia_entries(site: Site) -> list[Entry]:
    divisions = site.data.get("oia_divisions") or {}
    entries = []
    for topic in oia_topics(site.repo):
        items = site.matching({"category": "2.1", "topic": topic["id"]})
        status = standing_status(items, site.today, site.within)
        entries.append(site.entry(topic["id"], "oia", topic["name_th"], status, items,
                                  divisions.get(topic["id"]), group="2"))
    return entries


def period_th(period: obl.Period) -> str:
    if period.month:
        year, month = (int(p) for p in period.month.split("-"))
        return f"{MONTHS_TH[month - 1]} {year + 543}"
    if period.label.endswith("-H1"):
        return f"ปีงบประมาณ พ.ศ. {period.fiscal_year} รอบ 6 เดือนแรก (ต.ค.–มี.ค.)"
    return f"ปีงบประมาณ พ.ศ. {period.fiscal_year}"


def occurrence_items(site: Site, occurrence: obl.Occurrence) -> list[Item]:
    found = []
    for match in occurrence.obligation["match"]:
        found.extend(i for i in site.matching(match) if obl.satisfies(i, occurrence, site.repo))
    return found


def occurrence_entry(site: Site, occurrence: obl.Occurrence, kind: str = "obligation",
                     id_: str | None = None) -> Entry:
    ob = occurrence.obligation
    items = occurrence_items(site, occurrence)
    status = deadline_status(bool(items), occurrence.due, site.today)
    title = f"{ob['title_th']} — {period_th(occurrence.period)}"
    return site.entry(id_ or occurrence.id, kind, title, status, items, ob.get("division"),
                      due=occurrence.due)


def obligation_entries(site: Site, since: dt.date | None = None) -> list[Entry]:
    first = obl.window_start(site.data, site.today, since)
    entries = []
    for ob in site.data.get("obligations") or []:
        for occurrence in obl.occurrences(ob, first, site.today):
            entries.append(occurrence_entry(site, occurrence))
    return entries


# -- the report ------------------------------------------------------------
def counts(entries: list[Entry]) -> dict:
    data = {"total": len(entries), **{s: 0 for s in STATUSES}}
    for entry in entries:
        data[entry.status] += 1
    data["score"] = round(100.0 * data["ok"] / data["total"], 1) if data["total"] else 100.0
    return data


def summarize(entries: list[Entry]) -> dict:
    kinds = sorted({e.kind for e in entries}, key=list(KIND_TH).index)
    groups = sorted({e.group for e in entries if e.group})
    return {
        "by_kind": {k: counts([e for e in entries if e.kind == k]) for k in kinds},
        "by_group": {g: counts([e for e in entries if e.group == g]) for g in groups},
        "total": counts(entries),
    }


def build(repo: Repo, today: dt.date, since: dt.date | None = None, within: int | None = None,
          published_only: bool = False, shown: set[str] | None = None, pages: dict | None = None) -> dict:
    """The report as its JSON contract: ``{"today", "entries", "summary"}``."""
    site = Site.load(repo, today, within, published_only, shown, pages)
    entries = standard_entries(site) + oia_entries(site) + obligation_entries(site, since)
    return as_json(today, entries, unreadable(site), bad_dates(site))


def unreadable(site: Site) -> list[str]:
    return [item.path for item in site.items if not item.readable]


def bad_dates(site: Site) -> list[dict]:
    """Items with a date WP006 refuses: never counted as present, listed for attention."""
    return [{"path": item.path, "fields": list(item.bad_dates)}
            for item in site.items if item.readable and item.bad_dates]


def as_json(today: dt.date, entries: list[Entry], unreadable_paths: list[str],
            bad_date_items: list[dict] | None = None) -> dict:
    return {
        "today": today.isoformat(),
        "entries": [e.to_json() for e in entries],
        "summary": summarize(entries),
        "unreadable": unreadable_paths,
        "bad_dates": bad_date_items or [],
    }


# -- rendering -------------------------------------------------------------
def _division_name(repo: Repo, division: str) -> str:
    return (repo.divisions.get(division) or {}).get("name_th", division)


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def to_text(report: dict, repo: Repo) -> str:
    today = dt.date.fromisoformat(report["today"])
    lines = [f"รายงานความครบถ้วนของข้อมูลบนเว็บไซต์ ณ วันที่ {thai_date(today)}"]
    for kind, entries in _by_kind(report):
        lines.append("")
        lines.append(f"== {KIND_TH[kind]} ==")
        for e in entries:
            due = f" (กำหนด {thai_date(dt.date.fromisoformat(e['due']))})" if e.get("due") else ""
            lines.append(f"[{e['status']}] {e['id']}: {e['title']} — {STATUS_TH[e['status']]}{due}"
                         f" — {_division_name(repo, e['division'])}")
            lines.extend(f"    {p}" for p in e["paths"])
    lines.append("")
    lines.extend(_summary_lines(report))
    for path in report.get("unreadable") or []:
        lines.append(f"อ่านไม่ได้ (ไม่นับเป็นข้อมูลที่มี): {path} — รัน webpub check {path} เพื่อดูสาเหตุ")
    for entry in report.get("bad_dates") or []:
        lines.append(f"วันที่ไม่ถูกต้อง (ไม่นับเป็นข้อมูลที่มีและไม่เผยแพร่): {entry['path']} ช่อง {', '.join(entry['fields'])}"
                     f" — รัน webpub check {entry['path']} เพื่อดูวิธีแก้")
    return "\n".join(lines) + "\n"


def _by_kind(report: dict):
    kinds: dict[str, list[dict]] = {}
    for entry in report["entries"]:
        kinds.setdefault(entry["kind"], []).append(entry)
    return kinds.items()


def _summary_lines(report: dict) -> list[str]:
    lines = []
    for kind, c in report["summary"]["by_kind"].items():
        lines.append(f"{KIND_TH[kind]}: ครบ {c['ok']}/{c['total']} ({c['score']}%)"
                     f" ยังไม่มี {c['missing']} เลยกำหนด {c['overdue']} เลยวันทบทวน {c['stale']}"
                     f" ใกล้หมดระยะ {c['expiring']}")
    total = report["summary"]["total"]
    lines.append(f"รวม: ครบ {total['ok']}/{total['total']} ({total['score']}%)")
    return lines


def to_markdown(report: dict, repo: Repo) -> str:
    """The report as a Thai site page (B.E. dates, links to the items)."""
    today = dt.date.fromisoformat(report["today"])
    out = [
        "# รายงานความครบถ้วนของข้อมูลบนเว็บไซต์",
        "",
        f"ข้อมูล ณ วันที่ {thai_date(today)} ตรวจตามมาตรฐานเว็บไซต์ภาครัฐ เวอร์ชัน 2.0 "
        "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540 มาตรา 7 และมาตรา 9 "
        "และกำหนดส่งข้อมูลตามรอบเวลา",
        "",
        "## สรุป",
        "",
        "| กลุ่ม | ครบ | ทั้งหมด | คะแนน (%) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for kind, c in report["summary"]["by_kind"].items():
        out.append(f"| {KIND_TH[kind]} | {c['ok']} | {c['total']} | {c['score']} |")
    for group, c in report["summary"]["by_group"].items():
        name = next((g["name_th"] for g in repo.groups if str(g["id"]) == group), group)
        out.append(f"| กลุ่มที่ {group} {_cell(name)} | {c['ok']} | {c['total']} | {c['score']} |")
    for kind, entries in _by_kind(report):
        out += ["", f"## {KIND_TH[kind]}", "",
                "| รหัส | รายการ | สถานะ | กำหนดส่ง | หน้าที่เกี่ยวข้อง | ผู้รับผิดชอบ |",
                "| --- | --- | --- | --- | --- | --- |"]
        for e in entries:
            due = thai_date(dt.date.fromisoformat(e["due"]), abbr=True) if e.get("due") else "–"
            links = ", ".join(f"[{_cell(p[len('content/'):])}]({u})" for p, u in zip(e["paths"], e["urls"])) or "–"
            out.append(f"| {_cell(e['id'])} | {_cell(e['title'])} | {STATUS_TH[e['status']]} | {due}"
                       f" | {links} | {_cell(_division_name(repo, e['division']))} |")
    return "\n".join(out) + "\n"


ANNOTATION_LEVEL = {"missing": "error", "overdue": "error", "stale": "warning", "expiring": "warning"}


def to_github(report: dict, repo: Repo) -> str:
    """One annotation per entry that is not ``ok``: on its first page when it has one, else
    on no file (a missing item has none); the summary lines follow, as in the text report."""
    lines = []
    for e in report["entries"]:
        level = ANNOTATION_LEVEL.get(e["status"])
        if level is None:
            continue
        due = f" (กำหนด {thai_date(dt.date.fromisoformat(e['due']))})" if e.get("due") else ""
        lines.append(annotation(level, f"{e['title']} — {STATUS_TH[e['status']]}{due} — {_division_name(repo, e['division'])}",
                                path=(e["paths"] or [None])[0], line=1, title=f"{KIND_TH[e['kind']]} {e['id']}"))
    for path in report.get("unreadable") or []:
        lines.append(annotation("error", "อ่านไม่ได้ (ไม่นับเป็นข้อมูลที่มี) — รัน webpub check เพื่อดูสาเหตุ", path=path, line=1))
    for entry in report.get("bad_dates") or []:
        lines.append(annotation("error", f"วันที่ไม่ถูกต้องในช่อง {', '.join(entry['fields'])} (ไม่นับเป็นข้อมูลที่มีและไม่เผยแพร่) — "
                                         "รัน webpub check เพื่อดูวิธีแก้", path=entry["path"], line=1, title="WP006"))
    lines.extend(_summary_lines(report))
    return "\n".join(lines) + "\n"


def render(report: dict, repo: Repo, fmt: str) -> str:
    if fmt == "github":
        return to_github(report, repo)
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return to_markdown(report, repo)
    return to_text(report, repo)


def site_page(repo: Repo, today: dt.date, *, published_only: bool = True,
              shown: set[str] | None = None, pages: dict | None = None) -> tuple[str, dict]:
    """The report as a Thai Markdown page and its JSON dict (for the site build).

    A public page must not call something present that the site does not show, so by
    default only publishable items count (``webpub.publish.decide``). A build that has
    already decided can pass the paths it shows as ``shown`` (``content/…`` or relative
    to ``content/``) to skip deciding twice, and the pages it parsed (``{"content/…": Page}``)
    as ``pages`` to skip reading them twice.
    """
    report = build(repo, today, published_only=published_only, shown=shown, pages=pages)
    return to_markdown(report, repo), report
