"""WP140 through `webpub check`: text and CSV attachments must be UTF-8."""

from __future__ import annotations

from deep_check_kit import deep_check

THAI_CSV = "ลำดับ,ชื่อหน่วยงาน\n1,สำนักงาน ก.พ.ร.\n"


def test_utf8_text_and_csv_pass_with_or_without_bom(tmp_repo, capsys):
    files = {"data.csv": THAI_CSV.encode(), "excel.csv": b"\xef\xbb\xbf" + THAI_CSV.encode(),
             "note.txt": "บันทึก\n".encode()}
    assert deep_check(capsys, tmp_repo, files) == []


def test_cp874_csv_is_refused_with_the_exact_iconv_command(tmp_repo, capsys):
    found = deep_check(capsys, tmp_repo, {"legacy.txt": ("บรรทัดแรก\n" + THAI_CSV).encode("cp874")})
    assert [x["rule"] for x in found] == ["WP140"]
    assert "TIS-620/Windows-874" in found[0]["message"] and found[0]["line"] == 1
    assert ("iconv -f CP874 -t UTF-8 content/news/legacy.txt > content/news/legacy.utf8.txt"
            " && mv content/news/legacy.utf8.txt content/news/legacy.txt") in found[0]["hint"]


def test_a_later_bad_byte_reports_its_line(tmp_repo, capsys):
    data = b"a,b\n1,2\n3,\xff\n"
    found = deep_check(capsys, tmp_repo, {"odd.txt": data})
    assert found[0]["rule"] == "WP140" and found[0]["line"] == 3
    assert "iconv" not in found[0]["hint"]


def test_utf16_is_refused(tmp_repo, capsys):
    found = deep_check(capsys, tmp_repo, {"wide.txt": "ข้อความ".encode("utf-16")})
    assert found[0]["rule"] == "WP140" and "UTF-16" in found[0]["message"]
    assert "iconv -f UTF-16 -t UTF-8" in found[0]["hint"]
