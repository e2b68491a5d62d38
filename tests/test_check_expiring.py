"""WP014: expiring within the window in schema/rules.yml (14 days) is a warning."""

from __future__ import annotations

import pytest
import yaml

from content_helpers import BASE_FIELDS, assert_one, check_page, hits, page, replace_field

RULE = "WP014"
NEWS = replace_field(replace_field(BASE_FIELDS, "category", 'category: "3.1"'), "topic", "topic: general")


@pytest.mark.parametrize("expires, warned", [
    ("2026-11-25", False),  # already expired: WP013
    ("2026-11-26", True), ("2026-12-10", True), ("2026-12-11", False),
])
def test_window_edges(tmp_repo, capsys, expires, warned):
    code, report = check_page(capsys, tmp_repo, page(NEWS + f"\nexpires: {expires}"), rel="content/news/a.md")
    if warned:
        assert_one(report, RULE, line=9, path="content/news/a.md", severity="warning")
        assert code == 0
    else:
        assert not hits(report, RULE)


def test_window_is_data(tmp_repo, capsys):
    rules_path = tmp_repo / "schema" / "rules.yml"
    text = rules_path.read_text(encoding="utf-8")
    assert "expiring_soon_days: 14" in text
    rules_path.write_text(text.replace("expiring_soon_days: 14", "expiring_soon_days: 30"), encoding="utf-8")
    assert yaml.safe_load(rules_path.read_text(encoding="utf-8"))["expiring_soon_days"] == 30
    _, report = check_page(capsys, tmp_repo, page(NEWS + "\nexpires: 2026-12-20"), rel="content/news/a.md")
    assert "อีก 24 วัน" in assert_one(report, RULE, path="content/news/a.md")["message"]


def test_standing_page_never_warns(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page())
    assert not hits(report, RULE)
