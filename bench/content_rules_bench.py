#!/usr/bin/env python3
"""Cost of the core content rules (WP005-WP015, WP027-WP029) against the strict parse.

    python bench/content_rules_bench.py [--pages 5000] [--out bench-out/content-rules]

Baselines, measured in the same run: the strict load of every page (UTF-8 decode,
frontmatter split, event-level YAML read), which every rule needs anyway. Each
rule's time over all pages is printed with its ratio to that baseline, plus the
schema check with the validator compiled per page instead of once per process, to
show what the cache buys. Single process, in-process calls, best of three; prints, asserts nothing.
Goals: all these rules together cost at most as much as the parse (ratio <= 1.0)
and at most a quarter of parse + one Markdown render (what `webpub check` pays anyway).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

from webpub.content import fmschema  # noqa: E402
from webpub.core.registry import file_rules  # noqa: E402
from webpub.context import Context  # noqa: E402
from webpub.content.page import load_page  # noqa: E402
from webpub.repo import Repo  # noqa: E402

MINE = {"WP005", "WP006", "WP007", "WP008", "WP009", "WP010", "WP011", "WP012", "WP013",
        "WP014", "WP015", "WP027", "WP028", "WP029"}


def load_all(repo: Repo, paths: list[Path]):
    cap = repo.file_rules.get("frontmatter_max_bytes", 65536)
    return [load_page(repo.rel(p), p, p.read_bytes(), cap) for p in paths]


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    """Best of ``repeat`` runs: the machine is shared, the minimum is the least noisy figure."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def run_rule(check, pages, ctx) -> int:
    return sum(1 for page in pages for _ in check(page, ctx))


def schema_check_uncached(check, pages, ctx) -> int:
    count = 0
    for page in pages:
        ctx.repo._cache.pop(fmschema._VALIDATOR_KEY, None)
        count += sum(1 for _ in check(page, ctx))
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=5000, help="number of generated pages")
    parser.add_argument("--out", type=Path, default=Path("bench-out/content-rules"), help="work folder")
    args = parser.parse_args(argv)

    generate(args.out, args.pages, attachment_ratio=0.0)
    repo = Repo(args.out.resolve())
    ctx = Context(repo=repo, today=dt.date(2026, 11, 26))
    paths = sorted((repo.root / "content").rglob("*.md"))
    load_all(repo, paths[:50])  # warm imports and the C parser
    baseline, pages = timed(lambda: load_all(repo, paths))
    print(f"pages: {len(pages):,}; baseline strict load: {baseline:.3f} s "
          f"({baseline / len(pages) * 1e6:.0f} µs/page)")
    render, _ = timed(lambda: [ctx.renderer.render(p.body) for p in pages], repeat=1)
    print(f"second baseline, one Markdown render of every body: {render:.3f} s")

    rules = [r for r in file_rules() if r.id in MINE and r.page_check]
    total = 0.0
    findings = 0
    for rule in rules:
        seconds, count = timed(lambda: run_rule(rule.page_check, pages, ctx))
        total += seconds
        findings += count
        print(f"  {rule.id} {rule.name:<18} {seconds:7.3f} s  ratio {seconds / baseline:5.2f}  findings {count:,}")
    print(f"all {len(rules)} rules: {total:.3f} s  ratio to strict load {total / baseline:.2f} (goal <= 1.0), "
          f"to load + render {total / (baseline + render):.2f} (goal <= 0.25); findings {findings:,}")

    schema_rule = next(r for r in rules if r.id == "WP005")
    subset = pages[: max(1, len(pages) // 10)]
    cached, _ = timed(lambda: run_rule(schema_rule.page_check, subset, ctx))
    uncached, _ = timed(lambda: schema_check_uncached(schema_rule.page_check, subset, ctx))
    print(f"WP005 on {len(subset):,} pages: validator compiled once {cached:.3f} s, "
          f"per page {uncached:.3f} s (x{uncached / cached:.1f} slower)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
