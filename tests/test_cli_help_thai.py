"""``webpub --help`` and the help of the monitoring commands read as Thai (issue #13): every
option's description comes from the catalogue, no English sentence is left (option names
and values such as ``--today`` or ``text,json`` stay), and wrapping never splits a Thai
vowel or tone mark from its letter. Every date option of these commands refuses a
Buddhist-era year with WP006's own words, as ``--today`` does."""

from __future__ import annotations

import re

import pytest

from conftest import run_cli
from webpub.dates import date_problem

HELP = [
    (), ("expire",), ("report",), ("remind",), ("notify",),
    ("notify", "published"), ("notify", "taken-down"), ("notify", "publish-failed"), ("notify", "decision"),
]
# three Latin words in a row, separated by single spaces: an English phrase ("for date rules")
ENGLISH = re.compile(r"(?<![-\w/.])[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}")
# a Thai above/below vowel or tone mark cannot begin a line
DETACHED_MARK = re.compile("^\\s*[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]", re.MULTILINE)


def english_phrases(text: str) -> list[str]:
    return [m.group(0) for m in ENGLISH.finditer(text) if not m.group(0).startswith("webpub ")]


@pytest.mark.parametrize("words", HELP, ids=lambda w: " ".join(w) or "webpub")
def test_help_is_thai(capsys, words):
    with pytest.raises(SystemExit) as done:
        run_cli(capsys, *words, "--help")
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert english_phrases(out) == []
    assert not DETACHED_MARK.search(out)
    assert "default" not in out


def test_version_option_is_described_in_thai(capsys):
    with pytest.raises(SystemExit):
        run_cli(capsys, "--help")
    out = capsys.readouterr().out
    assert "show program" not in out and "แสดงรุ่นของโปรแกรม" in out


def test_the_scan_finds_english():
    assert english_phrases("--today  ใช้วันที่นี้ — for date rules") == ["for date rules"]
    assert english_phrases("วิธีใช้: webpub notify published [--base commit]") == []
    assert english_phrases("--format {text,json,md}  รูปแบบผลลัพธ์: text, json, md") == []


@pytest.mark.parametrize("args", [
    ("report", "--since", "2569-11-26"),
    ("remind", "--since", "2569-11-26"),
    ("notify", "published", "--today", "2569-11-26"),
    ("notify", "taken-down", "--before-today", "2569-11-26"),
    ("notify", "publish-failed", "--run-url", "https://example.org/run", "--today", "2569-11-26"),
], ids=lambda a: " ".join(a[:-1]))
def test_every_date_option_refuses_a_buddhist_era_year_with_wp006_words(tmp_repo, capsys, args):
    with pytest.raises(SystemExit) as done:
        run_cli(capsys, *args)
    err = capsys.readouterr().err
    assert done.value.code == 2
    assert date_problem("2569-11-26")[0] in err and "2026-11-26" in err
