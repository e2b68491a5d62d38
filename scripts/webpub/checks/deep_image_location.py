"""WP130: image-location — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP130"
NAME = "image-location"
DESCRIPTION = "ภาพต้องไม่มีข้อมูลตำแหน่ง GPS/XMP/IPTC (no location metadata in images)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
