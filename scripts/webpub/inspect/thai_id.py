"""Thai national ID numbers (เลขประจำตัวประชาชน 13 หลัก) in free text.

A match is 13 digits (Thai or Arabic), optionally grouped 1-4-5-2-1 with spaces or
hyphens, not part of a longer number, whose last digit is the mod-11 check digit
and whose first digit is 1-8. The check digit keeps phone and account numbers out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_SEP = r"[ \-]?"
_CANDIDATE = re.compile(
    r"(?<![0-9๐-๙])([0-9๐-๙]" + _SEP + r"[0-9๐-๙]{4}" + _SEP + r"[0-9๐-๙]{5}" + _SEP
    + r"[0-9๐-๙]{2}" + _SEP + r"[0-9๐-๙])(?![0-9๐-๙])"
)
_QUICK = re.compile(r"[0-9๐-๙]{4}")


def digits_of(value: str) -> str:
    return re.sub(r"[^0-9]", "", value.translate(_THAI_DIGITS))


def is_valid_id(digits: str) -> bool:
    if len(digits) != 13 or not digits.isdigit() or digits[0] in "09":
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def find_ids(text: str) -> Iterator[tuple[int, str]]:
    """(offset, 13 digits) of every valid national ID in ``text``."""
    if not _QUICK.search(text):
        return
    for match in _CANDIDATE.finditer(text):
        raw = match.group(1)
        separators = re.sub(r"[0-9๐-๙]", "", raw)
        # grouping is all-or-nothing: one stray space between two numbers is not an ID format
        if separators and (len(separators) != 4 or len(set(separators)) != 1):
            continue
        digits = digits_of(raw)
        if is_valid_id(digits):
            yield match.start(1), digits


def mask(digits: str) -> str:
    """Shown in findings instead of the number itself, so CI logs do not leak it."""
    return f"{digits[0]}-{digits[1:3]}xx-xxxxx-x{digits[11]}-{digits[12]}"
