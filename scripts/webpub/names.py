"""What a name under ``content/`` may be: one rule for pages, folders and attachments.

A name is part of a web address, so it is lowercase ASCII ``a-z 0-9`` joined by
single hyphens, with a lowercase ``a-z0-9`` extension for files (``.md`` for
pages). Look-alike letters (Cyrillic ``с``, Greek ``ο``) would give two addresses
that read the same, and characters no file name can hold (NUL, controls, bidi
marks: ``webpub.textchars``) would break every tool that touches the file; both
get a message that names the character and suggests an ASCII name. ``webpub new``
and WP027 use this module, so a name ``new`` writes always passes ``check``.
"""

from __future__ import annotations

import re
import unicodedata

from webpub import textchars
from webpub.core.results import Finding
from webpub.messages import t

RULE = "WP027"

SEGMENT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EXTENSION = re.compile(r"^[a-z0-9]{1,10}$")
# Letters of other scripts that look like Latin ones.
LOOKALIKES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "l",
    "ԛ": "q", "ԝ": "w", "ɡ": "g", "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ı": "i",
})


def segment_ok(name: str) -> bool:
    return bool(SEGMENT.match(name))


def file_name_ok(name: str, extension: str | None = None) -> bool:
    """``name`` is ``stem.ext`` with a valid stem and extension (``extension``: that one only)."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not SEGMENT.match(stem) or not EXTENSION.match(ext):
        return False
    return extension is None or ext == extension


def impossible_char(name: str) -> str | None:
    """A character no file name should ever hold (NUL, controls, bidi and invisible marks), or None."""
    bad = textchars.first_forbidden(name, one_line=True)
    if bad is not None:
        return bad
    for char in name:
        if 0xD800 <= ord(char) <= 0xDFFF:  # a byte that is not UTF-8, as Python reads it from disk
            return char
    return None


def lookalike(name: str) -> str | None:
    """The first letter of another script that looks like a Latin one, or None."""
    for char in name:
        if ord(char) > 0x7F and char.lower().translate(LOOKALIKES) != char.lower():
            return char
    return None


def describe(char: str) -> str:
    """How a message names a character (``U+0441 CYRILLIC SMALL LETTER ES``)."""
    if 0xD800 <= ord(char) <= 0xDFFF:
        return t("cli.name_bad_byte", byte=f"{ord(char) - 0xDC00:02X}")
    described = textchars.describe(char)
    return described if " " in described else t("cli.name_invisible", character=described)


def without_impossible(name: str) -> str:
    return "".join(c for c in name if impossible_char(c) is None)


def shown(name: str) -> str:
    """A name safe to print: invisible and impossible characters as \\u escapes."""
    return "".join(c if c.isprintable() and impossible_char(c) is None else c.encode("unicode_escape",
                   "backslashreplace").decode("ascii") for c in name)


def suggest_slug(text: str) -> str:
    """Lowercase ASCII with hyphens; empty when nothing Latin is left (e.g. a Thai name)."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(LOOKALIKES)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def suggest_file_name(name: str) -> str | None:
    """An ASCII name for a file, keeping its extension; None when nothing Latin is left."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    better_stem, better_ext = suggest_slug(stem), suggest_slug(ext).replace("-", "")
    if not better_stem:
        return None
    return f"{better_stem}.{better_ext}" if better_ext else better_stem


def printable_path(rel: str) -> bool:
    """False for a path Python read from disk with bytes that are not UTF-8 (no report,
    cache or terminal can hold it as it is)."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def unnamable_finding(rel: str) -> Finding:
    """WP027 for a file whose name is not UTF-8, with its path shown escaped."""
    shown_path = rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    folder, _, name = shown_path.rpartition("/")
    better = suggest_file_name(without_impossible(rel.rpartition("/")[2])) or "report-2569.pdf"
    return Finding(shown_path, 1, RULE,
                   t("cli.name_not_utf8", name=name), t("cli.name_not_utf8_fix", path=f"{folder}/{better}"),
                   "error")
