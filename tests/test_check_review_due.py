"""WP015: review_by passed, or a standing page not updated within review_days (warnings)."""

from __future__ import annotations

from content_helpers import BASE_FIELDS, assert_one, check_page, hits, page, replace_field

RULE = "WP015"


def test_review_by_today_is_fine(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(BASE_FIELDS + "\nreview_by: 2026-11-26"))
    assert not hits(report, RULE)


def test_review_by_yesterday_warns(tmp_repo, capsys):
    code, report = check_page(capsys, tmp_repo, page(BASE_FIELDS + "\nreview_by: 2026-11-25"))
    assert_one(report, RULE, line=9, severity="warning")
    assert code == 0


def test_old_standing_page_without_review_by_warns(tmp_repo, capsys):
    fields = replace_field(BASE_FIELDS, "published", "published: 2025-11-25")
    _, report = check_page(capsys, tmp_repo, page(fields))
    assert "365" in assert_one(report, RULE, line=8)["message"]


def test_recent_update_counts(tmp_repo, capsys):
    fields = replace_field(BASE_FIELDS, "published", "published: 2020-01-01") + "\nupdated: 2026-06-01"
    _, report = check_page(capsys, tmp_repo, page(fields))
    assert not hits(report, RULE)


def test_future_review_by_overrides_age(tmp_repo, capsys):
    fields = replace_field(BASE_FIELDS, "published", "published: 2020-01-01") + "\nreview_by: 2027-01-01"
    _, report = check_page(capsys, tmp_repo, page(fields))
    assert not hits(report, RULE)


def test_category_without_review_days(tmp_repo, capsys):
    fields = replace_field(replace_field(BASE_FIELDS, "category", 'category: "1.7"'), "topic", None)
    fields = replace_field(fields, "published", "published: 2020-01-01")
    _, report = check_page(capsys, tmp_repo, page(fields), rel="content/sitemap/a.md")
    assert not hits(report, RULE)
