#!/usr/bin/env python3
"""What a citizen on a phone gets: Lighthouse on the sample site served through the nginx
file ``webpub server-config`` writes, next to a stock Material site built from the same
sample in the same run.

    python bench/lighthouse_bench.py [--runs 3] [--out bench-out/lighthouse]

Prints figures; asserts nothing (DEVELOPERS.md: speed goals are measured here, not in
tests). Needs Debian's nginx and chromium (scripts/install-system-deps.sh) and Node;
Lighthouse is pinned in bench/lighthouse/package.json + package-lock.json and installed
with ``npm ci`` there when missing. Chromium is Debian's (CHROME_PATH), never a download.

- webpub: ``webpub build --mode publish`` of the sample (with each page's CSP and the
  precompressed ``.br``/``.gz`` copies), served by nginx with the generated file;
- stock: plain ``mkdocs.yml`` with ``theme: material`` (``language: th``, its own search
  plugin, no webpub plugin or overrides; ``font: false``, as Google Fonts cannot be reached here) over the same staged content
  (``.webpub-build/publish``), its text files precompressed the same way, served by the
  same nginx file on another port.

Pages: home, a listing, an item with attachments, the OIA centre, search results and the
compliance page (stock has no search page: its search is ``?q=`` on the home page).
Lighthouse's mobile preset with its default (simulated) throttling; each figure is the
median of ``--runs`` runs. Goals (issue 16): Performance >= 95, Accessibility,
Best Practices and SEO 100 on every page; an item page <= 150 KB transferred.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT / "tests"))
from hostkit import free_port, start_nginx  # noqa: E402

TODAY = "2026-11-26"
QUERY = "%E0%B9%81%E0%B8%9C%E0%B8%99"  # แผน
PAGES = {
    "home": ("", ""),
    "listing": ("news/", "news/"),
    "item+attachments": ("about/action-plan/", "about/action-plan/"),
    "OIA centre": ("oia/", "oia/"),
    "search results": (f"search/?q={QUERY}", f"?q={QUERY}"),
    "compliance": ("compliance/", "compliance/"),
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run --disable-sync")


def lighthouse_bin() -> Path:
    folder = HERE / "lighthouse"
    binary = folder / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=folder, check=True)
    return binary


def build_sites(work: Path) -> tuple[Path, Path]:
    from webpub.hosting.postbuild import compress

    repo = work / "repo"
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    for name in ("schema", "overrides", "content"):
        shutil.copytree(PROJECT / name, repo / name)
    shutil.copy2(PROJECT / "mkdocs.yml", repo / "mkdocs.yml")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    site = repo / "site"
    subprocess.run([sys.executable, "-m", "webpub", "build", "--mode", "publish", "--today", TODAY,
                    "--site-dir", str(site)], cwd=repo, check=True, stdout=subprocess.DEVNULL)
    stock_cfg = {
        "site_name": "สำนักงาน ก.พ.ร.", "site_url": "https://www.opdc.go.th/",
        "docs_dir": str(repo / ".webpub-build" / "publish"), "site_dir": str(repo / "site-stock"),
        "use_directory_urls": True, "theme": {"name": "material", "language": "th", "font": False},
        "plugins": ["search"], "markdown_extensions": ["tables", "toc", "admonition"],
    }
    (repo / "mkdocs-stock.yml").write_text(yaml.safe_dump(stock_cfg, allow_unicode=True), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(repo / "mkdocs-stock.yml")],
                   cwd=repo, check=True, stderr=subprocess.DEVNULL)
    stock = repo / "site-stock"
    for path in stock.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".css", ".js", ".json", ".xml", ".svg") \
                and path.stat().st_size >= 512:
            compress(path)
    return site, stock


def serve(site: Path, work: Path, name: str):
    from webpub.hosting.config import load
    from webpub.hosting.serverconf import nginx

    root = work / f"srv-{name}"
    root.mkdir(exist_ok=True)
    link = root / "current"
    if link.is_symlink():
        link.unlink()
    link.symlink_to(site)
    port = free_port()
    prefix = work / f"nginx-{name}"
    conf = nginx(load(PROJECT).server, listen=f"127.0.0.1:{port}", root=str(root), log_dir=str(prefix / "logs"))
    return start_nginx(prefix, conf, port)


def measure(binary: Path, url: str, out: Path, tries: int = 3) -> dict:
    """One Lighthouse run (tried again when Lighthouse itself fails, e.g. NO_NAVSTART on a busy machine)."""
    for attempt in range(tries):
        try:
            return _measure_once(binary, url, out)
        except RuntimeError:
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


def _measure_once(binary: Path, url: str, out: Path) -> dict:
    out.unlink(missing_ok=True)
    done = subprocess.run([str(binary), url, "--output=json", f"--output-path={out}", "--quiet",
                           f"--chrome-flags={CHROME_FLAGS}",
                           "--only-categories=" + ",".join(CATEGORIES)],
                          env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, capture_output=True, text=True)
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse {url}: {done.stderr[-500:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    audits = report["audits"]
    failing = sorted(a for c in CATEGORIES for a in
                     (ref["id"] for ref in report["categories"][c]["auditRefs"] if ref.get("weight", 0) > 0)
                     if audits[a].get("score") is not None and audits[a]["score"] < 0.9)
    return {**scores, "kb": audits["total-byte-weight"]["numericValue"] / 1024,
            "lcp": audits["largest-contentful-paint"]["numericValue"],
            "cls": audits["cumulative-layout-shift"]["numericValue"],
            "tbt": audits["total-blocking-time"]["numericValue"], "failing": failing}


def median_of(runs: list[dict]) -> dict:
    out = {k: statistics.median(r[k] for r in runs) for k in (*CATEGORIES, "kb", "lcp", "cls", "tbt")}
    out["failing"] = sorted({a for r in runs for a in r["failing"]})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=str(PROJECT / "bench-out" / "lighthouse"))
    parser.add_argument("--only", choices=("webpub", "stock"), default=None)
    parser.add_argument("--pages", nargs="*", choices=list(PAGES), default=None, help="a subset of the pages")
    args = parser.parse_args()
    work = Path(args.out).resolve()
    work.mkdir(parents=True, exist_ok=True)
    binary = lighthouse_bin()
    site, stock = build_sites(work)
    servers = {"webpub": serve(site, work, "webpub"), "stock": serve(stock, work, "stock")}
    results: dict[tuple[str, str], dict] = {}
    try:
        for name, (path, stock_path) in PAGES.items():
            if args.pages and name not in args.pages:
                continue
            for kind in ("webpub", "stock"):
                if args.only and kind != args.only:
                    continue
                url = servers[kind].url + (path if kind == "webpub" else stock_path)
                runs = [measure(binary, url, work / f"{kind}-{len(results)}-{i}.json") for i in range(args.runs)]
                results[(name, kind)] = median_of(runs)
                r = results[(name, kind)]
                print(f"{name:17} {kind:7} perf {r['performance']:3.0f} a11y {r['accessibility']:3.0f} "
                      f"bp {r['best-practices']:3.0f} seo {r['seo']:3.0f} {r['kb']:6.1f} KB "
                      f"LCP {r['lcp'] / 1000:4.1f} s CLS {r['cls']:.3f} TBT {r['tbt']:4.0f} ms"
                      + (f"  below 0.9: {', '.join(r['failing'])}" if r["failing"] else ""), flush=True)
    finally:
        for server in servers.values():
            server.stop()
    (work / "summary.json").write_text(json.dumps({f"{k[0]}|{k[1]}": v for k, v in results.items()},
                                                  ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
