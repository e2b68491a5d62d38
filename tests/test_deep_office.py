"""WP110-WP115 through `webpub check`: python-docx/openpyxl files and OLE compound files."""

from __future__ import annotations

import pytest

import deep_files as f
from deep_check_kit import deep_check, rules


def test_clean_office_files_pass(tmp_repo, capsys):
    files = {"letter.docx": f.docx(["หนังสือเวียน", "เรื่อง การประชุม"]),
             "table.xlsx": f.xlsx(), "links.docx": f.docx_with_hyperlink(), "old.xls": f.xls_workbook()}
    assert deep_check(capsys, tmp_repo, files) == []


@pytest.mark.parametrize("name, builder, expected, said", [
    ("vba.docx", f.docx_with_vba, {"WP110"}, "vbaProject.bin"),
    ("renamed.docx", f.docm_renamed, {"WP110", "WP112"}, ".docm"),
    ("xlm.xlsx", f.xlsx_macro_sheet, {"WP110"}, "macrosheets"),
    ("template.docx", f.docx_external_template, {"WP111"}, "attachedTemplate"),
    ("dde.docx", f.docx_dde, {"WP113"}, "DDE"),
    ("package.docx", f.docx_embedded_package, {"WP115"}, "Package"),
    ("macro.xls", lambda: f.xls_workbook(macro_sheet=True), {"WP110"}, "Excel 4.0"),
    ("locked.xls", lambda: f.xls_workbook(encrypted=True), {"WP114"}, "รหัสผ่าน"),
    ("vba.doc", lambda: f.ole({"Macros": b"Attribute VB_Name", "WordDocument": b"\xec\xa5" + b"\0" * 10}),
     {"WP110"}, "VBA"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_hostile_office_file_is_refused(tmp_repo, capsys, name, builder, expected, said):
    found = deep_check(capsys, tmp_repo, {name: builder()})
    assert rules(found) == expected
    assert any(x["message"].startswith(name) and said in x["message"] for x in found)


def test_masquerade_names_the_real_type(tmp_repo, capsys):
    found = deep_check(capsys, tmp_repo, {"report.docx": f.docm_renamed()})
    masquerade = [x for x in found if x["rule"] == "WP112"]
    assert "นามสกุล .docx" in masquerade[0]["message"] and ".docm" in masquerade[0]["message"]
