"""WP033: a page links to an item that leaves the site soon, or has already left.

The daily publish takes an item down the day after its period ends; the link
still works then (the address shows a short notice), but readers are sent to a
page with nothing on it. This warns the linking page's owner ahead of time —
within the "expiring soon" window (``expiring_soon_days`` in ``schema/rules.yml``)
— and while the link points at an expired or withdrawn item, naming both pages
and the date, so the link can be updated. The result depends on the other page:
it is read through ``ctx.index.page``, so a cached result is recomputed when the
target page changes.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.rendering import htmlscan, links
from webpub.dates import is_expired, is_expiring, parse_iso_date, thai_date
from webpub.core.results import Finding
from webpub.messages import t
from webpub.publish import effective_expiry

ID = "WP033"
NAME = "linked-item-leaving"
DESCRIPTION = t("checks.linked_item_leaving_description")

HINT = t("checks.linked_item_leaving_hint")


def _title(page) -> str:
    title = page.get("title")
    return str(title) if isinstance(title, str) and title.strip() else page.path


def leaving(target, repo, today) -> str | None:
    """Thai words for why ``target`` is leaving or has left the site, or None."""
    withdrawn = target.get("withdrawn")
    if withdrawn is not None:
        on = parse_iso_date(withdrawn.get("on")) if isinstance(withdrawn, dict) else None
        return t("checks.linked_item_withdrawn_on", date=thai_date(on)) if on else t("checks.linked_item_withdrawn")
    expiry = effective_expiry(target, repo)
    if is_expired(expiry, today):
        return t("checks.linked_item_expired", date=thai_date(expiry))
    if is_expiring(expiry, today, repo.expiring_soon_days):
        return t("checks.linked_item_expiring", date=thai_date(expiry))
    return None


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok or page.get("withdrawn") is not None:
        return
    locator = None
    seen = set()
    for link in links.local_links(page, ctx):
        if link.kind not in ("page", "folder") or link.target == page.path or link.target in seen:
            continue
        seen.add(link.target)
        target = ctx.index.page(link.target)
        if target is None or not target.ok:
            continue
        why = leaving(target, ctx.repo, ctx.today)
        if why is None:
            continue
        locator = locator or htmlscan.Locator(page)
        yield page.finding(
            ID, locator.line(*link.needles),
            t("checks.linked_item_leaving", page=page.path, title=_title(page), target=link.target,
              target_title=_title(target), why=why),
            HINT,
        )
