"""Characters that may never appear in text an officer writes: one definition.

WP002 refuses them anywhere in a page, ``webpub new`` refuses them in the title it
is given (a title is one line, so tabs and line breaks are refused there too), and
the file-name rule names them when it explains a refusal. Keeping the list here
means the three can never disagree again.

Refused: bidi embeddings, overrides, isolates and marks (they reorder what the
reader sees), C0 controls except tab and newline, DEL, C1 controls, a BOM inside
text, line/paragraph separators, interlinear annotations, invisible operators and
deprecated format characters, Hangul fillers, tag characters (invisible copies of
ASCII that can smuggle text) and Unicode noncharacters. Thai is never NFKC'd:
zero-width space and the joiners, which Thai text legitimately uses, are allowed.
"""

from __future__ import annotations

import re
import unicodedata

_RANGES = (
    "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"  # bidi
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f"  # C0 (but tab, LF, CR), DEL, C1
    "\ufeff\u2028\u2029\ufff9-\ufffb"  # BOM in text, separators, interlinear annotations
    "\u2061-\u2064\u206a-\u206f\u115f\u1160\u3164\uffa0"  # invisible operators, fillers
    "\U000e0000-\U000e007f"  # tag characters
    "\ufdd0-\ufdef\ufffe\uffff"  # noncharacters
)
FORBIDDEN = re.compile(f"[{_RANGES}]")
# One-line text (a title, a file name): tab and line breaks too.
FORBIDDEN_IN_LINE = re.compile(f"[{_RANGES}\t\n\r]")


def first_forbidden(text: str, one_line: bool = False) -> str | None:
    """The first forbidden character of ``text``, or None."""
    match = (FORBIDDEN_IN_LINE if one_line else FORBIDDEN).search(text)
    return match.group() if match else None


def describe(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: how a message names a character nobody can see."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")
