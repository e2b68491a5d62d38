"""WP005: frontmatter values have the keys and types ``schema/frontmatter.schema.json`` asks for.

Values are typed first (``fmschema.coerce``), then validated with JSON Schema
Draft 2020-12. Problems another rule explains better are left to it, so one
mistake gives one finding: date and month shapes (WP006), which category, topic,
division or officer exists (WP007/WP008), missing always-required keys (WP009).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from webpub.content import fmschema
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP005"
NAME = "schema"
DESCRIPTION = t("checks.schema_valid_description")

DELEGATED_PATTERNS = {("category",), ("topic",), ("owner", "division"), ("owner", "officer")}

TYPE_TH = {kind: t(f"checks.schema_type_{kind}")
           for kind in ("string", "integer", "number", "boolean", "array", "object", "null")}


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    repo = ctx.repo
    root = repo.frontmatter_schema
    instance = fmschema.coerce(page.meta, root, root)
    if fmschema.quick_valid(repo, instance):
        return
    always = set(repo.schema("categories.yml").get("always_required") or [])
    for error in sorted(fmschema.validator(repo).iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))):
        if _delegated(error, root, always):
            continue
        yield from _findings(page, error, root)


def _delegated(error, root, always) -> bool:
    path = tuple(error.absolute_path)
    if error.validator == "required" and not path:
        return all(key in always for key in _missing(error))
    if error.validator in ("pattern", "format"):
        node = fmschema.schema_at(root, path)
        return (path in DELEGATED_PATTERNS or fmschema.is_date_schema(node, root)
                or fmschema.is_month_schema(node, root))
    return False


def _missing(error) -> list[str]:
    wanted = error.validator_value or []
    present = error.instance if isinstance(error.instance, dict) else {}
    return [key for key in wanted if key not in present]


def key_name(path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "frontmatter"


def type_of_value(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "string"


def _findings(page, error, root) -> Iterator[Finding]:
    path = tuple(error.absolute_path)
    handler = HANDLERS.get(error.validator, _other)
    if error.instance is None and error.validator != "required":
        handler = _null
    for extra_path, message, hint in handler(error, path, root):
        full = path + extra_path
        yield page.finding(ID, page.line_of(*full), message, hint)


def _additional(error, path, root):
    node = fmschema.schema_at(root, path)
    allowed = list((node.get("properties") or {}).keys())
    for key in error.instance:
        if key in allowed:
            continue
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        hint = (t("checks.schema_unknown_key_close_hint", close=close[0]) if close
                else t("checks.schema_unknown_key_hint", keys=", ".join(allowed)))
        where = t("checks.schema_unknown_key_in", parent=key_name(path)) if path else ""
        yield (key,), t("checks.schema_unknown_key", key=key, where=where), hint


def _required(error, path, root):
    missing = _missing(error)
    where = f"'{key_name(path)}'" if path else "frontmatter"
    keys = ", ".join(missing)
    hint = "checks.schema_required_more_hint" if len(missing) > 1 else "checks.schema_required_hint"
    yield (), t("checks.schema_required", where=where, keys=keys), t(hint, key=missing[0], where=where)


def _null(error, path, root):
    name = key_name(path)
    yield (), t("checks.schema_null", name=name), t("checks.schema_null_hint", name=name)


def _type(error, path, root):
    wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    wanted_th = t("checks.schema_or").join(TYPE_TH.get(kind, kind) for kind in wanted)
    value = error.instance
    found = type_of_value(value)
    name = key_name(path)
    yield (), t("checks.schema_type", name=name, wanted=wanted_th, found=TYPE_TH.get(found, found)), \
        _type_hint(wanted, value)


def _type_hint(wanted: list[str], value) -> str:
    if isinstance(value, str) and ("number" in wanted or "integer" in wanted):
        if fmschema.NUMBER.match(value.strip()):
            return t("checks.schema_type_number_hint", value=value.strip())
        return t("checks.schema_type_decimal_hint")
    if isinstance(value, str) and "boolean" in wanted:
        return t("checks.schema_type_boolean_hint")
    if "array" in wanted:
        return t("checks.schema_type_array_hint")
    if "string" in wanted:
        return t("checks.schema_type_string_hint")
    return t("checks.schema_type_other_hint")


def _enum(error, path, root):
    allowed = [str(v) for v in error.validator_value]
    value = str(error.instance)
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    suggestion = t("checks.did_you_mean", value=close[0]) if close else ""
    yield (), t("checks.schema_enum", value=value, name=key_name(path)), \
        t("checks.schema_enum_hint", suggestion=suggestion, allowed=", ".join(allowed))


def _pattern(error, path, root):
    node = fmschema.schema_at(root, path)
    yield (), t("checks.schema_pattern", value=error.instance, name=key_name(path)), \
        _pattern_hint(error.validator_value, node)


def _pattern_hint(pattern: str, node: dict) -> str:
    if "@" in pattern:
        return t("checks.schema_pattern_email_hint")
    if pattern.startswith("^https"):
        return t("checks.schema_pattern_https_hint" if pattern.startswith("^https://") else "checks.schema_pattern_http_hint")
    if pattern.startswith("^sha256"):
        return t("checks.schema_pattern_digest_hint")
    described = node.get("description")
    if described:
        return t("checks.schema_pattern_described_hint", description=described, pattern=pattern)
    return t("checks.schema_pattern_hint", pattern=pattern)


def _min_length(error, path, root):
    yield (), t("checks.schema_min_length", name=key_name(path)), t("checks.schema_min_length_hint")


def _max_length(error, path, root):
    yield (), t("checks.schema_max_length", name=key_name(path), length=f"{len(error.instance):,}",
                limit=f"{error.validator_value:,}"), t("checks.schema_max_length_hint")


def _bound(error, path, root):
    key = f"checks.schema_{error.validator}"  # minimum, maximum, exclusiveMinimum, exclusiveMaximum
    yield (), t(key, value=error.instance, name=key_name(path), limit=error.validator_value), \
        t("checks.schema_bound_fiscal_year_hint" if path == ("fiscal_year",) else "checks.schema_bound_hint")


def _min_items(error, path, root):
    yield (), t("checks.schema_min_items", name=key_name(path), count=error.validator_value), \
        t("checks.schema_min_items_hint")


def _one_of(error, path, root):
    node = fmschema.schema_at(root, path)
    kinds = t("checks.schema_or").join(TYPE_TH.get(kind, kind) for kind in sorted(fmschema.types_of(node, root)))
    yield (), t("checks.schema_one_of", name=key_name(path)), \
        t("checks.schema_one_of_hint", kinds=kinds) if kinds else t("checks.schema_one_of_other_hint")


def _other(error, path, root):
    yield (), t("checks.schema_other", name=key_name(path), rule=error.validator), \
        t("checks.schema_other_hint", detail=error.message)


HANDLERS = {
    "additionalProperties": _additional,
    "required": _required,
    "type": _type,
    "enum": _enum,
    "pattern": _pattern,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minimum": _bound,
    "maximum": _bound,
    "exclusiveMinimum": _bound,
    "exclusiveMaximum": _bound,
    "minItems": _min_items,
    "oneOf": _one_of,
    "anyOf": _one_of,
}
