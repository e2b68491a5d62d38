"""The sample site in a real browser: Debian's Chromium through Playwright, served on localhost.

Checks what a visitor gets: the pages load without console errors, nothing is
requested from any host but localhost, Sarabun is loaded from the site itself, a
draft is visible in preview and 404 in publish, and axe-core finds no serious or
critical accessibility violations.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import subprocess
import sys
import threading
from urllib.parse import urlsplit

import pytest
from conftest import copy_project, git, run_axe

from webpub.repo import Repo
from webpub.site.model import build_model

TODAY = "2026-11-26"
PAGES = {
    "home": "",
    "category": "about/",
    "item with attachments": "about/action-plan/",
    "OIA centre": "oia/",
    "open-data catalogue": "opendata/",
    "sitemap": "sitemap/",
}
DRAFT = "news/zz-browser-draft/"
DRAFT_PAGE = """---
title: ข่าวฉบับร่างสำหรับทดสอบเบราว์เซอร์
category: "3.1"
topic: general
owner:
  division: strategy
  officer: somchai.j
published: 2026-11-24
---

## รายละเอียด

ข่าวนี้ยังไม่ได้รับการอนุมัติ จึงต้องไม่ปรากฏบนเว็บไซต์จริง
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The sample site built in both modes, each served on its own localhost port."""
    repo = copy_project(tmp_path_factory.mktemp("browser") / "repo", with_content=True)
    (repo / "content" / "news" / "zz-browser-draft.md").write_text(DRAFT_PAGE, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    servers, urls = [], {}
    for mode in ("preview", "publish"):
        out = repo / f"site-{mode}"
        done = subprocess.run(
            [sys.executable, "-m", "webpub", "build", "--mode", mode, "--today", TODAY, "--site-dir", str(out)],
            cwd=repo, capture_output=True, text=True, env={**os.environ, "WEBPUB_DEBUG": ""},
        )
        assert done.returncode == 0, done.stdout + done.stderr
        handler = functools.partial(QuietHandler, directory=str(out))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[mode] = f"http://127.0.0.1:{server.server_port}/"
    urls["published"] = [i.url for i in build_model(Repo(repo), dt.date.fromisoformat(TODAY), "publish").shown]
    yield urls
    for server in servers:
        server.shutdown()


def visit(browser, url: str):
    """Open ``url``; returns the page, every requested URL and every console error."""
    page = browser.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, response, requests, errors


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_locally_with_thai_font_and_no_errors(sites, browser, name):
    page, response, requests, errors = visit(browser, sites["preview"] + PAGES[name])
    try:
        assert response.status == 200
        assert page.evaluate("document.documentElement.lang") == "th"
        hosts = {urlsplit(u).hostname for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")}
        assert hosts == {"127.0.0.1"}, hosts
        assert errors == []
        assert page.evaluate("document.fonts.ready.then(() => document.fonts.check('16px Sarabun', 'ภาษาไทย'))")
        loaded = page.evaluate(
            "[...document.fonts].filter(f => f.family.replace(/\"/g, '') === 'Sarabun' && f.status === 'loaded').length")
        assert loaded >= 1
        assert any("sarabun-thai" in u for u in requests)
        assert page.locator("a.webpub-skip").count() == 1
        assert page.locator("header input, header a").count() >= 1  # a search box (or its fallback) in the header
    finally:
        page.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_accessibility_violations(sites, browser, axe_js, name):
    page, _, _, _ = visit(browser, sites["preview"] + PAGES[name])
    try:
        assert run_axe(page, axe_js) == []
    finally:
        page.close()


def test_draft_is_visible_in_preview_and_404_in_publish(sites, browser):
    page, response, _, _ = visit(browser, sites["preview"] + DRAFT)
    try:
        assert response.status == 200
        assert "ฉบับร่าง" in page.locator(".webpub-banner").inner_text()
    finally:
        page.close()
    page, response, _, _ = visit(browser, sites["publish"] + DRAFT)
    try:
        assert response.status == 404
    finally:
        page.close()


def test_approved_sample_items_are_live_in_publish_without_banner(sites, browser):
    assert sites["published"], "the sample carries signed items"
    page, response, _, errors = visit(browser, sites["publish"] + sites["published"][0])
    try:
        assert response.status == 200 and errors == []
        assert page.locator(".webpub-banner").count() == 0
        assert page.locator(".webpub-approvals table").count() == 1
    finally:
        page.close()


def test_item_page_shows_buddhist_era_dates_and_attachment_sizes(sites, browser):
    page, _, _, _ = visit(browser, sites["preview"] + "about/action-plan/")
    try:
        meta = page.locator("dl.webpub-meta").inner_text()
        assert "วันที่เผยแพร่" in meta and "2569" in meta
        table = page.locator(".webpub-attachments table").inner_text()
        assert "PDF" in table and ("กิโลไบต์" in table or "เมกะไบต์" in table or "ไบต์" in table)
        crumbs = page.locator("nav.webpub-breadcrumbs").inner_text()
        assert "หน้าแรก" in crumbs and "ข้อมูลหน่วยงาน" in crumbs
    finally:
        page.close()
