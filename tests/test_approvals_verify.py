"""Every refusal of ``webpub verify``, and honest chains accepted."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from approvals_kit import BOT, PAGE, approve_all, keygen, setup_keys, signer_line
from conftest import run_cli, write

from webpub.approvals import records
from webpub.approvals.digest import content_digest, worktree_reader
from webpub.approvals.writer import current_records, with_records

ITEM = "content/a/page.md"
BKK = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture
def signed(tmp_repo, tmp_path, capsys):
    keys = setup_keys(tmp_repo, tmp_path / "keys")
    write(tmp_repo, ITEM, PAGE)
    approve_all(lambda *a: run_cli(capsys, *a), ITEM, keys)
    return tmp_repo, keys


def verify(capsys, *paths):
    code, out, err = run_cli(capsys, "verify", *paths)
    assert "Traceback" not in out + err
    return code, out


def edit_records(repo, change):
    """Apply ``change(list_of_records)`` and write only the approvals back."""
    raw = (repo / ITEM).read_bytes()
    recs = current_records(raw)
    change(recs)
    (repo / ITEM).write_bytes(with_records(ITEM, raw, recs, worktree_reader(repo)))


def add_record(repo, role, person, key, at=None, signer=None, ref=None, item=ITEM, digest=None):
    """Replace the ``role`` record; by default at the replaced record's time, keeping the order."""
    raw = (repo / ITEM).read_bytes()
    digest = digest or content_digest(ITEM, raw, worktree_reader(repo))
    previous = next((r["at"] for r in current_records(raw) if r["role"] == role), None)
    at = at or (dt.datetime.fromisoformat(previous) if previous else dt.datetime.now(BKK) - dt.timedelta(minutes=1))
    record = records.make_record(role, person, at, digest, item, key, ref=ref, signer=signer)
    edit_records(repo, lambda recs: (recs.__setitem__(slice(None), [r for r in recs if r["role"] != role]), recs.append(record)))


def test_honest_chain_accepted(signed, capsys):
    code, out = verify(capsys)
    assert code == 0 and "ผ่าน  content/a/page.md" in out


def test_record_order_does_not_matter(signed, capsys):
    edit_records(signed[0], lambda recs: recs.reverse())
    assert verify(capsys)[0] == 0


def test_one_word_edit_names_the_stale_approvals(signed, capsys):
    repo, _ = signed
    text = (repo / ITEM).read_text(encoding="utf-8")
    (repo / ITEM).write_text(text.replace("ข้อความทดสอบ", "ข้อความทดลอง"), encoding="utf-8")
    code, out = verify(capsys)
    assert code == 1
    assert out.count("[WP201]") == 3 and "นายวิชัย กิตติศักดิ์ (wichai.k)" in out and "เนื้อหาถูกแก้ไขหลังการอนุมัติ" in out


def test_changed_attachment_makes_approvals_stale(tmp_repo, tmp_path, capsys):
    keys = setup_keys(tmp_repo, tmp_path / "keys")
    write(tmp_repo, ITEM, PAGE.replace("published: 2024-01-15\n", "published: 2024-01-15\nattachments:\n  - {file: plan.pdf, title: แผน}\n"))
    write(tmp_repo, "content/a/plan.pdf", b"%PDF-1.4 original")
    approve_all(lambda *a: run_cli(capsys, *a), ITEM, keys)
    assert verify(capsys)[0] == 0
    write(tmp_repo, "content/a/plan.pdf", b"%PDF-1.4 swapped")
    code, out = verify(capsys)
    assert code == 1 and "WP201" in out


def test_copied_record_names_its_source(signed, capsys):
    repo, _ = signed
    text = (repo / ITEM).read_text(encoding="utf-8")
    write(repo, "content/b/other.md", text.replace("ข้อความทดสอบ", "ข้อความอื่น"))
    code, out = verify(capsys, "content/b/other.md")
    assert code == 1 and "คัดลอกมาจากรายการอื่น (content/a/page.md)" in out and "[WP202]" in out


def test_copied_identical_page_still_refused(signed, capsys):
    repo, _ = signed
    write(repo, "content/b/copy.md", (repo / ITEM).read_bytes())
    code, out = verify(capsys, "content/b/copy.md")
    assert code == 1 and "[WP202]" in out


@pytest.mark.parametrize("field,value", [("at", "2026-01-01T10:00:00+07:00"), ("person", "anan.p"),
                                         ("role", "web_head"), ("ref", "https://example.org/forged")])
