"""WP002: text is NFC and free of bidi-override, control and invisible format characters.

Which characters are forbidden is decided once, in ``webpub.textchars`` (``webpub
new`` refuses the same ones in a title). Thai is never NFKC'd: only NFC is required.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from webpub import textchars
from webpub.core.results import Finding

ID = "WP002"
NAME = "unicode-text"
DESCRIPTION = "ข้อความต้องเป็น Unicode NFC และไม่มีอักขระควบคุมหรืออักขระกลับทิศทาง (NFC; no bidi/control characters)"

FORBIDDEN = textchars.FORBIDDEN  # the one definition, shared with `webpub new`


def check(page, ctx) -> Iterator[Finding]:
    text = page.text
    if text is None:
        return
    body = text[1:] if text.startswith("\ufeff") else text
    body = body.replace("\r", "")  # CR is WP001's business
    seen_lines = set()
    for match in FORBIDDEN.finditer(body):
        line = body.count("\n", 0, match.start()) + 1
        if line in seen_lines:
            continue
        seen_lines.add(line)
        yield page.finding(
            ID, line,
            f"พบอักขระต้องห้าม {textchars.describe(match.group())} ซึ่งมองไม่เห็นและอาจทำให้ข้อความแสดงผิดหรือหลอกผู้อ่านได้",
            "ลบอักขระนี้ออก (มักติดมาจากการคัดลอกจากโปรแกรมอื่น) แล้วพิมพ์ข้อความส่วนนั้นใหม่",
        )
    if not unicodedata.is_normalized("NFC", body):
        for number, line_text in enumerate(body.split("\n"), start=1):
            if not unicodedata.is_normalized("NFC", line_text):
                yield page.finding(
                    ID, number,
                    "ข้อความไม่อยู่ในรูป Unicode NFC (เช่น สระหรือวรรณยุกต์ถูกเก็บเป็นลำดับอักขระที่ต่างจากมาตรฐาน)",
                    "บันทึกไฟล์ใหม่ด้วยโปรแกรมแก้ไขที่ใช้ NFC หรือรัน: python3 -c \"import sys,unicodedata;"
                    "p=sys.argv[1];t=open(p,encoding='utf-8').read();open(p,'w',encoding='utf-8').write("
                    "unicodedata.normalize('NFC',t))\" ชื่อไฟล์",
                )
                break
