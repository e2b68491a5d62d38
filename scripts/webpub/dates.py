"""Dates: every date rule runs in Asia/Bangkok; pages show Buddhist-era dates.

This module is the one place that says what a date in a file is
(``date_problem``/``parse_iso_date``: exactly what WP006 accepts, nothing else)
and when an item's period is over (``is_expired``), has not begun (``is_embargoed``)
or is about to end (``is_expiring``). The checks, the publish decision, the site
model, ``expire``, ``report`` and ``remind`` all ask here, so a date that
``webpub check`` refuses (a Buddhist-era year, an impossible day, a time) is never
read as a valid date anywhere else.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")
BE_OFFSET = 543
GREGORIAN_MIN, GREGORIAN_MAX = 1900, 2200
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")  # catalogue-exempt: recognises Thai digits people type
# [0-9], not \d: \d also matches Thai digits, which must be reported as such.
ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
ISO_UNPADDED = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
DAY_FIRST = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$")
WITH_TIME = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[T ][0-9]{1,2}:[0-9]{2}")
ERA = r"(?:พ\.ศ\.|ค\.ศ\.)"  # catalogue-exempt: recognises the era people type after a year


@lru_cache(maxsize=None)
def month_names(abbr: bool = False) -> tuple[str, ...]:
    """The twelve Thai month names (``มกราคม`` …, or ``ม.ค.`` …) from the catalogue."""
    from webpub.messages import t

    return tuple(t(f"dates.month_{'abbr_' if abbr else ''}{m}") for m in range(1, 13))


def __getattr__(name: str):
    """``MONTHS_TH`` and ``MONTHS_TH_ABBR`` are read from the catalogue when first asked for."""
    if name == "MONTHS_TH":
        return month_names()
    if name == "MONTHS_TH_ABBR":
        return month_names(abbr=True)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=None)
def _month_numbers() -> dict[str, int]:
    numbers = {name: i + 1 for i, name in enumerate(month_names())}
    numbers.update({abbr: i + 1 for i, abbr in enumerate(month_names(abbr=True))})
    return numbers


@lru_cache(maxsize=None)
def _thai_words() -> re.Pattern:
    """``26 พฤศจิกายน 2569``: a date written in words, recognised to suggest its ISO form."""
    names = "|".join(re.escape(m) for m in sorted(_month_numbers(), key=len, reverse=True))
    return re.compile(r"^([0-9]{1,2})\s*(" + names + r")\s*" + ERA + r"?\s*([0-9]{4})$")


def today_bangkok(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Bangkok (UTC+7): 2026-12-01T17:30Z is already 2026-12-02."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return now.astimezone(BANGKOK).date()


# -- the one date rule ---------------------------------------------------------
def parse_iso_date(value) -> dt.date | None:
    """The date a field holds if WP006 accepts it, else None.

    A Buddhist-era year (``2568-01-31``), an impossible day, a time, Thai digits
    or any other spelling is None here exactly as it is an error in ``check``."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value if GREGORIAN_MIN <= value.year <= GREGORIAN_MAX else None
    if not isinstance(value, str) or date_problem(value) is not None:
        return None
    return dt.date(*map(int, value.split("-")))


@lru_cache(maxsize=4096)  # a site repeats the same few hundred dates
def date_problem(text: str) -> tuple[str, str] | None:
    """None for a good date, else (Thai message, Thai fix hint) — WP006's words."""
    from webpub.messages import t

    value = str(text)
    if value != value.strip():
        return t("dates.padded", value=value), t("dates.padded_fix", value=value.strip())
    if ISO_DATE.match(value):
        return _check_ymd(*map(int, ISO_DATE.match(value).groups()), written=value)
    if value.translate(THAI_DIGITS) != value:
        arabic = value.translate(THAI_DIGITS)
        return t("dates.thai_digits", value=value), t("dates.thai_digits_fix", suggestion=_suggest(arabic))
    if WITH_TIME.match(value):
        return t("dates.with_time", value=value), t("dates.with_time_fix", date=WITH_TIME.match(value).group(1))
    return t("dates.not_iso", value=value), _suggest(value)


def looks_buddhist_era(year: int) -> bool:
    """Years 2400-2700 in a Gregorian field are almost surely B.E. written by mistake."""
    return 2400 <= year <= 2700


