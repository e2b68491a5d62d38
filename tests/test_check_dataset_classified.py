"""WP043: a dataset its own metadata classes as not public is never published with its files;
``webpub opendata export`` refuses it too."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli, write
from pagekit import line_of
from test_deep_dataset import GOOD_CSV, dataset_page


def findings(capsys, repo, text, files=("centers.csv",)):
    for name in files:
        write(repo, f"content/opendata/{name}", GOOD_CSV)
    write(repo, "content/opendata/centers.md", text)
    code, out, err = run_cli(capsys, "check", "--format", "json", "--no-cache", "content/opendata/centers.md")
    assert "Traceback" not in out + err
    return [f for f in json.loads(out)["findings"] if f["rule"] == "WP043"]


@pytest.mark.parametrize("category", ["ข้อมูลความลับทางราชการ", "ข้อมูลความมั่นคง", "ข้อมูลส่วนบุคคล"])
def test_not_public_category_with_files_is_refused_on_its_line(tmp_repo, capsys, category):
    text = dataset_page(["centers.csv"]).replace("data_category: ข้อมูลสาธารณะ", f"data_category: {category}")
    [hit] = findings(capsys, tmp_repo, text)
    assert hit["severity"] == "error" and hit["line"] == line_of(text, "data_category:")
    assert category in hit["message"] and "centers.csv" in hit["message"] and "attachments" in hit["hint"]


@pytest.mark.parametrize("condition", [
    "ชั้นความลับ: ลับ", "ลับมาก", "ลับที่สุด", "ลับ", "ปกปิด", "(ลับ) ใช้ภายในหน่วยงาน", "ความลับของทางราชการ",
    "Restricted - internal use only", "SECRET", "Top Secret", "confidential", "เอกสารลับ ห้ามเผยแพร่",
])
def test_a_class_written_in_the_access_condition_is_refused(tmp_repo, capsys, condition):
    text = dataset_page(["centers.csv"], extra=f"  accessible_condition: \"{condition}\"\n")
    [hit] = findings(capsys, tmp_repo, text)
    assert hit["line"] == line_of(text, "accessible_condition:")


def test_a_class_in_the_tags_is_refused(tmp_repo, capsys):
    text = dataset_page(["centers.csv"]).replace("tag_string: [ศูนย์บริการ]", "tag_string: [ศูนย์บริการ, ลับ]")
    assert len(findings(capsys, tmp_repo, text)) == 1


@pytest.mark.parametrize("condition", [
    "เปิดเผยได้ ไม่มีชั้นความลับ", "ไม่มีเงื่อนไข", "ปกปิดเลขประจำตัวประชาชนแล้ว", "ไม่ใช่ข้อมูลลับ",
    "ส่งกลับภายใน 7 วัน", "unrestricted", "not classified", "สลับลำดับคอลัมน์ได้", "no restricted fields",
])
def test_honest_public_datasets_pass(tmp_repo, capsys, condition):
    text = dataset_page(["centers.csv"], extra=f"  accessible_condition: \"{condition}\"\n")
    assert findings(capsys, tmp_repo, text) == []


def test_a_classified_catalogue_entry_without_files_is_allowed(tmp_repo, capsys):
    text = dataset_page([]).replace("attachments:\n", "").replace(
        "data_category: ข้อมูลสาธารณะ", "data_category: ข้อมูลความลับทางราชการ")
    assert findings(capsys, tmp_repo, text, files=()) == []


def test_export_refuses_a_classified_dataset_and_writes_nothing(tmp_repo, capsys):
    write(tmp_repo, "content/opendata/centers.csv", GOOD_CSV)
    write(tmp_repo, "content/opendata/centers.md", dataset_page(["centers.csv"]).replace(
        "data_category: ข้อมูลสาธารณะ", "data_category: ข้อมูลความลับทางราชการ"))
    code, out, err = run_cli(capsys, "opendata", "export", "--out", "out")
    assert code == 1 and "WP043" in out and "ข้อมูลความลับทางราชการ" in out
    assert not (tmp_repo / "out").exists()


def test_sample_datasets_are_public():
    from conftest import PROJECT
    from webpub.opendata.classification import classification
    from webpub.content.page import load_page

    for path in (PROJECT / "content" / "opendata").glob("*.md"):
        page = load_page(f"content/opendata/{path.name}", path, path.read_bytes(), 65536)
        assert classification(page.get("dataset")) is None, path.name


def test_publish_build_never_ships_a_classified_dataset(sample_repo, capsys):
    page = sample_repo / "content/opendata/certified-service-centers-2569.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("data_category: ข้อมูลสาธารณะ", "data_category: ข้อมูลความลับทางราชการ"),
                    encoding="utf-8")
    code, out, err = run_cli(capsys, "check", "--format", "json", "--no-cache", str(page))
    assert any(f["rule"] == "WP043" and f["severity"] == "error" for f in json.loads(out)["findings"])
    code, out, err = run_cli(capsys, "build", "--mode", "publish", "--site-dir", "built")
    assert "Traceback" not in out + err
    # left out (its approvals no longer match what was signed): whatever else the build
    # reports, neither the page nor its files reach the site
    shipped = {p.name for p in (sample_repo / "built").rglob("*")}
    assert "certified-service-centers-2569.csv" not in shipped
    assert "certified-service-centers-2569.json" not in shipped
    assert not (sample_repo / "built" / "opendata" / "certified-service-centers-2569").exists()
