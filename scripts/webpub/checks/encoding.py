"""WP001: files are UTF-8 without a byte-order mark, with LF line endings."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.core.results import Finding
from webpub.content.page import BOM

ID = "WP001"
NAME = "encoding"
DESCRIPTION = "ไฟล์ต้องเข้ารหัส UTF-8 ไม่มี BOM และขึ้นบรรทัดใหม่แบบ LF (UTF-8, no BOM, LF line endings)"


def check(page, ctx) -> Iterator[Finding]:
    problem = page.load_problem
    if problem and problem.rule == ID:
        yield page.finding(ID, problem.line, problem.message, problem.hint)
        return
    if page.raw.startswith(BOM):
        yield page.finding(ID, 1, "ไฟล์ขึ้นต้นด้วย BOM (byte-order mark)",
                           "บันทึกไฟล์เป็น UTF-8 แบบไม่มี BOM (UTF-8 without BOM)")
    crlf = page.raw.find(b"\r")
    if crlf != -1:
        line = page.raw.count(b"\n", 0, crlf) + 1
        kind = "CRLF (Windows)" if page.raw[crlf:crlf + 2] == b"\r\n" else "CR"
        yield page.finding(ID, line, f"ไฟล์ขึ้นบรรทัดใหม่แบบ {kind} แทน LF",
                           "ตั้งโปรแกรมแก้ไขให้ใช้ LF หรือรัน: sed -i 's/\\r$//' ชื่อไฟล์")
