"""WP127: archive-bomb — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP127"
NAME = "archive-bomb"
DESCRIPTION = "ไฟล์บีบอัดต้องไม่เป็นระเบิดการบีบอัด (no compression-ratio or overlapping-entry bombs)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
