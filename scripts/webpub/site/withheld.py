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

import re
import xml.etree.ElementTree as etree
from html import unescape
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


# Raw HTML in a page (``<a href>``, ``<img src>``) never reaches the Markdown tree.
_RAW_A = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.I | re.S)
_RAW_IMG = re.compile(r"<img\b([^>]*)>", re.I)
_ATTR = re.compile(r"""\b(href|src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def _attr(attrs: str, name: str) -> str:
    for match in _ATTR.finditer(attrs):
        if match.group(1).lower() == name:
            return unescape(next(g for g in match.groups()[1:] if g is not None))
    return ""


def unlink_raw_html(html: str, withheld: Callable[[str], bool]) -> str:
    """The same as ``WithheldLinks`` for links and images written as raw HTML."""
    html = _RAW_A.sub(lambda m: f"<span>{m.group(2)}</span>" if withheld(_attr(m.group(1), "href")) else m.group(0), html)
    return _RAW_IMG.sub(
        lambda m: f"<span>{_escape(_attr(m.group(1), 'alt'))}</span>" if withheld(_attr(m.group(1), "src")) else m.group(0),
        html)


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
