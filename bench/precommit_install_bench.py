#!/usr/bin/env python3
"""Benchmark the pre-commit hook's first install: an older webpub against this one, same run.

    python bench/precommit_install_bench.py --before REF [--after HEAD] [--pip-cache fresh|shared|both]
                                            [--repeat N]

What another agency pays the first time its `pre-commit` runs webpub's hook: pre-commit
creates an environment and pip installs webpub with its dependencies, then the hook
checks the content. Each measurement uses a new, empty PRE_COMMIT_HOME, on a copy of
this repository's schema/ and content/ whose .pre-commit-config.yaml names this repository
at REF (as another agency's would name the published one), then `pre-commit run
--all-files`. The second run (environment already there) is timed too, so
install = first - second. (`pre-commit try-repo` would not do: it makes a new store every
time.)

pip's cache: "fresh" gives every run its own empty cache (every wheel downloaded);
"shared" warms one cache with an untimed run of each ref first, then times (what a
developer who has installed Python packages before sees). Goal (issue 12): the first
install at least 3x faster than before the core/extras split. Prints figures; asserts
nothing. Results also go to bench-out/precommit_install.json.

On a shared, loaded machine one install varies by tens of seconds (index requests,
other jobs): ``--repeat N`` measures each ref N times, alternating which goes first,
and reports the medians (each run's figures are in the JSON).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or "pre-commit"


def agency_repo(dest: Path) -> Path:
    for name in ("schema", "content"):
        shutil.copytree(PROJECT / name, dest / name)
    shutil.copy2(PROJECT / "mkdocs.yml", dest / "mkdocs.yml")
    git_env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
               "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org"}
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=dest, check=True)
    subprocess.run(["git", "add", "-A"], cwd=dest, check=True, env=git_env)
    return dest


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_hook(repo: Path, ref: str, home: Path, pip_cache: Path) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds (pre-commit, pip and every process they waited for), exit, output."""
    config = repo.parent / f"config-{ref}.yaml"
    config.write_text(f"repos:\n  - repo: {PROJECT}\n    rev: {ref}\n    hooks:\n      - id: webpub-check\n",
                      encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PIP_CACHE_DIR": str(pip_cache),
           "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '/usr/bin:/bin')}"}
    start, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run([PRE_COMMIT, "run", "--config", str(config), "--all-files"],
                          cwd=repo, env=env, capture_output=True, text=True)
    return (time.perf_counter() - start, _children_cpu() - cpu, done.returncode,
            (done.stdout + done.stderr)[-1500:])


def env_size(home: Path) -> tuple[int, float]:
    """Distributions and megabytes in the environment pre-commit made."""
    dists = list(home.rglob("site-packages/*.dist-info"))
    size = sum(p.stat().st_size for p in home.rglob("*") if p.is_file())
    return len(dists), size / 1e6


def measure(work: Path, label: str, ref: str, cache: Path, repo: Path) -> dict:
    home = work / f"home-{label}-{cache.name}"
    first, first_cpu, rc, tail = timed_hook(repo, ref, home, cache)
    if rc != 0:
        print(f"{label}: the hook failed (exit {rc}):\n{tail}", file=sys.stderr)
    second, second_cpu, _, _ = timed_hook(repo, ref, home, cache)
    dists, megabytes = env_size(home)
    shutil.rmtree(home, ignore_errors=True)
    return {"ref": ref, "first_s": round(first, 1), "second_s": round(second, 1),
            "install_s": round(first - second, 1), "install_cpu_s": round(first_cpu - second_cpu, 1),
            "exit": rc, "distributions": dists, "env_mb": round(megabytes)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the older commit (e.g. the one before the split)")
    parser.add_argument("--after", default="HEAD")
    parser.add_argument("--pip-cache", choices=("fresh", "shared", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=1, help="runs per ref and cache mode (medians)")
    parser.add_argument("--out", default=str(PROJECT / "bench-out" / "precommit_install.json"))
    args = parser.parse_args()
    refs = {}
    for label, ref in (("before", args.before), ("after", args.after)):
        refs[label] = subprocess.run(["git", "rev-parse", ref], cwd=PROJECT, check=True,
                                     capture_output=True, text=True).stdout.strip()
    runs: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="webpub-precommit-bench-") as tmp:
        work = Path(tmp)
        repo = agency_repo(work / "agency")
        for n in range(args.repeat):
            order = list(refs.items()) if n % 2 == 0 else list(refs.items())[::-1]
            if args.pip_cache in ("fresh", "both"):
                for label, ref in order:
                    cache = work / f"pip-fresh-{label}"
                    runs.setdefault(f"{label}/fresh pip cache", []).append(measure(work, label, ref, cache, repo))
                    shutil.rmtree(cache, ignore_errors=True)
            if args.pip_cache in ("shared", "both"):
                cache = work / "pip-shared"
                if n == 0:
                    for label, ref in refs.items():  # warm the cache, untimed
                        timed_hook(repo, ref, work / f"warm-{label}", cache)
                        shutil.rmtree(work / f"warm-{label}", ignore_errors=True)
                for label, ref in order:
                    runs.setdefault(f"{label}/shared pip cache", []).append(measure(work, label, ref, cache, repo))
    results: dict[str, dict] = {}
    for name, rows in runs.items():
        results[name] = {**rows[0], **{key: round(statistics.median(r[key] for r in rows), 1)
                                       for key in ("first_s", "second_s", "install_s", "install_cpu_s")},
                         "exit": max(r["exit"] for r in rows), "runs": len(rows)}
    print(f"medians of {args.repeat} run(s) per ref and cache mode")
    print(f"{'run':28} {'first':>8} {'second':>8} {'install':>8} {'inst CPU':>9} {'dists':>6} {'env MB':>7}")
    for name, r in results.items():
        print(f"{name:28} {r['first_s']:>7}s {r['second_s']:>7}s {r['install_s']:>7}s {r['install_cpu_s']:>8}s"
              f" {r['distributions']:>6} {r['env_mb']:>7}")
    for mode in ("fresh pip cache", "shared pip cache"):
        before, after = results.get(f"before/{mode}"), results.get(f"after/{mode}")
        if before and after and after["first_s"]:
            print(f"{mode}: first run {before['first_s'] / after['first_s']:.1f}x faster, install alone "
                  f"{before['install_s'] / max(after['install_s'], 0.1):.1f}x (CPU "
                  f"{before['install_cpu_s'] / max(after['install_cpu_s'], 0.1):.1f}x)")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"refs": refs, "results": results, "runs": runs}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
