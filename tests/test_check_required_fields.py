"""WP009: always-required fields and the category's and topic's required fields."""

from __future__ import annotations

from content_helpers import BASE_FIELDS, assert_one, check_page, hits, page, replace_field

RULE = "WP009"


def test_complete_page_passes(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page())
    assert not hits(report, RULE)


def test_missing_owner_is_one_finding(tmp_repo, capsys):
    fields = BASE_FIELDS.replace("owner:\n  division: secretariat\n  officer: jintana.k\n", "")
    _, report = check_page(capsys, tmp_repo, page(fields))
    finding = assert_one(report, RULE, line=4)
    assert "'owner'" in finding["message"] and "ทุกหน้า" in finding["message"]
    assert not hits(report, "WP005")


def test_category_requires_published(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(replace_field(BASE_FIELDS, "published", None)))
    finding = assert_one(report, RULE, line=4)
    assert "'published'" in finding["message"] and "หมวด 1.1" in finding["message"]


def test_category_requires_topic_and_lists_them(tmp_repo, capsys):
    fields = replace_field(BASE_FIELDS, "category", 'category: "2.1"')
    _, report = check_page(capsys, tmp_repo, page(replace_field(fields, "topic", None)), rel="content/oia/page.md")
    finding = assert_one(report, RULE, line=3, path="content/oia/page.md")
    assert "s9-8-procurement-summary" in finding["hint"]


def test_topic_requires_its_fields(tmp_repo, capsys):
    fields = replace_field(BASE_FIELDS, "category", 'category: "3.1"')
    fields = replace_field(fields, "topic", "topic: job-opening")
    body = "## คุณสมบัติผู้สมัคร\n\nก\n\n## วิธีการสมัคร\n\nข\n"
    _, report = check_page(capsys, tmp_repo, page(fields, body), rel="content/news/page.md")
    finding = assert_one(report, RULE, line=4, path="content/news/page.md")
    assert "'closing_date'" in finding["message"] and "job-opening" in finding["message"]
    assert "วันปิดรับสมัคร" in finding["hint"]


def test_empty_required_list_counts_as_missing(tmp_repo, capsys):
    fields = replace_field(BASE_FIELDS, "category", 'category: "2.2"')
    fields = replace_field(fields, "topic", None) + "\nattachments: []"
    _, report = check_page(capsys, tmp_repo, page(fields, "## รายละเอียดชุดข้อมูล\n\nก\n"),
                           rel="content/opendata/page.md")
    names = {f["message"].split("'")[1] for f in hits(report, RULE)}
    assert names == {"dataset", "attachments"}


def test_source_is_left_to_wp011(tmp_repo, capsys):
    fields = replace_field(BASE_FIELDS, "category", 'category: "1.2"')
    fields = replace_field(fields, "topic", "topic: act")
    _, report = check_page(capsys, tmp_repo, page(fields), rel="content/laws/page.md")
    assert not hits(report, RULE) and hits(report, "WP011")
