"""WP011: source where the category requires it."""

from __future__ import annotations

from content_helpers import BASE_FIELDS, assert_one, check_page, hits, page, replace_field

RULE = "WP011"
LAW = replace_field(replace_field(BASE_FIELDS, "category", 'category: "1.2"'), "topic", "topic: act")


def test_law_with_source_passes(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(LAW + "\nsource: ราชกิจจานุเบกษา"), rel="content/laws/a.md")
    assert not hits(report, RULE)


def test_law_with_source_list_passes(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(LAW + "\nsource:\n  - ราชกิจจานุเบกษา\n  - สำนักงานคณะกรรมการกฤษฎีกา"),
                           rel="content/laws/a.md")
    assert not hits(report, RULE)


def test_law_without_source_fails(tmp_repo, capsys):
    code, report = check_page(capsys, tmp_repo, page(LAW), rel="content/laws/a.md")
    finding = assert_one(report, RULE, line=3, path="content/laws/a.md", severity="error")
    assert "1.2" in finding["message"]
    assert code == 1


def test_category_without_source_rule_passes(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page())
    assert not hits(report, RULE)


def test_blank_source_is_wp005_only(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(LAW + "\nsource:"), rel="content/laws/a.md")
    assert not hits(report, RULE) and hits(report, "WP005")
