"""Every data file in schema/ is well formed and consistent with the others and with the code.

Structure: the small JSON Schemas in schema/meta/ (themselves checked against the
2020-12 metaschema, like frontmatter.schema.json). Cross-references: here.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import PROJECT

SCHEMA = PROJECT / "schema"
META = SCHEMA / "meta"
ENGINE = PROJECT / "scripts" / "webpub"
RULE_ID = re.compile(r"\bWP[0-9]{3}\b")
GUIDELINE_TYPES = [".pdf", ".xls", ".xlsx", ".doc", ".docx", ".jpg", ".png", ".zip", ".rar"]


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice in one mapping (PyYAML keeps the last)."""


def _mapping(loader, node, deep=False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    twice = [k for k, n in Counter(keys).items() if n > 1]
    if twice:
        raise yaml.constructor.ConstructorError(None, None, f"duplicate key {twice[0]!r}", node.start_mark)
    return loader.construct_mapping(node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load(name: str):
    path = SCHEMA / name
    if name.endswith(".json"):
        return json.loads(path.read_text(encoding="utf-8"))
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)


CATEGORIES = load("categories.yml")
ORG = load("organization.yml")
RULES = load("rules.yml")
FILE_RULES = load("file-rules.yml")
FRONTMATTER = load("frontmatter.schema.json")


def problems(instance, schema) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
            for e in Draft202012Validator(schema).iter_errors(instance)]


def duplicates(values) -> list:
    return sorted(v for v, n in Counter(values).items() if n > 1)


# -- every file parses -------------------------------------------------------------------
@pytest.mark.parametrize("path", sorted(p.relative_to(SCHEMA).as_posix() for p in SCHEMA.rglob("*")
                                        if p.suffix in (".yml", ".yaml", ".json")))
def test_every_schema_file_parses_without_duplicate_keys(path):
    assert load(path) is not None


# -- JSON Schemas against the metaschema ----------------------------------------------------
@pytest.mark.parametrize("path", ["frontmatter.schema.json", *sorted(f"meta/{p.name}" for p in META.glob("*.json"))])
def test_json_schemas_are_valid_2020_12(path):
    schema = load(path)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("data_file, meta", [
    ("categories.yml", "categories.schema.json"),
    ("organization.yml", "organization.schema.json"),
    ("file-rules.yml", "file-rules.schema.json"),
    ("rules.yml", "rules.schema.json"),
    ("hosting.yml", "hosting.schema.json"),
    ("obligations.yml", "obligations.schema.json"),
    ("editor.yml", "editor.schema.json"),
])
def test_data_files_match_their_meta_schema(data_file, meta):
    assert problems(load(data_file), load(f"meta/{meta}")) == []


def test_meta_schemas_catch_a_comma_in_an_unquoted_flow_title():
    broken = yaml.safe_load("version: 1\nrules:\n  WP999: {severity: error, title: a, b}\n")
    assert problems(broken, load("meta/rules.schema.json"))


# -- categories -------------------------------------------------------------------------------
def test_category_ids_dirs_and_groups():
    cats = CATEGORIES["categories"]
    assert duplicates(c["id"] for c in cats) == []
    assert duplicates(c["dir"] for c in cats) == []
    assert duplicates(g["id"] for g in CATEGORIES["groups"]) == []
    groups = {g["id"] for g in CATEGORIES["groups"]}
    assert [c["id"] for c in cats if c["group"] not in groups] == []
    assert [c["id"] for c in cats if not c["id"].startswith(c["group"] + ".")] == []


def test_every_category_has_names_and_a_folder():
    for category in CATEGORIES["categories"]:
        assert category["name_th"].strip() and category["name_en"].strip() and category["dir"], category["id"]


def test_topics_unique_and_parents_exist():
    for category in CATEGORIES["categories"]:
        ids = [t["id"] for t in category["topics"]]
        assert duplicates(ids) == [], category["id"]
        assert [t["id"] for t in category["topics"] if t.get("parent") and t["parent"] not in ids] == []


