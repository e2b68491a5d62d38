"""``webpub expire``: the JSON contract, Bangkok-date edges, and take-downs that lose nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import git, run_cli, write

from webpub.context import Context
from webpub.monitor.items import load_item
from webpub.content.page import load_page
from webpub.publish import decide
from webpub.repo import Repo


def news(title: str, expires: str, division="secretariat", officer="jintana.k", extra="") -> str:
    return (f"---\ntitle: {title}\ncategory: \"3.1\"\ntopic: general\nowner:\n  division: {division}\n"
            f"  officer: {officer}\npublished: 2026-01-05\nexpires: {expires}\n{extra}---\n\n"
            "## ข่าว\n\nเนื้อหาข่าวประชาสัมพันธ์\n")


def expire_json(capsys, *args):
    code, out, err = run_cli(capsys, "expire", "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)


def seed(repo):
    write(repo, "content/news/ends-today.md", news("ข่าวหมดวันนี้", "2026-11-26"))
    write(repo, "content/news/ended.md", news("ข่าวหมดแล้ว", "2026-11-20", "digital", "wanpen.s"))
    write(repo, "content/news/later.md", news("ข่าวยังอยู่อีกนาน", "2027-06-30"))
    write(repo, "content/news/soon.md", news("ข่าวใกล้หมด", "2026-12-09", "strategy", "somchai.j"))


def test_json_contract_and_the_expiry_day_itself(tmp_repo, capsys):
    seed(tmp_repo)
    data = expire_json(capsys, "--today", "2026-11-26")
    assert set(data) == {"today", "expired", "expiring", "bad_dates"}
    assert data["today"] == "2026-11-26"
    assert [i["path"] for i in data["expired"]] == ["content/news/ended.md"]
    assert data["expired"][0] == {"path": "content/news/ended.md", "title": "ข่าวหมดแล้ว",
                                  "expires": "2026-11-20", "division": "digital", "officer": "wanpen.s"}
    assert sorted(i["path"] for i in data["expiring"]) == ["content/news/ends-today.md", "content/news/soon.md"]


def test_the_next_bangkok_day_the_item_is_expired(tmp_repo, capsys):
    seed(tmp_repo)
    data = expire_json(capsys, "--today", "2026-11-27")
    assert sorted(i["path"] for i in data["expired"]) == ["content/news/ended.md", "content/news/ends-today.md"]


def test_within_controls_soon_expiring(tmp_repo, capsys):
    seed(tmp_repo)
    data = expire_json(capsys, "--today", "2026-11-26", "--within", "0")
    assert [i["path"] for i in data["expiring"]] == ["content/news/ends-today.md"]


def test_text_groups_by_division_and_officer_in_thai(tmp_repo, capsys):
    seed(tmp_repo)
    code, out, _ = run_cli(capsys, "expire", "--today", "2026-11-27")
    assert code == 0
    assert "กองพัฒนาระบบราชการดิจิทัล / นางสาววันเพ็ญ แสงทอง" in out
    assert "27 พฤศจิกายน 2569" in out
    assert out.index("นางสาววันเพ็ญ") < out.index("content/news/ended.md")


def test_bad_today_is_a_usage_error_not_a_traceback(tmp_repo, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run_cli(capsys, "expire", "--today", "26/11/2569")
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert "YYYY-MM-DD" in err and "Traceback" not in err


def commit_all(repo, message):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def test_apply_inserts_only_the_withdrawn_block_and_revert_restores(tmp_repo, capsys):
    seed(tmp_repo)
    commit_all(tmp_repo, "content")
    target = tmp_repo / "content/news/ended.md"
    before = target.read_bytes()
    untouched = {p: (tmp_repo / p).read_bytes() for p in ("content/news/later.md", "content/news/soon.md")}

    code, out, err = run_cli(capsys, "expire", "--apply", "--today", "2026-11-27")
    assert code == 0, err
    assert "content/news/ended.md" in out and "withdrawn:" in out

    after = target.read_bytes()
    block = (b"withdrawn:\n  on: 2026-11-27\n"
             b'  reason: "\xe0\xb8\xab' )  # the reason starts with Thai text
    closing = before.index(b"---\n", 4)
    assert after.startswith(before[:closing] + block)
    assert after.endswith(before[closing:])
    assert len(after) > len(before)
    for path, data in untouched.items():
        assert (tmp_repo / path).read_bytes() == data

    repo = Repo(tmp_repo)
    page = load_page("content/news/ended.md", target, after, 65536)
    assert page.meta["withdrawn"]["by"] == "webpub-bot"
    assert not decide(page, Context(repo=repo, today=dt.date(2026, 11, 27))).publishable

    commit_all(tmp_repo, "take down")
    git(tmp_repo, "revert", "--no-edit", "HEAD")
    assert target.read_bytes() == before


def test_apply_twice_changes_nothing_more(tmp_repo, capsys):
    seed(tmp_repo)
    run_cli(capsys, "expire", "--apply", "--today", "2026-11-27")
    snapshot = {p: p.read_bytes() for p in (tmp_repo / "content").rglob("*.md")}
    code, out, _ = run_cli(capsys, "expire", "--apply", "--today", "2026-11-27")
    assert code == 0
    assert "นำลงจากเว็บไซต์ 0 รายการ" in out
    assert {p: p.read_bytes() for p in (tmp_repo / "content").rglob("*.md")} == snapshot
    data = expire_json(capsys, "--today", "2026-11-27")
    assert data["expired"] == []


def test_apply_keeps_crlf_files_consistent(tmp_repo, capsys):
    text = news("ข่าว CRLF", "2026-01-31").replace("\n", "\r\n")
    write(tmp_repo, "content/news/crlf.md", text)
    code, _, err = run_cli(capsys, "expire", "--apply", "--today", "2026-02-01")
    assert code == 0, err
    after = (tmp_repo / "content/news/crlf.md").read_bytes()
    assert b"withdrawn:\r\n  on: 2026-02-01\r\n" in after
    assert b"\n" not in after.replace(b"\r\n", b"")
    assert load_item(Repo(tmp_repo), "content/news/crlf.md").withdrawn


def test_unreadable_pages_are_never_touched(tmp_repo, capsys):
    bad = "---\ntitle: [ไม่ปิด\nexpires: 2020-01-01\n---\nx\n"
    write(tmp_repo, "content/news/bad.md", bad)
    write(tmp_repo, "content/news/cp874.md", news("x", "2020-01-01").encode("cp874", errors="replace"))
    before = {p: p.read_bytes() for p in (tmp_repo / "content").rglob("*.md")}
    code, _, _ = run_cli(capsys, "expire", "--apply", "--today", "2026-02-01")
    assert code == 0
    assert {p: p.read_bytes() for p in (tmp_repo / "content").rglob("*.md")} == before


def test_json_apply_reports_what_changed(tmp_repo, capsys):
    seed(tmp_repo)
    code, out, _ = run_cli(capsys, "expire", "--apply", "--format", "json", "--today", "2026-11-27", "--by", "narong.b")
    assert code == 0
    data = json.loads(out)
    assert sorted(i["path"] for i in data["withdrawn"]) == ["content/news/ended.md", "content/news/ends-today.md"]
    assert data["failed"] == []
    assert load_item(Repo(tmp_repo), "content/news/ended.md").page.meta["withdrawn"]["by"] == "narong.b"


def test_github_format_annotates_expired_and_expiring_items(tmp_repo, capsys):
    """An expired item is WP013 (an error, as check says) on its ``expires`` line; one expiring
    within the window is WP014 (a warning); the JSON contract is unchanged by the new format."""
    seed(tmp_repo)
    code, out, _ = run_cli(capsys, "expire", "--format", "github", "--today", "2026-11-26")
    assert code == 0
    lines = out.splitlines()
    expired = [l for l in lines if l.startswith("::error ")]
    assert expired == [l for l in lines if "title=WP013" in l] and len(expired) == 1
    assert expired[0].startswith("::error file=content/news/ended.md,line=9,title=WP013::ข่าวหมดแล้ว")
    assert "20 พฤศจิกายน 2569" in expired[0]
    assert sorted(l.split(",")[0] for l in lines if "title=WP014" in l) == [
        "::warning file=content/news/ends-today.md", "::warning file=content/news/soon.md"]
    assert lines[-1].startswith("ณ วันที่ 26 พฤศจิกายน 2569")
