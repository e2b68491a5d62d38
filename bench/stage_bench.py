#!/usr/bin/env python3
"""Benchmark the staged build: the incremental stage against the full restage, same run.

    python bench/stage_bench.py [--size 2000] [--runs 3] [--modes preview publish]
                                [--baseline-ref REF] [--out bench-out/stage]

``site/stage.py`` keeps ``.webpub-build/<mode>/`` between builds and writes only what
changed; before, each build removed the tree and wrote and linked every file again
(+6.5 % CPU, mostly system time, on a 2,000-item preview against the build before
staging). The baseline is that earlier ``write_stage``, read from git at
``--baseline-ref`` (default: the parent of the commit that made staging incremental)
and swapped in for the build's own, so both variants run the same engine and differ
only in the stage step.

On one generated, fully approved corpus (bench/generate.py, bench/signing.py) each mode
is built in rounds; in each round, each variant (order alternating) builds warm (the
tree of the build before, nothing changed), after a cold build (no stage tree) in the
first ``--cold-runs`` rounds. In a warm build the full variant removes and rewrites the tree
its own build wrote; the incremental one keeps it. Each build is its
own process: wall seconds and CPU seconds (user + system, the whole process tree), and
inside it the stage step alone (wall and CPU of ``write_stage``, files written, linked,
kept and removed). Medians over the rounds. Prints figures; asserts nothing; results
also go to ``<out>/stage_bench.json``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
STAGE_PY = "scripts/webpub/site/stage.py"


def _baseline_ref() -> str:
    """The commit before staging became incremental (the one that added ``_prune``)."""
    added = subprocess.run(["git", "log", "--format=%H", "-S", "def _prune", "--", STAGE_PY], cwd=PROJECT,
                           capture_output=True, text=True, check=True).stdout.split()
    if not added:
        sys.exit("stage_bench: no commit adds the incremental stage; give --baseline-ref")
    return added[-1] + "^"


# --- inside one build process -------------------------------------------------------------

def run_build(variant: str, ref: str, record: Path, argv: list[str]) -> int:
    """``webpub <argv>`` with the stage step timed; ``full`` swaps in ``ref``'s write_stage."""
    import webpub.site.stage as stage
    from webpub.cli import main

    own = stage.write_stage
    if variant == "full":
        source = subprocess.run(["git", "show", f"{ref}:{STAGE_PY}"], cwd=PROJECT, capture_output=True,
                                text=True, check=True).stdout
        spec = importlib.util.spec_from_loader("webpub.site._stage_full", loader=None)
        old = importlib.util.module_from_spec(spec)
        exec(compile(source, f"{ref}:{STAGE_PY}", "exec"), old.__dict__)  # noqa: S102 - our own file at ref
        chosen = lambda plan, dest: (old.write_stage(plan, dest), None)[1]  # noqa: E731
    else:
        def chosen(plan, dest):
            stats = stage.StageStats()
            own(plan, dest, stats)
            return stats

    def timed(plan, dest, *_):
        wall, cpu = time.perf_counter(), time.process_time()
        stats = chosen(plan, dest)
        figures = {"stage_s": time.perf_counter() - wall, "stage_cpu": time.process_time() - cpu}
        if stats is not None:
            figures.update(vars(stats))
        record.write_text(json.dumps(figures), encoding="utf-8")
        return dest

    stage.write_stage = timed
    return main(argv)


# --- the driver -----------------------------------------------------------------------------

