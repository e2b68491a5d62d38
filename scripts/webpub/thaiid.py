"""Thai national ID numbers (เลขประจำตัวประชาชน) in text.

A match is 13 digits, Arabic or Thai (๐-๙), written together or grouped 1-4-5-2-1
with hyphens or spaces, that is not part of a longer number or word (so phone
numbers, budget figures such as 1,234,567,890,123 and hex strings stay out), whose
first digit is 1-8 and whose last digit is the check digit
``(11 - Σ d_i × (14 - i) mod 11) mod 10`` over the first twelve digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")  # catalogue-exempt: Thai digits are digits
_D = "[0-9๐-๙]"  # catalogue-exempt: Thai digits are digits
_S = "[- \u00a0\u2013]"
_PATTERN = re.compile(
    rf"(?<![0-9๐-๙A-Za-z])(?<![0-9๐-๙][-.,/])"  # catalogue-exempt: Thai digits are digits
    rf"({_D}{{13}}|{_D}{_S}{_D}{{4}}{_S}{_D}{{5}}{_S}{_D}{{2}}{_S}{_D})"
    rf"(?![0-9๐-๙A-Za-z])(?![-.,/][0-9๐-๙])"  # catalogue-exempt: Thai digits are digits
)
_QUICK = re.compile(rf"{_D}{{5}}")  # every match holds a run of at least five digits


def digits_of(value: str) -> str:
    """The ASCII digits of ``value`` (Thai digits converted, everything else dropped)."""
    return re.sub(r"[^0-9]", "", value.translate(_THAI_DIGITS))


def is_valid(digits: str) -> bool:
    if len(digits) != 13 or not digits.isascii() or not digits.isdigit() or digits[0] in "09":
        return False
    total = sum(int(digit) * (13 - i) for i, digit in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def find(text: str) -> Iterator[tuple[int, str]]:
    """(offset, the 13 ASCII digits) of every valid national ID in ``text``."""
    if not _QUICK.search(text):
        return
    for match in _PATTERN.finditer(text):
        digits = digits_of(match.group(1))
        if is_valid(digits):
            yield match.start(1), digits


def mask(digits: str) -> str:
    """The form shown in findings: enough to find the number, not enough to leak it."""
    return f"{digits[0]}-{digits[1:5]}-xxxxx-xx-{digits[12]}"
