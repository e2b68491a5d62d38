"""Links from a shown page to what the publish build does not ship, rendered as text.

A live page may link to an item that is still a draft, not approved or embargoed,
or to an attachment of an item that is not on the site. The publish site must not
have a broken link, and must say nothing about the draft, so such a link becomes
its own text (an image becomes its ``alt`` text) — no ``<a>``, no address. The
model decides what is withheld (``SiteModel.withheld_target``); this Markdown
tree step only applies the answer, before MkDocs resolves ``.md`` links. Links to
paths that never existed are left alone: they stay errors (WP022, WP303).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Callable

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

PRIORITY = 1  # after inline links exist (20) and before MkDocs rewrites them (relpath, 0)


class WithheldLinks(Treeprocessor):
    def __init__(self, md, withheld: Callable[[str], bool]):
        super().__init__(md)
        self.withheld = withheld

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a" and self.withheld(element.get("href") or ""):
                unlink(element)
            elif element.tag == "img" and self.withheld(element.get("src") or ""):
                alt = element.get("alt") or ""
                element.attrib.clear()
                element.tag = "span"
                element.text = alt


def unlink(element: etree.Element) -> None:
    """Keep the link's words and inner markup, drop the link itself."""
    element.attrib.clear()
    element.tag = "span"


class WithheldLinksExtension(Extension):
    """``withheld(href)`` answers for the page being rendered (the hooks set which)."""

    def __init__(self, withheld: Callable[[str], bool]):
        super().__init__()
        self.withheld = withheld

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Markdown's name
        md.treeprocessors.register(WithheldLinks(md, self.withheld), "webpub_withheld_links", PRIORITY)
