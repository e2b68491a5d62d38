"""``webpub gate``: reviews (GitHub's REST shape) against the PR's changed items, judged by digest."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from approvals_kit import officer_branch, review
from conftest import git, run_cli, write

from webpub.forge.reviews import latest_per_user, load_reviews_file, next_link

ITEM = "content/strategy/plan.md"
FIXTURES = Path(__file__).parent / "fixtures" / "github"


@pytest.fixture
def pr(tmp_repo):
    """main with the schema; branch ``officer`` adds an item (commit ``first``)."""
    officer_branch(tmp_repo, ITEM, message="add plan")
    return tmp_repo


def head(repo) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def commit_edit(repo, old, new, path=ITEM):
    text = (repo / path).read_text(encoding="utf-8")
    write(repo, path, text.replace(old, new))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "edit")
    return head(repo)


def gate(capsys, repo, reviews, fmt="json", *extra):
    (repo.parent / "reviews.json").write_text(json.dumps(reviews), encoding="utf-8")
    code, out, err = run_cli(capsys, "gate", "--base", "main", "--head", "HEAD",
                             "--reviews", str(repo.parent / "reviews.json"), "--format", fmt, *extra)
    assert "Traceback" not in out + err, err
    return code, (json.loads(out) if fmt == "json" else out)


def test_no_reviews_says_who_must_approve(pr, capsys):
    code, out = gate(capsys, pr, [], "md")
    assert code == 1
    assert "ผู้อำนวยการกอง (director): นายวิชัย กิตติศักดิ์ (wichai.k)" in out
    assert "นางมาลี ชัยมงคล (malee.c)" in out and "ยังไม่ผ่าน" in out


def test_wrong_director_then_right_one(pr, capsys):
    sha = head(pr)
    wrong = [review(pr, "anan.p", "APPROVED", sha, "2026-11-20T02:00:00Z", 1),
             review(pr, "malee.c", "APPROVED", sha, "2026-11-20T04:10:00Z", 2)]
    code, data = gate(capsys, pr, wrong)
    assert code == 1 and data["items"][0]["missing"] == ["director"]
    assert any("ไม่ใช่ผู้อำนวยการของกองยุทธศาสตร์" in n for n in data["items"][0]["notes"])
    right = wrong + [review(pr, "wichai.k", "APPROVED", sha, "2026-11-20T03:00:00Z", 3)]
    code, data = gate(capsys, pr, right)
    assert code == 0 and data["pass"] is True
    assert {(a["role"], a["person"]) for a in data["items"][0]["approvals"]} == {("director", "wichai.k"), ("web_head", "malee.c")}


def test_approval_of_an_earlier_text_does_not_count(pr, capsys):
    first = head(pr)
    now = commit_edit(pr, "ข้อความทดสอบ", "ข้อความทดลอง")
    reviews = [review(pr, "wichai.k", "APPROVED", first, "2026-11-20T02:00:00Z", 1),
               review(pr, "malee.c", "APPROVED", now, "2026-11-20T03:00:00Z", 2)]
    code, data = gate(capsys, pr, reviews)
    assert code == 1 and data["items"][0]["missing"] == ["director"]
    assert any("เนื้อหาฉบับก่อน" in n and first[:7] in n for n in data["items"][0]["notes"])


def test_commit_that_keeps_the_digest_keeps_approvals(pr, capsys):
    first = head(pr)
    write(pr, "content/strategy/notes.txt", "unrelated")
    text = (pr / ITEM).read_text(encoding="utf-8")
    write(pr, ITEM, text.replace("---\n\n##", "approvals: []\n---\n\n##"))
    git(pr, "add", "-A")
    git(pr, "commit", "-q", "-m", "only approvals key and another file")
    reviews = [review(pr, "wichai.k", "APPROVED", first, "2026-11-20T02:00:00Z", 1),
               review(pr, "malee.c", "APPROVED", first, "2026-11-20T03:00:00Z", 2)]
    code, data = gate(capsys, pr, reviews)
    assert code == 1 and data["unlisted"] == ["content/strategy/notes.txt"]  # no page lists it (WP213)
    assert data["items"][0]["ok"] is True
    git(pr, "rm", "-q", "content/strategy/notes.txt")
    git(pr, "commit", "-q", "-m", "drop the stray file")
    assert gate(capsys, pr, reviews)[0] == 0


def test_changes_requested_carries_the_reasons(pr, capsys):
    sha = head(pr)
    reviews = [review(pr, "wichai.k", "APPROVED", sha, "2026-11-20T02:00:00Z", 1),
               review(pr, "malee.c", "CHANGES_REQUESTED", sha, "2026-11-20T03:00:00Z", 2,
                      body="ชื่อเรื่องไม่ตรงกับหนังสือสั่งการ\nกรุณาแนบไฟล์ฉบับลงนาม")]
    code, out = gate(capsys, pr, reviews, "md")
    assert code == 1 and "ขอให้แก้ไข" in out and "> ชื่อเรื่องไม่ตรงกับหนังสือสั่งการ" in out
    assert "> กรุณาแนบไฟล์ฉบับลงนาม" in out and "WP211" in out


def test_latest_non_commented_review_counts(pr, capsys):
    sha = head(pr)
    reviews = [review(pr, "wichai.k", "CHANGES_REQUESTED", sha, "2026-11-20T01:00:00Z", 1, body="แก้"),
               review(pr, "wichai.k", "APPROVED", sha, "2026-11-20T02:00:00Z", 2),
               review(pr, "wichai.k", "COMMENTED", sha, "2026-11-20T02:30:00Z", 3, body="ขอบคุณ"),
               review(pr, "malee.c", "APPROVED", sha, "2026-11-20T03:00:00Z", 4),
               review(pr, "malee.c", "DISMISSED", sha, "2026-11-20T04:00:00Z", 5)]
    code, data = gate(capsys, pr, reviews)
    assert data["changes_requested"] == [] and data["items"][0]["missing"] == ["web_head"]


def test_officer_cannot_approve_own_item(pr, capsys):
    org = pr / "schema" / "organization.yml"
    sha = head(pr)
    git(pr, "checkout", "-q", "main")
    write(pr, "schema/organization.yml", org.read_text(encoding="utf-8").replace("web_head: [malee.c]", "web_head: [malee.c, somchai.j]"))
    git(pr, "commit", "-q", "-am", "somchai also web head")
    git(pr, "checkout", "-q", "officer")
    reviews = [review(pr, "wichai.k", "APPROVED", sha, "2026-11-20T02:00:00Z", 1),
               review(pr, "somchai.j", "APPROVED", sha, "2026-11-20T03:00:00Z", 2)]
    code, data = gate(capsys, pr, reviews)
    assert code == 1 and any("WP208" in n for n in data["items"][0]["notes"])


def test_config_change_needs_maintainer(pr, capsys):
    write(pr, "mkdocs.yml", (pr / "mkdocs.yml").read_text(encoding="utf-8") + "\n# changed\n" if (pr / "mkdocs.yml").exists() else "site_name: x\n")
    git(pr, "add", "-A")
    git(pr, "commit", "-q", "-m", "touch config")
    sha = head(pr)
    reviews = [review(pr, "wichai.k", "APPROVED", sha, "2026-11-20T02:00:00Z", 1),
               review(pr, "malee.c", "APPROVED", sha, "2026-11-20T03:00:00Z", 2)]
    code, out = gate(capsys, pr, reviews, "md")
    assert code == 1 and "`mkdocs.yml`" in out and "WP210" in out and "นายธนวัฒน์ ดวงดี" in out
    reviews.append(review(pr, "tanawat.d", "APPROVED", sha, "2026-11-20T04:00:00Z", 3))
    assert gate(capsys, pr, reviews)[0] == 0


def test_pr_cannot_appoint_its_own_director(pr, capsys):
    org = pr / "schema" / "organization.yml"
    write(pr, "schema/organization.yml", org.read_text(encoding="utf-8").replace("directors: [wichai.k]", "directors: [wichai.k, somchai.j, anan.p]"))
    git(pr, "commit", "-q", "-am", "appoint")
    sha = head(pr)
    reviews = [review(pr, "anan.p", "APPROVED", sha, "2026-11-20T02:00:00Z", 1),
               review(pr, "malee.c", "APPROVED", sha, "2026-11-20T03:00:00Z", 2),
               review(pr, "tanawat.d", "APPROVED", sha, "2026-11-20T04:00:00Z", 3)]
    code, data = gate(capsys, pr, reviews)
    assert code == 1 and data["items"][0]["missing"] == ["director"]


def test_attachment_change_brings_its_page_in(pr, capsys):
    text = (pr / ITEM).read_text(encoding="utf-8")
    write(pr, ITEM, text.replace("published: 2024-01-15\n", "published: 2024-01-15\nattachments:\n  - {file: plan.pdf, title: แผน}\n"))
    write(pr, "content/strategy/plan.pdf", b"%PDF-1.4 v1")
    git(pr, "add", "-A")
    git(pr, "commit", "-q", "-m", "attach")
    git(pr, "checkout", "-q", "main")
    git(pr, "merge", "-q", "--ff-only", "officer")
    git(pr, "checkout", "-q", "officer")
    write(pr, "content/strategy/plan.pdf", b"%PDF-1.4 v2")
    git(pr, "commit", "-q", "-am", "swap attachment")
    code, data = gate(capsys, pr, [])
    assert [i["path"] for i in data["items"]] == [ITEM]


def test_recorded_paginated_reviews(pr, capsys):
    first = head(pr)
    now = commit_edit(pr, "ข้อความทดสอบ", "ข้อความปีงบประมาณ 2570")
    text = (FIXTURES / "reviews-pr7-paginated.json").read_text(encoding="utf-8")
    text = text.replace('"@first"', f'"{first}"').replace('"@head"', f'"{now}"')
    (pr.parent / "recorded.json").write_text(text, encoding="utf-8")
    recording = json.loads(text)
    assert len(recording["responses"][0]["body"]) == 30 and next_link(recording["responses"][0]["headers"])
    assert len(load_reviews_file(recording)) == 34
    code, out, _ = run_cli(capsys, "gate", "--base", "main", "--reviews", str(pr.parent / "recorded.json"),
                           "--format", "md", "--json-out", str(pr.parent / "out.json"))
    assert code == 0, out
    data = json.loads((pr.parent / "out.json").read_text(encoding="utf-8"))
    assert data["unknown_reviewers"] == ["octo-visitor"]
    assert {(a["role"], a["person"]) for a in data["items"][0]["approvals"]} == {("director", "wichai.k"), ("web_head", "malee.c")}
    assert "นายวิชัย กิตติศักดิ์" in out


def test_latest_per_user_ignores_comments_and_pending():
    def r(i, uid, state, when):
        return {"id": i, "user": {"id": uid, "login": f"u{uid}"}, "state": state, "submitted_at": when}
    latest = latest_per_user([r(1, 1, "APPROVED", "2026-01-01T00:00:00Z"), r(2, 1, "COMMENTED", "2026-01-02T00:00:00Z"),
                              r(3, 2, "APPROVED", "2026-01-01T00:00:00Z"), r(4, 2, "CHANGES_REQUESTED", "2026-01-03T00:00:00Z"),
                              r(5, 3, "PENDING", None)])
    assert sorted((x["user"]["id"], x["state"]) for x in latest) == [(1, "APPROVED"), (2, "CHANGES_REQUESTED")]


def test_bad_reviews_file_is_a_clear_error(pr, capsys):
    (pr.parent / "bad.json").write_text("{not json", encoding="utf-8")
    code, out, err = run_cli(capsys, "gate", "--base", "main", "--reviews", str(pr.parent / "bad.json"))
    assert code == 2 and "อ่านไฟล์รีวิว" in err and "Traceback" not in err


def test_web_head_permits_only_after_the_director_certifies(pr, capsys):
    sha = head(pr)
    early = [review(pr, "malee.c", "APPROVED", sha, "2026-11-20T02:00:00Z", 1),
             review(pr, "wichai.k", "APPROVED", sha, "2026-11-20T03:00:00Z", 2)]
    code, data = gate(capsys, pr, early)
    assert code == 1 and data["items"][0]["missing"] == ["web_head"]
    assert any("[WP212]" in n and "Approve อีกครั้ง" in n for n in data["items"][0]["notes"])
    again = early + [review(pr, "malee.c", "APPROVED", sha, "2026-11-20T05:00:00Z", 3)]
    assert gate(capsys, pr, again)[0] == 0


def test_github_format_annotates_what_the_item_still_needs(pr, capsys):
    """--format github: one annotation per missing approval on the item's page, the files outside
    content/ without a maintainer (WP210), and the verdict line; the exit code is the gate's."""
    write(pr, "mkdocs.yml", "site_name: x\n# changed\n")
    git(pr, "add", "-A")
    git(pr, "commit", "-q", "-m", "touch config")
    sha = head(pr)
    code, out = gate(capsys, pr, [review(pr, "wichai.k", "APPROVED", sha, "2026-11-20T02:00:00Z", 1)], "github")
    assert code == 1
    lines = out.splitlines()
    assert any(l.startswith(f"::error file={ITEM},line=1,title=WP206::") and "(web_head)" in l for l in lines)
    assert "::error file=mkdocs.yml,line=1,title=WP210::" in out
    assert lines[-1].startswith("ยังไม่ผ่าน")
    reviews = [review(pr, "wichai.k", "APPROVED", sha, "2026-11-20T02:00:00Z", 1),
               review(pr, "malee.c", "APPROVED", sha, "2026-11-20T03:00:00Z", 2),
               review(pr, "tanawat.d", "APPROVED", sha, "2026-11-20T04:00:00Z", 3)]
    code, out = gate(capsys, pr, reviews, "github")
    assert code == 0 and "::error" not in out and out.splitlines()[-1].startswith("ผ่าน")


