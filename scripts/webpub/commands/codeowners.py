"""``webpub codeowners``: print, check or write ``.github/CODEOWNERS`` from organization.yml."""

from __future__ import annotations

import sys

from webpub.approvals.codeowners import codeowners_text
from webpub.approvals.org import Org
from webpub.repo import Repo

TARGET = ".github/CODEOWNERS"


def add_arguments(parser) -> None:
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--check", action="store_true",
                        help=f"ตรวจว่า {TARGET} ตรงกับ organization.yml (exit 1 if stale)")
    action.add_argument("--write", action="store_true", help=f"เขียน {TARGET} ใหม่ (rewrite the file)")


def run(args) -> int:
    repo = Repo.discover()
    text = codeowners_text(Org(repo.organization))
    path = repo.root / TARGET
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if args.check:
        if current == text:
            print(f"{TARGET} เป็นปัจจุบัน")
            return 0
        print(f"{TARGET} ไม่ตรงกับ schema/organization.yml — รัน webpub codeowners --write แล้ว commit", file=sys.stderr)
        return 1
    if args.write:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"เขียน {TARGET} แล้ว" + ("" if current != text else " (ไม่มีการเปลี่ยนแปลง)"))
        return 0
    sys.stdout.write(text)
    return 0
