"""The locks in requirements/ are current with pyproject.toml, hashed, and what gets installed.

Re-resolving needs the network, so currency is checked structurally: every requirement
pyproject.toml names is pinned (``==``, inside its range) in each lock that must hold it,
every pin carries hashes, the smaller locks agree with test.txt, and the environment
running these tests is exactly test.txt (scripts/bootstrap.sh installed it). When this
fails after an edit of pyproject.toml, run ``bash scripts/lock.sh``.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import PROJECT, copy_project

REQ = PROJECT / "requirements"
PYPROJECT = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
SITE_MODULES = ("mkdocs", "material", "pythainlp", "nlpo3")

# which lock must hold which part of pyproject.toml
LOCKS = {
    "check": (),
    "runtime": ("site",),
    "lint": ("lint",),
    "test": ("test", "site", "lint"),
}


def parse_lock(path: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) of a ``uv pip compile --generate-hashes`` file."""
    entries: dict[str, tuple[str, list[str]]] = {}
    text = path.read_text(encoding="utf-8")
    for block in re.split(r"\n(?=\S)", text):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip() and not ln.strip().startswith("#")]
        if not lines:
            continue
        head = lines[0].rstrip("\\ ").strip()
        m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", head)
        assert m, f"{path.name}: not an exact pin: {head!r}"
        hashes = [h for ln in lines[1:] for h in re.findall(r"--hash=sha256:([0-9a-f]{64})", ln)]
        assert all(ln.startswith("--hash=sha256:") for ln in lines[1:]), f"{path.name}: {head}: stray line"
        name = canonicalize_name(m.group(1))
        assert name not in entries, f"{path.name}: {name} pinned twice"
        entries[name] = (m.group(2), hashes)
    return entries


def requirements_for(extras: tuple[str, ...]) -> list[Requirement]:
    reqs = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
    reqs += [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]
    for extra in extras:
        for r in PYPROJECT["project"]["optional-dependencies"][extra]:
            req = Requirement(r)
            if canonicalize_name(req.name) != "webpub":  # the self-reference naming other extras
                reqs.append(req)
    return reqs


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_requirement_is_pinned_in_range_with_hashes(lock):
    entries = parse_lock(REQ / f"{lock}.txt")
    assert entries, f"{lock}.txt is empty"
    for name, (version, hashes) in entries.items():
        assert hashes, f"{lock}.txt: {name}=={version} has no --hash"
    for req in requirements_for(LOCKS[lock]):
        name = canonicalize_name(req.name)
        assert name in entries, f"{req} (pyproject.toml) is not in requirements/{lock}.txt: bash scripts/lock.sh"
        version = entries[name][0]
        assert req.specifier.contains(version, prereleases=True), (
            f"requirements/{lock}.txt pins {name}=={version}, outside {req}: bash scripts/lock.sh")


def test_the_site_generator_stays_out_of_the_check_lock():
    check = parse_lock(REQ / "check.txt")
    for name in ("mkdocs", "mkdocs-material", "pythainlp", "nlpo3", "pytest", "pre-commit", "playwright"):
        assert name not in check, f"{name} in requirements/check.txt: pre-commit and check-only jobs would install it"


@pytest.mark.parametrize("lock", ["check", "runtime", "lint"])
def test_smaller_locks_agree_with_the_test_lock(lock):
    test = parse_lock(REQ / "test.txt")
    for name, (version, hashes) in parse_lock(REQ / f"{lock}.txt").items():
        assert name in test, f"{name} is in {lock}.txt but not in test.txt"
        assert test[name] == (version, hashes), f"{name}: {lock}.txt and test.txt disagree"


def test_the_lock_tool_is_pinned_with_hashes():
    entries = parse_lock(REQ / "uv.txt")
    assert list(entries) == ["uv"] and entries["uv"][1]
    script = (PROJECT / "scripts" / "lock.sh").read_text(encoding="utf-8")
    assert "--require-hashes" in script and "requirements/uv.txt" in script and "--generate-hashes" in script


