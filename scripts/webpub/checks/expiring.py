"""WP014: an item whose publication period ends within the "expiring soon" window.

The window is data: ``expiring_soon_days`` in ``schema/rules.yml``, the same one
``webpub expire``, ``report`` and ``remind`` use.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.dates import is_expiring, thai_date
from webpub.core.results import Finding
from webpub.publish import expiry_key

ID = "WP014"
NAME = "expiring"
DESCRIPTION = "รายการที่จะหมดระยะเวลาเผยแพร่ในไม่ช้า (expiring soon, within expiring_soon_days)"


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok or page.get("withdrawn") is not None:
        return
    repo = ctx.repo
    expiry = ctx.item(page).expiry
    if expiry is None:
        return
    if not is_expiring(expiry, ctx.today, repo.expiring_soon_days):
        return
    left = (expiry - ctx.today).days
    when = "วันนี้เป็นวันสุดท้าย" if left == 0 else f"อีก {left:,} วัน"
    yield page.finding(
        ID, page.line_of(expiry_key(page, repo)),
        f"จะหมดระยะเวลาเผยแพร่เมื่อสิ้นวันที่ {thai_date(expiry)} ({expiry}) — {when}",
        "ถ้าต้องเผยแพร่ต่อ ให้แก้ expires เป็นวันสุดท้ายใหม่และขออนุมัติ ถ้าไม่ต้องแล้ว ไม่ต้องทำอะไร "
        "ระบบจะนำออกเองเมื่อพ้นกำหนด",
    )
