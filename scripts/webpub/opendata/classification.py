"""Whether a dataset's own metadata says it is not public: one decision for the
content rule (WP043) and ``webpub opendata export``.

The Government Data Catalog classes data as ข้อมูลสาธารณะ (public),
ข้อมูลส่วนบุคคล (personal), ข้อมูลความมั่นคง (security) and
ข้อมูลความลับทางราชการ (official secret, with the classes ลับที่สุด, ลับมาก,
ลับ of the official-secrets regulation, and ปกปิด). Only public data may go on the
website with its files. Besides ``data_category``, the free-text access
condition and the tags are read for a class written out ("ชั้นความลับ: ลับ",
"restricted", "secret"); a negation just before it ("ไม่มีชั้นความลับ", "not
secret", "unrestricted") is not a class.
"""

from __future__ import annotations

import re

from webpub.messages import t

PUBLIC = "ข้อมูลสาธารณะ"  # catalogue-exempt: a data_category value of data.go.th
NOT_PUBLIC = {  # data_category value of data.go.th -> how a message names it (catalogue key)
    "ข้อมูลความลับทางราชการ": "opendata.class_secret",  # catalogue-exempt: a data.go.th value
    "ข้อมูลความมั่นคง": "opendata.class_security",  # catalogue-exempt: a data.go.th value
    "ข้อมูลส่วนบุคคล": "opendata.class_personal",  # catalogue-exempt: a data.go.th value
}
# A class written out in free text (what people type, not a message).
_MARKER = re.compile(
    r"ชั้นความลับ|ลับที่สุด|ลับมาก|ความลับ(?:ทางราชการ|ของทางราชการ)|ข้อมูลลับ|เอกสารลับ|ชั้นปกปิด|ชั้นลับ"  # catalogue-exempt: recognises what people type
    r"|(?:^|(?<=[\s:：(\[\"'“,]))(?:ลับ|ปกปิด)(?=$|[\s)\]\"'”,.])"  # catalogue-exempt: recognises what people type
    r"|\b(?:top[\s-]*secret|secret|confidential|restricted|classified)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"(?:ไม่มี|ไม่ใช่|ไม่เป็น|ไม่ได้เป็น|ไม่|ยกเลิก|เปิดเผยได้ ไม่)\s*$|\b(?:not|no|non|un)[\s-]*$",  # catalogue-exempt: recognises what people type
                       re.IGNORECASE)
TEXT_FIELDS = ("accessible_condition",)


def classification(dataset) -> tuple[tuple[str, ...], str] | None:
    """(key path inside ``dataset``, the class as the metadata says it) when not public, else None."""
    if not isinstance(dataset, dict):
        return None
    category = dataset.get("data_category")
    if isinstance(category, str) and category in NOT_PUBLIC:
        return ("data_category",), t(NOT_PUBLIC[category])
    for key in TEXT_FIELDS:
        found = _marker(dataset.get(key))
        if found:
            return (key,), found
    tags = dataset.get("tag_string")
    for index, tag in enumerate(tags if isinstance(tags, list) else []):
        found = _marker(tag)
        if found:
            return ("tag_string", index), found
    return None


def _marker(value) -> str | None:
    if not isinstance(value, str):
        return None
    for match in _MARKER.finditer(value):
        if not _NEGATION.search(value[max(0, match.start() - 16):match.start()]):
            return match.group().strip()
    return None
