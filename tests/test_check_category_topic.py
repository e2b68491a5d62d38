"""WP007: category and topic exist in categories.yml."""

from __future__ import annotations

from content_helpers import BASE_FIELDS, assert_one, check_page, hits, page, replace_field

RULE = "WP007"


def test_known_category_and_topic_pass(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page())
    assert not hits(report, RULE)


def test_unquoted_category_is_still_the_text_1_1(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(replace_field(BASE_FIELDS, "category", "category: 1.1")))
    assert not hits(report, RULE)


def test_unknown_category_lists_valid_ones(tmp_repo, capsys):
    fields = replace_field(BASE_FIELDS, "category", "category: 1.10")
    _, report = check_page(capsys, tmp_repo, page(fields))
    finding = assert_one(report, RULE, line=3)
    assert "'1.10'" in finding["message"]
    assert "3.3 (การรับฟังความเห็นสาธารณะ)" in finding["hint"]


def test_unknown_topic_suggests_close_one(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(replace_field(BASE_FIELDS, "topic", "topic: histroy")))
    finding = assert_one(report, RULE, line=4)
    assert "'history'" in finding["hint"] and "vision-mission" in finding["hint"]


def test_topic_in_category_without_topics(tmp_repo, capsys):
    fields = replace_field(BASE_FIELDS, "category", 'category: "1.5"')
    _, report = check_page(capsys, tmp_repo, page(fields), rel="content/faq/page.md")
    assert_one(report, RULE, line=4, path="content/faq/page.md")


def test_topic_of_another_category_is_refused(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(replace_field(BASE_FIELDS, "topic", "topic: job-opening")))
    assert_one(report, RULE, line=4)
