"""WP015: the owner has not confirmed a standing page is still current in time.

Two cases, both warnings: ``review_by`` is in the past (Asia/Bangkok); or a page
without ``review_by`` and without a publication period has not been updated for
longer than its category's ``review_days`` (``schema/categories.yml``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from webpub.checks.date_values import usable_date
from webpub.dates import thai_date
from webpub.model import Finding
from webpub.publish import effective_expiry

ID = "WP015"
NAME = "review-due"
DESCRIPTION = "ถึงกำหนดทบทวนความเป็นปัจจุบันของข้อมูลแล้ว (review date passed)"

HINT = ("ตรวจเนื้อหาว่ายังถูกต้องเป็นปัจจุบัน แล้วแก้ updated เป็นวันที่ตรวจ และ review_by เป็นวันทบทวนครั้งถัดไป "
        "(การแก้นี้ต้องขออนุมัติใหม่)")


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok or page.get("withdrawn") is not None:
        return
    review_by = usable_date(page.get("review_by"))
    if review_by:
        if ctx.today > review_by:
            yield page.finding(ID, page.line_of("review_by"),
                               f"เลยกำหนดทบทวนข้อมูลแล้ว (review_by: {thai_date(review_by)}, {review_by})", HINT)
        return
    yield from _stale(page, ctx)


def _stale(page, ctx) -> Iterator[Finding]:
    repo = ctx.repo
    category = repo.categories.get(page.category or "") or {}
    days = category.get("review_days")
    if not days or effective_expiry(page, repo) is not None:
        return
    key = "updated" if usable_date(page.get("updated")) else "published"
    last = usable_date(page.get(key))
    if last and ctx.today > last + dt.timedelta(days=int(days)):
        yield page.finding(
            ID, page.line_of(key),
            f"ไม่ได้ปรับปรุงหรือทบทวนมาเกิน {int(days):,} วัน (ครั้งล่าสุด {thai_date(last)}) ตามรอบทบทวนของหมวด {page.category}",
            HINT,
        )
