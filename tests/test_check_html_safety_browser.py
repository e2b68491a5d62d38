"""WP025 against a real browser: what headless Chromium executes, the rule refuses.

Every hostile and benign body of the table test is rendered with the site's own
Markdown extensions and opened in Debian's Chromium with scripts on. A variant
"runs" when it opens a dialog (alert/msgbox) or makes the page contact another
host. The rule must refuse every variant that runs, and the benign pages must not
run anything. At least 20 variants really run, so the table is not toothless.
"""

from __future__ import annotations

import pytest

from conftest import PROJECT
from test_check_html_safety import BENIGN, HOSTILE

from conftest import CHROMIUM, CHROMIUM_ARGS as ARGS
ORIGIN = "http://site.test/"
EXERCISE = """() => {
  for (const el of document.querySelectorAll('*')) {
    el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
  }
  // click what could run script, but never follow an ordinary link away from the page
  for (const el of document.querySelectorAll('a, button, input, [onclick]')) {
    if (el.tagName !== 'A' || el.protocol === 'javascript:' || el.hasAttribute('onclick')) { el.click(); }
  }
}"""


class Sandbox:
    """One Chromium tab that serves a body at ORIGIN and records what it does by
    itself: dialogs at any time, requests to other hosts before it is clicked."""

    def __init__(self, browser):
        self.page = browser.new_page()
        self.html = ""
        self.events: list[str] = []
        self.clicking = False
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)

    def _dialog(self, dialog):
        self.events.append(f"dialog {dialog.message}")
        dialog.dismiss()

    def _route(self, request_route):
        url = request_route.request.url
        if url == ORIGIN:
            request_route.fulfill(status=200, content_type="text/html; charset=utf-8",
                                  body="<!doctype html><meta charset=utf-8><body>" + self.html)
            return
        if not url.startswith(ORIGIN) and not self.clicking:
            self.events.append(f"request {url}")
        request_route.abort()

    def run(self, html: str) -> list[str]:
        self.html, self.events, self.clicking = html, [], False
        self._load()
        self.page.wait_for_timeout(60)  # let onerror/ontoggle/meta refresh fire; not a speed assertion
        self.clicking = True
        try:
            self.page.evaluate(EXERCISE)
            self.page.wait_for_timeout(40)
        except Exception:  # the page navigated away while being exercised
            pass
        return self.events

    def _load(self):
        """Open ORIGIN, waiting out navigations a previous page's clicks left behind."""
        for attempt in range(5):
            try:
                self.page.goto(ORIGIN)
                return
            except Exception:
                if attempt == 4:
                    raise
                self.page.wait_for_timeout(50)


@pytest.fixture(scope="module")
def sandbox():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        chromium = play.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield Sandbox(chromium)
        chromium.close()


def safety_findings(body: str) -> list:
    from webpub.checks import html_safety
    from webpub.context import Context
    from webpub.dates import today_bangkok
    from webpub.content.page import load_page
    from webpub.repo import Repo
    from pagekit import page_text

    raw = page_text(body + "\n").encode()
    page = load_page("content/about/page.md", PROJECT / "content/about/page.md", raw, 65536)
    ctx = Context(repo=Repo(PROJECT), today=today_bangkok())
    return list(html_safety.check(page, ctx)), ctx.html(page)


def test_everything_chromium_runs_is_refused(sandbox):
    ran = 0
    for snippet in HOSTILE:
        findings, html = safety_findings(snippet)
        if sandbox.run(html):
            ran += 1
            assert findings, f"Chromium runs this but WP025 let it through: {snippet!r}"
    assert ran >= 20, f"only {ran} hostile variants really ran in Chromium"


def test_benign_pages_run_nothing_and_pass(sandbox):
    for body in BENIGN:
        findings, html = safety_findings(body)
        assert sandbox.run(html) == [], body
        assert findings == [], body
