"""WP015: the owner has not confirmed a standing page is still current in time.

Two cases, both warnings: ``review_by`` is in the past (Asia/Bangkok); or a page
without ``review_by`` and without a publication period has not been updated for
longer than its topic's or category's ``review_days`` (``schema/categories.yml``).
The date comes from ``webpub.publish.review_date``, the same one ``report`` and
``remind`` use.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.dates import is_review_due, parse_iso_date, thai_date
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP015"
NAME = "review-due"
DESCRIPTION = t("checks.review_due_description")

HINT = t("checks.review_due_hint")


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok or page.get("withdrawn") is not None:
        return
    due = ctx.item(page).review_by
    if not is_review_due(due, ctx.today):
        return
    if parse_iso_date(page.get("review_by")):
        yield page.finding(ID, page.line_of("review_by"),
                           t("checks.review_due_passed", date=thai_date(due), iso=due), HINT)
        return
    key = "updated" if parse_iso_date(page.get("updated")) else "published"
    last = parse_iso_date(page.get(key))
    days = (due - last).days
    yield page.finding(
        ID, page.line_of(key),
        t("checks.review_due_cycle", days=f"{days:,}", date=thai_date(last), category=page.category),
        HINT,
    )
