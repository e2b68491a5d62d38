"""WP042: images and anything else the page loads come over https:// or from the site.

An image over plain ``http://`` on an ``https://`` page is mixed content: browsers
block or flag it, and anyone on the network can swap the picture. Links (``<a
href="http://…">``) are navigation, not loaded, and stay allowed; ``//host`` is
WP024's, other schemes WP025's.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.rendering import htmlscan
from webpub.core.results import Finding

ID = "WP042"
NAME = "media-https"
DESCRIPTION = "ภาพและไฟล์ที่ฝังในหน้าต้องมาทาง https:// หรือจากเว็บไซต์เอง (images and embeds over https only)"
LOADED = {"src", "srcset", "poster", "data", "background"}


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    locator = htmlscan.Locator(page)
    for tag in htmlscan.scan(page, ctx).tags:
        for name, value in tag.attrs:
            if name not in LOADED or not value:
                continue
            urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
            for url in urls:
                if htmlscan.url_scheme(url) == "http":
                    line = locator.line(tag.raw_value(name), url, tag.raw)
                    yield page.finding(
                        ID, line,
                        f"ภาพหรือไฟล์ที่ฝังในหน้า ({htmlscan.browser_url(url)[:80]}) โหลดผ่าน http:// ซึ่งไม่เข้ารหัส "
                        "เบราว์เซอร์จะบล็อกหรือเตือน (mixed content) และผู้อื่นสลับเนื้อหาระหว่างทางได้",
                        "เปลี่ยนเป็น https:// ถ้าเว็บต้นทางรองรับ หรือดาวน์โหลดภาพมาเก็บไว้ในโฟลเดอร์ของหน้า "
                        "แล้วอ้างด้วยชื่อไฟล์ (อย่าลืมเพิ่มใน attachments)")
