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


def published_hook_repo(dest: Path) -> tuple[Path, str]:
    """This working tree's package as a git repository another agency's config can name
    (what `pre-commit try-repo` does with uncommitted changes, kept so the environment
    pre-commit builds stays in PRE_COMMIT_HOME and can be inspected)."""
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT / name, dest / name)
    shutil.copytree(PROJECT / "scripts" / "webpub", dest / "scripts" / "webpub",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "webpub")
    return dest, git(dest, "rev-parse", "HEAD").strip()


def test_other_agency_repo_uses_the_published_hook(tmp_path):
    """`.pre-commit-hooks.yaml` as another agency sees it: pre-commit installs webpub
    into its own environment (only the core dependencies) and the rules come from the
    agency repository's own schema/."""
    hook_repo, rev = published_hook_repo(tmp_path / "webpub-src")
    repo = copy_project(tmp_path / "other-agency", with_content=False)
    (repo / "content" / "about").mkdir(parents=True)
    (repo / "content" / "about" / "history.md").write_text(VALID_PAGE, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: webpub-check\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    good = precommit(repo, "run", "--all-files")
    assert good.returncode == 0, good.stdout + good.stderr
    assert_core_only_environment(repo, tmp_path / "pre-commit-cache")
    (repo / "content" / "about" / "bad.md").write_text("no frontmatter\n", encoding="utf-8")
    git(repo, "add", "-A")
    bad = precommit(repo, "run", "--all-files")
    assert bad.returncode == 1 and "WP003" in bad.stdout

def assert_core_only_environment(repo: Path, home: Path) -> None:
    """The hook's environment has webpub's core dependencies and not the site generator
    (the "site" extra); `webpub build` there says what to install instead of crashing."""
    envs = sorted(home.glob("repo*/py_env-*"))
    assert len(envs) == 1, envs
    installed = {p.name.split("-")[0].lower() for p in envs[0].rglob("site-packages/*.dist-info")}
    assert {"pymdown_extensions", "cryptography", "pypdf", "webpub"} <= installed, installed
    assert "frictionless" not in installed, installed  # the CSV rule is stdlib code (opendata/csvcheck.py)
    assert not installed & {"pikepdf", "pillow", "lxml"}, installed  # PDFs are read with pypdf
    assert not installed & {"mkdocs", "mkdocs_material", "pythainlp", "nlpo3"}, installed
    build = subprocess.run([str(envs[0] / "bin" / "webpub"), "build", "--site-dir", str(repo.parent / "site")],
                           cwd=repo, capture_output=True, text=True, timeout=120)
    assert build.returncode == 2, build.stdout + build.stderr
    assert "คำสั่ง build ต้องใช้ส่วนสร้างเว็บไซต์" in build.stderr and "Traceback" not in build.stderr
