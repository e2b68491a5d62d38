"""WP131: image-pixel-bomb — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP131"
NAME = "image-pixel-bomb"
DESCRIPTION = "ภาพต้องมีจำนวนพิกเซลไม่เกินกำหนด (pixel-count bomb)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
