"""The calendar's publish, step by step as publish.yml runs it, with real git and the real CLI.

A bare repository plays "origin". The scheduled run checks out its default branch (never
another branch), builds in publish mode at a given ``--today``, and tells the owners with
addresses the built site really serves; a failed build opens one issue for the webmasters
with the failing step, the run's address and the build's last lines (posted over real HTTP
to a local server answering with recorded GitHub payloads).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from conftest import PROJECT, copy_project, git, write
from forge_server import ForgeServer

WEBPUB = str(Path(sys.executable).parent / "webpub")
SITE = "https://www.opdc.go.th/"
TODAY = "2026-12-01"


def webpub(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "WEBPUB_TRUST_REF": "HEAD", **(env or {})}  # as publish.yml sets it
    full_env.pop("WEBPUB_DEBUG", None)
    return subprocess.run([WEBPUB, *args], cwd=cwd, capture_output=True, text=True, env=full_env, timeout=600)


@pytest.fixture
def origin(tmp_path) -> dict:
    """origin.git: main = schema (commit 1) + the sample content (commit 2); a branch with a broken page."""
    seed = copy_project(tmp_path / "seed", with_content=False)
    git(seed, "init", "-q", "-b", "main")
    git(seed, "add", "-A")
    git(seed, "commit", "-qm", "schema")
    first = git(seed, "rev-parse", "HEAD").strip()
    shutil.rmtree(seed / "content")
    shutil.copytree(PROJECT / "content", seed / "content")
    git(seed, "add", "-A")
    git(seed, "commit", "-qm", "sample content")
    git(seed, "switch", "-q", "-c", "officer/broken")
    write(seed, "content/news/2026-11-30-broken.md", "---\ntitle: [ไม่ปิดวงเล็บ\n---\nข้อความ\n")
    git(seed, "add", "-A")
    git(seed, "commit", "-qm", "a broken page on a branch")
    git(seed, "switch", "-q", "main")
    bare = tmp_path / "origin.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(seed), str(bare)], check=True)
    return {"bare": bare, "seed": seed, "first": first}


def checkout_default_branch(bare: Path, dest: Path) -> Path:
    """What actions/checkout does with ref: <default branch>: the remote HEAD's branch."""
    subprocess.run(["git", "clone", "-q", str(bare), str(dest)], check=True)
    assert git(dest, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    return dest


def site_file(site: Path, url: str) -> Path:
    assert url.startswith(SITE), url
    return site / urllib.parse.unquote(url[len(SITE):]) / "index.html"


def test_scheduled_build_from_the_default_branch_and_owners_addresses(origin, tmp_path):
    work = checkout_default_branch(origin["bare"], tmp_path / "run")
    built = webpub(work, "build", "--mode", "publish", "--site-dir", "site", "--today", TODAY)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert not (work / "content/news/2026-11-30-broken.md").exists()  # the other branch never enters
    # The owners' notice after this publish: every item it names is served at that address.
    told = webpub(work, "notify", "published", "--base", origin["first"], "--today", TODAY, "--format", "json")
    assert told.returncode == 0, told.stderr
    items = json.loads(told.stdout)["items"]
    assert len(items) > 20
    for item in items:
        assert site_file(work / "site", item["url"]).is_file(), item["url"]
        assert site_file(work / "site", item["form_url"]).is_file(), item["form_url"]
    # The next morning's run tells the owners of what the calendar took down.
    down = webpub(work, "notify", "taken-down", "--today", "2026-12-16", "--format", "json")
    assert down.returncode == 0, down.stderr
    gone = {i["path"]: i for i in json.loads(down.stdout)["items"]}
    job = gone["content/news/2026-11-18-job-opening-computer-officer.md"]
    assert job["logins"] == ["jintana-opdc", "pranee-opdc"] and job["since_th"] == "16 ธันวาคม 2569"


def test_a_failed_scheduled_build_opens_one_issue_for_the_webmasters(origin, tmp_path):
    seed = origin["seed"]
    config = seed / "mkdocs.yml"  # a maintainer's slip reaches main: the site cannot be built
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material", "  name: no-such-theme"),
                      encoding="utf-8")
    git(seed, "commit", "-qam", "a theme that does not exist")
    subprocess.run(["git", "push", "-q", str(origin["bare"]), "main"], cwd=seed, check=True)
    work = checkout_default_branch(origin["bare"], tmp_path / "run")
    built = webpub(work, "build", "--mode", "publish", "--site-dir", "site", "--today", TODAY)
    assert built.returncode == 1
    log = (built.stdout + built.stderr).splitlines()[-40:]  # the step "why": tail -n 40 of the build log
    steps = {name: {"outputs": {}, "outcome": "success", "conclusion": "success"} for name in ("checkout", "python", "install")}
    steps["build"] = {"outputs": {}, "outcome": "failure", "conclusion": "failure"}
    run_url = "https://github.com/opdc/website/actions/runs/4242"
    with ForgeServer() as server:
        for _ in range(2):  # the next day's failure comments on the same issue
            told = webpub(work, "notify", "publish-failed", "--steps-json", json.dumps(steps), "--deploy-result", "skipped",
                          "--run-url", run_url, "--log", "\n".join(log), "--event", "schedule", "--post", env=server.env())
            assert told.returncode == 0, told.stderr
    created, commented = server.posted()
    assert created["json"]["labels"] == ["webpub-publish-failed"]
    assert created["json"]["title"] == "[webpub] เผยแพร่เว็บไซต์ไม่สำเร็จ"
    body = created["json"]["body"]
    assert body.startswith("@narong-opdc @piyada-opdc การเผยแพร่เว็บไซต์ตามกำหนดการรายวัน")
    assert run_url in body and "สร้างเว็บไซต์โหมดเผยแพร่" in body
    assert "สร้างเว็บไซต์ไม่สำเร็จ" in body and "no-such-theme" in body  # the build's own last lines
    assert commented["path"] == "/repos/opdc/website/issues/57/comments"
