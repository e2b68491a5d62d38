"""WP145-WP147: dataset pages (category 2.2): metadata consistency, CSV validity, formats."""

from __future__ import annotations

import hashlib
import json

from conftest import run_cli, write

DATASET = """---
title: ศูนย์บริการที่ได้รับการรับรอง ปี 2569
category: "2.2"
owner:
  division: service
  officer: anan.p
published: 2024-02-01
attachments:
{attachments}dataset:
  data_type: {data_type}
  maintainer: กองพัฒนาการให้บริการภาครัฐ
  maintainer_email: service@opdc.go.th
  tag_string: [ศูนย์บริการ]
  notes: รายชื่อศูนย์บริการที่ได้รับการรับรองมาตรฐาน
  objective: [พันธกิจหน่วยงาน]
  update_frequency_unit: ปี
  geo_coverage: ประเทศ
  data_source: สำนักงาน ก.พ.ร.
  data_format: [CSV]
  data_category: ข้อมูลสาธารณะ
  license_id: Open Data Common
{extra}---

## รายละเอียดชุดข้อมูล

รายชื่อศูนย์บริการ
"""
GOOD_CSV = "ลำดับ,ชื่อศูนย์,จังหวัด,คะแนน\n" + "".join(f"{i},ศูนย์ {i},เชียงใหม่,{80 + i}\n" for i in range(1, 21))


def dataset_page(files, data_type="ข้อมูลระเบียน", extra=""):
    attachments = "".join(f"  - {{file: {name}, title: ไฟล์ {name}}}\n" for name in files)
    return DATASET.format(attachments=attachments, data_type=data_type, extra=extra)


def check(capsys, repo, files, **kw):
    for name, data in files.items():
        write(repo, f"content/opendata/{name}", data)
    write(repo, "content/opendata/centers.md", dataset_page(files, **kw))
    code, out, err = run_cli(capsys, "check", "--format", "json", "--no-cache", "content/opendata")
    assert "Traceback" not in out + err
    return [x for x in json.loads(out)["findings"] if x["rule"] in {"WP145", "WP146", "WP147"}]


def test_a_good_dataset_passes(tmp_repo, capsys):
    assert check(capsys, tmp_repo, {"centers.csv": GOOD_CSV}) == []


def test_csv_errors_name_row_and_column(tmp_repo, capsys):
    bad = GOOD_CSV + "21,ศูนย์ ค,ลำปาง,ไม่มีคะแนน\n22,ศูนย์ ง\n"
    found = check(capsys, tmp_repo, {"centers.csv": bad})
    messages = [x["message"] for x in found if x["rule"] == "WP146"]
    assert any("แถวที่ 22" in m and "คอลัมน์ 4 “คะแนน”" in m and "type-error" in m for m in messages)
    assert any("แถวที่ 23" in m and "missing-cell" in m for m in messages)
    assert all(m.startswith("centers.csv") for m in messages)


def test_duplicate_and_blank_headers(tmp_repo, capsys):
    found = check(capsys, tmp_repo, {"centers.csv": "ชื่อ,ชื่อ,\nก,ข,ค\n"})
    kinds = " ".join(x["message"] for x in found)
    assert "duplicate-label" in kinds and "blank-label" in kinds


def test_resource_that_is_not_open_format(tmp_repo, capsys):
    found = check(capsys, tmp_repo, {"centers.csv": GOOD_CSV, "centers.pdf": b"%PDF-1.4\n%%EOF\n"})
    wp147 = [x for x in found if x["rule"] == "WP147"]
    assert len(wp147) == 1 and "centers.pdf" in wp147[0]["message"] and "PDF" in wp147[0]["message"]


def test_metadata_other_type_needs_its_description(tmp_repo, capsys):
    found = check(capsys, tmp_repo, {"centers.csv": GOOD_CSV}, data_type="ข้อมูลประเภทอื่นๆ")
    assert [x["rule"] for x in found] == ["WP145"] and "data_type_other" in found[0]["hint"]


def test_metadata_years_in_order_and_formats_declared(tmp_repo, capsys):
    extra = '  first_year_of_data: "2569"\n  last_year_of_data: "2565"\n'
    found = check(capsys, tmp_repo, {"centers.csv": GOOD_CSV, "centers.json": "[]"}, data_type="ข้อมูลสถิติ",
                  extra=extra)
    messages = [x["message"] for x in found if x["rule"] == "WP145"]
    assert any("last_year_of_data" in m for m in messages)
    assert any("JSON" in m and "data_format" in m for m in messages)


def test_identical_csv_bytes_are_validated_once_and_give_the_same_problems():
    from webpub.opendata import csvcheck

    bad = "ปี,จำนวน\n2568,10\n2569,12,99\n".encode()
    first = csvcheck.validate_csv(bad)
    assert [p.kind for p in first] == ["extra-cell"]
    assert hashlib.sha256(bad).digest() in csvcheck._KNOWN
    first.clear()  # a caller changing its list must not change the remembered answer
    assert [p.kind for p in csvcheck.validate_csv(bad)] == ["extra-cell"]
    assert csvcheck.validate_csv("ปี,จำนวน\n2568,10\n".encode()) == []
