"""WP022: links to pages, folders and files of the site land on something that exists."""

from __future__ import annotations

import difflib
import os
import posixpath
from collections.abc import Iterator

from webpub.rendering import htmlscan, links
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP022"
NAME = "internal-links"
DESCRIPTION = t("checks.internal_links_description")


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    locator = None
    for link in links.local_links(page, ctx):
        if link.kind not in ("missing", "outside"):
            continue
        locator = locator or htmlscan.Locator(page)
        line = locator.line(*link.needles)
        if link.kind == "outside":
            yield page.finding(
                ID, line, t("checks.internal_links_outside", path=link.path), t("checks.internal_links_outside_hint"))
        else:
            yield page.finding(ID, line, _missing_message(link), _missing_hint(ctx, link))


def _missing_message(link) -> str:
    if link.path.endswith("/"):
        return t("checks.internal_links_no_index", path=link.path, target=link.target)
    return t("checks.internal_links_missing", path=link.path, target=link.target)


def _missing_hint(ctx, link) -> str:
    hint = t("checks.internal_links_missing_hint")
    folder, name = posixpath.split(link.target.rstrip("/"))
    try:
        siblings = os.listdir(ctx.repo.root / folder)
    except OSError:
        return hint
    close = difflib.get_close_matches(name, siblings, n=1, cutoff=0.6)
    return t("checks.internal_links_close_hint", hint=hint, name=close[0]) if close else hint
