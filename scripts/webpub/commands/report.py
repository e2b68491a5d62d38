"""``webpub report``: completeness against the standard, OIA sections 7/9, the recurring
obligations, or (``--ita YEAR``) one year's ITA disclosure list."""

from __future__ import annotations

import sys

from webpub.commands._common import add_format, add_today, iso_date, resolve_today
from webpub.messages import t
from webpub.monitor import ita
from webpub.monitor import report as monitor
from webpub.repo import Repo


def add_arguments(parser) -> None:
    add_format(parser, ("text", "json", "md", "github", "html"))
    add_today(parser)
    parser.add_argument("--ita", type=int, default=None, metavar=t("report.metavar_year"), help=t("report.opt_ita"))
    parser.add_argument("--since", type=iso_date, default=None, metavar="YYYY-MM-DD", help=t("report.opt_since"))
    parser.add_argument("--within", type=int, default=None, metavar=t("report.metavar_days"),
                        help=t("report.opt_within"))
    parser.add_argument("--division", default=None, metavar=t("report.metavar_id"), help=t("report.opt_division"))
    parser.add_argument("--year", default=None, metavar=t("report.metavar_year"), help=t("report.opt_year"))
    parser.add_argument("--pdf", default=None, metavar=t("report.metavar_file"), help=t("report.opt_pdf"))
    parser.add_argument("--output", default=None, metavar=t("report.metavar_file"), help=t("report.opt_output"))


def run(args) -> int:
    repo = Repo.discover()
    today = resolve_today(args)
    if args.year is None and (args.pdf or args.format == "html"):
        from webpub.core.results import UsageError

        raise UsageError(t("report.year_only"))
    if args.division is not None or args.year is not None:
        return run_review_loop(args, repo, today)
    if args.ita is not None:
        report = ita.build(repo, args.ita, today, args.within)
    else:
        report = monitor.build(repo, today, args.since, args.within)
    out = monitor.render(report, repo, args.format)
    return _emit(out, args.output)


def run_review_loop(args, repo, today) -> int:
    """``--division`` (a division's dashboard) and ``--year`` (the annual monitoring report)."""
    from webpub.monitor import annual, division
    from webpub.core.results import UsageError

    fmt = "text" if args.format == "github" else args.format
    if args.year is not None:
        year = annual.parse_year(args.year)
        data = annual.build(repo, year, today)
        out = annual.render(data, fmt, repo)
        if args.pdf:
            annual.write_pdf(annual.to_html(data, repo), args.pdf)
            sys.stderr.write(t("annual.pdf_written", path=args.pdf) + "\n")
    else:
        if args.division not in repo.divisions:
            raise UsageError(t("annual.unknown_division", division=args.division, known=", ".join(repo.divisions)))
        out = division.render(division.build(repo, today, args.division), "md" if fmt == "html" else fmt)
    return _emit(out, args.output)


def _emit(out: str, output: str | None) -> int:
    """The report to ``--output`` (UTF-8, LF), else to standard output."""
    if output:
        with open(output, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(out)
    else:
        sys.stdout.write(out)
    return 0
