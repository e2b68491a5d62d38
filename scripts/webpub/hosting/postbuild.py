"""The build's last writing step for serving from the agency's own server: each page's
content security policy and the precompressed ``.gz`` and ``.br`` copies.

Runs on the finished output (after MkDocs, the forms, the sitemap and the search
index), so whatever any template or generator wrote is covered: every inline script
and style of a page is hashed into that page's ``<meta>`` policy (``webpub.hosting.csp``),
inserted before the first of them. Style attributes and event handlers cannot be
hashed without ``'unsafe-hashes'``; the output checks refuse them (WP320, WP305).

Text files are precompressed once here (gzip 9; Brotli 11 for the theme's shared files
under ``assets/``, which every visitor downloads and which are few, Brotli 7 for the
pages, feeds and index shards: 8x faster than 11 for some 9 % more bytes, so a
10,000-page build stays within its time budget), so the server never compresses per request (nginx ``gzip_static`` and a
``try_files`` on ``Accept-Encoding`` for ``.br``; Apache ``mod_rewrite``). A copy
that would not be smaller is not written.
"""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

from webpub.core import runner
from webpub.rendering import htmltokens
from webpub.hosting.csp import page_policy, source_hash

COMPRESSIBLE = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".map", ".webmanifest"})
MIN_SIZE = 512
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
CSP_META = '<meta http-equiv="Content-Security-Policy" content="{policy}">'


def add_policy(html: str) -> str:
    """``html`` with its own content security policy inserted before its first inline
    script or style (unchanged if it already has one or has no ``<head>``)."""
    scripts: list[str] = []
    styles: list[str] = []
    first = None
    for tag in htmltokens.start_tags(html):
        if tag.name == "meta" and tag.attrs.get("http-equiv", "").lower() == "content-security-policy":
            return html
        inline_script = tag.name == "script" and "src" not in tag.attrs \
            and tag.attrs.get("type", "").strip().lower() in SCRIPT_TYPES
        if inline_script or tag.name == "style":
            bucket = scripts if tag.name == "script" else styles
            digest = source_hash(tag.text)
            if digest not in bucket:
                bucket.append(digest)
            first = tag.offset if first is None else first
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None or (first is not None and anchor.end() > first):
        return html  # no place before the first inline code: the browser test and WP301 see it
    meta = CSP_META.format(policy=page_policy(scripts, styles))
    return html[:anchor.end()] + meta + html[anchor.end():]


def compress(path: Path, shared: bool = True) -> None:
    """Write ``path.gz`` and ``path.br`` beside ``path`` when smaller than it (Brotli's
    highest quality for ``shared`` files, a fast one for pages)."""
    import brotli

    data = path.read_bytes()
    gz = gzip.compress(data, compresslevel=9, mtime=0)
    br = brotli.compress(data, quality=11 if shared else 7, mode=brotli.MODE_TEXT)
    for suffix, packed in ((".gz", gz), (".br", br)):
        target = path.with_name(path.name + suffix)
        if len(packed) < len(data):
            target.write_bytes(packed)
        elif target.exists():
            target.unlink()


def _finish_one(job: tuple[str, bool]) -> None:
    path_text, shared = job
    path = Path(path_text)
    if path.suffix == ".html":
        html = path.read_text(encoding="utf-8")
        updated = add_policy(html)
        if updated != html:
            path.write_text(updated, encoding="utf-8")
    if path.suffix in COMPRESSIBLE and path.stat().st_size >= MIN_SIZE:
        compress(path, shared)


def finish(site_dir: Path, jobs: int | None = None) -> int:
    """Add each page's policy and precompress the text files of ``site_dir``; the
    number of files looked at."""
    paths = []
    assets = str(site_dir / "assets") + os.sep
    for folder, dirs, files in os.walk(site_dir):
        dirs.sort()
        for name in sorted(files):
            if Path(name).suffix in COMPRESSIBLE:
                path = os.path.join(folder, name)
                paths.append((path, path.startswith(assets)))
    runner.map_in_order(_finish_one, paths, runner.workers_for(len(paths), jobs, "site-output"),
                        start="forkserver")
    return len(paths)
