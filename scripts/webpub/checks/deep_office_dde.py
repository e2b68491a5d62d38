"""WP113: office-dde — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP113"
NAME = "office-dde"
DESCRIPTION = "เอกสาร Office ต้องไม่มีฟิลด์หรือลิงก์ DDE (no DDE fields or links)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
