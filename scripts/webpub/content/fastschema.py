"""A quick yes/no answer to "is this instance valid?" for simple JSON Schemas.

Nearly every page is valid, and full ``jsonschema`` validation (which builds error
objects with paths for the messages) costs more per page than loading the page.
``compile_schema`` turns a schema written with the small set of keywords below into
nested closures that only answer true or false. The answer is exact for those
keywords, with jsonschema's Draft 2020-12 meaning and no format checking (the
validator in ``fmschema`` has none either); ``tests/test_fastschema.py`` holds the
two to agreement. A schema that uses anything else gets ``None`` and callers keep
using jsonschema alone, so adding a keyword to the schema can make checking
slower but never laxer. Only a "valid" answer is used to skip jsonschema; an
"invalid" one is explained by jsonschema.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Predicate = Callable[[object], bool]

ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "examples", "default",
               "deprecated", "readOnly", "writeOnly", "format", "$defs", "definitions"}
_TYPES: dict[str, Predicate] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
}


class Unsupported(Exception):
    """The schema uses a keyword (or a form of one) this compiler does not know."""


def compile_schema(schema: dict) -> Predicate | None:
    """A predicate exactly equivalent to Draft 2020-12 validation, or None."""
    try:
        return _Compiler(schema).node(schema, depth=0)
    except Unsupported:
        return None


class _Compiler:
    def __init__(self, root: dict):
        self.root = root

    def node(self, schema, depth: int) -> Predicate:
        if depth > 32:
            raise Unsupported("nesting")
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise Unsupported("schema")
        checks = [self.keyword(key, value, schema, depth) for key, value in schema.items()
                  if key not in ANNOTATIONS and key not in ("properties", "patternProperties")]
        checks.append(self.object_keywords(schema, depth))
        checks = [c for c in checks if c is not None]
        if not checks:
            return lambda v: True
        if len(checks) == 1:
            return checks[0]
        return lambda v: all(c(v) for c in checks)

    def keyword(self, key: str, value, schema: dict, depth: int) -> Predicate | None:
        method = getattr(self, "kw_" + key.lstrip("$"), None)
        if method is None:
            raise Unsupported(key)
        return method(value, schema, depth)

    # -- keywords -------------------------------------------------------------
    def kw_type(self, value, schema, depth):
        kinds = [value] if isinstance(value, str) else value
        if not isinstance(kinds, list) or any(k not in _TYPES for k in kinds):
            raise Unsupported("type")
        tests = [_TYPES[k] for k in kinds]
        return lambda v: any(t(v) for t in tests)

    def kw_enum(self, value, schema, depth):
        if not isinstance(value, list) or not all(isinstance(e, str) for e in value):
            raise Unsupported("enum")  # jsonschema's equality rules for mixed types are subtle
        allowed = frozenset(value)
        return lambda v: isinstance(v, str) and v in allowed

    def kw_const(self, value, schema, depth):
        if not isinstance(value, str):
            raise Unsupported("const")
        return lambda v: isinstance(v, str) and v == value

    def kw_pattern(self, value, schema, depth):
        try:
            compiled = re.compile(value)
        except (re.error, TypeError) as exc:
            raise Unsupported("pattern") from exc
        return lambda v: not isinstance(v, str) or compiled.search(v) is not None

    def kw_minLength(self, value, schema, depth):
        return _size_at_least(str, _count(value))

    def kw_maxLength(self, value, schema, depth):
        return _size_at_most(str, _count(value))

    def kw_minimum(self, value, schema, depth):
        bound = _number(value)
        return lambda v: not _TYPES["number"](v) or v >= bound

    def kw_maximum(self, value, schema, depth):
        bound = _number(value)
        return lambda v: not _TYPES["number"](v) or v <= bound

    def kw_minItems(self, value, schema, depth):
        return _size_at_least(list, _count(value))

    def kw_maxItems(self, value, schema, depth):
        return _size_at_most(list, _count(value))

    def kw_items(self, value, schema, depth):
        if "prefixItems" in schema:
            raise Unsupported("prefixItems")
        each = self.node(value, depth + 1)
        return lambda v: not isinstance(v, list) or all(each(item) for item in v)

    def kw_required(self, value, schema, depth):
        if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
            raise Unsupported("required")
        keys = tuple(value)
        return lambda v: not isinstance(v, dict) or all(k in v for k in keys)

    def kw_additionalProperties(self, value, schema, depth):
        return None  # compiled together with properties in object_keywords

    def kw_oneOf(self, value, schema, depth):
        branches = self.branches(value, depth)
        return lambda v: sum(1 for b in branches if b(v)) == 1

    def kw_anyOf(self, value, schema, depth):
        branches = self.branches(value, depth)
        return lambda v: any(b(v) for b in branches)

    def kw_allOf(self, value, schema, depth):
        branches = self.branches(value, depth)
        return lambda v: all(b(v) for b in branches)

    def kw_not(self, value, schema, depth):
        inner = self.node(value, depth + 1)
        return lambda v: not inner(v)

    def kw_ref(self, value, schema, depth):
        if not isinstance(value, str) or not value.startswith("#/"):
            raise Unsupported("$ref")
        target = self.root
        for part in value[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or part not in target:
                raise Unsupported("$ref target")
            target = target[part]
        return self.node(target, depth + 1)

    def branches(self, value, depth) -> list[Predicate]:
        if not isinstance(value, list) or not value:
            raise Unsupported("branches")
        return [self.node(b, depth + 1) for b in value]

    def object_keywords(self, schema: dict, depth: int) -> Predicate | None:
        props = schema.get("properties") or {}
        patterns = schema.get("patternProperties") or {}
        extra = schema.get("additionalProperties", True)
        if not isinstance(props, dict) or not isinstance(patterns, dict):
            raise Unsupported("properties")
        compiled = {name: self.node(sub, depth + 1) for name, sub in props.items()}
        pattern_checks = [(re.compile(p), self.node(sub, depth + 1)) for p, sub in patterns.items()]
        extra_check = self.node(extra, depth + 1)
        if not compiled and not pattern_checks and extra is True:
            return None

        def check(v) -> bool:
            if not isinstance(v, dict):
                return True
            for key, item in v.items():
                sub = compiled.get(key)
                matched = sub is not None
                if matched and not sub(item):
                    return False
                for regex, pattern_check in pattern_checks:
                    if isinstance(key, str) and regex.search(key):
                        matched = True
                        if not pattern_check(item):
                            return False
                if not matched and not extra_check(item):
                    return False
            return True

        return check


def _size_at_least(kind: type, n: int) -> Predicate:
    return lambda v: not isinstance(v, kind) or len(v) >= n


def _size_at_most(kind: type, n: int) -> Predicate:
    return lambda v: not isinstance(v, kind) or len(v) <= n


def _count(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise Unsupported("count")
    return value


def _number(value) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise Unsupported("number")
    return value
