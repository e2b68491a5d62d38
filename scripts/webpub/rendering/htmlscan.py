"""One parse of a page's rendered HTML, shared by the link and safety checks.

``scan(page, ctx)`` renders the body with the site's Markdown extensions (through
``ctx.html``), parses the result once with the standard library parser and keeps
the result on the page, so every check that looks at tags, links or ids pays for
one parse only.

Character references are *not* converted in text (``convert_charrefs=False``), so
a literal ``<`` that reaches the text is markup the parser gave up on — something
a browser might still read as a tag — and is reported as ``stray_markup``.
Attribute values are unescaped, as a browser would see them.

``locate(page, needles)`` finds the source line a piece of rendered HTML came from.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

_STRAY_TAG = re.compile(r"<[A-Za-z!/?]")


@dataclass(frozen=True)
class Tag:
    name: str  # lower case
    attrs: tuple[tuple[str, str | None], ...]  # names lower case, values unescaped
    raw: str  # the start tag as written in the rendered HTML
    offset: int  # position in the rendered HTML

    def get(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None

    def raw_value(self, name: str) -> str | None:
        """An attribute's value exactly as written (entities not decoded)."""
        match = re.search(
            r"""(?:^|[\s/"'])""" + re.escape(name) + r"""\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""",
            self.raw, re.I,
        )
        return match.group(1).strip("\"'") if match else None


@dataclass(frozen=True)
class Markup:
    """Something in the HTML that is not an element: a comment, a declaration, a stray '<'."""

    kind: str  # comment, decl, pi, stray_markup, end_tag
    text: str
    offset: int


@dataclass
class Scan:
    tags: list[Tag] = field(default_factory=list)
    other: list[Markup] = field(default_factory=list)

    @functools.cached_property
    def ids(self) -> set[str]:
        """Computed once: WP023 asks for every own-page #anchor link."""
        return {value for tag in self.tags for key, value in tag.attrs if key == "id" and value}

    def links(self):
        """(tag, attribute name, value) of every href/src, in document order."""
        for tag in self.tags:
            for key, value in tag.attrs:
                if key in ("href", "src") and value is not None:
                    yield tag, key, value


class _Collector(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.html = html
        self.result = Scan()
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", html)]

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col if line - 1 < len(self._line_starts) else len(self.html)

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text() or f"<{tag}>"
        self.result.tags.append(Tag(tag, tuple(attrs), raw, self._offset()))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.result.other.append(Markup("end_tag", tag, self._offset()))

    def handle_data(self, data):
        for match in _STRAY_TAG.finditer(data):
            self.result.other.append(Markup("stray_markup", data[match.start():match.start() + 40],
                                            self._offset() + match.start()))

    def handle_comment(self, data):
        self.result.other.append(Markup("comment", data, self._offset()))

    def handle_decl(self, decl):
        self.result.other.append(Markup("decl", decl, self._offset()))

    def unknown_decl(self, data):
        self.result.other.append(Markup("decl", data, self._offset()))

    def handle_pi(self, data):
        self.result.other.append(Markup("pi", data, self._offset()))


def parse(html: str) -> Scan:
    strict = _parse_simple(html)
    if strict is not None:
        return strict
    collector = _Collector(html)
    collector.feed(html)
    collector.close()
    return collector.result


# What Markdown itself writes: lower-case names, double-quoted values without
# '<' or '>', nothing but text between tags. HTML made only of that reads the
# same to the standard parser, so it is tokenised with two regular expressions
# (several times faster). Anything else (raw HTML an author wrote, comments,
# script or style content) goes to the full parser. tests/test_htmlscan.py
# holds the two to the same result.
_SIMPLE_TAG = re.compile(
    r'<(?:([a-z][a-z0-9]*)((?: [a-z][a-z0-9_:.-]*(?:="[^"<>]*")?)*) ?(/?)>|/([a-z][a-z0-9]*)>)')
_SIMPLE_ATTR = re.compile(r' ([a-z][a-z0-9_:.-]*)(?:="([^"<>]*)")?')
_RAW_TEXT_ELEMENTS = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                      "noframes", "noscript", "plaintext"}


def _parse_simple(html: str) -> Scan | None:
    result = Scan()
    tags, other = result.tags, result.other
    pos = html.find("<")
    while pos != -1:
        match = _SIMPLE_TAG.match(html, pos)
        if match is None:
            return None
        name = match.group(1)
        if name is None:
            other.append(Markup("end_tag", match.group(4), pos))
        else:
            if name in _RAW_TEXT_ELEMENTS:
                return None
            attrs = tuple((a.group(1), None if a.group(2) is None else unescape(a.group(2)))
                          for a in _SIMPLE_ATTR.finditer(match.group(2)))
            tags.append(Tag(name, attrs, match.group(0), pos))
        pos = html.find("<", match.end())
    return result


def scan(page, ctx) -> Scan:
    """The parsed rendered HTML of ``page`` (parsed once, kept on the page)."""
    if page._scan is None:
        page._scan = parse(ctx.html(page))
    return page._scan


class Locator:
    """Maps pieces of rendered HTML back to body lines, in document order.

    Findings come in the order of the HTML, so searching from just after the
    previous hit first keeps repeated snippets (two identical iframes) on their
    own lines.
    """

    def __init__(self, page):
        self.page = page
        self.lowered = page.body.lower()
        self.cursor = 0

    def line(self, *needles: str | None) -> int:
        for needle in needles:
            if not needle:
                continue
            needle = needle.lower()
            pos = self.lowered.find(needle, self.cursor)
            if pos == -1:
                pos = self.lowered.find(needle)
            if pos != -1:
                self.cursor = pos + 1
                return self.page.body_line_of(pos)
        return self.page.body_line


# -- URLs as a browser reads them ----------------------------------------------
_EDGE = "".join(chr(c) for c in range(0x21))  # C0 controls and space, trimmed by browsers
_TAB_NEWLINE = re.compile("[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def browser_url(value: str) -> str:
    """The URL a browser actually follows: edges trimmed, tabs and newlines removed."""
    return _TAB_NEWLINE.sub("", value.strip(_EDGE))


def url_scheme(value: str) -> str | None:
    """The lower-case scheme of a URL as a browser reads it, or None if relative."""
    match = _SCHEME.match(browser_url(value))
    return match.group(1).lower() if match else None


def has_control_chars(value: str) -> bool:
    return bool(_CONTROL.search(browser_url(value)))


def is_protocol_relative(value: str) -> bool:
    """``//host/x`` and the backslash spellings browsers treat the same way."""
    url = browser_url(value)
    return len(url) >= 2 and url[0] in "/\\" and url[1] in "/\\"
