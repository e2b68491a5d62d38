"""WP101: pdf-embedded-file — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP101"
NAME = "pdf-embedded-file"
DESCRIPTION = "PDF ต้องไม่มีไฟล์อื่นฝังอยู่ (no embedded files in PDFs)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
