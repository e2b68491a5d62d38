"""Helpers for the content-rule tests: a valid base page and a JSON check run."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli, write

TODAY = "2026-11-26"

BASE_FIELDS = """title: ประวัติความเป็นมาของสำนักงาน
category: "1.1"
topic: history
owner:
  division: secretariat
  officer: jintana.k
published: 2026-11-01"""

BASE_BODY = "## ความเป็นมา\n\nสำนักงานก่อตั้งขึ้นเพื่อพัฒนาระบบราชการไทย\n"


def page(fields: str = BASE_FIELDS, body: str = BASE_BODY) -> str:
    return f"---\n{fields.strip()}\n---\n\n{body}"


def replace_field(fields: str, key: str, line: str | None) -> str:
    """BASE-style fields with the line starting ``key:`` replaced (or dropped when None)."""
    out = []
    for row in fields.split("\n"):
        if row.startswith(f"{key}:"):
            if line is not None:
                out.append(line)
        else:
            out.append(row)
    return "\n".join(out)


def snapshot(repo: Path) -> dict[str, bytes]:
    return {p.as_posix(): p.read_bytes() for p in sorted((repo / "content").rglob("*")) if p.is_file()}


def check(capsys, repo: Path, *paths: str, today: str = TODAY) -> tuple[int, dict]:
    """Run ``webpub check --format json`` in-process; asserts no traceback and no file change."""
    before = snapshot(repo)
    code, out, err = run_cli(capsys, "check", "--format", "json", "--no-cache", "--today", today, *paths)
    assert "Traceback" not in out + err
    assert snapshot(repo) == before, "check must never modify a file"
    return code, json.loads(out)


def hits(report: dict, rule: str) -> list[dict]:
    return [f for f in report["findings"] if f["rule"] == rule]


def is_thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


def check_page(capsys, repo: Path, text: str, rel: str = "content/about/page.md", today: str = TODAY):
    write(repo, rel, text)
    return check(capsys, repo, today=today)


def assert_one(report: dict, rule: str, line: int | None = None, severity: str | None = None,
               path: str = "content/about/page.md") -> dict:
    found = hits(report, rule)
    assert len(found) == 1, report["findings"]
    finding = found[0]
    assert finding["path"] == path
    assert is_thai(finding["message"]) and is_thai(finding["hint"]), finding
    if line is not None:
        assert finding["line"] == line, finding
    if severity is not None:
        assert finding["severity"] == severity
    return finding
