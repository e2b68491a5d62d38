"""WP003: the page starts with a readable YAML frontmatter block, within the size caps."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.results import Finding

ID = "WP003"
NAME = "frontmatter-syntax"
DESCRIPTION = "ต้องมี frontmatter YAML ที่อ่านได้ระหว่างบรรทัด --- (readable YAML frontmatter)"


def check(page, ctx) -> Iterator[Finding]:
    problem = page.load_problem
    if problem and problem.rule == ID:
        yield page.finding(ID, problem.line, problem.message, problem.hint)
