"""Where the links of a rendered page point, resolved the way MkDocs resolves them.

A relative link is relative to the page's own folder under ``content/`` (MkDocs
rewrites ``.md`` links and links to files the same way); a link starting with ``/``
is taken from the root of ``content/``. A link to a folder means its ``index.md``
or ``README.md``. Every existence test goes through ``ctx.index`` so the result
cache knows which files a page depends on. Links with a scheme (``https:``,
``mailto:``) are not local and are left to the safety rule.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from urllib.parse import unquote

from webpub.rendering import htmlscan
from webpub.content import attachments

FOLDER_PAGES = ("index.md", "README.md")


@dataclass(frozen=True)
class Link:
    tag: htmlscan.Tag
    attr: str  # href or src
    value: str  # as the browser reads it
    kind: str  # own-anchor, page, file, folder, missing, outside, protocol-relative
    path: str = ""  # decoded path part as written
    target: str = ""  # repository-relative file the link lands on ("" if none)
    fragment: str = ""  # decoded, without '#'

    @property
    def needles(self) -> tuple:
        """Snippets to find the link's source line with ``htmlscan.Locator``."""
        return (self.tag.raw_value(self.attr), self.value, self.path or None)


def local_links(page, ctx) -> list[Link]:
    """The page's links that stay on the site (resolved once, kept on the page)."""
    if page._links is None:
        page._links = [link for link in (_resolve(page, ctx, *item) for item in htmlscan.scan(page, ctx).links())
                       if link is not None]
    return page._links


def _resolve(page, ctx, tag, attr: str, raw_value: str) -> Link | None:
    value = htmlscan.browser_url(raw_value)
    if htmlscan.is_protocol_relative(value):
        return Link(tag, attr, value, "protocol-relative")
    if htmlscan.url_scheme(value) is not None:
        return None
    rest, _, fragment = value.partition("#")
    path = unquote(rest.partition("?")[0])
    fragment = unquote(fragment)
    if not path:
        return Link(tag, attr, value, "own-anchor", fragment=fragment) if fragment else None
    base = "content" if path.startswith("/") else posixpath.dirname(page.path)
    joined = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if not joined.startswith("content/"):
        return Link(tag, attr, value, "outside", path, joined, fragment)
    kind, target = _land(ctx, joined, path.endswith("/"))
    return Link(tag, attr, value, kind, path, target, fragment)


def _land(ctx, joined: str, looks_like_folder: bool) -> tuple[str, str]:
    if looks_like_folder or os.path.isdir(ctx.repo.root / joined):
        for name in FOLDER_PAGES:
            candidate = f"{joined}/{name}"
            if ctx.index.exists(candidate):
                return "folder", candidate
        return "missing", joined
    if not ctx.index.exists(joined):
        return "missing", joined
    return ("page" if joined.lower().endswith(".md") else "file"), joined


def attachment_targets(page) -> dict[str, int]:
    """Repository-relative path of each frontmatter attachment -> its index."""
    out = {}
    for index, file in attachments.entries(page.meta):
        out.setdefault(attachments.resolve(page.path, file), index)
    return out
