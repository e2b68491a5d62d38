"""What "ok" means, and turning the items that meet an entry into one status.

The one definition every report shares (CLI text/JSON/Markdown/GitHub, the site's
compliance page, the scheduled report, ITA, division dashboards): an entry is **ok**
when it has a current, approved item — an item the publish build puts on the site
today (``present``: ``webpub.publish.decide``, never a second copy of that decision).
A draft, an unapproved item, one whose day has not come, a withdrawn or expired one
never counts. A topic that does not apply to the agency is ``na`` only through an
approved page that says so (``not_applicable: reason`` in its frontmatter).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from webpub.content.item import Item
from webpub.messages import t
from webpub.monitor import periods

OK, MISSING, OVERDUE, STALE, EXPIRING, NA = "ok", "missing", "overdue", "stale", "expiring", "na"
STATUSES = (OK, MISSING, OVERDUE, STALE, EXPIRING, NA)
# best first: what an entry shows when several things could satisfy it
RANK = {OK: 0, NA: 0, EXPIRING: 1, STALE: 2, MISSING: 3, OVERDUE: 4}
KINDS = ("category", "oia", "obligation", "ita")


# the catalogue's words for each status and kind (messages/th/report.yml)
STATUS_TH = {status: t(f"report.status_{status}") for status in STATUSES}
KIND_TH = {kind: t(f"report.kind_{kind}") for kind in KINDS}


def present(item: Item, ctx) -> bool:
    """The evidence "ok" rests on: the item is on the public site today (approved,
    current, its day come) — exactly what ``webpub.publish.decide`` publishes."""
    from webpub.publish import decide

    return item.readable and decide(item.page, ctx).publishable


def on_site(repo, items: list[Item], today: dt.date) -> list[Item]:
    """The items of ``items`` that count towards "ok" (see ``present``)."""
    from webpub.context import Context

    ctx = Context(repo=repo, today=today)
    return [item for item in items if present(item, ctx)]


def not_applicable_reason(item: Item) -> str | None:
    """The reason an approved page gives for its topic not applying to the agency, or None."""
    value = item.page.get("not_applicable") if item.readable else None
    return value.strip() if isinstance(value, str) and value.strip() else None


@dataclass
class Entry:
    id: str
    kind: str
    title: str
    status: str
    paths: list[str]
    division: str
    urls: list[str] = field(default_factory=list)
    due: dt.date | None = None
    group: str | None = None
    category: str | None = None  # the standard's category the entry belongs to
    parent: str | None = None  # the entry whose status this one feeds (topic -> category)
    reason: str = ""  # why: a not-applicable entry's reason, a generated page's note
    titles: list[str] = field(default_factory=list)  # the items' titles, in paths' order
    generated: bool = False  # made by every site build (the sitemap, share links): never missing

    def to_json(self) -> dict:
        data = {
            "id": self.id, "kind": self.kind, "title": self.title, "status": self.status,
            "paths": self.paths, "division": self.division, "urls": self.urls,
        }
        if self.due:
            data["due"] = self.due.isoformat()
        if self.group:
            data["group"] = self.group
        for key in ("category", "parent"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        if self.reason:
            data["reason"] = self.reason
        if self.generated:
            data["generated"] = True
        data["titles"] = self.titles
        return data


def standing_status(items: list[Item], today: dt.date, within: int) -> str:
    """ok when one live item is current; else expiring, stale, missing (in that order)."""
    states = {periods.item_state(item, today, within) for item in items}
    for state in (periods.CURRENT, periods.EXPIRING, periods.STALE):
        if state in states:
            return {periods.CURRENT: OK, periods.EXPIRING: EXPIRING, periods.STALE: STALE}[state]
    return MISSING


def aggregate(statuses) -> str:
    """An entry made of parts (a category of topics, a topic of sub-items): its worst
    part, not-applicable parts left out; ``na`` when every part is not applicable."""
    parts = [s for s in statuses if s != NA]
    if not parts:
        return NA if statuses else MISSING
    return worst(parts)


def deadline_status(satisfied: bool, due: dt.date, today: dt.date) -> str:
    """A scheduled item: ok if there, overdue after the end of its due day (Bangkok), else missing."""
    if satisfied:
        return OK
    return OVERDUE if today > due else MISSING


def best(statuses) -> str:
    ranked = sorted(statuses, key=RANK.__getitem__)
    return ranked[0] if ranked else MISSING


def worst(statuses) -> str:
    ranked = sorted(statuses, key=RANK.__getitem__)
    return ranked[-1] if ranked else MISSING
