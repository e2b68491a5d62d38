"""WP030: no Thai national ID numbers (PDPA) in a page's body or frontmatter.

A deliberate exception (a specimen number in a manual, a number a law requires to
be published) is declared in the page's own frontmatter::

    privacy_exceptions:
      - value: "1-2345-67890-12-1"
        reason: เลขตัวอย่างในคู่มือการกรอกแบบฟอร์ม ไม่ใช่เลขของบุคคลจริง

The declaration is part of the content digest, so the director who approves the
page approves the exception too. An entry needs a reason of at least 10
characters. Findings show the number masked, never in full.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub import thaiid
from webpub.core.results import Finding

ID = "WP030"
NAME = "national-id"
DESCRIPTION = "ห้ามมีเลขประจำตัวประชาชน 13 หลักในหน้าเว็บ เว้นแต่ประกาศข้อยกเว้นที่ผ่านการพิจารณา (no Thai national ID numbers)"

SKIPPED_KEYS = frozenset({"privacy_exceptions", "approvals"})
MIN_REASON = 10
HINT = ("ลบหรือปิดบังเลขนี้ (เช่น 1-2345-xxxxx-xx-3) ตาม พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล "
        "ถ้าจำเป็นต้องเผยแพร่จริง ให้เพิ่ม privacy_exceptions: - value: เลขนั้น พร้อม reason: เหตุผล "
        "ใน frontmatter เพื่อให้ผู้อนุมัติพิจารณา")


def accepted_exceptions(page) -> set[str]:
    out = set()
    for item in page.get("privacy_exceptions") or []:
        if not isinstance(item, dict):
            continue
        value, reason = item.get("value"), item.get("reason")
        if isinstance(value, str) and isinstance(reason, str) and len(reason.strip()) >= MIN_REASON:
            out.add(thaiid.digits_of(value))
    return out


def check(page, ctx) -> Iterator[Finding]:
    if page.text is None:
        return
    allowed = accepted_exceptions(page) if page.ok else set()
    for line, digits, where in occurrences(page):
        if digits in allowed:
            continue
        yield page.finding(ID, line, f"พบเลขประจำตัวประชาชน {thaiid.mask(digits)} ใน{where}", HINT)


def occurrences(page):
    if page.ok:
        for path, value in _values(page.meta, ()):
            for _, digits in thaiid.find(value):
                yield page.line_of(*path), digits, f"ข้อมูล {'.'.join(str(p) for p in path)} ใน frontmatter"
    for offset, digits in thaiid.find(page.body):
        yield page.body_line_of(offset), digits, "เนื้อหา"


def _values(node, path):
    if isinstance(node, dict):
        for key, value in node.items():
            if not path and key in SKIPPED_KEYS:
                continue
            yield from _values(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _values(value, path + (index,))
    elif node is not None:
        yield path, str(node)
