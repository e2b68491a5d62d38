"""WP126: archive-too-many-entries — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP126"
NAME = "archive-too-many-entries"
DESCRIPTION = "ไฟล์บีบอัดต้องมีจำนวนรายการไม่เกินกำหนด (entry count cap)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
