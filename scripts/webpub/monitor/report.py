"""The completeness report: the standard's checklist, OIA sections 7 and 9, and every
recurring obligation up to today, each with its status, the items that meet it and
the division that answers for it. The same report is a site page and a JSON file.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from webpub.dates import thai_date, thai_month
from webpub.monitor import obligations as obl
from webpub.content.item import Item
from webpub.monitor.items import load_items, page_url, site_settings
from webpub.monitor.periods import is_live
from webpub.messages import t
from webpub.monitor.status import (
    KIND_TH, MISSING, NA, OK, STATUS_TH, STATUSES, Entry, aggregate, deadline_status,
    not_applicable_reason, on_site, standing_status,
)
from webpub.core.reporters import annotation
from webpub.repo import Repo


@dataclass
class Site:
    """Everything the report needs, loaded once.

    ``items`` are the items that count (``status.present``: on the public site today);
    ``all_items`` every page found, for the lists of what is unreadable or not yet counted.
    """

    repo: Repo
    today: dt.date
    items: list[Item]
    within: int = 0  # Site.load fills in schema/rules.yml expiring_soon_days
    data: dict = field(default_factory=dict)
    live_by_topic: dict[tuple[str, str | None], list[Item]] = field(default_factory=dict)
    site_url: str = ""
    directory_urls: bool = True
    all_items: list[Item] = field(default_factory=list)

    @classmethod
    def load(cls, repo: Repo, today: dt.date, within: int | None = None,
             shown: set[str] | None = None, pages: dict | None = None) -> "Site":
        data = obl.load(repo)
        everything = load_items(repo, pages)
        if shown is not None:  # a publish build that has already decided
            wanted = {p if p.startswith("content/") else f"content/{p}" for p in shown}
            items = [item for item in everything if item.path in wanted]
        else:
            items = on_site(repo, everything, today)
        if within is None:
            within = repo.expiring_soon_days
        site = cls(repo, today, items, within, data, all_items=everything)
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
        by_path = {item.path: item for item in items}
        paths = sorted(by_path)
        owner = division or (items[0].division if items else "") or self.default_division
        titles = [by_path[p].title for p in paths]
        return Entry(id_, kind, title, status, paths, owner, [self.url(p) for p in paths],
                     titles=titles, **extra)


def publishable_only(repo: Repo, items: list[Item], today: dt.date) -> list[Item]:
    """Keep the items the publish build would put on the site (approvals included)."""
    return on_site(repo, items, today)


# -- entries ---------------------------------------------------------------
OIA_CATEGORY = "2.1"


def category_title(repo: Repo, category_id: str, topic_id: str | None) -> str:
    name = repo.categories[category_id]["name_th"]
    if topic_id:
        return f"{category_id} {name} — {repo.topic(category_id, topic_id)['name_th']}"
    return f"{category_id} {name}"


def entry_kind(category_id: str, topic_id: str | None) -> str:
    return "oia" if category_id == OIA_CATEGORY and topic_id else "category"


def entry_title(repo: Repo, category_id: str, topic_id: str | None) -> str:
    if entry_kind(category_id, topic_id) == "oia":
        return repo.topic(category_id, topic_id)["name_th"]
    return category_title(repo, category_id, topic_id)


def parent_id(repo: Repo, category_id: str, topic_id: str | None) -> str | None:
    """The entry an entry feeds: a sub-item its topic, a topic its category."""
    if not topic_id:
        return None
    parent = (repo.topic(category_id, topic_id) or {}).get("parent")
    return f"{category_id}/{parent}" if parent else category_id


def standing_entry(site: Site, rule: dict) -> Entry:
    """One entry of the standard's checklist from its own items: ok with a current
    approved item; not applicable with only an approved page giving the reason."""
    category, topic = str(rule["category"]), rule.get("topic")
    items = site.matching({"category": category, "topic": topic}) if topic else site.matching({"category": category})
    own = items if topic else [i for i in items if i.topic_id is None]
    real = [i for i in items if not_applicable_reason(i) is None]
    reasons = [r for r in (not_applicable_reason(i) for i in own) if r]
    reason = ""
    if rule.get("generated"):
        status, reason = OK, t(f"report.generated_{rule['generated']}")
    elif real:
        status = standing_status(real, site.today, site.within)
    elif reasons:
        status, reason = NA, reasons[0]
    else:
        status = MISSING
    return site.entry(str(rule["id"]), entry_kind(category, topic), entry_title(site.repo, category, topic),
                      status, items, rule.get("division"), group=site.repo.categories[category]["group"],
                      category=category, parent=parent_id(site.repo, category, topic), reason=reason,
                      generated=bool(rule.get("generated")))


def standard_entries(site: Site) -> list[Entry]:
    """Every category, topic and sub-item of ``standard`` in schema/obligations.yml (which
    lists every one of schema/categories.yml). An entry with parts (a category of topics, a
    topic of sub-items) is as good as its worst part; its own loose items are listed."""
    entries = [standing_entry(site, rule) for rule in site.data.get("standard") or []]
    by_id = {e.id: e for e in entries}
    children: dict[str, list[Entry]] = {}
    for e in entries:
        if e.parent in by_id:
            children.setdefault(e.parent, []).append(e)

    def settle(entry: Entry) -> str:
        parts = children.get(entry.id)
        if parts and not entry.reason:
            entry.status = aggregate([settle(p) for p in parts])
        return entry.status

    for entry in entries:
        settle(entry)
    return entries


def oia_topics(repo: Repo) -> list[dict]:
    topics = (repo.categories.get(OIA_CATEGORY) or {}).get("topics") or []
    return [topic for topic in topics if topic.get("section")]


def period_th(period: obl.Period) -> str:
    if period.month:
        year, month = (int(p) for p in period.month.split("-"))
        return thai_month(year, month)
    if period.label.endswith("-H1"):
        return t("report.period_first_half", year=period.fiscal_year)
    return t("report.period_year", year=period.fiscal_year)


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
    """Counts by status; ``total`` and ``score`` leave out entries that do not apply."""
    data = {**{s: 0 for s in STATUSES}}
    for entry in entries:
        data[entry.status] += 1
    data["total"] = len(entries) - data[NA]
    data["score"] = round(100.0 * data["ok"] / data["total"], 1) if data["total"] else 100.0
    return data


def leaves(entries: list[Entry]) -> list[Entry]:
    """The checklist's items: entries no other entry feeds (a category's count is its
    topics', a topic's its sub-items')."""
    parents = {e.parent for e in entries if e.parent}
    return [e for e in entries if e.id not in parents]


