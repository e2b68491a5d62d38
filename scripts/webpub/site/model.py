"""Which items a build shows, and what the site needs to know about each.

The model is built once per build from the engine's own parse (never MkDocs'
``page.meta``). In ``publish`` mode it shows only what ``webpub.publish.decide``
calls publishable; in ``preview`` it shows every item and remembers why each
draft would not be published, for the banner.

In ``publish`` mode it also answers, for the hooks, what leaves the site:
items that were published and then left (expired, withdrawn) keep a short notice
at their address (``notices``); every other item that is not shown, and every
file that no shown item lists as an attachment, is ``withheld`` — not copied to
the site, and a link to it from a shown page is rendered as plain text
(``withheld_target``). No build ships a file reached through a symbolic link.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from dataclasses import dataclass, field
from typing import Callable

from webpub.core import runner
from webpub.context import Context
from webpub.dates import parse_iso_date
from webpub.content import attachments, walk
from webpub.content.item import Item
from webpub.rendering.links import FOLDER_PAGES
from webpub.content.page import Page, load_page
from webpub.publish import Decision, decide
from webpub.repo import Repo

MODES = ("preview", "publish")


def src_to_url(src: str) -> str:
    """MkDocs' directory URL of a docs-relative source path (``a/b.md`` -> ``a/b/``)."""
    stem, _ = posixpath.splitext(src)
    head, name = posixpath.split(stem)
    if name.lower() in ("index", "readme"):
        return f"{head}/" if head else ""
    return f"{stem}/"


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` (both site-relative)."""
    base = posixpath.join("/", from_url)
    if not base.endswith("/"):
        base = posixpath.dirname(base) + "/"
    target = posixpath.join("/", to_url)
    rel = posixpath.relpath(target, base)
    if to_url.endswith("/") or to_url == "":
        rel = "./" if rel == "." else rel + "/"
    return rel


@dataclass(eq=False)
class SiteItem(Item):
    """A content ``Item`` as the site shows it: with its address and its publish decision."""

    src: str = ""  # relative to content/
    decision: Decision | None = None

    @property
    def url(self) -> str:
        return src_to_url(self.src)

    @property
    def title(self) -> str:
        title = self.page.get("title")
        return str(title) if isinstance(title, str) and title.strip() else posixpath.basename(self.src)

    @property
    def updated(self) -> dt.date | None:  # what readers see: the last change, else the first day
        return parse_iso_date(self.page.get("updated")) or self.published

    @property
    def expires(self) -> dt.date | None:
        return self.expiry

    @property
    def sort_date(self) -> dt.date:
        return self.published or self.updated or dt.date.min

    @property
    def publishable(self) -> bool:
        return self.decision.publishable

    @property
    def broken(self) -> bool:
        return not self.page.ok

    @property
    def notice(self) -> bool:
        """Taken down after it was published: its address shows a notice in publish mode."""
        return self.decision.notice and not self.decision.publishable


def newest_first(items):
    return sorted(items, key=lambda i: (i.sort_date, i.src), reverse=True)


@dataclass
class SiteModel:
    repo: Repo
    today: dt.date
    mode: str
    items: list[SiteItem]  # every item found under content/
    shown: list[SiteItem] = field(init=False)
    notices: list[SiteItem] = field(init=False)  # publish mode: taken down, a notice at their address

    def __post_init__(self):
        if self.mode == "publish":
            self.shown = [i for i in self.items if i.publishable]
            self.notices = [i for i in self.items if i.notice]
        else:
            self.shown = list(self.items)
            self.notices = []
        self._by_src = {i.src: i for i in self.shown}
        self._notices = {i.src: i for i in self.notices}
        self._shipped_files: set[str] | None = None
        self._withheld: dict[str, bool] = {}
        self._by_category: dict[str | None, list[SiteItem]] = {}
        for item in newest_first(self.shown):
            self._by_category.setdefault(item.category_id, []).append(item)

    @property
    def hidden(self) -> list[SiteItem]:
        return [i for i in self.items if i.src not in self._by_src]

    @property
    def broken(self) -> list[SiteItem]:
        return [i for i in self.items if i.broken]

    def item(self, src: str) -> SiteItem | None:
        return self._by_src.get(src)

    def notice(self, src: str) -> SiteItem | None:
        """The taken-down item whose notice page is at ``src`` (publish mode only)."""
        return self._notices.get(src)

    # -- what the build may ship -------------------------------------------------
    def ships(self, src: str) -> bool:
        """Whether the docs-relative file ``src`` under content/ goes onto the site.

        Never a file reached through a symbolic link. In publish mode a page only if
        it is shown or is a notice, and any other file only if a shown item lists it
        as an attachment (a file no item lists is never published)."""
        if symlinked(self.repo.content_dir, src):
            return False
        if self.mode != "publish":
            return True
        if src.lower().endswith(".md"):
            return src in self._by_src or src in self._notices
        if self._shipped_files is None:
            self._shipped_files = self.attachment_srcs(self.shown)
        return src in self._shipped_files

    def withheld_target(self, from_src: str, href: str) -> bool:
        """Whether a link written as ``href`` on the page ``from_src`` lands on a file under
        content/ that this build does not ship (a draft, an embargoed item, an attachment
        of an item that is not shown): the hooks then render the link as plain text.
        Links to paths that never existed are not withheld: they stay errors."""
        if self.mode != "publish" or not href:
            return False
        target = _local_target(from_src, href)
        if target is None:
            return False
        if target not in self._withheld:
            self._withheld[target] = self._withheld_path(target)
        return self._withheld[target]

    def _withheld_path(self, target: str) -> bool:
        content = self.repo.content_dir
        candidates = [target] + [posixpath.join(target, name) for name in FOLDER_PAGES]
        for candidate in candidates:
            if (content / candidate).is_file() or os.path.islink(content / candidate):
                return not self.ships(candidate)
        return False

    def in_category(self, category_id: str) -> list[SiteItem]:
        return list(self._by_category.get(category_id, ()))

    def in_topic(self, category_id: str, topic_id: str | None) -> list[SiteItem]:
        return [i for i in self.in_category(category_id) if i.topic_id == topic_id]

    def with_topic(self, category_id: str, topic_id: str) -> SiteItem | None:
        found = self.in_topic(category_id, topic_id)
        return found[0] if found else None

    def attachment_srcs(self, items) -> set[str]:
        return {src for item in items for src in attachment_srcs(item)}

    @property
    def agency(self) -> dict:
        return self.repo.organization.get("agency", {})


def symlinked(root, src: str) -> bool:
    """Whether ``src`` (relative to ``root``) or any folder on the way is a symbolic link."""
    path = root
    for part in src.split("/"):
        path = path / part
        if os.path.islink(path):
            return True
    return False


def _local_target(from_src: str, href: str) -> str | None:
    """The docs-relative path a relative or root-relative link lands on, as MkDocs reads it."""
    from urllib.parse import unquote, urlsplit

    if href.startswith(("#", "//")) or ":" in href.split("/", 1)[0]:
        return None
    path = unquote(urlsplit(href).path)
    if not path:
        return None
    base = "" if path.startswith("/") else posixpath.dirname(from_src)
    target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if target.startswith("..") or target == ".":
        return None
    return target


def attachment_srcs(item: SiteItem) -> list[str]:
    """Docs-relative paths of an item's attachments (only the well-formed ones)."""
    out = []
    for _index, file in attachments.entries(item.page.meta):
        path = attachments.resolve(item.src, file)
        if not path.startswith("../") and path != "..":
            out.append(path)
    return out


def content_pages(repo: Repo) -> list[str]:
    """Docs-relative paths of every Markdown file under content/ (symbolic links are not items)."""
    return [rel[len("content/"):] for rel in walk.page_paths(repo, links=False)]  # never follow a link (WP026)


def _load(repo: Repo, src: str) -> Page:
    abspath = repo.content_dir / src
    return load_page(f"content/{src}", abspath, abspath.read_bytes(),
                     repo.file_rules.get("frontmatter_max_bytes", 65536))


def build_model(repo: Repo, today: dt.date, mode: str, decider: Callable = decide,
                decisions: dict | None = None) -> SiteModel:
    """Every item parsed and decided once per build. ``decisions`` (``{"content/…": Decision}``)
    are ones the content check already made for the same ``today`` while it checked the pages."""
    if mode not in MODES:
        raise ValueError(mode)
    ctx = Context(repo=repo, today=today)
    srcs = content_pages(repo)
    pages = [_load(repo, src) for src in srcs]
    known = (decisions or {}) if decider is decide else {}
    missing = [page for page in pages if page.path not in known]
    decided = dict(zip((page.path for page in missing), _decide_all(missing, ctx, decider)))
    items = [SiteItem(page=page, src=src, decision=known.get(page.path) or decided[page.path], repo=repo)
             for src, page in zip(srcs, pages)]
    return SiteModel(repo=repo, today=today, mode=mode, items=items)


# -- deciding on several cores -----------------------------------------------------
_JOB: tuple | None = None


def _decide_all(pages: list[Page], ctx: Context, decider: Callable) -> list[Decision]:
    """Decisions in page order. Checking signed approvals is most of a large site's
    model time, so the runner spreads it over the cores (``webpub.core.runner``: its policy
    on when to fan out, never beside other threads as under ``mkdocs serve``) with forked
    workers that inherit the parsed pages (only the small decisions travel back)."""
    workers = runner.workers_for(len(pages), kind="decide")
    if workers == 1:
        return [decider(page, ctx) for page in pages]
    global _JOB
    _JOB = (pages, ctx, decider)
    try:
        step = -(-len(pages) // (workers * 8))
        parts = runner.map_in_order(_decide_range, [(i, min(i + step, len(pages))) for i in range(0, len(pages), step)],
                                    workers)
    finally:
        _JOB = None
    return [decision for part in parts for decision in part]


def _decide_range(bounds: tuple[int, int]) -> list[Decision]:
    assert _JOB is not None
    pages, ctx, decider = _JOB
    return [decider(page, ctx) for page in pages[bounds[0]:bounds[1]]]
