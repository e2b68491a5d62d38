"""Rendering a page body exactly as the site does.

The Markdown extensions and their options are read from ``mkdocs.yml``, so the
safety and link checks judge the same HTML that visitors get, and a move to
another site generator keeps the checks (they never ask MkDocs).
"""

from __future__ import annotations

import sys
from pathlib import Path

import markdown
import yaml

from webpub.slug import slugify


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!ENV, !!python/name:...)."""


def _placeholder(loader, tag_suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return f"!{tag_suffix} {node.value}"
    return None


_TolerantLoader.add_multi_constructor("!", _placeholder)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _placeholder)


def read_mkdocs_config(root: Path) -> dict:
    path = root / "mkdocs.yml"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_TolerantLoader) or {}


def markdown_extensions(root: Path) -> tuple[list[str], dict[str, dict]]:
    """The extension names and configs of mkdocs.yml, with webpub's Thai slug."""
    config = read_mkdocs_config(root)
    names: list[str] = []
    configs: dict[str, dict] = {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict):
            for name, options in entry.items():
                names.append(name)
                configs[name] = dict(options or {})
    if "toc" not in names:
        names.append("toc")
    toc = configs.setdefault("toc", {})
    toc["slugify"] = slugify
    for key, value in list(toc.items()):  # permalink etc. are harmless; drop unresolved tags
        if isinstance(value, str) and value.startswith("!"):
            del toc[key]
    return names, configs


class Renderer:
    def __init__(self, root: Path):
        names, configs = markdown_extensions(root)
        self._md = markdown.Markdown(extensions=names, extension_configs=configs)
        self._written: list[bool] = []  # per stash entry: did the author write it?
        stash = self._md.htmlStash
        store = stash.store

        def store_and_note(html):
            caller = sys._getframe(1).f_globals.get("__name__", "")
            self._written.append(caller.startswith("markdown."))
            return store(html)

        stash.store = store_and_note

    def render(self, text: str) -> str:
        self._md.reset()
        self._written = []
        return self._md.convert(text)

    def raw_html(self) -> list[str]:
        """The pieces of HTML the author wrote into the page during the last render.

        Python-Markdown keeps raw HTML (blocks and inline tags) in its stash and puts
        it back verbatim; extensions store their own output there too (highlighted
        code from pymdownx.superfences), so each entry is noted with who stored it:
        Python-Markdown's own raw-HTML processors mean the author wrote it."""
        blocks = self._md.htmlStash.rawHtmlBlocks
        return [piece for piece, written in zip(blocks, self._written) if written and isinstance(piece, str)]
