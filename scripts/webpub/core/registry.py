"""The one rule registry: every rule id of every family, with its name, description and home.

Families, by the id's hundreds (the id scheme is a contract, so the family is too):

- ``content`` (WP0xx): rules on a page or a file under ``content/``, run by ``webpub check``;
- ``attachment`` (WP1xx): deep inspection of attachments (``webpub.files``) and open data;
- ``approval`` (WP2xx): the approval trail (``webpub verify``, the WP200 check) and the PR gate;
- ``site`` (WP3xx): the built site's output checks (``webpub.site.output_checks``).

A rule is declared once, in its *home*: a module under ``checks/`` with ``ID``, ``NAME``,
``DESCRIPTION`` and a pure ``check(page, ctx)`` or ``check_asset(asset, ctx)``; or an entry
of a ``RULES`` table in the module that decides it (the deep rules read from the inspectors'
issues, the approval rules, the site output rules, the runner's budget). Severities are
data in ``schema/rules.yml``, never here; a test holds the two sets equal.

The engine needs only the rules that run on a file (:func:`file_rules`); the whole registry
(:func:`all_rules`) imports the approval and site modules too and is read by tests, docs and
``--select``/``--ignore`` checking.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from webpub.messages import t

# Ids that once meant something else and must never come back.
RETIRED: frozenset[str] = frozenset()

INTERNAL_ERROR = "WP000"

FAMILIES = {"0": "content", "1": "attachment", "2": "approval", "3": "site"}

# Modules outside ``checks/`` whose ``RULES`` table declares rules they decide
# (``checks/_deep.py``'s table is read by :func:`file_rules`).
DECLARING = (
    "webpub.core.engine",
    "webpub.core.runner",
    "webpub.approvals.verify",
    "webpub.approvals.gate",
    "webpub.approvals.refusals",
    "webpub.site.output_checks",
)


def family_of(rule_id: str) -> str:
    return FAMILIES.get(rule_id[2:3], "content")


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    description: str
    home: str = ""                                  # the module that decides it
    page_check: Callable | None = None               # check(page, ctx) -> Iterator[Finding]
    asset_check: Callable | None = None              # check_asset(asset, ctx) -> Iterator[Finding]
    path_check: Callable | None = None               # check_path(rel, abspath) -> list[Finding], before reading

    @property
    def family(self) -> str:
        return family_of(self.id)

    @classmethod
    def of_module(cls, module) -> Rule:
        return cls(module.ID, module.NAME, module.DESCRIPTION, module.__name__,
                   getattr(module, "check", None), getattr(module, "check_asset", None),
                   getattr(module, "check_path", None))


@lru_cache(maxsize=1)
def file_rules() -> tuple[Rule, ...]:
    """The rules ``webpub check`` runs on a page or an attachment, by id."""
    import webpub.checks as package

    rules: list[Rule] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if getattr(module, "ID", None):
            rules.append(Rule.of_module(module))
    rules.extend(importlib.import_module("webpub.checks._deep").RULES)
    return tuple(sorted(rules, key=lambda r: r.id))


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every registered rule of every family, by id."""
    rules = list(file_rules())
    for name in DECLARING:
        rules.extend(importlib.import_module(name).RULES)
    return tuple(sorted(rules, key=lambda r: r.id))


def rules_by_id() -> dict[str, Rule]:
    return {rule.id: rule for rule in all_rules()}


# -- --select / --ignore ------------------------------------------------------
_SELECTOR = re.compile(r"^WP\d{0,3}$")


def parse_selectors(values: Iterable[str] | None, known: Iterable[str]) -> tuple[str, ...]:
    """Rule ids or id prefixes (``WP1``, ``WP02``, ``WP026``), comma or space separated, as
    ruff and flake8 take them. Raises ``ValueError`` (Thai) for one that matches no rule."""
    known = tuple(known)
    out: list[str] = []
    for value in values or ():
        for part in re.split(r"[,\s]+", value.strip()):
            if not part:
                continue
            code = part.upper()
            if not _SELECTOR.match(code) or not any(k.startswith(code) for k in known):
                raise ValueError(t("core.unknown_selector", value=part))
            out.append(code)
    return tuple(out)


def selected(rule_id: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Like ruff: the longest matching selector wins; on a tie ``--ignore`` wins.
    With no ``--select`` every rule is selected."""
    best_select = max((len(s) for s in select if rule_id.startswith(s)), default=-1 if select else 0)
    best_ignore = max((len(s) for s in ignore if rule_id.startswith(s)), default=-1)
    return best_select >= 0 and best_select > best_ignore
