"""WP011: items of categories that cite outside material carry ``source``.

Required where the category has ``source_required: true`` or lists ``source``
among its (or its topic's) ``required_fields`` — the guideline asks that laws and
knowledge items show where they come from.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.content.catrules import source_required
from webpub.core.results import Finding

ID = "WP011"
NAME = "source-required"
DESCRIPTION = "หมวดที่ต้องอ้างอิงแหล่งที่มาต้องมี source (source where the category requires it)"


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok or not source_required(ctx.repo, page.category, page.topic):
        return
    if "source" in page.meta:
        return  # a blank, empty or malformed value is WP005's
    category = ctx.repo.categories.get(page.category or "") or {}
    yield page.finding(
        ID, page.line_of("category"),
        f"หมวด {page.category} ({category.get('name_th', '')}) ต้องระบุแหล่งที่มา (source)",
        "เพิ่ม source: ชื่อแหล่งที่มา เช่น ราชกิจจานุเบกษา หรือชื่อหน่วยงานเจ้าของข้อมูลพร้อมลิงก์ "
        "ถ้ามีหลายแหล่งให้เขียนเป็นรายการ (- แหล่งที่ 1)",
    )
