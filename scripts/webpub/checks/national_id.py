"""WP030: no Thai national ID numbers (PDPA) in a page's body or frontmatter.

A deliberate exception (a specimen number in a manual, a number a law requires to
be published) is declared in the page's own frontmatter::

    privacy_exceptions:
      - value: "1-2345-67890-12-1"
        reason: เลขตัวอย่างในคู่มือการกรอกแบบฟอร์ม ไม่ใช่เลขของบุคคลจริง

The declaration is part of the content digest, so the director who approves the
page approves the exception too. An entry needs a reason of at least 10
characters. Findings show the number masked, never in full.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub import thaiid
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP030"
NAME = "national-id"
DESCRIPTION = t("checks.national_id_description")

SKIPPED_KEYS = frozenset({"privacy_exceptions", "approvals"})
MIN_REASON = 10
HINT = t("checks.national_id_hint")


def accepted_exceptions(page) -> set[str]:
    out = set()
    for item in page.get("privacy_exceptions") or []:
        if not isinstance(item, dict):
            continue
        value, reason = item.get("value"), item.get("reason")
        if isinstance(value, str) and isinstance(reason, str) and len(reason.strip()) >= MIN_REASON:
            out.add(thaiid.digits_of(value))
    return out


def check(page, ctx) -> Iterator[Finding]:
    if page.text is None:
        return
    allowed = accepted_exceptions(page) if page.ok else set()
    for line, digits, where in occurrences(page):
        if digits in allowed:
            continue
        yield page.finding(ID, line, t("checks.national_id", number=thaiid.mask(digits), where=where), HINT)


def occurrences(page):
    if page.ok:
        for path, value in _values(page.meta, ()):
            for _, digits in thaiid.find(value):
                yield page.line_of(*path), digits, t("checks.national_id_in_field",
                                                     field=".".join(str(p) for p in path))
    for offset, digits in thaiid.find(page.body):
        yield page.body_line_of(offset), digits, t("checks.national_id_in_body")


def _values(node, path):
    if isinstance(node, dict):
        for key, value in node.items():
            if not path and key in SKIPPED_KEYS:
                continue
            yield from _values(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _values(value, path + (index,))
    elif node is not None:
        yield path, str(node)
