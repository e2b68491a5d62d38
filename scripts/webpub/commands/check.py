"""``webpub check``: every content rule on the given files or the whole repository."""

from __future__ import annotations

import sys

from webpub.commands._common import add_format, add_today
from webpub.engine import run_check
from webpub.report import REPORTERS
from webpub.repo import Repo


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="ไฟล์หรือโฟลเดอร์ที่จะตรวจ (ค่าเริ่มต้น: content/ ทั้งหมด) — files or folders to check")
    add_format(parser, ("text", "json", "github"))
    add_today(parser)
    parser.add_argument("--stage", choices=("ci", "pre-commit"), default="ci",
                        help="ชุดระดับความรุนแรงจาก schema/rules.yml ที่จะใช้ (severity set to apply)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="จำนวนโปรเซสที่ใช้ตรวจพร้อมกัน (default: all cores)")
    parser.add_argument("--no-cache", action="store_true",
                        help="ไม่ใช้ผลตรวจที่เก็บไว้ใน .webpub-cache/ (ignore the result cache)")


def run(args) -> int:
    repo = Repo.discover()
    result = run_check(repo, args.paths or None, today=args.today, stage=args.stage,
                       jobs=args.jobs, use_cache=not args.no_cache)
    sys.stdout.write(REPORTERS[args.format](result))
    return result.exit_code()
