"""Helpers for the attachment, link, safety and privacy rule tests: write a valid
page around a body (and extra frontmatter), run the real ``webpub check`` CLI, and
pick out one rule's findings."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli, write

FRONT = """---
title: ทดสอบ
category: "{category}"
owner:
  division: secretariat
  officer: jintana.k
published: 2024-01-15
{extra}---

"""


def page_text(body: str, extra: str = "", category: str = "1.1") -> str:
    if extra and not extra.endswith("\n"):
        extra += "\n"
    return FRONT.format(category=category, extra=extra) + body


def write_page(repo: Path, rel: str, body: str, extra: str = "", category: str = "1.1") -> Path:
    return write(repo, rel, page_text(body, extra, category))


def check(capsys, *paths: str) -> tuple[int, list[dict]]:
    code, out, err = run_cli(capsys, "check", "--format", "json", "--no-cache", *paths)
    assert "Traceback" not in out + err, out + err
    return code, json.loads(out)["findings"]


def of_rule(findings: list[dict], rule: str, path: str | None = None) -> list[dict]:
    return [f for f in findings if f["rule"] == rule and (path is None or f["path"] == path)]


def run_rule(capsys, rule: str, *paths: str, path: str | None = None) -> list[dict]:
    _, findings = check(capsys, *paths)
    hits = of_rule(findings, rule, path)
    for hit in hits:
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in hit["message"]), hit
        assert hit["hint"], hit
    return hits


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing ``needle`` in a whole page text."""
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in page")
