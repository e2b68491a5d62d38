"""WP011: items of categories that cite outside material carry ``source``.

Required where the category has ``source_required: true`` or lists ``source``
among its (or its topic's) ``required_fields`` — the guideline asks that laws and
knowledge items show where they come from.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.content.catrules import source_required
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP011"
NAME = "source-required"
DESCRIPTION = t("checks.source_required_description")


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok or not source_required(ctx.repo, page.category, page.topic):
        return
    if "source" in page.meta:
        return  # a blank, empty or malformed value is WP005's
    category = ctx.repo.categories.get(page.category or "") or {}
    yield page.finding(
        ID, page.line_of("category"),
        t("checks.source_required", category=page.category, name=category.get("name_th", "")),
        t("checks.source_required_hint"),
    )
