"""WP145: dataset metadata (category 2.2) is consistent beyond what the JSON Schema says.

Field names and allowed values (data.go.th / ckanext-thai_gdc) are in
``schema/frontmatter.schema.json`` and checked by WP005; this rule checks what a
schema cannot: fields one value makes necessary, year and date order, and that
``data_format`` agrees with the attached resources.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.dates import parse_iso_date
from webpub.core.results import Finding
from webpub.opendata.pages import is_dataset_page, resource_format, resources

ID = "WP145"
NAME = "dataset-metadata"
DESCRIPTION = ("เมทาดาตาชุดข้อมูล (หมวด 2.2) ต้องสอดคล้องกัน: ฟิลด์ที่ต้องมีตามค่าที่เลือก ลำดับปีและวันที่ "
               "และ data_format ตรงกับไฟล์ที่แนบ (dataset metadata consistency)")
FORMAT_OF_EXT = {"CSV": "CSV", "JSON": "JSON", "XML": "XML", "KML": "XML", "XLS": "XLS", "XLSX": "XLS",
                 "PDF": "PDF", "SHP": "Shapefile", "KMZ": "อื่นๆ", "ODS": "อื่นๆ", "TXT": "Text"}


def check(page, ctx) -> Iterator[Finding]:
    if not is_dataset_page(page):
        return
    dataset = page.get("dataset")
    if not isinstance(dataset, dict):
        return
    yield from _other_type(page, dataset)
    yield from _order(page, dataset, "first_year_of_data", "last_year_of_data", _year)
    yield from _order(page, dataset, "created_date", "last_updated_date", parse_iso_date)
    yield from _formats(page, dataset)


def _other_type(page, dataset) -> Iterator[Finding]:
    if dataset.get("data_type") == "ข้อมูลประเภทอื่นๆ" and not dataset.get("data_type_other"):
        yield page.finding(ID, page.line_of("dataset", "data_type"),
                           "เลือก data_type เป็น ข้อมูลประเภทอื่นๆ แต่ไม่ได้ระบุ data_type_other",
                           "เพิ่ม dataset.data_type_other: บอกว่าเป็นข้อมูลประเภทใด")


def _year(value):
    text = str(value or "")
    return int(text) if text.isdigit() else None


def _order(page, dataset, first_key, last_key, parse) -> Iterator[Finding]:
    first, last = parse(dataset.get(first_key)), parse(dataset.get(last_key))
    if first is not None and last is not None and first > last:
        yield page.finding(ID, page.line_of("dataset", last_key),
                           f"{last_key} ({dataset.get(last_key)}) มาก่อน {first_key} ({dataset.get(first_key)})",
                           f"แก้ให้ {first_key} ไม่เกิน {last_key}")


def _formats(page, dataset) -> Iterator[Finding]:
    declared = dataset.get("data_format")
    declared = set(declared if isinstance(declared, list) else [declared] if declared else [])
    if not declared or declared & {"ไม่ทราบ", "อื่นๆ"}:
        return
    attached = {FORMAT_OF_EXT.get(resource_format(rel), "อื่นๆ") for _i, _f, rel in resources(page)}
    missing = sorted(f for f in attached - declared if f != "อื่นๆ")
    if missing:
        yield page.finding(ID, page.line_of("dataset", "data_format"),
                           f"แนบไฟล์รูปแบบ {', '.join(missing)} แต่ dataset.data_format ไม่ได้ระบุไว้",
                           "เพิ่มรูปแบบที่แนบไว้ใน dataset.data_format ให้ตรงกับไฟล์จริง")
