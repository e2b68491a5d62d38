"""WP008: ``owner.division`` is a division and ``owner.officer`` a person in ``schema/organization.yml``.

Whether the officer belongs to that division is WP028 (a warning by default),
so an agency can make it strict or loose in ``schema/rules.yml``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from webpub.content.catrules import division_list_th, people_list_th, people_of
from webpub.core.results import Finding

ID = "WP008"
NAME = "owner"
DESCRIPTION = "กองและเจ้าหน้าที่เจ้าของข้อมูลต้องมีอยู่ใน schema/organization.yml (owner division and officer exist)"


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    repo = ctx.repo
    division = page.get("owner", "division")
    officer = page.get("owner", "officer")
    if isinstance(division, str) and division not in repo.divisions:
        yield page.finding(ID, page.line_of("owner", "division"), f"ไม่มีกอง '{division}' ใน schema/organization.yml",
                           _suggest(division, list(repo.divisions)) + "รหัสกองที่ใช้ได้: " + division_list_th(repo))
    if isinstance(officer, str) and officer not in repo.people:
        members = people_of(repo, division) if isinstance(division, str) else []
        listed = ("เจ้าหน้าที่ของกองนี้: " + people_list_th(members)) if members else \
            "ดูรหัสบุคคลได้ในหัวข้อ people ของ schema/organization.yml"
        yield page.finding(ID, page.line_of("owner", "officer"),
                           f"ไม่มีเจ้าหน้าที่รหัส '{officer}' ใน schema/organization.yml",
                           _suggest(officer, list(repo.people)) + listed
                           + " — ถ้าเป็นเจ้าหน้าที่ใหม่ ให้ผู้ดูแลระบบเพิ่มชื่อใน organization.yml ก่อน")


def _suggest(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f"หมายถึง '{close[0]}' หรือไม่ — " if close else ""
