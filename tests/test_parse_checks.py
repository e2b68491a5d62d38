"""WP001-WP004: encoding, Unicode hygiene, frontmatter syntax, YAML features."""

from __future__ import annotations

import json

import pytest

from conftest import VALID_PAGE, run_cli, write


def check_json(capsys, *paths):
    code, out, err = run_cli(capsys, "check", "--format", "json", "--no-cache", *paths)
    assert "Traceback" not in out + err
    return code, json.loads(out)


def rules_of(report):
    return {f["rule"] for f in report["findings"]}


def test_valid_page_has_no_parse_findings(tmp_repo, capsys):
    write(tmp_repo, "content/about/history.md", VALID_PAGE)
    _, report = check_json(capsys)
    assert not rules_of(report) & {"WP001", "WP002", "WP003", "WP004"}


@pytest.mark.parametrize(
    "raw, rule, line",
    [
        (b"\xef\xbb\xbf" + VALID_PAGE.encode(), "WP001", 1),
        (VALID_PAGE.replace("\n", "\r\n").encode(), "WP001", 1),
        ("---\ntitle: ภาษาไทย\n---\n".encode("cp874"), "WP001", 2),
        (VALID_PAGE.replace("ความเป็นมา\n", "ความเป็นมา\u202e\n").encode(), "WP002", 11),
        (VALID_PAGE.replace("ไทย", "ไทย\x07").encode(), "WP002", 13),
        (VALID_PAGE.replace("ประวัติ", "ประวัต\u0e34").replace("ก่อ", "ก\u0e48\u0e2d").encode(), None, None),
        (b"no frontmatter here\n", "WP003", 1),
        (b"---\ntitle: x\n", "WP003", 1),
        (b"---\ntitle: [unclosed\n---\n", "WP003", 3),
        (b"---\ntitle: !!python/object:os.system x\n---\n", "WP004", 2),
        (b"---\na: &x 1\nb: *x\n---\n", "WP004", 2),
        (b"---\ntitle: a\ntitle: b\n---\n", "WP004", 3),
    ],
)
def test_parse_problems(tmp_repo, capsys, raw, rule, line):
    path = write(tmp_repo, "content/about/page.md", raw)
    code, report = check_json(capsys)
    assert path.read_bytes() == raw, "check must never modify a file"
    if rule is None:  # already NFC Thai: no WP002
        assert "WP002" not in rules_of(report)
        return
    hits = [f for f in report["findings"] if f["rule"] == rule]
    assert code == 1 and hits, report
    assert hits[0]["path"] == "content/about/page.md"
    assert hits[0]["line"] == line
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in hits[0]["message"])


def test_cp874_hint_gives_conversion_command(tmp_repo, capsys):
    write(tmp_repo, "content/about/page.md", "---\ntitle: ภาษาไทย\n---\n".encode("cp874"))
    _, report = check_json(capsys)
    hint = next(f["hint"] for f in report["findings"] if f["rule"] == "WP001")
    assert "iconv -f CP874 -t UTF-8" in hint


def test_decomposed_thai_is_not_nfc(tmp_repo, capsys):
    # SARA AM written as NIKHAHIT + SARA AA is a canonical-equivalence trap;
    # a real NFC difference: e.g. a decomposed Latin letter inside Thai text.
    write(tmp_repo, "content/about/page.md", VALID_PAGE.replace("ไทย\n", "ไทย Cafe\u0301\n"))
    _, report = check_json(capsys)
    assert "WP002" in rules_of(report)


def test_alias_bomb_is_refused_quickly(tmp_repo, capsys):
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    ) + "---\n"
    write(tmp_repo, "content/about/page.md", bomb)
    code, report = check_json(capsys)
    assert code == 1 and "WP004" in rules_of(report)


def test_iso_dates_take_ascii_digits_only():
    from webpub.dates import parse_iso_date

    assert parse_iso_date("2026-11-26").isoformat() == "2026-11-26"
    assert parse_iso_date("๒๐๒๖-๑๑-๒๖") is None
    assert parse_iso_date("2026-02-30") is None


@pytest.mark.parametrize("raw, line", [
    (b"---\ntitle: " + b"[" * 3000 + b"]" * 3000 + b"\n---\n", 2),
    (b"---\nowner:\n  division: " + b"{a: " * 400 + b"1" + b"}" * 400 + b"\n---\n", 3),
])
def test_deep_nesting_is_refused_not_an_internal_error(tmp_repo, capsys, raw, line):
    """Our reader stops at 32 levels (WP004); newer libyaml builds stop earlier with a
    parse error (WP003). Either way: a finding on the line, never WP000."""
    path = write(tmp_repo, "content/about/page.md", raw)
    code, report = check_json(capsys)
    assert path.read_bytes() == raw
    hits = [f for f in report["findings"] if f["rule"] in ("WP003", "WP004")]
    assert code == 1 and hits and hits[0]["line"] == line, report
    assert "WP000" not in rules_of(report)
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in hits[0]["message"])