def summarize(entries: list[Entry]) -> dict:
    kinds = sorted({e.kind for e in entries}, key=list(KIND_TH).index)
    groups = sorted({e.group for e in entries if e.group})
    items = leaves(entries)
    categories = list(dict.fromkeys(e.category for e in entries if e.category))
    return {
        "by_kind": {k: counts([e for e in items if e.kind == k]) for k in kinds},
        "by_group": {g: counts([e for e in items if e.group == g and e.category]) for g in groups},
        "by_category": {c: counts([e for e in items if e.category == c]) for c in categories},
        "total": counts(items),
    }


def build(repo: Repo, today: dt.date, since: dt.date | None = None, within: int | None = None,
          shown: set[str] | None = None, pages: dict | None = None) -> dict:
    """The report as its JSON contract: ``{"today", "entries", "summary", …}``.

    Only items that are on the public site today count (``status.present``): a draft or an
    unapproved item is listed under ``not_counted``, never as ok."""
    site = Site.load(repo, today, within, shown, pages)
    entries = standard_entries(site) + obligation_entries(site, since)
    report = as_json(today, entries, unreadable(site), bad_dates(site))
    report["not_counted"] = not_counted(site)
    return report


def unreadable(site: Site) -> list[str]:
    return [item.path for item in site.all_items if not item.readable]


def bad_dates(site: Site) -> list[dict]:
    """Items with a date WP006 refuses: never counted as present, listed for attention."""
    return [{"path": item.path, "fields": list(item.bad_dates)}
            for item in site.all_items if item.readable and item.bad_dates]