def test_this_environment_is_exactly_the_test_lock():
    """scripts/bootstrap.sh installed requirements/test.txt and nothing else (CI runs these
    tests in that environment, so a package missing from the lock fails here)."""
    locked = {name: version for name, (version, _) in parse_lock(REQ / "test.txt").items()}
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    extra = sorted(set(installed) - set(locked) - {"pip", "webpub"})
    assert not extra, f"installed but not in requirements/test.txt: {extra} (bash scripts/bootstrap.sh)"
    missing = sorted(set(locked) - set(installed))
    assert not missing, f"in requirements/test.txt but not installed: {missing} (bash scripts/bootstrap.sh)"
    wrong = {n: (installed[n], v) for n, v in locked.items() if installed[n] != v}
    assert not wrong, f"installed version differs from the lock: {wrong}"


def _install_commands() -> list[tuple[str, str, str]]:
    """(workflow, job, run text) for every step that runs pip install."""
    found = []
    for path in sorted((PROJECT / ".github" / "workflows").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job_id, job in data["jobs"].items():
            for step in job.get("steps", []):
                run = step.get("run", "")
                if "pip install" in run or "pip3 install" in run:
                    found.append((path.name, job_id, run))
    return found


def test_every_workflow_install_uses_a_lock_with_hashes():
    commands = _install_commands()
    assert commands
    for workflow, job, run in commands:
        pieces = [p.strip() for p in re.split(r"&&|\n", run) if "pip install" in p]
        assert len(pieces) == 2, f"{workflow} {job}: one locked install, then webpub: {run!r}"
        locked, own = pieces
        assert "--require-hashes" in locked and "--no-deps" in locked, f"{workflow} {job}: {locked}"
        lock = re.search(r"-r requirements/(\w+)\.txt", locked)
        assert lock and lock.group(1) in LOCKS, f"{workflow} {job}: {locked}"
        assert own.split()[-1] == "." and "--no-deps" in own and "--no-build-isolation" in own, (
            f"{workflow} {job}: webpub itself must install with --no-deps --no-build-isolation: {own}")
        assert "-e" not in own.split(), f"{workflow} {job}: workflows install webpub non-editable"


def test_jobs_holding_secrets_install_from_a_lock():
    for path in sorted((PROJECT / ".github" / "workflows").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        for job_id, job in data["jobs"].items():
            body = yaml.safe_dump(job)
            if "secrets." not in body and "github.token" not in body:
                continue
            runs = [s.get("run", "") for s in job.get("steps", [])]
            uses_python = any(re.search(r"\bwebpub\b", r) for r in runs)
            if uses_python:
                assert any("--require-hashes" in r for r in runs), f"{path.name} {job_id} runs webpub without a locked install"


def test_no_import_error_guards_a_module_of_this_package():
    """A module of webpub is either there or the install is broken: never a silent fallback."""
    offenders = []
    for path in [*(PROJECT / "scripts" / "webpub").rglob("*.py"), *(PROJECT / "hooks").glob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Try):
                continue
            caught = {ast.unparse(h.type) for h in node.handlers if h.type is not None}
            if not caught & {"ImportError", "ModuleNotFoundError"}:
                continue
            for inner in node.body:
                for sub in ast.walk(inner):
                    module = sub.module if isinstance(sub, ast.ImportFrom) else None
                    names = [a.name for a in sub.names] if isinstance(sub, ast.Import) else []
                    if (module and module.startswith("webpub")) or any(n.startswith("webpub") for n in names):
                        offenders.append(f"{path.relative_to(PROJECT)}:{node.lineno}")
    assert not offenders, offenders


def test_check_does_not_import_the_site_generator(tmp_path):
    """pre-commit installs only the core dependencies, so `webpub check` must never import
    MkDocs, Material or the Thai segmenter."""
    repo = copy_project(tmp_path / "repo", with_content=True)
    code = (
        "import sys\n"
        "from webpub.cli import main\n"
        "rc = main(['check', '--jobs', '1', '--no-cache'])\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {SITE_MODULES!r})\n"
        "print('LOADED', loaded)\n"
        "sys.exit(rc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "LOADED []" in done.stdout, done.stdout[-500:]


def test_precommit_hook_installs_only_the_core():
    hooks = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "webpub-check")
    assert not hook.get("additional_dependencies"), "the hook installs webpub's core dependencies only"
    core = {canonicalize_name(Requirement(r).name) for r in PYPROJECT["project"]["dependencies"]}
    assert not core & {"mkdocs", "mkdocs-material", "pythainlp", "nlpo3"}
