"""WP014: an item whose publication period ends within the "expiring soon" window.

The window is data: ``expiring_soon_days`` in ``schema/rules.yml``, the same one
``webpub expire``, ``report`` and ``remind`` use.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.dates import is_expiring, thai_date
from webpub.core.results import Finding
from webpub.messages import t
from webpub.publish import expiry_key

ID = "WP014"
NAME = "expiring"
DESCRIPTION = t("checks.expiring_description")


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok or page.get("withdrawn") is not None:
        return
    repo = ctx.repo
    expiry = ctx.item(page).expiry
    if expiry is None:
        return
    if not is_expiring(expiry, ctx.today, repo.expiring_soon_days):
        return
    left = (expiry - ctx.today).days
    when = t("checks.expiring_today") if left == 0 else t("checks.expiring_in", days=f"{left:,}")
    yield page.finding(
        ID, page.line_of(expiry_key(page, repo)),
        t("checks.expiring", date=thai_date(expiry), iso=expiry, when=when),
        t("checks.expiring_hint"),
    )
