"""The staged docs tree: only what one build may put on the site, as plain files.

A generator never reads ``content/``: it reads this tree, so a generator run
without webpub's plugin (a stray ``mkdocs build``, or another generator) can only
show what the plan allowed. In publish mode the tree holds the publishable pages
and the attachments they list, a notice page at the address of each taken-down
item, the generated pages (home, categories, topics, archives, sitemap page, OIA
centre, open data, compliance report), feeds and catalogues. (Each published
item's request form is written beside its page after generation, by the command:
staging thousands of forms only for the generator to copy them again cost more than
the rest of the stage.) Preview mode stages every item (drafts are bannered by the
plugin). Pages are written from the engine's strict parse: a ``title`` (JSON-quoted,
so YAML reads it as text) and the body, never the officer's raw frontmatter.

Attachments are hard-linked (copied when the tree is on another file system); a
file reached through a symbolic link is never staged, and nothing is followed.
The tree lives under ``.webpub-build/<mode>/`` (git-ignored), rebuilt each build.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from webpub.content.walk import is_page, walk
from webpub.site import item as item_view
from webpub.site.model import symlinked
from webpub.site.plan import SitePlan

BUILD_DIR = ".webpub-build"


def stage_dir(root: Path, mode: str) -> Path:
    """Where ``mode`` is staged. The root mkdocs.yml points at the publish tree only."""
    return root / BUILD_DIR / mode


def write_stage(plan: SitePlan, dest: Path) -> Path:
    """Write the staged tree of ``plan`` into ``dest`` (emptied first); returns ``dest``."""
    if dest.is_symlink() or dest.is_file():
        dest.unlink()
    elif dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    model = plan.model
    made: set[str] = set()

    def put(src: str, data: bytes) -> None:
        target = dest / src
        folder = os.path.dirname(src)
        if folder not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(folder)
        target.write_bytes(data)

    for item in model.shown:
        body = item.page.body if item.page.text is not None else ""
        appendix = plan.appendix(item.src)
        if appendix:
            body += "\n\n" + appendix
        put(item.src, _page(item.title, body))
    for item in model.notices:
        put(item.src, _page(item.title, item_view.notice_html(model, item)))
    for src, page in plan.generated.items():
        if model.item(src) is None:
            put(src, _page(page.title, page.markdown))
    for extra in plan.files:
        put(extra.src, extra.content if isinstance(extra.content, bytes) else extra.content.encode("utf-8"))
    for src in _files_to_ship(plan):
        folder = os.path.dirname(src)
        if folder not in made:
            (dest / folder).mkdir(parents=True, exist_ok=True)
            made.add(folder)
        _link_or_copy(model.repo.content_dir / src, dest / src)
    return dest


def _page(title: str, body: str) -> bytes:
    return f"---\ntitle: {json.dumps(title)}\n---\n\n{body}".encode("utf-8")


def _files_to_ship(plan: SitePlan) -> list[str]:
    """Docs-relative non-page files: every regular file in preview; in publish only the
    attachments shown items list. Never through a symbolic link."""
    model = plan.model
    content = model.repo.content_dir
    if model.mode == "publish":
        wanted = sorted(model.attachment_srcs(model.shown))
        return [src for src in wanted if not src.lower().endswith(".md") and not symlinked(content, src)
                and (content / src).is_file()]
    found = []
    for folder, _dirs, files in walk(content):  # the one content walker: never enters a link
        for name in files:
            full = os.path.join(folder, name)
            if not is_page(name) and not os.path.islink(full):
                found.append(os.path.relpath(full, content).replace(os.sep, "/"))
    return sorted(found)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copyfile(source, target, follow_symlinks=False)
