"""WP008: owner division and officer exist in organization.yml."""

from __future__ import annotations

from content_helpers import BASE_FIELDS, assert_one, check_page, hits, page

RULE = "WP008"


def test_existing_owner_passes(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page())
    assert not hits(report, RULE)


def test_unknown_division_lists_divisions(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(BASE_FIELDS.replace("division: secretariat", "division: secretary")))
    finding = assert_one(report, RULE, line=6)
    assert "'secretariat'" in finding["hint"] and "legal (กลุ่มกฎหมาย)" in finding["hint"]


def test_unknown_officer_lists_division_members(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(BASE_FIELDS.replace("jintana.k", "jintana")))
    finding = assert_one(report, RULE, line=7)
    assert "jintana.k (" in finding["hint"] and "pranee.w" in finding["hint"]


def test_owner_not_a_mapping_is_wp005_only(tmp_repo, capsys):
    fields = BASE_FIELDS.replace("owner:\n  division: secretariat\n  officer: jintana.k", "owner: secretariat")
    _, report = check_page(capsys, tmp_repo, page(fields))
    assert not hits(report, RULE) and hits(report, "WP005")
