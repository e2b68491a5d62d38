"""``webpub report``: completeness against the standard, OIA sections 7/9, the recurring
obligations, or (``--ita YEAR``) one year's ITA disclosure list."""

from __future__ import annotations

import sys

from webpub.commands._common import add_format, add_today, iso_date, resolve_today
from webpub.monitor import ita
from webpub.monitor import report as monitor
from webpub.repo import Repo


def add_arguments(parser) -> None:
    add_format(parser, ("text", "json", "md", "github"))
    add_today(parser)
    parser.add_argument("--ita", type=int, default=None, metavar="YEAR",
                        help="รายงานตามรายการ ITA ของปีงบประมาณนี้ (พ.ศ.) จาก schema/ita/YEAR.yml — ITA profile")
    parser.add_argument("--since", type=iso_date, default=None, metavar="YYYY-MM-DD",
                        help="แสดงกำหนดส่งตามรอบตั้งแต่วันนี้ (default: start of the previous fiscal year)")
    parser.add_argument("--within", type=int, default=None, metavar="DAYS",
                        help="นับเป็น 'ใกล้หมดระยะ' ถ้าหมดภายในกี่วัน (default: expiring_soon_days in schema/rules.yml)")
    parser.add_argument("--output", default=None, metavar="FILE",
                        help="เขียนผลลงไฟล์แทนการพิมพ์ (write to FILE)")


def run(args) -> int:
    repo = Repo.discover()
    today = resolve_today(args)
    if args.ita is not None:
        report = ita.build(repo, args.ita, today, args.within)
    else:
        report = monitor.build(repo, today, args.since, args.within)
    out = monitor.render(report, repo, args.format)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(out)
    else:
        sys.stdout.write(out)
    return 0
