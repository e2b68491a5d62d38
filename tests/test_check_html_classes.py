"""WP041: classes come only from Markdown syntax and none of them hides content."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from pygments.token import STANDARD_TYPES

from conftest import PROJECT
from pagekit import line_of, page_text, run_rule, write
from webpub.rendering import allowlist

HIDING = [
    '<div class="md-header">ประกาศปลอมทับแถบหัวเว็บ</div>',
    '<span class="md-visually-hidden">งบประมาณลับ</span>',
    '<div class="tabbed-block">ร่างที่ยังไม่อนุมัติ</div>',
    '<div class="tabbed-set"><div class="tabbed-content"><div class="tabbed-block">x</div></div></div>',
    '<p class="hidden">x</p>',
    '<span class="sr-only">x</span>',
    '<a class="footnote-backref" href="#fnref:1">ข้อความที่มองไม่เห็น</a>',
    '<div class="highlight"><code><a id="x">ข้อความที่มองไม่เห็น</a></code></div>',
    '<div class="admonition note">x</div>',  # a class Markdown makes, but written as HTML
    '<span class="k">x</span>',
    "```{.python .md-visually-hidden}\nprint(1)\n```",
    "```{.text .tabbed-block}\nx\n```",
    '!!! md-visually-hidden "หัวเรื่อง"\n    ข้อความ',
    '??? hidden "หัวเรื่อง"\n    ข้อความ',
    '!!! note md-banner\n    ข้อความ',
    '!!! note\n    <p>\n    <a class="footnote-backref" href="#x">ข้อความที่มองไม่เห็น</a>\n    </p>',
    '??? note "x"\n    <div\n    class="admonition">\n    x\n    </div>',
]


@pytest.mark.parametrize("snippet", HIDING)
def test_hiding_and_theme_classes_are_refused_on_their_line(sample_repo, capsys, snippet):
    text = page_text("## หัวข้อ\n\nย่อหน้า\n\n" + snippet + "\n")
    write(sample_repo, "content/about/cls.md", text)
    hits = run_rule(capsys, "WP041", "content/about/cls.md")
    assert hits, snippet
    needle = next((line.strip() for line in snippet.split("\n") if "class=" in line), snippet.split("\n")[0])
    assert hits[0]["line"] == line_of(text, needle)


def test_markdown_made_classes_pass(sample_repo, capsys):
    body = ('!!! note "หมายเหตุ"\n    ข้อความ\n\n??? warning "ข้อควรระวัง"\n    ข้อความ\n\n'
            "!!! tip\n    ข้อความ\n\n???+ danger \"อันตราย\"\n    ข้อความ\n\n"
            "```python\nprint('สวัสดี')  # ความเห็น\n```\n\n```html\n<div class=\"md-header\">x</div>\n```\n\n"
            "```\nไม่ระบุภาษา\n```\n\n"
            "ตามระเบียบ[^1]\n\n[^1]: ระเบียบสำนักนายกรัฐมนตรี\n\n`<span class=\"hidden\">` เป็นตัวอย่าง\n")
    write(sample_repo, "content/about/cls.md", page_text("## หัวข้อ\n\n" + body))
    assert run_rule(capsys, "WP041", "content/about/cls.md") == []


def test_code_token_classes_are_pygments_own():
    assert set(allowlist.DEFAULT["code_token_classes"]) == {v for v in STANDARD_TYPES.values() if v}


def _theme_css() -> str:
    files = list((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("*.css"))
    files += list((PROJECT / "overrides").rglob("*.css"))
    return re.sub(r"/\*.*?\*/", "", "".join(f.read_text(encoding="utf-8") for f in files), flags=re.S)


HIDES = re.compile(r"display:\s*none|opacity:\s*0(?![.\d])|visibility:\s*hidden|font-size:\s*0(?![.\d])"
                   r"|(?<![-\w])height:\s*0(?![.\d])|clip|text-indent:\s*-|transform:\s*scale\(0")
# Hidden by the theme only in a structure Markdown alone makes: on the footnote's own
# back-link, and links with an id inside highlighted code (written HTML has no class).
KNOWN = {"footnote-backref": {".md-typeset .footnote-backref"},
         "highlight": {".highlight code a[id]", ".highlight code[data-md-copying] .md-annotation"}}


def test_no_allowed_class_hides_content_in_the_installed_theme():
    allowed = set(allowlist.DEFAULT["classes"]) | set(allowlist.DEFAULT["code_token_classes"])
    found = {}
    for selector, block in re.findall(r"([^{}]+)\{([^{}]*)\}", _theme_css()):
        if not HIDES.search(block):
            continue
        for name in allowed:
            if re.search(r"\." + re.escape(name) + r"(?![\w-])", selector):
                found.setdefault(name, []).append(selector.strip())
    unexpected = {n: s for n, s in found.items() if not set(s) <= KNOWN.get(n, set())}
    assert unexpected == {}
