"""WP125: archive-nested — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP125"
NAME = "archive-nested"
DESCRIPTION = "ไฟล์บีบอัดต้องไม่มีไฟล์บีบอัดซ้อน (no nested archives)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
