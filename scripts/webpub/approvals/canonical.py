"""Canonical JSON: the one byte form that digests and signatures are taken over.

Keys sorted by Unicode code point, UTF-8 without escapes, no whitespace. Values
are the strings exactly as written in YAML (the strict loader never retypes them),
so quoting style and key order do not change the bytes.
"""

from __future__ import annotations

import json


def canonical_json(value) -> bytes:
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False,
    ).encode("utf-8")


def plain(value):
    """Loader values (``Scalar`` str subclasses, dicts, lists) as plain JSON types."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if value is None:
        return None
    return str(value)
