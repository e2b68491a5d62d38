"""WP010: the body has the level-2 headings (``## …``) the category and topic require.

Headings compare after NFC and whitespace normalisation. A heading written at
another level is named in the finding, since the fix is then one ``#``. Both
spellings Markdown has count: ``## หัวข้อ`` and a line underlined with ``---``
(level 2) or ``===`` (level 1).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from webpub.content.catrules import normalise_heading, required_sections
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP010"
NAME = "required-sections"
DESCRIPTION = t("checks.required_sections_description")

ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
ATTR_LIST = re.compile(r"\s*\{[^{}]*\}\s*$")


SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
INDENTED_CODE = re.compile(r"^(?: {4}|\t)")


def headings(body: str) -> list[tuple[int, str, int]]:
    """(level, normalised text, offset line in body) of every heading outside code fences."""
    # previous: (number, line) of the first line of a block, the only place where
    # Python-Markdown reads an underline as a setext heading (after it, a rule).
    found, fence, previous, blank_before = [], None, None, True
    for number, line in enumerate(body.split("\n")):
        opener = FENCE.match(line)
        if opener:
            mark = opener.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence):
                fence = None
            previous, blank_before = None, False
            continue
        if fence is not None:
            continue
        match = ATX.match(line)
        underline = SETEXT.match(line)
        if match:
            text = ATTR_LIST.sub("", match.group(2))
            found.append((len(match.group(1)), normalise_heading(text), number))
            previous = None
        elif underline and previous is not None and previous[0] == number - 1:
            level = 1 if underline.group(1)[0] == "=" else 2
            found.append((level, normalise_heading(ATTR_LIST.sub("", previous[1])), previous[0]))
            previous = None
        elif blank_before and line.strip() and not INDENTED_CODE.match(line):
            previous = (number, line.strip())
        blank_before = not line.strip()
    return found


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    wanted = required_sections(ctx.repo, page.category, page.topic)
    if not wanted:
        return
    present = headings(page.body)
    last_line = page.body_line + max(0, page.body.rstrip("\n").count("\n"))
    for section in wanted:
        key = normalise_heading(section)
        if any(level == 2 and text == key for level, text, _ in present):
            continue
        other = next(((lvl, n) for lvl, text, n in present if text == key), None)
        if other:
            yield page.finding(ID, page.body_line + other[1],
                               t("checks.required_sections_level", section=section, level=other[0]),
                               t("checks.required_sections_level_hint", section=section))
        else:
            yield page.finding(ID, last_line, t("checks.required_sections_missing", section=section),
                               t("checks.required_sections_missing_hint", section=section))
