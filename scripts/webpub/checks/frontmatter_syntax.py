"""WP003: the page starts with a readable YAML frontmatter block, within the size caps.

The page's size cap (``page_max_bytes`` in ``schema/file-rules.yml``) is judged before
the page is parsed (:func:`check_size`, called by the engine); the frontmatter's own cap
and the YAML syntax while loading (``page.load_problem``)."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.core.results import Finding
from webpub.messages import t

ID = "WP003"
NAME = "frontmatter-syntax"
DESCRIPTION = t("checks.frontmatter_syntax_description")


def check(page, ctx) -> Iterator[Finding]:
    problem = page.load_problem
    if problem and problem.rule == ID:
        yield page.finding(ID, problem.line, problem.message, problem.hint)


def check_size(rel: str, raw: bytes, cap: int) -> list[Finding]:
    """WP003 for a page larger than ``cap`` bytes: it is not read any further."""
    if len(raw) <= cap:
        return []
    return [Finding(rel, 1, ID, t("checks.frontmatter_too_big", cap=f"{cap:,}"),
                    t("checks.frontmatter_too_big_hint"), "error")]
