#!/usr/bin/env python3
"""Benchmark `webpub check` against a parse-and-render baseline measured in the same run.

    python bench/check_bench.py [--pages 10000] [--out bench-out/check]

Prints figures; asserts nothing. Goals (issue 2): full check <= 1.0x the
single-process baseline (C-loader YAML parse of every frontmatter + one render
of every body with the site's Markdown extensions) and <= 30 s; an unchanged
re-check (cache) <= 3 s; one changed file (what pre-commit pays) <= 0.5 s wall,
process start included; peak memory <= 500 MB (whole process tree).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

WEBPUB = [sys.executable, "-m", "webpub"]


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB."""
    total = 0
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
        stack.extend(children.get(current, []))
    return total / 1e6


def run_measured(cmd: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, peak tree RSS (MB) and exit code of a command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss_mb(proc.pid))
            time.sleep(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    stop.set()
    thread.join()
    if proc.returncode not in (0, 1):
        print(err.decode(errors="replace"), file=sys.stderr)
    return elapsed, peak, proc.returncode


def baseline(repo: Path) -> float:
    """Single process: YAML C-loader parse of each frontmatter + one render of each body."""
    from webpub.rendering.render import Renderer

    renderer = Renderer(repo)
    start = time.perf_counter()
    for path in sorted((repo / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, fm, body = text.split("---\n", 2)
        yaml.load(fm, Loader=yaml.CSafeLoader)
        renderer.render(body)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="benchmark webpub check")
    parser.add_argument("--pages", type=int, default=10000, help="pages to generate")
    parser.add_argument("--out", type=Path, default=Path("bench-out/check"), help="where to generate")
    args = parser.parse_args(argv)
    repo = args.out.resolve()
    figures = generate(repo, args.pages)
    print(f"repository: {figures['pages']:,} pages, {figures['attachments']:,} attachments, "
          f"{figures['markdown_bytes'] / 1e6:.1f} MB of Markdown; cores: {len(os.sched_getaffinity(0))}")

    base = baseline(repo)
    print(f"baseline (1 process, C-loader YAML + one render per page): {base:6.2f} s")

    full, full_mem, code = run_measured(WEBPUB + ["check", "--no-cache", "--format", "json"], repo)
    print(f"webpub check, all pages, no cache:      {full:6.2f} s  = {full / base:.2f}x baseline "
          f"(goal <= 1.0x, <= 30 s); peak {full_mem:.0f} MB (goal <= 500 MB); exit {code}")

    run_measured(WEBPUB + ["check"], repo)  # fills the cache
    again, again_mem, _ = run_measured(WEBPUB + ["check"], repo)
    print(f"re-check, nothing changed (cache):      {again:6.2f} s  = {again / base:.2f}x baseline "
          f"(goal <= 3 s); peak {again_mem:.0f} MB")

    one = next(iter(sorted((repo / "content" / "news").glob("*.md"))))
    one.write_text(one.read_text(encoding="utf-8") + "\nแก้ไขเพิ่มเติมหนึ่งบรรทัด\n", encoding="utf-8")
    rel = one.relative_to(repo).as_posix()
    single, single_mem, _ = run_measured(WEBPUB + ["check", rel], repo)
    print(f"one changed file (pre-commit path):     {single:6.2f} s wall incl. process start "
          f"(goal <= 0.5 s); peak {single_mem:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
