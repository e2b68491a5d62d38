"""Frontmatter against ``schema/frontmatter.schema.json``: typing and validation.

The strict loader keeps every scalar as text. Here a value becomes a number or a
boolean only where the schema asks for one, and only from an unquoted scalar
spelled exactly as a decimal number or ``true``/``false`` (never ``no``, ``on``,
``0x1F`` or ``0755``). The checks and the commands share these walkers so they
agree on which fields are dates.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator

from jsonschema import Draft202012Validator

from webpub.content.yamlstrict import Scalar

INTEGER = re.compile(r"^-?(?:0|[1-9][0-9]*)$")
NUMBER = re.compile(r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$")
BOOLEANS = {"true": True, "false": False}
_VALIDATOR_KEY = "fmschema.validator"
_QUICK_KEY = "fmschema.quick"


def validator(repo) -> Draft202012Validator:
    """The compiled validator of the repository's frontmatter schema (once per process)."""
    cached = repo._cache.get(_VALIDATOR_KEY)
    if cached is None:
        cached = repo._cache[_VALIDATOR_KEY] = Draft202012Validator(repo.frontmatter_schema)
    return cached


def quick_valid(repo, instance) -> bool:
    """True only if ``instance`` is certainly valid (``fastschema``); False means "ask jsonschema"."""
    if _QUICK_KEY not in repo._cache:
        from webpub.content.fastschema import compile_schema

        repo._cache[_QUICK_KEY] = compile_schema(repo.frontmatter_schema)
    quick = repo._cache[_QUICK_KEY]
    return quick is not None and quick(instance)


# -- walking the schema ----------------------------------------------------
class _Walker:
    """Memoised schema lookups for one root schema (held, so node ids stay unique)."""

    def __init__(self, root: dict):
        self.root = root
        self.memo: dict = {}

    def cached(self, kind: str, node: dict, key, compute, *args):
        slot = (kind, id(node), key)
        try:
            return self.memo[slot]
        except KeyError:
            value = self.memo[slot] = compute(*args)
            return value


_WALKERS: OrderedDict[int, _Walker] = OrderedDict()
_WALKERS_KEPT = 4


def _walker(root: dict) -> _Walker:
    walker = _WALKERS.get(id(root))
    if walker is None or walker.root is not root:
        walker = _WALKERS[id(root)] = _Walker(root)
        while len(_WALKERS) > _WALKERS_KEPT:
            _WALKERS.popitem(last=False)
    return walker


