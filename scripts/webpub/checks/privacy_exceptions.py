"""WP032: each ``privacy_exceptions`` entry is a valid national ID that the page
actually contains and has a real reason; otherwise it is a stale or mistaken
exception that reviewers would sign without purpose."""

from __future__ import annotations

from collections.abc import Iterator

from webpub import thaiid
from webpub.checks.national_id import MIN_REASON, occurrences
from webpub.core.results import Finding

ID = "WP032"
NAME = "privacy-exceptions"
DESCRIPTION = "ข้อยกเว้นเลขประจำตัวประชาชนต้องตรงกับเลขที่มีในหน้าและมีเหตุผล (privacy exceptions are valid and used)"


def check(page, ctx) -> Iterator[Finding]:
    items = page.get("privacy_exceptions") if page.ok else None
    if not isinstance(items, list) or not items:
        return
    present = {digits for _, digits, _ in occurrences(page)}
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("value"), str):
            continue  # the frontmatter schema rule reports the shape
        problem = _problem(item, present)
        if problem:
            yield page.finding(ID, page.line_of("privacy_exceptions", index, "value"), *problem)


def _problem(item: dict, present: set[str]) -> tuple[str, str] | None:
    digits = thaiid.digits_of(item["value"])
    if not thaiid.is_valid(digits):
        return ("ค่าใน privacy_exceptions ไม่ใช่เลขประจำตัวประชาชนที่ถูกต้อง (ตรวจจากหลักตรวจสอบ)",
                "ลบรายการนี้ออก เลขที่ไม่ถูกต้องตามหลักตรวจสอบไม่ถูกตรวจพบอยู่แล้ว")
    reason = item.get("reason")
    if not isinstance(reason, str) or len(reason.strip()) < MIN_REASON:
        return (f"ข้อยกเว้นของเลข {thaiid.mask(digits)} ไม่มีเหตุผลหรือเหตุผลสั้นเกินไป จึงยังไม่มีผล",
                f"เขียน reason อย่างน้อย {MIN_REASON} ตัวอักษร อธิบายว่าทำไมต้องเผยแพร่เลขนี้")
    if digits not in present and not item.get("file"):  # file-scoped: the number is in the attachment (WP141)
        return (f"ไม่พบเลข {thaiid.mask(digits)} ในหน้านี้แล้ว ข้อยกเว้นนี้จึงไม่จำเป็น",
                "ลบรายการนี้ออกจาก privacy_exceptions")
    return None
