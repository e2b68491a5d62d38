"""``webpub new``: scaffolds pages that pass ``webpub check`` as they are."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import PROJECT, run_cli, write
from content_helpers import TODAY, snapshot

CATEGORIES = yaml.safe_load((PROJECT / "schema" / "categories.yml").read_text(encoding="utf-8"))
ORG = yaml.safe_load((PROJECT / "schema" / "organization.yml").read_text(encoding="utf-8"))


def _cases():
    for category in CATEGORIES["categories"]:
        topic_needed = "topic" in (category.get("required_fields") or [])
        if not topic_needed:
            yield category["id"], None
        for topic in category.get("topics") or []:
            yield category["id"], topic["id"]


def new(capsys, *args):
    return run_cli(capsys, "new", "--today", TODAY, *args)


def check(capsys, *paths):
    code, out, err = run_cli(capsys, "check", "--format", "json", "--no-cache", "--today", TODAY, *paths)
    assert "Traceback" not in out + err
    return code, json.loads(out)


@pytest.mark.parametrize("category, topic", list(_cases()))
def test_every_scaffold_passes_check(tmp_repo, capsys, category, topic):
    args = ["--category", category, "--title", "หน้าทดสอบ ภาษาไทย", "--division", "digital", "--officer", "wanpen.s"]
    if topic:
        args += ["--topic", topic]
    code, out, err = new(capsys, *args)
    assert code == 0, err
    rel = out.strip()
    dirname = next(c["dir"] for c in CATEGORIES["categories"] if c["id"] == category)
    assert rel == f"content/{dirname}/{TODAY}-{topic or dirname}.md"
    code, report = check(capsys)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert code == 0 and not errors, errors
    assert {f["rule"] for f in report["findings"]} <= {"WP029"}
    if "[[กรอก:" in (tmp_repo / rel).read_text(encoding="utf-8"):
        assert any(f["rule"] == "WP029" for f in report["findings"])


def test_fields_follow_schema_order_and_required_sections(tmp_repo, capsys):
    code, out, _ = new(capsys, "--category", "1.1", "--topic", "contact", "--title", 'ติดต่อเรา: "สำนักงาน"',
                       "--division", "legal", "--officer", "preecha.l")
    assert code == 0
    text = (tmp_repo / out.strip()).read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    order = list(json.loads((PROJECT / "schema" / "frontmatter.schema.json").read_text())["properties"])
    assert list(meta) == sorted(meta, key=order.index)
    assert meta["title"] == 'ติดต่อเรา: "สำนักงาน"'
    assert meta["category"] == "1.1" and meta["published"].isoformat() == TODAY
    assert meta["owner"] == {"division": "legal", "officer": "preecha.l"}
    assert "## ที่อยู่" in text and "## การเดินทาง" in text


def test_default_officer_when_division_has_one_member(tmp_repo, capsys):
    candidates = {
        d["id"]: [p["id"] for p in ORG["people"] if p["division"] == d["id"] and p["id"] not in d["directors"]]
        for d in ORG["divisions"]
    }
    division, members = next((d, m) for d, m in candidates.items() if len(m) == 1)
    code, out, _ = new(capsys, "--category", "1.5", "--title", "คำถาม", "--division", division)
    assert code == 0
    assert f"division: {division}\n  officer: {members[0]}" in (tmp_repo / out.strip()).read_text(encoding="utf-8")


def test_officer_required_when_division_has_several(tmp_repo, capsys):
    code, out, err = new(capsys, "--category", "1.5", "--title", "คำถาม", "--division", "secretariat")
    assert code == 2 and out == ""
    assert "--officer" in err and "jintana.k" in err
    assert snapshot(tmp_repo) == {}


@pytest.mark.parametrize("args, listed", [
    (["--category", "9.9", "--title", "ก", "--division", "digital"], "3.3 (การรับฟังความเห็นสาธารณะ)"),
    (["--category", "2.1", "--title", "ก", "--division", "digital", "--officer", "wanpen.s"], "s7-1"),
    (["--category", "3.1", "--topic", "jobs", "--title", "ก", "--division", "digital"], "job-opening"),
    (["--category", "1.5", "--topic", "x", "--title", "ก", "--division", "digital"], "ไม่มีหัวข้อย่อย"),
    (["--category", "1.5", "--title", "ก", "--division", "it"], "digital (กองพัฒนาระบบราชการดิจิทัล)"),
    (["--category", "1.5", "--title", "ก", "--division", "digital", "--officer", "somchai.j"], "wanpen.s"),
    (["--category", "1.5", "--title", "ก", "--division", "digital", "--officer", "x", "--slug", "Bad Name"], "wanpen.s"),
    (["--category", "1.5", "--title", "ก", "--division", "digital", "--officer", "wanpen.s", "--slug", "Bad_Name"], "a-z"),
    (["--category", "1.5", "--title", "  ", "--division", "digital", "--officer", "wanpen.s"], "ไม่ว่าง"),
    (["--category", "1.5", "--title", "ก\nข", "--division", "digital", "--officer", "wanpen.s"], "บรรทัดเดียว"),
])
def test_refusals_list_valid_choices(tmp_repo, capsys, args, listed):
    code, out, err = new(capsys, *args)
    assert code == 2 and out == "", err
    assert listed in err
    assert "Traceback" not in err
    assert snapshot(tmp_repo) == {}


def test_never_overwrites_explicit_slug(tmp_repo, capsys):
    path = write(tmp_repo, "content/faq/q.md", "เดิม\n")
    code, out, err = new(capsys, "--category", "1.5", "--title", "ก", "--division", "digital",
                         "--officer", "wanpen.s", "--slug", "q")
    assert code == 2 and "content/faq/q.md" in err and "เขียนทับ" in err
    assert path.read_text(encoding="utf-8") == "เดิม\n"


def test_generated_slug_takes_the_next_free_name(tmp_repo, capsys):
    args = ["--category", "3.1", "--topic", "general", "--title", "ข่าว", "--division", "digital", "--officer", "wanpen.s"]
    first = new(capsys, *args)[1].strip()
    second = new(capsys, *args)[1].strip()
    assert first == f"content/news/{TODAY}-general.md"
    assert second == f"content/news/{TODAY}-general-2.md"


def test_open_data_gets_a_sample_file_it_lists(tmp_repo, capsys):
    code, out, err = new(capsys, "--category", "2.2", "--title", "ชุดข้อมูล", "--division", "digital",
                         "--officer", "wanpen.s", "--slug", "budget")
    assert code == 0 and out.strip() == "content/opendata/budget.md"
    assert (tmp_repo / "content/opendata/budget.csv").is_file()
    assert "budget.csv" in err
    meta = yaml.safe_load((tmp_repo / "content/opendata/budget.md").read_text(encoding="utf-8").split("---\n")[1])
    assert meta["attachments"][0]["file"] == "budget.csv"
    assert meta["dataset"]["maintainer_email"] == "wanpen.s@opdc.go.th"


def test_open_data_refuses_when_the_sample_file_exists(tmp_repo, capsys):
    write(tmp_repo, "content/opendata/budget.csv", "a,b\n")
    code, _, err = new(capsys, "--category", "2.2", "--title", "ชุดข้อมูล", "--division", "digital",
                       "--officer", "wanpen.s", "--slug", "budget")
    assert code == 2 and "budget.csv" in err
    assert not (tmp_repo / "content/opendata/budget.md").exists()
    assert (tmp_repo / "content/opendata/budget.csv").read_text() == "a,b\n"


def test_every_option_has_help():
    import argparse

    from webpub.commands import new as command

    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    assert all(action.help for action in parser._actions)
