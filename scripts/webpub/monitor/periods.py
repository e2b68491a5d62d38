"""Where an item stands in its publication period on a given Bangkok date.

Expiry comes from ``webpub.publish.effective_expiry`` (the one rule the publish
build uses): an item that ``expires`` on day D is up through the end of D in
Bangkok and down from 00:00 on D+1. Currency comes from ``review_by`` (or the
category's ``review_days`` after the last change).
"""

from __future__ import annotations

import datetime as dt

from webpub.monitor.items import Item

UNREADABLE = "unreadable"
WITHDRAWN = "withdrawn"
EXPIRED = "expired"
EXPIRING = "expiring"
STALE = "stale"
CURRENT = "ok"

LIVE_STATES = (CURRENT, EXPIRING, STALE)
DEFAULT_WITHIN_DAYS = 14


def is_expired(item: Item, today: dt.date) -> bool:
    return bool(item.expiry and today > item.expiry)


def is_expiring(item: Item, today: dt.date, within: int) -> bool:
    return bool(item.expiry and today <= item.expiry <= today + dt.timedelta(days=within))


def is_stale(item: Item, today: dt.date) -> bool:
    return bool(item.review_by and today > item.review_by)


def item_state(item: Item, today: dt.date, within: int = DEFAULT_WITHIN_DAYS) -> str:
    """One of: unreadable, withdrawn, expired, stale, expiring, ok."""
    if not item.readable:
        return UNREADABLE
    if item.withdrawn:
        return WITHDRAWN
    if is_expired(item, today):
        return EXPIRED
    if is_stale(item, today):
        return STALE
    if is_expiring(item, today, within):
        return EXPIRING
    return CURRENT


def is_live(item: Item, today: dt.date) -> bool:
    """On the site as far as dates and withdrawal go (approval is the build's business)."""
    return item.readable and not item.withdrawn and not is_expired(item, today)
