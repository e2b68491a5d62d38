"""Tokenising HTML the way a browser does, fast enough for every page of a large site.

The output checks must see what a browser sees: a tag is a tag, and text — above
all the escaped text of a code block that *shows* hostile HTML (``&lt;a
href='javascript:…'&gt;``) — is text. Searching the raw file with regular
expressions cannot tell the two apart, so one security-guidance page would block
every publication. This follows the WHATWG tokenizer states that matter for
security checks:

- a start tag is ``<`` and an ASCII letter; its attributes follow the attribute
  states (quoted values may hold ``>``; a repeated attribute keeps the first value;
  values are entity-decoded);
- ``</`` and a letter is an end tag; ``</>`` is nothing; ``</`` and anything else,
  ``<!`` (doctype, CDATA outside foreign content) and ``<?`` are bogus comments up
  to the next ``>``; ``<!--`` runs to ``-->`` or ``--!>`` (``<!-->`` and ``<!--->``
  close at once);
- ``<`` followed by anything else is text;
- the contents of ``script``, ``style``, ``xmp``, ``iframe``, ``noembed``,
  ``noframes``, ``noscript``, ``textarea`` and ``title`` are text up to the
  matching end tag (``style`` inside SVG/MathML is markup, as in foreign content);
  ``plaintext`` swallows the rest of the file;
- a comment cut off by the end of the file runs to the end, like in browsers; a
  tag cut off there is still read (browsers drop it): more is checked, never less.

Every pattern uses possessive quantifiers, so tokenising is linear in the input.
"""

from __future__ import annotations

import re
from html import unescape
from typing import NamedTuple

_WS = "\t\n\f\r "
_REST = (r"(?:[\t\n\f\r /]++|[^\t\n\f\r />][^\t\n\f\r />=]*+"
         r"(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:\"[^\"]*+(?:\"|\Z)|'[^']*+(?:'|\Z)|[^\t\n\f\r >]++))?+)*+")
# One token per search: a start tag (name, attribute part), an end tag (name), a
# comment or a bogus comment. A '<' that starts none of them is text and skipped.
# Each may also end at the end of the file (browsers drop such a token; reading it
# keeps every search linear, where failing would rescan the rest of the file).
_TOKEN = re.compile(
    r"<(?:([A-Za-z][^\t\n\f\r />]*+)(" + _REST + r")(?:>|\Z)"
    r"|/([A-Za-z][^\t\n\f\r />]*+)" + _REST + r"(?:>|\Z)"
    r"|!--(?:>|->|.*?(?:--!?>|\Z))"
    r"|[!?/][^>]*+(?:>|\Z))", re.S)
_ATTR = re.compile(r"([^\t\n\f\r />][^\t\n\f\r />=]*+)(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(\"[^\"]*+\"|'[^']*+'|[^\t\n\f\r >]++))?+")
RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"})
FOREIGN = frozenset({"svg", "math"})


class StartTag(NamedTuple):
    name: str  # lower case
    attrs: dict[str, str]  # names lower case, first value kept, entity-decoded ('' when absent)
    offset: int  # of the '<'
    end: int  # just after the '>'
    text: str = ""  # contents of a raw-text element (script, style, ...), as written


def attributes(raw: str) -> dict[str, str]:
    """The attributes of a tag's attribute part, as a browser reads them."""
    out: dict[str, str] = {}
    for name, value in _ATTR.findall(raw):
        name = name.lower()
        if name in out:
            continue
        if value[:1] in "\"'":
            value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
        out[name] = unescape(value) if "&" in value else value
    return out


def _raw_text_end(html: str, name: str, start: int) -> int:
    """Where the end tag of raw-text element ``name`` starts (len(html) if never closed)."""
    lowered_name = "</" + name
    pos = start
    while True:
        pos = html.find("</", pos)
        if pos == -1:
            return len(html)
        after = pos + len(lowered_name)
        if html[pos:after].lower() == lowered_name and (after == len(html) or html[after] in _WS + "/>"):
            return pos
        pos += 2


def start_tags(html: str):
    """Every start tag of ``html`` in document order (raw-text contents on the tag).

    A tag cut off by the end of the file is still returned (browsers drop it): more
    is checked than a browser would show, never less.
    """
    pos = 0
    foreign = 0
    search = _TOKEN.search
    while True:
        match = search(html, pos)
        if match is None:
            return
        pos = match.end()
        name = match.group(1)
        if name is None:
            end_name = match.group(3)
            if foreign and end_name is not None and end_name.lower() in FOREIGN:
                foreign -= 1
            continue
        name = name.lower()
        raw = match.group(2)
        if name in FOREIGN and not raw.rstrip(_WS).endswith("/"):
            foreign += 1
        elif name in RAW_TEXT and not (foreign and name != "script"):
            close = _raw_text_end(html, name, pos)
            yield StartTag(name, attributes(raw), match.start(), pos, html[pos:close])
            pos = close
            continue
        elif name == "plaintext":
            yield StartTag(name, attributes(raw), match.start(), pos, html[pos:])
            return
        yield StartTag(name, attributes(raw), match.start(), pos)
