"""WP014: an item whose publication period ends within the warning window (default 14 days).

The window is data: ``days`` on the WP014 line of ``schema/rules.yml``.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.catrules import expiry_key, rule_param
from webpub.dates import thai_date
from webpub.model import Finding
from webpub.publish import effective_expiry

ID = "WP014"
NAME = "expiring"
DESCRIPTION = "รายการที่จะหมดระยะเวลาเผยแพร่ในไม่ช้า (expiring soon, default within 14 days)"
DEFAULT_DAYS = 14


def warning_days(repo) -> int:
    return int(rule_param(repo, ID, "days", DEFAULT_DAYS))


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok or page.get("withdrawn") is not None:
        return
    repo = ctx.repo
    expiry = effective_expiry(page, repo)
    if expiry is None:
        return
    left = (expiry - ctx.today).days
    if not 0 <= left <= warning_days(repo):
        return
    when = "วันนี้เป็นวันสุดท้าย" if left == 0 else f"อีก {left:,} วัน"
    yield page.finding(
        ID, page.line_of(expiry_key(page, repo)),
        f"จะหมดระยะเวลาเผยแพร่เมื่อสิ้นวันที่ {thai_date(expiry)} ({expiry}) — {when}",
        "ถ้าต้องเผยแพร่ต่อ ให้แก้ expires เป็นวันสุดท้ายใหม่และขออนุมัติ ถ้าไม่ต้องแล้ว ไม่ต้องทำอะไร "
        "ระบบจะนำออกเองเมื่อพ้นกำหนด",
    )
