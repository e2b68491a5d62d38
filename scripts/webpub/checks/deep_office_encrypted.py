"""WP114: office-encrypted — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP114"
NAME = "office-encrypted"
DESCRIPTION = "เอกสาร Office ต้องไม่เข้ารหัสด้วยรหัสผ่าน (no password-encrypted Office files)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
