"""``webpub report --year``: the annual monitoring report, from real git history with dated commits.

The repository below holds, in fiscal year 2569 (1 Oct 2025 – 30 Sep 2026): two items
published through merged pull requests, one of them updated, the other taken down, and one
refusal sealed by the bot; one more publication falls after the year and must not count.
Every count and duration asserted is worked out by hand from those dates.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from pypdf import PdfReader

from approvals_kit import BOT, PAGE, setup_keys
from conftest import run_cli, write

from webpub.approvals import decisions, records

PLAN = "content/strategy/plan.md"
NEWS = "content/digital/duties.md"
NEWS_PAGE = (PAGE.replace("strategy", "digital").replace("somchai.j", "wanpen.s").replace("history", "duties")
             .replace("แผนปฏิบัติราชการประจำปี", "อำนาจหน้าที่ของกองพัฒนาระบบราชการดิจิทัล"))


def git(repo, *args, when: str | None = None, author: str | None = None) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": os.environ["PATH"], "HOME": str(repo)}
    if when:
        env |= {"GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": author or when}
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env).stdout


def commit(repo, message: str, when: str, author: str | None = None) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when, author=author)


def approve(repo, path: str, digest: str, director: str, web_head: str, webmaster: str, who=("wichai.k",)) -> None:
    text = (repo / path).read_text(encoding="utf-8")
    recs = [{"role": role, "person": person, "at": at, "digest": digest, "sig": "-----BEGIN SSH SIGNATURE-----\nx\n-----END SSH SIGNATURE-----"}
            for role, person, at in (("director", who[0], director), ("web_head", "malee.c", web_head),
                                     ("webmaster", "narong.b", webmaster))]
    write(repo, path, records.replace_approvals(text, recs))


def pull_request(repo, branch: str, edit, opened: str, sealed: str, merged: str) -> None:
    """A branch with the officer's commit (authored ``opened``) and the seal (``sealed``), merged
    into main with a merge commit at ``merged``."""
    git(repo, "checkout", "-q", "-b", branch, "main")
    edit(seal=False)
    commit(repo, f"{branch}: officer", opened)
    edit(seal=True)
    commit(repo, f"{branch}: seal", sealed)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", f"Merge {branch}", branch, when=merged)


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    from conftest import copy_project

    root = tmp_path_factory.mktemp("annual")
    repo = copy_project(root / "repo", with_content=False)
    keys = setup_keys(repo, root / "keys")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "base", "2025-09-01T09:00:00+07:00")

    def plan_v1(seal):
        write(repo, PLAN, PAGE)
        if seal:
            approve(repo, PLAN, "sha256:" + "1" * 64, "2025-10-12T09:00:00+07:00", "2025-10-13T09:00:00+07:00",
                    "2025-10-15T09:00:00+07:00")
    pull_request(repo, "pr-1", plan_v1, "2025-10-10T09:00:00+07:00", "2025-10-15T09:00:00+07:00",
                 "2025-10-15T10:00:00+07:00")

    def news(seal):
        write(repo, NEWS, NEWS_PAGE)
        if seal:
            approve(repo, NEWS, "sha256:" + "2" * 64, "2026-01-06T09:00:00+07:00", "2026-01-09T09:00:00+07:00",
                    "2026-01-10T08:00:00+07:00", who=("suda.t",))
    pull_request(repo, "pr-2", news, "2026-01-05T09:00:00+07:00", "2026-01-10T08:00:00+07:00",
                 "2026-01-10T09:00:00+07:00")

    def plan_v2(seal):
        text = (repo / PLAN).read_text(encoding="utf-8")
        write(repo, PLAN, text.replace("ข้อความทดสอบ", "ข้อความปรับปรุง"))
        if seal:
            approve(repo, PLAN, "sha256:" + "3" * 64, "2026-02-02T09:00:00+07:00", "2026-02-02T21:00:00+07:00",
                    "2026-02-11T08:00:00+07:00")
    pull_request(repo, "pr-3", plan_v2, "2026-02-01T09:00:00+07:00", "2026-02-11T08:00:00+07:00",
                 "2026-02-11T09:00:00+07:00")

    text = (repo / NEWS).read_text(encoding="utf-8")
    write(repo, NEWS, text.replace("published: 2024-01-15\n", "published: 2024-01-15\nwithdrawn:\n  on: 2026-03-01\n"
                                                              "  reason: ข้อมูลไม่เป็นปัจจุบัน\n"))
    commit(repo, "take down news", "2026-03-01T00:40:00+07:00")

    refusal = decisions.make({"decision": "refused", "item": "content/strategy/jobs.md", "title": "ประกาศรับสมัครงาน",
                              "division": "strategy", "category": "3.1", "officer": "somchai.j", "pr": "9",
                              "pr_url": "https://github.com/opdc/web/pull/9", "role": "web_head", "person": "malee.c",
                              "at": "2026-03-03T09:30:00+07:00", "reason": "เอกสารแนบมีเลขประจำตัวประชาชน"},
                             keys[BOT], "webpub-bot")
    decisions.write(repo, refusal)
    commit(repo, "record refusal #9", "2026-03-03T10:00:00+07:00")

    def late(seal):
        write(repo, "content/legal/late.md", NEWS_PAGE.replace("digital", "legal").replace("wanpen.s", "preecha.l"))
        if seal:
            approve(repo, "content/legal/late.md", "sha256:" + "4" * 64, "2026-10-02T09:00:00+07:00",
                    "2026-10-03T09:00:00+07:00", "2026-10-05T08:00:00+07:00", who=("thawat.s",))
    pull_request(repo, "pr-4", late, "2026-10-01T09:00:00+07:00", "2026-10-05T08:00:00+07:00", "2026-10-05T09:00:00+07:00")
    return repo


@pytest.fixture(scope="module")
def report(history):
    cwd = os.getcwd()
    os.chdir(history)
    try:
        from webpub.cli import main
        out = history.parent / "annual.json"
        assert main(["report", "--year", "2569", "--today", "2026-11-30", "--format", "json", "--output", str(out)]) == 0
        return json.loads(out.read_text(encoding="utf-8"))
    finally:
        os.chdir(cwd)


def test_counts_are_what_the_history_holds(report):
    assert report["start"] == "2025-10-01" and report["end"] == "2026-09-30"
    assert report["totals"] == {"published": 2, "updated": 1, "taken_down": 1, "refused": 1}
    strategy, digital = report["by_division"]["strategy"], report["by_division"]["digital"]
    assert (strategy["published"], strategy["updated"], strategy["taken_down"], strategy["refused"]) == (1, 1, 0, 1)
    assert (digital["published"], digital["updated"], digital["taken_down"], digital["refused"]) == (1, 0, 1, 0)
    assert "legal" not in report["by_division"]  # published after the fiscal year
    assert report["by_category"]["1.1"]["published"] == 2 and report["by_category"]["3.1"]["refused"] == 1
    assert report["refusals"][0]["reason"] == "เอกสารแนบมีเลขประจำตัวประชาชน"
    # the year is over: completeness is judged on the repository as it stood on 30 Sep 2026
    assert report["completeness"]["as_of"] == "2026-09-30" and report["completeness"]["total"] > 0
    ob = report["obligations"]
    assert ob["total"] == ob["on_time"] + ob["late"] + ob["missing"] and ob["on_time"] == 0  # nothing was due-matched


def test_durations_are_what_the_history_holds(report):
    d = report["durations"]
    # opened -> director: plan 2 days, news 1, plan update 1
    assert d["director"] == {"count": 3, "median_days": 1.0, "slowest_days": 2.0,
                             "slowest": {"path": PLAN, "title": "แผนปฏิบัติราชการประจำปี"}}
    # opened -> web head's permission: 3, 4, 1.5
    assert (d["permission"]["median_days"], d["permission"]["slowest_days"], d["permission"]["slowest"]["path"]) == (3.0, 4.0, NEWS)
    # opened -> publication (the merge): 5 days 1 hour, 5 days, 10 days
    assert (d["publication"]["median_days"], d["publication"]["slowest_days"]) == (5.04, 10.0)


def test_a_gregorian_year_is_refused_with_the_buddhist_era_one(history, capsys, monkeypatch):
    monkeypatch.chdir(history)
    code, out, err = run_cli(capsys, "report", "--year", "2026")
    assert code == 2 and "2569" in err and "ค.ศ." in err and "Traceback" not in err


def test_html_has_charts_with_data_tables_and_no_script(history, report):
    from webpub.monitor.annual import to_html

    html = to_html(report)
    assert html.count("<svg") == 2 and html.count('role="img"') == 2 and "<script" not in html
    assert html.count("<figure") == 2 and html.count("<table") >= 3
    assert "กองยุทธศาสตร์การพัฒนาระบบราชการ" in html and "15 ตุลาคม" not in html  # durations in days, not dates


def test_the_pdf_first_page_names_the_divisions_and_the_totals(history, report, browser, tmp_path):
    from webpub.monitor.annual import to_html, write_pdf
    from webpub.repo import Repo

    pdf = tmp_path / "annual.pdf"
    write_pdf(to_html(report, Repo(history)), pdf, browser=browser)
    first = PdfReader(str(pdf)).pages[0].extract_text()
    # pypdf reads the font's sara am ligature as nikhahit + sara aa, and drops a glyph or two of
    # stacked vowels: compare on what extraction can give back
    squeezed = "".join(first.split()).replace("\u0e4d\u0e32", "\u0e33").replace("\x00", "")
    for name in ("กองยุทธศาสตร์การพัฒนาระบบราชการ", "กองพัฒนาระบบราชการดิจิทัล", "พ.ศ.2569"):
        assert name in squeezed, first
    assert "เผยแพร่ใหม่" in squeezed and "นำลงจากเว็บไซต์" in squeezed
    assert "เผยแพร่ใหม่ปรับปรุงนำลงจากเว็บไซต์ไม่อนุญาตให้เผยแพร่2111" in squeezed  # the totals row
