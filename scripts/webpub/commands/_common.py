"""Options and helpers shared by several commands."""

from __future__ import annotations

import argparse
import datetime as dt

from webpub.dates import date_problem, parse_iso_date, today_bangkok
from webpub.core.results import UsageError
from webpub.messages import t


def iso_date(value: str) -> dt.date:
    """A date option, read by the one date rule: a B.E. year gets WP006's own words."""
    parsed = parse_iso_date(value)
    if parsed is None:
        message, hint = date_problem(value) or (t("dates.not_a_date", value=value), "")
        raise argparse.ArgumentTypeError(f"{message} — {hint}" if hint else message)
    return parsed


def add_today(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today", type=iso_date, default=None, metavar="YYYY-MM-DD", help=t("cli.opt_today"),
    )


def add_format(parser: argparse.ArgumentParser, choices=("text", "json")) -> None:
    parser.add_argument(
        "--format", choices=choices, default="text",
        help=t("cli.opt_format", choices=", ".join(choices)),
    )


def resolve_today(args, now: dt.datetime | None = None) -> dt.date:
    """``--today`` if given, else today in Asia/Bangkok (``now`` is the clock, for tests)."""
    return args.today or today_bangkok(now)


def require(condition: bool, message: str) -> None:
    if not condition:
        raise UsageError(message)
