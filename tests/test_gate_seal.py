"""``webpub seal``: writes bot-signed records only for a passing PR, only into ``approvals``."""

from __future__ import annotations

import json

import pytest

from approvals_kit import BOT, officer_branch, review, setup_keys
from conftest import git, run_cli, write

from webpub.approvals.writer import current_records

ITEM = "content/about/plan.md"


@pytest.fixture
def passing(tmp_repo, tmp_path):
    keys = setup_keys(tmp_repo, tmp_path / "keys")
    head = officer_branch(tmp_repo, ITEM)
    reviews = [review(tmp_repo, "wichai.k", "APPROVED", head, "2026-01-31T02:00:00Z", 1),
               review(tmp_repo, "malee.c", "APPROVED", head, "2026-01-31T03:00:00Z", 2)]
    (tmp_path / "reviews.json").write_text(json.dumps(reviews), encoding="utf-8")
    return tmp_repo, keys, tmp_path / "reviews.json"


def seal(capsys, repo, keys, reviews, *who):
    who = who or ("--webmaster", "narong.b")
    code, out, err = run_cli(capsys, "seal", "--base", "main", "--reviews", str(reviews), "--key", str(keys[BOT]),
                             *who, "--run-url", "https://github.com/opdc/web/actions/runs/9")
    assert "Traceback" not in out + err
    return code, out, err


def test_seal_changes_only_approvals_and_verifies(passing, capsys):
    repo, keys, reviews = passing
    before = (repo / ITEM).read_bytes()
    code, out, err = seal(capsys, repo, keys, reviews)
    assert code == 0, err
    after = (repo / ITEM).read_bytes()
    records = current_records(after)
    assert [(r["role"], r["person"], r["signer"]) for r in records] == [
        ("director", "wichai.k", BOT), ("web_head", "malee.c", BOT), ("webmaster", "narong.b", BOT)]
    assert records[0]["ref"].endswith("#pullrequestreview-1") and records[0]["at"] == "2026-01-31T09:00:00+07:00"
    assert after.replace(after[after.index(b"approvals:"):after.index(b"---\n\n##")], b"") == before
    assert run_cli(capsys, "verify")[0] == 0


def test_seal_writes_the_gate_json_with_the_owner_login(passing, capsys):
    repo, keys, reviews = passing
    out_path = repo.parent / "gate.json"
    code, out, err = seal(capsys, repo, keys, reviews, "--webmaster", "narong.b", "--json-out", str(out_path))
    assert code == 0, err
    data = json.loads(out_path.read_text(encoding="utf-8"))
    assert data["pass"] and data["items"][0]["officer_login"] == "somchai-opdc"


def test_seal_refuses_when_gate_fails(passing, capsys):
    repo, keys, reviews = passing
    data = json.loads(reviews.read_text(encoding="utf-8"))[:1]
    reviews.write_text(json.dumps(data), encoding="utf-8")
    before = (repo / ITEM).read_bytes()
    code, out, err = seal(capsys, repo, keys, reviews)
    assert code == 1 and "ยังไม่ผ่าน" in err and (repo / ITEM).read_bytes() == before


def test_seal_refuses_a_non_webmaster_actor(passing, capsys):
    repo, keys, reviews = passing
    before = (repo / ITEM).read_bytes()
    code, out, err = seal(capsys, repo, keys, reviews, "--actor-id", "910010")
    assert code == 1 and "ไม่ใช่ผู้ดูแลเว็บไซต์" in err and (repo / ITEM).read_bytes() == before
    code, out, err = seal(capsys, repo, keys, reviews, "--actor-id", "123")
    assert code == 2 and "ไม่อยู่ในรายชื่อบุคลากร" in err


def test_seal_refuses_a_worktree_that_differs_from_the_head(passing, capsys):
    repo, keys, reviews = passing
    text = (repo / ITEM).read_text(encoding="utf-8")
    write(repo, ITEM, text.replace("ข้อความทดสอบ", "ข้อความแอบแก้"))
    code, out, err = seal(capsys, repo, keys, reviews)
    assert code == 1 and "ไม่ตรงกับปลายคำขอเผยแพร่" in err
    assert "approvals" not in (repo / ITEM).read_text(encoding="utf-8")


def test_seal_with_a_key_not_registered_for_the_bot_writes_nothing(passing, capsys):
    repo, keys, reviews = passing
    code, out, err = run_cli(capsys, "seal", "--base", "main", "--reviews", str(reviews), "--key", str(keys["tanawat.d"]),
                             "--webmaster", "narong.b", "--run-url", "https://github.com/opdc/web/actions/runs/9")
    assert code == 1 and "ลงนามแล้วแต่การตรวจยังไม่ผ่าน" in err
    assert "approvals" not in (repo / ITEM).read_text(encoding="utf-8")
