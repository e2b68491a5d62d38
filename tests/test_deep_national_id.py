"""WP141: national IDs inside attachments, with the place, and the reviewed exception."""

from __future__ import annotations

import io
import zipfile

import deep_files as f
from deep_check_kit import deep_check

ID = f.VALID_ID
GROUPED = f"{ID[0]}-{ID[1:5]}-{ID[5:10]}-{ID[10:12]}-{ID[12]}"


def ods(cells) -> bytes:
    rows = "".join(
        "<table:table-row>" + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>' for c in row
        ) + "</table:table-row>" for row in cells)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               f'<table:table table:name="รายชื่อ"><table:table-row table:number-rows-repeated="2">'
               f'<table:table-cell/></table:table-row>{rows}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return out.getvalue()


def test_ids_are_found_with_their_place_in_every_format(tmp_repo, capsys):
    files = {
        "letter.pdf": f.pdf(f"Citizen ID {GROUPED}"),
        "memo.docx": f.docx(["เรื่อง แจ้งผล", f"เลขประจำตัวประชาชน {ID}"]),
        "list.xlsx": f.xlsx([("ชื่อ", "เลข"), ("นาย ก", int(ID)), ("นาง ข", f.VALID_ID_2)]),
        "list.csv": f"no,id,score\n1,{ID},5\n".encode(),
        "names.ods": ods([["นาย ค", f.VALID_ID_2]]),
    }
    found = deep_check(capsys, tmp_repo, files, folder="content/opendata")
    by_file = {}
    for x in found:
        assert x["rule"] == "WP141"
        by_file.setdefault(x["path"].rsplit("/", 1)[-1], []).append(x)
    assert "หน้า 1" in by_file["letter.pdf"][0]["message"]
    assert "word/document.xml ย่อหน้าที่ 2" in by_file["memo.docx"][0]["message"]
    assert {"ชีต ข้อมูล!B2", "ชีต ข้อมูล!B3"} <= {m for x in by_file["list.xlsx"] for m in [x["message"].split("(")[1].split(")")[0]]}
    assert by_file["list.csv"][0]["line"] == 2
    assert "ชีต รายชื่อ!B3" in by_file["names.ods"][0]["message"]
    for x in found:
        assert ID not in x["message"] and f.VALID_ID_2 not in x["message"], "the number itself is masked"
        assert "privacy_exceptions" in x["hint"]


def test_numbers_that_fail_the_check_digit_pass(tmp_repo, capsys):
    files = {"phones.csv": b"tel,account\n0812345678,1234567890123\n"}
    assert deep_check(capsys, tmp_repo, files, folder="content/opendata") == []


def test_reviewed_exception_on_the_page_that_lists_the_file(tmp_repo, capsys):
    exception = (f"privacy_exceptions:\n  - value: \"{GROUPED}\"\n"
                 "    reason: เลขตัวอย่างในคู่มือการกรอกแบบฟอร์มที่ผ่านการพิจารณาแล้ว\n"
                 "    file: sample.csv\n")
    files = {"sample.csv": f"id\n{ID}\n{f.VALID_ID_2}\n".encode()}
    found = deep_check(capsys, tmp_repo, files, exception, folder="content/opendata")
    assert [x["line"] for x in found] == [3], "only the number without an exception is reported"


def test_exception_for_another_file_does_not_apply(tmp_repo, capsys):
    exception = (f"privacy_exceptions:\n  - value: \"{ID}\"\n"
                 "    reason: เลขตัวอย่างที่ผ่านการพิจารณาแล้วสำหรับไฟล์อื่น\n    file: other.csv\n")
    files = {"sample.csv": f"id\n{ID}\n".encode()}
    found = deep_check(capsys, tmp_repo, files, exception, folder="content/opendata")
    assert [x["rule"] for x in found] == ["WP141"]


def test_a_sidecar_file_is_not_an_exception(tmp_repo, capsys):
    files = {"sample.csv": f"id\n{ID}\n".encode(),
             "sample.csv.privacy.yml": f"- value: '{ID}'\n  reason: sidecar is not reviewed\n".encode()}
    found = deep_check(capsys, tmp_repo, {"sample.csv": files["sample.csv"]}, folder="content/opendata")
    assert [x["rule"] for x in found] == ["WP141"]
