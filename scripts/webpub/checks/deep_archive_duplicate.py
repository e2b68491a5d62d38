"""WP122: archive-duplicate-name — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP122"
NAME = "archive-duplicate-name"
DESCRIPTION = "ไฟล์บีบอัดต้องไม่มีชื่อรายการซ้ำ (no duplicate entry names)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
