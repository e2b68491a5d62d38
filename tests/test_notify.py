"""``webpub notify`` and the forge adapter: notices as data, posted over real HTTP to a local
server that answers with recorded GitHub REST payloads and records every request."""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse

import pytest

from conftest import git, run_cli, write
from forge_server import ForgeServer
from webpub import notify
from webpub.forge.issues import Forge, ForgeError
from webpub.repo import Repo

JOB = "content/news/2026-11-18-job-opening-computer-officer.md"  # expires 2026-12-15 (closing_date)
SITE = "https://www.opdc.go.th/"


# -- the forge adapter ------------------------------------------------------------------
def test_opens_an_issue_when_none_with_that_title_is_open():
    with ForgeServer() as server:
        forge = Forge(server.url, "opdc/website", "t0ken")
        done = forge.open_or_comment("webpub-publish-failed", "[webpub] เผยแพร่เว็บไซต์ไม่สำเร็จ", "ข้อความ")
    # The recorded list has a pull request with that very title: it is not an issue to comment on.
    assert done["action"] == "created" and done["number"] == 57
    listing, created = server.requests
    assert listing["method"] == "GET" and listing["path"] == "/repos/opdc/website/issues"
    assert listing["query"] == {"state": "open", "labels": "webpub-publish-failed", "per_page": "100", "page": "1"}
    assert created["path"] == "/repos/opdc/website/issues"
    assert created["json"] == {"title": "[webpub] เผยแพร่เว็บไซต์ไม่สำเร็จ", "body": "ข้อความ",
                               "labels": ["webpub-publish-failed"]}
    assert created["headers"]["Authorization"] == "Bearer t0ken"
    assert created["headers"]["Accept"] == "application/vnd.github+json"


def test_comments_on_the_open_issue_with_that_title():
    with ForgeServer() as server:
        forge = Forge(server.url, "opdc/website", "t0ken")
        done = forge.open_or_comment("webpub-publish-failed", "[webpub] เรื่องอื่นที่ติดป้ายเดียวกัน", "อีกครั้ง")
    assert done == {"action": "commented", "number": 40, "response": done["response"]}
    assert server.posted()[0]["path"] == "/repos/opdc/website/issues/40/comments"
    assert server.posted()[0]["json"] == {"body": "อีกครั้ง"}
    assert done["response"]["body"] == "อีกครั้ง"


def test_reads_every_page_of_open_issues():
    filler = [{"number": n, "state": "open", "title": f"เรื่อง {n}", "labels": [{"name": "x"}]} for n in range(1, 151)]
    with ForgeServer(issues=filler) as server:
        number = Forge(server.url, "opdc/website", "t").find_open_issue("x", "เรื่อง 140")
    assert number == 140
    assert [r["query"]["page"] for r in server.requests] == ["1", "2"]


def test_a_refusal_is_a_thai_error_not_a_traceback():
    with ForgeServer(fail_with=403) as server:
        with pytest.raises(ForgeError, match="GitHub ตอบรหัส 403"):
            Forge(server.url, "opdc/website", "t").create_issue("ก", "ข", [])


def test_missing_settings_are_named():
    with pytest.raises(ForgeError, match="GITHUB_REPOSITORY"):
        Forge.from_env({"GITHUB_TOKEN": "t"})
    with pytest.raises(ForgeError, match="GITHUB_TOKEN"):
        Forge.from_env({"GITHUB_REPOSITORY": "o/r"})
    assert Forge.from_env({"GITHUB_REPOSITORY": "o/r", "GH_TOKEN": "t"}).api_url == "https://api.github.com"


# -- addresses ---------------------------------------------------------------------------
def test_page_url_is_the_sites_own_directory_url_percent_encoded():
    assert notify.page_url(SITE, "news/2026-11-18-job.md") == SITE + "news/2026-11-18-job/"
    assert notify.page_url(SITE, "about/index.md") == SITE + "about/"
    thai = notify.page_url(SITE, "ข่าว/ประกาศ รับสมัคร.md")
    assert thai.isascii() and urllib.parse.unquote(thai) == SITE + "ข่าว/ประกาศ รับสมัคร/"


def test_site_url_comes_from_mkdocs_yml(tmp_repo):
    config = tmp_repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("https://www.opdc.go.th/", "https://web.example.go.th/sub"),
                      encoding="utf-8")
    assert notify.site_url(Repo(tmp_repo)) == "https://web.example.go.th/sub/"


