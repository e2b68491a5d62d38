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
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# [0-9], not \d: \d also matches Thai digits, which must be reported as such.
ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
ISO_UNPADDED = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
DAY_FIRST = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$")
WITH_TIME = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[T ][0-9]{1,2}:[0-9]{2}")

MONTHS_TH = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
MONTHS_TH_ABBR = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
_MONTH_NAMES = {name: i + 1 for i, name in enumerate(MONTHS_TH)}
_MONTH_NAMES.update({abbr: i + 1 for i, abbr in enumerate(MONTHS_TH_ABBR)})
THAI_WORDS = re.compile(
    r"^([0-9]{1,2})\s*(" + "|".join(re.escape(m) for m in sorted(_MONTH_NAMES, key=len, reverse=True))
    + r")\s*(?:พ\.ศ\.|ค\.ศ\.)?\s*([0-9]{4})$"
)


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
    value = str(text)
    if value != value.strip():
        return f"วันที่ '{value}' มีช่องว่างหัวท้าย", f"เขียนเป็น {value.strip()} โดยไม่มีช่องว่าง"
    if ISO_DATE.match(value):
        return _check_ymd(*map(int, ISO_DATE.match(value).groups()), written=value)
    if value.translate(THAI_DIGITS) != value:
        arabic = value.translate(THAI_DIGITS)
        return f"วันที่ '{value}' เขียนด้วยเลขไทย", "เขียนด้วยเลขอารบิก: " + _suggest(arabic)
    if WITH_TIME.match(value):
        return f"'{value}' มีเวลาปนอยู่ ช่องนี้รับเฉพาะวันที่", f"เขียนเป็น {WITH_TIME.match(value).group(1)}"
    return f"'{value}' ไม่ใช่วันที่รูปแบบ YYYY-MM-DD", _suggest(value)


def looks_buddhist_era(year: int) -> bool:
    """Years 2400-2700 in a Gregorian field are almost surely B.E. written by mistake."""
    return 2400 <= year <= 2700


def _suggest(value: str) -> str:
    """A hint turning a recognisable non-ISO date into the ISO Gregorian one."""
    parts = _parts(value)
    if parts is None:
        return "เขียนวันที่เป็น ปี ค.ศ.-เดือน-วัน ตัวเลขอารบิก เช่น 2026-11-26"
    year, month, day = parts
    if looks_buddhist_era(year):
        year -= BE_OFFSET
    if not _real(year, month, day):
        return "ตรวจวันและเดือนอีกครั้ง แล้วเขียนเป็น YYYY-MM-DD (ค.ศ.) เช่น 2026-11-26"
    return f"เขียนเป็น {year:04d}-{month:02d}-{day:02d} (ปี ค.ศ.-เดือน-วัน)"


def _parts(value: str) -> tuple[int, int, int] | None:
    for pattern, order in ((ISO_DATE, "ymd"), (ISO_UNPADDED, "ymd"), (DAY_FIRST, "dmy")):
        match = pattern.match(value)
        if match:
            numbers = dict(zip(order, map(int, match.groups())))
            return numbers["y"], numbers["m"], numbers["d"]
    match = THAI_WORDS.match(value)
    if match:
        return int(match.group(3)), _MONTH_NAMES[match.group(2)], int(match.group(1))
    return None


def _real(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _check_ymd(year: int, month: int, day: int, written: str) -> tuple[str, str] | None:
    if looks_buddhist_era(year):
        gregorian = year - BE_OFFSET
        if _real(gregorian, month, day):
            return (f"ปี {year} เป็นปี พ.ศ. แต่ช่องวันที่ต้องใช้ปี ค.ศ.",
                    f"เขียนเป็น {gregorian:04d}-{month:02d}-{day:02d} (พ.ศ. {year} = ค.ศ. {gregorian})")
        return (f"ปี {year} เป็นปี พ.ศ. และวันที่ '{written}' ไม่มีอยู่จริง",
                f"ใช้ปี ค.ศ. {gregorian} แล้วตรวจวันและเดือนอีกครั้ง")
    if not 1 <= month <= 12:
        return f"วันที่ '{written}' ไม่มีเดือน {month}", "เดือนต้องเป็น 01 ถึง 12 — ลำดับคือ ปี-เดือน-วัน"
    if not _real(year, month, day):
        last = calendar.monthrange(year, month)[1]
        return (f"วันที่ '{written}' ไม่มีอยู่จริง",
                f"เดือน {MONTHS_TH[month - 1]} ค.ศ. {year} มี {last} วัน — ตรวจวันที่อีกครั้ง")
    if not GREGORIAN_MIN <= year <= GREGORIAN_MAX:
        return f"ปี {year} ในวันที่ '{written}' ไม่น่าจะถูกต้อง", \
            f"ใช้ปี ค.ศ. ระหว่าง {GREGORIAN_MIN} ถึง {GREGORIAN_MAX}"
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
    months = MONTHS_TH_ABBR if abbr else MONTHS_TH
    return f"{value.day} {months[value.month - 1]} {value.year + BE_OFFSET}"


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
    return f"{thai_date(moment.date())} เวลา {moment:%H:%M} น."


def fiscal_year_be(value: dt.date) -> int:
    """Thai fiscal year (1 Oct - 30 Sep), labelled by its ending year in B.E."""
    year = value.year + 1 if value.month >= 10 else value.year
    return year + BE_OFFSET


def end_of_day_bangkok(value: dt.date) -> dt.datetime:
    """The last instant an item that ``expires`` on ``value`` is still up."""
    return dt.datetime.combine(value + dt.timedelta(days=1), dt.time(0), BANGKOK)
