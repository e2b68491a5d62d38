"""Reporters: text for people, JSON for scripts, annotations for GitHub.

All three read the same ``CheckResult``.
"""

from __future__ import annotations

import json

from webpub.results import CheckResult, Finding

SEVERITY_TH = {"error": "ข้อผิดพลาด", "warning": "คำเตือน"}


def text(result: CheckResult) -> str:
    lines = []
    for f in sorted(result.findings):
        lines.append(f"{f.path}:{f.line}: [{f.rule}] {SEVERITY_TH.get(f.severity, f.severity)}: {f.message}")
        if f.hint:
            lines.append(f"    วิธีแก้: {f.hint}")
    errors, warnings = len(result.errors), len(result.warnings)
    lines.append(
        f"ตรวจ {result.files_checked:,} ไฟล์: ข้อผิดพลาด {errors:,} รายการ คำเตือน {warnings:,} รายการ"
        + (" — ผ่าน" if not errors else " — ไม่ผ่าน")
    )
    return "\n".join(lines) + "\n"


def as_json(result: CheckResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _annotation(f: Finding) -> str:
    level = "error" if f.severity == "error" else "warning"
    title = _escape_property(f"{f.rule}")
    message = f.message + (f" — วิธีแก้: {f.hint}" if f.hint else "")
    return f"::{level} file={_escape_property(f.path)},line={f.line},title={title}::{_escape_data(message)}"


def github(result: CheckResult) -> str:
    lines = [_annotation(f) for f in sorted(result.findings)]
    lines.append(text(result).rstrip("\n").splitlines()[-1])
    return "\n".join(lines) + "\n"


REPORTERS = {"text": text, "json": as_json, "github": github}
