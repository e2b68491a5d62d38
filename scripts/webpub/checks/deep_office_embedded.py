"""WP115: office-embedded-package — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP115"
NAME = "office-embedded-package"
DESCRIPTION = "เอกสาร Office ต้องไม่มีไฟล์ฝังแบบ Package/OLE (no embedded packages)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
