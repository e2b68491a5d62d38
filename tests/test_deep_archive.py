"""WP120-WP129 through `webpub check`: ZIPs from zipfile, RAR 4/5 headers by the format."""

from __future__ import annotations

import zipfile

import pytest

import deep_files as f
from deep_check_kit import deep_check, rules


def test_clean_archives_pass(tmp_repo, capsys):
    clean_zip = f.zip_of({"docs/report.pdf": f.pdf(), "docs/table.xlsx": f.xlsx(), "readme.txt": "อ่านก่อน"})
    files = {"bundle.zip": clean_zip, "bundle.rar": f.rar5(files=(("a.pdf", 100, 0), ("b.docx", 10, 0))),
             "old.rar": f.rar4(files=(("a.pdf", 100), ("ข่าว.docx", 10)))}
    assert deep_check(capsys, tmp_repo, files) == []


def _many(n):
    return f.zip_of({f"f{i}.txt": "x" for i in range(n)}, zipfile.ZIP_STORED)


@pytest.mark.parametrize("name, builder, rule, said", [
    ("dotdot.zip", lambda: f.zip_of({"../../etc/cron.d/x": "x"}), "WP120", "../../etc/cron.d/x"),
    ("abs.zip", lambda: f.zip_of({"/etc/passwd": "x"}), "WP120", "/etc/passwd"),
    ("drive.rar", lambda: f.rar4(files=(("C:\\Windows\\x.txt", 1),)), "WP120", "C:"),
    ("link.zip", f.zip_symlink, "WP121", "link-to-passwd"),
    ("link.rar", lambda: f.rar5(files=(("etc", 0, 0),), symlink="etc"), "WP121", "etc"),
    ("dup.zip", lambda: f.zip_of({"a/Report.pdf": b"%PDF-1.4", "a/report.PDF": b"%PDF-1.4"}), "WP122", "report.PDF"),
    ("enc.zip", f.zip_encrypted_entry, "WP123", "secret.pdf"),
    ("enc.rar", lambda: f.rar5(encrypted=True), "WP123", "report.pdf"),
    ("hdr.rar", lambda: f.rar5(encrypted_headers=True), "WP123", "ส่วนหัว"),
    ("hdr4.rar", lambda: f.rar4(main_flags=0x80), "WP123", "ส่วนหัว"),
    ("exe.zip", lambda: f.zip_of({"setup.exe": b"MZ\x90\x00"}), "WP124", "setup.exe"),
    ("script.zip", lambda: f.zip_of({"run.ps1": "Invoke-Expression"}), "WP124", "run.ps1"),
    ("disguised.zip", lambda: f.zip_of({"invoice.pdf": b"MZ\x90\x00" + b"\0" * 64}), "WP124", "invoice.pdf"),
    ("nested.zip", lambda: f.zip_of({"inner.zip": f.zip_of({"a.txt": "a"})}), "WP125", "inner.zip"),
    ("nested.rar", lambda: f.rar5(files=(("inner.7z", 10, 0),)), "WP125", "inner.7z"),
    ("many.zip", lambda: _many(2001), "WP126", "2,001"),
    ("bomb.zip", lambda: f.zip_ratio_bomb(200), "WP127", "decompression bomb"),
    ("overlap.zip", f.zip_overlapping, "WP127", "decompression bomb"),
    ("vol.rar", lambda: f.rar5(archive_flags=0x1), "WP128", "multi-volume"),
    ("vol4.rar", lambda: f.rar4(main_flags=0x1), "WP128", "multi-volume"),
    ("broken.zip", lambda: b"PK\x03\x04" + b"\0" * 100, "WP129", "ZIP"),
    ("broken.rar", lambda: b"Rar!\x1a\x07\x01\x00\xff\xff\xff\xff\xff", "WP129", "RAR"),
], ids=lambda v: v if isinstance(v, str) and "." in v else None)
def test_hostile_archive_is_refused(tmp_repo, capsys, name, builder, rule, said):
    found = deep_check(capsys, tmp_repo, {name: builder()})
    assert rule in rules(found)
    assert any(x["rule"] == rule and x["message"].startswith(name) and said in x["message"] for x in found)


def test_documents_inside_a_zip_get_their_own_rules(tmp_repo, capsys):
    bundle = f.zip_of({"forms/apply.pdf": f.pdf_js(), "forms/letter.docx": f.docx_with_vba()})
    found = deep_check(capsys, tmp_repo, {"forms.zip": bundle})
    assert rules(found) == {"WP100", "WP110"}
    assert any("forms/apply.pdf" in x["message"] for x in found)
