"""The deep rules are registered, described and have a severity; the national-ID detector."""

from __future__ import annotations

from pathlib import Path

import yaml

from webpub.core.registry import all_rules
from webpub.files.pdpa import column_letters
from webpub.thaiid import find as find_ids, is_valid as is_valid_id, mask

PROJECT = Path(__file__).resolve().parent.parent


def test_every_deep_rule_is_registered_with_a_severity():
    severities = yaml.safe_load((PROJECT / "schema" / "rules.yml").read_text(encoding="utf-8"))["rules"]
    deep = [r for r in all_rules() if r.family == "attachment"]
    assert len(deep) == 29
    for rule in deep:
        assert 100 <= int(rule.id[2:]) <= 199
        assert rule.id in severities and severities[rule.id]["severity"] in ("error", "warning")
        assert rule.name and "(" in rule.description
    assert len({r.id for r in deep}) == len(deep)


def test_national_id_detector():
    assert is_valid_id("1101700230708") and not is_valid_id("1101700230705")
    assert not is_valid_id("0101700230700")
    text = "เลข 1-1017-00230-70-8 และ ๓๑๐๐๖๐๐๔๔๘๓๙๑ แต่ไม่ใช่ 11101700230708 หรือ 1101700230705"
    assert [d for _o, d in find_ids(text)] == ["1101700230708", "3100600448391"]
    assert list(find_ids("11017 00230708")) == [], "one separator is two numbers, not a grouped ID"
    assert [d for _o, d in find_ids("1 1017 00230 70 8")] == ["1101700230708"]
    assert mask("1101700230708") == "1-1017-xxxxx-xx-8"


def test_column_letters():
    assert [column_letters(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
