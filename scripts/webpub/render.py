"""Rendering a page body exactly as the site does.

The Markdown extensions and their options are read from ``mkdocs.yml``, so the
safety and link checks judge the same HTML that visitors get, and a move to
another site generator keeps the checks (they never ask MkDocs).
"""

from __future__ import annotations

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

    def render(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)

    def raw_html(self, text: str) -> list[str]:
        """The pieces of HTML the author wrote into ``text`` during the last render.

        Python-Markdown passes raw HTML through its stash verbatim; extensions store
        their own output there too (highlighted code), which never appears in the
        source, so keeping only pieces found in ``text`` leaves what the author wrote."""
        return [piece for piece in self._md.htmlStash.rawHtmlBlocks
                if isinstance(piece, str) and piece.strip() and piece in text]
