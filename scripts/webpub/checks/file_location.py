"""WP027: a page lives under its category's folder and has a stable URL-safe name.

The folder is ``content/<dir>/`` with ``dir`` from ``schema/categories.yml``; every
folder and file name is lowercase ASCII ``[a-z0-9-]`` with a ``.md`` extension, so
addresses never change with spelling, case or encoding.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from webpub.model import Finding

ID = "WP027"
NAME = "file-location"
DESCRIPTION = "ไฟล์ต้องอยู่ในโฟลเดอร์ของหมวดหมู่ และตั้งชื่อด้วย a-z 0-9 - เท่านั้น (file location and name)"

SEGMENT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check(page, ctx) -> Iterator[Finding]:
    parts = page.path.split("/")[1:]  # below content/
    folders, name = parts[:-1], parts[-1]
    yield from _name_findings(page, folders, name)
    if page.ok:
        yield from _location_findings(page, ctx.repo, folders)


def _name_findings(page, folders, name) -> Iterator[Finding]:
    stem, dot, ext = name.rpartition(".")
    bad_folders = [f for f in folders if not SEGMENT.match(f)]
    if bad_folders:
        yield page.finding(ID, 1, f"ชื่อโฟลเดอร์ '{bad_folders[0]}' มีอักขระที่ไม่ใช่ a-z 0-9 หรือ -",
                           f"เปลี่ยนชื่อโฟลเดอร์เป็น '{suggest_slug(bad_folders[0]) or 'ชื่อภาษาอังกฤษตัวเล็ก'}' "
                           "(ใช้ git mv เพื่อเก็บประวัติ)")
    if not (dot and ext == "md" and SEGMENT.match(stem)):
        better = suggest_slug(stem) or _fallback(page)
        yield page.finding(ID, 1, f"ชื่อไฟล์ '{name}' ต้องเป็นตัวอักษร a-z ตัวเลข 0-9 และ - เท่านั้น ลงท้าย .md",
                           f"เปลี่ยนชื่อเป็น {better}.md เช่น git mv \"{page.path}\" "
                           f"\"{'/'.join(page.path.split('/')[:-1])}/{better}.md\" — ชื่อไฟล์เป็นส่วนหนึ่งของที่อยู่เว็บ")


def _location_findings(page, repo, folders) -> Iterator[Finding]:
    category = repo.categories.get(page.category or "")
    if not category:
        return  # unknown or missing category: WP007/WP009
    wanted = category.get("dir")
    if not folders or folders[0] != wanted:
        name = page.path.split("/")[-1]
        yield page.finding(
            ID, page.line_of("category"),
            f"หน้าหมวด {page.category} ({category.get('name_th', '')}) ต้องอยู่ในโฟลเดอร์ content/{wanted}/",
            f"ย้ายไฟล์ด้วย git mv \"{page.path}\" \"content/{wanted}/{name}\" หรือแก้ category ให้ตรงกับโฟลเดอร์",
        )


def suggest_slug(text: str) -> str:
    """Lowercase ASCII with hyphens; empty when nothing Latin is left (e.g. a Thai name)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def _fallback(page) -> str:
    published = page.get("published") if page.ok else None
    topic = page.topic if page.ok else None
    pieces = [str(p) for p in (published, topic) if isinstance(p, str) and p]
    return suggest_slug("-".join(pieces)) or "page-name"
