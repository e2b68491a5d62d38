"""WP102: pdf-encrypted — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP102"
NAME = "pdf-encrypted"
DESCRIPTION = "PDF ต้องไม่เข้ารหัสหรือล็อกสิทธิ์ (no encrypted PDFs)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
