"""WP123: archive-encrypted — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP123"
NAME = "archive-encrypted"
DESCRIPTION = "ไฟล์บีบอัดต้องไม่ตั้งรหัสผ่าน (no encrypted entries or headers)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
