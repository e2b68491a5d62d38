"""The whole approval chain with real git, real SSH keys and the real publish build.

officer branch adds an item → check passes → gate names who must approve → reviews
(GitHub's shape) from the wrong director, then the right one and the web head →
gate passes → seal (bot) → merge → verify passes → publish build contains the item
and its form → a one-word edit → verify names the stale approvals → the item
leaves the publish build.
"""

from __future__ import annotations

import json

from approvals_kit import BOT, PAGE, review, setup_keys
from conftest import git, run_cli, write

ITEM = "content/about/plan.md"
TODAY = "2024-02-01"
TITLE = "แผนปฏิบัติราชการประจำปี"


def cli(capsys, *args):
    code, out, err = run_cli(capsys, *args)
    assert "Traceback" not in out + err, err
    return code, out, err


def build(capsys, repo, name):
    site = repo.parent / name
    code, out, err = cli(capsys, "build", "--mode", "publish", "--today", TODAY, "--site-dir", str(site))
    assert code == 0, out + err
    return site


def gate(capsys, repo, reviews):
    path = repo.parent / "reviews.json"
    path.write_text(json.dumps(reviews), encoding="utf-8")
    return cli(capsys, "gate", "--base", "main", "--head", "officer", "--reviews", str(path), "--format", "md")


def test_officer_to_publish_and_back_to_draft(tmp_repo, tmp_path, capsys):
    repo = tmp_repo
    keys = setup_keys(repo, tmp_path / "keys")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "agency repository")

    # the officer's branch
    git(repo, "checkout", "-q", "-b", "officer")
    write(repo, ITEM, PAGE)
    assert cli(capsys, "check", ITEM, "--today", TODAY)[0] == 0
    git(repo, "add", ITEM)
    git(repo, "commit", "-q", "-m", "เพิ่มแผนปฏิบัติราชการ")
    head = git(repo, "rev-parse", "HEAD").strip()

    code, out, _ = gate(capsys, repo, [])
    assert code == 1 and "นายวิชัย กิตติศักดิ์ (wichai.k)" in out and "นางมาลี ชัยมงคล (malee.c)" in out

    reviews = [review(repo, "anan.p", "APPROVED", head, "2024-01-31T02:00:00Z", 101)]
    code, out, _ = gate(capsys, repo, reviews)
    assert code == 1 and "ไม่ใช่ผู้อำนวยการของกองยุทธศาสตร์" in out

    reviews += [review(repo, "wichai.k", "APPROVED", head, "2024-01-31T03:00:00Z", 102),
                review(repo, "malee.c", "APPROVED", head, "2024-01-31T04:00:00Z", 103)]
    code, out, _ = gate(capsys, repo, reviews)
    assert code == 0 and "ผ่าน" in out

    # the publish workflow: default branch, merge, seal, commit
    git(repo, "checkout", "-q", "main")
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge PR #7", "officer")
    (repo.parent / "reviews.json").write_text(json.dumps(reviews), encoding="utf-8")
    code, out, err = cli(capsys, "seal", "--base", base, "--head", "officer", "--reviews", str(repo.parent / "reviews.json"),
                         "--key", str(keys[BOT]), "--actor-id", "910008",
                         "--run-url", "https://github.com/opdc/web/actions/runs/1")
    assert code == 0, out + err
    assert git(repo, "diff", "--stat").count("|") == 1
    git(repo, "commit", "-q", "-am", "seal approvals")
    code, out, _ = cli(capsys, "verify")
    assert code == 0, out

    site = build(capsys, repo, "site1")
    page_html = (site / "about" / "plan" / "index.html").read_text(encoding="utf-8")
    assert TITLE in page_html
    form = (site / "about" / "plan" / "form" / "index.html").read_text(encoding="utf-8")
    assert "นายวิชัย กิตติศักดิ์" in form and "นางมาลี ชัยมงคล" in form and "นายณรงค์ บุญมา" in form
    assert "https://github.com/opdc/web/pull/7" in form and "SHA256:" in form

    # a later commit edits one word
    text = (repo / ITEM).read_text(encoding="utf-8")
    write(repo, ITEM, text.replace("ข้อความทดสอบ", "ข้อความทดลอง"))
    git(repo, "commit", "-q", "-am", "แก้คำเดียว")
    code, out, _ = cli(capsys, "verify")
    assert code == 1 and out.count("[WP201]") == 3 and "เนื้อหาถูกแก้ไขหลังการอนุมัติของ นายวิชัย กิตติศักดิ์" in out

    site = build(capsys, repo, "site2")
    assert not (site / "about" / "plan" / "index.html").exists()
    assert not (site / "about" / "plan" / "form" / "index.html").exists()
