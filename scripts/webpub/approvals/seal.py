"""Sealing a PR for publication: the bot writes and signs the records it has evidence for.

Director and web-head records come from PR reviews the gate accepted (``ref`` =
the review); the webmaster record from the publish run the webmaster started
(``ref`` = the run). Nothing but ``approvals`` changes, every new trail must verify
against the base revision's organisation and keys (``webpub.approvals.trust``), and
nothing is written unless every item passes. Take-downs and removals get no new
record: they publish nothing, and the gate has already required their webmaster.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from webpub.approvals import ROLE_TH, records
from webpub.approvals.digest import content_digest, worktree_reader
from webpub.approvals.gate import GateResult, trust_at
from webpub.approvals.gitio import Git
from webpub.approvals.trust import Trust
from webpub.approvals.verify import evaluate
from webpub.approvals.writer import WriteRefused, current_records, merge_role, with_records
from webpub.fileio import write_atomically
from webpub.messages import t


class SealRefused(Exception):
    """Why the PR cannot be sealed; message in Thai."""


@dataclass
class SealInputs:
    key_path: str
    webmaster: str
    run_url: str
    pr_url: str = ""
    now: dt.datetime | None = None


def review_time(iso: str) -> dt.datetime:
    return dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))


def review_ref(approval, pr_url: str) -> str:
    if approval.html_url:
        return approval.html_url
    return f"{pr_url}#pullrequestreview-{approval.review_id}"


def trusted(root, base: str) -> Trust:
    return trust_at(Git(root), base)


def sealed_bytes(root, item, inputs: SealInputs, trust: Trust) -> bytes:
    reader = worktree_reader(root)
    raw = (root / item.path).read_bytes()
    if content_digest(item.path, raw, reader) != item.digest:
        raise SealRefused(t("approvals.seal_worktree_differs", path=item.path))
    bot, now = trust.org.bot_id, inputs.now or dt.datetime.now(dt.timezone.utc)
    new = [records.make_record(a.role, a.person, review_time(a.submitted_at), item.digest, item.path,
                               inputs.key_path, ref=review_ref(a, inputs.pr_url), signer=bot) for a in item.approvals]
    new.append(records.make_record("webmaster", inputs.webmaster, now, item.digest, item.path,
                                   inputs.key_path, ref=inputs.run_url, signer=bot))
    merged = current_records(raw)
    for record in new:
        merged = merge_role(merged, record)
    updated = with_records(item.path, raw, merged, reader)
    trail = evaluate(item.path, updated, reader, trust, now + dt.timedelta(minutes=1))
    if not trail.complete:
        raise SealRefused(t("approvals.seal_not_complete", path=item.path, reasons="; ".join(trail.reasons())))
    return updated


def seal(root, result: GateResult, inputs: SealInputs, trust: Trust | None = None) -> list[str]:
    """Write sealed records into every item of a passing PR; the changed paths."""
    if not result.passed:
        raise SealRefused(t("approvals.seal_gate_failed"))
    trust = trust or trusted(root, result.base)
    if inputs.webmaster not in trust.org.role_members("webmaster"):
        raise SealRefused(t("approvals.seal_not_webmaster", who=trust.org.name(inputs.webmaster), role=ROLE_TH["webmaster"]))
    try:
        prepared = {item.path: sealed_bytes(root, item, inputs, trust) for item in result.publish_items}
    except (records.SigningError, WriteRefused) as exc:
        raise SealRefused(str(exc)) from None
    written = [publication_record(root, item, result, inputs, trust) for item in result.publish_items] if result.pull else []
    for path, data in prepared.items():
        write_atomically(root / path, data)
    return sorted(prepared) + written


def publication_record(root, item, result: GateResult, inputs: SealInputs, trust: Trust) -> str:
    """The publication's decision record: when the request was opened and how the officer
    confirmed it (``webpub.approvals.decisions``, ``webpub.approvals.prepared``)."""
    from webpub.approvals import decisions
    from webpub.commands.record import item_fields, pull_fields

    now = inputs.now or dt.datetime.now(dt.timezone.utc)
    fields = item_fields(item) | pull_fields(result, trust.org) | {
        "decision": "published", "role": "webmaster", "person": inputs.webmaster,
        "at": records.bangkok_time(now), "ref": inputs.run_url}
    try:
        record = decisions.make(fields, inputs.key_path, trust.org.bot_id)
    except records.SigningError as exc:
        raise SealRefused(str(exc)) from None
    return decisions.write(root, record)
