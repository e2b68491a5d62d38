"""WP017: an attachment's extension is allowed for the page's category.

The base list is ``allowed`` in ``schema/file-rules.yml``; a category adds its
``attachment_extras`` (e.g. open data may carry .csv, .json, .kml).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from webpub.core.results import Finding

ID = "WP017"
NAME = "attachment-type"
DESCRIPTION = "ชนิดไฟล์แนบต้องเป็นชนิดที่หมวดหมู่ของหน้าอนุญาต (attachment type allowed for the category)"


def check(page, ctx) -> Iterator[Finding]:
    items = page.get("attachments") if page.ok else None
    if not isinstance(items, list):
        return
    allowed = ctx.repo.allowed_extensions(page.category)
    for index, item in enumerate(items):
        file = item.get("file") if isinstance(item, dict) else None
        if not isinstance(file, str) or not file:
            continue
        ext = posixpath.splitext(file)[1].lower()
        if ext in allowed:
            continue
        shown = f"นามสกุล {ext}" if ext else "ไฟล์ที่ไม่มีนามสกุล"
        where = f"หมวด {page.category}" if page.category in ctx.repo.categories else "เว็บไซต์"
        yield page.finding(
            ID, page.line_of("attachments", index, "file"),
            f"{where} ไม่รับไฟล์แนบ{shown} ({file})",
            f"แปลงไฟล์เป็นชนิดที่อนุญาต: {' '.join(allowed)} (เช่น บันทึกเป็น PDF)",
        )
