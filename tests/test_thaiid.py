"""webpub.thaiid: finding valid Thai national ID numbers in text."""

from __future__ import annotations

import pytest

from webpub.thaiid import digits_of, find, is_valid, mask


def with_check_digit(first12: str) -> str:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return first12 + str((11 - total % 11) % 10)


VALID = "3100600445635"  # the documented example


def test_check_digit_formula():
    assert is_valid(VALID)
    assert with_check_digit(VALID[:12]) == VALID
    assert not is_valid(VALID[:12] + "6")
    assert not is_valid(with_check_digit("010060044563"))  # first digit 0
    assert not is_valid(with_check_digit("910060044563"))  # first digit 9
    assert not is_valid("310060044563")


@pytest.mark.parametrize("text", [
    VALID, "3-1006-00445-63-5", "3 1006 00445 63 5", "3\u00a01006\u00a000445\u00a063\u00a05",
    "๓๑๐๐๖๐๐๔๔๕๖๓๕", "๓-๑๐๐๖-๐๐๔๔๕-๖๓-๕", "เลขที่3100600445635ของผู้ขอ", "(3100600445635)",
])
def test_forms_that_are_found(text):
    assert [digits for _, digits in find(text)] == [VALID]


@pytest.mark.parametrize("text", [
    "3100600445636",  # wrong check digit
    "1,234,567,890,123", "3,100,600,445,635",  # budget figures
    "93100600445635", "31006004456351",  # inside a longer number
    "3100600445635.50", "12.3100600445635",  # decimals
    "0x3100600445635", "a3100600445635b",  # hex/identifiers
    "02-356-9999 0812345678 โทร 1111",
    "31-006-00445-63-5",  # not the 1-4-5-2-1 grouping
])
def test_look_alikes_are_not_found(text):
    assert list(find(text)) == []


def test_offset_and_mask():
    text = "ผู้ยื่น 3-1006-00445-63-5"
    ((offset, digits),) = find(text)
    assert text[offset] == "3"
    assert mask(digits) == "3-1006-xxxxx-xx-5"
    assert digits_of("๓-๑๐๐๖") == "31006"
