"""What the Markdown renderer cannot be trusted with, found before it runs.

Python-Markdown recurses once per nesting level (5,000 nested list items end in a
``RecursionError``) and is quadratic in several shapes of input: hundreds of
headings or rules with no blank line between them, many ``[`` or ``<`` left open
in one paragraph, hundreds of abbreviations or thousands of footnotes, very wide
tables. :func:`refusal` measures those shapes in one linear pass (C-speed string
methods first; Python only looks closer at a block that could be over a limit)
and names the first one over its limit, with its line, so a page is refused with
a clear reason (WP060) instead of eating the check's time budget. The limits are
far above anything an honest page needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from webpub.messages import t

MAX_DEPTH = 32            # lists, block quotes and indentation, combined
MAX_STRUCTURE_RUN = 200   # headings/rules/definition lines in one block (no blank line between)
MAX_OPEN_COST = 400_000   # characters the inline parser rescans for unclosed [ in one block
MAX_ANGLE_COST = 3_000_000  # the same for < (cheaper per character)
MAX_ABBREVIATIONS = 100
MAX_FOOTNOTES = 1_000
MAX_TABLE_COLUMNS = 500

# A line prefix that could nest deeper than MAX_DEPTH: every nesting step takes at
# least one character ('>'), so shorter prefixes are never looked at closely.
_DEEP = re.compile(r"^(?:[ \t>]|[-*+][ \t]|[0-9]{1,9}[.)][ \t]){%d,}" % (MAX_DEPTH + 1), re.M)
_PREFIX_PART = re.compile(r"(>)|([-*+]|[0-9]{1,9}[.)])[ \t]|(\t)|( )")
_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")
_STRUCTURE = re.compile(r"^[ \t>]*(?:#|[-=*_][-=*_ \t]*$|:|!!!|\?\?\?|```|~~~)", re.M)
_LIST_ITEM = re.compile(r"[ ]{0,3}(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)")
_ABBREVIATION = re.compile(r"^[ \t]{0,3}\*\[", re.M)
_FOOTNOTE = re.compile(r"^[ \t]{0,3}\[\^[^\]\n]*\]:", re.M)
_BRACKETS = re.compile(r"[\[\]]")
_ANGLES = re.compile(r"[<>]")


@dataclass(frozen=True)
class Refusal:
    offset: int   # character offset into the body
    message: str  # Thai: what is too much
    hint: str     # Thai: how to fix it


def refusal(body: str) -> Refusal | None:
    """The first shape in ``body`` the renderer must not be given, or None."""
    return (_depth(body) or _blocks(body) or _definitions(body) or _table(body))


def _depth(body: str) -> Refusal | None:
    for match in _DEEP.finditer(body):
        depth, spaces = 0, 0
        for part in _PREFIX_PART.finditer(match.group(0)):
            if part.group(1) or part.group(2):
                depth += 1
            elif part.group(3):
                spaces += 4
            else:
                spaces += 1
        depth += spaces // 4
        if depth > MAX_DEPTH:
            return Refusal(
                match.start(),
                t("rendering.too_deep", depth=f"{depth:,}", max=MAX_DEPTH),
                t("rendering.too_deep_hint", max=MAX_DEPTH))
    return None


def _blocks(body: str) -> Refusal | None:
    start, in_list = 0, False
    for separator in _BLOCK_SPLIT.finditer(body):
        block = body[start:separator.start()]
        code, in_list = _code_block(block, in_list)
        found = _block(block, start, code)
        if found:
            return found
        start = separator.end()
    block = body[start:]
    return _block(block, start, _code_block(block, in_list)[0])


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def _code_block(block: str, in_list: bool) -> tuple[bool, bool]:
    """(does the block open with indented code, is a list still open after it).

    A block indented four spaces is code unless it continues a list, where the
    renderer parses it again as the item's own content (headings in it cost as much
    as anywhere). Code is read in one piece, whatever ``#`` lines it holds."""
    if _indent(block) >= 4:
        return not in_list, in_list
    return False, bool(_LIST_ITEM.match(block))


