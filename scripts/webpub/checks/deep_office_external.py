"""WP111: office-external-relationship — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP111"
NAME = "office-external-relationship"
DESCRIPTION = "เอกสาร Office ต้องไม่โหลดแม่แบบ อ็อบเจกต์ หรือภาพจากภายนอก (no external template/link relationships)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
