"""WP027: a page lives under its category's folder; pages and files have stable URL-safe names.

The folder is ``content/<dir>/`` with ``dir`` from ``schema/categories.yml``; every
folder and file name is lowercase ASCII ``[a-z0-9-]`` with a lowercase extension
(``.md`` for pages), so addresses never change with spelling, case or encoding.
The same rule (``webpub.names``) holds for every attachment: each file under
``content/`` and each ``file`` a page lists in ``attachments``. Look-alike letters
and characters no file name can hold (NUL, controls, bidi marks) are named in
the message, which suggests an ASCII name.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from webpub import names
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP027"
NAME = "file-location"
DESCRIPTION = t("attachments.location_description")

SEGMENT = names.SEGMENT
suggest_slug = names.suggest_slug


def check(page, ctx) -> Iterator[Finding]:
    parts = page.path.split("/")[1:]  # below content/
    folders, name = parts[:-1], parts[-1]
    yield from _name_findings(page, folders, name)
    if page.ok:
        yield from _location_findings(page, ctx.repo, folders)
        yield from _attachment_findings(page)


def check_asset(asset, ctx) -> Iterator[Finding]:
    """Every file under content/ has a name a web address can carry."""
    parts = asset.path.split("/")[1:]
    problem = file_name_problem(parts[:-1], parts[-1])
    if problem:
        yield asset.finding(ID, 1, *problem)


def file_name_problem(folders: list[str], name: str) -> tuple[str, str] | None:
    """(message, hint) when a file's folders or name break the naming rule, else None."""
    for part in [*folders, name]:
        bad = names.impossible_char(part)
        if bad is not None:
            better = names.suggest_file_name(names.without_impossible(part)) or t("attachments.location_example_file")
            return (t("attachments.location_impossible_char", name=names.shown(part), char=names.describe(bad)),
                    t("attachments.location_impossible_char_hint", better=better))
    for part in [*folders, name]:
        char = names.lookalike(part)
        if char is not None:
            better = names.suggest_file_name(part) if part == name else names.suggest_slug(part)
            return (t("attachments.location_lookalike", name=part, char=names.describe(char)),
                    t("attachments.location_lookalike_hint", better=better))
    bad_folders = [f for f in folders if not names.segment_ok(f)]
    if bad_folders:
        return _folder_problem(bad_folders[0])
    if not names.file_name_ok(name):
        better = names.suggest_file_name(name) or t("attachments.location_file_fallback")
        return t("attachments.location_file", name=name), t("attachments.location_file_hint", better=better)
    return None


def _attachment_findings(page) -> Iterator[Finding]:
    items = page.get("attachments")
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        file = item.get("file") if isinstance(item, dict) else None
        if not isinstance(file, str) or not file or "\\" in file or file.startswith("/"):
            continue  # shape and paths: WP005, WP016
        parts = [p for p in posixpath.normpath(file).split("/") if p not in ("", ".", "..")]
        if not parts:
            continue
        problem = file_name_problem(parts[:-1], parts[-1])
        if problem:
            message, hint = problem
            yield page.finding(ID, page.line_of("attachments", index, "file"),
                               t("attachments.location_attachment", message=message), hint)


def _name_findings(page, folders, name) -> Iterator[Finding]:
    stem, dot, ext = name.rpartition(".")
    bad_folders = [f for f in folders if not SEGMENT.match(f)]
    if bad_folders:
        yield page.finding(ID, 1, *_folder_problem(bad_folders[0]))
    if not (dot and ext == "md" and SEGMENT.match(stem)):
        better = suggest_slug(stem) or _fallback(page)
        folder = "/".join(page.path.split("/")[:-1])
        yield page.finding(ID, 1, t("attachments.location_page", name=name),
                           t("attachments.location_page_hint", better=better, path=page.path, folder=folder))


def _location_findings(page, repo, folders) -> Iterator[Finding]:
    category = repo.categories.get(page.category or "")
    if not category:
        return  # unknown or missing category: WP007/WP009
    wanted = category.get("dir")
    if not folders or folders[0] != wanted:
        name = page.path.split("/")[-1]
        yield page.finding(
            ID, page.line_of("category"),
            t("attachments.location_category", category=page.category, category_name=category.get("name_th", ""),
              folder=wanted),
            t("attachments.location_category_hint", path=page.path, folder=wanted, name=name),
        )


def _folder_problem(folder: str) -> tuple[str, str]:
    better = suggest_slug(folder) or t("attachments.location_folder_fallback")
    return t("attachments.location_folder", folder=folder), t("attachments.location_folder_hint", better=better)


def _fallback(page) -> str:
    published = page.get("published") if page.ok else None
    topic = page.topic if page.ok else None
    pieces = [str(p) for p in (published, topic) if isinstance(p, str) and p]
    return suggest_slug("-".join(pieces)) or "page-name"
