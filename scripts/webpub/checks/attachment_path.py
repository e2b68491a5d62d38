"""WP016: every file listed in ``attachments`` exists as a file in the page's folder tree.

``file`` is a path relative to the page's folder. It may go into subfolders but
not above the page's folder (no ``..`` out of it), so each attachment belongs to
the pages beside or above it and the unreferenced-file rule can find its page.
"""

from __future__ import annotations

import difflib
import os
import posixpath
from collections.abc import Iterator

from webpub import names

from webpub.rendering import htmlscan
from webpub.content import attachments
from webpub.core.results import Finding

ID = "WP016"
NAME = "attachment-path"
DESCRIPTION = "ไฟล์แนบใน attachments ต้องมีอยู่จริงและอยู่ในโฟลเดอร์ของหน้า (attachment files exist inside the page's folder)"


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    folder = posixpath.dirname(page.path)
    for index, file in attachments.entries(page.meta):  # ill-formed entries: the schema rule reports the shape
        problem = _problem(ctx, folder, file)
        if problem:
            yield page.finding(ID, page.line_of("attachments", index, "file"), *problem)


def _problem(ctx, folder: str, file: str) -> tuple[str, str] | None:
    if names.impossible_char(file) is not None:
        return None  # no file can have this name: WP027 names the character
    if "\\" in file:
        return (f"ที่อยู่ไฟล์แนบ {file} ใช้เครื่องหมาย \\ แบบ Windows",
                f"ใช้ / คั่นโฟลเดอร์ เช่น {file.replace(chr(92), '/')}")
    if file.startswith("/") or htmlscan.url_scheme(file) or htmlscan.is_protocol_relative(file):
        return (f"ไฟล์แนบ {file} ต้องเป็นที่อยู่ไฟล์ที่นับจากโฟลเดอร์ของหน้านี้ ไม่ใช่ที่อยู่เต็มหรือลิงก์เว็บ",
                "วางไฟล์ไว้ในโฟลเดอร์เดียวกับหน้า (หรือโฟลเดอร์ย่อย) แล้วเขียนเช่น file: files/report.pdf")
    target = attachments.resolve(folder + "/", file)
    if not target.startswith(folder + "/"):
        return (f"ไฟล์แนบ {file} อยู่นอกโฟลเดอร์ {folder}/ ของหน้านี้",
                "ย้ายหรือคัดลอกไฟล์มาไว้ในโฟลเดอร์ของหน้า (หรือโฟลเดอร์ย่อย) แล้วแก้ file ให้ไม่มี ../")
    if target.lower().endswith(".md"):
        return (f"ไฟล์แนบ {file} เป็นหน้าเนื้อหา (.md) ไม่ใช่ไฟล์แนบ",
                "ลิงก์ไปยังหน้านั้นในเนื้อหาแทน แล้วลบรายการนี้ออกจาก attachments")
    if ctx.index.exists(target):
        return None
    if os.path.isdir(ctx.repo.root / target):
        return (f"ไฟล์แนบ {file} เป็นโฟลเดอร์ ไม่ใช่ไฟล์", "ระบุชื่อไฟล์ในโฟลเดอร์นั้น หรือบีบอัดเป็น .zip")
    return (f"ไม่พบไฟล์แนบ {file} (ตำแหน่ง {target})", _missing_hint(ctx, target))


def _missing_hint(ctx, target: str) -> str:
    hint = "เพิ่มไฟล์เข้า git (git add) หรือแก้ชื่อใน file ให้ตรงกับชื่อไฟล์จริง รวมถึงตัวพิมพ์เล็ก-ใหญ่และนามสกุล"
    folder, name = posixpath.split(target)
    try:
        close = difflib.get_close_matches(name, os.listdir(ctx.repo.root / folder), n=1, cutoff=0.6)
    except OSError:
        return hint
    return f"{hint} — หรือหมายถึง {close[0]} ?" if close else hint
