"""Heading ids that keep Thai.

Stock MkDocs (Python-Markdown's toc) drops every non-ASCII character, so Thai
headings become ``_1``, ``_2``. This slug keeps letters, marks (Thai vowels and
tone marks are combining marks) and digits of every script, so a deep link reads
as the heading. Leading underscores are dropped, so a heading can never take an id
the theme reserves (``__config``). The engine, the link checker and the MkDocs
build all use it.
"""

from __future__ import annotations

import re
import unicodedata

_TAGS = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[\s\-]+")


def slugify(value: str, separator: str = "-") -> str:
    text = unicodedata.normalize("NFC", _TAGS.sub("", value)).lower()
    kept = []
    for char in text:
        kind = unicodedata.category(char)
        if kind[0] in "LMN" or char in "_":
            kept.append(char)
        elif char.isspace() or char == "-":
            kept.append(" ")
    # never an id the theme reserves (__config, __drawer): leading underscores go
    return _SPACES.sub(separator, "".join(kept).strip()).lstrip("_" + separator)
