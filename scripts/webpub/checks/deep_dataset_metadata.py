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
from webpub.messages import t
from webpub.opendata.pages import is_dataset_page, resource_format, resources

ID = "WP145"
NAME = "dataset-metadata"
DESCRIPTION = t("opendata.metadata_description")
# data_format values of data.go.th (ckanext-thai_gdc), not messages
OTHER = "อื่นๆ"  # catalogue-exempt: a data_format value of data.go.th
UNKNOWN = "ไม่ทราบ"  # catalogue-exempt: a data_format value of data.go.th
OTHER_TYPE = "ข้อมูลประเภทอื่นๆ"  # catalogue-exempt: a data_type value of data.go.th
FORMAT_OF_EXT = {"CSV": "CSV", "JSON": "JSON", "XML": "XML", "KML": "XML", "XLS": "XLS", "XLSX": "XLS",
                 "PDF": "PDF", "SHP": "Shapefile", "KMZ": OTHER, "ODS": OTHER, "TXT": "Text"}


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
    if dataset.get("data_type") == OTHER_TYPE and not dataset.get("data_type_other"):
        yield page.finding(ID, page.line_of("dataset", "data_type"),
                           t("opendata.metadata_other_type", value=OTHER_TYPE),
                           t("opendata.metadata_other_type_hint"))


def _year(value):
    text = str(value or "")
    return int(text) if text.isdigit() else None


def _order(page, dataset, first_key, last_key, parse) -> Iterator[Finding]:
    first, last = parse(dataset.get(first_key)), parse(dataset.get(last_key))
    if first is not None and last is not None and first > last:
        yield page.finding(ID, page.line_of("dataset", last_key),
                           t("opendata.metadata_order", last_key=last_key, last=dataset.get(last_key),
                             first_key=first_key, first=dataset.get(first_key)),
                           t("opendata.metadata_order_hint", first_key=first_key, last_key=last_key))


def _formats(page, dataset) -> Iterator[Finding]:
    declared = dataset.get("data_format")
    declared = set(declared if isinstance(declared, list) else [declared] if declared else [])
    if not declared or declared & {UNKNOWN, OTHER}:
        return
    attached = {FORMAT_OF_EXT.get(resource_format(rel), OTHER) for _i, _f, rel in resources(page)}
    missing = sorted(f for f in attached - declared if f != OTHER)
    if missing:
        yield page.finding(ID, page.line_of("dataset", "data_format"),
                           t("opendata.metadata_formats", formats=", ".join(missing)),
                           t("opendata.metadata_formats_hint"))
