"""WP112: office-masquerade — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP112"
NAME = "office-masquerade"
DESCRIPTION = "ไฟล์ .docx/.xlsx ต้องไม่ใช่ .docm/.xlsm หรือชนิดอื่นที่เปลี่ยนแค่นามสกุล (no macro-enabled files renamed)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