def _block(block: str, base: int, code: bool = False) -> Refusal | None:
    size = len(block)
    if block.count("\n") >= MAX_STRUCTURE_RUN and sum(1 for _ in _STRUCTURE.finditer(block)) > MAX_STRUCTURE_RUN:
        at = _structure_run(block, code)
        if at is not None:
            return Refusal(
                base + at,
                t("rendering.structure_run", max=MAX_STRUCTURE_RUN), t("rendering.structure_run_hint"))
    opened = block.count("[")
    if opened * size > MAX_OPEN_COST:
        at = _open_cost(block, _BRACKETS, "[", MAX_OPEN_COST)
        if at is not None:
            return Refusal(
                base + at,
                t("rendering.brackets"), t("rendering.brackets_hint"))
    opened = block.count("<")
    if opened * size > MAX_ANGLE_COST:
        at = _open_cost(block, _ANGLES, "<", MAX_ANGLE_COST)
        if at is not None:
            return Refusal(
                base + at,
                t("rendering.angles"), t("rendering.angles_hint"))
    return None


def _structure_run(block: str, code: bool = False) -> int | None:
    """Offset of the line that makes the run too long, not counting lines of code,
    fenced or (``code``: the block opens with it) indented: a long script full of
    ``#`` comments is text, not headings."""
    count, fence, pos = 0, "", 0
    for line in block.split("\n"):
        stripped = line.lstrip(" \t>")
        if code:
            if _indent(line) >= 4:
                pos += len(line) + 1
                continue
            code = False  # the code ends at the first line that is not indented
        if fence:
            if stripped.startswith(fence) and not stripped[len(fence):].strip(fence[0] + " \t"):
                fence = ""
        elif stripped.startswith(("```", "~~~")):
            marker = stripped[0]
            fence = marker * (len(stripped) - len(stripped.lstrip(marker)))
        elif _STRUCTURE.match(line):
            count += 1
            if count > MAX_STRUCTURE_RUN:
                return pos
        pos += len(line) + 1
    return None


def _open_cost(block: str, pattern: re.Pattern, opener: str, cap: int) -> int | None:
    """Offset of the first opener once the characters rescanned for openers pass ``cap``.

    The inline parser looks from each opener for its closer; an opener that is never
    closed makes it read to the end of the paragraph. The cost is the sum of those
    distances; the stack holds the openers not yet closed.
    """
    stack: list[int] = []
    cost = 0
    end = len(block)
    for match in pattern.finditer(block):
        pos = match.start()
        if block[pos] == opener:
            stack.append(pos)
        elif stack:
            cost += pos - stack.pop()
            if cost > cap:
                return stack[0] if stack else pos
    for pos in stack:
        cost += end - pos
        if cost > cap:
            return stack[0]
    return None


def _definitions(body: str) -> Refusal | None:
    for pattern, cap, what in (
        (_ABBREVIATION, MAX_ABBREVIATIONS, "abbreviations"),
        (_FOOTNOTE, MAX_FOOTNOTES, "footnotes"),
    ):
        if body.count("\n") < cap:
            continue
        for number, match in enumerate(pattern.finditer(body), start=1):
            if number > cap:
                return Refusal(match.start(), t(f"rendering.{what}", max=f"{cap:,}"), t(f"rendering.{what}_hint"))
    return None


def _table(body: str) -> Refusal | None:
    if body.count("|") <= MAX_TABLE_COLUMNS:
        return None
    pos = 0
    for line in body.split("\n"):
        if line.count("|") > MAX_TABLE_COLUMNS + 1:
            return Refusal(
                pos, t("rendering.table_columns", max=MAX_TABLE_COLUMNS), t("rendering.table_columns_hint"))
        pos += len(line) + 1
    return None
