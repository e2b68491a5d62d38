"""Where an item stands in its publication period on a given Bangkok date.

Expiry comes from ``webpub.publish.effective_expiry`` and the day rules from
``webpub.dates`` (the ones the publish build uses): an item that ``expires`` on
day D is up through the end of D in Bangkok and down from 00:00 on D+1. Currency
comes from ``webpub.publish.review_date``. An item with a date WP006 refuses is
never current: its state is ``bad-dates`` and it needs its owner's attention.
"""

from __future__ import annotations

import datetime as dt

from webpub import dates
from webpub.content.item import Item

UNREADABLE = "unreadable"
BAD_DATES = "bad-dates"
WITHDRAWN = "withdrawn"
EXPIRED = "expired"
EXPIRING = "expiring"
EMBARGOED = "embargoed"  # approved for a day still ahead: not on the site yet
STALE = "stale"
CURRENT = "ok"

LIVE_STATES = (CURRENT, EXPIRING, STALE)


def is_expiring(item: Item, today: dt.date, within: int) -> bool:
    return dates.is_expiring(item.expiry, today, within)


def is_stale(item: Item, today: dt.date) -> bool:
    return dates.is_review_due(item.review_by, today)


def item_state(item: Item, today: dt.date, within: int) -> str:
    """One of: unreadable, bad-dates, withdrawn, expired, embargoed, stale, expiring, ok."""
    if not item.readable:
        return UNREADABLE
    if item.bad_dates:
        return BAD_DATES
    if item.withdrawn:
        return WITHDRAWN
    if dates.is_expired(item.expiry, today):
        return EXPIRED
    if dates.is_embargoed(dates.parse_iso_date(item.page.get("published")), today):
        return EMBARGOED
    if is_stale(item, today):
        return STALE
    if is_expiring(item, today, within):
        return EXPIRING
    return CURRENT


def is_live(item: Item, today: dt.date) -> bool:
    """On the site as far as dates and withdrawal go (approval is the build's business)."""
    return (item.readable and not item.bad_dates and not item.withdrawn
            and not dates.is_expired(item.expiry, today)
            and not dates.is_embargoed(dates.parse_iso_date(item.page.get("published")), today))
