"""WP013: an item past its publication period is an error.

Uses ``webpub.publish.effective_expiry`` and ``webpub.dates.is_expired`` so this check, the publish
build and ``webpub expire`` agree. An item is up through the whole expiry day in
Asia/Bangkok (``ctx.today``) and expired from the next day. Withdrawn items are
already off the site and are not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.dates import is_expired, thai_date
from webpub.core.results import Finding
from webpub.messages import t
from webpub.publish import expiry_key

ID = "WP013"
NAME = "expired"
DESCRIPTION = t("checks.expired_description")


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok or page.get("withdrawn") is not None:
        return
    repo = ctx.repo
    expiry = ctx.item(page).expiry
    if not is_expired(expiry, ctx.today):
        return
    key = expiry_key(page, repo)
    days = (ctx.today - expiry).days
    how = "" if key == "expires" else t("checks.expired_computed", key=key)
    yield page.finding(
        ID, page.line_of(key),
        t("checks.expired", date=thai_date(expiry), iso=expiry, how=how, days=f"{days:,}"),
        t("checks.expired_hint"),
    )
