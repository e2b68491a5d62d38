"""WP006: every date field holds a real ISO ``YYYY-MM-DD`` Gregorian date.

Covers each field the schema marks ``format: date`` (top level and nested, such
as ``withdrawn.on`` and ``dataset.*_date``) and ``YYYY-MM`` month fields such as
``period``. A year from 2400 to 2700 is a Buddhist-era year typed by mistake: the
finding says so and gives the Gregorian value to write instead.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache

from webpub import fmschema
from webpub.dates import BE_OFFSET, MONTHS_TH, MONTHS_TH_ABBR, looks_buddhist_era
from webpub.model import Finding

ID = "WP006"
NAME = "date-values"
DESCRIPTION = "ช่องวันที่ต้องเป็นวันที่จริงแบบ YYYY-MM-DD ปี ค.ศ. (ISO Gregorian dates, no B.E. years)"

GREGORIAN_MIN, GREGORIAN_MAX = 1900, 2200
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# [0-9], not \d: \d also matches Thai digits, which must be reported as such.
ISO = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
ISO_UNPADDED = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
DAY_FIRST = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$")
WITH_TIME = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[T ][0-9]{1,2}:[0-9]{2}")
MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
MONTH_FIRST = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{4})$")
_MONTH_NAMES = {name: i + 1 for i, name in enumerate(MONTHS_TH)}
_MONTH_NAMES.update({abbr: i + 1 for i, abbr in enumerate(MONTHS_TH_ABBR)})
THAI_WORDS = re.compile(
    r"^([0-9]{1,2})\s*(" + "|".join(re.escape(m) for m in sorted(_MONTH_NAMES, key=len, reverse=True))
    + r")\s*(?:พ\.ศ\.|ค\.ศ\.)?\s*([0-9]{4})$"
)


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    root = ctx.repo.frontmatter_schema
    for path, value in fmschema.date_values(page.meta, root):
        if isinstance(value, str):
            problem = diagnose_date(value)
            if problem:
                yield page.finding(ID, page.line_of(*path), f"'{_name(path)}': {problem[0]}", problem[1])
    for path, value in fmschema.month_values(page.meta, root):
        if isinstance(value, str):
            problem = diagnose_month(value)
            if problem:
                yield page.finding(ID, page.line_of(*path), f"'{_name(path)}': {problem[0]}", problem[1])


def _name(path) -> str:
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in path).replace(".[", "[")


# -- dates ---------------------------------------------------------------------
def usable_date(value) -> dt.date | None:
    """The date a field holds if WP006 accepts it, else None (so other rules stay quiet)."""
    if not isinstance(value, str) or diagnose_date(value) is not None:
        return None
    return dt.date(*map(int, value.split("-")))


@lru_cache(maxsize=4096)  # a site repeats the same few hundred dates
def diagnose_date(text: str) -> tuple[str, str] | None:
    """None for a good date, else (Thai message, Thai fix hint)."""
    value = str(text)
    if value != value.strip():
        return f"วันที่ '{value}' มีช่องว่างหัวท้าย", f"เขียนเป็น {value.strip()} โดยไม่มีช่องว่าง"
    if ISO.match(value):
        return _check_ymd(*map(int, ISO.match(value).groups()), written=value)
    if value.translate(THAI_DIGITS) != value:
        arabic = value.translate(THAI_DIGITS)
        return f"วันที่ '{value}' เขียนด้วยเลขไทย", "เขียนด้วยเลขอารบิก: " + _suggest(arabic)
    if WITH_TIME.match(value):
        return f"'{value}' มีเวลาปนอยู่ ช่องนี้รับเฉพาะวันที่", f"เขียนเป็น {WITH_TIME.match(value).group(1)}"
    return f"'{value}' ไม่ใช่วันที่รูปแบบ YYYY-MM-DD", _suggest(value)


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
    for pattern, order in ((ISO, "ymd"), (ISO_UNPADDED, "ymd"), (DAY_FIRST, "dmy")):
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


# -- months (YYYY-MM) --------------------------------------------------------------
def diagnose_month(text: str) -> tuple[str, str] | None:
    value = str(text).strip().translate(THAI_DIGITS)
    match = MONTH.match(value) or MONTH_FIRST.match(value)
    if not match:
        return f"'{text}' ไม่ใช่งวดเดือนรูปแบบ YYYY-MM", "เขียนเป็น YYYY-MM (ปี ค.ศ.-เดือน) เช่น 2026-10"
    first, second = map(int, match.groups())
    year, month = (first, second) if match.re is MONTH else (second, first)
    if looks_buddhist_era(year):
        year -= BE_OFFSET
        hint = f"เขียนเป็น {year:04d}-{month:02d} (ปี ค.ศ.)" if 1 <= month <= 12 else "ใช้ปี ค.ศ. และเดือน 01 ถึง 12"
        return f"ปี {year + BE_OFFSET} เป็นปี พ.ศ. แต่ช่องนี้ต้องใช้ปี ค.ศ.", hint
    if not 1 <= month <= 12:
        return f"งวด '{text}' ไม่มีเดือน {month}", "เดือนต้องเป็น 01 ถึง 12 — ลำดับคือ ปี-เดือน"
    if match.re is not MONTH or value != text:
        return f"'{text}' ไม่อยู่ในรูปแบบ YYYY-MM", f"เขียนเป็น {year:04d}-{month:02d}"
    if not GREGORIAN_MIN <= year <= GREGORIAN_MAX:
        return f"ปี {year} ในงวด '{text}' ไม่น่าจะถูกต้อง", f"ใช้ปี ค.ศ. ระหว่าง {GREGORIAN_MIN} ถึง {GREGORIAN_MAX}"
    return None
