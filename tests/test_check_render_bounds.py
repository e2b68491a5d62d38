"""WP060: bodies the Markdown renderer cannot be trusted with are refused before rendering.

Each attack of issue 11 (and its siblings) must be a WP060 error with the line where
the problem starts, never WP000 (a RecursionError) and never a hang; honest pages with
ordinary nesting, many headings and many links pass.
"""

from __future__ import annotations

import pytest

from pagekit import check, line_of, of_rule, page_text, run_rule, write_page
from webpub.rendering import renderguard

ATTACKS = {
    "brackets": "ย่อหน้าแรก\n\n" + "[" * 30_000 + "\n",
    "images": "ย่อหน้าแรก\n\n" + "![" * 20_000 + "\n",
    "bracket-lines": "ย่อหน้าแรก\n\n" + "[a\n" * 5_000,
    "angles": "ย่อหน้าแรก\n\n" + "<a " * 30_000 + "\n",
    "autolinks": "ย่อหน้าแรก\n\n" + "<http://a" * 20_000 + "\n",
    "headings": "ย่อหน้าแรก\n\n" + "".join(f"# h{i}\n" for i in range(20_000)),
    "rules": "ย่อหน้าแรก\n\n" + "***\n" * 20_000,
    "setext": "ย่อหน้าแรก\n\n" + "a\n=\n" * 10_000,
    # indented under a list item, the lines are the item's own headings, not code
    "list-headings": "ย่อหน้าแรก\n\n- รายการ\n\n" + "".join(f"    # h{i}\n" for i in range(20_000)),
    "indented-lists": "ย่อหน้าแรก\n\n" + "".join("    " * i + "- x\n" for i in range(700)),
    "nested-items": "ย่อหน้าแรก\n\n" + "- " * 5_000 + "x\n",
    "nested-numbers": "ย่อหน้าแรก\n\n" + "1. " * 5_000 + "x\n",
    "quotes": "ย่อหน้าแรก\n\n" + ">" * 5_000 + " x\n",
    "quote-ladder": "ย่อหน้าแรก\n\n" + "".join(">" * i + " x\n" for i in range(1, 1_000)),
    "quoted-lists": "ย่อหน้าแรก\n\n" + "> - " * 3_000 + "x\n",
    "admonitions": "ย่อหน้าแรก\n\n" + "".join("    " * i + "!!! note\n" for i in range(200)) + "    " * 200 + "x\n",
    "details": "ย่อหน้าแรก\n\n" + "".join("    " * i + "??? note\n" for i in range(200)) + "    " * 200 + "x\n",
    "fences": "ย่อหน้าแรก\n\n" + "".join("    " * i + "```\n" for i in range(200)),
    "abbreviations": "ย่อหน้าแรก\n\n" + "".join(f"*[A{i}]: คำย่อ {i}\n" for i in range(3_000))
                     + " ".join(f"A{i}" for i in range(3_000)),
    "footnotes": "ย่อหน้าแรก\n\n" + "".join(f"x[^{i}]" for i in range(20_000)) + "\n\n"
                 + "".join(f"[^{i}]: y\n" for i in range(20_000)),
    "wide-table": "ย่อหน้าแรก\n\n" + "|" + "a|" * 20_000 + "\n|" + "-|" * 20_000 + "\n|" + "b|" * 20_000 + "\n",
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack_is_refused_before_rendering(tmp_repo, capsys, name):
    body = ATTACKS[name]
    write_page(tmp_repo, "content/about/attack.md", body)
    code, findings = check(capsys, "content/about/attack.md")
    assert code == 1
    assert not of_rule(findings, "WP000"), findings
    assert not of_rule(findings, "WP061"), findings  # refused by the guard, not by the clock
    hits = of_rule(findings, "WP060")
    assert len(hits) == 1, findings
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in hits[0]["message"]) and hits[0]["hint"]
    text = page_text(body)
    assert hits[0]["line"] >= line_of(text, "ย่อหน้าแรก") + 2  # where the attack starts, not line 1


def test_line_points_at_the_deep_line(tmp_repo, capsys):
    body = "## หัวข้อ\n\nข้อความ\n\n" + "> " * 40 + "ลึกเกินไป\n"
    write_page(tmp_repo, "content/about/deep.md", body)
    hits = run_rule(capsys, "WP060", "content/about/deep.md")
    assert [h["line"] for h in hits] == [line_of(page_text(body), "ลึกเกินไป")]


def test_honest_pages_pass(tmp_repo, capsys):
    nested = "".join("    " * i + f"- ระดับ {i}\n" for i in range(8))
    headings = "".join(f"## หัวข้อ {i}\n\nเนื้อหา [ลิงก์](#หัวข้อ-{i}) และ <https://www.opdc.go.th/>\n\n" for i in range(300))
    abbr = "".join(f"*[ก.พ.ร.{i}]: คำย่อ\n" for i in range(50))
    table = "| " + " | ".join(f"ค{i}" for i in range(40)) + " |\n|" + "---|" * 40 + "\n"
    code = "```python\n" + "".join("    " * (i % 6) + f"# บรรทัด {i}\n" for i in range(400)) + "```\n"
    # indented code (four spaces) is code too: a script full of # comments, then a list
    indented = "".join(f"    # ขั้นตอนที่ {i}\n" for i in range(400)) + "\n- รายการ\n"
    quote = "> ข้อความอ้างอิง\n>\n> > ซ้อนสองชั้น [1]\n"
    body = "\n".join([nested, headings, abbr, table, code, indented, quote, "[^1]: เชิงอรรถ\n"])
    write_page(tmp_repo, "content/about/honest.md", body)
    assert run_rule(capsys, "WP060", "content/about/honest.md") == []


def test_guard_is_linear_for_plain_text():
    """The guard must never be the slow part: a 1 MB body of ordinary shapes is measured
    by string methods; no refusal."""
    body = ("ข้อความธรรมดา [ลิงก์](a.md) <b> ตัวหนา </b> และ | ตาราง |\n\n" * 16_000)[: 1 << 20]
    assert renderguard.refusal(body) is None
