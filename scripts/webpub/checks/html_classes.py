"""WP041: classes come only from Markdown syntax, and none of them hides content.

A theme class can hide text that still ships in the page source — ``md-visually-
hidden``, Material's ``tabbed-block`` outside a tab set, ``footnote-backref``
(shrunk to nothing until hovered), ``.highlight code a[id]`` — the same leak WP025
refuses for HTML comments, and ``md-*`` classes can dress content up as the
site's own header or banner. So HTML written into a page may carry no class at
all, and every class in the rendered page must be one the extensions make, on the
tag they make it on (``classes`` in ``schema/html-allowlist.yml``): admonition and
details types, footnotes, highlighted code. A closed ``??? note`` is fine: it
opens on click.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.rendering import allowlist, htmlscan, htmltokens
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP041"
NAME = "html-classes"
DESCRIPTION = t("checks.html_classes_description")
RAW_HINT = t("checks.html_classes_raw_hint")


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    rules = allowlist.for_repo(ctx.repo)
    scan = htmlscan.scan(page, ctx)
    locator = htmlscan.Locator(page)
    written = _written_tags(ctx.raw_html(page))
    seen: set[tuple[int, str]] = set()
    for tag in scan.tags:
        value = tag.get("class")
        if not value:
            continue
        refused = []
        if tag.raw in written:
            message = t("checks.html_classes_raw", value=value[:60], tag=tag.name)
            hint = RAW_HINT
        else:
            refused = [name for name in value.split() if not rules.allows_class(tag.name, name)]
            if not refused:
                continue
            message = t("checks.html_classes_refused", names=" ".join(refused)[:60], tag=tag.name)
            hint = t("checks.html_classes_refused_hint")
        line = locator.line(tag.raw, *(f" {name}" for name in refused), *refused, f"class=\"{value}")
        if (line, message) not in seen:
            seen.add((line, message))
            yield page.finding(ID, line, message, hint)


def _written_tags(pieces: list[str]) -> set[str]:
    """The start tags (as written) of the HTML the author put into the page."""
    return {piece[tag.offset:tag.end] for piece in pieces if "class" in piece.lower()
            for tag in htmltokens.start_tags(piece)}
