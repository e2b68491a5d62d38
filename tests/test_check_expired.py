"""WP013: an expired item is an error; up through the whole expiry day in Asia/Bangkok."""

from __future__ import annotations

import datetime as dt
import json

from conftest import run_cli, write
from content_helpers import BASE_FIELDS, assert_one, check, check_page, hits, page, replace_field

from webpub.context import Context
from webpub.content.page import load_page
from webpub.publish import decide
from webpub.repo import Repo

RULE = "WP013"
NEWS = replace_field(replace_field(BASE_FIELDS, "category", 'category: "3.1"'), "topic", "topic: general")


def news(extra: str = "", published: str = "2026-01-10") -> str:
    fields = replace_field(NEWS, "published", f"published: {published}")
    return page(fields + ("\n" + extra if extra else ""))


def test_last_day_is_still_up(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, news("expires: 2026-11-26"), rel="content/news/a.md")
    assert not hits(report, RULE)


def test_next_day_is_expired(tmp_repo, capsys):
    code, report = check_page(capsys, tmp_repo, news("expires: 2026-11-25"), rel="content/news/a.md")
    finding = assert_one(report, RULE, line=9, path="content/news/a.md", severity="error")
    assert "25 พฤศจิกายน 2569" in finding["message"] and "webpub expire --apply" in finding["hint"]
    assert code == 1


def test_default_period_from_category(tmp_repo, capsys):
    # 3.1 keeps news for 365 days: published 2025-11-25 -> up through 2026-11-25
    _, report = check_page(capsys, tmp_repo, news(published="2025-11-25"), rel="content/news/a.md")
    finding = assert_one(report, RULE, line=8, path="content/news/a.md")
    assert "published" in finding["message"]


def test_topic_period_until_field(tmp_repo, capsys):
    fields = replace_field(NEWS, "topic", "topic: calendar") + "\nevent_date: 2026-11-20"
    _, report = check_page(capsys, tmp_repo, page(fields), rel="content/news/a.md")
    assert_one(report, RULE, line=9, path="content/news/a.md")


def test_withdrawn_item_is_not_reported(tmp_repo, capsys):
    extra = "expires: 2026-01-31\nwithdrawn:\n  on: 2026-02-01\n  reason: หมดระยะเวลาเผยแพร่"
    _, report = check_page(capsys, tmp_repo, news(extra), rel="content/news/a.md")
    assert not hits(report, RULE)


def test_agrees_with_the_publish_decision(tmp_repo, capsys):
    paths = ("content/news/a.md", "content/news/b.md")
    write(tmp_repo, paths[0], news("expires: 2026-11-25"))
    write(tmp_repo, paths[1], news("expires: 2026-11-26"))
    repo = Repo.discover()
    ctx = Context(repo=repo, today=dt.date(2026, 11, 26))
    expired = {rel for rel in paths
               if decide(load_page(rel, tmp_repo / rel, (tmp_repo / rel).read_bytes(), 65536), ctx).expired}
    _, report = check(capsys, tmp_repo, today="2026-11-26")
    assert {f["path"] for f in hits(report, RULE)} == expired == {"content/news/a.md"}


def test_agrees_with_webpub_expire(tmp_repo, capsys):
    write(tmp_repo, "content/news/a.md", news("expires: 2026-11-25"))
    write(tmp_repo, "content/news/b.md", news("expires: 2026-11-26"))
    write(tmp_repo, "content/news/c.md", news(published="2025-11-25"))
    write(tmp_repo, "content/news/d.md", news("expires: 2027-06-01"))
    code, out, err = run_cli(capsys, "expire", "--format", "json", "--today", "2026-11-26")
    assert code in (0, 1), err
    listing = json.loads(out)
    _, report = check(capsys, tmp_repo, today="2026-11-26")
    assert {f["path"] for f in hits(report, RULE)} == {i["path"] for i in listing["expired"]}
    assert {f["path"] for f in hits(report, "WP014")} == {i["path"] for i in listing["expiring"]}
