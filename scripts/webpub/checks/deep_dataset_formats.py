"""WP147: every resource of a dataset page is machine-readable open data.

The OPDC guideline asks category 2.2 datasets to be published as CSV, ODS, XML,
JSON, KML, SHP or KMZ (``webpub.opendata.ckan.OPEN_FORMATS``).
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.core.results import Finding
from webpub.opendata.ckan import OPEN_FORMATS
from webpub.opendata.pages import is_dataset_page, resource_format, resources

ID = "WP147"
NAME = "dataset-resource-format"
DESCRIPTION = ("ไฟล์ของชุดข้อมูลเปิด (หมวด 2.2) ต้องเป็น CSV, ODS, XML, JSON, KML, SHP หรือ KMZ "
               "(open data resources in machine-readable formats)")


def check(page, ctx) -> Iterator[Finding]:
    if not is_dataset_page(page):
        return
    found = resources(page)
    if not found:
        yield page.finding(ID, page.line_of("attachments"), "ชุดข้อมูลนี้ไม่มีไฟล์ข้อมูลแนบ",
                           "แนบไฟล์ข้อมูลอย่างน้อยหนึ่งไฟล์ในรูปแบบ " + ", ".join(OPEN_FORMATS))
    for index, file, rel in found:
        fmt = resource_format(rel)
        if fmt not in OPEN_FORMATS:
            yield page.finding(ID, page.line_of("attachments", index),
                               f"ไฟล์ {file} เป็นรูปแบบ {fmt or 'ไม่มีนามสกุล'} ซึ่งไม่ใช่รูปแบบข้อมูลเปิดที่เครื่องอ่านได้",
                               "แปลงข้อมูลเป็น " + ", ".join(OPEN_FORMATS) +
                               " (เช่น บันทึกตาราง Excel เป็น CSV UTF-8) แล้วแนบแทน")
