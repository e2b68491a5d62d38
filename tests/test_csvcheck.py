"""The dataset CSV validator (WP146, webpub.opendata.csvcheck): every kind of finding on a real
file, and hostile files (huge fields, NULs, long lines, BOMs, wrong encodings, random bytes)
giving a finding, never a traceback or a hang."""

from __future__ import annotations

import json
import os
import random

import pytest

from conftest import run_cli, write
from test_deep_dataset import GOOD_CSV, dataset_page
from webpub.opendata import csvcheck
from webpub.opendata.csvcheck import validate_csv_file


def problems(tmp_path, data: str | bytes, name: str = "data.csv"):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    found = validate_csv_file(path)
    for p in found:  # every finding reads as Thai text with its kind, whatever the input
        assert f"[{p.kind}]" in p.message_th() and p.hint_th()
    return found


def kinds(found):
    return [p.kind for p in found]


def test_good_files_pass(tmp_path):
    assert problems(tmp_path, GOOD_CSV) == []
    # BOM (Excel's "CSV UTF-8"), CRLF, quoted commas and line breaks, blank rows, empty cells
    text = '\ufeffปี,ชื่อ,จำนวน,วันที่\r\n2568,"ก, ข",10,2025-01-05\r\n\r\n2569,"ค\r\nง",,2025-02-01\r\n'
    assert problems(tmp_path, text) == []
    assert problems(tmp_path, "a,b\n1,2") == []  # no newline at the end


@pytest.mark.parametrize("column, bad, expected", [
    ("1\n2\n3\n", "สาม", "จำนวนเต็ม"),
    ("1.5\n2\n-3e2\n", "ห้า", "ตัวเลข"),
    ("2025-01-05\n2025-02-01\n2025-03-01\n", "2025-02-30", "วันที่"),
    ("2025-01-05T10:00:00\n2025-01-06T11:30:00+07:00\n2025-01-07T09:00:00\n", "เช้า", "วันและเวลา"),
    ("2025-01\n2025-02\n2025-12\n", "2025-13", "ปี-เดือน"),
    ("08:30\n09:15:00\n17:00\n", "บ่าย", "เวลา"),
    ("true\nfalse\nTRUE\n", "ใช่", "จริง/เท็จ"),
])
def test_type_errors_follow_the_inferred_column_type(tmp_path, column, bad, expected):
    rows = "".join(f"{i},{v}\n" for i, v in enumerate(column.split("\n")[:-1] * 10, 1))
    found = problems(tmp_path, f"ลำดับ,ค่า\n{rows}99,{bad}\n")
    assert kinds(found) == ["type-error"], found
    p = found[0]
    assert p.row == 32 and p.column == "2 “ค่า”" and p.cell == bad and expected in p.message_th()


def test_a_text_column_has_no_type_errors_and_empty_cells_are_missing_values(tmp_path):
    assert problems(tmp_path, "ชื่อ,จำนวน\nก,1\n12,\nข,3\n") == []
    # fewer than 90 % numbers: the column is text, as frictionless infers it
    assert problems(tmp_path, "รหัส\n" + "1\n" * 8 + "ก\nข\n") == []


def test_type_is_inferred_from_the_first_hundred_rows_then_checked_on_all(tmp_path):
    found = problems(tmp_path, "n\n" + "1\n" * 150 + "x\n")
    assert kinds(found) == ["type-error"] and found[0].row == 152


def test_header_problems(tmp_path):
    found = problems(tmp_path, "ชื่อ,ชื่อ, \nก,ข,ค\n")
    assert kinds(found) == ["duplicate-label", "blank-label"]
    assert found[0].column == "2 “ชื่อ”" and "คอลัมน์ 1" in found[0].message_th()
    assert found[1].column == "3"
    assert kinds(problems(tmp_path, ",,\n1,2,3\n")) == ["blank-header"]
    assert kinds(problems(tmp_path, "")) == ["blank-header"]
    assert kinds(problems(tmp_path, "\n\n")) == ["blank-header"]


def test_ragged_rows_name_row_column_and_counts(tmp_path):
    found = problems(tmp_path, "ก,ข,ค\n1,2,3\n4,5\n6,7,8,9\n")
    assert kinds(found) == ["missing-cell", "extra-cell"]
    assert found[0].row == 3 and found[0].column == "3 “ค”" and "มี 2 ช่อง หัวตารางมี 3 ช่อง" in found[0].message_th()
    assert found[1].row == 4 and found[1].column == "4" and found[1].cell == "9"


def test_a_row_after_a_quoted_line_break_names_its_line_too(tmp_path):
    found = problems(tmp_path, 'ก,ข\n1,"หนึ่ง\nสอง"\n3,4,5\n')
    assert found[0].row == 3 and found[0].line == 4 and "บรรทัดที่ 4" in found[0].message_th()


def test_encoding_problems(tmp_path):
    found = problems(tmp_path, "ปี,ชื่อ\n2568,ศูนย์\n".encode("cp874"))
    assert kinds(found) == ["encoding-error"] and found[0].line == 1
    found = problems(tmp_path, "a,b\n1,2\n3,4\n".encode() + "ก".encode("cp874") + b"\n")
    assert kinds(found) == ["encoding-error"] and found[0].line == 4
    found = problems(tmp_path, "a,b\n1,2\n".encode("utf-16"))
    assert kinds(found) == ["encoding-error"] and "UTF-16" in found[0].message_th()


