"""CKAN package dicts built from real dataset pages."""

from __future__ import annotations

import json

from webpub.opendata.ckan import OPEN_FORMATS, package_dict, package_name, resource_format, site_path
from webpub.content.page import load_page
from webpub.repo import Repo

DATASET_PAGE = """---
title: งบประมาณรายจ่ายประจำปี 2567
category: "2.2"
owner:
  division: digital
  officer: suda.t
published: 2024-02-01
updated: 2024-03-05
attachments:
  - {file: budget-2567.csv, title: ตารางงบประมาณ}
  - {file: files/budget.json, title: งบประมาณ JSON}
dataset:
  name: opdc-budget-2567
  data_type: ข้อมูลสถิติ
  maintainer: กองพัฒนาระบบราชการดิจิทัล
  maintainer_email: data@opdc.go.th
  tag_string: [งบประมาณ, การเงิน]
  notes: งบประมาณรายจ่ายจำแนกตามแผนงาน
  objective: [พันธกิจหน่วยงาน]
  update_frequency_unit: ปี
  update_frequency_interval: 1
  geo_coverage: ประเทศ
  data_source: สำนักงาน ก.พ.ร.
  data_format: [CSV, JSON]
  data_category: ข้อมูลสาธารณะ
  license_id: Open Data Common
  first_year_of_data: "2567"
  allow_harvest: true
---

## รายละเอียดชุดข้อมูล

ข้อมูลงบประมาณ
"""


def _page(tmp_repo, rel="content/opendata/budget.md", text=DATASET_PAGE):
    path = tmp_repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_page(rel, path, path.read_bytes(), 65536)


def test_package_dict_carries_gdc_fields_resources_and_urls(tmp_repo):
    package = package_dict(_page(tmp_repo), Repo.discover(), "https://data.example.go.th/")
    assert package["name"] == "opdc-budget-2567"
    assert package["title"] == "งบประมาณรายจ่ายประจำปี 2567"
    assert package["owner_org"] == "opdc"
    assert package["url"] == "https://data.example.go.th/opendata/budget/"
    assert package["tags"] == [{"name": "งบประมาณ"}, {"name": "การเงิน"}]
    assert package["tag_string"] == "งบประมาณ,การเงิน"
    assert package["update_frequency_interval"] == 1
    assert package["first_year_of_data"] == "2567"
    assert package["allow_harvest"] == "True"
    assert package["last_updated_date"] == "2024-03-05"
    assert package["license_id"] == "Open Data Common"
    assert [r["url"] for r in package["resources"]] == [
        "https://data.example.go.th/opendata/budget-2567.csv",
        "https://data.example.go.th/opendata/files/budget.json",
    ]
    assert [r["format"] for r in package["resources"]] == ["CSV", "JSON"]
    json.dumps(package, ensure_ascii=False)  # serialisable as is


def test_site_url_defaults_to_the_agency_site(tmp_repo):
    package = package_dict(_page(tmp_repo), Repo.discover())
    assert package["url"] == "https://www.opdc.go.th/opendata/budget/"


def test_package_name_falls_back_to_an_ascii_slug_of_the_file(tmp_repo):
    text = DATASET_PAGE.replace("  name: opdc-budget-2567\n", "")
    page = _page(tmp_repo, "content/opendata/Budget 2567.md", text)
    assert package_name(page) == "budget-2567"
    index = _page(tmp_repo, "content/opendata/traffic/index.md", text)
    assert package_name(index) == "traffic"


def test_helpers():
    assert resource_format("a/b.kmz") == "KMZ"
    assert "KMZ" in OPEN_FORMATS and "PDF" not in OPEN_FORMATS
    assert site_path("content/opendata/index.md") == "opendata/"
    assert site_path("content/x.csv") == "x.csv"
