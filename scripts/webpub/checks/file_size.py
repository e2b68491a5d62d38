"""WP018: each file under content/ is at most ``max_bytes`` (4 MB = 4,194,304 bytes)."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.core.results import Finding

ID = "WP018"
NAME = "file-size"
DESCRIPTION = "ไฟล์แนบแต่ละไฟล์ต้องมีขนาดไม่เกิน 4 MB (at most 4,194,304 bytes per file)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    limit = int(ctx.repo.file_rules.get("max_bytes", 4 * 1024 * 1024))
    if asset.size <= limit:
        return
    yield asset.finding(
        ID, 1,
        f"ไฟล์มีขนาด {asset.size:,} ไบต์ ({asset.size / 1048576:.2f} MB) เกินกำหนด {limit:,} ไบต์ ({limit / 1048576:g} MB)",
        "ลดขนาดไฟล์ เช่น บันทึก PDF แบบขนาดเล็ก (ลดความละเอียดภาพสแกนเหลือ 150 dpi) ย่อขนาดภาพ "
        "หรือแบ่งเป็นหลายไฟล์แล้วแนบทุกไฟล์",
    )