def test_quoting_problems(tmp_path):
    assert "ไม่ปิด" in problems(tmp_path, 'a,b\n1,"2\n3,4\n')[0].message_th()
    found = problems(tmp_path, 'a,b\n1,"2"x\n')
    assert kinds(found) == ["format-error"] and found[0].row == 2
    assert "CR" in problems(tmp_path, "a,b\r1,2\r")[0].message_th()


def test_hostile_files_give_one_finding_and_stop(tmp_path):
    nul = problems(tmp_path, b"a,b\n1,2\n3,\x004\n")
    assert kinds(nul) == ["format-error"] and nul[0].row == 3 and "NUL" in nul[0].message_th()
    field = problems(tmp_path, b'a,b\n1,"' + b"x" * 200_000 + b'"\n')
    assert kinds(field) == ["format-error"] and "131,072" in field[0].message_th()
    line = problems(tmp_path, b"a,b\n1," + b"x" * (csvcheck.MAX_LINE_CHARS + 10) + b"\n2,3\n")
    assert kinds(line) == ["format-error"] and line[0].row == 2
    no_newline = problems(tmp_path, b"a," * (csvcheck.MAX_LINE_CHARS // 2 + 10))
    assert kinds(no_newline) == ["format-error"] and no_newline[0].row == 1
    wide = problems(tmp_path, ",".join(f"c{i}" for i in range(csvcheck.MAX_COLUMNS + 1)) + "\n")
    assert kinds(wide) == ["format-error"]
    # many bad rows: at most MAX_ERRORS findings
    many = problems(tmp_path, "a,b\n" + "1\n" * 5000)
    assert len(many) == csvcheck.MAX_ERRORS and set(kinds(many)) == {"missing-cell"}


def test_checking_stops_at_the_byte_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(csvcheck, "MAX_BYTES", 4096)
    # a ragged row beyond the cap is not read; the part before it is checked
    assert problems(tmp_path, "a,b\n" + "1,2\n" * 2000 + "3\n") == []
    assert kinds(problems(tmp_path, "a,b\n3\n" + "1,2\n" * 2000)) == ["missing-cell"]


def test_not_a_regular_file_is_not_opened(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert kinds(validate_csv_file(fifo)) == ["source-error"]  # opening a FIFO would hang
    link = tmp_path / "link.csv"
    link.symlink_to("/dev/zero")
    assert kinds(validate_csv_file(link)) == ["source-error"]
    assert kinds(validate_csv_file(tmp_path / "absent.csv")) == ["source-error"]


def test_fuzz_random_and_mutated_inputs_never_raise(tmp_path):
    rng = random.Random(146)
    base = GOOD_CSV.encode()
    alphabet = [b",", b'"', b"\n", b"\r", b"\x00", b"\xef\xbb\xbf", b"\xff", b"\xe0", "ก".encode(), b" ", b"1"]
    for i in range(300):
        if i % 3 == 0:
            data = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 400)))
        else:
            data = bytearray(base)
            for _ in range(rng.randrange(1, 8)):
                at = rng.randrange(len(data) + 1)
                data[at:at + rng.randrange(0, 4)] = rng.choice(alphabet) * rng.randrange(1, 4)
            data = bytes(data)
        found = csvcheck.validate_csv(data)
        assert len(found) <= csvcheck.MAX_ERRORS
        for p in found:
            assert p.kind in {"encoding-error", "blank-header", "blank-label", "duplicate-label",
                              "extra-cell", "missing-cell", "type-error", "format-error"}
            assert p.message_th() and p.hint_th()


def test_check_gives_the_fix_for_each_kind_and_skips_files_wp140_reports(tmp_repo, capsys):
    files = {"a.csv": "ชื่อ,ชื่อ\nก,ข\n", "b.csv": "ปี,จำนวน\n" + "2568,1\n" * 10 + "2569,x\n",
             "c.csv": "ปี\n2568\n".encode("cp874") + "ก\n".encode("cp874"), "d.csv": b"a,b\n1,\x002\n"}
    for name, data in files.items():
        write(tmp_repo, f"content/opendata/{name}", data)
    write(tmp_repo, "content/opendata/centers.md", dataset_page(files))
    code, out, err = run_cli(capsys, "check", "--format", "json", "--no-cache", "content/opendata")
    assert "Traceback" not in out + err
    found = [x for x in json.loads(out)["findings"] if x["rule"] == "WP146"]
    by_file = {x["message"].split(":")[0]: x for x in found}
    assert set(by_file) == {"a.csv", "b.csv", "d.csv"}, found  # c.csv: WP140's finding
    assert "ไม่ซ้ำ" in by_file["a.csv"]["hint"]
    assert "ชนิดเดียวกับ" in by_file["b.csv"]["hint"] and "แถวที่ 12" in by_file["b.csv"]["message"]
    assert "NUL" in by_file["d.csv"]["message"] and by_file["d.csv"]["path"] == "content/opendata/centers.md"
    assert all(x["line"] for x in found)
