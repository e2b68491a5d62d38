"""The agency portal as a citizen sees it, at 1366 px and 360 px, in real Chromium.

One real ``webpub build`` of the sample and one pass over the pages at each width: each
page is screenshotted (into ``tests/output/screenshots/``, not committed; the docs reuse
them) and measured, and the tests below assert on those measurements: no sideways
scrolling, the agency's name never cut, Sarabun really used, no English left in what the
site itself writes, and no serious or critical axe-core violation. The text-size and
high-contrast controls are exercised on their own page set.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, copy_project, git, run_axe

TODAY = "2026-11-26"
WIDTHS = (1366, 360)
ITEM = "news/2026-11-12-network-meeting/"
PAGES = {
    "home": "",
    "listing": "news/topic-activity/",
    "item": ITEM,
    "oia-centre": "oia/",
    "search": "search/?q=%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%81%E0%B8%B2%E0%B8%A8",  # ?q=ประกาศ
    "compliance": "compliance/",
    "category": "about/",  # a division's page when the site has them; the category page today
    "form": ITEM + "form/",
}
SHOTS = Path(os.environ.get("WEBPUB_SCREENSHOTS") or PROJECT / "tests" / "output" / "screenshots")
# Latin words a Thai page may show: names of things, formats and services.
ALLOWED_LATIN = {"ITA", "PDF", "JPEG", "PNG", "CSV", "JSON", "XML", "Atom", "Facebook", "LINE", "X", "OpenStreetMap",
                 "JavaScript", "Word", "Excel", "ZIP", "KML", "KMZ", "GIS", "CIO", "SSH", "webpub", "data.go.th"}
LATIN = re.compile(r"[A-Za-z][A-Za-z.\-]*[A-Za-z]|[A-Za-z]")
URLISH = re.compile(r"\S+@\S+|https?://\S+|\b[\w.-]+\.(?:go\.th|com|org|th)\b")

VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('script, style, noscript, code, [hidden], [aria-hidden="true"], [lang]:not([lang="th"])')) continue;
    if (!el.checkVisibility()) continue;
    if (node.textContent.trim()) out.push(node.textContent.trim());
  }
  return out.join(' ');
}"""
MEASURE = """() => {
  const title = document.querySelector('.webpub-brand__name');
  const style = getComputedStyle(document.body);
  return {
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    title: title && {text: title.textContent.trim(), scroll: title.scrollWidth, client: title.clientWidth,
                     overflow: getComputedStyle(title).textOverflow,
                     right: title.getBoundingClientRect().right},
    font: style.fontFamily,
    sarabun: [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Sarabun' && f.status === 'loaded').length,
  };
}"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """The sample site built once (preview, a fixed day) and served on a free localhost port."""
    repo = copy_project(tmp_path_factory.mktemp("portal") / "repo", with_content=True)
    git(repo, "init", "-q", "-b", "main")
    site = repo / "site"
    done = subprocess.run([sys.executable, "-m", "webpub", "build", "--mode", "preview", "--today", TODAY,
                           "--site-dir", str(site)], cwd=repo, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_port}/", "site": site, "repo": repo}
    server.shutdown()


@pytest.fixture(scope="module")
def seen(portal, browser, axe_js):
    """Every page at every width: screenshot, measurements, visible text, axe findings, errors."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    results = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        for name, path in PAGES.items():
            errors.clear()
            response = page.goto(portal["url"] + path)
            page.wait_for_load_state("networkidle")
            if name == "search":
                page.wait_for_selector("[data-webpub-search-page] [data-webpub-search-results] li", timeout=15_000)
            page.evaluate("document.fonts.ready")
            page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
            results[(name, width)] = {
                "status": response.status, **page.evaluate(MEASURE), "text": page.evaluate(VISIBLE_TEXT),
                "font_check": page.evaluate("document.fonts.check('16px Sarabun', 'ภาษาไทย')"),
                # errors before axe runs: axe's own inline styles are refused by each page's CSP
                "title_tag": page.title(), "errors": list(errors), "axe": run_axe(page, axe_js),
                "crumbs": page.locator("nav.webpub-breadcrumbs li").all_inner_texts(),
                "credit": page.locator("text=Made with").count(),
            }
        context.close()
    return results


def content_latin(repo: Path) -> set[str]:
    """Latin words the agency's own pages and file names hold (the site shows those as written)."""
    words: set[str] = set()
    for path in (repo / "content").rglob("*"):
        words |= set(LATIN.findall(path.name))
        if path.suffix == ".md":
            words |= set(LATIN.findall(URLISH.sub(" ", path.read_text(encoding="utf-8"))))
    organization = yaml.safe_load((repo / "schema" / "organization.yml").read_text(encoding="utf-8"))
    for person in organization["people"]:
        words |= set(LATIN.findall(person.get("position_th", "")))
    return words


CASES = [(name, width) for width in WIDTHS for name in PAGES]


@pytest.mark.parametrize("name, width", CASES)
def test_page_fits_the_screen_with_the_agency_name_whole(seen, portal, name, width):
    got = seen[(name, width)]
    assert got["status"] == 200 and got["errors"] == []
    assert got["scroll"] <= got["client"], f"{name} scrolls sideways at {width} px"
    if name != "form":  # the printable form stands alone, without the site's header
        title = got["title"]
        assert title["text"] == "สำนักงานคณะกรรมการพัฒนาระบบราชการ"
        assert title["scroll"] <= title["client"] and title["overflow"] != "ellipsis"
        assert title["right"] <= width
        assert got["credit"] == 0


