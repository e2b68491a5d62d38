"""WP016: listed attachments exist as files inside the page's folder tree."""

from __future__ import annotations

import pytest

import realfiles
from conftest import write
from pagekit import page_text, line_of, run_rule


def attachments(*files: str) -> str:
    return "attachments:\n" + "".join(f"  - file: {f}\n    title: เอกสารแนบ\n" for f in files)


def test_existing_files_in_the_folder_tree_pass(tmp_repo, capsys):
    write(tmp_repo, "content/about/plan.pdf", realfiles.pdf_bytes())
    write(tmp_repo, "content/about/files/2567/รายงาน.pdf", realfiles.pdf_bytes())
    write(tmp_repo, "content/about/page.md",
          page_text("[แผน](plan.pdf) [รายงาน](files/2567/รายงาน.pdf)\n",
                    attachments("plan.pdf", "./files/2567/รายงาน.pdf")))
    assert run_rule(capsys, "WP016") == []


@pytest.mark.parametrize("file, words", [
    ("missing.pdf", "ไม่พบ"),
    ("Plan.pdf", "ไม่พบ"),  # case matters on the server
    ("../news/other.pdf", "นอกโฟลเดอร์"),
    ("../../../etc/passwd", "นอกโฟลเดอร์"),
    ("/etc/passwd", "ที่อยู่เต็ม"),
    ("https://evil.example/x.pdf", "ลิงก์เว็บ"),
    ("files\\plan.pdf", "Windows"),
    ("files", "โฟลเดอร์"),
    ("other.md", ".md"),
])
def test_bad_attachment_paths_are_reported_on_the_file_line(tmp_repo, capsys, file, words):
    write(tmp_repo, "content/about/plan.pdf", realfiles.pdf_bytes())
    write(tmp_repo, "content/about/files/x.pdf", realfiles.pdf_bytes())
    write(tmp_repo, "content/about/other.md", page_text("x\n"))
    write(tmp_repo, "content/news/other.pdf", realfiles.pdf_bytes())
    quoted = f"'{file}'" if "\\" in file else file
    text = page_text("ย่อหน้า\n", attachments("plan.pdf", quoted))
    write(tmp_repo, "content/about/page.md", text)
    hits = run_rule(capsys, "WP016", path="content/about/page.md")
    assert len(hits) == 1, hits
    assert hits[0]["line"] == line_of(text, f"file: {quoted}")
    assert words in hits[0]["message"] + hits[0]["hint"]


def test_hint_names_a_close_existing_file(tmp_repo, capsys):
    write(tmp_repo, "content/about/plan.pdf", realfiles.pdf_bytes())
    write(tmp_repo, "content/about/page.md", page_text("x\n", attachments("Plan.pdf")))
    (hit,) = run_rule(capsys, "WP016")
    assert "plan.pdf" in hit["hint"]
