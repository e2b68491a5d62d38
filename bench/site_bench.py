#!/usr/bin/env python3
"""Benchmark the site build against stock mkdocs-material building the same pages.

    python bench/site_bench.py [--sizes 500 2000 10000] [--stock-max 2000] [--out bench-out/site]

Prints figures; asserts nothing. For each size it generates a Thai repository
(bench/generate.py), approves every item with real Ed25519 SSHSIG records
(bench/signing.py: the owner division's director, the web head, a webmaster; keys
registered in the generated schema/allowed_signers) and measures, each in its own
process (wall time, peak memory of the whole process tree, every worker included):

- ``webpub build --mode publish``: the real publish path: the full content check
  (approval signatures included) refuses on any error, every item's approvals are
  verified again to decide what is shown, then the site, the Thai search index and
  the output checks — every approved, current item is built;
- ``webpub build --mode preview``: the same pages without the gate (drafts bannered);
- stock: ``mkdocs build`` with plain mkdocs-material (``language: th``, its own
  search plugin, every item in the navigation, no hooks), up to ``--stock-max``.

Goals (issue 3): time grows linearly; 2,000 items with the search index in <= 15 %
of stock's time; 10,000 items in <= 100 s; <= 60 KB of HTML per item; <= 1.5 GB peak.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from check_bench import run_measured  # noqa: E402
from generate import generate  # noqa: E402
from signing import sign_repo  # noqa: E402

WEBPUB = [sys.executable, "-m", "webpub"]
TODAY = "2026-11-26"
APPROVED_AT = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def stock_config(repo: Path) -> Path:
    """mkdocs-material as shipped: no hooks, default search, automatic full navigation."""
    config = {
        "site_name": "สำนักงาน ก.พ.ร.", "site_url": "https://www.opdc.go.th/", "docs_dir": "content",
        "site_dir": "site-stock", "use_directory_urls": True, "theme": {"name": "material", "language": "th"},
        "markdown_extensions": ["toc", "tables", "abbr", "def_list", "footnotes", "admonition",
                                "pymdownx.details", "pymdownx.superfences", "pymdownx.tilde"],
    }
    path = repo / "mkdocs-stock.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def item_html_kb(site: Path, repo: Path) -> float:
    """Average size of the HTML page of each content item."""
    sizes = []
    for md in (repo / "content").rglob("*.md"):
        rel = md.relative_to(repo / "content").with_suffix("")
        page = site / rel / "index.html"
        if page.is_file():
            sizes.append(page.stat().st_size)
    return sum(sizes) / len(sizes) / 1024 if sizes else 0.0


def cpu_measured(cmd: list[str], cwd: Path) -> tuple[float, float, int, float]:
    """``run_measured`` plus the CPU seconds (user + system) of the command and every
    process it started: on a loaded machine CPU, not wall time, compares two builds."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds, peak, code = run_measured(cmd, cwd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, peak, code, cpu


def measure(repo: Path, size: int, stock_max: int) -> dict:
    figures = {"size": size}
    seconds, peak, code, cpu = cpu_measured(
        WEBPUB + ["build", "--mode", "publish", "--today", TODAY, "--site-dir", "site-publish"], repo)
    figures.update(publish_s=seconds, publish_cpu=cpu, publish_mb=peak, publish_exit=code,
                   publish_kb=item_html_kb(repo / "site-publish", repo),
                   published=count_items(repo / "site-publish", repo))
    seconds, peak, code, cpu = cpu_measured(
        WEBPUB + ["build", "--mode", "preview", "--today", TODAY, "--site-dir", "site-preview"], repo)
    figures.update(preview_s=seconds, preview_cpu=cpu, preview_mb=peak, preview_exit=code)
    if size <= stock_max:
        config = stock_config(repo)
        seconds, peak, code = run_measured(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], repo)
        figures.update(stock_s=seconds, stock_mb=peak, stock_exit=code,
                       stock_kb=item_html_kb(repo / "site-stock", repo))
    return figures


def count_items(site: Path, repo: Path) -> int:
    return sum((site / md.relative_to(repo / "content").with_suffix("") / "index.html").is_file()
               for md in (repo / "content").rglob("*.md"))


def report(rows: list[dict]) -> None:
    base = rows[0]
    print("\nitems (published) | publish s (per item ms) | peak MB | KB/item | preview s (peak MB) "
          "| stock s | KB/item stock | publish/stock")
    for row in rows:
        stock = f"{row['stock_s']:7.1f} | {row['stock_kb']:8.1f}" if "stock_s" in row else "   (not run) |"
        ratio = f"{row['publish_s'] / row['stock_s']:.1%}" if "stock_s" in row else "-"
        print(f"{row['size']:6,} ({row['published']:,}) | {row['publish_s']:7.1f} "
              f"({row['publish_s'] / row['size'] * 1000:5.1f}) | {row['publish_mb']:7.0f} | "
              f"{row['publish_kb']:7.1f} | {row['preview_s']:7.1f} ({row['preview_mb']:5.0f}) | {stock} | {ratio}")
    for row in rows:
        print(f"{row['size']:>6,} items: CPU s publish {row['publish_cpu']:.1f}, preview {row['preview_cpu']:.1f}")
    for row in rows[1:]:
        growth = (row["publish_s"] / row["size"]) / (base["publish_s"] / base["size"])
        print(f"per-item time at {row['size']:,} vs {base['size']:,}: {growth:.2f}x (1.00x = linear)")
    exits = {k: v for r in rows for k, v in r.items() if k.endswith("_exit") and v != 0}
    if exits:
        print(f"non-zero exits: {exits}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="benchmark webpub build against stock mkdocs-material")
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000], help="items per site")
    parser.add_argument("--stock-max", type=int, default=2000, help="largest size to build with stock Material")
    parser.add_argument("--out", type=Path, default=Path("bench-out/site"), help="where to generate")
    args = parser.parse_args(argv)
    print(f"cores: {len(os.sched_getaffinity(0))}; load average: {os.getloadavg()[0]:.1f}")
    rows = []
    for size in args.sizes:
        repo = (args.out / f"n{size}").resolve()
        if repo.exists():
            shutil.rmtree(repo)
        generate(repo, size)
        sign_repo(repo, APPROVED_AT)
        rows.append(measure(repo, size, args.stock_max))
        print(rows[-1], flush=True)
    report(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
