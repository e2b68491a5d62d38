"""The one frontmatter editor: finding a page's frontmatter block in its text and
changing one top-level key there, leaving every other byte as it was.

Tools write into pages in two ways — ``webpub approve``/``seal`` replace the
``approvals`` block, ``webpub expire --apply`` adds a ``withdrawn`` block — and both
went through their own text surgery before. Each caller still proves the result
(the approval writer re-digests, the take-down re-parses and compares), so an edit
that would touch anything else is refused and nothing is written.

Why not ``python-frontmatter`` (the design card names it): it parses with PyYAML's
loader and re-serialises the whole block on write. webpub needs the opposite on both
sides: a strict reader (``webpub.content.yamlstrict``: no tags, anchors, aliases or duplicate
keys, size and depth caps before parsing, values kept as written) and an editor that
changes one key's lines and keeps the rest byte for byte, because the approval digest
covers the frontmatter as written and a reformatted file would be a different item.
The library offers neither, so the project keeps this small splitter/editor (the README's
note on dependencies says the same for the reader; nothing imports ``python-frontmatter``).
"""

from __future__ import annotations

import re

from webpub.messages import t

_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_CLOSING_BYTES = re.compile(rb"^(?:---|\.\.\.)[ \t]*\r?$", re.M)


class FrontmatterError(ValueError):
    """The text has no well-formed frontmatter block to edit; message in Thai."""


def closing_offset(text: str | bytes) -> int:
    """Offset of the line that closes the frontmatter (``---`` or ``...``): where
    ``append_block`` inserts, so a reader of the file's bytes (``approvals.takedown``)
    finds the same point."""
    raw = isinstance(text, bytes)
    first_line_end = text.find(b"\n" if raw else "\n") + 1
    if not first_line_end or text[:first_line_end].rstrip() != (b"---" if raw else "---"):
        raise FrontmatterError(t("content.frontmatter_missing"))
    closing = (_CLOSING_BYTES if raw else _CLOSING).search(text, first_line_end)
    if closing is None:
        raise FrontmatterError(t("content.frontmatter_unclosed"))
    return closing.start()


def append_block(text: str, block: str) -> str:
    """``text`` with ``block`` (whole lines, newline-terminated) as the last frontmatter lines."""
    at = closing_offset(text)
    return text[:at] + block + text[at:]


def replace_block(text: str, key: str, block: str) -> str:
    """``text`` with the top-level ``key`` block replaced by ``block`` (appended as the last
    frontmatter lines when the key is absent). Lines are split on LF only, as written."""
    close = text.count("\n", 0, closing_offset(text))
    lines = text.split("\n")
    top_key = re.compile(rf"^{re.escape(key)}[ \t]*:")
    start = next((i for i in range(1, close) if top_key.match(lines[i])), None)
    new = block.rstrip("\n").split("\n")
    if start is None:
        return "\n".join(lines[:close] + new + lines[close:])
    end = start + 1
    while end < close and (lines[end] == "" or lines[end][0] in " \t-"):
        end += 1
    while end - 1 > start and lines[end - 1].strip() == "":
        end -= 1
    return "\n".join(lines[:start] + new + lines[end:])
