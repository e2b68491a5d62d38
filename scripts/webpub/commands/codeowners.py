"""``webpub codeowners``: print, check or write ``.github/CODEOWNERS`` from organization.yml."""

from __future__ import annotations

import sys

from webpub.approvals.codeowners import codeowners_text
from webpub.approvals.org import Org
from webpub.messages import t
from webpub.repo import Repo

TARGET = ".github/CODEOWNERS"


def add_arguments(parser) -> None:
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--check", action="store_true", help=t("approvals.arg_codeowners_check", target=TARGET))
    action.add_argument("--write", action="store_true", help=t("approvals.arg_codeowners_write", target=TARGET))


def run(args) -> int:
    repo = Repo.discover()
    text = codeowners_text(Org(repo.organization))
    path = repo.root / TARGET
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if args.check:
        if current == text:
            print(t("approvals.codeowners_current", target=TARGET))
            return 0
        print(t("approvals.codeowners_stale", target=TARGET), file=sys.stderr)
        return 1
    if args.write:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(t("approvals.codeowners_written", target=TARGET) + ("" if current != text else t("approvals.codeowners_unchanged")))
        return 0
    sys.stdout.write(text)
    return 0
