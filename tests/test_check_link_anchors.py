"""WP023: #anchors exist on the page they point to (Thai heading slugs included)."""

from __future__ import annotations

from conftest import VALID_PAGE, run_cli, write
from pagekit import of_rule, page_text, line_of, run_rule, write_page
import json


def test_anchors_that_exist_pass(tmp_repo, capsys):
    write(tmp_repo, "content/about/history.md", VALID_PAGE)  # has "## ความเป็นมา"
    body = ("## ขั้นตอนการขอรับบริการ\n\nดู [ขั้นตอน](#ขั้นตอนการขอรับบริการ) "
            "[ขั้นตอน](#%E0%B8%82%E0%B8%B1%E0%B9%89%E0%B8%99%E0%B8%95%E0%B8%AD%E0%B8%99%E0%B8%81%E0%B8%B2%E0%B8%A3"
            "%E0%B8%82%E0%B8%AD%E0%B8%A3%E0%B8%B1%E0%B8%9A%E0%B8%9A%E0%B8%A3%E0%B8%B4%E0%B8%81%E0%B8%B2%E0%B8%A3) "
            "[ประวัติ](history.md#ความเป็นมา) ตามระเบียบ[^1]\n\n[^1]: ระเบียบ พ.ศ. 2565\n")
    write_page(tmp_repo, "content/about/page.md", body)
    assert run_rule(capsys, "WP023") == []


def test_missing_own_anchor_is_reported_with_existing_ones_in_the_hint(tmp_repo, capsys):
    text = page_text("## ขั้นตอนการขอรับบริการ\n\nดู [ขั้นตอน](#ขั้นตอนการขอรับ)\n")
    write(tmp_repo, "content/about/page.md", text)
    (hit,) = run_rule(capsys, "WP023")
    assert hit["line"] == line_of(text, "(#ขั้นตอนการขอรับ)")
    assert "#ขั้นตอนการขอรับบริการ" in hit["hint"]


def test_missing_anchor_on_another_page_is_reported(tmp_repo, capsys):
    write(tmp_repo, "content/about/history.md", VALID_PAGE)
    write_page(tmp_repo, "content/about/page.md", "ดู [ประวัติ](history.md#ประวัติศาสตร์)\n")
    (hit,) = run_rule(capsys, "WP023")
    assert "content/about/history.md" in hit["message"]


def test_renaming_the_target_heading_invalidates_the_cached_result(tmp_repo, capsys):
    target = write(tmp_repo, "content/about/history.md", VALID_PAGE)
    write_page(tmp_repo, "content/about/page.md", "ดู [ประวัติ](history.md#ความเป็นมา)\n")

    def cached_run():
        _, out, _ = run_cli(capsys, "check", "--format", "json")
        return of_rule(json.loads(out)["findings"], "WP023")

    assert cached_run() == []
    target.write_text(VALID_PAGE.replace("## ความเป็นมา", "## ประวัติ"), encoding="utf-8")
    assert len(cached_run()) == 1
