"""WP129: archive-unreadable — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP129"
NAME = "archive-unreadable"
DESCRIPTION = "ไฟล์บีบอัดต้องอ่านสารบัญได้ (archives must have a readable directory)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