@pytest.mark.parametrize("name, width", CASES)
def test_sarabun_is_the_font_in_use(seen, name, width):
    got = seen[(name, width)]
    assert got["font"].replace('"', "").startswith("Sarabun")
    assert got["font_check"] and got["sarabun"] >= 1


ENGLISH_CASES = list(PAGES)


@pytest.mark.parametrize("name", ENGLISH_CASES)
def test_no_english_left_in_what_the_site_writes(seen, portal, name):
    allowed = ALLOWED_LATIN | content_latin(portal["repo"])
    for width in WIDTHS:
        text = URLISH.sub(" ", seen[(name, width)]["text"])
        assert set(LATIN.findall(text)) - allowed == set(), f"{name} at {width} px"


@pytest.mark.parametrize("name, width", CASES)
def test_no_serious_or_critical_accessibility_violation(seen, name, width):
    assert seen[(name, width)]["axe"] == []


def test_home_title_names_the_agency_once_and_breadcrumbs_do_not_repeat(seen):
    assert seen[("home", 1366)]["title_tag"].count("ก.พ.ร.") == 1
    for (name, _), got in seen.items():
        crumbs = got["crumbs"]
        assert all(a != b for a, b in zip(crumbs, crumbs[1:])), (name, crumbs)


def test_home_page_is_the_portal(portal, browser):
    page = browser.new_page()
    page.goto(portal["url"])
    assert page.locator(".webpub-brand__logo").get_attribute("alt").startswith("ตราสัญลักษณ์")
    assert page.locator(".webpub-brand__en").inner_text() == "Office of the Public Sector Development Commission"
    quick = page.locator(".webpub-quick__link").all_inner_texts()
    for wanted in ("ร้องเรียน", "ถาม-ตอบ", "ศูนย์ข้อมูลข่าวสาร", "ข้อมูลเปิดภาครัฐ", "ITA"):
        assert any(wanted in q for q in quick), (wanted, quick)
    assert page.locator(".webpub-announce li").count() >= 1
    cards = page.locator(".webpub-news .webpub-card")
    assert cards.count() >= 3
    assert re.search(r"\d{1,2} \S+ 25\d\d", cards.first.locator("time").inner_text())  # a B.E. date
    assert page.locator(".webpub-news .webpub-card__image").count() >= 1  # from an image attachment
    assert page.locator(".webpub-news .webpub-chip").count() == cards.count()
    footer = page.locator(".webpub-site-footer").inner_text()
    for wanted in ("ถนนพิษณุโลก", "โทรศัพท์", "saraban@opdc.go.th", "แผนที่", "นโยบายเว็บไซต์"):
        assert wanted in footer
    for link in page.locator("a.webpub-quick__link").all():
        assert page.request.get(portal["url"] + link.get_attribute("href")).ok
    page.close()


def test_item_page_has_plain_share_links(portal, browser):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(portal["url"] + ITEM)
    page.wait_for_load_state("networkidle")
    hrefs = page.locator(".webpub-share a").evaluate_all("links => links.map(a => a.href)")
    assert [h.split("/")[2] for h in hrefs] == ["www.facebook.com", "social-plugins.line.me", "x.com"]
    assert all("www.opdc.go.th%2Fnews%2F2026-11-12-network-meeting%2F" in h for h in hrefs)
    assert all(r.startswith(portal["url"]) for r in requests)  # nothing fetched from those hosts
    page.close()


def test_text_size_and_contrast_persist_and_keep_the_layout(portal, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(portal["url"])
    size = "() => parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)"
    normal = page.evaluate(size)
    page.get_by_role("button", name="เพิ่มขนาดตัวอักษร").click()
    page.get_by_role("button", name="เพิ่มขนาดตัวอักษร").click()
    larger = page.evaluate(size)
    assert larger > normal * 1.2
    page.get_by_role("button", name="สลับการแสดงผลแบบความคมชัดสูง").click()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    for path in (ITEM, "compliance/", "oia/"):  # another page: both settings hold, nothing spills sideways
        page.goto(portal["url"] + path)
        assert page.evaluate(size) == pytest.approx(larger)
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
        assert page.get_by_role("button", name="สลับการแสดงผลแบบความคมชัดสูง").get_attribute("aria-pressed") == "true"
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), path
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "oia-centre-360-large-text-high-contrast.png"), full_page=True)
    page.get_by_role("button", name="ขนาดตัวอักษรปกติ").click()
    page.get_by_role("button", name="สลับการแสดงผลแบบความคมชัดสูง").click()
    page.reload()
    assert page.evaluate(size) == pytest.approx(normal)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(0, 0, 0)"
    context.close()


def test_pages_carry_no_inline_script_or_style_of_ours(portal):
    """CSP: what webpub adds is in files (Material's own inline scripts are the hosting's to hash)."""
    site = portal["site"]
    for name in ("index.html", "search/index.html", "about/index.html", f"{ITEM}index.html", f"{ITEM}form/index.html"):
        html = (site / name).read_text(encoding="utf-8")
        assert " style=" not in html and "<style" not in html, name
        assert not re.search(r"\son[a-z]+=", html), name
    form = (site / ITEM / "form" / "index.html").read_text(encoding="utf-8")
    assert "assets/webpub/form.css" in form
