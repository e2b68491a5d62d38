"""Reporters: text for people, JSON for scripts, annotations for GitHub.

``webpub check`` reports a ``CheckResult`` through :data:`REPORTERS`. The other commands
that report findings (``verify``, ``gate``, ``expire``, ``report``) keep their own JSON
contract (``docs/architecture.md`` section 3) and their Thai text, and write their
findings as GitHub annotations with :func:`annotate` / :func:`annotation`, so one
escaping and one shape serve every command.
"""

from __future__ import annotations

import json

from webpub.core.results import CheckResult, Finding
from webpub.messages import t

SEVERITY_TH = {"error": t("core.severity_error"), "warning": t("core.severity_warning")}


def text(result: CheckResult) -> str:
    lines = []
    for f in sorted(result.findings):
        lines.append(t("core.finding", path=f.path, line=f.line, rule=f.rule,
                       severity=SEVERITY_TH.get(f.severity, f.severity), message=f.message))
        if f.hint:
            lines.append(t("core.fix", hint=f.hint))
    errors, warnings = len(result.errors), len(result.warnings)
    lines.append(t("core.summary_failed" if errors else "core.summary_passed", files=f"{result.files_checked:,}",
                   errors=f"{errors:,}", warnings=f"{warnings:,}"))
    return "\n".join(lines) + "\n"


def as_json(result: CheckResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, *, path: str | None = None, line: int | None = None,
               title: str = "") -> str:
    """One GitHub workflow command (``::error``/``::warning``/``::notice``); a finding about
    no file (a missing item, an unreadable trust source) has no ``file=``."""
    props = []
    if path:
        props.append(f"file={_escape_property(path)}")
        if line:
            props.append(f"line={line}")
    if title:
        props.append(f"title={_escape_property(title)}")
    level = level if level in ("error", "warning", "notice") else "warning"
    return f"::{level}{' ' + ','.join(props) if props else ''}::{_escape_data(message)}"


def _annotation(f: Finding) -> str:
    level = "error" if f.severity == "error" else "warning"
    message = f.message + (t("core.fix_inline", hint=f.hint) if f.hint else "")
    return annotation(level, message, path=f.path or None, line=f.line, title=f.rule)


def annotate(findings) -> list[str]:
    return [_annotation(f) for f in sorted(findings)]


def github(result: CheckResult) -> str:
    lines = annotate(result.findings)
    lines.append(text(result).rstrip("\n").splitlines()[-1])
    return "\n".join(lines) + "\n"


REPORTERS = {"text": text, "json": as_json, "github": github}
