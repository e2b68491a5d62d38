"""Loading every content item (``webpub.content.item.Item``) once, fast, without rendering Markdown.

The monitor needs frontmatter only; each page goes through the same strict
loader the checks use (``webpub.content.page.load_page``), so a page the checks cannot
read is never counted as present.
"""

from __future__ import annotations

import os
import re

from webpub.content import walk
from webpub.content.item import Item
from webpub.content.page import load_page
from webpub.repo import Repo

_MKDOCS_KEY = re.compile(r"^(site_url|use_directory_urls)\s*:\s*(\S+)\s*$", re.M)


def content_paths(repo: Repo) -> list[str]:
    """Every ``content/**/*.md`` as a repository-relative POSIX path, sorted."""
    return walk.page_paths(repo)


def load_item(repo: Repo, rel: str) -> Item:
    abspath = repo.root / rel
    cap = repo.file_rules.get("frontmatter_max_bytes", 65536)
    try:
        raw = b"" if os.path.islink(abspath) else abspath.read_bytes()
    except OSError:
        raw = b""
    return item_of(repo, load_page(rel, abspath, raw, cap))


def item_of(repo: Repo, page) -> Item:
    return Item(page, repo)


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
