"""WP031: a file the body links to (image, document) is listed in ``attachments``.

The approval digest covers the files listed in ``attachments`` only; a picture or
document that is linked but not listed could be swapped after approval without
anyone signing again.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from webpub.rendering import htmlscan, links
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP031"
NAME = "linked-files-listed"
DESCRIPTION = t("checks.linked_files_listed_description")


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    listed = None
    locator = None
    reported = set()
    for link in links.local_links(page, ctx):
        if link.kind != "file" or link.target in reported:
            continue
        listed = listed if listed is not None else links.attachment_targets(page)
        if link.target in listed:
            continue
        reported.add(link.target)
        locator = locator or htmlscan.Locator(page)
        relative = posixpath.relpath(link.target, posixpath.dirname(page.path))
        yield page.finding(
            ID, locator.line(*link.needles),
            t("checks.linked_files_listed", file=relative),
            t("checks.linked_files_listed_hint", file=relative),
        )
