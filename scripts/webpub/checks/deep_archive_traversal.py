"""WP120: archive-path-traversal — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP120"
NAME = "archive-path-traversal"
DESCRIPTION = "ชื่อรายการในไฟล์บีบอัดต้องไม่มี .. หรือเส้นทางเต็ม (no path traversal, absolute or drive paths)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
