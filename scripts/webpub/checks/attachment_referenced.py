"""WP021: an attachment file is referenced by some page.

Only the pages that may reference it are read: the ``.md`` files in the file's own
folder and in each parent folder up to ``content/`` (attachments may not reach
above their page's folder, WP016). A page references the file when its text
contains the file's path relative to that page, in its ``attachments`` or in a link.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from urllib.parse import quote

from webpub.model import Finding

ID = "WP021"
NAME = "attachment-referenced"
DESCRIPTION = "ไฟล์แนบทุกไฟล์ต้องมีหน้าที่อ้างถึง (every attachment is referenced by a page)"

_texts: dict[tuple[str, int, int], str] = {}
_listings: dict[tuple[str, int], list[str]] = {}


def check_asset(asset, ctx) -> Iterator[Finding]:
    if asset.ext not in ctx.repo.all_allowed_extensions():
        return  # WP020 already says the file does not belong here
    folder = posixpath.dirname(asset.path)
    while folder.startswith("content"):
        for page in _pages_in(ctx, folder):
            if _mentions(ctx, page, asset.path):
                return
        if folder == "content":
            break
        folder = posixpath.dirname(folder)
    # Cache entries only notice changed files they looked at, not new pages; a stat
    # that can never match makes the engine look at an orphan again on the next run.
    ctx.index.deps[posixpath.dirname(asset.path)] = (-1, -1)
    yield asset.finding(
        ID, 1,
        "ไม่มีหน้าใดอ้างถึงไฟล์นี้ ทั้งใน attachments และลิงก์ในเนื้อหา",
        "เพิ่มไฟล์นี้ใน attachments ของหน้าที่เกี่ยวข้อง (หน้าในโฟลเดอร์เดียวกันหรือโฟลเดอร์แม่) "
        "หรือลบไฟล์ออกถ้าไม่ใช้แล้ว",
    )


def _pages_in(ctx, folder: str) -> list[str]:
    path = ctx.repo.root / folder
    try:
        key = (str(path), os.stat(path).st_mtime_ns)
    except OSError:
        return []
    if key not in _listings:
        _listings[key] = sorted(f"{folder}/{name}" for name in os.listdir(path) if name.lower().endswith(".md"))
    return _listings[key]


def _mentions(ctx, page: str, target: str) -> bool:
    if not ctx.index.exists(page):  # also records the page as a dependency
        return False
    text = _text(ctx.repo.root / page)
    relative = posixpath.relpath(target, posixpath.dirname(page))
    for spelling in {relative, quote(relative)}:
        if re.search(r"(?<![\w.-])" + re.escape(spelling) + r"(?![\w.-])", text):
            return True
    return False


def _text(path) -> str:
    st = os.stat(path)
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _texts:
        if len(_texts) > 4096:
            _texts.clear()
        _texts[key] = path.read_bytes().decode("utf-8", "replace")
    return _texts[key]
