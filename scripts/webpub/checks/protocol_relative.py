"""WP024: no protocol-relative links (``//host/x``, ``\\\\host``): they silently follow
whatever scheme the page was opened with and hide where they go."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.rendering import htmlscan, links
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP024"
NAME = "protocol-relative-links"
DESCRIPTION = t("checks.protocol_relative_description")


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    locator = None
    for link in links.local_links(page, ctx):
        if link.kind != "protocol-relative":
            continue
        locator = locator or htmlscan.Locator(page)
        shown = link.value[:80]
        yield page.finding(
            ID, locator.line(*link.needles),
            t("checks.protocol_relative", link=shown),
            t("checks.protocol_relative_hint", example=link.value.lstrip(chr(92)).replace(chr(92), "/")[:60]),
        )
