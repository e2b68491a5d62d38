#!/usr/bin/env python3
"""Benchmark the Thai search index: build time, size, what one search downloads, hit rate.

    python bench/search_bench.py [--pages 10000] [--queries 200] [--out bench-out/search]

Generates a Thai site with bench/generate.py, renders every page body with the site's
Markdown extensions, builds the index with webpub.search, then searches it in headless
Chromium (Debian /usr/bin/chromium) through the real search page and script.
Prints figures; asserts nothing. Baselines measured in the same run:
- size: Material's stock search downloads one JSON of every page's text (written here
  in its format: {"docs": [{"location", "title", "text"}]});
- time: extracting the text and writing that single JSON (no segmentation), CPU seconds
  (wall time on a shared machine measures the neighbours).
Goals (issue 3): first search downloads <= 500 KB at 10,000 pages; expected page in the
top 5 for >= 95% of Thai queries taken from the middle of sentences.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import random
import re
import shutil
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlparse

import markdown
import yaml

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "bench"))
from generate import generate  # noqa: E402

from webpub.search import SearchDoc  # noqa: E402
from webpub.search.indexer import html_to_text, write_index  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
EXTENSIONS = ["toc", "tables", "abbr", "def_list", "footnotes", "admonition",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tilde"]


def load_docs(repo: Path) -> list[SearchDoc]:
    md = markdown.Markdown(extensions=EXTENSIONS)
    docs = []
    for path in sorted((repo / "content").rglob("*.md")):
        _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(head)
        md.reset()
        url = path.relative_to(repo / "content").with_suffix("").as_posix() + "/"
        docs.append(SearchDoc(url=url, title=str(meta["title"]), html=md.convert(body),
                              date=str(meta.get("published") or "") or None,
                              category=str(meta["category"])))
    return docs


def stock_index(docs: list[SearchDoc], path: Path) -> tuple[float, int]:
    started = time.process_time()
    payload = {"config": {"lang": ["th"]}, "docs": [
        {"location": d.url, "title": d.title, "text": html_to_text(d.html)} for d in docs]}
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    path.write_bytes(data)
    return time.process_time() - started, len(data)


def sample_queries(docs: list[SearchDoc], count: int, seed: int) -> list[tuple[str, str]]:
    """Queries that identify one page (found in no other page), in four styles, in turn:
    a run of Thai between two spaces from the middle of the page (several words typed
    together), two such runs with the space between, three words cut from inside a run
    (not at a space), and the number of the page's title ("ฉบับที่ 123")."""
    from webpub.search.segment import normalise, segmenter_for

    rng = random.Random(seed)
    segmenter = segmenter_for(PROJECT)
    texts = [html_to_text(d.html) for d in docs]
    haystacks = [f"{d.title}\n{t}" for d, t in zip(docs, texts)]
    queries: list[tuple[str, str]] = []
    attempts = 0
    while len(queries) < count and attempts < count * 50:
        attempts += 1
        i = rng.randrange(len(docs))
        chunks = [c for c in re.split(r"\s+", texts[i]) if re.fullmatch(r"[\u0e00-\u0e7f]{8,40}", c)]
        if len(chunks) < 4:
            continue
        style = len(queries) % 4
        at = rng.randrange(1, len(chunks) - 2)
        if style == 0:
            query = chunks[at]
        elif style == 1:
            query = f"{chunks[at]} {chunks[at + 1]}"
            if query not in texts[i]:
                continue
        elif style == 2:
            words = segmenter.tokens(normalise(chunks[at])).words
            if len(words) < 4:
                continue
            start = rng.randrange(1, len(words) - 2)
            query = "".join(words[start:start + 3])
        else:
            number = re.search(r"ฉบับที่ (\d+)", docs[i].title)
            if not number:
                continue
            query = number.group(0)
            if sum(bool(re.search(rf"ฉบับที่ {number.group(1)}(?!\d)", h)) for h in haystacks) == 1:
                queries.append((query, docs[i].url))
            continue
        if sum(query in h for h in haystacks) == 1:
            queries.append((query, docs[i].url))
    return queries


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def first_search_download(browser, base: str, site: Path, query: str) -> dict:
    """Bytes fetched by a fresh visitor (empty cache) for one search on /search/?q=."""
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda r: fetched.append(urlparse(r.url).path))
    page.goto(f"{base}search/?q={quote(query)}")
    page.wait_for_selector("[data-webpub-search-results] li", timeout=30_000)
    page.wait_for_load_state("networkidle")
    context.close()
    raw = gz = 0
    search_files = [p for p in fetched if not p.endswith("/search/")]
    for rel in search_files:
        data = (site / rel.lstrip("/")).read_bytes()
        raw += len(data)
        gz += len(gzip.compress(data, 6))
    return {"files": len(search_files), "raw": raw, "gzip": gz}


