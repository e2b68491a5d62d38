"""WP027: a page lives under content/<dir>/ of its category with an a-z0-9- name."""

from __future__ import annotations

import pytest

from content_helpers import assert_one, check_page, hits, page

RULE = "WP027"


@pytest.mark.parametrize("rel", ["content/about/history.md", "content/about/2026/a-1.md", "content/about/index.md"])
def test_good_locations(tmp_repo, capsys, rel):
    _, report = check_page(capsys, tmp_repo, page(), rel=rel)
    assert not hits(report, RULE)


@pytest.mark.parametrize("rel, suggestion", [
    ("content/about/History Page.md", "history-page.md"),
    ("content/about/ประวัติ.md", "2026-11-01-history.md"),
    ("content/about/a_b.MD", "a-b.md"),
    ("content/about/--x.md", "x.md"),
])
def test_bad_names_suggest_one(tmp_repo, capsys, rel, suggestion):
    _, report = check_page(capsys, tmp_repo, page(), rel=rel)
    finding = assert_one(report, RULE, line=1, path=rel)
    assert suggestion in finding["hint"] and "git mv" in finding["hint"]


def test_bad_folder_name(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(), rel="content/about/ปี 2569/a.md")
    assert_one(report, RULE, line=1, path="content/about/ปี 2569/a.md")


def test_wrong_category_folder(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(), rel="content/news/history.md")
    finding = assert_one(report, RULE, line=3, path="content/news/history.md")
    assert "content/about/" in finding["message"] and "content/about/history.md" in finding["hint"]


def test_page_at_content_root(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(), rel="content/history.md")
    assert_one(report, RULE, line=3, path="content/history.md")
