"""WP006: dates are real ISO Gregorian dates; B.E. years are named with the fix."""

from __future__ import annotations

import pytest

from content_helpers import BASE_FIELDS, assert_one, check_page, hits, page, replace_field

RULE = "WP006"


def with_published(value: str) -> str:
    return page(replace_field(BASE_FIELDS, "published", f"published: {value}"))


@pytest.mark.parametrize("value", ["2026-11-26", '"2026-11-26"', "2024-02-29", "1999-12-31"])
def test_good_dates_pass(tmp_repo, capsys, value):
    _, report = check_page(capsys, tmp_repo, with_published(value))
    assert not hits(report, RULE)


@pytest.mark.parametrize("value, message_part, hint_part", [
    ("2569-11-26", "พ.ศ.", "2026-11-26"),
    ("2567-02-29", "พ.ศ.", "2024-02-29"),
    ("2026-02-30", "ไม่มีอยู่จริง", "28 วัน"),
    ("2024-13-01", "ไม่มีเดือน 13", "01 ถึง 12"),
    ("2026-11-31", "ไม่มีอยู่จริง", "30 วัน"),
    ("26/11/2569", "YYYY-MM-DD", "2026-11-26"),
    ("26/11/2026", "YYYY-MM-DD", "2026-11-26"),
    ("2026-1-5", "YYYY-MM-DD", "2026-01-05"),
    ("๒๕๖๙-๑๑-๒๖", "เลขไทย", "2026-11-26"),
    ("26 พฤศจิกายน 2569", "YYYY-MM-DD", "2026-11-26"),
    ("26 พ.ย. 2569", "YYYY-MM-DD", "2026-11-26"),
    ("2026-11-26T10:00:00", "เวลา", "2026-11-26"),
    ("1026-11-26", "ไม่น่าจะถูกต้อง", "ค.ศ."),
    ("tomorrow", "YYYY-MM-DD", "2026-11-26"),
])
def test_bad_dates_name_the_fix(tmp_repo, capsys, value, message_part, hint_part):
    _, report = check_page(capsys, tmp_repo, with_published(value))
    finding = assert_one(report, RULE, line=8, severity="error")
    assert message_part in finding["message"] and "'published'" in finding["message"]
    assert hint_part in finding["hint"], finding


def test_quoted_date_with_spaces(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, with_published('" 2026-11-26"'))
    assert "2026-11-26" in assert_one(report, RULE, line=8)["hint"]


def test_nested_dates_are_checked(tmp_repo, capsys):
    fields = BASE_FIELDS + "\nwithdrawn:\n  on: 2569-01-10\n  reason: ย้ายไปหน้าอื่น\ndataset:\n  created_date: 2026-02-29"
    _, report = check_page(capsys, tmp_repo, page(fields))
    found = sorted(hits(report, RULE), key=lambda f: f["line"])
    assert [f["line"] for f in found] == [10, 13]
    assert "withdrawn.on" in found[0]["message"] and "2026-01-10" in found[0]["hint"]
    assert "dataset.created_date" in found[1]["message"]


@pytest.mark.parametrize("value, ok, hint_part", [
    ("2026-10", True, None), ("2569-10", False, "2026-10"), ("2026-13", False, "01 ถึง 12"),
    ("10/2026", False, "2026-10"), ("ตุลาคม", False, "YYYY-MM"),
])
def test_period_months(tmp_repo, capsys, value, ok, hint_part):
    _, report = check_page(capsys, tmp_repo, page(BASE_FIELDS + f"\nperiod: {value}"))
    if ok:
        assert not hits(report, RULE)
    else:
        assert hint_part in assert_one(report, RULE, line=9)["hint"]


def test_non_text_date_is_left_to_wp005(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, with_published("[2026, 11]"))
    assert not hits(report, RULE) and hits(report, "WP005")