def test_edited_record_refused(signed, capsys, field, value):
    def change(recs):
        recs[0][field] = value
    edit_records(signed[0], change)
    code, out = verify(capsys)
    assert code == 1 and re.search(r"WP20[35]", out)


def test_swapped_roles_refused(signed, capsys):
    def swap(recs):
        recs[0]["role"], recs[1]["role"] = recs[1]["role"], recs[0]["role"]
    edit_records(signed[0], swap)
    code, out = verify(capsys)
    assert code == 1 and "[WP203]" in out


def test_wrong_namespace_refused(signed, capsys):
    repo, keys = signed
    raw = (repo / ITEM).read_bytes()

    def resign(recs):
        message = records.message({k: v for k, v in recs[0].items() if k != "sig"}, ITEM)
        done = subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-f", str(keys["wichai.k"]), "-n", "git"],
                              input=message, capture_output=True, check=True)
        recs[0]["sig"] = done.stdout.decode().strip()
    edit_records(repo, resign)
    assert raw != (repo / ITEM).read_bytes()
    code, out = verify(capsys)
    assert code == 1 and "เนมสเปซ 'git'" in out and "[WP203]" in out


def test_director_of_another_division_refused(signed, capsys):
    repo, keys = signed
    add_record(repo, "director", "anan.p", keys["anan.p"])
    code, out = verify(capsys)
    assert code == 1 and "ไม่ใช่ผู้อำนวยการของกองยุทธศาสตร์การพัฒนาระบบราชการ" in out and "[WP205]" in out


def test_signer_without_the_role_refused(signed, capsys):
    repo, keys = signed
    add_record(repo, "webmaster", "somchai.j", keys["somchai.j"])
    code, out = verify(capsys)
    assert code == 1 and "ไม่มีบทบาท" in out


def test_unknown_person_refused(signed, tmp_path, capsys):
    repo, _ = signed
    stranger = keygen(tmp_path / "keys", "stranger")
    with open(repo / "schema" / "allowed_signers", "a") as fh:
        fh.write(signer_line("stranger", stranger) + "\n")
    add_record(repo, "web_head", "stranger", stranger)
    code, out = verify(capsys)
    assert code == 1 and "ไม่มีในรายชื่อบุคลากร" in out


def test_signer_without_key_refused(signed, tmp_path, capsys):
    repo, _ = signed
    lines = (repo / "schema" / "allowed_signers").read_text().splitlines()
    (repo / "schema" / "allowed_signers").write_text("\n".join(l for l in lines if not l.startswith("malee.c")) + "\n")
    code, out = verify(capsys)
    assert code == 1 and "ไม่พบกุญแจของ นางมาลี ชัยมงคล (malee.c)" in out and "[WP204]" in out


@pytest.mark.parametrize("options,why", [
    ('namespaces="webpub-approval",valid-before="20240101Z"', "ถูกยกเลิกตั้งแต่"),
    ('namespaces="webpub-approval",valid-after="20990101Z"', "ใช้ไม่ได้ในวันที่ลงนาม"),
    ('namespaces="git"', "ไม่ได้รับอนุญาตให้ใช้กับเนมสเปซ"),
])
def test_key_validity_and_namespace_option(signed, capsys, options, why):
    repo, keys = signed
    lines = [l for l in (repo / "schema" / "allowed_signers").read_text().splitlines() if not l.startswith("wichai.k ")]
    lines.append(signer_line("wichai.k", keys["wichai.k"], options))
    (repo / "schema" / "allowed_signers").write_text("\n".join(lines) + "\n")
    code, out = verify(capsys)
    assert code == 1 and why in out


def test_signed_with_someone_elses_key_refused(signed, capsys):
    repo, keys = signed
    add_record(repo, "director", "wichai.k", keys["anan.p"])
    code, out = verify(capsys)
    assert code == 1 and "ไม่ใช่กุญแจที่ลงทะเบียนไว้ของผู้นี้" in out


def test_self_approval_refused(tmp_repo, tmp_path, capsys):
    keys = setup_keys(tmp_repo, tmp_path / "keys")
    write(tmp_repo, ITEM, PAGE.replace("officer: somchai.j", "officer: narong.b"))
    approve_all(lambda *a: run_cli(capsys, *a), ITEM, keys, webmaster="piyada.n")
    assert verify(capsys)[0] == 0
    code, out, err = run_cli(capsys, "approve", ITEM, "--role", "webmaster", "--person", "narong.b",
                             "--key", str(keys["narong.b"]))
    assert code == 2 and "WP208" in err
    add_record(tmp_repo, "webmaster", "narong.b", keys["narong.b"])
    code, out = verify(capsys)
    assert code == 1 and "อนุมัติรายการของตนเองไม่ได้" in out and "[WP208]" in out


