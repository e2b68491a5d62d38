"""Publication periods on Bangkok dates: expiry, currency, and the state of one item."""

from __future__ import annotations

import datetime as dt

from conftest import write

from webpub.dates import today_bangkok
from webpub.monitor.items import load_item, page_url
from webpub.monitor.periods import item_state, is_live
from webpub.repo import Repo

WITHIN = 14  # expiring_soon_days in the shipped schema/rules.yml


def page(category: str, **fields) -> str:
    lines = ["---", "title: รายการทดสอบ", f'category: "{category}"',
             "owner:", "  division: secretariat", "  officer: jintana.k"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n---\n\nเนื้อหา\n"


def item(repo_path, rel: str, text: str):
    write(repo_path, rel, text)
    return load_item(Repo(repo_path), rel)


def test_expires_day_is_still_up_and_next_bangkok_day_is_down(tmp_repo):
    news = item(tmp_repo, "content/news/a.md", page("3.1", topic="general", published="2026-01-01", expires="2026-11-26"))
    assert item_state(news, dt.date(2026, 11, 26), WITHIN) == "expiring"
    assert is_live(news, dt.date(2026, 11, 26))
    assert item_state(news, dt.date(2026, 11, 27), WITHIN) == "expired"
    assert not is_live(news, dt.date(2026, 11, 27))


def test_bangkok_midnight_is_17_utc(tmp_repo):
    news = item(tmp_repo, "content/news/a.md", page("3.1", published="2026-01-01", expires="2026-11-26"))
    before = today_bangkok(dt.datetime(2026, 11, 26, 16, 59, 59, tzinfo=dt.timezone.utc))
    after = today_bangkok(dt.datetime(2026, 11, 26, 17, 0, 0, tzinfo=dt.timezone.utc))
    assert (before, after) == (dt.date(2026, 11, 26), dt.date(2026, 11, 27))
    assert item_state(news, before, WITHIN) != "expired"
    assert item_state(news, after, WITHIN) == "expired"


def test_default_period_of_category_applies_without_expires(tmp_repo):
    news = item(tmp_repo, "content/news/a.md", page("3.1", topic="general", published="2025-01-01"))
    assert news.expiry == dt.date(2026, 1, 1)  # 3.1: default_period_days 365
    assert item_state(news, dt.date(2026, 1, 1), WITHIN) == "expiring"
    assert item_state(news, dt.date(2026, 1, 2), WITHIN) == "expired"


def test_topic_period_until_closing_date(tmp_repo):
    job = item(tmp_repo, "content/news/job.md",
               page("3.1", topic="job-opening", published="2026-11-01", closing_date="2026-12-10"))
    assert job.expiry == dt.date(2026, 12, 10)
    assert item_state(job, dt.date(2026, 11, 20), WITHIN) == "ok"
    assert item_state(job, dt.date(2026, 11, 26), WITHIN) == "expiring"


def test_review_by_makes_standing_page_stale_the_day_after(tmp_repo):
    about = item(tmp_repo, "content/about/h.md", page("1.1", topic="history", published="2026-01-01", review_by="2026-11-26"))
    assert item_state(about, dt.date(2026, 11, 26), WITHIN) == "ok"
    assert item_state(about, dt.date(2026, 11, 27), WITHIN) == "stale"
    assert is_live(about, dt.date(2026, 11, 27))  # stale is still on the site


def test_review_date_defaults_to_last_change_plus_review_days(tmp_repo):
    about = item(tmp_repo, "content/about/h.md", page("1.1", published="2024-01-15", updated="2026-03-01"))
    assert about.review_by == dt.date(2027, 3, 1)  # 1.1: review_days 365 after `updated`


def test_withdrawn_and_unreadable_items(tmp_repo):
    gone = item(tmp_repo, "content/news/w.md",
                page("3.1", published="2026-01-01").replace("---\n\n", "withdrawn:\n  on: 2026-02-01\n  reason: x\n---\n\n"))
    assert item_state(gone, dt.date(2026, 2, 2), WITHIN) == "withdrawn"
    broken = item(tmp_repo, "content/news/b.md", "---\ntitle: [unclosed\n---\n")
    assert item_state(broken, dt.date(2026, 2, 2), WITHIN) == "unreadable"
    assert not is_live(broken, dt.date(2026, 2, 2))


def test_page_url_follows_mkdocs_directory_urls():
    assert page_url("content/about/history.md", "https://www.opdc.go.th/") == "https://www.opdc.go.th/about/history/"
    assert page_url("content/oia/index.md", "https://x.go.th") == "https://x.go.th/oia/"
    assert page_url("content/about/history.md", "", directory_urls=False) == "about/history.html"
