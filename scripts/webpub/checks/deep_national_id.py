"""WP141: Thai national ID numbers inside attachments (PDF, DOCX, XLSX, ODS, CSV, TXT).

The text comes from :mod:`webpub.files.pdpa` with its place (page, sheet!cell,
paragraph, line). A number may stay only through a reviewed exception on a page
that lists the file: ``privacy_exceptions: [{value, reason, file}]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from webpub.files import inspection_of
from webpub.files.exceptions import exceptions_for
from webpub.files.pdpa import national_ids
from webpub.thaiid import mask
from webpub.core.results import Finding

ID = "WP141"
NAME = "attachment-national-id"
DESCRIPTION = ("ไฟล์แนบต้องไม่มีเลขประจำตัวประชาชน เว้นแต่มีข้อยกเว้นที่ผ่านการพิจารณาในหน้าเว็บ "
               "(no Thai national ID numbers inside attachments, PDPA)")
MAX_REPORTED = 20


def check_asset(asset, ctx) -> Iterator[Finding]:
    found = national_ids(inspection_of(asset, ctx).texts)
    if not found:
        return
    allowed = exceptions_for(ctx, asset.path)
    name = PurePosixPath(asset.path).name
    hits = [(where, line, digits) for where, line, digits in found if digits not in allowed]
    for where, line, digits in hits[:MAX_REPORTED]:
        place = f" ({where})" if where else ""
        yield asset.finding(
            ID, line,
            f"{name}{place}: พบเลขประจำตัวประชาชน {mask(digits)} ซึ่งเป็นข้อมูลส่วนบุคคลตาม PDPA",
            "ลบหรือปิดบังเลขในไฟล์ต้นฉบับแล้วสร้างไฟล์ใหม่ หากจำเป็นต้องเผยแพร่ ให้เพิ่มในหน้าที่แนบไฟล์นี้: "
            "privacy_exceptions: [{value: เลข 13 หลัก, reason: เหตุผล, file: ชื่อไฟล์ตาม attachments}] "
            "เพื่อให้ผู้อนุมัติพิจารณา",
        )
    if len(hits) > MAX_REPORTED:
        yield asset.finding(ID, 1, f"{name}: พบเลขประจำตัวประชาชนอีก {len(hits) - MAX_REPORTED} รายการ",
                            "ตรวจทั้งไฟล์และปิดบังเลขทั้งหมดก่อนเผยแพร่")
