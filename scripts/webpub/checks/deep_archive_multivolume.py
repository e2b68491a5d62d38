"""WP128: archive-multivolume — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP128"
NAME = "archive-multivolume"
DESCRIPTION = "ไฟล์ RAR ต้องไม่เป็นชุดหลายส่วน (no multi-volume RAR sets)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
