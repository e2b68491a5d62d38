"""WP103: pdf-bomb — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP103"
NAME = "pdf-bomb"
DESCRIPTION = "PDF ต้องไม่เป็นระเบิดการบีบอัด (no decompression bombs in PDFs)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
