"""One rule registry for every family: each id in schema/rules.yml has exactly one registered
rule (id, name, description, family, home) and vice versa; the README's rule table lists
every family; ``--select``/``--ignore`` pick rules by id or prefix, as ruff and flake8 do."""

from __future__ import annotations

import collections
import importlib
import re

import pytest
import yaml

from conftest import PROJECT
from webpub.core.registry import FAMILIES, RETIRED, all_rules, parse_selectors, selected

SEVERITIES = yaml.safe_load((PROJECT / "schema" / "rules.yml").read_text(encoding="utf-8"))["rules"]


def test_every_severity_has_exactly_one_registered_rule_and_vice_versa():
    ids = [rule.id for rule in all_rules()]
    assert [i for i, n in collections.Counter(ids).items() if n > 1] == []
    assert set(ids) == set(SEVERITIES) - RETIRED
    assert set(ids) & RETIRED == set()


def test_every_rule_is_described_in_thai_with_a_family_and_a_home():
    names = [rule.name for rule in all_rules()]
    assert [n for n, k in collections.Counter(names).items() if k > 1] == []
    for rule in all_rules():
        assert re.fullmatch(r"[a-z0-9-]+", rule.name), rule.id
        assert re.search("[\u0e01-\u0e5b]", rule.description) and "(" in rule.description, rule.id
        assert rule.family in FAMILIES.values()
        module = importlib.import_module(rule.home)
        assert rule.id in module.__doc__ or rule.id in open(module.__file__, encoding="utf-8").read(), rule.id
    assert {r.family for r in all_rules()} == set(FAMILIES.values())


def test_readme_rule_table_lists_every_family():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if re.match(r"^\| (content|attachment|approval|site) \|", line)]
    assert {row.split("|")[1].strip() for row in rows} == set(FAMILIES.values())
    listed = set()
    for row in rows:
        for a, b in re.findall(r"WP(\d{3})(?:–WP(\d{3}))?", row):
            listed.update(f"WP{n:03d}" for n in range(int(a), int(b or a) + 1))
    assert set(SEVERITIES) - RETIRED <= listed


def test_selectors_are_ids_or_prefixes_and_unknown_ones_are_refused():
    known = list(SEVERITIES)
    assert parse_selectors(["WP1,wp026", " WP3 "], known) == ("WP1", "WP026", "WP3")
    for bad in ("WP9", "E501", "WP0261", "WP999"):
        with pytest.raises(ValueError, match="ไม่ใช่รหัสกฎ"):
            parse_selectors([bad], known)


@pytest.mark.parametrize("rule, select, ignore, expected", [
    ("WP026", (), (), True),
    ("WP026", ("WP0",), (), True),
    ("WP126", ("WP0",), (), False),
    ("WP126", (), ("WP1",), False),
    ("WP126", ("WP126",), ("WP1",), True),    # the longer selector wins
    ("WP126", ("WP1",), ("WP12",), False),
    ("WP126", ("WP1",), ("WP1",), False),     # a tie goes to --ignore
])
def test_selection_follows_ruff(rule, select, ignore, expected):
    assert selected(rule, select, ignore) is expected


# -- webpub check --select / --ignore ------------------------------------------
def _rules(capsys, *args):
    from conftest import run_cli

    code, out, err = run_cli(capsys, "check", "--format", "json", "--no-cache", "--today", "2024-02-01", *args)
    return code, sorted({f["rule"] for f in __import__("json").loads(out)["findings"]}) if out else None, err


def test_check_select_and_ignore(tmp_repo, capsys):
    import os

    from conftest import VALID_PAGE, write

    write(tmp_repo, "content/about/index.md", VALID_PAGE)
    write(tmp_repo, "content/about/bad.md", "no frontmatter at all\n")
    os.symlink("index.md", tmp_repo / "content/about/copy.md")
    code, every, _ = _rules(capsys)
    assert code == 1 and "WP026" in every and "WP003" in every
    assert _rules(capsys, "--select", "WP026")[:2] == (1, ["WP026"])
    code, rules, _ = _rules(capsys, "--ignore", "WP02")
    assert "WP026" not in rules and "WP003" in rules
    code, rules, _ = _rules(capsys, "--select", "WP0", "--ignore", "WP003,WP026")
    assert rules == sorted(set(every) - {"WP003", "WP026"})
    assert _rules(capsys, "--select", "WP3")[:2] == (0, [])  # nothing selected fails: exit 0
    code, out, err = _rules(capsys, "--select", "WP9")
    assert code == 2 and "WP9" in err and "Traceback" not in err