def test_github_format_request_for_changes_is_a_pr_annotation(pr, capsys):
    sha = head(pr)
    code, out = gate(capsys, pr, [review(pr, "wichai.k", "CHANGES_REQUESTED", sha, "2026-11-20T02:00:00Z", 1,
                                         body="แก้ตัวเลขงบประมาณ")], "github")
    assert code == 1
    assert any(l.startswith("::error title=WP211::") and "แก้ตัวเลขงบประมาณ" in l for l in out.splitlines())


def test_times_people_read_are_buddhist_era_with_thai_months(pr, capsys):
    """Review times in the gate's notes and summary: B.E. and Thai month names, Bangkok
    time; never the forge's ISO timestamps."""
    first = head(pr)
    now = commit_edit(pr, "ข้อความทดสอบ", "ข้อความทดลอง")
    reviews = [review(pr, "wichai.k", "APPROVED", first, "2026-11-20T02:00:00Z", 1),
               review(pr, "malee.c", "APPROVED", now, "2026-11-20T03:00:00Z", 2)]
    code, out = gate(capsys, pr, reviews, "md")
    assert code == 1
    assert "เมื่อ 20 พฤศจิกายน 2569 เวลา 09:00 น. ทำกับเนื้อหาฉบับก่อน" in out  # the stale review
    assert "อนุมัติเมื่อ 20 พฤศจิกายน 2569 เวลา 10:00 น." in out  # the counted one
    assert not re.search(r"\b2026-11-20|\b2026\b", out)
    early = [review(pr, "malee.c", "APPROVED", now, "2026-11-20T02:00:00Z", 3),
             review(pr, "wichai.k", "APPROVED", now, "2026-11-20T03:00:00Z", 4)]
    code, data = gate(capsys, pr, early)
    order = next(n for n in data["items"][0]["notes"] if "[WP212]" in n)
    assert "20 พฤศจิกายน 2569 เวลา 09:00 น." in order and "20 พฤศจิกายน 2569 เวลา 10:00 น." in order
    assert not re.search(r"\b2026\b", order)
