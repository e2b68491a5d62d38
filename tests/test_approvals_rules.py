"""Rule ids used by the approvals code are declared in schema/rules.yml with a severity."""

from __future__ import annotations

import re

import yaml

from conftest import PROJECT

SOURCES = [*(PROJECT / "scripts" / "webpub" / "approvals").glob("*.py"),
           PROJECT / "scripts" / "webpub" / "checks" / "approval_trail.py"]


def test_every_approval_rule_id_has_a_severity():
    rules = yaml.safe_load((PROJECT / "schema" / "rules.yml").read_text(encoding="utf-8"))["rules"]
    used = {rid for path in SOURCES for rid in re.findall(r"WP2[01]\d", path.read_text(encoding="utf-8"))}
    assert used and used <= set(rules)
    assert all(rules[rid]["severity"] in ("error", "warning") for rid in used)
    assert rules["WP201"]["severity"] == "warning"  # a stale approval makes a draft, not a broken repo


def test_check_rule_module_contract():
    from webpub.core.registry import rules_by_id

    rule = rules_by_id()["WP200"]
    assert rule.name == "approval-trail" and rule.page_check is not None
