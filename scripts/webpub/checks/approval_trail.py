"""Approval records present in a page must be genuine; stale ones are pointed out.

Missing roles are not reported here (an item without approvals is simply a draft);
``webpub verify`` and the gate judge completeness. Nor is WP216 (no trusted keys could
be read, e.g. a shallow checkout without the default branch): it is about the
environment, not the page; ``webpub verify`` says it once and the publish decision
fails closed on it.
"""

from __future__ import annotations

from webpub.content.attachments import attachment_paths
from webpub.approvals.verify import FATAL, evaluate_page
from webpub.dates import thai_datetime
from webpub.messages import catalogue, t

ID = "WP200"
NAME = "approval-trail"
DESCRIPTION = t("checks.approval_trail_description")


def check(page, ctx):
    if not page.ok or not page.get("approvals"):
        return
    for rel in attachment_paths(page.path, page.meta):
        ctx.index.size(rel)  # the digest read it: a changed attachment re-runs this check
    trail = evaluate_page(page, ctx)
    for problem in trail.problems:
        if problem.rule == "WP216":
            continue
        if problem.rule in FATAL or problem.rule == "WP200":
            line = page.line_of("approvals", problem.record) if problem.record is not None else page.line_of("approvals")
            yield page.finding(problem.rule, line, problem.message, problem.hint)
    for record in trail.records:
        if record.valid and record.stale:
            yield page.finding(
                "WP201", page.line_of("approvals", record.index),
                t("checks.approval_trail_stale", person=record.record.get("person"),
                  role=_role(record.record.get("role")), at=thai_datetime(record.record.get("at"))),
                t("checks.approval_trail_stale_hint"),
            )


def _role(role) -> str:
    key = f"roles.{role}"
    return t(key) if isinstance(role, str) and key in catalogue() else str(role)
