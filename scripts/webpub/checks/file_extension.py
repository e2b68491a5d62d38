"""WP020: every non-page file under content/ has an extension some category allows.

Catches stray files that would be published as they are: programs (.exe), web
pages (.html, .svg, .js), office temp files, files without an extension.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from webpub.files import sniff
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP020"
NAME = "file-extension"
DESCRIPTION = t("attachments.extension_description")

IGNORED_NAMES = frozenset({".gitkeep"})


def check_asset(asset, ctx) -> Iterator[Finding]:
    name = posixpath.basename(asset.path)
    allowed = ctx.repo.all_allowed_extensions()
    if asset.ext in allowed or name in IGNORED_NAMES:
        return
    key = "extension_refused" if asset.ext else "extension_refused_no_ext"
    kind = sniff.detect_asset(asset)
    if kind.refused:
        key += "_dangerous"
    yield asset.finding(
        ID, 1,
        t(f"attachments.{key}", ext=asset.ext, actual=sniff.describe(kind)),
        t("attachments.extension_hint", allowed=" ".join(sorted(allowed))),
    )
