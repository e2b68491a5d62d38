"""WP002: text is NFC and free of bidi-override, control and invisible format characters.

Which characters are forbidden is decided once, in ``webpub.textchars`` (``webpub
new`` refuses the same ones in a title). Thai is never NFKC'd: only NFC is required.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from webpub import textchars
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP002"
NAME = "unicode-text"
DESCRIPTION = t("checks.unicode_text_description")

FORBIDDEN = textchars.FORBIDDEN  # the one definition, shared with `webpub new`


def check(page, ctx) -> Iterator[Finding]:
    text = page.text
    if text is None:
        return
    body = text[1:] if text.startswith("\ufeff") else text
    body = body.replace("\r", "")  # CR is WP001's business
    seen_lines = set()
    for match in FORBIDDEN.finditer(body):
        line = body.count("\n", 0, match.start()) + 1
        if line in seen_lines:
            continue
        seen_lines.add(line)
        yield page.finding(
            ID, line,
            t("checks.unicode_text_forbidden", char=textchars.describe(match.group())),
            t("checks.unicode_text_forbidden_hint"),
        )
    if not unicodedata.is_normalized("NFC", body):
        for number, line_text in enumerate(body.split("\n"), start=1):
            if not unicodedata.is_normalized("NFC", line_text):
                yield page.finding(
                    ID, number,
                    t("checks.unicode_text_nfc"),
                    t("checks.unicode_text_nfc_hint"),
                )
                break
