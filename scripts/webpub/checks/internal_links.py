"""WP022: links to pages, folders and files of the site land on something that exists."""

from __future__ import annotations

import difflib
import os
import posixpath
from collections.abc import Iterator

from webpub.rendering import htmlscan, links
from webpub.core.results import Finding

ID = "WP022"
NAME = "internal-links"
DESCRIPTION = "ลิงก์ภายในเว็บไซต์ต้องชี้ไปยังหน้า โฟลเดอร์ หรือไฟล์ที่มีอยู่จริง (internal links resolve)"


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    locator = None
    for link in links.local_links(page, ctx):
        if link.kind not in ("missing", "outside"):
            continue
        locator = locator or htmlscan.Locator(page)
        line = locator.line(*link.needles)
        if link.kind == "outside":
            yield page.finding(
                ID, line, f"ลิงก์ {link.path} ชี้ออกนอกโฟลเดอร์ content/ ของเว็บไซต์",
                "ลิงก์ภายในต้องชี้ไปยังหน้าหรือไฟล์ในโฟลเดอร์ content/ เท่านั้น ตรวจจำนวน ../ ในลิงก์")
        else:
            yield page.finding(ID, line, _missing_message(link), _missing_hint(ctx, link))


def _missing_message(link) -> str:
    if link.path.endswith("/"):
        return f"ลิงก์ {link.path} ชี้ไปยังโฟลเดอร์ {link.target}/ ที่ไม่มีหน้า index.md หรือ README.md"
    return f"ลิงก์ {link.path} ชี้ไปยัง {link.target} ซึ่งไม่มีอยู่"


def _missing_hint(ctx, link) -> str:
    hint = "ลิงก์นับจากโฟลเดอร์ของหน้านี้ (ลิงก์ที่ขึ้นต้นด้วย / นับจาก content/) ตรวจชื่อไฟล์ ตัวพิมพ์เล็ก-ใหญ่ และนามสกุล"
    folder, name = posixpath.split(link.target.rstrip("/"))
    try:
        siblings = os.listdir(ctx.repo.root / folder)
    except OSError:
        return hint
    close = difflib.get_close_matches(name, siblings, n=1, cutoff=0.6)
    return f"{hint} — หรือหมายถึง {close[0]} ?" if close else hint
