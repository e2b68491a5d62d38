"""WP034: a ``published`` day still ahead is an embargo, said plainly but not an error."""

from __future__ import annotations

from content_helpers import BASE_FIELDS, assert_one, check_page, hits, page, replace_field

RULE = "WP034"


def test_future_published_is_a_warning_with_the_thai_date(tmp_repo, capsys):
    code, report = check_page(capsys, tmp_repo, page(replace_field(BASE_FIELDS, "published", "published: 2026-12-02")),
                              today="2026-11-26")
    finding = assert_one(report, RULE, line=8, severity="warning")
    assert "2 ธันวาคม 2569" in finding["message"] and "00:00" in finding["message"]
    assert code == 0  # an officer may prepare an embargoed item: the check passes


def test_published_today_or_before_says_nothing(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(replace_field(BASE_FIELDS, "published", "published: 2026-11-26")),
                           today="2026-11-26")
    assert not hits(report, RULE)
