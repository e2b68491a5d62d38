"""WP026: symbolic links under content/ are reported as themselves and never followed."""

from __future__ import annotations

import json
import os

from conftest import VALID_PAGE, run_cli, write


def _findings(capsys, *paths):
    code, out, _ = run_cli(capsys, "check", "--format", "json", "--no-cache", "--today", "2024-02-01", *paths)
    return code, [f for f in json.loads(out)["findings"] if f["severity"] == "error"]


def test_link_to_a_file_outside_the_repository_is_reported_not_read(tmp_repo, capsys, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    write(tmp_repo, "content/about/index.md", VALID_PAGE)
    os.symlink(secret, tmp_repo / "content/about/secret.md")
    code, findings = _findings(capsys)
    assert code == 1
    assert [(f["path"], f["rule"]) for f in findings] == [("content/about/secret.md", "WP026")]
    assert "symbolic link" in findings[0]["message"]


def test_link_to_a_folder_is_reported_and_not_walked(tmp_repo, capsys, tmp_path):
    outside = tmp_path / "elsewhere"
    write(outside, "bad.md", "no frontmatter")
    write(tmp_repo, "content/about/index.md", VALID_PAGE)
    os.symlink(outside, tmp_repo / "content/about/linked")
    code, findings = _findings(capsys)
    assert code == 1
    assert [(f["path"], f["rule"]) for f in findings] == [("content/about/linked", "WP026")]


def test_link_named_on_the_command_line_is_reported(tmp_repo, capsys):
    write(tmp_repo, "content/about/index.md", VALID_PAGE)
    os.symlink("index.md", tmp_repo / "content/about/copy.md")
    code, findings = _findings(capsys, "content/about/copy.md")
    assert code == 1
    assert [(f["path"], f["rule"]) for f in findings] == [("content/about/copy.md", "WP026")]


def test_clean_folder_passes(tmp_repo, capsys):
    write(tmp_repo, "content/about/index.md", VALID_PAGE)
    assert _findings(capsys) == (0, [])
