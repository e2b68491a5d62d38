"""WP042: images and embeds come over https:// or from the site (no mixed content)."""

from __future__ import annotations

import pytest

from pagekit import line_of, page_text, run_rule, write


@pytest.mark.parametrize("snippet", [
    "![แผนที่](http://www.example.go.th/map.png)",
    '<img src="http://www.example.go.th/map.png" alt="แผนที่">',
    '<img src="HTTP://www.example.go.th/map.png" alt="แผนที่">',
    '<img src=" http://www.example.go.th/map.png" alt="แผนที่">',
    "![แผนที่][m]\n\n[m]: http://www.example.go.th/map.png",
])
def test_http_images_are_refused_on_their_line(sample_repo, capsys, snippet):
    text = page_text("## หัวข้อ\n\n" + snippet + "\n")
    write(sample_repo, "content/about/img.md", text)
    hits = run_rule(capsys, "WP042", "content/about/img.md")
    assert len(hits) == 1
    wanted = line_of(text, "[m]: ") if "[m]: " in text else line_of(text, snippet)
    assert hits[0]["line"] == wanted
    assert "https://" in hits[0]["hint"]


def test_https_and_site_images_and_http_links_pass(sample_repo, capsys):
    body = ("![แผนที่](https://www.example.go.th/map.png)\n\n[เว็บไซต์เดิม](http://www.example.go.th/)\n\n"
            "ตัวอย่าง `<img src=\"http://x/a.png\">` ในข้อความ\n")
    write(sample_repo, "content/about/img.md", page_text("## หัวข้อ\n\n" + body))
    assert run_rule(capsys, "WP042", "content/about/img.md") == []
