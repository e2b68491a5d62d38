"""The gate's verdict as a Thai PR comment / job summary (Markdown), and as findings for GitHub annotations."""

from __future__ import annotations

import re

from webpub.approvals import ROLE_TH
from webpub.approvals.gate import GateResult, when_th
from webpub.approvals.org import Org
from webpub.core.reporters import annotate
from webpub.core.results import Finding
from webpub.messages import t


def render(result: GateResult, org: Org) -> str:
    head = ("✅ " + verdict_text(True) if result.passed else "⛔ " + t("review.gate_refused_head")
            if result.refusals else "⏳ " + verdict_text(False))
    lines = [t("gate.heading"), "", f"**{head}**", ""]
    for request in result.changes_requested:
        text, rule, hint = request_text(request, org)
        lines.append(f"- ❌ {text} [{rule}]")
        lines.extend(f"  > {ln}" for ln in request["reason"].splitlines())
        lines.append(f"  - {hint}")
    if result.changes_requested:
        lines.append("")
    for item in result.items:
        lines += item_lines(item, org)
    removals = {i.path for i in result.items if i.kind == "removal"}
    for path in result.removed:
        if path not in removals:
            lines.append(f"- 🗑️ `{path}` " + t("gate.draft_removed"))
    if result.unlisted:
        lines += ["", t("gate.unlisted_heading"), t("gate.unlisted_body")]
        lines.extend(f"- `{p}`" for p in result.unlisted)
    if result.protected_files:
        state = (t("gate.maintainer_approved", who=", ".join(org.name(p) for p in result.maintainer_approvals))
                 if result.maintainer_ok else
                 t("gate.maintainer_needed", who=", ".join(org.name(p) for p in org.role_members("maintainer"))))
        lines += ["", t("gate.protected_heading"), state]
        lines.extend(f"- `{p}`" for p in result.protected_files)
    if result.unknown_reviewers:
        lines += ["", t("gate.unknown_reviewers", logins=", ".join(f"@{u}" for u in result.unknown_reviewers))]
    if not result.items and not result.protected_files and not result.unlisted:
        lines.append(t("gate.nothing_to_approve"))
    return "\n".join(lines) + "\n"


def item_lines(item, org: Org) -> list[str]:
    mark = "✅" if item.ok else "⏳"
    kind = " — " + t(f"gate.kind_{item.kind}") if item.kind in ("takedown", "removal") else ""
    lines = [f"### {mark} {item.title or item.path}{kind}",
             f"`{item.path}` · " + t("gate.item_owner", division=org.division_name(item.division), officer=org.name(item.officer)),
             t("approvals.digest_line", digest=item.digest) if item.digest else t("approvals.digest_none"), ""]
    if item.prepared:
        lines.append("- ✅ " + t("review.officer_confirmed_" + item.prepared["how"], who=org.name(item.prepared["person"]),
                                 when=when_th(item.prepared["at"])))
    for approval in item.approvals:
        lines.append("- ✅ " + t("gate.item_approved", role=ROLE_TH[approval.role], who=org.name(approval.person),
                                 login=approval.login, when=when_th(approval.submitted_at)))
    lines.extend(f"- ⏳ {note}" for note in item.notes)
    lines.extend(f"- ❌ {block}" for block in item.blocking)
    return lines + [""]


_RULE_SUFFIX = re.compile(r"\s*\[(WP\d{3})\]\s*$")


def findings(result: GateResult, org: Org) -> list[Finding]:
    """The verdict as findings, for GitHub annotations: what blocks an item or leaves it
    waiting, on the item's page (an error while the item does not pass, a warning on one
    that does), each file no page lists (WP213), each file outside ``content/`` without a
    maintainer (WP210), each request for changes (WP211, on the PR: no file)."""
    out = []
    for item in result.items:
        severity = "warning" if item.ok else "error"
        for text in [*item.blocking, *item.notes]:
            match = _RULE_SUFFIX.search(text)
            rule = match.group(1) if match else ("WP206" if item.missing else "WP200")
            out.append(Finding(item.path, 1, rule, _RULE_SUFFIX.sub("", text), "", "error" if text in item.blocking else severity))
    for path in result.unlisted:
        out.append(Finding(path, 1, "WP213", t("gate.unlisted_finding"), t("gate.unlisted_finding_hint")))
    if not result.maintainer_ok:
        who = ", ".join(org.name(p) for p in org.role_members("maintainer"))
        out.extend(Finding(path, 1, "WP210", t("gate.protected_finding", who=who))
                   for path in result.protected_files)
    for request in result.changes_requested:
        text, rule, hint = request_text(request, org)
        reason = f": {request['reason']}" if request["reason"] else ""
        out.append(Finding("", 0, rule, text + reason, hint))
    return out


def request_text(request: dict, org: Org) -> tuple[str, str, str]:
    """(Thai sentence, rule id, what to do) for one Request changes review."""
    who, when = org.name(request["person"]), when_th(request["submitted_at"])
    if request.get("empty"):
        return t("review.gate_empty_reason", who=who, when=when), "WP220", t("review.gate_empty_reason_hint")
    if request.get("kind") == "refused":
        return t("review.gate_refused", who=who, when=when), "WP221", t("review.gate_refused_hint")
    return t("review.gate_returned", who=who, when=when), "WP211", t("review.gate_returned_hint")


def github(result: GateResult, org: Org) -> str:
    lines = annotate(findings(result, org))
    lines.append(verdict_text(result.passed))
    return "\n".join(lines) + "\n"


def verdict_text(passed: bool) -> str:
    return t("gate.passed", webmaster=t("roles.webmaster")) if passed else t("gate.pending")
