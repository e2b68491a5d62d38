"""WP004: no YAML tags, anchors, aliases or duplicate keys in frontmatter.

These features let a page run constructors, expand into huge documents (alias
bombs) or say two different things at once; the strict reader refuses them.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.core.results import Finding
from webpub.messages import t

ID = "WP004"
NAME = "yaml-features"
DESCRIPTION = t("checks.yaml_features_description")


def check(page, ctx) -> Iterator[Finding]:
    problem = page.load_problem
    if problem and problem.rule == ID:
        yield page.finding(ID, problem.line, problem.message, problem.hint)
