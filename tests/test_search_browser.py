"""Thai search in a real browser: the sample site built with the real hooks, served on
127.0.0.1, searched through the search box in Debian's Chromium (Playwright)."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
import yaml

from conftest import PROJECT, copy_project, git
from webpub.search import SearchDoc
from webpub.search.indexer import fnv1a, write_index
from webpub.search.segment import normalise, segmenter_for

playwright_api = pytest.importorskip("playwright.sync_api")

QUERIES = yaml.safe_load((PROJECT / "tests" / "data" / "thai_queries.yml").read_text(encoding="utf-8"))
RESULT_LINKS = "[data-webpub-search-results] li a"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def serve():
    servers = []

    def start(site: Path, port: int = 0) -> str:
        handler = functools.partial(QuietHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()


def build_sample_site(dest: Path, instant_at: str | None = None) -> Path:
    """The shipped sample content, built by `webpub build` (real MkDocs + hooks).

    ``instant_at``: turn on Material's instant loading for a site served at that URL
    (it only takes over links listed in sitemap.xml, which is written from site_url)."""
    repo = copy_project(dest, with_content=True)
    if instant_at:
        config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
        config = config.replace("  features:\n", "  features:\n    - navigation.instant\n", 1)
        config = re.sub(r"(?m)^site_url: .*$", f"site_url: {instant_at}", config)
        assert "navigation.instant" in config and instant_at in config
        (repo / "mkdocs.yml").write_text(config, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "sample")
    done = subprocess.run([sys.executable, "-m", "webpub", "build", "--mode", "preview", "--site-dir", "site"],
                          cwd=repo, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (repo / "site" / "search-index" / "manifest.json").is_file()
    return repo / "site"


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory, serve) -> str:
    return serve(build_sample_site(tmp_path_factory.mktemp("sample") / "repo"))


class Watched:
    """A fresh page that records requests to other hosts and every console error."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", self._request)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _request(self, request):
        host = urlparse(request.url).hostname
        if urlparse(request.url).scheme not in ("data", "blob") and host != "127.0.0.1":
            self.foreign.append(request.url)

    def assert_clean(self):
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"
        assert self.errors == [], f"console errors: {self.errors}"
        self.context.close()


@pytest.fixture
def watched(browser):
    made = Watched(browser)
    yield made
    made.assert_clean()


