"""WP017: attachment types allowed for the page's category (file-rules.yml + extras)."""

from __future__ import annotations

import pytest

from conftest import write
from pagekit import page_text, line_of, run_rule


def one(file: str) -> str:
    return f"attachments:\n  - file: {file}\n    title: เอกสารแนบ\n"


@pytest.mark.parametrize("category, folder, file", [
    ("1.1", "about", "plan.pdf"),
    ("1.1", "about", "budget.XLSX"),
    ("1.1", "about", "archive.rar"),
    ("3.1", "news", "scan.tiff"),
    ("3.1", "news", "notice.txt"),
    ("3.1", "news", "photo.jpeg"),
    ("2.2", "opendata", "data.csv"),
    ("2.2", "opendata", "map.kmz"),
    ("2.2", "opendata", "roads.shp"),
])
def test_allowed_types_pass(tmp_repo, capsys, category, folder, file):
    write(tmp_repo, f"content/{folder}/page.md", page_text("x\n", one(file), category))
    assert run_rule(capsys, "WP017") == []


@pytest.mark.parametrize("category, folder, file", [
    ("1.1", "about", "data.csv"),  # .csv only in open data
    ("1.1", "about", "scan.tif"),  # .tif only in news
    ("3.1", "news", "data.json"),
    ("2.2", "opendata", "notice.txt"),
    ("1.1", "about", "slides.pptx"),
    ("1.1", "about", "setup.exe"),
    ("1.1", "about", "README"),
])
def test_other_types_are_reported_on_the_file_line(tmp_repo, capsys, category, folder, file):
    text = page_text("x\n", one(file), category)
    write(tmp_repo, f"content/{folder}/page.md", text)
    (hit,) = run_rule(capsys, "WP017")
    assert hit["line"] == line_of(text, f"file: {file}")
    assert ".pdf" in hit["hint"]
