"""WP023: a link's #anchor names an id that exists on the page it points to.

Heading ids come from the site's own Thai-preserving slug (``webpub.slug``), so
``#ความเป็นมา`` works; footnote ids and ids of allowed raw HTML count too.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.rendering import htmlscan, links
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP023"
NAME = "link-anchors"
DESCRIPTION = t("checks.link_anchors_description")


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    locator = None
    for link in links.local_links(page, ctx):
        if not link.fragment or link.kind not in ("own-anchor", "page", "folder"):
            continue
        if not link.target.lower().endswith(".md") and link.kind != "own-anchor":
            continue
        ids = htmlscan.scan(page, ctx).ids if link.kind == "own-anchor" else ctx.index.anchors(link.target)
        if link.fragment in ids:
            continue
        locator = locator or htmlscan.Locator(page)
        yield page.finding(
            ID, locator.line(*link.needles, "#" + link.fragment),
            t("checks.link_anchors_own", fragment=link.fragment) if link.kind == "own-anchor"
            else t("checks.link_anchors_other", fragment=link.fragment, target=link.target),
            _hint(ids, link.fragment),
        )


def _hint(ids, fragment: str) -> str:
    base = t("checks.link_anchors_hint")
    headings = sorted(i for i in ids if ":" not in i)[:5]
    return base + (t("checks.link_anchors_existing", anchors=", ".join("#" + h for h in headings)) if headings else "")
