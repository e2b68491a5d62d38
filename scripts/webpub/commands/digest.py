"""``webpub digest PATH…``: the content digest of each item (``sha256:…``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from webpub.approvals.digest import DigestError, content_digest, digest_document, worktree_reader
from webpub.core.results import UsageError
from webpub.messages import t
from webpub.repo import Repo


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar=t("approvals.arg_paths_metavar"), help=t("approvals.arg_digest_paths"))
    parser.add_argument("--explain", action="store_true", help=t("approvals.arg_explain"))


def run(args) -> int:
    repo = Repo.discover()
    reader = worktree_reader(repo.root)
    status = 0
    for given in args.paths:
        rel = repo.rel(Path(given))
        try:
            raw = (repo.root / rel).read_bytes()
        except OSError:
            raise UsageError(t("approvals.read_failed", path=given)) from None
        try:
            if args.explain:
                document = digest_document(rel, raw, reader)
                sys.stdout.write(json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n")
            line = content_digest(rel, raw, reader)
            sys.stdout.write(f"{line}  {rel}\n" if len(args.paths) > 1 else line + "\n")
        except (DigestError, UnicodeDecodeError) as exc:
            sys.stderr.write(t("approvals.digest_item_failed", path=rel, error=exc) + "\n")
            status = 1
    return status
