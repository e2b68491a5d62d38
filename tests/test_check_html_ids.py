"""WP040: ids in a page are heading/footnote-style and never the theme's own."""

from __future__ import annotations

import pytest

from pagekit import line_of, page_text, run_rule, write
from webpub.rendering import allowlist
from webpub.checks.html_ids import problem
from webpub.slug import slugify

CLOBBERS = [
    '<div id="__config">{"base": "https://evil.example"}</div>',
    '<p id="__config">x</p>',
    "```{.html #__config}\n{\"base\": \"https://evil.example\"}\n```",
    "```{#__config .json}\n{}\n```",
    '<a id="__drawer">x</a>',
    '<span id="__search">x</span>',
    '<span id="md-content">x</span>',
    '<span id="MD-Content">x</span>',
    '<span id="webpub-main">x</span>',
    '<span id="webpub-search-input">x</span>',
    '<span id="__nav_1_label">x</span>',
    '<span id="&#95;&#95;config">x</span>',
    '<SPAN ID="__config">x</SPAN>',
]


@pytest.mark.parametrize("snippet", CLOBBERS)
def test_theme_ids_are_refused_on_their_line(sample_repo, capsys, snippet):
    text = page_text("## หัวข้อ\n\nย่อหน้า\n\n" + snippet + "\n")
    write(sample_repo, "content/about/ids.md", text)
    hits = run_rule(capsys, "WP040", "content/about/ids.md")
    assert len(hits) == 1, hits
    first = snippet.split("\n")[0]
    assert hits[0]["line"] == line_of(text, first)
    assert "ธีม" in hits[0]["message"]


@pytest.mark.parametrize("snippet", [
    '<span id="a b">x</span>', "<span id=\"x'y\">x</span>", '<span id="-x">x</span>',
    '<span id="&#x202e;x">x</span>', '<span id="' + "a" * 201 + '">x</span>', '<span id="">x</span>',
])
def test_ids_outside_the_safe_pattern_are_refused(sample_repo, capsys, snippet):
    write(sample_repo, "content/about/ids.md", page_text("## หัวข้อ\n\n" + snippet + "\n"))
    assert len(run_rule(capsys, "WP040", "content/about/ids.md")) == 1


def test_generated_heading_and_footnote_ids_pass(sample_repo, capsys):
    body = ("## ความเป็นมา\n\n## ความเป็นมา\n\n## ???\n\n## Contact us 2569\n\n## __config\n\n"
            "ข้อความ[^1] และ[^หมายเหตุ]\n\n[^1]: หนึ่ง\n[^หมายเหตุ]: สอง\n\n<span id=\"ข้อมูล-1\">x</span>\n")
    write(sample_repo, "content/about/ids.md", page_text(body))
    assert run_rule(capsys, "WP040", "content/about/ids.md") == []


def test_heading_slugs_never_start_with_an_underscore():
    assert slugify("__config") == "config"
    assert slugify("_ _drawer") == "drawer"
    assert slugify("ความเป็นมา") == "ความเป็นมา"


def test_a_heading_that_slugs_to_a_theme_id_is_refused_with_a_heading_hint(sample_repo, capsys):
    write(sample_repo, "content/about/ids.md", page_text("## Webpub main\n\nข้อความ\n"))
    [hit] = run_rule(capsys, "WP040", "content/about/ids.md")
    assert "หัวข้อ" in hit["hint"]


def test_shipped_material_ids_are_the_installed_themes():
    """`check` runs without Material (pre-commit), so its ids are shipped; the locked
    Material in this environment must have exactly those."""
    from pathlib import Path

    import material

    installed = allowlist.template_ids(Path(material.__file__).parent / "templates")
    assert installed == allowlist.MATERIAL_TEMPLATE_IDS, (
        "Material's template ids changed: set allowlist.MATERIAL_TEMPLATE_IDS to "
        f"{sorted(installed)}")


def test_theme_ids_are_material_and_overrides():
    from conftest import PROJECT

    ids = allowlist.theme_ids(PROJECT)
    assert {"__config", "__drawer", "__search", "webpub-main"} <= ids
    rules = allowlist.compile_allowlist(allowlist.DEFAULT)
    for theme_id in ids:
        assert problem(theme_id, rules, ids), theme_id
