"""webpub.htmlscan: one parse of rendered HTML; URLs read the way browsers read them."""

from __future__ import annotations

import pytest

from webpub import htmlscan


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
    from webpub.page import load_page
    from webpub.repo import Repo
    from conftest import PROJECT

    page = load_page("content/about/x.md", tmp_path / "x.md", b"---\ntitle: t\n---\n\n## a\n", 65536)
    ctx = Context(repo=Repo(PROJECT), today=today_bangkok())
    assert htmlscan.scan(page, ctx) is htmlscan.scan(page, ctx)
    assert htmlscan.scan(page, ctx).ids == {"a"}
