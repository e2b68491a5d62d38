"""fastschema must agree exactly with jsonschema (Draft 2020-12, no format checks).

The quick predicate is only trusted when it says "valid", so the property that
matters is: quick(x) is True  <=>  jsonschema finds no error. It is tested on the
keywords one by one and on thousands of mutated copies of the sample frontmatter.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from webpub.content import fmschema
from webpub.content.fastschema import compile_schema
from webpub.content.page import load_page
from webpub.repo import Repo

PROJECT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((PROJECT / "schema" / "frontmatter.schema.json").read_text(encoding="utf-8"))


def agree(schema, instance) -> None:
    quick = compile_schema(schema)
    assert quick is not None, "schema should be supported"
    expected = not any(Draft202012Validator(schema).iter_errors(instance))
    assert quick(instance) is expected, (schema, instance)


KEYWORD_CASES = [
    ({"type": "integer"}, [1, 1.0, 1.5, True, "1", None]),
    ({"type": "number"}, [1, 2.5, True, "2"]),
    ({"type": ["string", "null"]}, ["x", None, 0, []]),
    ({"type": "boolean"}, [True, False, 0, "true"]),
    ({"type": "array"}, [[], {}, "a"]),
    ({"type": "object"}, [{}, [], "a"]),
    ({"enum": ["a", "b"]}, ["a", "c", 1, None, ["a"]]),
    ({"const": "x"}, ["x", "y", 1]),
    ({"pattern": "^\\d{4}-\\d{2}$"}, ["2024-01", "2024-1", 202401, "x2024-01"]),
    ({"pattern": "\\d"}, ["a1", "abc"]),
    ({"minLength": 2}, ["ab", "a", "", "กข", 5]),
    ({"maxLength": 3}, ["abc", "abcd", "ก่อน", [1, 2, 3, 4]]),
    ({"minimum": 2500, "maximum": 2600}, [2500, 2600, 2499, 2601.5, "2550", True]),
    ({"minItems": 1, "maxItems": 2}, [[], [1], [1, 2, 3], "x"]),
    ({"items": {"type": "string"}}, [["a"], ["a", 1], [], "a"]),
    ({"required": ["a", "b"]}, [{"a": 1, "b": 2}, {"a": 1}, [], "x"]),
    ({"properties": {"a": {"type": "string"}}}, [{"a": "x"}, {"a": 1}, {"b": 1}, "x"]),
    ({"properties": {"a": {}}, "additionalProperties": False}, [{"a": 1}, {"a": 1, "b": 2}, {}]),
    ({"properties": {"a": {}}, "additionalProperties": {"type": "integer"}}, [{"b": 1}, {"b": "x"}]),
    ({"patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": False},
     [{"x-a": "s"}, {"x-a": 1}, {"y": "s"}]),
    ({"oneOf": [{"type": "string"}, {"minLength": 1}]}, ["a", "", 3]),
    ({"anyOf": [{"type": "string"}, {"type": "integer"}]}, ["a", 1, 1.5]),
    ({"allOf": [{"type": "string"}, {"minLength": 2}]}, ["ab", "a", 1]),
    ({"not": {"type": "string"}}, ["a", 1]),
    ({"$defs": {"d": {"type": "string", "minLength": 1}}, "$ref": "#/$defs/d"}, ["a", "", 1]),
    ({"$ref": "#/$defs/d", "maxLength": 2, "$defs": {"d": {"type": "string"}}}, ["ab", "abc", 1]),
    ({"type": "string", "format": "date"}, ["2024-13-45", "x", 1]),
    (True, [1, "a", None]),
]


@pytest.mark.parametrize("schema,instances", KEYWORD_CASES)
def test_each_keyword_agrees_with_jsonschema(schema, instances):
    for instance in instances:
        agree(schema, instance)


@pytest.mark.parametrize("schema", [
    {"uniqueItems": True},
    {"if": {"type": "string"}, "then": {"minLength": 1}},
    {"unevaluatedProperties": False},
    {"contains": {"type": "string"}},
    {"enum": [1, "a"]},
    {"$ref": "https://example.org/other.json"},
    {"properties": {"a": {"dependentRequired": {"a": ["b"]}}}},
    {"prefixItems": [{}], "items": {}},
])
def test_unknown_keywords_make_the_compiler_refuse(schema):
    assert compile_schema(schema) is None


def test_the_frontmatter_schema_is_supported():
    assert compile_schema(SCHEMA) is not None


def _sample_instances() -> list[dict]:
    repo = Repo(PROJECT)
    out = []
    for path in sorted((PROJECT / "content").rglob("*.md")):
        rel = path.relative_to(PROJECT).as_posix()
        page = load_page(rel, path, path.read_bytes(), 65536)
        if page.ok and isinstance(page.meta, dict):
            out.append(fmschema.coerce(page.meta, repo.frontmatter_schema, repo.frontmatter_schema))
    return out


SWAPS = ["", " ", "x", "2024-01-15", "2024-13-01", "1.1", 0, 1, 2569, 13.75, -1, True, False, None,
         [], ["x"], [{}], {}, {"x": 1}, "ก" * 600, "https://example.org", "a@b.go.th"]


def _mutate(value, rnd: random.Random):
    """One random edit somewhere inside a JSON-like value."""
    if isinstance(value, dict) and value and rnd.random() < 0.75:
        key = rnd.choice(list(value))
        choice = rnd.random()
        if choice < 0.15:
            del value[key]
        elif choice < 0.25:
            value[key + "_x"] = rnd.choice(SWAPS)
        elif choice < 0.55:
            value[key] = copy.deepcopy(rnd.choice(SWAPS))
        else:
            value[key] = _mutate(value[key], rnd)
        return value
    if isinstance(value, list) and value and rnd.random() < 0.75:
        index = rnd.randrange(len(value))
        if rnd.random() < 0.2:
            del value[index]
        else:
            value[index] = _mutate(value[index], rnd)
        return value
    return copy.deepcopy(rnd.choice(SWAPS))


def test_quick_answer_agrees_on_sample_and_mutated_frontmatter():
    quick = compile_schema(SCHEMA)
    full = Draft202012Validator(SCHEMA)
    samples = _sample_instances()
    assert len(samples) > 50
    rnd = random.Random(20261126)
    seen = {True: 0, False: 0}
    for instance in samples:
        assert quick(instance) is not any(full.iter_errors(instance)), instance
        for _ in range(40):
            mutated = _mutate(copy.deepcopy(instance), rnd)
            expected = not any(full.iter_errors(mutated))
            assert quick(mutated) is expected, mutated
            seen[expected] += 1
    # Both answers must have been exercised, or the agreement proves little.
    assert seen[True] > 200 and seen[False] > 1000, seen
