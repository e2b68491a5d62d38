"""WP021: every attachment file is referenced by a page in its folder or above."""

from __future__ import annotations

import json

import realfiles
from conftest import run_cli, write
from pagekit import of_rule, page_text, run_rule


def test_files_referenced_by_frontmatter_or_links_pass(tmp_repo, capsys):
    write(tmp_repo, "content/about/files/plan.pdf", realfiles.pdf_bytes())
    write(tmp_repo, "content/about/files/chart.png", realfiles.image_bytes("PNG"))
    write(tmp_repo, "content/about/files/แผน.pdf", realfiles.pdf_bytes())
    write(tmp_repo, "content/about/page.md", page_text(
        "![แผนภูมิ](files/chart.png) [แผน](files/%E0%B9%81%E0%B8%9C%E0%B8%99.pdf)\n",
        "attachments:\n  - file: files/plan.pdf\n    title: แผน\n"))
    assert run_rule(capsys, "WP021") == []


def test_orphan_file_is_reported(tmp_repo, capsys):
    write(tmp_repo, "content/about/files/old-plan.pdf", realfiles.pdf_bytes())
    write(tmp_repo, "content/about/files/plan.pdf", realfiles.pdf_bytes())
    write(tmp_repo, "content/about/page.md", page_text("[แผน](files/old-plan.pdf)\n"))
    (hit,) = run_rule(capsys, "WP021")  # "old-plan.pdf" does not count as "plan.pdf"
    assert hit["path"] == "content/about/files/plan.pdf" and hit["severity"] == "warning"


def test_page_in_a_sibling_folder_does_not_count(tmp_repo, capsys):
    write(tmp_repo, "content/about/files/plan.pdf", realfiles.pdf_bytes())
    write(tmp_repo, "content/news/page.md", page_text("[แผน](../about/files/plan.pdf)\n", category="3.1"))
    assert len(run_rule(capsys, "WP021")) == 1


def test_a_new_page_clears_a_cached_orphan_finding(tmp_repo, capsys):
    write(tmp_repo, "content/about/plan.pdf", realfiles.pdf_bytes())

    def cached_run():
        _, out, _ = run_cli(capsys, "check", "--format", "json")
        return of_rule(json.loads(out)["findings"], "WP021")

    assert len(cached_run()) == 1
    write(tmp_repo, "content/about/page.md", page_text("x\n", "attachments:\n  - file: plan.pdf\n    title: แผน\n"))
    assert cached_run() == []
