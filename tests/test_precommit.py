"""pre-commit runs `webpub check` on staged content: passes on good pages, fails on a broken one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT, VALID_PAGE, copy_project, git

VENV_BIN = str(Path(sys.executable).parent)


def precommit(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": f"{VENV_BIN}:/usr/bin:/bin:/usr/local/bin",
        "HOME": str(repo.parent),
        "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-cache"),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run([os.path.join(VENV_BIN, "pre-commit"), *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=300)


def make_clone(tmp_path: Path) -> Path:
    repo = copy_project(tmp_path / "agency", with_content=True)
    for name in (".pre-commit-config.yaml",):
        shutil.copy2(PROJECT / name, repo / name)
    (repo / "scripts").mkdir()
    shutil.copy2(PROJECT / "scripts" / "precommit-check.sh", repo / "scripts" / "precommit-check.sh")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "sample")
    return repo


def test_precommit_passes_on_sample_and_fails_on_broken_page(tmp_path):
    repo = make_clone(tmp_path)
    ok = precommit(repo, "run", "--all-files")
    assert ok.returncode == 0, ok.stdout + ok.stderr

    broken = repo / "content" / "about" / "broken.md"
    broken.write_text(VALID_PAGE.replace('category: "1.1"\n', 'category: "1.1"\ncategory: "3.1"\n'),
                      encoding="utf-8")
    before = broken.read_bytes()
    git(repo, "add", "content/about/broken.md")
    bad = precommit(repo, "run")
    assert bad.returncode == 1
    assert "content/about/broken.md" in bad.stdout and "WP004" in bad.stdout
    assert broken.read_bytes() == before


def test_precommit_hook_manifest_points_at_webpub_check():
    import yaml

    hooks = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "webpub-check")
    assert hook["entry"].startswith("webpub check") and hook["language"] == "python"
    assert hook["files"] == "^content/"


def test_other_agency_repo_uses_the_published_hook(tmp_path):
    """`.pre-commit-hooks.yaml` as another agency sees it: pre-commit installs webpub
    into its own environment (from this repository, via try-repo) and the rules come
    from the agency repository's own schema/."""
    repo = copy_project(tmp_path / "other-agency", with_content=False)
    (repo / "content" / "about").mkdir(parents=True)
    (repo / "content" / "about" / "history.md").write_text(VALID_PAGE, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    good = precommit(repo, "try-repo", str(PROJECT), "webpub-check", "--all-files")
    assert good.returncode == 0, good.stdout + good.stderr
    (repo / "content" / "about" / "bad.md").write_text("no frontmatter\n", encoding="utf-8")
    git(repo, "add", "-A")
    bad = precommit(repo, "try-repo", str(PROJECT), "webpub-check", "--all-files")
    assert bad.returncode == 1 and "WP003" in bad.stdout
