"""``webpub notify``: the notices after a publish (``webpub.notify``), printed and optionally posted.

Subcommands: ``published`` (the items a publish put live, with their addresses: a pull
request's, or without ``--base`` those whose ``published`` day came),
``taken-down`` (items that were live and are not now, to their officer and director),
``publish-failed`` (a failed scheduled publish, to the webmasters). ``--post`` sends
the notice through ``webpub.forge.issues`` (GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN):
a comment on ``--pr`` when given, else one open issue per title (commented when open).
"""

from __future__ import annotations

import json
import sys

from webpub.commands._common import add_format, add_today, iso_date, resolve_today
from webpub.core.results import UsageError
from webpub.messages import t
from webpub.repo import Repo


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="notice", metavar=t("notify.metavar_notice"), required=True)

    def notice(name: str, key: str, **fields):
        text = t(f"notify.{key}", **fields)
        return sub.add_parser(name, help=text, description=text, formatter_class=parser.formatter_class)

    commit, workflow = t("notify.metavar_commit"), t("notify.metavar_workflow")
    pub = notice("published", "cmd_published")
    pub.add_argument("--base", default=None, metavar=commit, help=t("notify.opt_base"))
    pub.add_argument("--head", default="HEAD", metavar=commit, help=t("notify.opt_head"))
    pub.add_argument("--since-last-run", default=None, metavar=workflow, help=t("notify.opt_since_last_run_published"))
    down = notice("taken-down", "cmd_taken_down")
    down.add_argument("--before", default=None, metavar=commit, help=t("notify.opt_before"))
    down.add_argument("--before-today", type=iso_date, default=None, metavar="YYYY-MM-DD",
                      help=t("notify.opt_before_today"))
    down.add_argument("--since-last-run", default=None, metavar=workflow, help=t("notify.opt_since_last_run"))
    fail = notice("publish-failed", "cmd_publish_failed", webmaster=t("roles.webmaster"))
    fail.add_argument("--steps-json", default="{}", metavar="JSON", help=t("notify.opt_steps_json"))
    fail.add_argument("--deploy-result", default="", metavar=t("notify.metavar_result"),
                      help=t("notify.opt_deploy_result"))
    fail.add_argument("--notify-result", default="", metavar=t("notify.metavar_result"),
                      help=t("notify.opt_notify_result"))
    fail.add_argument("--run-url", required=True, metavar=t("notify.metavar_url"), help=t("notify.opt_run_url"))
    fail.add_argument("--log", default="", metavar=t("notify.metavar_text"), help=t("notify.opt_log"))
    fail.add_argument("--event", default="schedule", metavar=t("notify.metavar_event"), help=t("notify.opt_event"))
    dec = notice("decision", "cmd_decision")
    dec.add_argument("--record", nargs="+", required=True, metavar=t("notify.metavar_file"),
                     help=t("notify.opt_record"))
    for p in (pub, down, fail, dec):
        p.add_argument("--email", action="store_true", help=t("mail.opt_email"))
    for p in (pub, down, fail, dec):
        add_today(p)
        add_format(p, ("md", "json"))
        p.set_defaults(format="md")
        p.add_argument("--post", action="store_true", help=t("notify.opt_post"))
        p.add_argument("--pr", type=int, default=None, metavar=t("notify.metavar_number"), help=t("notify.opt_pr"))


def run(args) -> int:
    from webpub import notify

    repo = Repo.discover()
    today = resolve_today(args)
    if args.notice == "published":
        since = _last_run_day(args.since_last_run, today) if args.since_last_run and args.base is None else None
        notice = notify.published(repo, today, args.base, args.head, args.pr, since)
    elif args.notice == "taken-down":
        before_today = args.before_today or (today if args.before else None)
        if args.since_last_run and before_today is None:
            before_today = _last_run_day(args.since_last_run, today)
        notice = notify.taken_down(repo, today, args.before, before_today)
    elif args.notice == "decision":
        return _decision(repo, args)
    else:
        try:
            steps = json.loads(args.steps_json or "{}")
        except ValueError:
            raise UsageError(t("notify.bad_steps_json")) from None
        step = notify.failed_step(steps if isinstance(steps, dict) else {}, args.deploy_result, args.notify_result)
        notice = notify.publish_failed(repo, today, step, args.run_url, args.log, args.event)
    sys.stdout.write(notify.dumps(notice) if args.format == "json" else notice.body)
    code = _post(notice, args.pr) if args.post else 0
    if args.email:
        from webpub import mail

        code = max(code, _email(repo, mail.notice_mails(repo, notice)))
    return code


def _email(repo, mails) -> int:
    from webpub import mail

    settings = mail.SmtpSettings.from_env(repo)
    try:
        sent = mail.send(mails, settings)
    except UsageError as exc:
        print(f"webpub notify: {exc}", file=sys.stderr)
        return 1
    print(f"webpub notify: {t('mail.sent', n=sent)}", file=sys.stderr)
    return 0


def _decision(repo, args) -> int:
    """Returns and refusals with their reasons, from the bot-sealed records (verified)."""
    from pathlib import Path

    from webpub import mail
    from webpub.approvals import decisions

    wanted = {repo.rel(Path(p)) for p in args.record}
    found = [d for d in decisions.load_all(repo) if d.path in wanted]
    missing = sorted(wanted - {d.path for d in found})
    if missing:
        raise UsageError(t("notify.bad_records", paths=", ".join(missing)))
    mails = mail.decision_mails(repo, found)
    if args.format == "json":
        sys.stdout.write(json.dumps([d.to_json() for d in found], ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write("\n\n".join("\n".join([f"**{m.subject}**", *m.lines]) for m in mails) + "\n")
    code = 0
    if args.post and args.pr is not None:
        from webpub.notify import Notice

        body = "\n\n".join("\n".join(m.lines) for m in mails) + "\n"
        code = _post(Notice("decision", mails[0].subject if mails else "", body), args.pr)
    if args.email:
        code = max(code, _email(repo, mails))
    return code


def _last_run_day(workflow: str, today):
    from webpub import notify
    from webpub.forge.issues import Forge, ForgeError

    try:
        run = Forge.from_env().last_successful_run(workflow)
    except ForgeError as exc:  # still announce what went down since yesterday
        print("webpub notify: " + t("notify.no_last_run", error=exc), file=sys.stderr)
        run = None
    return notify.previous_publish_day(run, today)


def _post(notice, pr: int | None) -> int:
    from webpub.forge.issues import Forge, ForgeError

    if notice.kind in ("taken_down", "published") and not notice.items and pr is None:
        print("webpub notify: " + t("notify.nothing_to_send"), file=sys.stderr)
        return 0
    if notice.kind == "taken_down" and not notice.items:
        return 0  # nothing went down: no comment on the pull request either
    try:
        forge = Forge.from_env()
        if pr is not None:
            forge.comment(pr, notice.body)
            print("webpub notify: " + t("notify.commented_pr", pr=pr), file=sys.stderr)
        else:
            done = forge.open_or_comment(notice.label, notice.title, notice.body)
            said = "notify.opened_issue" if done["action"] == "created" else "notify.commented_issue"
            print("webpub notify: " + t(said, number=done["number"]), file=sys.stderr)
    except ForgeError as exc:
        print("webpub notify: " + t("notify.send_failed", error=exc), file=sys.stderr)
        return 1
    return 0
