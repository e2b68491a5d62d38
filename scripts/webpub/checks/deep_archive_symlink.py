"""WP121: archive-symlink — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP121"
NAME = "archive-symlink"
DESCRIPTION = "ไฟล์บีบอัดต้องไม่มี symbolic link (no symlinks in archives)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
