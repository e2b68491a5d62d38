"""docs/architecture.md's map of ``scripts/webpub/`` matches the tree (issue 12: the map is
the newcomer's guide, so a module added without a row, or a row left for a module that
moved, fails here)."""

from __future__ import annotations

import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
ENGINE = PROJECT / "scripts" / "webpub"


def _map_section() -> str:
    text = (PROJECT / "docs" / "architecture.md").read_text(encoding="utf-8")
    start = text.index("## 7. ")
    return text[start:text.index("\n## ", start + 1)]


def _named_in_first_column(section: str) -> set[str]:
    names: set[str] = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            first = line.split("|")[1]
            names.update(re.findall(r"`([^`]+)`", first))
    return names


def _top_level() -> set[str]:
    out = set()
    for child in ENGINE.iterdir():
        if child.name.startswith("__pycache__"):
            continue
        if child.is_dir() and (child / "__init__.py").exists():
            out.add(child.name + "/")
        elif child.suffix == ".py" and child.name != "__init__.py":
            out.add(child.name)
    return out


def test_every_module_and_package_of_the_engine_has_a_row_in_the_map():
    named = _named_in_first_column(_map_section())
    assert _top_level() - named == set()


def test_every_row_of_the_map_names_something_that_exists():
    named = _named_in_first_column(_map_section())
    assert {n for n in named if not (ENGINE / n.rstrip("/")).exists()} == set()
