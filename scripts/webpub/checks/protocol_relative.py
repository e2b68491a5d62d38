"""WP024: no protocol-relative links (``//host/x``, ``\\\\host``): they silently follow
whatever scheme the page was opened with and hide where they go."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.rendering import htmlscan, links
from webpub.core.results import Finding

ID = "WP024"
NAME = "protocol-relative-links"
DESCRIPTION = "ห้ามใช้ลิงก์แบบ //โดเมน ที่ไม่ระบุ https (no protocol-relative links)"


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    locator = None
    for link in links.local_links(page, ctx):
        if link.kind != "protocol-relative":
            continue
        locator = locator or htmlscan.Locator(page)
        shown = link.value[:80]
        yield page.finding(
            ID, locator.line(*link.needles),
            f"ลิงก์ {shown} ไม่ระบุโปรโตคอล (ขึ้นต้นด้วย // หรือ \\\\) ปลายทางจึงไม่ชัดเจน",
            f"เขียนลิงก์ภายนอกให้เต็ม เช่น https:{link.value.lstrip(chr(92)).replace(chr(92), '/')[:60]} "
            "หรือใช้ลิงก์สัมพัทธ์สำหรับหน้าในเว็บไซต์",
        )
