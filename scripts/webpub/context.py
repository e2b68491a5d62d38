"""What a check may know beyond its own page: the rules, today, the rest of the site.

Lookups of other files go through ``SiteIndex`` so the engine can record each
page's dependencies; a cached result is reused only while those files are unchanged.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from webpub.rendering import renderguard
from webpub.content.item import Item
from webpub.content.page import Page, load_page
from webpub.rendering.render import Renderer
from webpub.repo import Repo

_ID_ATTR = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""")


FOLDER = -2  # size marker of a folder dependency: its mtime changes when entries come or go


def dependency_stat(path: Path) -> tuple[int, int] | None:
    """What a cached result remembers of a file or folder it looked at."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):  # ValueError: a NUL in a name taken from a page (WP027 reports it)
        return None
    if os.path.isdir(path):
        return (FOLDER, st.st_mtime_ns)
    return (st.st_size, st.st_mtime_ns)


class SiteIndex:
    def __init__(self, repo: Repo, context: "Context"):
        self.repo = repo
        self.context = context
        self._anchors: dict[str, frozenset[str]] = {}
        self._pages: dict[str, Page | None] = {}
        self.deps: dict[str, tuple[int, int] | None] = {}

    def _stat(self, rel: str):
        stat = dependency_stat(self.repo.root / rel)
        return stat if stat and stat[0] >= 0 else None  # folders do not "exist" as files

    def folder(self, rel: str) -> list[str]:
        """Names in folder ``rel``; the result depends on entries being added or removed."""
        self.deps[rel] = dependency_stat(self.repo.root / rel)
        try:
            return sorted(os.listdir(self.repo.root / rel))
        except (OSError, ValueError):
            return []

    def exists(self, rel: str) -> bool:
        stat = self._stat(rel)
        self.deps[rel] = stat
        return stat is not None

    def size(self, rel: str) -> int | None:
        stat = self._stat(rel)
        self.deps[rel] = stat
        return stat[0] if stat else None

    def page(self, rel: str) -> Page | None:
        """Another page of the site, parsed (None if it is missing or a symbolic link); the
        result depends on that file, so a cached finding is recomputed when it changes."""
        self.deps[rel] = self._stat(rel)
        if rel not in self._pages:
            path = self.repo.root / rel
            try:
                raw = None if os.path.islink(path) else path.read_bytes()
            except OSError:
                raw = None
            self._pages[rel] = None if raw is None else load_page(
                rel, path, raw, self.repo.file_rules.get("frontmatter_max_bytes", 65536))
        return self._pages[rel]

    def anchors(self, rel: str) -> frozenset[str]:
        """Element ids of the rendered page ``rel`` (heading slugs and the like)."""
        self.deps[rel] = self._stat(rel)
        if rel not in self._anchors:
            self._anchors[rel] = frozenset(self._collect_ids(rel))
        return self._anchors[rel]

    def _collect_ids(self, rel: str) -> set[str]:
        path = self.repo.root / rel
        try:
            raw = path.read_bytes()
        except (OSError, ValueError):
            return set()
        page = load_page(rel, path, raw, self.repo.file_rules.get("frontmatter_max_bytes", 65536))
        if page.text is None:
            return set()
        html = self.context.html(page)
        return {a or b for a, b in _ID_ATTR.findall(html)}


@dataclass
class Context:
    repo: Repo
    today: dt.date
    stage: str = "ci"  # or "pre-commit"
    decide_pages: bool = False  # also return each page's publish decision (webpub build --mode publish)
    last_decision: object = field(default=None, repr=False)  # the decision for the file just checked
    _renderer: Renderer | None = field(default=None, repr=False)
    # facts that hold for one run (files do not change during it), keyed by the rule that computes them
    run_facts: dict = field(default_factory=dict, repr=False)
    index: SiteIndex = field(init=False)

    def __post_init__(self):
        self.index = SiteIndex(self.repo, self)

    @property
    def renderer(self) -> Renderer:
        if self._renderer is None:
            self._renderer = Renderer(self.repo.root)
        return self._renderer

    def html(self, page: Page) -> str:
        """The page body rendered with the site's Markdown extensions (once per page).

        A body the renderer cannot be trusted with (:mod:`webpub.rendering.renderguard`) is not
        rendered: its HTML is empty and WP060 reports why.
        """
        if page._html is None:
            refused = page.render_refusal = renderguard.refusal(page.body)
            if refused:
                page._html, page._raw_html = "", []
            else:
                page._html = self.renderer.render(page.body)
                page._raw_html = self.renderer.raw_html()
        return page._html

    def item(self, page: Page) -> Item:
        """The content ``Item`` of ``page`` under this repository's rules (made once per page)."""
        item = page._item
        if item is None or item.repo is not self.repo:
            item = page._item = Item(page, self.repo)
        return item

    def raw_html(self, page: Page) -> list[str]:
        """The HTML the author wrote into the page, piece by piece (after rendering it)."""
        self.html(page)
        return page._raw_html or []

    def page_dir(self, page_path: str) -> Path:
        return Path(page_path).parent
