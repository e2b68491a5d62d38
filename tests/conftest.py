"""Shared fixtures: real temporary repositories built from this project's schema."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent

VALID_PAGE = """---
title: ประวัติความเป็นมาของสำนักงาน
category: "1.1"
topic: history
owner:
  division: secretariat
  officer: jintana.k
published: 2024-01-15
---

## ความเป็นมา

สำนักงานคณะกรรมการพัฒนาระบบราชการก่อตั้งขึ้นเพื่อพัฒนาระบบราชการไทย
"""


def copy_project(dest: Path, with_content: bool) -> Path:
    for name in ("schema", "overrides"):
        if (PROJECT / name).exists():
            shutil.copytree(PROJECT / name, dest / name)
    for name in ("mkdocs.yml",):
        if (PROJECT / name).exists():
            shutil.copy2(PROJECT / name, dest / name)
    if with_content:
        shutil.copytree(PROJECT / "content", dest / "content")
    else:
        (dest / "content").mkdir()
    return dest


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True,
        env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
             "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
             "PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(repo)},
    ).stdout


@pytest.fixture
def tmp_repo(tmp_path, monkeypatch) -> Path:
    """An empty-content agency repository (schema, mkdocs.yml, overrides) as cwd, git-initialised."""
    repo = copy_project(tmp_path / "repo", with_content=False)
    git(repo, "init", "-q", "-b", "main")
    monkeypatch.chdir(repo)
    return repo


@pytest.fixture
def sample_repo(tmp_path, monkeypatch) -> Path:
    """A copy of the shipped sample site as cwd, git-initialised and committed."""
    repo = copy_project(tmp_path / "repo", with_content=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "sample")
    monkeypatch.chdir(repo)
    return repo


def write(repo: Path, rel: str, text: str | bytes) -> Path:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """Call the real CLI entry point in-process; returns (exit code, stdout, stderr)."""
    from webpub.cli import main

    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# Real headless Chromium (Debian's, never a test tool's download), launched the way this
# closed network needs: without the background-networking flags Chromium keeps trying hosts
# it cannot reach. One definition for every browser test.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        chromium = play.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# axe-core from npm (tests/npm/axe: package.json + package-lock.json with integrity hashes),
# installed with `npm ci` once and kept in that folder (node_modules is git-ignored).
AXE_DIR = PROJECT / "tests" / "npm" / "axe"


@pytest.fixture(scope="session")
def axe_js() -> Path:
    """The path of axe.min.js, installed from the lock when missing or older than the lock."""
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    lock = AXE_DIR / "package-lock.json"
    if not script.is_file() or script.stat().st_mtime < lock.stat().st_mtime:
        done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=AXE_DIR,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"npm ci in {AXE_DIR} failed:\n{done.stdout}\n{done.stderr}"
        script.touch()
    return script


def run_axe(page, axe: Path) -> list[dict]:
    """axe-core's serious and critical violations on the page, with where they are."""
    page.add_script_tag(path=str(axe))
    violations = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
                               ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
                               " target: v.nodes[0].target})))")
    return [v for v in violations if v["impact"] in ("serious", "critical")]
