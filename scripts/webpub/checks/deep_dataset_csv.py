"""WP146: CSV resources of dataset pages are valid tables (frictionless), by row and column."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from webpub.core.results import Finding
from webpub.opendata.csvcheck import validate_csv
from webpub.opendata.pages import is_dataset_page, resources

ID = "WP146"
NAME = "dataset-csv-valid"
DESCRIPTION = ("ไฟล์ CSV ของชุดข้อมูลต้องเป็นตารางที่ถูกต้อง: หัวตาราง ชนิดข้อมูล และจำนวนช่องต่อแถว "
               "(CSV resources validated with frictionless)")


def check(page, ctx) -> Iterator[Finding]:
    if not is_dataset_page(page):
        return
    for index, file, rel in resources(page):
        if PurePosixPath(rel).suffix.lower() != ".csv" or not ctx.index.exists(rel):
            continue
        data = (ctx.repo.root / rel).read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # WP140 reports the encoding on the file itself
        for problem in validate_csv(data):
            yield page.finding(ID, page.line_of("attachments", index),
                               f"{file}: {problem.message_th()}",
                               "แก้ไฟล์ CSV ให้ทุกแถวมีจำนวนช่องเท่าหัวตาราง หัวตารางไม่ว่างไม่ซ้ำ "
                               "และค่าในแต่ละคอลัมน์เป็นชนิดเดียวกัน")