def resolve(node: dict, root: dict) -> dict:
    """Follow local ``$ref`` pointers (``#/$defs/x``)."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 16:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            return {}
        target = root
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node, seen = target, seen + 1
    return node if isinstance(node, dict) else {}


def alternatives(node: dict, root: dict) -> list[dict]:
    """The schema itself plus its ``oneOf``/``anyOf`` branches, resolved."""
    return _walker(root).cached("alt", node, None, _alternatives, node, root)


def _alternatives(node: dict, root: dict) -> list[dict]:
    node = resolve(node, root)
    branches = [node]
    for key in ("oneOf", "anyOf"):
        for branch in node.get(key) or []:
            branches.extend(_alternatives(branch, root))
    return branches


def types_of(node: dict, root: dict) -> set[str]:
    return _walker(root).cached("types", node, None, _types_of, node, root)


def _types_of(node: dict, root: dict) -> set[str]:
    found: set[str] = set()
    for branch in alternatives(node, root):
        kind = branch.get("type")
        if isinstance(kind, str):
            found.add(kind)
        elif isinstance(kind, list):
            found.update(kind)
    return found


def child_schema(node: dict, root: dict, key) -> dict:
    """The schema of ``key`` (a property name or a list index) inside ``node``."""
    slot_key = 0 if isinstance(key, int) else key  # every list item has the same schema
    return _walker(root).cached("child", node, slot_key, _child_schema, node, root, slot_key)


def _child_schema(node: dict, root: dict, key) -> dict:
    for branch in alternatives(node, root):
        if isinstance(key, int) and isinstance(branch.get("items"), dict):
            return resolve(branch["items"], root)
        props = branch.get("properties") or {}
        if isinstance(key, str) and key in props:
            return resolve(props[key], root)
    return {}


def is_date_schema(node: dict, root: dict) -> bool:
    return _walker(root).cached("date", node, None, _is_date_schema, node, root)


def _is_date_schema(node: dict, root: dict) -> bool:
    return any(b.get("format") == "date" for b in alternatives(node, root))


# -- typing ------------------------------------------------------------------
def coerce(value, node: dict, root: dict):
    """A copy of ``value`` typed the way the schema asks; unknown shapes are left alone."""
    if isinstance(value, dict):
        return {k: coerce(v, child_schema(node, root, k), root) for k, v in value.items()}
    if isinstance(value, list):
        return [coerce(v, child_schema(node, root, i), root) for i, v in enumerate(value)]
    if isinstance(value, str):
        return _coerce_scalar(value, types_of(node, root))
    return value


def _coerce_scalar(value: str, wanted: set[str]):
    plain = getattr(value, "plain", False)
    if plain and "integer" in wanted and INTEGER.match(value):
        return int(value)
    if plain and "number" in wanted and NUMBER.match(value):
        return float(value) if "." in value else int(value)
    if plain and "boolean" in wanted and value in BOOLEANS:
        return BOOLEANS[value]
    text = str(value)
    return "" if not text.strip() else text  # whitespace only counts as empty


def typed_meta(page, repo) -> dict:
    """The page's frontmatter typed by the schema (for exports and comparisons)."""
    root = repo.frontmatter_schema
    return coerce(page.meta or {}, root, root)


# -- date fields ---------------------------------------------------------------
def date_values(meta: dict, root: dict) -> Iterator[tuple[tuple, object]]:
    """Every (key path, value) in the frontmatter whose schema is a date."""
    yield from _dates_in(meta, root, root, ())


def _dates_in(value, node, root, path) -> Iterator[tuple[tuple, object]]:
    if is_date_schema(node, root):
        yield path, value
        return
    if not holds_dates(node, root):  # e.g. approval records: nothing below is a date
        return
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _dates_in(item, child_schema(node, root, key), root, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _dates_in(item, child_schema(node, root, index), root, path + (index,))


def holds_dates(node: dict, root: dict) -> bool:
    """Whether a date field can appear anywhere below ``node`` (memoised per node)."""
    return _walker(root).cached("holds-dates", node, None, _holds_dates, node, root, 0)


def _holds_dates(node: dict, root: dict, depth: int) -> bool:
    if depth > 16:
        return True  # too deep to tell: look, rather than miss a date
    for branch in alternatives(node, root):
        if branch.get("format") == "date":
            return True
        children = list((branch.get("properties") or {}).values())
        for key in ("items", "additionalProperties"):
            if isinstance(branch.get(key), dict):
                children.append(branch[key])
        if any(_holds_dates(resolve(child, root), root, depth + 1) for child in children):
            return True
    return False


def schema_at(root: dict, path: tuple) -> dict:
    node = root
    for key in path:
        node = child_schema(node, root, key)
    return node


def is_plain_scalar(value) -> bool:
    return isinstance(value, Scalar) and value.plain


MONTH_PATTERN_PREFIX = "^\\d{4}-(0[1-9]"


def is_month_schema(node: dict, root: dict) -> bool:
    """A ``YYYY-MM`` field (e.g. ``period``), told apart by its pattern."""
    return _walker(root).cached("month", node, None, _is_month_schema, node, root)


def _is_month_schema(node: dict, root: dict) -> bool:
    return any(str(branch.get("pattern", "")).startswith(MONTH_PATTERN_PREFIX)
               for branch in alternatives(node, root))


def month_values(meta: dict, root: dict) -> Iterator[tuple[tuple, object]]:
    """Every (key path, value) whose schema is a ``YYYY-MM`` month."""
    for key, value in (meta or {}).items():
        if is_month_schema(child_schema(root, root, key), root):
            yield (key,), value
