"""``webpub check``: every content rule on the given files or the whole repository.

With ``--changed-since REV`` (the pull-request check) a change is judged on what it
changes: see ``webpub.changes.scope_findings``.
"""

from __future__ import annotations

import sys

from webpub.commands._common import add_format, add_today
from webpub.core.engine import run_check
from webpub.core.registry import INTERNAL_ERROR, parse_selectors, selected
from webpub.core.reporters import REPORTERS
from webpub.repo import Repo
from webpub.core.results import UsageError
from webpub.core.runner import BUDGET_RULE
from webpub.messages import t

# A file whose rules could not all run is reported whatever is selected: fail closed.
ALWAYS_REPORTED = frozenset({INTERNAL_ERROR, BUDGET_RULE})


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="*", metavar=t("checks.cmd_paths_metavar"), help=t("checks.cmd_paths"))
    add_format(parser, ("text", "json", "github"))
    add_today(parser)
    parser.add_argument("--stage", choices=("ci", "pre-commit"), default="ci", help=t("checks.cmd_stage"))
    parser.add_argument("--jobs", type=int, default=None, metavar=t("checks.cmd_jobs_metavar"),
                        help=t("checks.cmd_jobs"))
    parser.add_argument("--changed-since", default=None, metavar=t("checks.cmd_changed_since_metavar"),
                        help=t("checks.cmd_changed_since"))
    parser.add_argument("--select", action="append", default=None, metavar=t("checks.cmd_ids_metavar"),
                        help=t("checks.cmd_select"))
    parser.add_argument("--ignore", action="append", default=None, metavar=t("checks.cmd_ids_metavar"),
                        help=t("checks.cmd_ignore"))
    parser.add_argument("--no-cache", action="store_true", help=t("checks.cmd_no_cache"))


def run(args) -> int:
    repo = Repo.discover()
    try:
        select = parse_selectors(args.select, repo.rules)
        ignore = parse_selectors(args.ignore, repo.rules)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    result = run_check(repo, args.paths or None, today=args.today, stage=args.stage,
                       jobs=args.jobs, use_cache=not args.no_cache)
    if select or ignore:  # every rule still runs (the cache holds whole files); only the report is narrowed
        result.findings = [f for f in result.findings
                           if f.rule in ALWAYS_REPORTED or selected(f.rule, select, ignore)]
    if args.changed_since:
        result.findings = _scoped(repo, result.findings, args.changed_since)
    sys.stdout.write(REPORTERS[args.format](result))
    return result.exit_code()


def _scoped(repo: Repo, findings: list, rev: str) -> list:
    """Time-dependent errors in files the change did not touch become warnings
    (``webpub.changes.scope_findings``); pages are read only where that matters."""
    from webpub.changes import changed_files, scope_findings, time_dependent_rules, touched
    from webpub.content.page import load_page

    changed = changed_files(repo, rev)
    rules = time_dependent_rules(repo)
    pages = {}
    for f in findings:
        if f.rule in rules and f.path.endswith(".md") and f.path not in pages and f.path not in changed:
            path = repo.root / f.path
            if path.is_file():
                pages[f.path] = load_page(f.path, path, path.read_bytes(),
                                          repo.file_rules.get("frontmatter_max_bytes", 65536))
    return scope_findings(findings, touched(changed, pages), rules)
