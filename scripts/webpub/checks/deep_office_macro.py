"""WP110: office-macro — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP110"
NAME = "office-macro"
DESCRIPTION = "เอกสาร Office/OpenDocument ต้องไม่มีมาโคร แผ่นงานมาโคร หรือ ActiveX (no macros)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
