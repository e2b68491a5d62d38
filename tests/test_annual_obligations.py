"""``webpub report --year``: an obligation met before its due date counts as on time, one met
after it as late, one never met as missing — judged from the day the item first went live
(its merge into main), not from a date the officer typed.

Fiscal year 2569 (1 Oct 2025 – 30 Sep 2026) below holds two matched obligations:
* the action plan of 2569 (due 31 Oct 2025), merged on 20 Oct 2025: on time;
* the procurement summary of October 2025 (form สขร. 1, due 15 Nov 2025), merged on
  20 Nov 2025 although its page says it was published on 10 Nov: late.
Every other period of the year has nothing and is missing.
"""

from __future__ import annotations

import json
import os

import pytest

from approvals_kit import PAGE, setup_keys
from conftest import write
from test_annual_report import commit, git, pull_request

PLAN = "content/strategy/action-plan-2569.md"
SUMMARY = "content/oia/procurement-2025-10.md"
PLAN_PAGE = PAGE.replace("topic: history", 'topic: action-plan\nfiscal_year: "2569"').replace(
    "published: 2024-01-15", "published: 2025-10-20")
SUMMARY_PAGE = (PAGE.replace('category: "1.1"', 'category: "2.1"')
                .replace("topic: history", "topic: s9-8-procurement-summary\nperiod: 2025-10")
                .replace("published: 2024-01-15", "published: 2025-11-10")
                .replace("แผนปฏิบัติราชการประจำปี", "สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2568"))


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from conftest import copy_project
    from webpub.cli import main

    root = tmp_path_factory.mktemp("annual-obligations")
    repo = copy_project(root / "repo", with_content=False)
    keys = setup_keys(repo, root / "keys")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "base", "2025-09-01T09:00:00+07:00")

    def publish(path, page, opened, director, web_head, webmaster, merged):
        """A pull request for ``page``, approved with real signatures (only an approved item is
        on the site, so only it can meet an obligation), sealed at ``webmaster``, merged at ``merged``."""
        def edit(seal):
            write(repo, path, page)
            for (role, person), at in zip((("director", "wichai.k"), ("web_head", "malee.c"),
                                           ("webmaster", "narong.b")), (director, web_head, webmaster)):
                if seal:
                    assert main(["approve", path, "--role", role, "--person", person,
                                 "--key", str(keys[person]), "--at", at]) == 0
        pull_request(repo, path.rsplit("/", 1)[-1].removesuffix(".md"), edit, opened, webmaster, merged)

    cwd = os.getcwd()
    os.chdir(repo)
    try:
        publish(PLAN, PLAN_PAGE, "2025-10-14T09:00:00+07:00", "2025-10-15T09:00:00+07:00",
                "2025-10-16T09:00:00+07:00", "2025-10-20T08:00:00+07:00", "2025-10-20T09:00:00+07:00")
        publish(SUMMARY, SUMMARY_PAGE, "2025-11-10T09:00:00+07:00", "2025-11-11T09:00:00+07:00",
                "2025-11-18T09:00:00+07:00", "2025-11-20T08:00:00+07:00", "2025-11-20T09:00:00+07:00")
        out = root / "annual.json"
        assert main(["report", "--year", "2569", "--today", "2026-11-30", "--format", "json", "--output", str(out)]) == 0
        return json.loads(out.read_text(encoding="utf-8"))
    finally:
        os.chdir(cwd)


def _status(report, occurrence_id):
    return {e["id"]: e["status"] for e in report["obligations"]["entries"]}[occurrence_id]


def test_an_obligation_met_before_its_due_date_is_on_time(report):
    assert _status(report, "action-plan/2569") == "on_time"


def test_an_obligation_met_after_its_due_date_is_late_whatever_date_the_page_gives(report):
    assert _status(report, "procurement-summary/2025-10") == "late"


def test_a_period_with_nothing_is_missing_and_the_counts_add_up(report):
    assert _status(report, "procurement-summary/2025-11") == "missing"
    ob = report["obligations"]
    assert (ob["on_time"], ob["late"]) == (1, 1)
    assert ob["missing"] == ob["total"] - 2 > 0
