"""Turning the items that meet an entry into one status, shared by report and ITA."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from webpub.monitor import periods
from webpub.content.item import Item

OK, MISSING, OVERDUE, STALE, EXPIRING = "ok", "missing", "overdue", "stale", "expiring"
STATUSES = (OK, MISSING, OVERDUE, STALE, EXPIRING)
# best first: what an entry shows when several things could satisfy it
RANK = {OK: 0, EXPIRING: 1, STALE: 2, MISSING: 3, OVERDUE: 4}

STATUS_TH = {
    OK: "ครบถ้วน",
    MISSING: "ยังไม่มี",
    OVERDUE: "เลยกำหนดส่ง",
    STALE: "เลยวันทบทวน",
    EXPIRING: "ใกล้หมดระยะเผยแพร่",
}
KIND_TH = {
    "category": "มาตรฐานเว็บไซต์ภาครัฐ เวอร์ชัน 2.0",
    "oia": "พ.ร.บ.ข้อมูลข่าวสารของราชการ พ.ศ. 2540 มาตรา 7 และมาตรา 9",
    "obligation": "ข้อมูลที่ต้องส่งตามรอบเวลา",
    "ita": "การประเมิน ITA",
}


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

    def to_json(self) -> dict:
        data = {
            "id": self.id, "kind": self.kind, "title": self.title, "status": self.status,
            "paths": self.paths, "division": self.division, "urls": self.urls,
        }
        if self.due:
            data["due"] = self.due.isoformat()
        if self.group:
            data["group"] = self.group
        return data


def standing_status(items: list[Item], today: dt.date, within: int) -> str:
    """ok when one live item is current; else expiring, stale, missing (in that order)."""
    states = {periods.item_state(item, today, within) for item in items}
    for state in (periods.CURRENT, periods.EXPIRING, periods.STALE):
        if state in states:
            return {periods.CURRENT: OK, periods.EXPIRING: EXPIRING, periods.STALE: STALE}[state]
    return MISSING


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
