#!/usr/bin/env python3
"""Benchmark `webpub verify` on N signed items (default 10,000) with both cores.

    python bench/verify_bench.py [--items 10000] [--out bench-out/verify]

Builds a repository of N items, each with a director, web-head and webmaster record
signed in-process (Ed25519 SSHSIG made with `cryptography`; one record is
cross-checked with `ssh-keygen -Y verify` so the fixture is honest). Prints:
the baseline (read every file and compute its content digest, one process), the
full verify with one process and with all cores, and their ratios. Goal (issue 4):
all cores <= 30 s for 10,000 items. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "bench"))
from signing import signed_page, signer_line  # noqa: E402
from webpub.approvals import records  # noqa: E402
from webpub.approvals.digest import content_digest, worktree_reader  # noqa: E402

SIGNERS = {"director": "wichai.k", "web_head": "malee.c", "webmaster": "narong.b"}


PAGE = """---
title: ประกาศทดสอบฉบับที่ {n}
category: "1.1"
owner:
  division: strategy
  officer: somchai.j
published: 2026-01-15
---

## รายละเอียด

ข้อความของประกาศฉบับที่ {n} สำหรับวัดความเร็วการตรวจลายมือชื่อ
"""


def build_repo(root: Path, items: int) -> tuple[Path, dict]:
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(PROJECT / "schema", root / "schema")
    keys = {person: Ed25519PrivateKey.generate() for person in SIGNERS.values()}
    lines = [signer_line(p, k) for p, k in keys.items()]
    (root / "schema" / "allowed_signers").write_text("\n".join(lines) + "\n", encoding="utf-8")
    reader = worktree_reader(root)
    for n in range(items):
        rel = f"content/bench/{n // 1000:02d}/item-{n:05d}.md"
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(signed_page(rel, PAGE.format(n=n).encode(), SIGNERS, keys, "2026-01-20T10:00:00+07:00", reader))
    return root, keys


def cross_check(root: Path) -> bool:
    from webpub.approvals.writer import current_records
    rel = "content/bench/00/item-00000.md"
    record = current_records((root / rel).read_bytes())[0]
    sig = root / "one.sig"
    sig.write_text(record["sig"] + "\n")
    done = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(root / "schema" / "allowed_signers"), "-I",
                           record["person"], "-n", "webpub-approval", "-s", str(sig)],
                          input=records.message(record, rel), capture_output=True)
    sig.unlink()
    return done.returncode == 0


def baseline(root: Path) -> float:
    reader = worktree_reader(root)
    start = time.perf_counter()
    for path in sorted((root / "content").rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        content_digest(rel, path.read_bytes(), reader)
    return time.perf_counter() - start


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_verify(root: Path, jobs: int) -> tuple[float, int, float]:
    """Wall time, exit code and CPU seconds (all processes) of one `webpub verify` run."""
    cpu, start = children_cpu(), time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "webpub", "verify", "--jobs", str(jobs), "--format", "json"],
                          cwd=root, capture_output=True, env={**os.environ, "PYTHONPATH": str(PROJECT / "scripts")})
    return time.perf_counter() - start, done.returncode, children_cpu() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--out", default="bench-out/verify")
    parser.add_argument("--reuse", action="store_true", help="reuse items already generated in --out")
    args = parser.parse_args()
    root = Path(args.out).resolve()
    start = time.perf_counter()
    if not (args.reuse and len(list((root / "content").rglob("*.md"))) == args.items):
        build_repo(root, args.items)
    print(f"ready: {args.items} signed items ({3 * args.items} records) in {time.perf_counter() - start:.1f} s")
    print(f"ssh-keygen -Y verify accepts a generated record: {cross_check(root)}")
    cores = len(os.sched_getaffinity(0))
    base = baseline(root)
    one, rc1, cpu1 = timed_verify(root, 1)
    many, rc2, cpu2 = timed_verify(root, cores)
    print(f"load average before the runs: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall times grow with load)")
    print(f"baseline (read + digest every item, 1 process): {base:.2f} s")
    print(f"webpub verify --jobs 1:  {one:.2f} s wall, {cpu1:.2f} s CPU  (exit {rc1})  ratio to baseline {one / base:.2f}x")
    print(f"webpub verify --jobs {cores}:  {many:.2f} s wall, {cpu2:.2f} s CPU  (exit {rc2})  ratio to baseline "
          f"{many / base:.2f}x, speed-up over 1 process {one / many:.2f}x")
    print(f"per item (all cores): {1000 * many / args.items:.2f} ms; goal <= 30 s for 10,000 items")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
