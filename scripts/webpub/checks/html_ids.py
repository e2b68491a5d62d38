"""WP040: no id in a page can reach the theme's machinery.

An element's id is a name the page's scripts can look up: Material reads its whole
configuration from ``#__config``, so a page element with that id (written as HTML,
or given to a code block as ``{ #__config }``) replaced it; in Chromium the page
then fetched files from another host. Ids in the rendered page must therefore be
the kind the renderer makes — heading slugs and footnote ids: letters, marks and
digits of any script with ``- _ : .``, starting with a letter or digit (toc's own
``_1``, ``_2`` too) — and must not be one the theme uses: the prefixes of
``schema/html-allowlist.yml`` (``__``, ``md-``, ``webpub-``) and every literal id
in Material's templates (``allowlist.MATERIAL_TEMPLATE_IDS``) and ``overrides/``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from webpub.rendering import allowlist, htmlscan
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP040"
NAME = "html-ids"
DESCRIPTION = t("checks.html_ids_description")
MAX_LENGTH = 200
_TOC_COUNTER = re.compile(r"_[0-9]{1,6}")
_EXTRA = frozenset("-_:.")


def problem(value: str, rules, theme: frozenset[str]) -> str | None:
    """Why ``value`` may not be an id in a page, or None."""
    if value in theme or value.lower().startswith(tuple(p.lower() for p in rules.reserved_id_prefixes)):
        return t("checks.html_ids_theme", value=_shown(value))
    if _TOC_COUNTER.fullmatch(value):
        return None
    if not value or len(value) > MAX_LENGTH or not _safe(value):
        return t("checks.html_ids_form", value=_shown(value), max=MAX_LENGTH)
    return None


def _safe(value: str) -> bool:
    if unicodedata.category(value[0])[0] not in "LN":
        return False
    return all(unicodedata.category(c)[0] in "LMN" or c in _EXTRA for c in value)


def _shown(value: str) -> str:
    return value[:40].encode("unicode_escape").decode("ascii") if not value.isprintable() else value[:40]


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    rules = allowlist.for_repo(ctx.repo)
    theme = allowlist.theme_ids(ctx.repo.root)
    locator = htmlscan.Locator(page)
    for tag in htmlscan.scan(page, ctx).tags:
        value = tag.get("id")
        if value is None:
            continue
        message = problem(value, rules, theme)
        if message:
            written = any(needle in page.body for needle in (f"id=\"{value}", f"id='{value}", f"id={value}", f"#{value}"))
            line = locator.line(f"id=\"{value}", f"id='{value}", f"id={value}", f"#{value}", value, tag.raw)
            if tag.name in ("h1", "h2", "h3", "h4", "h5", "h6") and not written:
                hint = t("checks.html_ids_heading_hint")
            else:
                hint = t("checks.html_ids_hint")
            yield page.finding(ID, line, message, hint)
