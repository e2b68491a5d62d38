"""WP023: a link's #anchor names an id that exists on the page it points to.

Heading ids come from the site's own Thai-preserving slug (``webpub.slug``), so
``#ความเป็นมา`` works; footnote ids and ids of allowed raw HTML count too.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.rendering import htmlscan, links
from webpub.core.results import Finding

ID = "WP023"
NAME = "link-anchors"
DESCRIPTION = "จุดยึด #anchor ของลิงก์ต้องมีอยู่ในหน้าปลายทาง (link anchors exist)"


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    locator = None
    for link in links.local_links(page, ctx):
        if not link.fragment or link.kind not in ("own-anchor", "page", "folder"):
            continue
        if not link.target.lower().endswith(".md") and link.kind != "own-anchor":
            continue
        ids = htmlscan.scan(page, ctx).ids if link.kind == "own-anchor" else ctx.index.anchors(link.target)
        if link.fragment in ids:
            continue
        locator = locator or htmlscan.Locator(page)
        where = "หน้านี้" if link.kind == "own-anchor" else link.target
        yield page.finding(
            ID, locator.line(*link.needles, "#" + link.fragment),
            f"ไม่พบจุดยึด #{link.fragment} ใน{where}" if link.kind == "own-anchor"
            else f"ไม่พบจุดยึด #{link.fragment} ในหน้า {where}",
            _hint(ids, link.fragment),
        )


def _hint(ids, fragment: str) -> str:
    base = ("จุดยึดของหัวข้อคือข้อความหัวข้อตัวพิมพ์เล็ก เว้นวรรคเป็น - และตัดเครื่องหมายวรรคตอนออก "
            "แก้ลิงก์ให้ตรงกับหัวข้อปัจจุบัน")
    headings = sorted(i for i in ids if ":" not in i)[:5]
    return base + (f" (จุดยึดที่มี เช่น: {', '.join('#' + h for h in headings)})" if headings else "")
