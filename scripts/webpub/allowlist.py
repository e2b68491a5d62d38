"""The raw-HTML allowlist of ``schema/html-allowlist.yml``, compiled once per repository.

A repository without the file gets ``DEFAULT`` (the same list webpub ships; a test
keeps the two equal), so an agency that never copied it is still protected.
"""

from __future__ import annotations

import os

import re
from dataclasses import dataclass

from webpub.model import UsageError

FILE = "html-allowlist.yml"

DEFAULT = {
    "version": 1,
    "tags": ["p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "em", "strong", "b",
             "i", "u", "s", "del", "ins", "sub", "sup", "mark", "small", "abbr", "code", "pre", "kbd",
             "samp", "var", "blockquote", "q", "cite", "ul", "ol", "li", "dl", "dt", "dd", "table",
             "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "div", "span", "details",
             "summary", "figure", "figcaption"],
    "global_attributes": ["id", "class", "title", "lang"],
    "attributes": {
        "a": ["href", "target", "rel"],
        "img": ["src", "alt", "width", "height"],
        "th": ["style", "align", "colspan", "rowspan", "scope"],
        "td": ["style", "align", "colspan", "rowspan"],
        "ol": ["start", "type"],
        "li": ["value"],
        "blockquote": ["cite"],
        "q": ["cite"],
        "details": ["open"],
    },
    "values": {
        "style": r"\s*text-align:\s*(left|right|center)\s*;?\s*",
        "align": "(left|right|center)",
        "target": "_blank",
        "rel": "(noopener|noreferrer|nofollow| )+",
        "width": "[0-9]{1,4}(px|%)?",
        "height": "[0-9]{1,4}(px|%)?",
        "colspan": "[0-9]{1,3}",
        "rowspan": "[0-9]{1,3}",
        "start": "-?[0-9]{1,6}",
        "value": "-?[0-9]{1,6}",
        "type": "[1aAiI]",
        "scope": "(row|col|rowgroup|colgroup)",
        "lang": "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*",
        "open": "(open)?",
        "class": r"(?!md-)(?!.*\smd-)[A-Za-z0-9_: -]*",
        "id": "[^\\s<>\"'`]+",
    },
    "url_attributes": ["href", "src", "cite"],
    "url_schemes": ["http", "https", "mailto", "tel"],
}


@dataclass(frozen=True)
class Allowlist:
    tags: frozenset[str]
    attributes: dict[str, frozenset[str]]  # tag -> allowed attribute names (global included)
    values: dict[str, re.Pattern]
    url_attributes: frozenset[str]
    url_schemes: frozenset[str]

    def allows_attribute(self, tag: str, name: str) -> bool:
        return name in self.attributes.get(tag, self.attributes[""])

    def allows_value(self, name: str, value: str | None) -> bool:
        pattern = self.values.get(name)
        return pattern is None or bool(pattern.fullmatch(value or ""))


def compile_allowlist(data: dict) -> Allowlist:
    """The compiled allowlist; a malformed file is a UsageError naming what is wrong."""
    try:
        return _compile(data)
    except (AttributeError, TypeError, re.error) as exc:
        raise UsageError(f"ไฟล์กฎ schema/{FILE} ไม่ถูกต้อง ({exc}) — แก้ตามตัวอย่างในไฟล์ที่ webpub ให้มา") from None


def _compile(data: dict) -> Allowlist:
    if not isinstance(data, dict) or not isinstance(data.get("tags"), list):
        raise TypeError("ต้องเป็น mapping ที่มีรายการ tags")
    common = frozenset(data.get("global_attributes") or [])
    per_tag = {"": common}
    for tag in data.get("tags") or []:
        per_tag[tag] = common | frozenset((data.get("attributes") or {}).get(tag) or [])
    return Allowlist(
        tags=frozenset(data.get("tags") or []),
        attributes=per_tag,
        values={name: re.compile(pattern) for name, pattern in (data.get("values") or {}).items()},
        url_attributes=frozenset(data.get("url_attributes") or []),
        url_schemes=frozenset(s.lower() for s in data.get("url_schemes") or []),
    )


_compiled: dict[tuple[str, int], Allowlist] = {}


def for_repo(repo) -> Allowlist:
    try:
        stamp = os.stat(os.path.join(repo.root, "schema", FILE)).st_mtime_ns
    except OSError:
        stamp = -1
    key = (str(repo.root), stamp)
    if key not in _compiled:
        _compiled[key] = compile_allowlist(repo.schema(FILE) if stamp != -1 else DEFAULT)
    return _compiled[key]
