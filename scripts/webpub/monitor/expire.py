"""Expired and soon-expiring items, and taking expired items off the site.

A take-down never deletes: ``withdraw`` inserts a ``withdrawn: {on, reason, by}``
block just before the closing ``---`` of the frontmatter and leaves every other
byte as it was. ``webpub.publish.decide`` treats a withdrawn item as not
publishable, so the publish build drops it everywhere (page, navigation, search,
sitemap, feeds); ``git revert`` of the take-down commit puts it back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from webpub.content import frontmatter
from webpub.dates import thai_date
from webpub.messages import t
from webpub.fileio import write_atomically
from webpub.content.item import Item
from webpub.monitor.items import load_item, load_items
from webpub.dates import is_expired, is_expiring
from webpub.content.page import load_page
from webpub.repo import Repo



@dataclass
class Listing:
    today: dt.date
    expired: list[Item]
    expiring: list[Item]
    attention: list[Item] = field(default_factory=list)  # dates WP006 refuses: not publishable, fix by hand

    def to_json(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "expired": [item_json(i) for i in self.expired],
            "expiring": [item_json(i) for i in self.expiring],
            "bad_dates": [dict(item_json(i), fields=list(i.bad_dates)) for i in self.attention],
        }


def item_json(item: Item) -> dict:
    return {
        "path": item.path,
        "title": item.title,
        "expires": item.expiry.isoformat() if item.expiry else None,
        "division": item.division,
        "officer": item.officer,
    }


def _order(item: Item):
    return (item.division, item.officer, item.expiry or dt.date.max, item.path)


def listing(repo: Repo, today: dt.date, within: int, items: list[Item] | None = None) -> Listing:
    """Items still on the site whose period is over, and those ending within ``within`` days."""
    items = load_items(repo) if items is None else items
    current = [i for i in items if i.readable and not i.withdrawn and not i.bad_dates]
    expired = sorted((i for i in current if is_expired(i.expiry, today)), key=_order)
    expiring = sorted((i for i in current if is_expiring(i.expiry, today, within)), key=_order)
    attention = sorted((i for i in items if i.readable and not i.withdrawn and i.bad_dates), key=_order)
    return Listing(today, expired, expiring, attention)


# -- take-down -------------------------------------------------------------
class WithdrawError(Exception):
    """The file could not be changed safely; it was left as it was."""


def _yaml_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def withdrawn_block(on: dt.date, reason: str, by: str, newline: str) -> str:
    lines = ["withdrawn:", f"  on: {on.isoformat()}", f"  reason: {_yaml_quote(reason)}"]
    if by:
        lines.append(f"  by: {_yaml_quote(by)}")
    return newline.join(lines) + newline


def expiry_reason(item: Item) -> str:
    return t("expire.reason", date=thai_date(item.expiry))


def insert_withdrawn(text: str, block: str) -> str:
    """``text`` with ``block`` inserted as the last frontmatter lines."""
    try:
        return frontmatter.append_block(text, block)
    except frontmatter.FrontmatterError:
        raise WithdrawError(t("expire.no_closing_line")) from None


def withdraw(repo: Repo, item: Item, on: dt.date, by: str, reason: str | None = None) -> str:
    """Mark one item withdrawn in place; returns the block that was added."""
    raw = item.page.abspath.read_bytes()
    if raw != item.page.raw:
        raise WithdrawError(t("expire.changed_meanwhile"))
    text = raw.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    block = withdrawn_block(on, reason or expiry_reason(item), by, newline)
    new_text = insert_withdrawn(text, block)
    _verify(repo, item, new_text)
    write_atomically(item.page.abspath, new_text.encode("utf-8"))
    return block


def _verify(repo: Repo, item: Item, new_text: str) -> None:
    """The new frontmatter must be the old one plus ``withdrawn``, and the body unchanged."""
    cap = repo.file_rules.get("frontmatter_max_bytes", 65536)
    after = load_page(item.path, item.page.abspath, new_text.encode("utf-8"), cap + 4096)
    if not after.ok or after.meta.get("withdrawn") is None:
        raise WithdrawError(t("expire.unreadable_after"))
    rest = {k: v for k, v in after.meta.items() if k != "withdrawn"}
    if rest != item.page.meta or after.body != item.page.body:
        raise WithdrawError(t("expire.would_change_more"))


def apply(repo: Repo, expired: list[Item], on: dt.date, by: str):
    """Withdraw every expired item; yields ``(item, block or None, error or None)``."""
    for item in expired:
        fresh = load_item(repo, item.path)
        try:
            if fresh.withdrawn:
                raise WithdrawError(t("expire.already_withdrawn"))
            yield item, withdraw(repo, fresh, on, by), None
        except (WithdrawError, OSError, UnicodeDecodeError) as exc:
            yield item, None, str(exc)
