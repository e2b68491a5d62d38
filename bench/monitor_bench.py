#!/usr/bin/env python3
"""Benchmark `webpub report` and `webpub expire` on a generated repository.

    python bench/monitor_bench.py [--pages 10000] [--out bench-out/monitor]

Prints figures; asserts nothing. Goal (issue 5): each command <= 10 s on 10,000
items, process start included. The baseline, measured in the same run, is the
least any tool reading every frontmatter must do: one process reading each page
and parsing its frontmatter with PyYAML's C loader. Ratios are against it.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

WEBPUB = [sys.executable, "-m", "webpub"]
TODAY = "2026-11-26"
LATER = "2027-06-01"  # about half the generated news has expired by then


def baseline(repo: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the least work: read + C-loader YAML of every frontmatter."""
    start, cpu = time.perf_counter(), time.process_time()
    for path in sorted((repo / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        yaml.load(text.split("---\n", 2)[1], Loader=yaml.CSafeLoader)
    return time.perf_counter() - start, time.process_time() - cpu


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args: list[str], repo: Path) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds, exit code and output size of one command.

    CPU time is printed too because wall time on a shared machine swings with its load.
    """
    start, cpu = time.perf_counter(), child_cpu()
    proc = subprocess.run(WEBPUB + args, cwd=repo, capture_output=True)
    elapsed, cpu = time.perf_counter() - start, child_cpu() - cpu
    if proc.returncode not in (0, 1):
        print(proc.stderr.decode(errors="replace"), file=sys.stderr)
    return elapsed, cpu, proc.returncode, len(proc.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="benchmark webpub report and webpub expire")
    parser.add_argument("--pages", type=int, default=10000, help="pages to generate")
    parser.add_argument("--out", type=Path, default=Path("bench-out/monitor"), help="where to generate")
    args = parser.parse_args(argv)
    repo = args.out.resolve()
    figures = generate(repo, args.pages, attachment_ratio=0.0)
    print(f"repository: {figures['pages']:,} pages, {figures['markdown_bytes'] / 1e6:.1f} MB of Markdown; "
          f"cores: {len(os.sched_getaffinity(0))}")
    base, base_cpu = baseline(repo)
    print(f"baseline (1 process: read + C-loader YAML of every frontmatter): {base:6.2f} s wall, "
          f"{base_cpu:.2f} s CPU; load average {os.getloadavg()[0]:.1f}")
    runs = [
        ("webpub report --format json", ["report", "--format", "json", "--today", TODAY]),
        ("webpub report --format md", ["report", "--format", "md", "--today", TODAY]),
        ("webpub report --ita 2567", ["report", "--ita", "2567", "--format", "json", "--today", TODAY]),
        ("webpub expire --format json", ["expire", "--format", "json", "--today", LATER]),
        ("webpub remind --format json", ["remind", "--format", "json", "--today", LATER]),
        # last: it rewrites every expired page
        ("webpub expire --apply", ["expire", "--apply", "--today", LATER]),
    ]
    for label, command in runs:
        elapsed, cpu, code, size = timed(command, repo)
        print(f"{label:28s} {elapsed:6.2f} s wall = {elapsed / base:5.2f}x baseline (goal <= 10 s); "
              f"{cpu:5.2f} s CPU = {cpu / base_cpu:5.2f}x; exit {code}; {size / 1e3:,.0f} kB out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
