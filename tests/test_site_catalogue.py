"""The site's templates and scripts read their Thai from the catalogue (issue #13): the
plugin gives Jinja a ``t()`` global, the search script gets its strings from the page, and
the editor's fill-in marker comes through its generated configuration."""

from __future__ import annotations

import json
from html import unescape

import jinja2

from conftest import PROJECT
from webpub.dates import MONTHS_TH_ABBR
from webpub.editor.config import build as editor_config
from webpub.messages import catalogue, t
from webpub.repo import Repo
from webpub.search import CLIENT_KEYS, client_text, client_text_attribute
from webpub.search.fallback_page import render as fallback_page
from webpub.site.mkdocs_plugin import WebpubPlugin

OVERRIDES = PROJECT / "overrides"


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(OVERRIDES)))
    env.filters["url"] = lambda value: value
    return env


def test_the_plugin_gives_templates_the_catalogue_escaped():
    env = WebpubPlugin().on_env(_env(), config=None, files=None)
    html = env.get_template("partials/webpub-toolbar.html").render()
    assert t("site.text_larger") in html and t("site.contrast_label") in html
    assert str(env.globals["t"]("site.logo_alt", agency="<ก&ข>")) == t("site.logo_alt", agency="&lt;ก&amp;ข&gt;")


def test_the_search_box_carries_the_scripts_strings():
    text = json.loads(client_text())
    assert {key: text[key] for key in CLIENT_KEYS} == {key: catalogue()[f"search.{key}"] for key in CLIENT_KEYS}
    assert text["months"] == list(MONTHS_TH_ABBR)  # the same abbreviations as everywhere else
    attribute = client_text_attribute()
    assert json.loads(unescape(attribute.split('="', 1)[1][:-1])) == text
    env = WebpubPlugin().on_env(_env(), config=None, files=None)
    box = env.get_template("partials/webpub-search.html").render()
    assert 'data-webpub-search-text="' in box and t("site.search_title") in box


def test_the_fallback_search_page_speaks_like_the_themed_one():
    page = fallback_page()
    for key in ("site.search_title", "site.search_label", "site.search_noscript", "site.sitemap", "search.back_home"):
        assert t(key) in page
    assert "data-webpub-search-text=" in page and "{" not in page.split("data-webpub-search-text", 1)[0]


def test_the_editors_fill_in_marker_is_the_one_webpub_new_writes():
    from webpub.commands.new import render_page

    marker = editor_config(Repo.discover(PROJECT))["webpub"]["section_placeholder"]
    written = render_page(Repo.discover(PROJECT), {"title": "x"}, ["วิธีการสมัคร"])
    assert marker.replace("{section}", "วิธีการสมัคร") in written
