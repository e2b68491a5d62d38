"""Recurring obligations as data: periods, due dates across month ends and fiscal years."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from conftest import PROJECT, run_cli, write

from webpub.core.results import UsageError
from webpub.monitor import obligations as obl
from webpub.monitor import ita
from webpub.monitor.items import load_item
from webpub.repo import Repo

MONTHLY = {"id": "m", "frequency": "monthly", "key": "period",
           "match": [{"category": "2.1", "topic": "s9-8-procurement-summary"}],
           "due": {"from": "end", "months": 1, "day": 15}}
PLAN = {"id": "p", "frequency": "fiscal_year", "key": "fiscal_year",
        "match": [{"category": "1.1", "topic": "action-plan"}],
        "due": {"from": "start", "months": 0, "day": 31}}


def test_shipped_obligations_and_ita_profiles_are_valid():
    repo = Repo(PROJECT)
    assert obl.validate(repo.schema("obligations.yml"), repo) == []
    years = ita.available_years(repo)
    assert 2567 in years
    for year in years:
        data = yaml.safe_load((PROJECT / "schema" / "ita" / f"{year}.yml").read_text(encoding="utf-8"))
        assert ita.validate_profile(data, repo, year) == []


def test_ita_2567_lists_o1_to_o43_once_each():
    data = yaml.safe_load((PROJECT / "schema" / "ita" / "2567.yml").read_text(encoding="utf-8"))
    assert [c["code"] for c in data["codes"]] == [f"O{n}" for n in range(1, 44)]


def test_bad_obligation_data_is_refused_in_thai(tmp_repo):
    text = (tmp_repo / "schema" / "obligations.yml").read_text(encoding="utf-8")
    write(tmp_repo, "schema/obligations.yml", text.replace("frequency: monthly", "frequency: weekly"))
    with pytest.raises(UsageError, match="frequency"):
        obl.load(Repo(tmp_repo))


def test_unknown_division_is_refused(tmp_repo):
    text = (tmp_repo / "schema" / "obligations.yml").read_text(encoding="utf-8")
    write(tmp_repo, "schema/obligations.yml", text.replace('topic: s9-1, division: legal', 'topic: s9-1, division: nowhere'))
    with pytest.raises(UsageError, match="nowhere"):
        obl.load(Repo(tmp_repo))


def test_a_topic_left_out_of_the_checklist_is_refused(tmp_repo):
    text = (tmp_repo / "schema" / "obligations.yml").read_text(encoding="utf-8")
    kept = "\n".join(line for line in text.splitlines() if 'id: "3.2/share"' not in line)
    write(tmp_repo, "schema/obligations.yml", kept + "\n")
    with pytest.raises(UsageError, match="3.2/share"):
        obl.load(Repo(tmp_repo))


def test_report_with_bad_data_exits_2_in_thai(tmp_repo, capsys):
    text = (tmp_repo / "schema" / "obligations.yml").read_text(encoding="utf-8")
    write(tmp_repo, "schema/obligations.yml", text.replace("topic: s9-8-procurement-summary", "topic: nope"))
    code, out, err = run_cli(capsys, "report", "--today", "2026-11-26")
    assert code == 2
    assert "schema/obligations.yml" in err and "nope" in err and "Traceback" not in err


def test_monthly_due_is_15th_of_next_month_and_year_wraps():
    periods = list(obl.periods_between("monthly", dt.date(2026, 11, 3), dt.date(2027, 1, 1)))
    assert [p.label for p in periods] == ["2026-11", "2026-12", "2027-01"]
    dec = periods[1]
    assert obl.due_date(MONTHLY["due"], dec) == dt.date(2027, 1, 15)
    assert obl.opens_on(MONTHLY["due"], dec) == dt.date(2027, 1, 1)


def test_due_day_is_clamped_to_month_length():
    rule = {"from": "end", "months": 1, "day": 31}
    jan = next(obl.periods_between("monthly", dt.date(2028, 1, 1), dt.date(2028, 1, 1)))
    assert obl.due_date(rule, jan) == dt.date(2028, 2, 29)  # leap year
    assert obl.due_date({"from": "end", "months": 0, "day": "last"}, jan) == dt.date(2028, 1, 31)


def test_fiscal_year_periods_cross_1_october():
    on_30_sep = list(obl.periods_between("fiscal_year", dt.date(2026, 9, 30), dt.date(2026, 9, 30)))
    on_1_oct = list(obl.periods_between("fiscal_year", dt.date(2026, 10, 1), dt.date(2026, 10, 1)))
    assert [p.label for p in on_30_sep] == ["2569"]
    assert on_30_sep[0].start == dt.date(2025, 10, 1) and on_30_sep[0].end == dt.date(2026, 9, 30)
    assert [p.label for p in on_1_oct] == ["2570"]
    half = next(obl.periods_between("fiscal_half", dt.date(2026, 10, 1), dt.date(2026, 10, 1)))
    assert (half.label, half.end) == ("2570-H1", dt.date(2027, 3, 31))


def test_occurrences_open_on_the_right_day():
    first = dt.date(2025, 10, 1)
    on_30_sep = [o.id for o in obl.occurrences(PLAN, first, dt.date(2026, 9, 30))]
    on_1_oct = [o.id for o in obl.occurrences(PLAN, first, dt.date(2026, 10, 1))]
    assert on_30_sep == ["p/2569"]
    assert on_1_oct == ["p/2569", "p/2570"]
    month_end = [o.id for o in obl.occurrences(MONTHLY, dt.date(2026, 10, 1), dt.date(2026, 11, 30))]
    next_day = [o.id for o in obl.occurrences(MONTHLY, dt.date(2026, 10, 1), dt.date(2026, 12, 1))]
    assert month_end == ["m/2026-09", "m/2026-10"]  # November is not over yet
    assert next_day == ["m/2026-09", "m/2026-10", "m/2026-11"]


def test_window_starts_at_previous_fiscal_year_unless_told():
    data = {"tracking": {"lookback_fiscal_years": 1}}
    assert obl.window_start(data, dt.date(2026, 9, 30)) == dt.date(2024, 10, 1)
    assert obl.window_start(data, dt.date(2026, 10, 1)) == dt.date(2025, 10, 1)
    floor = {"tracking": {"lookback_fiscal_years": 1, "since": "2026-01-01"}}
    assert obl.window_start(floor, dt.date(2026, 10, 1)) == dt.date(2026, 1, 1)
    assert obl.window_start(data, dt.date(2026, 10, 1), since=dt.date(2020, 1, 1)) == dt.date(2020, 1, 1)


def _item(tmp_repo, rel, category, topic, **fields):
    extra = "".join(f"{k}: {v}\n" for k, v in fields.items())
    write(tmp_repo, rel, f'---\ntitle: t\ncategory: "{category}"\ntopic: {topic}\nowner:\n'
                         f"  division: strategy\n  officer: somchai.j\n{extra}---\n\nx\n")
    return load_item(Repo(tmp_repo), rel)


def test_items_satisfy_only_their_own_period(tmp_repo):
    repo = Repo(tmp_repo)
    october = _item(tmp_repo, "content/oia/sk-10.md", "2.1", "s9-8-procurement-summary", period="2026-10")
    occ = {o.period.label: o for o in obl.occurrences(MONTHLY, dt.date(2026, 9, 1), dt.date(2026, 12, 1))}
    assert obl.satisfies(october, occ["2026-10"], repo)
    assert not obl.satisfies(october, occ["2026-09"], repo)
    plan = _item(tmp_repo, "content/about/plan.md", "1.1", "action-plan", fiscal_year="2570")
    plans = {o.period.label: o for o in obl.occurrences(PLAN, dt.date(2025, 10, 1), dt.date(2026, 10, 1))}
    assert obl.satisfies(plan, plans["2570"], repo)
    assert not obl.satisfies(plan, plans["2569"], repo)


def test_half_year_and_annual_reports_are_told_apart(tmp_repo):
    repo = Repo(tmp_repo)
    data = obl.load(repo)
    half_ob = next(o for o in data["obligations"] if o["id"] == "performance-half-year")
    year_ob = next(o for o in data["obligations"] if o["id"] == "performance-annual")
    half = _item(tmp_repo, "content/about/h.md", "1.1", "performance", period="2026-03")
    annual = _item(tmp_repo, "content/about/a.md", "1.1", "performance", fiscal_year="2569")
    (h1,) = obl.occurrences_in_fiscal_year(half_ob, 2569, dt.date(2026, 12, 1))
    (fy,) = obl.occurrences_in_fiscal_year(year_ob, 2569, dt.date(2026, 12, 1))
    assert obl.satisfies(half, h1, repo) and not obl.satisfies(half, fy, repo)
    assert obl.satisfies(annual, fy, repo) and not obl.satisfies(annual, h1, repo)
