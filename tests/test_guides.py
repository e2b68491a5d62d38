"""The role guides' commands really work: every ```bash title="tested"``` block is run.

The officer, reviewer and webmaster guides run in that order on one repository (the
story of one item); the maintainer guide runs on a fresh one. ``HOME`` is a temporary
folder whose ``~/.ssh/id_ed25519`` is registered for the approvers (on real machines
each person has their own key).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


from approvals_kit import keygen, public_key
from conftest import PROJECT, copy_project, git

GUIDES = PROJECT / "docs" / "guides"
BLOCK = re.compile(r'```bash title="tested"\n(.*?)```', re.S)


def blocks(name: str) -> list[str]:
    found = BLOCK.findall((GUIDES / name).read_text(encoding="utf-8"))
    assert found, f"{name} has no tested command block"
    return found


def environment(tmp_path: Path) -> dict:
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True, exist_ok=True)
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    return {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(home), "TMPDIR": str(work),
        "LANG": "C.UTF-8", "GIT_AUTHOR_NAME": "officer", "GIT_AUTHOR_EMAIL": "officer@example.org",
        "GIT_COMMITTER_NAME": "officer", "GIT_COMMITTER_EMAIL": "officer@example.org",
    }


def run_blocks(repo: Path, env: dict, name: str, extra_env: dict | None = None) -> str:
    script = "set -euo pipefail\n" + "\n".join(blocks(name))
    done = subprocess.run(["bash", "-c", script], cwd=repo, env={**env, **(extra_env or {})},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{name}:\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stdout + done.stderr
    return done.stdout


def new_repo(tmp_path: Path) -> Path:
    repo = copy_project(tmp_path / "repo", with_content=False)
    git(repo, "init", "-q", "-b", "main")
    return repo


def test_officer_reviewer_webmaster_story(tmp_path):
    repo = new_repo(tmp_path)
    env = environment(tmp_path)
    key = keygen(Path(env["HOME"]) / ".ssh", "id_ed25519")
    (repo / "schema" / "allowed_signers").write_text(
        f'wichai.k,malee.c,narong.b namespaces="webpub-approval" {public_key(key)}\n', encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "agency repository")

    out = run_blocks(repo, env, "officer.md")
    assert "ผ่าน" in out and "sha256:" in out
    item = git(repo, "diff", "--name-only", "main...HEAD").strip()
    assert item.startswith("content/news/")

    out = run_blocks(repo, env, "reviewer.md", {"ITEM": item})
    assert "ผู้ดูแลเว็บไซต์ (webmaster)" in out

    out = run_blocks(repo, env, "webmaster.md", {"ITEM": item})
    assert "ผ่าน  " + item in out
    site = Path(env["TMPDIR"]) / "site-publish"
    assert any("การรับฟังความคิดเห็นร่างแผนยุทธศาสตร์" in p.read_text(encoding="utf-8")
               for p in (site / "news").rglob("index.html"))
    assert (Path(env["TMPDIR"]) / "form.html").read_text(encoding="utf-8").count("SHA256:") == 3

    out = run_blocks(repo, env, "auditor.md", {"ITEM": item})
    lines = [ln for ln in out.splitlines() if ln.startswith("sha256:")]
    assert len(lines) == 2 and lines[0] == lines[1]


def test_maintainer_setup(tmp_path):
    repo = new_repo(tmp_path)
    (repo / "schema" / "allowed_signers").unlink(missing_ok=True)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "new agency")
    env = environment(tmp_path)
    out = run_blocks(repo, env, "maintainer.md")
    assert "SHA256:" in out
    signers = (repo / "schema" / "allowed_signers").read_text(encoding="utf-8")
    assert signers.count('namespaces="webpub-approval"') == 2 and "PRIVATE" not in signers
    assert (repo / ".github" / "CODEOWNERS").is_file()
    assert "ลงทะเบียนกุญแจ" in git(repo, "log", "-1", "--format=%s")
