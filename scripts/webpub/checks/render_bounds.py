"""WP060: the page body is something the Markdown renderer can be given safely.

Deep nesting and a few quadratic shapes (see :mod:`webpub.rendering.renderguard`) are
refused before rendering, with the line where the problem starts, instead of
crashing the renderer (``RecursionError``) or using up the file's time budget.
A refused page is not rendered, so the HTML rules see nothing of it; this rule's
error keeps it off the site.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.core.results import Finding
from webpub.messages import t

ID = "WP060"
NAME = "render-bounds"
DESCRIPTION = t("checks.render_bounds_description")


def check(page, ctx) -> Iterator[Finding]:
    if page.text is None or not page.body:
        return
    ctx.html(page)
    refused = page.render_refusal
    if refused is not None:
        yield page.finding(ID, page.body_line_of(refused.offset), refused.message, refused.hint)
