"""``webpub.rendering.htmltokens`` reads tags as a browser does: escaped text is text, quoted
values may hold '>', raw-text elements hide their contents, comments end where
browsers end them, and pathological input stays linear."""

from __future__ import annotations

import pytest

from webpub.rendering.htmltokens import attributes, start_tags


def names(html: str) -> list[str]:
    return [t.name for t in start_tags(html)]


@pytest.mark.parametrize("html, expected", [
    ("<p>a</p><IMG SRC=x>", ["p", "img"]),
    ("<code>&lt;img src=x onerror=alert(1)&gt;</code>", ["code"]),
    ("a < b and c <3 d <= e", []),
    ("<!-- <img src=x> --><b>", ["b"]),
    ("<!--><img src=x>", ["img"]),  # abruptly closed comment
    ("<!---><img src=x>", ["img"]),
    ("<!-- a --!><i>", ["i"]),
    ("<? pi > <u>", ["u"]),
    ("</ x><s>", ["s"]),  # bogus comment
    ("</><em>", ["em"]),
    ('<a title="x>y" href="z">', ["a"]),
    ("<script>document.write('<img src=x>')</script><p>", ["script", "p"]),
    ("<textarea><img src=x></textarea><b>", ["textarea", "b"]),
    ("<style></STYLE ><img src=x></style><b>", ["style", "img", "b"]),
    ("<svg><style><img src=x onerror=alert(1)></style></svg>", ["svg", "style", "img"]),
    ("<plaintext><img src=x>", ["plaintext"]),
])
def test_tags_as_a_browser_sees_them(html, expected):
    assert names(html) == expected


def test_attributes_like_a_browser():
    assert attributes(' HREF="a" href="b" title=\'x y\' data-x=1 checked on="" =x') == {
        "href": "a", "title": "x y", "data-x": "1", "checked": "", "on": "", "=x": ""}
    assert attributes(' href="java&#x09;script&colon;x"')["href"] == "java\tscript:x"
    [tag] = start_tags('<img/src=x/onerror=alert(1)>')
    assert tag.attrs == {"src": "x/onerror=alert(1)"}
    [tag] = start_tags('<img src="a"onerror="b">')
    assert tag.attrs == {"src": "a", "onerror": "b"}


def test_raw_text_keeps_its_contents():
    [script, _] = start_tags("<script type=module>let a = '</scrip' + 't>';</script><p>")
    assert script.text == "let a = '</scrip' + 't>';"


@pytest.mark.parametrize("html", [
    "<a " + "b" * 200_000,
    "<a " + 'b="' * 100_000,
    "<" * 300_000,
    "<!--" * 100_000,
    "<a " + "x=y " * 100_000,
    "<script>" + "</scrip" * 100_000,
])
def test_pathological_input_is_linear(html):
    # no timing assertion: a backtracking pattern would not finish at this size
    list(start_tags(html))
