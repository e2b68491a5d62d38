"""WP029: placeholders left by ``webpub new`` (``[[กรอก: …]]``) are still in the page.

A warning, so a freshly scaffolded page passes ``webpub check`` while the
officer fills it in, and reviewers see at a glance what is not written yet.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.content.catrules import PLACEHOLDER
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP029"
NAME = "placeholders"
DESCRIPTION = t("checks.placeholders_description")

HINT = t("checks.placeholders_hint")


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    for path, value in _strings(page.meta, ()):
        if PLACEHOLDER.search(value):
            yield page.finding(ID, page.line_of(*path), t("checks.placeholders_field", field=_name(path), value=value), HINT)
    for match in PLACEHOLDER.finditer(page.body):
        yield page.finding(ID, page.body_line_of(match.start()),
                           t("checks.placeholders_body", value=match.group(0)), HINT)


def _strings(value, path):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))
    elif isinstance(value, str):
        yield path, value


def _name(path) -> str:
    return ".".join(str(p) for p in path)
