"""The daily monitoring workflow: schedule, least privilege, pinned actions, no inline expressions."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT

WORKFLOW = PROJECT / ".github" / "workflows" / "monitor.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_runs_daily_at_0030_bangkok(workflow):
    assert workflow["on"]["schedule"] == [{"cron": "30 17 * * *"}]
    assert "workflow_dispatch" in workflow["on"]


def test_least_privilege(workflow):
    assert workflow["permissions"] == {}
    allowed = {"contents": {"read", "write"}, "pull-requests": {"write"}, "issues": {"write"}}
    for name, job in workflow["jobs"].items():
        assert job["permissions"], name
        for scope, level in job["permissions"].items():
            assert level in allowed[scope], (name, scope)
    assert workflow["jobs"]["report"]["permissions"] == {"contents": "read"}


def test_actions_pinned_by_sha_and_checkout_keeps_no_credentials(workflow):
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for ref, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), ref
        assert re.search(r"#\s*v\d", comment), ref
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_expressions_reach_shell_only_through_env(workflow):
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), step.get("name")


def test_zizmor_finds_nothing():
    beside_python = Path(sys.executable).parent / "zizmor"
    zizmor = str(beside_python) if beside_python.exists() else shutil.which("zizmor")
    assert zizmor, "zizmor is in requirements/test.txt (the lint extra): bash scripts/bootstrap.sh"
    result = subprocess.run([zizmor, "--offline", "--persona", "pedantic", str(WORKFLOW)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_takedown_pr_is_opened_with_publish_token_not_the_workflow_token(workflow):
    """"Allow GitHub Actions to create and approve pull requests" stays off (docs agree): the
    take-down PR is opened with PUBLISH_TOKEN, so its checks (the approval gate) run."""
    job = workflow["jobs"]["takedown"]
    assert job["environment"] == "publish"
    assert job["permissions"] == {"contents": "read"}
    opener = next(s for s in job["steps"] if "gh pr create" in s.get("run", ""))
    assert opener["env"]["GH_TOKEN"] == "${{ secrets.PUBLISH_TOKEN }}"
    assert "ถอด" not in WORKFLOW.read_text(encoding="utf-8")  # the guideline's word: นำลงจากเว็บไซต์
