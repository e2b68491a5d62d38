"""Dates: every date rule runs in Asia/Bangkok; pages show Buddhist-era dates."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")
BE_OFFSET = 543
ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")  # ASCII digits only: \d also matches ๐-๙

MONTHS_TH = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
MONTHS_TH_ABBR = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)


def today_bangkok(now: dt.datetime | None = None) -> dt.date:
    now = now or dt.datetime.now(dt.timezone.utc)
    return now.astimezone(BANGKOK).date()


def parse_iso_date(value) -> dt.date | None:
    """An ISO ``YYYY-MM-DD`` Gregorian date, or None if it is not one."""
    if isinstance(value, dt.date):
        return value
    match = ISO_DATE.match(str(value or ""))
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def looks_buddhist_era(year: int) -> bool:
    """Years 2400-2700 in a Gregorian field are almost surely B.E. written by mistake."""
    return 2400 <= year <= 2700


def thai_date(value: dt.date, abbr: bool = False) -> str:
    """``26 พฤศจิกายน 2569`` — day, Thai month name, Buddhist-era year."""
    months = MONTHS_TH_ABBR if abbr else MONTHS_TH
    return f"{value.day} {months[value.month - 1]} {value.year + BE_OFFSET}"


def fiscal_year_be(value: dt.date) -> int:
    """Thai fiscal year (1 Oct - 30 Sep), labelled by its ending year in B.E."""
    year = value.year + 1 if value.month >= 10 else value.year
    return year + BE_OFFSET


def end_of_day_bangkok(value: dt.date) -> dt.datetime:
    """The last instant an item that ``expires`` on ``value`` is still up."""
    return dt.datetime.combine(value + dt.timedelta(days=1), dt.time(0), BANGKOK)