def test_one_person_in_two_roles_refused(tmp_repo, tmp_path, capsys):
    org_path = tmp_repo / "schema" / "organization.yml"
    org_path.write_text(org_path.read_text(encoding="utf-8").replace("web_head: [malee.c]", "web_head: [malee.c, wichai.k]"), encoding="utf-8")
    keys = setup_keys(tmp_repo, tmp_path / "keys")
    write(tmp_repo, ITEM, PAGE)
    cli = lambda *a: run_cli(capsys, *a)  # noqa: E731
    approve_all(cli, ITEM, keys, web_head="malee.c")
    code, _, err = cli("approve", ITEM, "--role", "web_head", "--person", "wichai.k", "--key", str(keys["wichai.k"]))
    assert code == 2 and "[WP207]" in err and "ไม่บันทึก" in err  # approve will not write it
    add_record(tmp_repo, "web_head", "wichai.k", keys["wichai.k"])  # written by hand instead
    code, out = verify(capsys)
    assert code == 1 and "หนึ่งคนทำได้เพียงบทบาทเดียว" in out and "[WP207]" in out


def test_missing_role_named(tmp_repo, tmp_path, capsys):
    keys = setup_keys(tmp_repo, tmp_path / "keys")
    write(tmp_repo, ITEM, PAGE)
    run_cli(capsys, "approve", ITEM, "--role", "director", "--person", "wichai.k", "--key", str(keys["wichai.k"]))
    code, out = verify(capsys)
    assert code == 1 and "ยังไม่มีการอนุมัติของหัวหน้ากลุ่มงานที่รับผิดชอบดูแลเว็บไซต์" in out and "นางมาลี ชัยมงคล" in out
    assert "ผู้ดูแลเว็บไซต์ (webmaster)" in out


def test_bot_record_needs_ref_and_bot_key(signed, capsys):
    repo, keys = signed
    add_record(repo, "web_head", "malee.c", keys[BOT], signer=BOT, ref="https://github.com/opdc/web/pull/7#pullrequestreview-1")
    assert verify(capsys)[0] == 0
    add_record(repo, "web_head", "malee.c", keys[BOT], signer=BOT)
    code, out = verify(capsys)
    assert code == 1 and "[WP209]" in out
    add_record(repo, "web_head", "malee.c", keys["narong.b"], signer=BOT, ref="x")
    code, out = verify(capsys)
    assert code == 1 and "บอตเผยแพร่" in out and "[WP203]" in out
    add_record(repo, "web_head", "malee.c", keys["narong.b"], signer="narong.b", ref="x")
    code, out = verify(capsys)
    assert code == 1 and "ไม่ใช่ผู้อนุมัติเองและไม่ใช่บอต" in out


def test_malformed_record_refused(signed, capsys):
    def change(recs):
        recs[0]["extra"] = "x"
    repo = signed[0]
    text = (repo / ITEM).read_text(encoding="utf-8")
    (repo / ITEM).write_text(text.replace("  - role: \"director\"", "  - role: \"director\"\n    extra: x", 1), encoding="utf-8")
    code, out = verify(capsys)
    assert code == 1 and "[WP200]" in out


def test_future_dated_record_refused(signed, capsys):
    repo, keys = signed
    add_record(repo, "director", "wichai.k", keys["wichai.k"], at=dt.datetime.now(BKK) + dt.timedelta(days=3))
    code, out = verify(capsys)
    assert code == 1 and "อยู่ในอนาคต" in out


@pytest.mark.parametrize("kind", ["ecdsa", "rsa"])
def test_other_key_types_accepted(tmp_repo, tmp_path, capsys, kind):
    keys = setup_keys(tmp_repo, tmp_path / "keys", kinds={"wichai.k": kind, "malee.c": kind})
    write(tmp_repo, ITEM, PAGE)
    approve_all(lambda *a: run_cli(capsys, *a), ITEM, keys)
    assert verify(capsys)[0] == 0


def test_sigs_also_verify_with_ssh_keygen(signed, tmp_path):
    repo, _ = signed
    for record in current_records((repo / ITEM).read_bytes()):
        (tmp_path / "sig").write_text(record["sig"] + "\n")
        done = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(repo / "schema" / "allowed_signers"),
                               "-I", record["person"], "-n", "webpub-approval", "-s", str(tmp_path / "sig")],
                              input=records.message(record, ITEM), capture_output=True)
        assert done.returncode == 0, done.stderr


