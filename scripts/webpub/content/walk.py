"""The one way to iterate content: every walker of ``content/`` goes through here.

Before this module five walkers kept four copies of the skip list (and one skipped
every dot-folder, so ``webpub opendata`` and the site disagreed about which pages
exist). Symbolic links are never followed: a linked folder is listed as an entry of
its parent (``walk``) and never descended into, so WP026 can report it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

SKIP_DIRS = frozenset({".git", "__pycache__", ".webpub-cache"})


def walk(top: str | os.PathLike) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk`` of ``top`` in sorted order, minus the skipped folders; symbolic links
    to folders appear in the folder list but are not entered."""
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        files.sort()
        yield folder, dirs, files


def is_page(name: str) -> bool:
    """A content page is a Markdown file."""
    return name.lower().endswith(".md")


def page_paths(repo, *, links: bool = True) -> list[str]:
    """Every ``content/**/*.md`` as a repository-relative POSIX path, sorted.

    ``links=False`` leaves out pages that are symbolic links (they are not items; the
    check reports them with WP026)."""
    root = Path(repo.root)
    found = []
    for folder, _dirs, files in walk(repo.content_dir):
        rel_folder = Path(folder).relative_to(root).as_posix()
        for name in files:
            if is_page(name) and (links or not os.path.islink(os.path.join(folder, name))):
                found.append(f"{rel_folder}/{name}")
    return sorted(found)
