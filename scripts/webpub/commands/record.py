"""``webpub record``: in the trusted workflow, seal a pull request's returns and refusals.

Reads the pull request (``--pull``) and its reviews like the gate, then writes one decision
record per item and Request changes review with a reason (``webpub.approvals.decisions``),
signed by the bot's key, under ``records/decisions/``. The workflow commits them to the
default branch, so the reason stays with the item's history even though the pull request
is never merged.
"""

from __future__ import annotations

import datetime as dt
import sys

from webpub.approvals import decisions
from webpub.approvals.gate import Git, trust_at
from webpub.approvals.records import SigningError, bangkok_time
from webpub.approvals.seal import review_time
from webpub.commands import gate as gate_command
from webpub.messages import t
from webpub.core.results import UsageError


def add_arguments(parser) -> None:
    gate_command.add_gate_inputs(parser)
    parser.add_argument("--key", required=True, metavar=t("approvals.arg_key_metavar"), help=t("approvals.arg_bot_key"))


def pull_fields(result, org) -> dict:
    from webpub.approvals.prepared import author_person

    pull = result.pull
    opened = str(pull.get("created_at") or "")
    return {"pr": pull.get("number") or "", "pr_url": pull.get("html_url") or "",
            "opened": bangkok_time(review_time(opened)) if opened else "",
            "author": author_person(pull, org) or ""}


def item_fields(item) -> dict:
    fields = {"item": item.path, "title": item.title, "division": item.division, "category": item.category,
              "officer": item.officer, "digest": item.digest or ""}
    if item.prepared:
        fields |= {"prepared_by": item.prepared["person"], "prepared_how": item.prepared["how"]}
    return fields


def run(args) -> int:
    repo, result = gate_command.evaluate(args)
    trust = trust_at(Git(repo.root), gate_command.trust_rev(repo, args, result))
    org = trust.org
    written = []
    requests = [r for r in result.changes_requested if not r.get("empty")]
    if not requests:
        sys.stdout.write(t("review.record_nothing") + "\n")
        return 0
    try:
        for request in requests:
            for item in result.publish_items:
                fields = item_fields(item) | pull_fields(result, org) | {
                    "decision": request["kind"], "role": request.get("role") or "reviewer", "person": request["person"],
                    "at": bangkok_time(review_time(request["submitted_at"])) if request["submitted_at"]
                    else bangkok_time(dt.datetime.now(dt.timezone.utc)),
                    "reason": request["reason"], "ref": request.get("html_url") or ""}
                record = decisions.make(fields, args.key, org.bot_id)
                problem = decisions.problem(record, trust)
                if problem:
                    raise UsageError(t("approvals.decision_refused", problem=problem))
                path = decisions.write(repo.root, record)
                written.append(path)
                sys.stdout.write(t("review.record_written", kind=t(f"review.kind_{request['kind']}"),
                                   item=item.title or item.path, path=path) + "\n")
    except SigningError as exc:
        raise UsageError(str(exc)) from None
    return 0
