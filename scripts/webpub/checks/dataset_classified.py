"""WP043: a dataset that its own metadata classes as not public is never published with its files.

``data_category`` ข้อมูลความลับทางราชการ, ข้อมูลความมั่นคง or ข้อมูลส่วนบุคคล, or a
class written in the access condition or the tags (ลับที่สุด, ลับมาก, ลับ, ปกปิด,
"restricted", "secret"), means the files must not reach the public website or the
open-data catalogue. The decision is ``webpub.opendata.classification``; as an
error, it stops the publish build for an item it would publish, and
``webpub opendata export`` refuses the dataset too. A catalogue entry without
files stays possible.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.core.results import Finding
from webpub.messages import t
from webpub.opendata.classification import classification
from webpub.opendata.pages import is_dataset_page, resources

ID = "WP043"
NAME = "dataset-classified"
DESCRIPTION = t("checks.dataset_classified_description")


def check(page, ctx) -> Iterator[Finding]:
    if not is_dataset_page(page):
        return
    found = classification(page.get("dataset"))
    files = resources(page)
    if found is None or not files:
        return
    where, label = found
    yield page.finding(
        ID, page.line_of("dataset", *where),
        t("checks.dataset_classified", label=label, count=len(files),
          files=", ".join(f for _i, f, _r in files[:3])),
        t("checks.dataset_classified_hint"),
    )
