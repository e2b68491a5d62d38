"""WP100: pdf-active-content — see webpub.inspect for how the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.inspect import findings_for
from webpub.results import Finding

ID = "WP100"
NAME = "pdf-active-content"
DESCRIPTION = "PDF ต้องไม่มี JavaScript คำสั่ง Launch หรือคำสั่งอัตโนมัติเมื่อเปิดไฟล์ (no JavaScript, launch or auto-run actions in PDFs)"


def check_asset(asset, ctx) -> Iterator[Finding]:
    yield from findings_for(asset, ctx, ID)