def hit_rate(browser, base: str, queries: list[tuple[str, str]]) -> tuple[float, list]:
    page = browser.new_page()
    page.goto(f"{base}search/")
    misses = []
    for query, expected in queries:
        urls = page.evaluate("q => webpubSearch.search(q).then(r => r.results.map(x => x.url))", query)
        top = [urlparse(u).path.lstrip("/") for u in urls[:5]]
        if expected not in top:
            misses.append((query, expected, top[:3]))
    page.close()
    return 1 - len(misses) / max(1, len(queries)), misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--pages", type=int, default=10_000, help="number of generated pages")
    parser.add_argument("--queries", type=int, default=200, help="number of sampled queries")
    parser.add_argument("--seed", type=int, default=1, help="random seed for pages and queries")
    parser.add_argument("--out", type=Path, default=PROJECT / "bench-out" / "search", help="work folder")
    args = parser.parse_args(argv)

    repo, site = args.out / "repo", args.out / "site"
    generate(repo, args.pages, 0.0, args.seed)
    docs = load_docs(repo)
    if site.exists():
        shutil.rmtree(site)
    (site / "assets").mkdir(parents=True)
    shutil.copytree(PROJECT / "overrides" / "assets" / "webpub-search", site / "assets" / "webpub-search")

    stock_seconds, stock_bytes = stock_index(docs, args.out / "stock_search_index.json")
    os.environ["WEBPUB_SEARCH_JOBS"] = "1"  # all the work in this process, so its CPU time is the cost
    figures = write_index(site, docs, root=PROJECT)
    del os.environ["WEBPUB_SEARCH_JOBS"]
    parallel = write_index(site, docs, root=PROJECT)
    print(f"pages: {figures['docs']:,}  terms (incl. word pairs): {figures['terms']:,}  "
          f"posting shards: {figures['shards']}  vocabulary shards: {figures['vocab_shards']}")
    print(f"index build: {figures['cpu_seconds']:.1f} s CPU, {figures['seconds']:.1f} s wall  (baseline text + "
          f"one JSON, no segmentation: {stock_seconds:.1f} s CPU, ratio {figures['cpu_seconds'] / stock_seconds:.1f}x)")
    print(f"index CPU by phase: {figures['cpu_phases']}; default run with {parallel['workers']} "
          f"segmenting process(es): {parallel['seconds']:.1f} s wall")
    print(f"index on disk: {figures['bytes'] / 1e6:.1f} MB  (stock single index: {stock_bytes / 1e6:.1f} MB)")

    queries = sample_queries(docs, args.queries, args.seed)
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            downloads = [first_search_download(browser, base, site, q) for q, _ in queries[:5]]
            rate, misses = hit_rate(browser, base, queries)
            browser.close()
    finally:
        server.shutdown()
    worst = max(downloads, key=lambda d: d["raw"])
    mean_raw = sum(d["raw"] for d in downloads) / len(downloads)
    print(f"first search download (5 fresh visitors): mean {mean_raw / 1e3:.0f} KB raw, worst "
          f"{worst['raw'] / 1e3:.0f} KB raw / {worst['gzip'] / 1e3:.0f} KB gzip in {worst['files']} files "
          f"(stock: {stock_bytes / 1e3:,.0f} KB raw; ratio {worst['raw'] / stock_bytes:.4f})")
    print(f"top-5 hit rate: {rate:.1%} of {len(queries)} sampled queries")
    for query, expected, top in misses[:10]:
        print(f"  miss: {query!r} expected {expected} got {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
