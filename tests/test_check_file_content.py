"""WP019: a file's bytes are what its extension claims (real files made by their own tools)."""

from __future__ import annotations

import pytest

import realfiles
from conftest import write
from pagekit import run_rule

REAL = {
    "report.pdf": realfiles.pdf_bytes,
    "letter.docx": realfiles.docx_bytes,
    "budget.xlsx": realfiles.xlsx_bytes,
    "old.doc": lambda: realfiles.ole_bytes("WordDocument"),
    "old.xls": lambda: realfiles.ole_bytes("Workbook"),
    "photo.jpg": lambda: realfiles.image_bytes("JPEG"),
    "chart.png": lambda: realfiles.image_bytes("PNG"),
    "bundle.zip": realfiles.zip_bytes,
}


def test_real_files_pass(tmp_repo, capsys):
    for name, make in REAL.items():
        write(tmp_repo, f"content/about/{name}", make())
    assert run_rule(capsys, "WP019") == []


@pytest.mark.parametrize("name, data, words", [
    ("report.pdf", realfiles.ELF, "โปรแกรม"),
    ("letter.docx", realfiles.pe_bytes(), "โปรแกรม"),
    ("report.pdf", realfiles.HTML, "HTML"),
    ("photo.jpg", realfiles.SVG, "SVG"),
    ("letter.docx", realfiles.pdf_bytes(), "PDF"),
    ("budget.xlsx", realfiles.docx_bytes(), "Word"),
    ("old.doc", realfiles.ole_bytes("Workbook"), "Excel"),
    ("report.pdf", realfiles.pdf_bytes()[:-64], "%%EOF"),
    ("chart.png", realfiles.image_bytes("JPEG"), "JPEG"),
])
def test_mismatched_or_hostile_content_is_refused(tmp_repo, capsys, name, data, words):
    path = write(tmp_repo, f"content/about/{name}", data)
    (hit,) = run_rule(capsys, "WP019")
    assert hit["path"] == f"content/about/{name}" and hit["line"] == 1
    assert words in hit["message"], hit["message"]
    assert path.read_bytes() == data


def test_legacy_thai_text_gets_the_conversion_hint(tmp_repo, capsys):
    write(tmp_repo, "content/news/notice.txt", "ประกาศรับสมัครงาน".encode("cp874"))
    (hit,) = run_rule(capsys, "WP019")
    assert "iconv -f CP874" in hit["hint"]


def test_renamed_program_gets_the_delete_hint(tmp_repo, capsys):
    write(tmp_repo, "content/about/report.pdf", realfiles.pe_bytes())
    (hit,) = run_rule(capsys, "WP019")
    assert "ลบไฟล์" in hit["hint"]
