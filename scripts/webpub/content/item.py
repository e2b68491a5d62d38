"""One content item: a page under ``content/`` and every fact the rules read from it.

Check (through the page), the publish decision, expire, report, remind and the site
model all ask an ``Item`` (the site's ``SiteItem`` is an ``Item`` with its decision and
address). Each fact is computed on first use and kept (``cached_property``), under the
one rule that decides it: dates through ``webpub.dates.parse_iso_date``, expiry and
review due through ``webpub.publish``, attachments through ``content.attachments``.
Category and topic are the definitions from ``schema/categories.yml`` (``category`` /
``topic`` dicts); their ids are ``category_id`` / ``topic_id``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from webpub import publish
from webpub.content import attachments
from webpub.dates import parse_iso_date
from webpub.content.page import Page

_PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


@dataclass(eq=False)
class Item:
    """One content page with its facts decided once."""

    page: Page
    repo: object = field(repr=False)  # webpub.repo.Repo: the rules the facts are read under

    @property
    def path(self) -> str:
        return self.page.path

    @property
    def readable(self) -> bool:
        return self.page.ok and bool(self.page.category)

    @property
    def title(self) -> str:
        value = self.page.get("title")
        return str(value) if isinstance(value, str) else self.path

    # -- category and topic: ids and definitions ----------------------------
    @property
    def category_id(self) -> str | None:
        return self.page.category

    @property
    def topic_id(self) -> str | None:
        return self.page.topic

    @cached_property
    def category(self) -> dict | None:
        return self.repo.categories.get(self.category_id or "")

    @cached_property
    def topic(self) -> dict | None:
        return self.repo.topic(self.category_id or "", self.topic_id)

    # -- owner ----------------------------------------------------------------
    @property
    def division(self) -> str:
        value = self.page.get("owner", "division")
        return str(value) if isinstance(value, str) else ""

    @property
    def officer(self) -> str:
        value = self.page.get("owner", "officer")
        return str(value) if isinstance(value, str) else ""

    # -- dates (one validity rule: webpub.dates) ------------------------------
    @cached_property
    def published(self) -> dt.date | None:
        return parse_iso_date(self.page.get("published"))

    @cached_property
    def updated(self) -> dt.date | None:
        return parse_iso_date(self.page.get("updated"))

    @cached_property
    def _expiry(self) -> tuple[dt.date | None, str | None]:
        return publish.expiry_with_source(self.page, self.repo) if self.page.ok else (None, None)

    @property
    def expiry(self) -> dt.date | None:
        """The last day of the publication period (``expires``, else the topic's rule)."""
        return self._expiry[0]

    @property
    def expiry_source(self) -> str | None:
        """Where ``expiry`` comes from: ``expires``, the topic's ``period_until`` field, or
        ``default_period_days``."""
        return self._expiry[1]

    @cached_property
    def review_by(self) -> dt.date | None:
        return publish.review_date(self.page, self.repo) if self.page.ok else None

    @cached_property
    def bad_dates(self) -> tuple[str, ...]:
        """Date fields WP006 refuses: the item needs attention, never "current"."""
        return tuple(publish.date_problems(self.page, self.repo)) if self.page.ok else ()

    # -- state ------------------------------------------------------------------
    @property
    def withdrawn(self) -> bool:
        return self.page.get("withdrawn") is not None

    @cached_property
    def attachments(self) -> list[str]:
        """Repository-relative paths of the files the page lists (resolved once)."""
        return attachments.attachment_paths(self.page.path, self.page.meta) if self.page.ok else []

    @property
    def approvals(self) -> list:
        value = self.page.get("approvals")
        return value if isinstance(value, list) else []

    @property
    def period(self) -> str | None:
        value = self.page.get("period")
        return str(value) if isinstance(value, str) and _PERIOD.fullmatch(value) else None

    @cached_property
    def fiscal_year(self) -> int | None:
        """``fiscal_year`` (B.E.) if given, else the fiscal year of ``period``."""
        value = self.page.get("fiscal_year")
        if isinstance(value, str) and value.isdigit():
            return int(value)
        if self.period:
            year, month = (int(part) for part in self.period.split("-"))
            return year + 543 + (1 if month >= 10 else 0)
        return None

    @property
    def tags(self) -> list[str]:
        value = self.page.get("tags")
        return [str(t) for t in value if isinstance(t, str)] if isinstance(value, list) else []
