"""WP024: protocol-relative links are refused, whatever their spelling."""

from __future__ import annotations

import pytest

from conftest import write
from pagekit import page_text, line_of, run_rule, write_page


@pytest.mark.parametrize("link", [
    "[ดาวน์โหลด](//evil.example/form.pdf)",
    '<a href="//evil.example/">ลิงก์</a>',
    '<img src="//evil.example/pixel.png">',
    '<a href=" //evil.example/">ลิงก์</a>',
    '<a href="/\\evil.example/">ลิงก์</a>',
    '<a href="\\\\evil.example\\x">ลิงก์</a>',
])
def test_protocol_relative_links_are_refused(tmp_repo, capsys, link):
    text = page_text("## หัวข้อ\n\nย่อหน้า\n\n" + link + "\n")
    write(tmp_repo, "content/about/page.md", text)
    hits = run_rule(capsys, "WP024")
    assert len(hits) == 1, hits
    assert hits[0]["line"] == line_of(text, "evil.example")
    assert "https:" in hits[0]["hint"]


def test_full_and_site_relative_links_pass(tmp_repo, capsys):
    write_page(tmp_repo, "content/about/page.md",
               "[เว็บ](https://www.opdc.go.th/) [หน้าแรก](/about/page.md) [ย่อหน้า](#x) ทางลัด // ไม่ใช่ลิงก์\n")
    assert run_rule(capsys, "WP024") == []