def measured_build(repo: Path, variant: str, ref: str, mode: str, today: str) -> dict:
    record = repo / f".stage-bench-{variant}.json"
    record.unlink(missing_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--run-build", variant, ref, str(record), "--",
           "build", "--mode", mode, "--today", today, "--site-dir", f"site-{mode}"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        print(f"{variant} {mode}: exit {done.returncode}\n{done.stderr[-2000:]}", file=sys.stderr)
    figures = {"wall_s": wall, "user_s": after.ru_utime - before.ru_utime,
               "sys_s": after.ru_stime - before.ru_stime, "exit": done.returncode}
    figures["cpu_s"] = figures["user_s"] + figures["sys_s"]
    if record.is_file():
        figures.update(json.loads(record.read_text(encoding="utf-8")))
    return figures


def median(rows: list[dict], key: str) -> float:
    values = [r[key] for r in rows if key in r]
    return statistics.median(values) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--run-build"]:
        variant, ref, record = argv[1:4]
        return run_build(variant, ref, Path(record), argv[5:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3, help="warm builds per variant and mode")
    parser.add_argument("--cold-runs", type=int, default=1, help="cold builds per variant and mode")
    parser.add_argument("--modes", nargs="+", default=["preview", "publish"], choices=["preview", "publish"])
    parser.add_argument("--baseline-ref", default=None)
    parser.add_argument("--out", type=Path, default=PROJECT / "bench-out" / "stage")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from generate import generate  # noqa: E402
    from site_bench import APPROVED_AT, TODAY  # noqa: E402
    from signing import sign_repo  # noqa: E402

    ref = args.baseline_ref or _baseline_ref()
    ref = subprocess.run(["git", "rev-parse", ref], cwd=PROJECT, capture_output=True, text=True,
                         check=True).stdout.strip()
    print(f"cores: {len(os.sched_getaffinity(0))}; load average: {os.getloadavg()[0]:.1f}; "
          f"baseline write_stage from {ref[:10]}", flush=True)
    repo = (args.out / f"n{args.size}").resolve()
    if repo.exists():
        shutil.rmtree(repo)
    generate(repo, args.size)
    sign_repo(repo, APPROVED_AT)
    results: dict[str, list[dict]] = {}
    for mode in args.modes:
        for round_no in range(args.runs):
            variants = ("full", "incremental") if round_no % 2 == 0 else ("incremental", "full")
            for variant in variants:
                temps = ("cold", "warm") if round_no < args.cold_runs else ("warm",)
                if round_no < args.cold_runs:
                    shutil.rmtree(repo / ".webpub-build" / mode, ignore_errors=True)
                for temp in temps:
                    row = measured_build(repo, variant, ref, mode, TODAY)
                    results.setdefault(f"{mode}/{temp}/{variant}", []).append(row)
                    print(f"{mode:7} {temp:4} {variant:11} wall {row['wall_s']:6.1f}s cpu {row['cpu_s']:6.1f}s "
                          f"(sys {row['sys_s']:5.1f}) stage {row.get('stage_s', float('nan')):5.2f}s "
                          f"written {row.get('written', '-')} kept {row.get('kept', '-')}", flush=True)
    print(f"\nmedians of {args.runs} warm and {args.cold_runs} cold runs, {args.size} items (full = rmtree + rewrite each build, "
          "incremental = this tree)")
    print(f"{'build':22} {'wall s':>8} {'CPU s':>8} {'user s':>8} {'sys s':>7} {'stage s':>8} {'stage CPU':>9}")
    summary = {}
    for key, rows in results.items():
        figures = {k: median(rows, k) for k in ("wall_s", "cpu_s", "user_s", "sys_s", "stage_s", "stage_cpu")}
        summary[key] = figures
        print(f"{key:22} {figures['wall_s']:8.1f} {figures['cpu_s']:8.1f} {figures['user_s']:8.1f} "
              f"{figures['sys_s']:7.1f} {figures['stage_s']:8.2f} {figures['stage_cpu']:9.2f}")
    for mode in args.modes:
        for temp in ("cold", "warm"):
            full, inc = summary.get(f"{mode}/{temp}/full"), summary.get(f"{mode}/{temp}/incremental")
            if full and inc:
                print(f"{mode} {temp}: incremental/full CPU {inc['cpu_s'] / full['cpu_s'] - 1:+.1%}, wall "
                      f"{inc['wall_s'] / full['wall_s'] - 1:+.1%}, stage step {full['stage_s']:.2f}s → "
                      f"{inc['stage_s']:.2f}s")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "stage_bench.json").write_text(
        json.dumps({"baseline_ref": ref, "size": args.size, "runs": results, "medians": summary}, indent=2),
        encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
