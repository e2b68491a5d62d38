"""``webpub remind``: one message per owner (Thai Markdown or JSON) for the workflow to post."""

from __future__ import annotations

import json
import sys

from webpub.commands._common import add_format, add_today, iso_date, resolve_today
from webpub.messages import t
from webpub.monitor import remind
from webpub.monitor.report import Site
from webpub.repo import Repo


def add_arguments(parser) -> None:
    add_format(parser, ("md", "json"))
    parser.set_defaults(format="md")
    add_today(parser)
    parser.add_argument("--within", type=int, default=None, metavar=t("monitor.metavar_days"),
                        help=t("monitor.opt_within"))
    parser.add_argument("--since", type=iso_date, default=None, metavar="YYYY-MM-DD", help=t("monitor.opt_since"))
    parser.add_argument("--email", action="store_true", help=t("mail.opt_email"))


def run(args) -> int:
    repo = Repo.discover()
    site = Site.load(repo, resolve_today(args), args.within)
    messages = remind.build(site, args.since)
    if args.email:
        from webpub import mail
        from webpub.commands.notify import _email

        code = _email(repo, mail.reminder_mails(site, messages))
        if code:
            return code
    if args.format == "json":
        sys.stdout.write(json.dumps(remind.as_json(site, messages), ensure_ascii=False, indent=2) + "\n")
        return 0
    if not messages:
        sys.stdout.write(t("monitor.nothing") + "\n")
        return 0
    for message in messages:
        sys.stdout.write(f"## {remind.title(site, message)}\n\n{remind.markdown(site, message)}\n")
    return 0
