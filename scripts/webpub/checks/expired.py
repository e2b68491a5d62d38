"""WP013: an item past its publication period is an error.

Uses ``webpub.publish.effective_expiry`` and ``webpub.dates.is_expired`` so this check, the publish
build and ``webpub expire`` agree. An item is up through the whole expiry day in
Asia/Bangkok (``ctx.today``) and expired from the next day. Withdrawn items are
already off the site and are not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.dates import is_expired, thai_date
from webpub.core.results import Finding
from webpub.publish import expiry_key

ID = "WP013"
NAME = "expired"
DESCRIPTION = "รายการที่พ้นระยะเวลาเผยแพร่แล้วต้องนำออก (expired item)"


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok or page.get("withdrawn") is not None:
        return
    repo = ctx.repo
    expiry = ctx.item(page).expiry
    if not is_expired(expiry, ctx.today):
        return
    key = expiry_key(page, repo)
    days = (ctx.today - expiry).days
    how = "" if key == "expires" else f" (คำนวณจาก {key} ตามระยะเวลาเผยแพร่ของหมวด)"
    yield page.finding(
        ID, page.line_of(key),
        f"หมดระยะเวลาเผยแพร่แล้วตั้งแต่สิ้นวันที่ {thai_date(expiry)} ({expiry}){how} — เลยมา {days:,} วัน",
        "ถ้ายังต้องเผยแพร่ต่อ ให้แก้ expires เป็นวันสุดท้ายใหม่ (YYYY-MM-DD) แล้วขออนุมัติใหม่ "
        "ถ้าไม่ต้องแล้ว ให้รัน webpub expire --apply เพื่อนำออกจากเว็บไซต์โดยไม่ลบไฟล์",
    )
