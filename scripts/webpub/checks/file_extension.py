"""WP020: every non-page file under content/ has an extension some category allows.

Catches stray files that would be published as they are: programs (.exe), web
pages (.html, .svg, .js), office temp files, files without an extension.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from webpub.files import sniff
from webpub.core.results import Finding

ID = "WP020"
NAME = "file-extension"
DESCRIPTION = "ไฟล์ใน content/ ต้องมีนามสกุลที่อนุญาต (only allowed file types under content/)"

IGNORED_NAMES = frozenset({".gitkeep"})


def check_asset(asset, ctx) -> Iterator[Finding]:
    name = posixpath.basename(asset.path)
    allowed = ctx.repo.all_allowed_extensions()
    if asset.ext in allowed or name in IGNORED_NAMES:
        return
    shown = f"นามสกุล {asset.ext}" if asset.ext else "ไฟล์ที่ไม่มีนามสกุล"
    kind = sniff.detect_asset(asset)
    danger = f" และเนื้อในเป็น{sniff.describe(kind)}" if kind.refused else ""
    yield asset.finding(
        ID, 1,
        f"ไม่อนุญาตให้เผยแพร่{shown}ในเว็บไซต์{danger}",
        f"ลบไฟล์นี้ออกจาก content/ หรือแปลงเป็นชนิดที่อนุญาต ({' '.join(sorted(allowed))})",
    )
