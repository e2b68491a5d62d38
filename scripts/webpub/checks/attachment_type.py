"""WP017: an attachment's extension is allowed for the page's category.

The base list is ``allowed`` in ``schema/file-rules.yml``; a category adds its
``attachment_extras`` (e.g. open data may carry .csv, .json, .kml).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from webpub.core.results import Finding
from webpub.messages import t

ID = "WP017"
NAME = "attachment-type"
DESCRIPTION = t("attachments.type_description")


def check(page, ctx) -> Iterator[Finding]:
    items = page.get("attachments") if page.ok else None
    if not isinstance(items, list):
        return
    allowed = ctx.repo.allowed_extensions(page.category)
    for index, item in enumerate(items):
        file = item.get("file") if isinstance(item, dict) else None
        if not isinstance(file, str) or not file:
            continue
        ext = posixpath.splitext(file)[1].lower()
        if ext in allowed:
            continue
        key = "type_refused" if page.category in ctx.repo.categories else "type_refused_site"
        yield page.finding(
            ID, page.line_of("attachments", index, "file"),
            t(f"attachments.{key}" if ext else f"attachments.{key}_no_ext", category=page.category, ext=ext, file=file),
            t("attachments.type_hint", allowed=" ".join(allowed)),
        )