def search_box(page, query: str) -> list[str]:
    """Type into the header search box, press Enter, return the result paths in order."""
    box = page.get_by_role("search").first.get_by_role("searchbox")
    box.fill(query)
    box.press("Enter")
    status = page.locator("[data-webpub-search-status]").first
    playwright_api.expect(status).to_contain_text(("พบ", "ไม่พบ")[0], timeout=15_000)
    return [urlparse(h).path.strip("/") + "/" for h in
            page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")]


def test_thai_queries_find_the_expected_page_in_the_top_five(sample_site, watched):
    page = watched.page
    page.goto(sample_site)
    misses = []
    for item in QUERIES["queries"]:
        top = search_box(page, item["query"])[:5]
        if item["expected"] not in top:
            misses.append((item["query"], item["expected"], top))
    assert len(QUERIES["queries"]) >= 20
    hit_rate = 1 - len(misses) / len(QUERIES["queries"])
    assert hit_rate >= 0.95, misses


def test_query_set_exercises_icu_newmm_disagreement(browser):
    """The queries marked icu really are cut differently by the browser and by newmm."""
    page = browser.new_page()
    page.set_content("<html lang='th'></html>")
    segmenter = segmenter_for(PROJECT)
    differ = 0
    icu_queries = [q["query"] for q in QUERIES["queries"] if q["kind"] == "icu"]
    for query in icu_queries:
        icu = page.evaluate("q => [...new Intl.Segmenter('th', {granularity: 'word'}).segment(q)]"
                            ".map(s => s.segment)", query)
        differ += icu != segmenter.tokens(normalise(query)).words
    page.close()
    assert len(icu_queries) >= 4 and differ >= len(icu_queries) - 1


def test_results_show_title_buddhist_date_and_highlighted_snippet(sample_site, watched):
    page = watched.page
    page.goto(sample_site)
    top = search_box(page, "คลาวด์")
    assert top[0] == "news/2026-11-10-procurement-notice-cloud-service/"
    first = page.locator("[data-webpub-search-results] li").first
    assert "25" in first.locator(".webpub-search__meta").inner_text()  # a B.E. year 25xx
    assert " 2026" not in first.locator(".webpub-search__meta").inner_text()
    marks = first.locator(".webpub-search__snippet mark").all_inner_texts()
    assert "คลาวด์" in marks


def test_keyboard_and_screen_reader_use(sample_site, watched):
    page = watched.page
    page.goto(sample_site)
    form = page.get_by_role("search").first
    box = form.get_by_label("ค้นหาในเว็บไซต์")
    box.focus()
    page.keyboard.type("จัดซื้อจัดจ้าง")
    status = page.locator("[data-webpub-search-status]").first
    playwright_api.expect(status).to_contain_text("พบ", timeout=15_000)
    assert status.get_attribute("role") == "status"
    links = page.locator(RESULT_LINKS)
    assert links.count() >= 2
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == links.nth(0).evaluate("a => a.href")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == links.nth(1).evaluate("a => a.href")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "webpub-search-input"
    page.keyboard.press("Escape")
    assert page.locator("[data-webpub-search-panel]").first.is_hidden()
    box.press("Enter")
    playwright_api.expect(page.locator("[data-webpub-search-panel]").first).to_be_visible()
    playwright_api.expect(status).to_contain_text("พบ", timeout=15_000)
    page.keyboard.press("ArrowDown")
    first = links.nth(0).evaluate("a => a.href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == first


def test_no_match_says_so(sample_site, watched):
    page = watched.page
    page.goto(sample_site)
    assert search_box(page, "zzzqqqxxx") == []
    assert "ไม่พบ" in page.locator("[data-webpub-search-status]").first.inner_text()


def test_search_page_answers_the_q_parameter(sample_site, watched):
    page = watched.page
    page.goto(f"{sample_site}search/?q={quote('สัมปทาน')}")
    page.wait_for_selector(RESULT_LINKS, timeout=15_000)
    hrefs = page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")
    assert urlparse(hrefs[0]).path == "/oia/s9-6-concessions/"


def test_phone_layout(sample_site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(sample_site)
    box = page.get_by_role("search").first.get_by_role("searchbox")
    assert box.is_visible()
    box.fill("ทะเบียนบ้าน")
    box.press("Enter")
    page.wait_for_selector(RESULT_LINKS, timeout=15_000)
    panel = page.locator("[data-webpub-search-panel]").first.bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= 360
    context.close()


def test_browser_and_python_normalise_and_hash_alike(sample_site, watched):
    page = watched.page
    page.goto(sample_site)
    samples = ["สำนักงาน ก.พ.ร. ๒๕๖๙", "ITA ทํางาน", "ข้อ\u200bมูล", "e\u0301", "ส.ข.ร.1", "ฯลฯ ๆ"]
    assert page.evaluate("xs => xs.map(webpubSearch.normalise)", samples) == [normalise(s) for s in samples]
    words = ["ข้อมูล", "ita", "ผู้ยื่นคำขอ คำขอ", "๑"]
    assert page.evaluate("xs => xs.map(webpubSearch.fnv1a)", words) == [fnv1a(w) for w in words]


def test_works_with_material_instant_loading(tmp_path, serve, watched):
    port = free_port()
    base = serve(build_sample_site(tmp_path / "repo", instant_at=f"http://127.0.0.1:{port}/"), port)
    page = watched.page
    page.goto(base)
    page.wait_for_function("() => typeof window.document$ !== 'undefined'")
    page.evaluate("window.__samePage = true")
    top = search_box(page, "ผูกขาดตัดตอน")
    assert top[0] == "oia/s9-6-concessions/"
    page.locator(RESULT_LINKS).first.click()
    page.wait_for_url("**/oia/s9-6-concessions/")
    assert page.evaluate("window.__samePage") is True  # instant loading swapped the page
    assert search_box(page, "คุกกี้")[0] == "about/privacy-policy/"


def test_untrusted_text_is_shown_not_run(tmp_path, serve, watched):
    site = tmp_path / "site"
    shutil.copytree(PROJECT / "overrides" / "assets" / "webpub-search", site / "assets" / "webpub-search")
    evil = '<img src=x onerror="window.__owned=1">'
    write_index(site, [SearchDoc("x/", f"ประกาศ {evil}", f"<p>ข้อความทดสอบ {evil.replace('<', '&lt;')}</p>")],
                root=PROJECT)
    page = watched.page
    page.goto(f"{serve(site)}search/?q={quote('ประกาศ')}")
    page.wait_for_selector(RESULT_LINKS, timeout=15_000)
    assert evil in page.locator(RESULT_LINKS).first.inner_text()
    assert page.locator("[data-webpub-search-results] img").count() == 0
    assert page.evaluate("window.__owned") is None


def test_more_results_button_appends_the_next_page(sample_site, watched):
    page = watched.page
    page.goto(sample_site)
    first = search_box(page, "สำนักงาน")
    assert len(first) == 10
    more = page.locator("[data-webpub-search-more]").first
    assert more.is_visible()
    more.click()
    playwright_api.expect(page.locator(RESULT_LINKS)).to_have_count(20, timeout=15_000)
    hrefs = page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")
    assert len(set(hrefs)) == 20


def test_missing_index_is_reported_in_thai(tmp_path, serve, browser):
    site = tmp_path / "site"
    shutil.copytree(PROJECT / "overrides" / "assets" / "webpub-search", site / "assets" / "webpub-search")
    write_index(site, [SearchDoc("x/", "หน้า", "<p>ข้อความ</p>")], root=PROJECT)
    shutil.rmtree(site / "search-index")
    page = browser.new_page()
    page.goto(f"{serve(site)}search/?q={quote('ข้อความ')}")
    status = page.locator("[data-webpub-search-status]")
    playwright_api.expect(status).to_contain_text("ขัดข้อง", timeout=15_000)
    page.close()


# -- what people type (issue 13 item 4): Latin terms with or without hyphen or space, any case;
# abbreviations with or without dots; Thai and Arabic digits interchangeably. The real indexer
# writes the index, the real search.js answers in Chromium.
TYPED = [
    SearchDoc("eservice/", "ระบบ e-Service ของสำนักงาน", "<p>ยื่นคำขอผ่านระบบ e-Service ได้ตลอด 24 ชั่วโมง</p>"),
    SearchDoc("opdc/", "ประกาศ ก.พ.ร. ปี ๒๕๖๙", "<p>สำนักงาน ก.พ.ร. ประกาศผลรางวัลเลิศรัฐ ประจำปี ๒๕๖๙</p>"),
    SearchDoc("arabic/", "รายงานประจำปี 2568", "<p>สรุปผลการดำเนินงานปีงบประมาณ 2568 ของ สขร.</p>"),
    SearchDoc("other/", "หน้าอื่น", "<p>ข้อความทั่วไปที่ไม่เกี่ยวข้องกับคำค้น</p>"),
]
TYPED_QUERIES = [
    ("e-Service", "eservice/"), ("eservice", "eservice/"), ("e service", "eservice/"), ("E-SERVICE", "eservice/"),
    ("EService", "eservice/"), ("E Service", "eservice/"),
    ("ก.พ.ร.", "opdc/"), ("กพร", "opdc/"), ("ก.พ.ร", "opdc/"),
    ("สขร", "arabic/"), ("ส.ข.ร.", "arabic/"),
    ("2569", "opdc/"), ("๒๕๖๙", "opdc/"), ("2568", "arabic/"), ("๒๕๖๘", "arabic/"),
]


@pytest.fixture(scope="module")
def typed_site(tmp_path_factory, serve) -> str:
    site = tmp_path_factory.mktemp("typed") / "site"
    shutil.copytree(PROJECT / "overrides" / "assets" / "webpub-search", site / "assets" / "webpub-search")
    write_index(site, TYPED, root=PROJECT)
    return serve(site)


@pytest.mark.parametrize("query, expected", TYPED_QUERIES)
def test_search_finds_what_people_type(typed_site, browser, query, expected):
    page = browser.new_page()
    page.goto(f"{typed_site}search/?q={quote(query)}")
    status = page.locator("[data-webpub-search-status]")
    playwright_api.expect(status).to_contain_text("พบ", timeout=15_000)
    hrefs = [urlparse(h).path.strip("/") + "/" for h in
             page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")]
    page.close()
    assert hrefs[:1] == [expected], (query, hrefs)


def test_sample_site_finds_e_bidding_however_it_is_typed(sample_site, watched):
    page = watched.page
    page.goto(sample_site)
    for query in ("e-bidding", "ebidding", "e bidding", "E-Bidding", "EBIDDING"):
        assert "news/2026-11-10-procurement-notice-cloud-service/" in search_box(page, query)[:5], query
