"""The content rules, one module per rule.

Each module defines ``ID`` (stable, never reused: retired ids are listed in
``RETIRED``), ``NAME``, ``DESCRIPTION`` and one or both of
``check(page, ctx) -> Iterator[Finding]`` and
``check_asset(asset, ctx) -> Iterator[Finding]``. Checks are pure: they read the
page, the asset and the context and yield findings; severity comes from
``schema/rules.yml``, not from code. Modules are discovered, so adding a rule is
adding a module (plus its severity line).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType

# Ids that once meant something else and must never come back.
RETIRED: frozenset[str] = frozenset()

INTERNAL_ERROR = "WP000"


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    description: str
    module: ModuleType

    @property
    def page_check(self):
        return getattr(self.module, "check", None)

    @property
    def asset_check(self):
        return getattr(self.module, "check_asset", None)


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    rules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        rule_id = getattr(module, "ID", None)
        if not rule_id:
            continue
        rules.append(Rule(rule_id, module.NAME, module.DESCRIPTION, module))
    return tuple(sorted(rules, key=lambda r: r.id))


def rules_by_id() -> dict[str, Rule]:
    return {rule.id: rule for rule in all_rules()}
