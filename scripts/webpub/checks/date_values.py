"""WP006: every date field holds a real ISO ``YYYY-MM-DD`` Gregorian date.

Covers each field the schema marks ``format: date`` (top level and nested, such
as ``withdrawn.on`` and ``dataset.*_date``) and ``YYYY-MM`` month fields such as
``period``. A year from 2400 to 2700 is a Buddhist-era year typed by mistake: the
finding says so and gives the Gregorian value to write instead. The rule itself
lives in ``webpub.dates`` so the publish decision, ``expire``, ``report`` and
``remind`` read exactly the dates this check accepts, and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from webpub.content import fmschema
from webpub.dates import BE_OFFSET, GREGORIAN_MAX, GREGORIAN_MIN, THAI_DIGITS, looks_buddhist_era
from webpub.dates import date_problem as diagnose_date  # the one date rule (webpub.dates)
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP006"
NAME = "date-values"
DESCRIPTION = t("checks.date_values_description")

MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
MONTH_FIRST = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{4})$")


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    root = ctx.repo.frontmatter_schema
    for path, value in fmschema.date_values(page.meta, root):
        if isinstance(value, str):
            problem = diagnose_date(value)
            if problem:
                yield page.finding(ID, page.line_of(*path), t("checks.date_values_problem", field=_name(path),
                                                              problem=problem[0]), problem[1])
    for path, value in fmschema.month_values(page.meta, root):
        if isinstance(value, str):
            problem = diagnose_month(value)
            if problem:
                yield page.finding(ID, page.line_of(*path), t("checks.date_values_problem", field=_name(path),
                                                              problem=problem[0]), problem[1])


def _name(path) -> str:
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in path).replace(".[", "[")


# -- months (YYYY-MM) --------------------------------------------------------------
def diagnose_month(text: str) -> tuple[str, str] | None:
    value = str(text).strip().translate(THAI_DIGITS)
    match = MONTH.match(value) or MONTH_FIRST.match(value)
    if not match:
        return t("checks.month_not_month", text=text), t("checks.month_not_month_hint")
    first, second = map(int, match.groups())
    year, month = (first, second) if match.re is MONTH else (second, first)
    if looks_buddhist_era(year):
        year -= BE_OFFSET
        hint = (t("checks.month_be_year_hint", value=f"{year:04d}-{month:02d}") if 1 <= month <= 12
                else t("checks.month_be_year_bad_month_hint"))
        return t("checks.month_be_year", year=year + BE_OFFSET), hint
    if not 1 <= month <= 12:
        return t("checks.month_no_month", text=text, month=month), t("checks.month_no_month_hint")
    if match.re is not MONTH or value != text:
        return t("checks.month_not_format", text=text), t("checks.month_not_format_hint", value=f"{year:04d}-{month:02d}")
    if not GREGORIAN_MIN <= year <= GREGORIAN_MAX:
        return (t("checks.month_year_range", year=year, text=text),
                t("checks.month_year_range_hint", low=GREGORIAN_MIN, high=GREGORIAN_MAX))
    return None
