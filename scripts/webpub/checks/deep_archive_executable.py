"""WP124: archive-executable — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP124"
NAME = "archive-executable"
DESCRIPTION = "ไฟล์บีบอัดต้องไม่มีโปรแกรมหรือสคริปต์ (no executables or scripts inside archives)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