def test_required_fields_are_frontmatter_keys():
    keys = set(FRONTMATTER["properties"])
    named = set(CATEGORIES["always_required"])
    for category in CATEGORIES["categories"]:
        named.update(category["required_fields"])
        for topic in category["topics"]:
            named.update(topic.get("required_fields") or [])
    props = FRONTMATTER["properties"]
    for name in named:
        for alternative in name.split("|"):
            top, _, inner = alternative.partition(".")
            assert top in keys, name
            assert not inner or inner in props[top]["properties"], name
    assert set(FRONTMATTER["required"]) <= set(CATEGORIES["always_required"])


def test_period_until_names_a_date_field():
    date_fields = {k for k, v in FRONTMATTER["properties"].items() if v.get("format") == "date"}
    for category in CATEGORIES["categories"]:
        for topic in category["topics"]:
            if "period_until" in topic:
                assert topic["period_until"] in date_fields, topic["id"]
                assert topic["period_until"] in (topic.get("required_fields") or []), topic["id"]


def test_source_required_categories_list_source():
    for category in CATEGORIES["categories"]:
        if category["source_required"]:
            assert "source" in category["required_fields"], category["id"]


# -- organisation -------------------------------------------------------------------------------
def test_organisation_ids_unique():
    people = ORG["people"]
    assert duplicates(d["id"] for d in ORG["divisions"]) == []
    for field in ("id", "email", "forge_login", "forge_id"):
        assert duplicates(p[field] for p in people if field in p) == [], field


def test_every_division_has_an_existing_director_of_its_own():
    people = {p["id"]: p for p in ORG["people"]}
    for division in ORG["divisions"]:
        assert division["directors"], division["id"]
        for director in division["directors"]:
            assert director in people, (division["id"], director)
            assert people[director]["division"] == division["id"], (division["id"], director)


def test_people_belong_to_existing_divisions_and_roles_name_people():
    divisions = {d["id"] for d in ORG["divisions"]}
    people = {p["id"] for p in ORG["people"]}
    assert [p["id"] for p in ORG["people"] if p["division"] not in divisions] == []
    for role, members in ORG["roles"].items():
        assert set(members) - people == set(), role
    assert ORG["bot"]["id"] not in people


# -- file rules ------------------------------------------------------------------------------------
def test_size_cap_is_4_mib_as_the_guideline_says():
    assert FILE_RULES["max_bytes"] == 4_194_304


def test_allowed_types_are_the_guidelines():
    assert FILE_RULES["allowed"] == GUIDELINE_TYPES


def test_every_allowed_extension_has_a_kind():
    extras = {e for c in CATEGORIES["categories"] for e in c["attachment_extras"]}
    assert (set(FILE_RULES["allowed"]) | extras) - set(FILE_RULES["kinds"]) == set()


# -- rule ids: rules.yml <-> code ---------------------------------------------------------------
def _ids_in_code() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(ENGINE.rglob("*.py")):
        for rule in RULE_ID.findall(path.read_text(encoding="utf-8")):
            found.setdefault(rule, []).append(path.relative_to(ENGINE).as_posix())
    return found


def test_every_check_module_id_has_a_severity():
    from webpub.core.registry import RETIRED, file_rules

    ids = [rule.id for rule in file_rules()]
    assert duplicates(ids) == []
    assert set(ids) - set(RULES["rules"]) == set()
    assert set(ids) & set(RETIRED) == set()
    for rule in file_rules():
        assert rule.name and re.search("[\u0e01-\u0e5b]", rule.description), rule.id
        assert rule.page_check or rule.asset_check or rule.path_check, rule.id


def test_every_rule_id_in_code_has_a_severity_and_vice_versa():
    in_code = _ids_in_code()
    assert {r: f for r, f in in_code.items() if r not in RULES["rules"]} == {}
    assert sorted(set(RULES["rules"]) - set(in_code)) == []


def test_rules_yml_is_one_line_per_rule():
    lines = [l for l in (SCHEMA / "rules.yml").read_text(encoding="utf-8").splitlines() if RULE_ID.match(l.strip())]
    assert len(lines) == len(RULES["rules"])
