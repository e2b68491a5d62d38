"""WP012: dates that follow one another do: nothing ends, changes or is reviewed before it is published."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.dates import parse_iso_date
from webpub.dates import thai_date
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP012"
NAME = "date-order"
DESCRIPTION = t("checks.date_order_description")

# (later, earlier, Thai name of the later date): the later may equal the earlier.
ORDER = (
    (("expires",), ("published",), t("checks.date_order_expires")),
    (("updated",), ("published",), t("checks.date_order_updated")),
    (("review_by",), ("published",), t("checks.date_order_review_by")),
    (("withdrawn", "on"), ("published",), t("checks.date_order_withdrawn")),
    (("dataset", "last_updated_date"), ("dataset", "created_date"), t("checks.date_order_dataset_updated")),
)


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    for later_key, earlier_key, later_th in ORDER:
        later = parse_iso_date(page.get(*later_key))
        earlier = parse_iso_date(page.get(*earlier_key))
        if later and earlier and later < earlier:
            later_name, earlier_name = ".".join(later_key), ".".join(earlier_key)
            yield page.finding(
                ID, page.line_of(*later_key),
                t("checks.date_order", later_th=later_th, later_name=later_name, later=later,
                  later_thai=thai_date(later), earlier_name=earlier_name, earlier=earlier,
                  earlier_thai=thai_date(earlier)),
                t("checks.date_order_hint", later_name=later_name, earlier_name=earlier_name),
            )
