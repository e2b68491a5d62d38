"""WP012: dates that follow one another do: nothing ends, changes or is reviewed before it is published."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.dates import parse_iso_date
from webpub.dates import thai_date
from webpub.core.results import Finding

ID = "WP012"
NAME = "date-order"
DESCRIPTION = "ลำดับวันที่ต้องสมเหตุสมผล เช่น expires ไม่ก่อน published (date order)"

# (later, earlier, Thai name of the later date): the later may equal the earlier.
ORDER = (
    (("expires",), ("published",), "วันสิ้นสุดการเผยแพร่"),
    (("updated",), ("published",), "วันที่ปรับปรุง"),
    (("review_by",), ("published",), "วันที่ต้องทบทวน"),
    (("withdrawn", "on"), ("published",), "วันที่นำลงจากเว็บไซต์"),
    (("dataset", "last_updated_date"), ("dataset", "created_date"), "วันที่ปรับปรุงชุดข้อมูล"),
)


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    for later_key, earlier_key, later_th in ORDER:
        later = parse_iso_date(page.get(*later_key))
        earlier = parse_iso_date(page.get(*earlier_key))
        if later and earlier and later < earlier:
            later_name, earlier_name = ".".join(later_key), ".".join(earlier_key)
            yield page.finding(
                ID, page.line_of(*later_key),
                f"{later_th} ({later_name}: {later}, {thai_date(later)}) มาก่อน {earlier_name} ({earlier}, {thai_date(earlier)})",
                f"{later_name} ต้องไม่ก่อน {earlier_name} — ตรวจว่าพิมพ์ปีหรือเดือนสลับกันหรือไม่",
            )
