"""WP002 and ``webpub new`` refuse the same characters: the one list in ``webpub.textchars``."""

from __future__ import annotations

import pytest

from conftest import run_cli
from pagekit import line_of, page_text, run_rule, write
from webpub import textchars
from webpub.checks import unicode_text
from webpub.commands import new

SAMPLES = ["\u202e", "\u2066", "\u200f", "\u061c", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b",
           "\ufeff", "\u2028", "\u2029", "\ufffa", "\u2062", "\u3164", "\U000e0041", "\ufdd0", "\uffff"]
ALLOWED = ["\u200b", "\u200c", "\u200d", "ก่", "\u0e48", "\ufe0f"]


def test_both_use_the_one_definition():
    assert unicode_text.FORBIDDEN is textchars.FORBIDDEN
    assert "textchars" in new._title.__code__.co_names


@pytest.mark.parametrize("char", SAMPLES)
def test_check_refuses_each_forbidden_character(sample_repo, capsys, char):
    text = page_text(f"## หัวข้อ\n\nข้อความ{char}ทดสอบ\n")
    write(sample_repo, "content/about/char.md", text)
    hits = run_rule(capsys, "WP002", "content/about/char.md")
    assert [h["line"] for h in hits] == [line_of(text, "ข้อความ")]
    assert f"U+{ord(char):04X}" in hits[0]["message"]


@pytest.mark.parametrize("char", SAMPLES + ["\t", "\n", "\r"])
def test_new_refuses_the_same_characters_in_a_title(tmp_repo, capsys, char):
    code, out, err = run_cli(capsys, "new", "--category", "1.1", "--topic", "history", "--title",
                             f"ประวัติ{char}สำนักงาน", "--division", "secretariat", "--officer", "jintana.k")
    assert code != 0 and "Traceback" not in err
    assert "อักขระต้องห้าม" in err and f"U+{ord(char):04X}" in err
    assert not list((tmp_repo / "content").rglob("*.md"))


@pytest.mark.parametrize("char", ALLOWED)
def test_thai_zero_width_and_marks_are_allowed_by_both(sample_repo, capsys, char):
    write(sample_repo, "content/about/char.md", page_text(f"## หัวข้อ\n\nข้อความ{char}ทดสอบ\n"))
    assert run_rule(capsys, "WP002", "content/about/char.md") == []
    assert textchars.first_forbidden(f"ชื่อ{char}เรื่อง", one_line=True) is None
