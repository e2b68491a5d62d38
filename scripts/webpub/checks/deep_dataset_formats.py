"""WP147: every resource of a dataset page is machine-readable open data.

The OPDC guideline asks category 2.2 datasets to be published as CSV, ODS, XML,
JSON, KML, SHP or KMZ (``webpub.opendata.ckan.OPEN_FORMATS``).
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.core.results import Finding
from webpub.messages import t
from webpub.opendata.ckan import OPEN_FORMATS
from webpub.opendata.pages import is_dataset_page, resource_format, resources

ID = "WP147"
NAME = "dataset-resource-format"
DESCRIPTION = t("opendata.formats_description")


def check(page, ctx) -> Iterator[Finding]:
    if not is_dataset_page(page):
        return
    found = resources(page)
    if not found:
        yield page.finding(ID, page.line_of("attachments"), t("opendata.formats_none"),
                           t("opendata.formats_none_hint", formats=", ".join(OPEN_FORMATS)))
    for index, file, rel in found:
        fmt = resource_format(rel)
        if fmt not in OPEN_FORMATS:
            message = (t("opendata.formats_closed", file=file, format=fmt) if fmt
                       else t("opendata.formats_closed_no_ext", file=file))
            yield page.finding(ID, page.line_of("attachments", index), message,
                               t("opendata.formats_closed_hint", formats=", ".join(OPEN_FORMATS)))
