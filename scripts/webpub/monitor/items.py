"""Loading every content item once, fast, without rendering Markdown.

The monitor needs frontmatter only; each page goes through the same strict
loader the checks use (``webpub.page.load_page``), so a page the checks cannot
read is never counted as present.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from webpub.page import Page, load_page
from webpub.publish import date_problems, effective_expiry, review_date
from webpub.repo import Repo

SKIP_DIRS = {".git", "__pycache__", ".webpub-cache"}
_MKDOCS_KEY = re.compile(r"^(site_url|use_directory_urls)\s*:\s*(\S+)\s*$", re.M)


@dataclass
class Item:
    """One content page as the monitor sees it."""

    page: Page
    expiry: dt.date | None
    review_by: dt.date | None
    bad_dates: tuple[str, ...] = ()  # date fields WP006 refuses: the item needs attention, never "current"

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

    @property
    def category(self) -> str | None:
        return self.page.category

    @property
    def topic(self) -> str | None:
        return self.page.topic

    @property
    def division(self) -> str:
        value = self.page.get("owner", "division")
        return str(value) if isinstance(value, str) else ""

    @property
    def officer(self) -> str:
        value = self.page.get("owner", "officer")
        return str(value) if isinstance(value, str) else ""

    @property
    def withdrawn(self) -> bool:
        return self.page.get("withdrawn") is not None

    @property
    def period(self) -> str | None:
        value = self.page.get("period")
        return str(value) if isinstance(value, str) and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value) else None

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


def content_paths(repo: Repo) -> list[str]:
    """Every ``content/**/*.md`` as a repository-relative POSIX path, sorted."""
    found = []
    root = repo.content_dir
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        rel_folder = Path(folder).relative_to(repo.root).as_posix()
        found.extend(f"{rel_folder}/{name}" for name in files if name.lower().endswith(".md"))
    return sorted(found)


def load_item(repo: Repo, rel: str) -> Item:
    abspath = repo.root / rel
    cap = repo.file_rules.get("frontmatter_max_bytes", 65536)
    try:
        raw = b"" if os.path.islink(abspath) else abspath.read_bytes()
    except OSError:
        raw = b""
    return item_of(repo, load_page(rel, abspath, raw, cap))


def item_of(repo: Repo, page) -> Item:
    if not page.ok:
        return Item(page, None, None)
    return Item(page, effective_expiry(page, repo), review_date(page, repo), tuple(date_problems(page, repo)))


def load_items(repo: Repo, pages: dict | None = None) -> list[Item]:
    """Every page as an Item; ``pages`` (path -> Page) are already parsed (a site build's)."""
    pages = pages or {}
    return [item_of(repo, pages[rel]) if rel in pages else load_item(repo, rel) for rel in content_paths(repo)]


def site_settings(repo: Repo) -> tuple[str, bool]:
    """``site_url`` and ``use_directory_urls`` from mkdocs.yml (read as text: it may carry tags)."""
    url, directory_urls = "", True
    path = repo.root / "mkdocs.yml"
    if path.is_file():
        for key, value in _MKDOCS_KEY.findall(path.read_text(encoding="utf-8", errors="replace")):
            value = value.strip("'\"")
            if key == "site_url":
                url = value
            else:
                directory_urls = value.lower() not in ("false", "no", "off")
    return url, directory_urls


def page_url(rel: str, site_url: str = "", directory_urls: bool = True) -> str:
    """The public URL of ``content/<rel>.md`` the way MkDocs builds it."""
    inner = rel[len("content/"):] if rel.startswith("content/") else rel
    stem = inner[:-3]
    if stem == "index" or stem.endswith("/index") or stem.lower() == "readme":
        path = stem[: -len("index")] if stem.endswith("index") else ""
    elif directory_urls:
        path = stem + "/"
    else:
        path = stem + ".html"
    base = site_url if not site_url or site_url.endswith("/") else site_url + "/"
    return base + path
