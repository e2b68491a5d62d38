"""The one attachment resolver: which repository file a page's ``attachments`` entry names.

A ``file`` is relative to the page's folder. Every reader of attachments (the digest,
the checks, the site, the monitor, open data, the change set) resolves it here, so they
cannot disagree on where a file is.
"""

from __future__ import annotations

import posixpath
import re

_IMPOSSIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def resolve(page_path: str, file: str) -> str:
    """The repository-relative (or docs-relative, if ``page_path`` is) path of ``file``
    as named from the page at ``page_path``: joined to its folder and normalised."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_path), file))


def entries(meta) -> list[tuple[int, str]]:
    """``(index, file)`` of each well-formed entry (a mapping with a non-empty ``file`` string)."""
    listed = meta.get("attachments") if isinstance(meta, dict) else None
    out = []
    for index, entry in enumerate(listed if isinstance(listed, list) else []):
        file = entry.get("file") if isinstance(entry, dict) else None
        if isinstance(file, str) and file:
            out.append((index, file))
    return out


def listed_names(meta) -> list[str]:
    """Every name the page lists, as text (a bare string entry counts: the digest covers it)."""
    listed = meta.get("attachments") if isinstance(meta, dict) else None
    names = []
    for entry in listed if isinstance(listed, list) else []:
        name = entry.get("file") if isinstance(entry, dict) else entry
        if name:
            names.append(str(name))
    return names


def impossible_names(meta) -> list[str]:
    """Attachment names no file can have (NUL, control characters): a clear finding, never a crash."""
    return [name for name in listed_names(meta) if _IMPOSSIBLE.search(name)]


def attachment_paths(page_path: str, meta) -> list[str]:
    """Repository-relative paths of the listed attachments (as resolved from the page);
    names no file can have are left out (``impossible_names`` reports them)."""
    return [resolve(page_path, name) for name in listed_names(meta) if not _IMPOSSIBLE.search(name)]
