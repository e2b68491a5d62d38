"""``webpub form PATH``: the request-to-publish form of an item (printable HTML)."""

from __future__ import annotations

import sys
from pathlib import Path

from webpub.approvals.form import render_form_html
from webpub.commands._common import add_today, resolve_today
from webpub.context import Context
from webpub.core.results import UsageError
from webpub.content.page import load_page
from webpub.repo import Repo
from webpub.messages import t


def add_arguments(parser) -> None:
    parser.add_argument("path", metavar=t("site.form.path_metavar"), help=t("site.form.path"))
    parser.add_argument("-o", "--output", default=None, metavar=t("site.form.output_metavar"),
                        help=t("site.form.output"))
    add_today(parser)


def run(args) -> int:
    repo = Repo.discover()
    rel = repo.rel(Path(args.path))
    try:
        raw = (repo.root / rel).read_bytes()
    except OSError:
        raise UsageError(t("site.form.unreadable", path=args.path)) from None
    page = load_page(rel, repo.root / rel, raw, repo.file_rules.get("frontmatter_max_bytes", 65536))
    if not page.ok:
        problem = page.load_problem
        raise UsageError(t("site.form.bad_frontmatter", path=rel, line=problem.line if problem else 1))
    html = render_form_html(page, Context(repo=repo, today=resolve_today(args)))
    if args.output:
        Path(args.output).write_text(html, encoding="utf-8")
        sys.stderr.write(t("approvals.form_written", path=args.output) + "\n")
    else:
        sys.stdout.write(html)
    return 0
