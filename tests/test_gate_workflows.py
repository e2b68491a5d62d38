"""The GitHub adapter: workflows lint clean, least privilege, inputs only through env:, CODEOWNERS current."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, run_cli

WORKFLOWS = ("pr-checks.yml", "publish.yml", "monitor.yml", "decision.yml")
UNTRUSTED = re.compile(r"\$\{\{\s*github\.(event\.pull_request\.(title|body|head\.ref|head\.label)|head_ref)")


def load(name):
    return yaml.safe_load((PROJECT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def tool(name):
    found = shutil.which(name) or str(Path(__import__("sys").executable).parent / name)
    assert Path(found).exists(), f"{name} is in requirements/test.txt (the lint extra): bash scripts/bootstrap.sh"
    return found


@pytest.mark.parametrize("name", WORKFLOWS)
def test_actionlint_clean(name):
    done = subprocess.run([tool("actionlint"), str(PROJECT / ".github" / "workflows" / name)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_clean():
    paths = [str(PROJECT / ".github" / "workflows" / n) for n in WORKFLOWS]
    done = subprocess.run([tool("zizmor"), "--offline", "--min-severity", "informational", *paths], capture_output=True, text=True)
    assert done.returncode == 0 and "No findings" in done.stdout + done.stderr, done.stdout + done.stderr


@pytest.mark.parametrize("name", WORKFLOWS)
def test_least_privilege_and_env_only_inputs(name):
    data = load(name)
    assert data["permissions"] == {}
    for job_name, job in data["jobs"].items():
        assert "permissions" in job, job_name
        for step in job.get("steps", []):
            assert not UNTRUSTED.search(step.get("run", "")), f"{job_name}: untrusted input in run:"
            assert "${{" not in step.get("run", ""), f"{job_name}: expressions reach shell only through env:"


def test_pr_checks_cannot_write_or_see_secrets():
    text = (PROJECT / ".github" / "workflows" / "pr-checks.yml").read_text(encoding="utf-8")
    assert "secrets." not in text and "pull_request_target" not in text
    for job in load("pr-checks.yml")["jobs"].values():
        assert all(level in ("read", "none") for level in job["permissions"].values())


def test_publish_runs_default_branch_code_and_checks_the_actor():
    data = load("publish.yml")
    seal_steps = data["jobs"]["seal"]["steps"]
    checkout = next(s for s in seal_steps if str(s.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"
    seal = next(s for s in seal_steps if "webpub seal" in s.get("run", ""))
    assert "--actor-id" in seal["run"] and seal["env"]["ACTOR_ID"] == "${{ github.actor_id }}"
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads the key on: as True
    assert set(triggers) == {"pull_request_target", "workflow_dispatch", "schedule"}
    assert triggers["pull_request_target"]["types"] == ["labeled"]


def test_publish_follows_the_calendar_from_the_default_branch():
    data = load("publish.yml")
    triggers = data.get("on", data.get(True))
    assert triggers["schedule"] == [{"cron": "30 17 * * *"}]  # 00:30 Asia/Bangkok
    assert triggers["workflow_dispatch"]["inputs"]["pr"]["required"] is False  # empty: rebuild the default branch
    jobs = data["jobs"]
    assert "workflow_dispatch' && inputs.pr != ''" in jobs["seal"]["if"]
    assert "needs.seal.result == 'skipped'" in jobs["build"]["if"] and "pull_request_target" in jobs["build"]["if"]
    for name in ("build", "notify"):
        checkout = next(s for s in jobs[name]["steps"] if str(s.get("uses", "")).startswith("actions/checkout"))
        assert checkout["with"]["ref"] == "${{ needs.seal.outputs.sha || github.event.repository.default_branch }}"
    build = next(s for s in jobs["build"]["steps"] if s.get("id") == "build")
    assert "webpub build --mode publish" in build["run"]
    # Keys and roles from the commit built (the default branch), with its history (key validity in time).
    assert build["env"]["WEBPUB_TRUST_REF"] == "HEAD" and jobs["notify"]["env"]["WEBPUB_TRUST_REF"] == "HEAD"
    for name in ("build", "notify"):
        checkout = next(s for s in jobs[name]["steps"] if str(s.get("uses", "")).startswith("actions/checkout"))
        assert checkout["with"]["fetch-depth"] == 0
    assert jobs["deploy"]["needs"] == "build" and "needs.build.result == 'success'" in jobs["deploy"]["if"]


def test_a_failed_scheduled_publish_opens_an_issue_for_the_webmasters():
    data = load("publish.yml")
    failed = data["jobs"]["failed"]
    assert failed["needs"] == ["build", "deploy", "notify"]
    assert "failure()" in failed["if"] and "'schedule'" in failed["if"]
    assert failed["permissions"] == {"contents": "read", "issues": "write"}
    checkout = next(s for s in failed["steps"] if str(s.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"  # organization.yml there
    post = failed["steps"][-1]
    assert post["run"].lstrip().startswith("webpub notify publish-failed") and "--post" in post["run"]
    assert post["env"]["STEPS"] == "${{ needs.build.outputs.steps }}"
    assert post["env"]["BUILD_LOG"] == "${{ needs.build.outputs.log }}"
    assert data["jobs"]["build"]["outputs"]["steps"] == "${{ toJSON(steps) }}"


def test_owners_are_told_by_webpub_notify_not_a_placeholder():
    text = (PROJECT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert "<ที่อยู่หน้า>" not in text
    notify = load("publish.yml")["jobs"]["notify"]
    runs = [s.get("run", "") for s in notify["steps"]]
    assert any(r.startswith("webpub notify published") and "--post" in r for r in runs)
    assert sum(r.startswith("webpub notify taken-down") for r in runs) == 2  # the PR's and the calendar's
    assert notify["permissions"] == {"actions": "read", "contents": "read", "issues": "write", "pull-requests": "write"}
    calendar = [r for r in runs if "--since-last-run publish.yml" in r]  # a day GitHub skipped is still announced
    assert [r.split()[2] for r in calendar] == ["taken-down", "published"]


def test_workflow_steps_stay_short():
    """Logic lives in webpub (Python), not in shell: the new jobs' steps are a few lines."""
    jobs = load("publish.yml")["jobs"]
    for name in ("build", "deploy", "notify", "failed"):
        for step in jobs[name]["steps"]:
            assert len(step.get("run", "").strip().splitlines()) <= 3, (name, step.get("name"))


