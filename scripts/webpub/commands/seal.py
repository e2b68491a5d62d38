"""``webpub seal``: in the trusted publish workflow, sign the approval records of a passing PR."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from webpub.approvals import summary
from webpub.approvals.gate import Git, trust_at
from webpub.approvals.seal import SealInputs, SealRefused, seal
from webpub.commands import gate as gate_command
from webpub.core.results import UsageError
from webpub.messages import t


def add_arguments(parser) -> None:
    gate_command.add_gate_inputs(parser)
    parser.add_argument("--key", required=True, metavar=t("approvals.arg_key_metavar"), help=t("approvals.arg_bot_key"))
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--webmaster", metavar=t("approvals.arg_person_metavar"), help=t("approvals.arg_webmaster"))
    who.add_argument("--actor-id", type=int, metavar=t("approvals.arg_actor_id_metavar"), help=t("approvals.arg_actor_id"))
    parser.add_argument("--run-url", required=True, metavar=t("approvals.arg_url_metavar"), help=t("approvals.arg_run_url"))
    parser.add_argument("--pr-url", default="", metavar=t("approvals.arg_url_metavar"), help=t("approvals.arg_pr_url"))
    parser.add_argument("--json-out", default=None, metavar=t("approvals.arg_file_metavar"),
                        help=t("approvals.arg_seal_json_out"))


def webmaster_of(args, org) -> str:
    if args.webmaster:
        return args.webmaster
    person = org.person_for_user({"id": args.actor_id})
    if person is None:
        raise UsageError(t("approvals.actor_unknown", actor=args.actor_id))
    return person


def run(args) -> int:
    repo, result = gate_command.evaluate(args)
    trust = trust_at(Git(repo.root), gate_command.trust_rev(repo, args, result))
    org = trust.org
    inputs = SealInputs(args.key, webmaster_of(args, org), args.run_url, args.pr_url)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    try:
        changed = seal(repo.root, result, inputs, trust)
    except SealRefused as exc:
        sys.stdout.write(summary.render(result, org))
        sys.stderr.write("webpub seal: " + t("approvals.seal_refused", error=exc) + "\n")
        return 1
    for path in changed:
        sys.stdout.write(t("approvals.seal_record_written" if path.startswith("records/") else "approvals.seal_signed",
                           path=path) + "\n")
    return 0
