"""WP020: stray files with extensions no category allows are refused."""

from __future__ import annotations

import pytest

import realfiles
from conftest import write
from pagekit import run_rule


@pytest.mark.parametrize("name, data", [
    ("setup.exe", realfiles.pe_bytes()),
    ("index.html", realfiles.HTML),
    ("logo.svg", realfiles.SVG),
    ("app.js", b"alert(1)\n"),
    ("~$report.docx.tmp", b"x"),
    ("Makefile", b"all:\n"),
    (".DS_Store", b"\x00\x00\x00\x01Bud1"),
])
def test_stray_files_are_refused(tmp_repo, capsys, name, data):
    write(tmp_repo, f"content/about/{name}", data)
    (hit,) = run_rule(capsys, "WP020")
    assert hit["path"] == f"content/about/{name}"


def test_program_content_is_named_in_the_message(tmp_repo, capsys):
    write(tmp_repo, "content/about/tool.bin", realfiles.ELF)
    (hit,) = run_rule(capsys, "WP020")
    assert "โปรแกรม" in hit["message"]


def test_allowed_types_anywhere_and_gitkeep_pass(tmp_repo, capsys):
    write(tmp_repo, "content/about/report.pdf", realfiles.pdf_bytes())
    write(tmp_repo, "content/opendata/data.csv", b"a,b\n1,2\n")
    write(tmp_repo, "content/news/.gitkeep", b"")
    assert run_rule(capsys, "WP020") == []
