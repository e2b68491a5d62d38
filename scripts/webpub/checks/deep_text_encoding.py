"""WP140: text-encoding — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP140"
NAME = "text-encoding"
DESCRIPTION = "ไฟล์ข้อความและ CSV ต้องเข้ารหัส UTF-8 (text and CSV attachments must be UTF-8)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