# -- the notices -----------------------------------------------------------------------------
def test_items_going_down_with_the_calendar_name_officer_and_director(sample_repo):
    notice = notify.taken_down(Repo(sample_repo), dt.date(2026, 12, 16))
    job = next(i for i in notice.items if i.path == JOB)
    assert job.logins == ["jintana-opdc", "pranee-opdc"]  # officer, then the division's director
    assert job.url == SITE + "news/2026-11-18-job-opening-computer-officer/"
    assert job.since == "2026-12-16" and job.since_th == "16 ธันวาคม 2569"
    assert "15 ธันวาคม 2569" in job.reason
    assert "@jintana-opdc @pranee-opdc" in notice.body and "นำลงเมื่อ 16 ธันวาคม 2569" in notice.body
    assert [i.path for i in notify.taken_down(Repo(sample_repo), dt.date(2026, 12, 15)).items] == []


def test_an_item_withdrawn_by_a_merge_is_reported_with_its_reason(sample_repo, capsys, monkeypatch):
    monkeypatch.setenv("WEBPUB_TRUST_REF", "HEAD")  # as the publish workflow sets it
    page = sample_repo / "content/faq/general.md"
    text = page.read_text(encoding="utf-8")
    head, rest = text.split("\n---\n", 1)
    page.write_text(head + "\nwithdrawn:\n  on: 2026-12-02\n  reason: \"ข้อมูลเปลี่ยนแปลง\"\n  by: narong.b\n---\n" + rest,
                    encoding="utf-8")
    git(sample_repo, "commit", "-qam", "take down")
    code, out, err = run_cli(capsys, "notify", "taken-down", "--before", "HEAD~1", "--today", "2026-12-02",
                             "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [i["path"] for i in data["items"]] == ["content/faq/general.md"]
    item = data["items"][0]
    assert item["reason"] == "ข้อมูลเปลี่ยนแปลง" and item["since_th"] == "2 ธันวาคม 2569"
    assert data["label"] == "webpub-taken-down"
    # The same publish's "published" notice leaves it to the taken-down notice.
    code, out, err = run_cli(capsys, "notify", "published", "--base", "HEAD~1", "--today", "2026-12-02")
    assert code == 0 and "ยังไม่ขึ้นเว็บไซต์" not in out and "ไม่มีรายการใหม่ขึ้นเว็บไซต์" in out


def test_published_notice_names_each_live_item_with_its_page_and_form(tmp_repo, capsys):
    from conftest import PROJECT
    import shutil

    git(tmp_repo, "add", "-A")
    git(tmp_repo, "commit", "-qm", "schema only")
    shutil.rmtree(tmp_repo / "content")
    shutil.copytree(PROJECT / "content", tmp_repo / "content")
    write(tmp_repo, "content/news/2026-11-29-draft.md", "---\ntitle: ร่างข่าว\n---\nร่าง\n")
    git(tmp_repo, "add", "-A")
    git(tmp_repo, "commit", "-qm", "content")
    code, out, err = run_cli(capsys, "notify", "published", "--base", "HEAD~1", "--today", "2026-12-01",
                             "--format", "json", "--pr", "12")
    assert code == 0, err
    data = json.loads(out)
    job = next(i for i in data["items"] if i["path"] == JOB)
    assert job["url"] == SITE + "news/2026-11-18-job-opening-computer-officer/"
    assert job["form_url"] == job["url"] + "form/"
    assert "<ที่อยู่หน้า>" not in data["body"] and f"{job['url']} (แบบฟอร์มการขออนุญาตเผยแพร่ข้อมูลผ่านเว็บไซต์: {job['form_url']})" in data["body"]
    assert "content/news/2026-11-29-draft.md" not in [i["path"] for i in data["items"]]
    assert "ร่างข่าว" in data["body"].split("ยังไม่ขึ้นเว็บไซต์", 1)[1]


def test_posting_a_published_notice_comments_on_the_pr(sample_repo, capsys, monkeypatch):
    page = sample_repo / "content/faq/general.md"
    with ForgeServer() as server:
        for key, value in server.env().items():
            monkeypatch.setenv(key, value)
        code, out, err = run_cli(capsys, "notify", "published", "--base", "HEAD", "--today", "2026-12-01",
                                 "--pr", "12", "--post")
    assert code == 0, err
    assert page.exists()
    (comment,) = server.posted()
    assert comment["path"] == "/repos/opdc/website/issues/12/comments" and comment["json"]["body"] == out


def test_publish_failed_posts_to_the_webmasters(tmp_repo, capsys, monkeypatch):
    steps = {"checkout": {"outcome": "success", "conclusion": "success", "outputs": {}},
             "install": {"outcome": "success", "conclusion": "success", "outputs": {}},
             "build": {"outcome": "failure", "conclusion": "failure", "outputs": {}}}
    log = "\n".join(f"บรรทัด {n}" for n in range(100)) + "\n[WP003] ข้อผิดพลาด ```"
    with ForgeServer() as server:
        for key, value in server.env().items():
            monkeypatch.setenv(key, value)
        args = ("notify", "publish-failed", "--steps-json", json.dumps(steps), "--run-url",
                "https://github.com/opdc/website/actions/runs/99", "--log", log, "--today", "2026-12-01", "--post")
        first = run_cli(capsys, *args)
        second = run_cli(capsys, *args)
    assert first[0] == 0 and second[0] == 0, first[2] + second[2]
    created, commented = server.posted()
    assert created["path"] == "/repos/opdc/website/issues"
    body = created["json"]["body"]
    assert body.startswith("@narong-opdc @piyada-opdc ")
    assert "1 ธันวาคม 2569" in body and "https://github.com/opdc/website/actions/runs/99" in body
    assert "สร้างเว็บไซต์โหมดเผยแพร่" in body and "[WP003]" in body
    assert "บรรทัด 99" in body and "บรรทัด 50\n" not in body  # the last lines only
    assert "\n````\n" in body  # the fence outgrows the log's own backticks
    assert commented["path"] == "/repos/opdc/website/issues/57/comments"  # the same issue, not a new one


def test_post_failure_exits_1_with_thai_message(tmp_repo, capsys, monkeypatch):
    with ForgeServer(fail_with=404) as server:
        for key, value in server.env().items():
            monkeypatch.setenv(key, value)
        code, _, err = run_cli(capsys, "notify", "publish-failed", "--run-url", "u", "--deploy-result", "failure",
                               "--post")
    assert code == 1 and "ส่งข้อความไม่สำเร็จ" in err and "Traceback" not in err


def test_a_day_github_skipped_is_still_announced(sample_repo, capsys, monkeypatch):
    """The last successful scheduled publish (recorded: 00:41 on 13 Dec 2569, Bangkok) was three
    days before this run: the job opening that went down on the 16th is named although the run of
    the 16th never happened."""
    with ForgeServer() as server:
        for key, value in server.env().items():
            monkeypatch.setenv(key, value)
        code, out, err = run_cli(capsys, "notify", "taken-down", "--since-last-run", "publish.yml",
                                 "--today", "2026-12-18", "--format", "json")
    assert code == 0, err
    (asked,) = server.requests
    assert asked["path"] == "/repos/opdc/website/actions/workflows/publish.yml/runs"
    assert asked["query"] == {"event": "schedule", "status": "success", "per_page": "1"}
    paths = [i["path"] for i in json.loads(out)["items"]]
    assert JOB in paths  # down since the 16th
    with ForgeServer(runs={"total_count": 0, "workflow_runs": []}) as server:
        for key, value in server.env().items():
            monkeypatch.setenv(key, value)
        code, out, err = run_cli(capsys, "notify", "taken-down", "--since-last-run", "publish.yml",
                                 "--today", "2026-12-18", "--format", "json")
    assert code == 0 and JOB not in [i["path"] for i in json.loads(out)["items"]]  # only since yesterday


def test_previous_publish_day_is_the_bangkok_day_and_bounded():
    today = dt.date(2026, 12, 18)
    assert notify.previous_publish_day({"run_started_at": "2026-12-12T17:41:07Z"}, today) == dt.date(2026, 12, 13)
    assert notify.previous_publish_day({"run_started_at": "2026-12-12T16:59:00Z"}, today) == dt.date(2026, 12, 12)
    assert notify.previous_publish_day(None, today) == dt.date(2026, 12, 17)
    assert notify.previous_publish_day({"created_at": "nonsense"}, today) == dt.date(2026, 12, 17)
    assert notify.previous_publish_day({"created_at": "2025-01-01T00:00:00Z"}, today) == dt.date(2026, 11, 17)


def test_calendar_published_notice_posts_nothing_when_nothing_came_up(sample_repo, capsys, monkeypatch):
    with ForgeServer() as server:
        for key, value in server.env().items():
            monkeypatch.setenv(key, value)
        code, out, err = run_cli(capsys, "notify", "published", "--today", "2026-12-01", "--post")
    assert code == 0 and "ไม่มีรายการใหม่ขึ้นเว็บไซต์" in out and "ไม่มีรายการที่ต้องแจ้ง" in err
    assert server.posted() == []


def test_failed_step_names_the_first_failure():
    ok = {"outcome": "success", "conclusion": "success"}
    assert notify.failed_step({"checkout": ok, "install": {"outcome": "failure", "conclusion": "failure"},
                               "build": {"outcome": "skipped", "conclusion": "skipped"}}) == "install"
    assert notify.failed_step({"build": ok}, "failure") == "deploy"
    assert notify.failed_step({"build": ok}, "success", "failure") == "notify"
    assert notify.failed_step({}, "skipped") == ""
