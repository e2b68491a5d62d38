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


def baseline(repo: Path) -> float:
    start = time.perf_counter()
    for path in sorted((repo / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        yaml.load(text.split("---\n", 2)[1], Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def timed(args: list[str], repo: Path) -> tuple[float, int, int]:
    """Wall seconds, exit code and output size of one command."""
    start = time.perf_counter()
    proc = subprocess.run(WEBPUB + args, cwd=repo, capture_output=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        print(proc.stderr.decode(errors="replace"), file=sys.stderr)
    return elapsed, proc.returncode, len(proc.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="benchmark webpub report and webpub expire")
    parser.add_argument("--pages", type=int, default=10000, help="pages to generate")
    parser.add_argument("--out", type=Path, default=Path("bench-out/monitor"), help="where to generate")
    args = parser.parse_args(argv)
    repo = args.out.resolve()
    figures = generate(repo, args.pages, attachment_ratio=0.0)
    print(f"repository: {figures['pages']:,} pages, {figures['markdown_bytes'] / 1e6:.1f} MB of Markdown; "
          f"cores: {len(os.sched_getaffinity(0))}")
    base = baseline(repo)
    print(f"baseline (1 process: read + C-loader YAML of every frontmatter): {base:6.2f} s")
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
        elapsed, code, size = timed(command, repo)
        print(f"{label:30s} {elapsed:6.2f} s = {elapsed / base:5.2f}x baseline (goal <= 10 s); "
              f"exit {code}; {size / 1e3:,.0f} kB out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
