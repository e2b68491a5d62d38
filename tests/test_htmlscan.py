"""webpub.rendering.htmlscan: one parse of rendered HTML; URLs read the way browsers read them."""

from __future__ import annotations

import pytest

from webpub.rendering import htmlscan


def test_tags_ids_links_and_other_markup():
    scan = htmlscan.parse('<h2 id="ก">x</h2><a href="a.md#b" title=t>y</a><!-- c --><img src="i.png">'
                          '<p>1 &lt; 2 <scr<b>ipt> x <a b="</p>')
    assert [t.name for t in scan.tags] == ["h2", "a", "img", "p", "scr<b"]
    assert scan.ids == {"ก"}
    assert [(t.name, k, v) for t, k, v in scan.links()] == [("a", "href", "a.md#b"), ("img", "src", "i.png")]
    kinds = [m.kind for m in scan.other]
    assert "comment" in kinds and "stray_markup" in kinds


def test_attribute_values_are_decoded_but_raw_value_is_kept():
    (tag,) = htmlscan.parse('<a href="java&#x09;script&colon;x">').tags
    assert tag.get("href") == "java\tscript:x"
    assert tag.raw_value("href") == "java&#x09;script&colon;x"


@pytest.mark.parametrize("value, scheme", [
    ("https://x", "https"), (" \x01JavaScript:x", "javascript"), ("java\tscr\nipt:x", "javascript"),
    ("page.md", None), ("#a", None), ("java script:x", None), ("./a:b", None),
])
def test_url_scheme_as_a_browser_sees_it(value, scheme):
    assert htmlscan.url_scheme(value) == scheme


@pytest.mark.parametrize("value, expected", [
    ("//evil", True), ("\\\\evil", True), ("/\\evil", True), (" \t//evil", True),
    ("/about/", False), ("https://x", False), ("#//x", False),
])
def test_protocol_relative(value, expected):
    assert htmlscan.is_protocol_relative(value) is expected


def test_scan_is_computed_once_per_page(tmp_path):
    from webpub.context import Context
    from webpub.dates import today_bangkok
    from webpub.content.page import load_page
    from webpub.repo import Repo
    from conftest import PROJECT

    page = load_page("content/about/x.md", tmp_path / "x.md", b"---\ntitle: t\n---\n\n## a\n", 65536)
    ctx = Context(repo=Repo(PROJECT), today=today_bangkok())
    assert htmlscan.scan(page, ctx) is htmlscan.scan(page, ctx)
    assert htmlscan.scan(page, ctx).ids == {"a"}


def _full_parse(html: str) -> htmlscan.Scan:
    collector = htmlscan._Collector(html)
    collector.feed(html)
    collector.close()
    return collector.result


SIMPLE_CASES = [
    '<p>ข้อความ <strong>หนา</strong> &amp; <a href="a.md#x" title="t &quot;q&quot;">ลิงก์</a></p>\n<hr />',
    '<h2 id="ประวัติ">ประวัติ</h2>\n<p>1 &gt; 0</p>\n<img alt="" src="i.png" />\n<br />',
    '<table>\n<thead>\n<tr>\n<th>ก</th>\n</tr>\n</thead>\n</table>',
    '<div class="footnote">\n<ol>\n<li id="fn:1">\n<p>x&#160;<a class="footnote-backref" href="#fnref:1" '
    'title="Jump back">&#8617;</a></p>\n</li>\n</ol>\n</div>',
    '<details open="open"><summary>s</summary><p>x</p></details><input disabled>',
    '<a href="java&#x09;script&colon;x">x</a>',
]
FULL_CASES = [
    '<p>a</p><!-- c -->', '<script>var a = "<b>";</script>', '<A HREF="x">y</A>', "<a href='x'>y</a>",
    '<a href=x>y</a>', '<p>1 < 2</p>', '<img src="a>b">', '<!DOCTYPE html><p>x</p>', '<p x="<">y</p>',
    '<iframe src="x"></iframe>', '<style>p{}</style>', '<a\nhref="x">y</a>', '<?php x ?>',
]


@pytest.mark.parametrize("html", SIMPLE_CASES)
def test_markdown_shaped_html_takes_the_quick_path_with_the_same_result(html):
    quick = htmlscan._parse_simple(html)
    assert quick is not None
    assert quick == _full_parse(html)


@pytest.mark.parametrize("html", FULL_CASES)
def test_anything_else_goes_to_the_full_parser(html):
    assert htmlscan._parse_simple(html) is None
    assert htmlscan.parse(html) == _full_parse(html)


def test_quick_path_agrees_on_every_rendered_sample_page():
    from conftest import PROJECT
    from webpub.rendering.render import Renderer

    renderer = Renderer(PROJECT)
    quick_used = 0
    for path in sorted((PROJECT / "content").rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        html = renderer.render(body)
        quick = htmlscan._parse_simple(html)
        if quick is not None:
            quick_used += 1
            assert quick == _full_parse(html), path
    assert quick_used > 50
