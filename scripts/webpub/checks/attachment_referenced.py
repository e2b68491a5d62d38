"""WP021: an attachment file is referenced by some page.

Only the pages that may reference it are read: the ``.md`` files in the file's own
folder and in each parent folder up to ``content/`` (attachments may not reach
above their page's folder, WP016). A page references the file when its text
names the file's path relative to the page, in ``attachments`` or in a link.

Each folder's pages are read once per check run: every file name with an allowed
extension in them is resolved to a repository path, so looking up an attachment
is a dictionary lookup however many pages the folder holds.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from urllib.parse import unquote

from webpub.core.results import Finding
from webpub.messages import t

ID = "WP021"
NAME = "attachment-referenced"
DESCRIPTION = t("attachments.referenced_description")

_RUN_KEY = "attachment_references"


def check_asset(asset, ctx) -> Iterator[Finding]:
    allowed = ctx.repo.all_allowed_extensions()
    if asset.ext not in allowed:
        return  # WP020 already says the file does not belong here
    folder = posixpath.dirname(asset.path)
    while folder.startswith("content"):
        page = _references(ctx, folder, allowed).get(asset.path)
        if page is not None:
            ctx.index.exists(page)  # the finding depends on that page still naming the file
            return
        if folder == "content":
            break
        folder = posixpath.dirname(folder)
    _depend_on_possible_referrers(ctx, posixpath.dirname(asset.path))
    yield asset.finding(
        ID, 1,
        t("attachments.referenced_none"),
        t("attachments.referenced_none_hint"),
    )


def _depend_on_possible_referrers(ctx, folder: str) -> None:
    """An orphan stays an orphan until a page in these folders changes or appears."""
    while folder.startswith("content"):
        for name in ctx.index.folder(folder):
            if name.lower().endswith(".md"):
                ctx.index.exists(f"{folder}/{name}")
        if folder == "content":
            break
        folder = posixpath.dirname(folder)


def _references(ctx, folder: str, allowed) -> dict[str, str]:
    """Repository path of every file named by the pages of ``folder`` -> one such page."""
    per_run = ctx.run_facts.setdefault(_RUN_KEY, {})  # files do not change during one check run
    if folder not in per_run:
        per_run[folder] = _read_folder(ctx, folder, _name_pattern(allowed))
    return per_run[folder]


def _name_pattern(allowed) -> re.Pattern:
    """Matches the extension at the end of a file name; the name's start is found
    backwards from there (cheaper than trying a name at every position of Thai text)."""
    exts = "|".join(sorted(re.escape(ext) for ext in allowed))
    return re.compile(r"(?:" + exts + r")(?![\w.-])", re.I)


_NAME_TAIL = re.compile(r"""[^\s()\[\]<>"'`|]*$""")


def _names(text: str, pattern: re.Pattern):
    for match in pattern.finditer(text):
        head = _NAME_TAIL.search(text, max(0, match.start() - 400), match.start())
        name = head.group() + match.group()
        if len(name) > len(match.group()):
            yield name


def _read_folder(ctx, folder: str, pattern: re.Pattern) -> dict[str, str]:
    found: dict[str, str] = {}
    try:
        names = sorted(n for n in os.listdir(ctx.repo.root / folder) if n.lower().endswith(".md"))
    except OSError:
        return found
    for name in names:
        page = f"{folder}/{name}"
        try:
            text = (ctx.repo.root / page).read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        for name_in_text in _names(text, pattern):
            target = posixpath.normpath(posixpath.join(folder, unquote(name_in_text)))
            found.setdefault(target, page)
    return found
