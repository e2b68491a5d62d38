"""``webpub approve PATH --role R --person P --key KEY``: sign and record an approval.

Writes nothing that ``webpub verify`` would refuse, and says why in Thai: the wrong
person for the role or the item's own officer (WP205, WP208, ``policy.eligibility``),
a page still holding ``[[กรอก: …]]`` placeholders (WP029), a ``ref`` that is not an
https URL on the forge (WP217), an earlier role of the guideline's order missing or
given for an earlier text (WP212, WP201), a key the default branch does not list or
that is not valid now (WP204, WP216), or any problem the resulting trail would have.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from webpub.approvals import ROLE_TH, ROLES, policy, records
from webpub.approvals.digest import DigestError, split, worktree_reader
from webpub.approvals.policy import Problem
from webpub.approvals.trust import Trust, ref_problem
from webpub.approvals.verify import FATAL, Trail, evaluate
from webpub.approvals.writer import WriteRefused, current_records, merge_role, with_records
from webpub.fileio import write_atomically
from webpub.content.catrules import PLACEHOLDER
from webpub.core.results import UsageError
from webpub.messages import t
from webpub.repo import Repo


def add_arguments(parser) -> None:
    parser.add_argument("path", metavar=t("approvals.arg_approve_path_metavar"), help=t("approvals.arg_approve_path"))
    parser.add_argument("--role", required=True, choices=ROLES, help=t("approvals.arg_role"))
    parser.add_argument("--person", required=True, metavar=t("approvals.arg_person_metavar"), help=t("approvals.arg_person"))
    parser.add_argument("--key", required=True, metavar=t("approvals.arg_key_metavar"), help=t("approvals.arg_key"))
    parser.add_argument("--ref", default=None, metavar=t("approvals.arg_ref_metavar"), help=t("approvals.arg_ref"))
    parser.add_argument("--signer", default=None, metavar=t("approvals.arg_signer_metavar"), help=t("approvals.arg_signer"))
    parser.add_argument("--at", default=None, metavar=t("approvals.arg_at_metavar"), help=t("approvals.arg_at"))


def approval_time(value: str | None) -> dt.datetime:
    if value is None:
        return dt.datetime.now(dt.timezone.utc)
    when = records.parse_at(value)
    if when is None:
        raise UsageError(t("approvals.bad_at", value=value))
    return when


def refusal(problem: Problem) -> UsageError:
    hint = f" — {problem.hint}" if problem.hint else ""
    return UsageError(t("approvals.refusal", message=problem.message, rule=problem.rule) + hint)


def refuse_before_signing(raw: bytes, meta: dict, args, trust: Trust) -> None:
    """What can be refused without a signature: trust, person, placeholders, ref."""
    if trust.problem:
        raise refusal(Problem("WP216", trust.problem, t("approvals.trust_hint")))
    owner = meta.get("owner") if isinstance(meta.get("owner"), dict) else {}
    problem = policy.eligibility(args.person, args.role, owner.get("division"), owner.get("officer"), trust.org)
    if problem:
        raise refusal(problem)
    if PLACEHOLDER.search(raw.decode("utf-8", "replace")):
        raise refusal(Problem("WP029", t("approvals.placeholder"), t("approvals.placeholder_hint")))
    if args.ref is not None:
        why = ref_problem(args.ref, trust.forge_host)
        if why:
            raise refusal(Problem("WP217", t("approvals.ref_not_forge", host=trust.forge_host, why=why),
                                  t("approvals.ref_not_forge_hint", host=trust.forge_host)))


def refuse_out_of_order(role: str, before: Trail, org) -> None:
    """The guideline's order: every earlier role has already approved this very text."""
    for earlier in policy.earlier_roles(role):
        if before.chosen(earlier) is not None:
            continue
        stale = [c for c in before.records if c.valid and c.stale and c.record.get("role") == earlier]
        if stale:
            raise refusal(Problem("WP201", t("approvals.earlier_stale", role=ROLE_TH[earlier],
                                             who=org.name(stale[-1].record["person"])),
                                  t("approvals.earlier_stale_hint", role=ROLE_TH[earlier])))
        raise refusal(Problem("WP212", t("approvals.earlier_missing", role=ROLE_TH[role], earlier=ROLE_TH[earlier]),
                              policy.the_order()))


def refuse_unverifiable(after: Trail) -> None:
    """Write nothing after which ``webpub verify`` would refuse the trail."""
    problem = next((p for p in after.problems if p.rule in FATAL), None)
    if problem:
        raise refusal(problem)


def run(args) -> int:
    repo = Repo.discover()
    rel = repo.rel(Path(args.path))
    abspath = repo.root / rel
    try:
        raw = abspath.read_bytes()
        meta = split(raw).meta
    except (OSError, ValueError):
        raise UsageError(t("approvals.read_failed", path=args.path)) from None
    except (DigestError, UnicodeDecodeError) as exc:
        raise UsageError(t("approvals.frontmatter_failed", path=rel, error=exc)) from None
    trust = Trust.of_repo(repo)
    refuse_before_signing(raw, meta, args, trust)
    reader = worktree_reader(repo.root)
    now = dt.datetime.now(dt.timezone.utc)
    before = evaluate(rel, raw, reader, trust, now)
    if before.digest is None:
        raise refusal(before.problems[0])
    digest = before.digest
    refuse_out_of_order(args.role, before, trust.org)
    try:
        record = records.make_record(args.role, args.person, approval_time(args.at), digest, rel,
                                     args.key, ref=args.ref, signer=args.signer)
        updated = with_records(rel, raw, merge_role(current_records(raw), record), reader)
    except (records.SigningError, WriteRefused) as exc:
        raise UsageError(str(exc)) from None
    refuse_unverifiable(evaluate(rel, updated, reader, trust, now))
    write_atomically(abspath, updated)
    sys.stdout.write(t("approvals.approved", who=trust.org.name(args.person), role=ROLE_TH[args.role], path=rel,
                       digest=digest) + "\n")
    return 0