def test_pr_checks_judges_a_pr_on_what_it_changes():
    check = load("pr-checks.yml")["jobs"]["check"]
    checkout = check["steps"][0]
    assert checkout["with"]["fetch-depth"] >= 2
    run = next(s["run"] for s in check["steps"] if "webpub check" in s.get("run", ""))
    assert "--changed-since HEAD^1" in run


def test_zizmor_pedantic_on_publish():
    done = subprocess.run([tool("zizmor"), "--offline", "--persona", "pedantic",
                           str(PROJECT / ".github" / "workflows" / "publish.yml")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_codeowners_is_current(monkeypatch, capsys):
    monkeypatch.chdir(PROJECT)
    code, out, err = run_cli(capsys, "codeowners", "--check")
    assert code == 0, err


def test_codeowners_goes_stale_when_roles_change(tmp_repo, capsys):
    assert run_cli(capsys, "codeowners", "--write")[0] == 0
    assert run_cli(capsys, "codeowners", "--check")[0] == 0
    org = tmp_repo / "schema" / "organization.yml"
    org.write_text(org.read_text(encoding="utf-8").replace("maintainer: [tanawat.d]", "maintainer: [tanawat.d, narong.b]"), encoding="utf-8")
    code, _, err = run_cli(capsys, "codeowners", "--check")
    assert code == 1 and "webpub codeowners --write" in err
    text = run_cli(capsys, "codeowners")[1]
    assert "/schema/  @tanawat-opdc @narong-opdc" in text and "/content/  @malee-opdc" in text


def test_gate_job_runs_default_branch_code_and_reads_the_pr_as_data():
    steps = load("pr-checks.yml")["jobs"]["gate"]["steps"]
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"
    assert checkout["with"]["fetch-depth"] == 0 and checkout["with"]["persist-credentials"] is False
    runs = [s.get("run", "") for s in steps]
    install = next(i for i, r in enumerate(runs) if "pip install" in r)
    fetch = next(i for i, r in enumerate(runs) if "refs/pull/${PR_NUMBER}/head" in r)
    judge = next(i for i, r in enumerate(runs) if "webpub gate" in r)
    assert install < fetch < judge  # webpub is installed before any byte of the PR is fetched
    assert "git merge-base" in runs[judge] and '--base "${merge_base}"' in runs[judge]
    assert not any("checkout" in r or "pip install" in r for r in runs[fetch:])  # the PR is never installed or run
