"""WP012: expires/updated/review_by/withdrawn.on not before published; dataset dates in order."""

from __future__ import annotations

import pytest

from content_helpers import BASE_FIELDS, assert_one, check_page, hits, page

RULE = "WP012"


@pytest.mark.parametrize("extra", [
    "updated: 2026-11-01", "updated: 2026-11-20", "expires: 2027-01-01", "review_by: 2027-11-01",
    "dataset:\n  created_date: 2026-01-01\n  last_updated_date: 2026-01-01",
])
def test_dates_in_order_pass(tmp_repo, capsys, extra):
    _, report = check_page(capsys, tmp_repo, page(BASE_FIELDS + "\n" + extra))
    assert not hits(report, RULE)


@pytest.mark.parametrize("extra, line, key", [
    ("updated: 2026-10-31", 9, "updated"),
    ("expires: 2025-11-30", 9, "expires"),
    ("review_by: 2026-01-01", 9, "review_by"),
    ("withdrawn:\n  on: 2026-10-01\n  reason: ยกเลิก", 10, "withdrawn.on"),
    ("dataset:\n  created_date: 2026-05-01\n  last_updated_date: 2026-04-01", 11, "dataset.last_updated_date"),
])
def test_dates_out_of_order_fail(tmp_repo, capsys, extra, line, key):
    _, report = check_page(capsys, tmp_repo, page(BASE_FIELDS + "\n" + extra))
    finding = assert_one(report, RULE, line=line, severity="error")
    assert key in finding["message"] and "พ.ศ." not in finding["message"]
    assert "2569" in finding["message"]  # the reader's B.E. date is shown beside the ISO one


def test_invalid_dates_are_not_compared(tmp_repo, capsys):
    fields = BASE_FIELDS.replace("published: 2026-11-01", "published: 2569-11-01") + "\nupdated: 2026-11-02"
    _, report = check_page(capsys, tmp_repo, page(fields))
    assert not hits(report, RULE) and hits(report, "WP006")
