"""WP001: files are UTF-8 without a byte-order mark, with LF line endings."""

from __future__ import annotations

from collections.abc import Iterator

from webpub.core.results import Finding
from webpub.content.page import BOM
from webpub.messages import t

ID = "WP001"
NAME = "encoding"
DESCRIPTION = t("checks.encoding_description")


def check(page, ctx) -> Iterator[Finding]:
    problem = page.load_problem
    if problem and problem.rule == ID:
        yield page.finding(ID, problem.line, problem.message, problem.hint)
        return
    if page.raw.startswith(BOM):
        yield page.finding(ID, 1, t("checks.encoding_bom"), t("checks.encoding_bom_hint"))
    crlf = page.raw.find(b"\r")
    if crlf != -1:
        line = page.raw.count(b"\n", 0, crlf) + 1
        kind = "CRLF (Windows)" if page.raw[crlf:crlf + 2] == b"\r\n" else "CR"
        yield page.finding(ID, line, t("checks.encoding_newline", kind=kind), t("checks.encoding_newline_hint"))
