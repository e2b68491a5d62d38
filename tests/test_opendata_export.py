"""`webpub opendata export`: CKAN package JSON per dataset page; refuses closed formats."""

from __future__ import annotations

import json

from conftest import run_cli, write
from test_deep_dataset import GOOD_CSV, dataset_page
from test_strip_metadata import english_sentences, help_text


def test_export_writes_one_package_per_dataset(tmp_repo, capsys):
    write(tmp_repo, "content/opendata/centers.csv", GOOD_CSV)
    write(tmp_repo, "content/opendata/centers.md", dataset_page({"centers.csv": 1}))
    code, out, err = run_cli(capsys, "opendata", "export", "--out", "out", "--site-url", "https://x.go.th")
    assert code == 0, out + err
    package = json.loads((tmp_repo / "out" / "centers.json").read_text(encoding="utf-8"))
    assert package["name"] == "centers" and package["license_id"] == "Open Data Common"
    assert package["resources"][0] == {"name": "ไฟล์ centers.csv", "url": "https://x.go.th/opendata/centers.csv",
                                       "format": "CSV", "webpub_path": "content/opendata/centers.csv"}
    assert package["objective"] == ["พันธกิจหน่วยงาน"]
    assert "centers.json" in out


def test_export_refuses_non_open_formats_and_writes_nothing(tmp_repo, capsys):
    write(tmp_repo, "content/opendata/centers.pdf", b"%PDF-1.4\n")
    write(tmp_repo, "content/opendata/centers.md", dataset_page({"centers.pdf": 1}))
    code, out, _ = run_cli(capsys, "opendata", "export", "--out", "out")
    assert code == 1 and "PDF" in out and "ยังไม่ได้เขียนไฟล์" in out
    assert not (tmp_repo / "out").exists()


def test_help_is_thai(capsys):
    text = help_text(capsys, "opendata")
    assert "ชุดข้อมูล" in text and "--site-url" in text and "opendata-export" in text
    assert english_sentences(text) == []
