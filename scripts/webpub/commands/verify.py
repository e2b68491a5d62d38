"""``webpub verify [PATH…]``: verify the approval trail of each item (both cores).

Keys and roles come from the default branch (``--trust-ref`` / ``WEBPUB_TRUST_REF``,
see ``webpub.approvals.trust``), never from the working tree being verified. A draft
(no approval entries) passes with ``--allow-unapproved`` whatever else is wrong with
it: its problems are ``webpub check``'s to report, and drafts never block publishing.
"""

from __future__ import annotations

import json
import sys

from webpub.approvals.digest import worktree_reader
from webpub.approvals.trust import Trust
from webpub.approvals.verify import evaluate
from webpub.commands._common import add_format
from webpub.core import runner
from webpub.core.engine import collect_targets, is_page
from webpub.core.reporters import annotate, annotation
from webpub.repo import Repo
from webpub.core.results import Finding
from webpub.messages import t

_STATE: dict = {}


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="*", metavar=t("verify.arg_paths_metavar"), help=t("verify.arg_paths"))
    add_format(parser, ("text", "json", "github"))
    parser.add_argument("--allow-unapproved", action="store_true", help=t("verify.arg_allow_unapproved"))
    parser.add_argument("--jobs", type=int, default=None, metavar=t("verify.arg_jobs_metavar"), help=t("verify.arg_jobs"))
    parser.add_argument("--trust-ref", default=None, metavar=t("verify.arg_trust_ref_metavar"),
                        help=t("verify.arg_trust_ref"))


def verify_one(rel: str) -> dict:
    repo, trust = _STATE["repo"], _STATE["trust"]
    try:
        raw = (repo.root / rel).read_bytes()
    except (OSError, ValueError) as exc:
        return {"path": rel, "ok": False, "digest": None, "records": 0,
                "problems": [{"rule": "WP200", "message": t("verify.cmd_read_failed", error=exc), "hint": "", "record": None}]}
    trail = evaluate(rel, raw, worktree_reader(repo.root), trust)
    return {
        "path": rel, "ok": trail.complete, "digest": trail.digest, "records": trail.entries,
        "problems": [p.__dict__ for p in trail.problems],
    }


def _failed(rel: str, what: str) -> dict:
    """A page whose worker was killed (over the runner's budget) or died: it fails, closed."""
    finding = runner.finding(rel, what)
    return {"path": rel, "ok": False, "digest": None, "records": 1,
            "problems": [{"rule": finding.rule, "message": finding.message, "hint": finding.hint, "record": None}]}


def verify_all(repo: Repo, targets: list[str], jobs: int | None, trust: Trust | None = None) -> list[dict]:
    """Results in ``targets`` order; fanned out by the runner's policy, each page within its budget."""
    _STATE.update(repo=repo, trust=trust or Trust.of_repo(repo))
    workers = runner.workers_for(len(targets), jobs, kind="verify")
    if workers == 1:
        return [verify_one(rel) for rel in targets]
    done = {r["path"]: r for r in runner.run_pool(targets, workers, verify_one, _failed, runner.budget_of(repo))}
    return [done[rel] for rel in targets]


def passes(result: dict, allow_unapproved: bool) -> bool:
    return result["ok"] or (allow_unapproved and result["records"] == 0)


def render_text(results: list[dict], allow_unapproved: bool, signer_problems, trust: Trust | None = None) -> str:
    lines = [f"schema/allowed_signers:{line}: " + t("verify.cmd_signers_line", why=why) for line, why in signer_problems]
    if trust is not None:
        lines.insert(0, t("verify.cmd_source", source=trust.source) + (f" — {trust.problem} [WP216]" if trust.problem else ""))
    for result in results:
        if result["ok"]:
            lines.append(f"{t('verify.cmd_passed')}  {result['path']}")
            continue
        label = t("verify.cmd_draft") if passes(result, allow_unapproved) else t("verify.cmd_failed")
        lines.append(f"{label}  {result['path']}")
        lines.extend(f"    - {p['message']} [{p['rule']}]" + ("\n      " + t("verify.cmd_fix", hint=p["hint"]) if p["hint"] else "")
                     for p in result["problems"])
    good = sum(passes(r, allow_unapproved) for r in results)
    lines.append(t("verify.cmd_total", total=len(results), good=good, bad=len(results) - good))
    return "\n".join(lines) + "\n"


def findings(results: list[dict], allow_unapproved: bool) -> list[Finding]:
    """Each problem of an item as a finding: an error where the item does not pass, a
    warning on a draft that passes (``--allow-unapproved``); nothing for a passing item."""
    out = []
    for result in results:
        if result["ok"]:
            continue
        severity = "warning" if passes(result, allow_unapproved) else "error"
        out.extend(Finding(result["path"], 1, p["rule"], p["message"], p["hint"], severity) for p in result["problems"])
    return out


def render_github(results: list[dict], allow_unapproved: bool, signer_problems, trust: Trust) -> str:
    lines = []
    if trust.problem:
        lines.append(annotation("error", t("verify.cmd_untrusted", problem=trust.problem, source=trust.source),
                                title="WP216"))
    lines += [annotation("error", t("verify.cmd_signers_line", why=why), path="schema/allowed_signers", line=line,
                         title="schema/allowed_signers")
              for line, why in signer_problems]
    lines += annotate(findings(results, allow_unapproved))
    lines.append(render_text(results, allow_unapproved, [], None).rstrip("\n").splitlines()[-1])
    return "\n".join(lines) + "\n"


def run(args) -> int:
    repo = Repo.discover()
    targets = [rel for rel in collect_targets(repo, args.paths or None) if is_page(rel)]
    trust = Trust.of_repo(repo, args.trust_ref)
    results = verify_all(repo, targets, args.jobs, trust)
    signer_problems = trust.signers.problems
    if args.format == "json":
        sys.stdout.write(json.dumps({"items": results, "allowed_signers_problems": signer_problems,
                                     "trust": {"source": trust.source, "problem": trust.problem}},
                                    ensure_ascii=False, indent=1) + "\n")
    elif args.format == "github":
        sys.stdout.write(render_github(results, args.allow_unapproved, signer_problems, trust))
    else:
        sys.stdout.write(render_text(results, args.allow_unapproved, signer_problems, trust))
    failed = [r for r in results if not passes(r, args.allow_unapproved)]
    return 1 if failed or signer_problems else 0
