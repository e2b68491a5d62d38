"""Options and helpers shared by several commands."""

from __future__ import annotations

import argparse
import datetime as dt

from webpub.dates import parse_iso_date, today_bangkok
from webpub.model import UsageError


def iso_date(value: str) -> dt.date:
    parsed = parse_iso_date(value)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"วันที่ต้องอยู่ในรูป YYYY-MM-DD (ค.ศ.) ไม่ใช่ '{value}'")
    return parsed


def add_today(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today", type=iso_date, default=None, metavar="YYYY-MM-DD",
        help="ใช้วันที่นี้แทนวันนี้ (เวลาประเทศไทย) — for date rules; default: today in Asia/Bangkok",
    )


def add_format(parser: argparse.ArgumentParser, choices=("text", "json")) -> None:
    parser.add_argument(
        "--format", choices=choices, default="text",
        help="รูปแบบผลลัพธ์ (output format): " + ", ".join(choices),
    )


def resolve_today(args) -> dt.date:
    return args.today or today_bangkok()


def require(condition: bool, message: str) -> None:
    if not condition:
        raise UsageError(message)