def test_check_rule_reports_forgery_and_staleness(signed, capsys):
    repo, _ = signed
    def change(recs):
        recs[1]["at"] = "2025-01-01T10:00:00+07:00"
    edit_records(repo, change)
    text = (repo / ITEM).read_text(encoding="utf-8")
    (repo / ITEM).write_text(text.replace("ข้อความทดสอบ", "ข้อความทดลอง"), encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", ITEM, "--format", "json", "--no-cache")
    import json
    findings = json.loads(out)["findings"]
    rules = {(f["rule"], f["severity"]) for f in findings}
    assert ("WP203", "error") in rules and ("WP201", "warning") in rules
    assert all(f["line"] > 1 for f in findings if f["rule"] in ("WP201", "WP203"))


def test_allow_unapproved_lets_drafts_pass(tmp_repo, capsys):
    write(tmp_repo, ITEM, PAGE)
    assert verify(capsys)[0] == 1
    code, out, _ = run_cli(capsys, "verify", "--allow-unapproved")
    assert code == 0 and "ร่าง" in out


def test_approve_refuses_an_unregistered_or_expired_key(tmp_repo, tmp_path, capsys):
    keys = setup_keys(tmp_repo, tmp_path / "keys")
    write(tmp_repo, ITEM, PAGE)
    stranger = keygen(tmp_path / "keys", "stranger")
    code, out, err = run_cli(capsys, "approve", ITEM, "--role", "director", "--person", "wichai.k", "--key", str(stranger))
    assert code == 2 and "[WP203]" in err and "ไม่บันทึก" in err
    code, out, err = run_cli(capsys, "approve", ITEM, "--role", "director", "--person", "wichai.k",
                             "--key", str(keys["wichai.k"]), "--at", "2019-06-01T10:00:00+07:00")
    assert code == 2 and "[WP204]" in err
    code, out, err = run_cli(capsys, "approve", ITEM, "--role", "director", "--person", "anan.p", "--key", str(keys["anan.p"]))
    assert code == 2 and "[WP205]" in err
    assert "approvals" not in (tmp_repo / ITEM).read_text(encoding="utf-8")


def test_check_cache_notices_a_swapped_attachment(tmp_repo, tmp_path, capsys):
    import json
    import os

    keys = setup_keys(tmp_repo, tmp_path / "keys")
    write(tmp_repo, ITEM, PAGE.replace("published: 2024-01-15\n", "published: 2024-01-15\nattachments:\n  - {file: plan.pdf, title: แผน}\n"))
    write(tmp_repo, "content/a/plan.pdf", b"%PDF-1.4 original")
    approve_all(lambda *a: run_cli(capsys, *a), ITEM, keys)

    def rules():
        code, out, _ = run_cli(capsys, "check", ITEM, "--format", "json")
        return {f["rule"] for f in json.loads(out)["findings"]}
    assert "WP201" not in rules()
    swapped = write(tmp_repo, "content/a/plan.pdf", b"%PDF-1.4 replaced")
    os.utime(swapped, ns=(1, 1))
    assert "WP201" in rules()


@pytest.mark.parametrize("minutes_ago,ok", [
    ((30, 20, 10), True), ((30, 30, 30), True),
    ((10, 20, 5), False),   # web head permitted before the director certified
    ((30, 20, 25), False),  # webmaster published before the web head permitted
    ((10, 20, 30), False),  # all reversed
])
def test_approvals_follow_the_guideline_order(signed, capsys, minutes_ago, ok):
    """Director certifies, then web head permits, then webmaster publishes (by each record's ``at``)."""
    repo, keys = signed
    now = dt.datetime.now(BKK).replace(microsecond=0)
    for (role, person), ago in zip((("director", "wichai.k"), ("web_head", "malee.c"), ("webmaster", "narong.b")), minutes_ago):
        add_record(repo, role, person, keys[person], at=now - dt.timedelta(minutes=ago))
    code, out = verify(capsys)
    assert (code == 0) is ok, out
    assert ("[WP212]" in out) is (not ok)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_page_parse_reused_by_the_site_gives_the_same_trail(signed, newline):
    """approval_status (the site's path, reusing the page's parse) and verify (raw bytes) agree,
    also after an edit and for a CRLF file, where the parse is not reused."""
    from webpub.approvals.verify import Trust, _already_parsed, evaluate, evaluate_page
    from webpub.context import Context
    from webpub.content.page import load_page
    from webpub.repo import Repo

    repo_dir, _ = signed
    path = repo_dir / ITEM
    for edit in (False, True):
        raw = path.read_bytes().replace(b"\n", newline.encode())
        if edit:
            raw = raw.replace("ความเป็นมา".encode(), "ความเป็นไป".encode())
        path.write_bytes(raw)
        page = load_page(ITEM, path, raw, 65536)
        repo = Repo(repo_dir)
        assert (_already_parsed(page) is None) is (newline == "\r\n")
        reused = evaluate_page(page, Context(repo=repo, today=dt.date.today()))
        fresh = evaluate(ITEM, raw, worktree_reader(repo_dir), Trust.of_repo(repo))
        assert reused.digest == fresh.digest
        assert reused.complete is fresh.complete
        assert fresh.complete is (newline == "\n" and not edit)  # CRLF changes the body bytes
        assert reused.reasons() == fresh.reasons()


def test_github_format_annotates_each_problem_on_its_page(signed, capsys):
    repo, _ = signed
    code, out, _ = run_cli(capsys, "verify", "--format", "github")
    assert code == 0 and "::" not in out and out.splitlines()[-1].startswith("ตรวจ 1 รายการ")
    text = (repo / ITEM).read_text(encoding="utf-8")
    (repo / ITEM).write_text(text.replace("ข้อความทดสอบ", "ข้อความทดลอง"), encoding="utf-8")
    code, out, _ = run_cli(capsys, "verify", "--format", "github")
    assert code == 1
    stale = [l for l in out.splitlines() if l.startswith(f"::error file={ITEM},line=1,title=WP201::")]
    assert len(stale) == 3 and all("%0A" not in l for l in stale)


def test_github_format_a_draft_allowed_is_a_warning(tmp_repo, capsys):
    write(tmp_repo, ITEM, PAGE)
    code, out, _ = run_cli(capsys, "verify", "--format", "github", "--allow-unapproved")
    assert code == 0
    assert f"::warning file={ITEM},line=1,title=WP206::" in out and "::error" not in out
    code, out, _ = run_cli(capsys, "verify", "--format", "github")
    assert code == 1 and f"::error file={ITEM},line=1,title=WP206::" in out


def test_verify_on_several_workers_gives_the_serial_results_in_order(signed, monkeypatch):
    """verify goes through the one runner: above its threshold the pages are verified in
    budgeted worker processes, and the results come back in the pages' order."""
    from webpub.core import runner
    from webpub.commands.verify import verify_all
    from webpub.repo import Repo

    repo, _ = signed
    for n in range(5):
        write(repo, f"content/a/draft-{n}.md", PAGE)
    targets = sorted(p.relative_to(repo).as_posix() for p in (repo / "content").rglob("*.md"))
    serial = verify_all(Repo(repo), targets, 1)
    monkeypatch.setattr(runner, "PARALLEL_THRESHOLD", 2)
    assert runner.workers_for(len(targets), 2, kind="verify") == 2
    parallel = verify_all(Repo(repo), targets, 2)
    assert [r["path"] for r in parallel] == targets and parallel == serial
    assert [r["ok"] for r in parallel].count(True) == 1


def test_times_people_read_are_buddhist_era_with_thai_months(signed, capsys):
    """The time of a stale approval and of a key's end, as people read them: B.E., Thai
    month names, Bangkok time (the record itself keeps ISO)."""
    repo, keys = signed
    at = dt.datetime(2026, 11, 20, 9, 30, tzinfo=BKK)
    add_record(repo, "director", "wichai.k", keys["wichai.k"], at=at)
    text = (repo / ITEM).read_text(encoding="utf-8")
    (repo / ITEM).write_text(text.replace("ข้อความทดสอบ", "ข้อความทดลอง"), encoding="utf-8")
    code, out = verify(capsys)
    stale = next(line for line in out.splitlines() if "[WP201]" in line and "wichai.k" in line)
    assert code == 1 and "เมื่อ 20 พฤศจิกายน 2569 เวลา 09:30 น." in stale and "2026" not in stale
    lines = [l for l in (repo / "schema" / "allowed_signers").read_text().splitlines() if not l.startswith("wichai.k ")]
    lines.append(signer_line("wichai.k", keys["wichai.k"], 'namespaces="webpub-approval",valid-before="20240101Z"'))
    (repo / "schema" / "allowed_signers").write_text("\n".join(lines) + "\n")
    code, out = verify(capsys)
    revoked = next(line for line in out.splitlines() if "ถูกยกเลิกตั้งแต่" in line)
    assert "ถูกยกเลิกตั้งแต่ 1 มกราคม 2567 เวลา 07:00 น." in revoked and "2024" not in revoked
