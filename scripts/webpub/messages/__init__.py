"""The catalogue of user-facing strings: one catalogue per language, reviewed in one place.

A catalogue is a folder ``messages/<lang>/`` of YAML files, one per area (``roles.yml``,
``report.yml`` …); a key is ``<area>.<name>`` and its text is a ``str.format`` template
with named fields. Splitting by area keeps files short enough to review and lets work on
different areas land without edit conflicts; together they are still one catalogue,
loaded and validated once (every value a non-empty string, no key twice).

``t("roles.web_head")`` returns the text; ``t("report.missing", topic=…)`` fills it in.
An unknown key or a missing field is a programming error (``KeyError``), caught by the
tests that scan the catalogue, never shown to a reader as a half-filled sentence.
"""

from __future__ import annotations

import functools
import string
from pathlib import Path

import yaml

LANG = "th"
_ROOT = Path(__file__).parent


class CatalogueError(ValueError):
    """The catalogue files themselves are malformed (a maintainer's mistake)."""


@functools.lru_cache(maxsize=None)
def catalogue(lang: str = LANG) -> dict[str, str]:
    """Every ``area.name`` → template of one language, validated."""
    out: dict[str, str] = {}
    folder = _ROOT / lang
    for path in sorted(folder.glob("*.yml")):
        area = path.stem
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise CatalogueError(f"{path}: ต้องเป็นคู่ ชื่อ: ข้อความ")
        for name, text in data.items():
            if not isinstance(name, str) or not isinstance(text, str) or not text.strip():
                raise CatalogueError(f"{path}: {name!r} ต้องเป็นข้อความที่ไม่ว่าง")
            key = f"{area}.{name}"
            if key in out:
                raise CatalogueError(f"{path}: {key} ซ้ำ")
            out[key] = text
    return out


def fields(template: str) -> set[str]:
    """The named fields a template expects."""
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def t(key: str, /, **values: object) -> str:
    """The text for ``key`` with ``values`` filled in."""
    template = catalogue()[key]
    return template.format_map(values) if values or "{" in template else template
