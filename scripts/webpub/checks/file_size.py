"""WP018: each file under content/ is at most ``max_bytes`` (4 MB = 4,194,304 bytes)."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.core.results import Finding
from webpub.messages import t

ID = "WP018"
NAME = "file-size"
DESCRIPTION = t("attachments.size_description")


def check_asset(asset, ctx) -> Iterator[Finding]:
    limit = int(ctx.repo.file_rules.get("max_bytes", 4 * 1024 * 1024))
    if asset.size <= limit:
        return
    yield asset.finding(
        ID, 1,
        t("attachments.size_over", size=asset.size, size_mb=asset.size / 1048576, limit=limit,
          limit_mb=limit / 1048576),
        t("attachments.size_over_hint"),
    )
