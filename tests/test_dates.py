"""One date rule everywhere (``webpub.dates``) and one "expiring soon" window (``schema/rules.yml``).

A date ``webpub check`` refuses (WP006) is never read as a valid date by the publish
decision, ``expire``, ``report``, ``remind`` or the site model; an item holding one is
not publishable and is listed for attention. Every ``--today`` refuses a B.E. year
with WP006's own words.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import run_cli, write
from content_helpers import check, hits

from webpub.context import Context
from webpub.dates import date_problem, parse_iso_date, today_bangkok
from webpub.monitor.items import load_item
from webpub.content.page import load_page
from webpub.publish import decide
from webpub.repo import Repo
from webpub.site.model import build_model

TODAY = "2026-11-26"
CORPUS = ["2026-11-26", "2568-01-31", "2026-02-30", "2026-13-01", "2026-11-26T10:00", "2026-11-26 10:00",
          "๒๕๖๙-๐๑-๓๑", "26/11/2026", "2026-1-5", " 2026-11-26", "1899-12-31", "2201-01-01", "2024-02-29",
          "26 พฤศจิกายน 2569", "", "tomorrow"]


@pytest.mark.parametrize("text", CORPUS)
def test_parser_reads_exactly_what_wp006_accepts(text):
    assert (parse_iso_date(text) is not None) == (date_problem(text) is None)


def test_no_date_object_outside_the_gregorian_range_and_no_datetime():
    assert parse_iso_date(dt.date(2568, 1, 31)) is None
    assert parse_iso_date(dt.datetime(2026, 1, 1, 10, 0)) is None
    assert parse_iso_date(dt.date(2026, 1, 31)) == dt.date(2026, 1, 31)


def news(expires: str, published: str = "2026-01-10") -> str:
    return (f"---\ntitle: ข่าวที่วันที่ผิด\ncategory: \"3.1\"\ntopic: general\nowner:\n  division: strategy\n"
            f"  officer: somchai.j\npublished: {published}\nexpires: {expires}\n---\n\n## ข่าว\n\nเนื้อหา\n")


def test_buddhist_era_expiry_is_never_read_and_fails_closed(tmp_repo, capsys):
    rel = "content/news/be.md"
    write(tmp_repo, rel, news("2568-01-31"))
    _, report = check(capsys, tmp_repo, today=TODAY)
    assert hits(report, "WP006")  # check refuses it ...
    repo = Repo(tmp_repo)
    page = load_page(rel, tmp_repo / rel, (tmp_repo / rel).read_bytes(), 65536)
    decision = decide(page, Context(repo=repo, today=dt.date(2026, 11, 26)))
    assert not decision.publishable and not decision.notice  # ... and so does the publish decision
    assert any("expires" in r and "ไม่ถูกต้อง" in r for r in decision.reasons)
    item = load_item(repo, rel)
    assert item.expiry is None and item.bad_dates == ("expires",)  # not year 2568
    model = build_model(repo, dt.date(2026, 11, 26), "preview")
    assert model.items[0].expires is None

    code, out, _ = run_cli(capsys, "expire", "--format", "json", "--today", TODAY)
    data = json.loads(out)
    assert data["expired"] == [] and data["expiring"] == []
    assert [(i["path"], i["fields"]) for i in data["bad_dates"]] == [(rel, ["expires"])]
    code, out, _ = run_cli(capsys, "expire", "--today", TODAY)
    assert "วันที่ไม่ถูกต้อง" in out and rel in out

    code, out, _ = run_cli(capsys, "report", "--format", "json", "--today", TODAY)
    report_data = json.loads(out)
    assert report_data["bad_dates"] == [{"path": rel, "fields": ["expires"]}]
    assert all(rel not in entry["paths"] for entry in report_data["entries"])  # never counted as present

    code, out, _ = run_cli(capsys, "remind", "--format", "json", "--today", TODAY)
    actions = [i for m in json.loads(out)["messages"] for i in m["items"] if i["path"] == rel]
    assert len(actions) == 1 and "ไม่ถูกต้อง" in actions[0]["action"]


@pytest.mark.parametrize("bad", ["2026-02-30", "2026-11-26T08:00"])
def test_impossible_dates_and_datetimes_fail_closed_too(tmp_repo, bad):
    rel = "content/news/bad.md"
    write(tmp_repo, rel, news(bad))
    page = load_page(rel, tmp_repo / rel, (tmp_repo / rel).read_bytes(), 65536)
    assert not decide(page, Context(repo=Repo(tmp_repo), today=dt.date(2026, 11, 26))).publishable
    assert load_item(Repo(tmp_repo), rel).bad_dates == ("expires",)


@pytest.mark.parametrize("command", ["check", "build", "expire", "report", "remind", "new", "form"])
def test_every_today_option_refuses_a_buddhist_era_year_with_wp006_words(tmp_repo, capsys, command):
    with pytest.raises(SystemExit) as exit_info:
        run_cli(capsys, command, "--today", "2569-11-26")
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert "ปี 2569 เป็นปี พ.ศ." in err and "2026-11-26" in err
    assert date_problem("2569-11-26")[0] in err


def test_today_is_bangkok_across_the_utc_boundary():
    assert today_bangkok(dt.datetime(2026, 12, 1, 16, 59, tzinfo=dt.timezone.utc)) == dt.date(2026, 12, 1)
    assert today_bangkok(dt.datetime(2026, 12, 1, 17, 30, tzinfo=dt.timezone.utc)) == dt.date(2026, 12, 2)


# -- one window -------------------------------------------------------------------
def test_one_window_in_schema_drives_check_expire_report_and_remind(tmp_repo, capsys):
    """An item ending in 20 days: outside the shipped 14-day window, inside a 30-day one."""
    rel = "content/news/soon.md"
    write(tmp_repo, rel, news("2026-12-16", published="2026-11-01"))

    def seen() -> dict:
        _, report = check(capsys, tmp_repo, today=TODAY)
        _, out, _ = run_cli(capsys, "expire", "--format", "json", "--today", TODAY)
        expiring = [i["path"] for i in json.loads(out)["expiring"]]
        _, out, _ = run_cli(capsys, "remind", "--format", "json", "--today", TODAY)
        reminded = [i["path"] for m in json.loads(out)["messages"] for i in m["items"]]
        from webpub.monitor.report import Site

        return {"check": bool(hits(report, "WP014")), "expire": rel in expiring, "remind": rel in reminded,
                "report": Site.load(Repo(tmp_repo), dt.date(2026, 11, 26)).within}

    assert seen() == {"check": False, "expire": False, "remind": False, "report": 14}
    rules = tmp_repo / "schema" / "rules.yml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("expiring_soon_days: 14", "expiring_soon_days: 30"),
                     encoding="utf-8")
    assert seen() == {"check": True, "expire": True, "remind": True, "report": 30}


def test_the_window_is_in_one_place_only():
    from conftest import PROJECT

    obligations = (PROJECT / "schema/obligations.yml").read_text(encoding="utf-8")
    rules = (PROJECT / "schema/rules.yml").read_text(encoding="utf-8")
    assert "reminder_days:" not in obligations and "days: 14}" not in rules
    assert rules.count("expiring_soon_days: ") == 1
    meta = json.loads((PROJECT / "schema/meta/rules.schema.json").read_text(encoding="utf-8"))
    assert "expiring_soon_days" in meta["required"]
