"""Publishing that survives time: the shipped sample builds in publish mode on every day
for two years, with no broken internal link, and items leave and arrive on their day.

Cost: a publish build of the sample takes a few seconds, so instead of 730 builds the
engine names the days on which any publish decision changes (``decision_days``: an
embargo lifts, an item goes down the day after its expiry); the site is built and
crawled on each of those days and on the first day, and a model-level test proves
that every decision is the same on every day between two of them.
(Measured on 2 cores with -n 2: about 40 s for this file.)
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import PROJECT, copy_project, git, run_cli

from webpub.context import Context
from webpub.publish import decide, decision_days
from webpub.repo import Repo
from webpub.site.model import attachment_srcs, content_pages, _load, src_to_url

FIRST_DAY = dt.date(2026, 11, 30)
LAST_DAY = FIRST_DAY + dt.timedelta(days=2 * 366)


def sample_pages(repo: Repo) -> dict:
    return {src: _load(repo, src) for src in content_pages(repo)}


def change_days(repo: Repo) -> list[dt.date]:
    days = set()
    for page in sample_pages(repo).values():
        days |= decision_days(page, repo)
    return sorted(d for d in days if FIRST_DAY < d <= LAST_DAY)


BUILD_DAYS = [FIRST_DAY] + change_days(Repo(PROJECT))


def test_the_sample_changes_on_some_days_within_two_years():
    assert len(BUILD_DAYS) > 5  # the sweep below is not empty by accident


def test_decisions_are_constant_between_change_days():
    """Every day for two years: the publish decisions equal those of the last change day."""
    repo = Repo(PROJECT)
    pages = sample_pages(repo)  # one parse: each page keeps its verified approval trail

    def snapshot(day):
        ctx = Context(repo=repo, today=day)
        return {src: _key(decide(page, ctx)) for src, page in pages.items()}

    change = set(BUILD_DAYS)
    expected = snapshot(FIRST_DAY)
    day, moved = FIRST_DAY, 0
    while day <= LAST_DAY:
        now = snapshot(day)
        if day in change:
            moved += now != expected
            expected = now
        assert now == expected, f"decisions changed on {day}, which decision_days does not name"
        day += dt.timedelta(days=1)
    assert moved > 3  # the change days are real changes


def _key(decision) -> tuple:
    return (decision.publishable, decision.notice, decision.expired, decision.embargoed, decision.withdrawn)


# -- building and crawling on each change day ------------------------------------------
@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    repo = copy_project(tmp_path_factory.mktemp("sample") / "repo", with_content=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "sample")
    return repo


_LINK = re.compile(r"""<(?:a|link|img|script|source|iframe)\b[^>]*?\s(?:href|src)\s*=\s*"([^"]*)\"""", re.I)


def crawl(site: Path) -> list[str]:
    """Every internal link and asset of every built page that does not resolve to a file."""
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    broken = []
    for rel in sorted(f for f in files if f.endswith(".html")):
        html = (site / rel).read_text(encoding="utf-8", errors="replace")
        for url in _LINK.findall(html):
            url = url.replace("&amp;", "&")
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path or url.startswith(("#", "/")):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
            if target not in files and posixpath.join(target, "index.html").lstrip("./") not in files:
                broken.append(f"{rel}: {url}")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for loc in re.findall(r"<loc>https://[^/]+/([^<]*)</loc>", sitemap):
        if posixpath.join(unquote(loc), "index.html").lstrip("/") not in files:
            broken.append(f"sitemap.xml: {loc}")
    return broken


@pytest.mark.parametrize("day", BUILD_DAYS, ids=[d.isoformat() for d in BUILD_DAYS])
def test_publish_build_on_each_change_day_has_no_broken_link(sample, day, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(sample)
    site = tmp_path / "site"
    code, out, err = run_cli(capsys, "build", "--mode", "publish", "--today", day.isoformat(),
                             "--site-dir", str(site), "--jobs", "1")
    assert code == 0, out + err
    assert crawl(site) == []
    repo = Repo(sample)
    ctx = Context(repo=repo, today=day)
    for src, page in sample_pages(repo).items():
        decision = decide(page, ctx)
        item_dir = site / src_to_url(src)
        if decision.publishable:
            assert (item_dir / "index.html").is_file(), src
            continue
        attachments = [a for a in attachment_srcs(_Item(src, page)) if a not in _shown_attachments(repo, ctx)]
        assert not any((site / a).exists() for a in attachments), src
        if decision.notice:
            html = (item_dir / "index.html").read_text(encoding="utf-8")
            assert "webpub-notice" in html and "นำลงจากเว็บไซต์แล้ว" in html, src
            assert '<meta name="robots" content="noindex">' in html
            assert "webpub-attachments" not in html and "webpub-meta" not in html
            for line in _body_lines(page):
                assert line not in html, (src, line)
        else:
            assert not item_dir.exists(), src


def _body_lines(page) -> list[str]:
    """Plain sentences of the body (a body leaking onto the notice would show them)."""
    title = str(page.get("title") or "")
    lines = [line.strip() for line in (page.body or "").splitlines()]
    lines = [line[-40:] for line in lines if len(line) > 60 and line[0] not in "#-|!*>[<0123456789"]
    return [line for line in lines if line not in title][:5]


class _Item:
    def __init__(self, src, page):
        self.src, self.page = src, page


_SHOWN: dict = {}


def _shown_attachments(repo, ctx) -> set:
    key = (str(repo.root), ctx.today)
    if key not in _SHOWN:
        _SHOWN[key] = {a for src, page in sample_pages(repo).items() if decide(page, ctx).publishable
                       for a in attachment_srcs(_Item(src, page))}
    return _SHOWN[key]


def test_sample_before_the_fix_would_have_failed(sample):
    """The control: the sample really has live pages linking to items that expire in the sweep."""
    faq = (sample / "content/faq/general.md").read_text(encoding="utf-8")
    assert "2026-11-18-job-opening-computer-officer.md" in faq
    repo = Repo(sample)
    job = _load(repo, "news/2026-11-18-job-opening-computer-officer.md")
    assert dt.date(2026, 12, 16) in decision_days(job, repo) and dt.date(2026, 12, 16) in BUILD_DAYS
