#!/usr/bin/env python3
"""Figures for the runner's per-file budget (WP061): torn progress records, and refusals
of the shipped sample content on a quiet and on a loaded machine.

    python bench/runner_bench.py [--reads 2000000] [--runs 20] [--burners 4]

Prints figures; asserts nothing.

* Torn reads: a writer process rewrites a progress record in a tight loop while this
  process reads it. The plain ``struct`` record the runner used before is read torn
  (the new batch number with a start time of zero: a job "running since boot", which
  the pool killed as over budget); :class:`webpub.core.runner.Progress` never is.
* Refusals: ``webpub check --no-cache`` of a copy of the sample content ``--runs`` times
  quietly and ``--runs`` times next to ``--burners`` busy processes; counts WP061 and
  gives the wall time. The goal: no WP061 in either.
"""

from __future__ import annotations

import argparse
import json
import mmap
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from webpub.core import runner  # noqa: E402


def _writer(write) -> int:
    pid = os.fork()
    if pid == 0:
        try:
            n = 0
            while True:
                n += 1
                write(n)
        finally:
            os._exit(0)
    return pid


def torn_reads(reads: int) -> dict[str, tuple[int, int]]:
    """{record: (torn or unanswered reads, reads)} under a concurrent writer."""
    out = {}
    old = struct.Struct("<qqd")  # batch, index, started: the record before the sequence lock
    area = mmap.mmap(-1, old.size)
    pid = _writer(lambda n: old.pack_into(area, 0, n, n % 7, float(n)))
    torn = 0
    for _ in range(reads):
        batch, index, started = old.unpack_from(area, 0)
        torn += batch > 0 and (index != batch % 7 or started != float(batch))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    out["struct (before)"] = (torn, reads)

    progress = runner.Progress()
    pid = _writer(lambda n: progress.write(n, n % 7, n, -n))
    torn = unanswered = 0
    for _ in range(reads):
        record = progress.read()
        if record is None:
            unanswered += 1
            continue
        batch, index, started, cpu = record
        torn += batch > 0 and (index, started, cpu) != (batch % 7, batch, -batch)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    progress.close()
    out["Progress (sequence lock)"] = (torn, reads)
    out["Progress, no answer after retries"] = (unanswered, reads)
    return out


def check_runs(runs: int, burners: int) -> tuple[int, list[float]]:
    """(WP061 findings over all runs, wall seconds per run)."""
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(burners)]
    refused, walls = 0, []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            repo = Path(tmp) / "repo"
            for name in ("schema", "overrides", "content"):
                shutil.copytree(ROOT / name, repo / name)
            shutil.copy2(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
            env = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"))
            for _ in range(runs):
                start = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "webpub", "check", "--no-cache", "--format", "json"],
                                      cwd=repo, env=env, capture_output=True, text=True)
                walls.append(time.perf_counter() - start)
                refused += sum(f["rule"] == "WP061" for f in json.loads(done.stdout)["findings"])
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    return refused, walls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reads", type=int, default=2_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--burners", type=int, default=4)
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    for name, (bad, reads) in torn_reads(args.reads).items():
        print(f"torn reads, {name}: {bad:,} of {reads:,}")
    for burners in (0, args.burners):
        refused, walls = check_runs(args.runs, burners)
        walls.sort()
        print(f"webpub check x{args.runs}, {burners} busy processes: WP061 {refused}, "
              f"wall median {walls[len(walls) // 2]:.2f} s, max {walls[-1]:.2f} s")


if __name__ == "__main__":
    main()
