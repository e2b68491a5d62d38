"""Small Markdown builders for generated pages (links are ``.md`` paths MkDocs resolves)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html import escape

from webpub.dates import thai_date
from webpub.messages import t

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#!])")


@dataclass
class GeneratedPage:
    src: str  # docs-relative, always ``…/index.md`` or ``index.md``
    title: str
    markdown: str
    crumbs: list[tuple[str, str | None]] = field(default_factory=list)  # (title, src)
    searchable: bool = False


@dataclass
class GeneratedFile:
    src: str  # docs-relative, e.g. ``news/feed.xml``
    content: bytes


def md_text(text: str) -> str:
    """Plain text safe inside Markdown: no markup, no raw HTML."""
    flat = " ".join(str(text).split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


def md_link(text: str, from_src: str, to_src: str) -> str:
    target = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return f"[{md_text(text)}](<{target}>)"


def date_suffix(item) -> str:
    return f" ({thai_date(item.sort_date)})" if item.published else ""


def item_line(item, from_src: str) -> str:
    return f"- {md_link(item.title, from_src, item.src)}{date_suffix(item)}"


def html_attr(text: str) -> str:
    return escape(str(text), quote=True)


def empty_note() -> str:
    return t("site.page.empty")
