#!/usr/bin/env python3
"""Cost of the attachment, link, HTML-safety and privacy rules against parse+render.

    python bench/safety_links_bench.py [--pages 10000] [--out bench-out/safety]

One process, same run: the baseline loads and renders every page (what any
check pays anyway); then each rule of WP016-WP025/WP030-WP032 runs over the same,
already rendered pages, and the asset rules over every attachment. Prints seconds
and the ratio of each figure to the baseline; asserts nothing. Goal: all these
rules together well under 1x the baseline.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

PAGE_RULES = ["html_safety", "internal_links", "link_anchors", "protocol_relative", "linked_files_listed",
              "attachment_path", "attachment_type", "national_id", "privacy_exceptions"]
ASSET_RULES = ["file_size", "file_content", "file_extension", "attachment_referenced"]


def load_all(repo):
    from webpub.content.page import Asset, load_page

    pages, assets = [], []
    for path in sorted((repo.root / "content").rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(repo.root).as_posix()
        if rel.endswith(".md"):
            pages.append(load_page(rel, path, path.read_bytes(), 65536))
        else:
            assets.append(Asset(rel, path, path.stat().st_size))
    return pages, assets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="benchmark the attachment/link/safety/privacy rules")
    parser.add_argument("--pages", type=int, default=10000, help="pages to generate")
    parser.add_argument("--out", type=Path, default=Path("bench-out/safety"), help="where to generate")
    args = parser.parse_args(argv)
    figures = generate(args.out.resolve(), args.pages)

    import importlib

    from webpub.context import Context
    from webpub.dates import today_bangkok
    from webpub.repo import Repo

    repo = Repo(args.out.resolve())
    ctx = Context(repo=repo, today=today_bangkok())
    start = time.perf_counter()
    pages, assets = load_all(repo)
    for page in pages:
        ctx.html(page)
    base = time.perf_counter() - start
    print(f"{figures['pages']:,} pages, {len(assets):,} attachments")
    print(f"baseline: load + render every page            {base:7.2f} s  = 1.00x")

    total = 0.0
    for name in PAGE_RULES + ASSET_RULES:
        module = importlib.import_module(f"webpub.checks.{name}")
        fn, targets = (module.check, pages) if name in PAGE_RULES else (module.check_asset, assets)
        start = time.perf_counter()
        count = sum(1 for target in targets for _ in fn(target, ctx))
        spent = time.perf_counter() - start
        total += spent
        print(f"{module.ID} {name:<24} {spent:7.2f} s  = {spent / base:.2f}x  ({count} findings)")
    print(f"all these rules together                      {total:7.2f} s  = {total / base:.2f}x baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
