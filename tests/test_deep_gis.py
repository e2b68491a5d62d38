"""GIS files for 1.4 ข้อมูล GIS: KML, KMZ and zipped shapefiles are accepted there and get the
same deep checks as every attachment (WP150 for what is GIS-specific inside an archive)."""

from __future__ import annotations

import struct

from conftest import run_cli, write
from webpub.files import inspect_bytes
from webpub.repo import Repo

import deep_files as f

KML = (b'<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
       b"<Placemark><name>OPDC</name><Point><coordinates>100.5134,13.7628,0</coordinates></Point>"
       b"</Placemark></Document></kml>\n")
XXE = (b'<?xml version="1.0"?>\n<!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
       b'<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>&x;</name></Document></kml>\n')


def shp_header(length_words: int = 50) -> bytes:
    head = struct.pack(">7i", 9994, 0, 0, 0, 0, 0, length_words) + struct.pack("<2i", 1000, 1) + struct.pack("<8d", *([0.0] * 8))
    return head + b"\0" * (length_words * 2 - len(head))


def rules_of(data: bytes, name: str) -> set[str]:
    return {issue.rule for issue in inspect_bytes(data, name).issues}


def test_a_complete_zipped_shapefile_passes():
    data = f.zip_of({"offices.shp": shp_header(), "offices.shx": shp_header(), "offices.dbf": b"\x03" + b"\0" * 40,
                     "offices.prj": 'GEOGCS["WGS 84"]'})
    assert rules_of(data, "offices.zip") == set()


def test_a_shapefile_without_companions_is_refused():
    inspection = inspect_bytes(f.zip_of({"offices.shp": shp_header(), "offices.dbf": b"\x03" + b"\0" * 40}), "offices.zip")
    messages = [i.message for i in inspection.issues if i.rule == "WP150"]
    assert messages and ".shx" in messages[0] and ".prj" in messages[0]


def test_a_companion_without_its_shapefile_is_refused():
    assert "WP150" in rules_of(f.zip_of({"roads.dbf": b"\x03" + b"\0" * 40}), "roads.zip")


def test_kmz_with_safe_kml_passes_and_with_entities_is_refused():
    assert rules_of(f.zip_of({"doc.kml": KML}), "offices.kmz") == set()
    assert "WP150" in rules_of(f.zip_of({"doc.kml": XXE}), "offices.kmz")


def test_gis_topic_accepts_kml_and_kmz_and_checks_them(tmp_repo, capsys):
    assert {".kml", ".kmz", ".zip"} <= set(Repo(tmp_repo).allowed_extensions("1.4"))
    page = ("---\ntitle: ที่ตั้งศูนย์ราชการสะดวก\ncategory: \"1.4\"\ntopic: gis\nowner:\n  division: strategy\n"
            "  officer: somchai.j\npublished: 2026-11-02\nsource:\n  - กองยุทธศาสตร์การพัฒนาระบบราชการ\n"
            "attachments:\n  - file: centers.kml\n    title: ที่ตั้ง (KML)\n  - file: centers.kmz\n    title: ที่ตั้ง (KMZ)\n"
            "---\n\n## ข้อมูล\n\nดาวน์โหลด[ไฟล์ KML](centers.kml) และ[ไฟล์ KMZ](centers.kmz)\n")
    write(tmp_repo, "content/knowledge/centers.md", page)
    write(tmp_repo, "content/knowledge/centers.kml", KML)
    write(tmp_repo, "content/knowledge/centers.kmz", f.zip_of({"doc.kml": KML}))
    code, out, err = run_cli(capsys, "check", "--format", "json", "content/knowledge/centers.md")
    import json

    errors = [x for x in json.loads(out)["findings"] if x["severity"] == "error"]
    assert errors == []
    write(tmp_repo, "content/knowledge/centers.kml", XXE)
    code, out, err = run_cli(capsys, "check", "--format", "json", "content/knowledge/centers.md")
    assert code != 0 and any(x["path"].endswith("centers.kml") for x in json.loads(out)["findings"])
