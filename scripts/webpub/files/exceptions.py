"""Reviewed PDPA exceptions for attachments.

An exception lives in the frontmatter of a page that lists the file in
``attachments``: ``privacy_exceptions: [{value, reason, file}]`` with ``file``
written as in ``attachments.file``. The page's frontmatter is covered by the
approval digest, so the exception is reviewed with the page; a sidecar file next
to the attachment would not be, and is not read.
"""

from __future__ import annotations

import os
from collections import defaultdict

from webpub.thaiid import digits_of
from webpub.content import walk
from webpub.content.attachments import resolve
from webpub.content.page import load_page



def _pages(repo):
    for rel in walk.page_paths(repo):
        yield rel, os.path.join(repo.root, rel)


def build_index(repo) -> dict[str, dict]:
    """attachment path -> {"pages": [page paths], "allowed": {digits}}."""
    index: dict[str, dict] = defaultdict(lambda: {"pages": [], "allowed": set()})
    cap = repo.file_rules.get("frontmatter_max_bytes", 65536)
    for rel, path in _pages(repo):
        try:
            with open(path, "rb") as fh:
                page = load_page(rel, path, fh.read(repo.file_rules.get("page_max_bytes", 1 << 20)), cap)
        except OSError:
            continue
        if not page.ok:
            continue
        _add_page(index, page)
    return dict(index)


def _add_page(index, page) -> None:
    listed = set()
    for item in page.get("attachments") or []:
        if isinstance(item, dict) and isinstance(item.get("file"), str):
            target = resolve(page.path, item["file"])
            listed.add(target)
            index[target]["pages"].append(page.path)
    for entry in page.get("privacy_exceptions") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            continue
        target = resolve(page.path, entry["file"])
        if target in listed and len(str(entry.get("reason") or "")) >= 10:
            index[target]["allowed"].add(digits_of(str(entry.get("value") or "")))


def exceptions_for(ctx, asset_path: str) -> set[str]:
    """National IDs a reviewed page allows in this attachment; records the pages as deps."""
    index = ctx.run_facts.get("privacy_index")
    if index is None:
        index = ctx.run_facts["privacy_index"] = build_index(ctx.repo)
    entry = index.get(asset_path) or {"pages": [], "allowed": set()}
    for page in entry["pages"]:
        ctx.index.exists(page)  # a cached result is reused only while these pages are unchanged
    return entry["allowed"]
