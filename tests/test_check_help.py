"""`webpub check --help` reads in Thai: every option says what it does in Thai from the
catalogue (the shared ``--today`` and ``--format`` of ``webpub.commands._common`` included),
and the placeholders of its own options are Thai words (issue #13)."""

from __future__ import annotations

import re

import pytest

from conftest import run_cli

SHARED = {"-h", "--help"}  # argparse's own, translated in webpub.cli
# two or more English words in a row; option names, values (``WP1,WP026``, ``pre-commit``)
# and paths (``schema/rules.yml``) stand alone and are not sentences
ENGLISH = re.compile(r"(?<![-\w/.])[A-Za-z]{2,}(?: [A-Za-z]{2,})+\b")
THAI = re.compile("[\u0e01-\u0e5b]")


def help_blocks(text: str) -> dict[str, str]:
    """Each option's (or positional's) block of ``--help``, by its first name."""
    body = text.split("\n\n", 1)[1]
    blocks: dict[str, str] = {}
    name = None
    for line in body.splitlines():
        match = re.match(r"^  (\S+)", line)
        if match:
            name = match.group(1).rstrip(",")
            blocks[name] = line
        elif name and line.startswith("   "):
            blocks[name] += " " + line.strip()
    return blocks


def test_check_help_is_thai(capsys):
    with pytest.raises(SystemExit) as stop:
        run_cli(capsys, "check", "--help")
    assert stop.value.code == 0
    text = capsys.readouterr().out
    blocks = help_blocks(text)
    own = {name: block for name, block in blocks.items() if name not in SHARED}
    assert {"--format", "--today", "--stage", "--jobs", "--changed-since", "--select", "--ignore",
            "--no-cache"} <= set(own)
    for name, block in own.items():
        shown = re.sub(r"\{[^}]*\}", " ", block)  # choices such as {ci,pre-commit}
        assert THAI.search(shown), name
        assert ENGLISH.findall(shown) == [], name
    usage = text.split("\n\n", 1)[0]
    for placeholder in ("PATH", "JOBS", "REV", "IDS"):
        assert placeholder not in usage
