"""``webpub remind``: one Thai message per owner for expiring items and overdue obligations."""

from __future__ import annotations

import json

from conftest import run_cli, write


def item(repo, rel, category, division, officer, **fields):
    lines = ["---", f"title: {rel.rsplit('/', 1)[-1][:-3]}", f'category: "{category}"',
             "owner:", f"  division: {division}", f"  officer: {officer}", "published: 2026-06-01"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    write(repo, rel, "\n".join(lines) + "\n---\n\nข้อความ\n")


def remind_json(capsys, *args):
    code, out, err = run_cli(capsys, "remind", "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)


def test_messages_per_owner_list_what_to_do(tmp_repo, capsys):
    item(tmp_repo, "content/news/soon.md", "3.1", "digital", "wanpen.s", expires="2026-12-10")
    item(tmp_repo, "content/news/later.md", "3.1", "digital", "wanpen.s", expires="2026-12-11")
    item(tmp_repo, "content/news/other.md", "3.1", "strategy", "somchai.j", expires="2026-11-30")
    item(tmp_repo, "content/about/old.md", "1.1", "service", "kittipong.m", review_by="2026-11-01")
    data = remind_json(capsys, "--today", "2026-11-26")
    by_key = {m["key"]: m for m in data["messages"]}
    wanpen = by_key["digital/wanpen.s"]
    assert [i["path"] for i in wanpen["items"]] == ["content/news/soon.md"]  # 14 days: 10 Dec yes, 11 Dec no
    assert wanpen["mentions"] == ["wanpen-opdc"]
    assert "10 ธันวาคม 2569" in wanpen["body"] and "expires" in wanpen["body"]
    assert "นางสาววันเพ็ญ แสงทอง" in wanpen["title"]
    assert "เลยวันทบทวน" in by_key["service/kittipong.m"]["items"][0]["action"]
    assert by_key["strategy/somchai.j"]["items"][0]["path"] == "content/news/other.md"


def test_overdue_obligations_go_to_the_division_directors(tmp_repo, capsys):
    data = remind_json(capsys, "--today", "2026-11-26")
    by_key = {m["key"]: m for m in data["messages"]}
    secretariat = by_key["secretariat"]
    assert secretariat["officer"] is None
    assert secretariat["mentions"] == ["pranee-opdc"]
    paths = [i["path"] for i in secretariat["items"]]
    assert "procurement-summary/2026-10" in paths
    assert "<!-- webpub-reminder:secretariat -->" in secretariat["body"]
    evaluation = [i["path"] for i in by_key["evaluation"]["items"]]
    assert "performance-annual/2569" in evaluation  # due 30 Nov, within 14 days


def test_nothing_to_remind(tmp_repo, capsys):
    item(tmp_repo, "content/news/far.md", "3.1", "digital", "wanpen.s", expires="2027-12-10")
    code, out, _ = run_cli(capsys, "remind", "--today", "2026-11-26", "--since", "2026-11-26")
    assert code == 0
    assert out.strip() == "ไม่มีรายการที่ต้องแจ้งเตือน"


def test_markdown_has_a_heading_per_owner(tmp_repo, capsys):
    item(tmp_repo, "content/news/soon.md", "3.1", "digital", "wanpen.s", expires="2026-11-27")
    code, out, _ = run_cli(capsys, "remind", "--today", "2026-11-26", "--since", "2026-11-26")
    assert code == 0
    assert out.count("## [webpub] แจ้งเตือนข้อมูลบนเว็บไซต์") == 1
    assert "@wanpen-opdc" in out


def test_long_lists_fit_in_one_issue(tmp_repo, capsys):
    for n in range(70):
        item(tmp_repo, f"content/news/n{n:02d}.md", "3.1", "digital", "wanpen.s", expires="2026-11-20")
    data = remind_json(capsys, "--today", "2026-11-26", "--since", "2026-11-26")
    (message,) = data["messages"]
    assert len(message["items"]) == 70
    assert "และอีก 10 รายการ" in message["body"]
    assert message["body"].count("\n- ") == 61
