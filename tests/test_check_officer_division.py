"""WP028: the owner officer belongs to the owner division (a warning)."""

from __future__ import annotations

from content_helpers import BASE_FIELDS, assert_one, check_page, hits, page

RULE = "WP028"


def test_officer_of_the_division_passes(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page())
    assert not hits(report, RULE)


def test_officer_of_another_division_warns(tmp_repo, capsys):
    code, report = check_page(capsys, tmp_repo, page(BASE_FIELDS.replace("jintana.k", "somchai.j")))
    finding = assert_one(report, RULE, line=7, severity="warning")
    assert "jintana.k" in finding["hint"]
    assert code == 0


def test_unknown_officer_is_wp008_only(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(BASE_FIELDS.replace("jintana.k", "nobody.x")))
    assert not hits(report, RULE) and hits(report, "WP008")
