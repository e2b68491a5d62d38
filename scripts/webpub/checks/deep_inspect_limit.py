"""WP149: attachment-inspection-limit — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP149"
NAME = "attachment-inspection-limit"
DESCRIPTION = "ไฟล์แนบต้องตรวจเนื้อในได้ครบภายในเวลาและหน่วยความจำที่กำหนด (deep inspection must finish within bounds)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
