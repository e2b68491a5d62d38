"""Every Thai string a person reads comes from the catalogue (``scripts/webpub/messages/th/``),
so that the whole of the project's Thai can be reviewed in one place (issue #13).

The scan looks for Thai letters in string literals of the engine's modules and in the site's
templates and scripts. Docstrings and comments are for maintainers and are not scanned. A literal
that is not a message (a pattern that recognises what people type, such as "พ.ศ." in a date) is
allowed when its line says why: ``# catalogue-exempt: <reason>`` in Python,
``{# catalogue-exempt: <reason> #}`` in a template, ``// catalogue-exempt: <reason>`` in a script.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from conftest import PROJECT

THAI = re.compile("[\u0e01-\u0e5b]")
EXEMPT = re.compile(r"catalogue-exempt:\s*\S")
ENGINE = PROJECT / "scripts" / "webpub"
TEMPLATES = PROJECT / "overrides"


def _docstrings(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _exempt_lines(source: str) -> set[int]:
    lines: set[int] = set()
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT and EXEMPT.search(tok.string):
            lines.add(tok.start[0])
    return lines


def inline_thai_in_python(source: str) -> list[int]:
    """Lines of Thai string literals that are neither docstrings nor exempted."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    exempt = _exempt_lines(source)
    found: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docs
            and THAI.search(node.value)
        ):
            span = set(range(node.lineno, (node.end_lineno or node.lineno) + 1))
            if not span & exempt:
                found.add(node.lineno)
    return sorted(found)


def inline_thai_in_text(source: str) -> list[int]:
    return [n for n, line in enumerate(source.splitlines(), 1) if THAI.search(line) and not EXEMPT.search(line)]


def engine_modules() -> list[Path]:
    return sorted(p for p in ENGINE.rglob("*.py") if "messages" not in p.relative_to(ENGINE).parts)


def site_sources() -> list[Path]:
    return sorted(p for p in TEMPLATES.rglob("*") if p.suffix in {".html", ".js"})


def _id(path: Path) -> str:
    return str(path.relative_to(PROJECT))


@pytest.mark.parametrize("path", engine_modules(), ids=_id)
def test_engine_module_reads_its_thai_from_the_catalogue(path):
    assert inline_thai_in_python(path.read_text(encoding="utf-8")) == [], (
        f"{_id(path)}: move these strings into scripts/webpub/messages/th/ and read them with t()"
    )


@pytest.mark.parametrize("path", site_sources(), ids=_id)
def test_site_template_reads_its_thai_from_the_catalogue(path):
    assert inline_thai_in_text(path.read_text(encoding="utf-8")) == []


def test_the_scan_finds_what_it_must():
    source = '"""โมดูล"""\nX = "ข้อความ"\nY = f"ปี {1}"\nZ = "พ.ศ."  # catalogue-exempt: what people type\n'
    assert inline_thai_in_python(source) == [2, 3]
    assert inline_thai_in_python('def f():\n    """ทำ"""\n    return 1\n') == []
    assert inline_thai_in_text("<p>{{ t('site.x') }}</p>\n<p>ค้นหา</p>\n") == [2]
    assert inline_thai_in_text("<p>ค้นหา</p> {# catalogue-exempt: a name #}\n") == []
