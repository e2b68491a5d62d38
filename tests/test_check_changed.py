"""``webpub check --changed-since REV``: a pull request is judged on what it changes (real git).

On 2027-03-01 several sample news items have expired (WP013). A change that does not touch
them must not fail on them; a change that edits or adds an expired item, or its attachment,
still fails; an error of another kind in an untouched file still fails.
"""

from __future__ import annotations

import json

from conftest import git, run_cli, write

TODAY = "2027-03-01"
EXPIRED = "content/news/2026-11-10-procurement-notice-cloud-service.md"


def check(capsys, *extra):
    code, out, err = run_cli(capsys, "check", "--today", TODAY, "--no-cache", "--format", "json", *extra)
    return code, (json.loads(out)["findings"] if out.strip() else []), err


def branch(repo):
    git(repo, "switch", "-q", "-c", "officer-change")


def test_plain_check_fails_on_the_calendar(sample_repo, capsys):
    code, findings, _ = check(capsys)
    assert code == 1
    assert any(f["rule"] == "WP013" and f["path"] == EXPIRED and f["severity"] == "error" for f in findings)


def test_untouched_expired_items_are_warnings(sample_repo, capsys):
    branch(sample_repo)
    page = sample_repo / "content/faq/general.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nเพิ่มเติมคำตอบ\n", encoding="utf-8")
    git(sample_repo, "commit", "-qam", "edit faq")
    code, findings, err = check(capsys, "--changed-since", "main")
    assert code == 0, (err, [f for f in findings if f["severity"] == "error"])
    mine = [f for f in findings if f["path"] == EXPIRED and f["rule"] == "WP013"]
    assert mine and mine[0]["severity"] == "warning" and "ไม่ได้แก้" in mine[0]["message"]


def test_uncommitted_edit_of_an_expired_item_is_still_refused(sample_repo, capsys):
    page = sample_repo / EXPIRED
    page.write_text(page.read_text(encoding="utf-8") + "\nแก้ไขเพิ่มเติม\n", encoding="utf-8")
    code, findings, _ = check(capsys, "--changed-since", "HEAD")
    assert code == 1
    assert {f["path"] for f in findings if f["severity"] == "error"} == {EXPIRED}


def test_changing_an_expired_items_attachment_touches_the_item(sample_repo, capsys):
    branch(sample_repo)
    attachment = sample_repo / "content/news/2026-11-10-procurement-notice-cloud-service.pdf"
    attachment.write_bytes(attachment.read_bytes() + b"\n%% changed\n")
    git(sample_repo, "commit", "-qam", "new attachment version")
    code, findings, _ = check(capsys, "--changed-since", "main")
    assert code == 1
    assert any(f["path"] == EXPIRED and f["rule"] == "WP013" and f["severity"] == "error" for f in findings)


def test_adding_an_already_expired_item_is_refused(sample_repo, capsys):
    branch(sample_repo)
    write(sample_repo, "content/news/2026-12-01-old-announcement.md", """---
title: ประกาศที่หมดระยะเวลาแล้ว
category: "3.1"
owner:
  division: secretariat
  officer: jintana.k
published: 2026-12-01
expires: 2026-12-31
---

ข้อความประกาศ
""")
    git(sample_repo, "add", "-A")
    git(sample_repo, "commit", "-qm", "add")
    code, findings, _ = check(capsys, "--changed-since", "main")
    assert code == 1
    assert any(f["path"] == "content/news/2026-12-01-old-announcement.md" and f["rule"] == "WP013"
               and f["severity"] == "error" for f in findings)


def test_an_error_the_change_causes_in_an_untouched_page_still_fails(sample_repo, capsys):
    branch(sample_repo)
    git(sample_repo, "rm", "-q", "content/news/2026-11-18-job-opening-computer-officer.md")
    git(sample_repo, "commit", "-qm", "delete a linked page")
    code, findings, _ = check(capsys, "--changed-since", "main")
    assert code == 1
    assert any(f["path"] == "content/faq/general.md" and f["rule"] == "WP022" and f["severity"] == "error"
               for f in findings)


def test_unknown_base_is_a_clear_thai_refusal(sample_repo, capsys):
    code, _, err = run_cli(capsys, "check", "--changed-since", "no-such-rev")
    assert code == 2 and "ไม่พบ commit 'no-such-rev'" in err and "fetch-depth: 0" in err
