"""Shared result types: findings are collected first, then reported."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    rule: str
    message: str
    hint: str = ""
    severity: str = "error"

    def to_json(self) -> dict:
        data = asdict(self)
        return {k: data[k] for k in ("rule", "severity", "path", "line", "message", "hint")}


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    decisions: dict = field(default_factory=dict)  # page path -> publish Decision, when asked for

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def to_json(self) -> dict:
        return {
            "findings": [f.to_json() for f in sorted(self.findings)],
            "files_checked": self.files_checked,
        }


class UsageError(Exception):
    """A problem with how a command was called; reported in Thai, exit 2."""
