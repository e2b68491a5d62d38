"""Running the real ``webpub check`` over attachments in a temporary repository."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli, write

DEEP_IDS = {f"WP{n}" for n in range(100, 150)}


def page_with(files: dict[str, bytes], extra_frontmatter: str = "", folder: str = "content/news") -> str:
    lines = "".join(f"  - {{file: {name}, title: ไฟล์ {name}}}\n" for name in files)
    return (
        "---\ntitle: ข่าวพร้อมไฟล์แนบ\ncategory: \"3.1\"\ntopic: general\nowner:\n"
        "  division: secretariat\n  officer: jintana.k\npublished: 2024-01-15\n"
        f"attachments:\n{lines}{extra_frontmatter}---\n\nข่าวประชาสัมพันธ์\n"
    )


def deep_check(capsys, repo: Path, files: dict[str, bytes], extra_frontmatter: str = "",
               folder: str = "content/news") -> list[dict]:
    """Write the files and a page listing them; return the WP100-WP149 findings."""
    for name, data in files.items():
        write(repo, f"{folder}/{name}", data)
    write(repo, f"{folder}/item.md", page_with(files, extra_frontmatter, folder))
    before = {p: p.read_bytes() for p in (repo / folder).rglob("*") if p.is_file()}
    code, out, err = run_cli(capsys, "check", "--format", "json", "--no-cache", folder)
    assert "Traceback" not in out + err, err
    after = {p: p.read_bytes() for p in (repo / folder).rglob("*") if p.is_file()}
    assert after == before, "checking must not write or change anything next to the files"
    report = json.loads(out)
    return [f for f in report["findings"] if f["rule"] in DEEP_IDS]


def rules(findings: list[dict]) -> set[str]:
    return {f["rule"] for f in findings}
