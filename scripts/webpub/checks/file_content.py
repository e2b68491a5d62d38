"""WP019: a file's content is what its extension claims.

Judged by ``webpub.files.sniff`` from the bytes: the magic number and the format's
own structure must agree with the extension's kind in ``schema/file-rules.yml``
(``kinds``). A renamed program, an HTML page or SVG under a document name, or a
truncated file is refused.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.files import sniff
from webpub.core.results import Finding

ID = "WP019"
NAME = "file-content"
DESCRIPTION = "เนื้อไฟล์ต้องตรงกับนามสกุล ตรวจจากไบต์และโครงสร้างของไฟล์ (file content matches its extension)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    kinds = ctx.repo.file_rules.get("kinds") or sniff.DEFAULT_KINDS
    ext = asset.ext
    if ext not in kinds or ext not in ctx.repo.all_allowed_extensions():
        return  # WP020 reports extensions that are not allowed at all
    kind = sniff.detect_asset(asset)
    if sniff.matches(ext, kind, kinds):
        return
    yield asset.finding(ID, 1, _message(ext, kind, kinds), _hint(kind))


def _message(ext: str, kind: sniff.Kind, kinds: dict) -> str:
    claimed = sniff.describe(sniff.Kind(kinds[ext], sniff.EXT_SUBTYPE.get(ext, "")))
    if kind.refused:
        return f"ไฟล์ชื่อลงท้าย {ext} แต่เนื้อในเป็น{sniff.describe(kind)} ซึ่งเป็นอันตรายต่อผู้ดาวน์โหลด"
    if kind.problem and kind.name == kinds[ext]:
        return f"ไฟล์ {ext} มีปัญหา: {kind.problem}"
    if kind.problem:
        return f"ไฟล์ชื่อลงท้าย {ext} แต่ไม่ใช่{claimed}: {kind.problem}"
    return f"ไฟล์ชื่อลงท้าย {ext} แต่เนื้อในเป็น{sniff.describe(kind)} ไม่ใช่{claimed}"


def _hint(kind: sniff.Kind) -> str:
    if kind.refused:
        return "ลบไฟล์นี้ออกทันทีและแจ้งผู้ดูแลระบบ ห้ามเปลี่ยนชื่อไฟล์โปรแกรมหรือหน้าเว็บเป็นเอกสาร"
    if kind.subtype == "cp874":
        return "แปลงเป็น UTF-8 ด้วยคำสั่ง iconv -f CP874 -t UTF-8 ไฟล์เดิม > ไฟล์ใหม่ หรือเลือก Save as UTF-8"
    return ("เปิดไฟล์ด้วยโปรแกรมต้นทางแล้วบันทึกใหม่เป็นชนิดที่ตรงกับนามสกุล (Save as / Export) "
            "อย่าเปลี่ยนแค่นามสกุลของชื่อไฟล์")
