"""The checklist and the recurring obligations (``schema/obligations.yml``).

Recurring obligations are the guideline's "ระยะเวลาในการส่งข้อมูล": an item of a
category/topic must appear for every period (month, fiscal year, first half of a
fiscal year) by a due date computed from the period. The data says which
category/topic satisfies each obligation and its due rule; this module only
turns periods into dates (Asia/Bangkok, fiscal year 1 October - 30 September).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from webpub.dates import BE_OFFSET, fiscal_year_be, parse_iso_date
from webpub.core.results import UsageError
from webpub.messages import t
from webpub.content.item import Item
from webpub.repo import Repo

FILE = "obligations.yml"
FREQUENCIES = ("monthly", "fiscal_year", "fiscal_half")
KEYS = ("period", "fiscal_year")


@dataclass(frozen=True)
class Period:
    label: str  # the suffix of the entry id: 2026-10, 2570, 2570-H1
    start: dt.date
    end: dt.date
    fiscal_year: int  # B.E.
    month: str | None = None  # YYYY-MM for monthly periods


@dataclass(frozen=True)
class Occurrence:
    """One period of one obligation, with its dates."""

    obligation: dict
    period: Period
    opens: dt.date
    due: dt.date

    @property
    def id(self) -> str:
        return f"{self.obligation['id']}/{self.period.label}"


GENERATED = ("sitemap", "share")  # what the site build always makes (report.generated_*)


def checklist_ids(repo: Repo) -> list[str]:
    """Every category, topic and sub-item of schema/categories.yml as a report entry id."""
    ids = []
    for cid, category in repo.categories.items():
        ids.append(cid)
        ids.extend(f"{cid}/{topic['id']}" for topic in category.get("topics") or [])
    return ids


def check_checklist(standard: list, repo: Repo) -> list[str]:
    """The checklist names every category and topic once, each under its own id."""
    problems = []
    listed = [str(entry.get("id")) for entry in standard if isinstance(entry, dict)]
    for entry in standard:
        if not isinstance(entry, dict):
            continue
        expected = str(entry.get("category")) + (f"/{entry['topic']}" if entry.get("topic") else "")
        if str(entry.get("id")) != expected:
            problems.append(t("monitor.checklist_id", id=entry.get("id"), expected=expected))
        if entry.get("generated") is not None and entry["generated"] not in GENERATED:
            problems.append(t("monitor.checklist_generated", id=entry.get("id"), allowed=", ".join(GENERATED)))
    left_out = [i for i in checklist_ids(repo) if i not in listed]
    if left_out:
        problems.append(t("monitor.checklist_left_out", ids=", ".join(left_out)))
    return problems


# -- loading ---------------------------------------------------------------
def load(repo: Repo) -> dict:
    data = repo.schema(FILE) or {}
    problems = validate(data, repo)
    if problems:
        raise UsageError(t("monitor.schema_invalid", file=FILE, problems="; ".join(problems)))
    return data


def validate(data: dict, repo: Repo) -> list[str]:
    """Human-readable problems in the data (empty when it is usable)."""
    problems = []
    if not isinstance(data, dict) or data.get("version") != 1:
        return [t("monitor.need_version")]
    since = (data.get("tracking") or {}).get("since")
    if since is not None and parse_iso_date(since) is None:
        problems.append(t("monitor.bad_since"))
    ids = [str(entry.get("id")) for entry in data.get("standard") or []]
    if len(ids) != len(set(ids)):
        problems.append(t("monitor.duplicate_standard"))
    for entry in data.get("standard") or []:
        where = t("monitor.where_standard", id=entry.get("id"))
        problems.extend(check_match(entry, repo, where))
        problems.extend(_check_division(entry.get("division"), repo, where))
    problems.extend(check_checklist(data.get("standard") or [], repo))
    seen = set()
    for ob in data.get("obligations") or []:
        where = t("monitor.where_obligation", id=ob.get("id"))
        if not ob.get("id") or ob["id"] in seen:
            problems.append(t("monitor.bad_id", where=where))
        seen.add(ob.get("id"))
        if ob.get("frequency") not in FREQUENCIES:
            problems.append(t("monitor.bad_frequency", where=where, allowed=", ".join(FREQUENCIES)))
        if ob.get("key") not in KEYS:
            problems.append(t("monitor.bad_key", where=where, allowed=", ".join(KEYS)))
        due = ob.get("due") or {}
        if due.get("from") not in ("start", "end") or not isinstance(due.get("months"), int):
            problems.append(t("monitor.bad_due", where=where))
        if not (due.get("day") == "last" or (isinstance(due.get("day"), int) and 1 <= due["day"] <= 31)):
            problems.append(t("monitor.bad_due_day", where=where))
        for match in ob.get("match") or [None]:
            problems.extend(check_match(match, repo, where))
        problems.extend(_check_division(ob.get("division"), repo, where))
    return problems


def _check_division(division, repo: Repo, where: str) -> list[str]:
    if division and division not in repo.divisions:
        return [t("monitor.unknown_division", where=where, division=division)]
    return []


def check_match(match, repo: Repo, where: str) -> list[str]:
    if not isinstance(match, dict) or match.get("category") not in repo.categories:
        return [t("monitor.need_category", where=where)]
    topic = match.get("topic")
    if topic and not repo.topic(match["category"], topic):
        return [t("monitor.unknown_topic", where=where, topic=topic, category=match["category"])]
    return []


# -- periods ---------------------------------------------------------------
def fiscal_year_start(fiscal_year: int) -> dt.date:
    return dt.date(fiscal_year - BE_OFFSET - 1, 10, 1)


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def periods_between(frequency: str, first: dt.date, last: dt.date):
    """Every period of ``frequency`` that starts on or before ``last``, from the one containing ``first``."""
    if frequency == "monthly":
        year, month = first.year, first.month
        while dt.date(year, month, 1) <= last:
            yield Period(f"{year:04d}-{month:02d}", dt.date(year, month, 1), month_end(year, month),
                         fiscal_year_be(dt.date(year, month, 1)), f"{year:04d}-{month:02d}")
            year, month = add_months(year, month, 1)
        return
    fiscal_year = fiscal_year_be(first)
    while fiscal_year_start(fiscal_year) <= last:
        start = fiscal_year_start(fiscal_year)
        if frequency == "fiscal_year":
            yield Period(str(fiscal_year), start, dt.date(start.year + 1, 9, 30), fiscal_year)
        else:
            yield Period(f"{fiscal_year}-H1", start, dt.date(start.year + 1, 3, 31), fiscal_year)
        fiscal_year += 1


def due_date(rule: dict, period: Period) -> dt.date:
    anchor = period.start if rule["from"] == "start" else period.end
    year, month = add_months(anchor.year, anchor.month, rule["months"])
    last_day = calendar.monthrange(year, month)[1]
    day = last_day if rule["day"] == "last" else min(rule["day"], last_day)
    return dt.date(year, month, day)


def opens_on(rule: dict, period: Period) -> dt.date:
    """The day the obligation for ``period`` starts to count: its start, or the day after it ends."""
    return period.start if rule["from"] == "start" else period.end + dt.timedelta(days=1)


def window_start(data: dict, today: dt.date, since: dt.date | None = None) -> dt.date:
    """The first day whose obligations the report lists."""
    if since:
        return since
    tracking = data.get("tracking") or {}
    lookback = int(tracking.get("lookback_fiscal_years", 1))
    start = fiscal_year_start(fiscal_year_be(today) - lookback)
    floor = tracking.get("since")
    if floor:
        start = max(start, parse_iso_date(str(floor)))
    return start


def occurrences(ob: dict, first: dt.date, today: dt.date) -> list[Occurrence]:
    """The periods of ``ob`` that opened between ``first`` and ``today``."""
    rule = ob["due"]
    earliest = first - dt.timedelta(days=400)  # an end-anchored period opens after it ends
    found = []
    for period in periods_between(ob["frequency"], earliest, today):
        opens = opens_on(rule, period)
        if first <= opens <= today:
            found.append(Occurrence(ob, period, opens, due_date(rule, period)))
    return found


def occurrences_in_fiscal_year(ob: dict, fiscal_year: int, today: dt.date) -> list[Occurrence]:
    """The periods of ``ob`` that belong to ``fiscal_year`` and have opened by ``today``."""
    start = fiscal_year_start(fiscal_year)
    end = dt.date(start.year + 1, 9, 30)
    rule = ob["due"]
    return [
        Occurrence(ob, period, opens_on(rule, period), due_date(rule, period))
        for period in periods_between(ob["frequency"], start, end)
        if period.fiscal_year == fiscal_year and opens_on(rule, period) <= today
    ]


# -- matching --------------------------------------------------------------
def matches_topic(item: Item, match: dict, repo: Repo) -> bool:
    """Same category, and the topic or a sub-topic of it (``parent``) when a topic is named."""
    if item.category_id != str(match["category"]):
        return False
    wanted = match.get("topic")
    if wanted and item.topic_id != wanted:
        if (item.topic or {}).get("parent") != wanted:
            return False
    tag = match.get("tag")
    return not tag or tag in item.tags


def satisfies(item: Item, occurrence: Occurrence, repo: Repo) -> bool:
    ob, period = occurrence.obligation, occurrence.period
    if not any(matches_topic(item, m, repo) for m in ob["match"]):
        return False
    if ob["key"] == "period":
        return item.period == period.month
    if item.fiscal_year != period.fiscal_year:
        return False
    month = ob.get("report_month")
    if month is None:
        return True
    if item.period is None:
        return bool(ob.get("report_month_optional"))
    return int(item.period[5:]) == int(month)
