"""WP031: files shown or linked in the body are listed in attachments (so the approval
digest covers them)."""

from __future__ import annotations

import realfiles
from conftest import VALID_PAGE, run_cli, write
from pagekit import of_rule, page_text, line_of, run_rule, write_page
import json

LISTED = "attachments:\n  - file: images/chart.png\n    title: แผนภูมิโครงสร้าง\n"


def test_listed_image_and_page_links_pass(tmp_repo, capsys):
    write(tmp_repo, "content/about/images/chart.png", realfiles.image_bytes("PNG"))
    write(tmp_repo, "content/about/history.md", VALID_PAGE)
    write_page(tmp_repo, "content/about/page.md",
               "![แผนภูมิ](images/chart.png) [อีกครั้ง](./images/chart.png) [ประวัติ](history.md)\n", LISTED)
    assert run_rule(capsys, "WP031") == []


def test_unlisted_linked_file_is_reported_once(tmp_repo, capsys):
    write(tmp_repo, "content/about/images/chart.png", realfiles.image_bytes("PNG"))
    write(tmp_repo, "content/about/report.pdf", realfiles.pdf_bytes())
    text = page_text("![แผนภูมิ](images/chart.png)\n\n[รายงาน](report.pdf) และ [รายงาน](report.pdf)\n", LISTED)
    write(tmp_repo, "content/about/page.md", text)
    (hit,) = run_rule(capsys, "WP031")
    assert hit["line"] == line_of(text, "report.pdf")
    assert "report.pdf" in hit["hint"] and hit["severity"] == "error"


def test_is_a_warning_at_pre_commit(tmp_repo, capsys):
    write(tmp_repo, "content/about/report.pdf", realfiles.pdf_bytes())
    write_page(tmp_repo, "content/about/page.md", "[รายงาน](report.pdf)\n")
    _, out, _ = run_cli(capsys, "check", "--format", "json", "--no-cache", "--stage", "pre-commit")
    (hit,) = of_rule(json.loads(out)["findings"], "WP031")
    assert hit["severity"] == "warning"