def not_counted(site: Site) -> list[str]:
    """Readable pages with good dates that do not count: drafts, unapproved, not yet due, taken down."""
    counted = {item.path for item in site.items}
    return [item.path for item in site.all_items
            if item.readable and not item.bad_dates and item.path not in counted]


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


def _due(entry: dict, abbr: bool = False) -> str:
    return thai_date(dt.date.fromisoformat(entry["due"]), abbr=abbr) if entry.get("due") else ""


def _entry_line(e: dict, repo: Repo) -> str:
    parts = [e["title"], STATUS_TH[e["status"]]]
    if e.get("reason"):
        parts.append(t("report.reason", reason=e["reason"]))
    if e.get("due"):
        parts.append(t("report.due", date=_due(e)))
    parts.append(t("report.division", name=_division_name(repo, e["division"])))
    return " — ".join(parts)


MARK = {"ok": "✓", "na": "–", "missing": "✗", "overdue": "✗", "stale": "!", "expiring": "!"}


def to_text(report: dict, repo: Repo) -> str:
    today = dt.date.fromisoformat(report["today"])
    lines = [f"{t('report.title')} {t('report.as_of', date=thai_date(today))}", t("report.ok_means")]
    for kind, entries in _by_kind(report):
        lines.append("")
        lines.append(f"== {KIND_TH[kind]} ==")
        for e in entries:
            lines.append(f"{MARK[e['status']]} {_entry_line(e, repo)}")
            lines.extend(f"    {p}" for p in e["paths"])
    lines.append("")
    lines.extend(_summary_lines(report))
    for path in report.get("unreadable") or []:
        lines.append(t("report.unreadable", path=path))
    for entry in report.get("bad_dates") or []:
        lines.append(t("report.bad_dates", path=entry["path"], fields=", ".join(entry["fields"])))
    for path in report.get("not_counted") or []:
        lines.append(t("report.not_counted", path=path))
    return "\n".join(lines) + "\n"


def _by_kind(report: dict):
    kinds: dict[str, list[dict]] = {}
    for entry in report["entries"]:
        kinds.setdefault(entry["kind"], []).append(entry)
    return kinds.items()


def _summary_lines(report: dict) -> list[str]:
    lines = [t("report.summary_line", kind=KIND_TH[kind], **c)
             for kind, c in report["summary"]["by_kind"].items()]
    lines.append(t("report.total_line", **report["summary"]["total"]))
    return lines


def to_markdown(report: dict, repo: Repo) -> str:
    """The report as a Thai site page: a dashboard per group and category (a progress bar,
    counts, status chips, item titles linking to the items); no file paths, no English ids."""
    from webpub.monitor.dashboard import dashboard_markdown

    return dashboard_markdown(report, repo)


ANNOTATION_LEVEL = {"missing": "error", "overdue": "error", "stale": "warning", "expiring": "warning"}


def to_github(report: dict, repo: Repo) -> str:
    """One annotation per entry that is not ``ok`` (or not applicable): on its first page when
    it has one, else on no file (a missing item has none); the summary lines follow."""
    lines = []
    for e in report["entries"]:
        level = ANNOTATION_LEVEL.get(e["status"])
        if level is None:
            continue
        lines.append(annotation(level, _entry_line(e, repo), path=(e["paths"] or [None])[0], line=1,
                                title=KIND_TH[e["kind"]]))
    for path in report.get("unreadable") or []:
        lines.append(annotation("error", t("report.unreadable_short"), path=path, line=1))
    for entry in report.get("bad_dates") or []:
        lines.append(annotation("error", t("report.bad_dates_short", fields=", ".join(entry["fields"])),
                                path=entry["path"], line=1, title="WP006"))
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


def site_page(repo: Repo, today: dt.date, *, shown: set[str] | None = None,
              pages: dict | None = None) -> tuple[str, dict]:
    """The report as a Thai Markdown page and its JSON dict (for the site build).

    It counts what the CLI report counts (``status.present``); a build that has already
    decided can pass the paths it shows as ``shown`` (``content/…`` or relative to
    ``content/``) to skip deciding twice, and the pages it parsed (``{"content/…": Page}``)
    as ``pages`` to skip reading them twice.
    """
    report = build(repo, today, shown=shown, pages=pages)
    return to_markdown(report, repo), report