def _suggest(value: str) -> str:
    """A hint turning a recognisable non-ISO date into the ISO Gregorian one."""
    from webpub.messages import t

    parts = _parts(value)
    if parts is None:
        return t("dates.suggest_format")
    year, month, day = parts
    if looks_buddhist_era(year):
        year -= BE_OFFSET
    if not _real(year, month, day):
        return t("dates.suggest_check")
    return t("dates.suggest_date", date=f"{year:04d}-{month:02d}-{day:02d}")


def _parts(value: str) -> tuple[int, int, int] | None:
    for pattern, order in ((ISO_DATE, "ymd"), (ISO_UNPADDED, "ymd"), (DAY_FIRST, "dmy")):
        match = pattern.match(value)
        if match:
            numbers = dict(zip(order, map(int, match.groups())))
            return numbers["y"], numbers["m"], numbers["d"]
    match = _thai_words().match(value)
    if match:
        return int(match.group(3)), _month_numbers()[match.group(2)], int(match.group(1))
    return None


def _real(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _check_ymd(year: int, month: int, day: int, written: str) -> tuple[str, str] | None:
    from webpub.messages import t

    if looks_buddhist_era(year):
        gregorian = year - BE_OFFSET
        if _real(gregorian, month, day):
            return (t("dates.be_year", year=year),
                    t("dates.be_year_fix", date=f"{gregorian:04d}-{month:02d}-{day:02d}", year=year,
                      gregorian=gregorian))
        return (t("dates.be_year_impossible", year=year, value=written),
                t("dates.be_year_impossible_fix", gregorian=gregorian))
    if not 1 <= month <= 12:
        return t("dates.no_such_month", value=written, month=month), t("dates.no_such_month_fix")
    if not _real(year, month, day):
        last = calendar.monthrange(year, month)[1]
        return (t("dates.no_such_day", value=written),
                t("dates.no_such_day_fix", month=month_names()[month - 1], year=year, last=last))
    if not GREGORIAN_MIN <= year <= GREGORIAN_MAX:
        return (t("dates.implausible_year", year=year, value=written),
                t("dates.implausible_year_fix", first=GREGORIAN_MIN, last=GREGORIAN_MAX))
    return None


# -- periods (Asia/Bangkok days) ---------------------------------------------------
def is_expired(expiry: dt.date | None, today: dt.date) -> bool:
    """Up through the whole ``expiry`` day in Bangkok, down from the next day."""
    return expiry is not None and today > expiry


def is_expiring(expiry: dt.date | None, today: dt.date, within: int) -> bool:
    """Still up, and its last day falls within ``within`` days from today."""
    return expiry is not None and today <= expiry <= today + dt.timedelta(days=within)


def is_embargoed(published: dt.date | None, today: dt.date) -> bool:
    """``published`` lies ahead: the item goes up at 00:00 Bangkok on that day, not before."""
    return published is not None and published > today


def is_review_due(review_by: dt.date | None, today: dt.date) -> bool:
    return review_by is not None and today > review_by


# -- for people ------------------------------------------------------------------
def thai_date(value: dt.date, abbr: bool = False) -> str:
    """``26 พฤศจิกายน 2569`` — day, Thai month name, Buddhist-era year."""
    from webpub.messages import t

    return t("dates.date", day=value.day, month=month_names(abbr)[value.month - 1], year=value.year + BE_OFFSET)


def thai_month(year: int, month: int) -> str:
    """``พฤศจิกายน 2569``: a Gregorian year and month as people read them."""
    from webpub.messages import t

    return t("dates.month_year", month=month_names()[month - 1], year=year + BE_OFFSET)


def thai_datetime(value) -> str:
    """An ISO timestamp (or datetime) as ``26 พฤศจิกายน 2569 เวลา 14:05 น.`` in Bangkok time;
    text that is not a timestamp comes back unchanged."""
    moment = value
    if not isinstance(value, dt.datetime):
        try:
            moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return str(value)
    if moment.tzinfo:
        moment = moment.astimezone(BANGKOK)
    from webpub.messages import t

    return t("dates.datetime", date=thai_date(moment.date()), time=f"{moment:%H:%M}")


def fiscal_year_be(value: dt.date) -> int:
    """Thai fiscal year (1 Oct - 30 Sep), labelled by its ending year in B.E."""
    year = value.year + 1 if value.month >= 10 else value.year
    return year + BE_OFFSET


def end_of_day_bangkok(value: dt.date) -> dt.datetime:
    """The last instant an item that ``expires`` on ``value`` is still up."""
    return dt.datetime.combine(value + dt.timedelta(days=1), dt.time(0), BANGKOK)
