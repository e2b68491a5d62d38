"""WP033: a page linking to an item that leaves the site soon (or has left) is warned ahead."""

from __future__ import annotations

import json
import os

from conftest import run_cli, write
from content_helpers import check, hits, is_thai

RULE = "WP033"
TODAY = "2026-11-26"


def news(title: str, extra: str = "", body: str = "") -> str:
    return (f"---\ntitle: {title}\ncategory: \"3.1\"\ntopic: general\nowner:\n  division: strategy\n"
            f"  officer: somchai.j\npublished: 2026-11-01\n{extra}---\n\n## ข่าว\n\nเนื้อหา {body}\n")


LINKER = news("หน้าที่ลิงก์ไป", body="[ดูประกาศ](target.md)")


def setup(repo, target_extra: str) -> None:
    write(repo, "content/news/linker.md", LINKER)
    write(repo, "content/news/target.md", news("ประกาศปลายทาง", target_extra))


def test_link_to_an_item_expiring_within_the_window_names_both_pages_and_the_date(tmp_repo, capsys):
    setup(tmp_repo, "expires: 2026-12-05\n")
    _, report = check(capsys, tmp_repo, today=TODAY)
    found = [f for f in hits(report, RULE) if f["path"] == "content/news/linker.md"]
    assert len(found) == 1 and found[0]["severity"] == "warning"
    message = found[0]["message"]
    assert "content/news/linker.md" in message and "หน้าที่ลิงก์ไป" in message
    assert "content/news/target.md" in message and "ประกาศปลายทาง" in message
    assert "5 ธันวาคม 2569" in message and is_thai(found[0]["hint"])
    assert found[0]["line"] == 13


def test_link_to_an_expired_or_withdrawn_item(tmp_repo, capsys):
    setup(tmp_repo, "expires: 2026-11-20\n")
    _, report = check(capsys, tmp_repo, today=TODAY)
    assert "หมดระยะเวลาเผยแพร่แล้ว" in hits(report, RULE)[0]["message"]
    setup(tmp_repo, "withdrawn:\n  on: 2026-11-21\n  reason: ยกเลิก\n  by: narong.b\n")
    _, report = check(capsys, tmp_repo, today=TODAY)
    assert "นำลงจากเว็บไซต์แล้วเมื่อวันที่ 21 พฤศจิกายน 2569" in hits(report, RULE)[0]["message"]


def test_no_warning_for_a_lasting_item_or_outside_the_window(tmp_repo, capsys):
    setup(tmp_repo, "expires: 2027-11-26\n")
    _, report = check(capsys, tmp_repo, today=TODAY)
    assert not hits(report, RULE)
    setup(tmp_repo, "expires: 2026-12-11\n")  # 15 days: just outside the shipped 14-day window
    _, report = check(capsys, tmp_repo, today=TODAY)
    assert not hits(report, RULE)


def _cached_warnings(capsys) -> list[dict]:
    code, out, err = run_cli(capsys, "check", "--format", "json", "--today", TODAY)  # the cache is on
    return [f for f in json.loads(out)["findings"] if f["rule"] == RULE]


def test_cache_recomputes_the_linking_page_when_the_target_changes(tmp_repo, capsys):
    setup(tmp_repo, "expires: 2027-11-26\n")
    assert _cached_warnings(capsys) == []
    assert _cached_warnings(capsys) == []  # now from the cache
    target = tmp_repo / "content/news/target.md"
    before = os.stat(tmp_repo / "content/news/linker.md").st_mtime_ns
    target.write_text(news("ประกาศปลายทาง", "expires: 2026-12-01\n"), encoding="utf-8")
    found = _cached_warnings(capsys)
    assert [f["path"] for f in found] == ["content/news/linker.md"]  # the unchanged page, recomputed
    assert os.stat(tmp_repo / "content/news/linker.md").st_mtime_ns == before
    target.write_text(news("ประกาศปลายทาง", "expires: 2027-11-26\n"), encoding="utf-8")
    assert _cached_warnings(capsys) == []
