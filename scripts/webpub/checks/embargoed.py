"""WP034: an item whose ``published`` day is still ahead (an embargo).

Not an error: an officer may prepare an item to go up on a set day, and the
publish decision already keeps it off the site until 00:00 Asia/Bangkok on that
day (the daily publish then puts it up). A warning — the lowest visible level;
``rules.yml`` has no "info" — so the officer and the approvers see plainly that the
item will not appear before that day, in case the date was a typing mistake.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.dates import is_embargoed, parse_iso_date, thai_date
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP034"
NAME = "embargoed"
DESCRIPTION = t("checks.embargoed_description")


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok or page.get("withdrawn") is not None:
        return
    published = parse_iso_date(page.get("published"))
    if not is_embargoed(published, ctx.today):
        return
    days = (published - ctx.today).days
    yield page.finding(
        ID, page.line_of("published"),
        t("checks.embargoed", date=thai_date(published), iso=published, days=f"{days:,}"),
        t("checks.embargoed_hint"),
    )
