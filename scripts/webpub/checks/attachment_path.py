"""WP016: every file listed in ``attachments`` exists as a file in the page's folder tree.

``file`` is a path relative to the page's folder. It may go into subfolders but
not above the page's folder (no ``..`` out of it), so each attachment belongs to
the pages beside or above it and the unreferenced-file rule can find its page.
"""

from __future__ import annotations

import difflib
import os
import posixpath
from collections.abc import Iterator

from webpub import names

from webpub.rendering import htmlscan
from webpub.content import attachments
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP016"
NAME = "attachment-path"
DESCRIPTION = t("attachments.path_description")


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    folder = posixpath.dirname(page.path)
    for index, file in attachments.entries(page.meta):  # ill-formed entries: the schema rule reports the shape
        problem = _problem(ctx, folder, file)
        if problem:
            yield page.finding(ID, page.line_of("attachments", index, "file"), *problem)


def _problem(ctx, folder: str, file: str) -> tuple[str, str] | None:
    if names.impossible_char(file) is not None:
        return None  # no file can have this name: WP027 names the character
    if "\\" in file:
        return (t("attachments.path_backslash", file=file),
                t("attachments.path_backslash_hint", fixed=file.replace(chr(92), "/")))
    if file.startswith("/") or htmlscan.url_scheme(file) or htmlscan.is_protocol_relative(file):
        return t("attachments.path_absolute", file=file), t("attachments.path_absolute_hint")
    target = attachments.resolve(folder + "/", file)
    if not target.startswith(folder + "/"):
        return t("attachments.path_outside", file=file, folder=folder), t("attachments.path_outside_hint")
    if target.lower().endswith(".md"):
        return t("attachments.path_page", file=file), t("attachments.path_page_hint")
    if ctx.index.exists(target):
        return None
    if os.path.isdir(ctx.repo.root / target):
        return t("attachments.path_folder", file=file), t("attachments.path_folder_hint")
    return t("attachments.path_missing", file=file, target=target), _missing_hint(ctx, target)


def _missing_hint(ctx, target: str) -> str:
    hint = t("attachments.path_missing_hint")
    folder, name = posixpath.split(target)
    try:
        close = difflib.get_close_matches(name, os.listdir(ctx.repo.root / folder), n=1, cutoff=0.6)
    except OSError:
        return hint
    return t("attachments.path_missing_close", hint=hint, close=close[0]) if close else hint
