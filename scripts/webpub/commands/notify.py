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

from webpub.commands._common import add_today, iso_date, resolve_today
from webpub.core.results import UsageError
from webpub.repo import Repo


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="notice", metavar="NOTICE", required=True)
    pub = sub.add_parser("published", help="รายการที่ขึ้นเว็บไซต์จากการเผยแพร่ครั้งนี้ (items a publish put live)")
    pub.add_argument("--base", default=None, metavar="REV",
                     help="commit ก่อนรวมคำขอ (the default branch before the merge); ไม่ระบุ = รายการที่ขึ้นเว็บตามวันที่"
                          "ตั้งแต่การเผยแพร่ครั้งก่อน (without it: items the calendar put up, e.g. an embargo's day)")
    pub.add_argument("--head", default="HEAD", metavar="REV", help="commit ที่เผยแพร่ (default: HEAD)")
    pub.add_argument("--since-last-run", default=None, metavar="WORKFLOW",
                     help="(ไม่ระบุ --base) เทียบกับวันของการเผยแพร่ตามกำหนดการที่สำเร็จครั้งล่าสุด")
    down = sub.add_parser("taken-down", help="รายการที่นำลงจากเว็บไซต์ (items that were live and are not now)")
    down.add_argument("--before", default=None, metavar="REV",
                      help="commit ของการเผยแพร่ครั้งก่อน (default: commit นี้) — the previous publish's commit")
    down.add_argument("--before-today", type=iso_date, default=None, metavar="YYYY-MM-DD",
                      help="วันที่ของการเผยแพร่ครั้งก่อน (default: เมื่อวาน หรือวันนี้ถ้าระบุ --before)")
    down.add_argument("--since-last-run", default=None, metavar="WORKFLOW",
                      help="เทียบกับวันของการเผยแพร่ตามกำหนดการที่สำเร็จครั้งล่าสุดของ workflow นี้ (เช่น publish.yml)"
                           " จึงไม่ตกหล่นเมื่อ GitHub ข้ามบางวัน — compare with the last successful scheduled run's day")
    fail = sub.add_parser("publish-failed", help="แจ้งผู้ดูแลเว็บไซต์เมื่อการเผยแพร่ไม่สำเร็จ (tell the webmasters)")
    fail.add_argument("--steps-json", default="{}", metavar="JSON", help="toJSON(steps) ของงาน build")
    fail.add_argument("--deploy-result", default="", metavar="RESULT", help="ผลของงาน deploy (needs.deploy.result)")
    fail.add_argument("--notify-result", default="", metavar="RESULT", help="ผลของงาน notify (needs.notify.result)")
    fail.add_argument("--run-url", required=True, metavar="URL", help="ที่อยู่ของการรันครั้งนี้")
    fail.add_argument("--log", default="", metavar="TEXT", help="ข้อความท้ายสุดจากการสร้างเว็บไซต์")
    fail.add_argument("--event", default="schedule", metavar="EVENT", help="github.event_name")
    dec = sub.add_parser("decision", help="แจ้งเจ้าของข้อมูลเมื่อส่งกลับให้แก้ไขหรือไม่อนุญาต พร้อมเหตุผล (returned/refused)")
    dec.add_argument("--record", nargs="+", required=True, metavar="FILE",
                     help="บันทึกการพิจารณาที่ webpub record เขียนไว้ (records/decisions/…)")
    for p in (pub, down, fail, dec):
        p.add_argument("--email", action="store_true",
                       help="ส่งทางอีเมลด้วย ตามที่อยู่ใน schema/organization.yml (SMTP จาก WEBPUB_SMTP_*) — also by e-mail")
    for p in (pub, down, fail, dec):
        add_today(p)
        p.add_argument("--format", choices=("md", "json"), default="md", help="รูปแบบผลลัพธ์ (output format)")
        p.add_argument("--post", action="store_true", help="ส่งข้อความผ่าน GitHub (post through the GitHub API)")
        p.add_argument("--pr", type=int, default=None, metavar="N",
                       help="แสดงความคิดเห็นใน PR นี้แทนการเปิด issue (comment on this PR)")


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
            raise UsageError("--steps-json ต้องเป็น JSON (toJSON(steps) ของงาน build)") from None
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
    from webpub.messages import t

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
        raise UsageError("บันทึกการพิจารณาไม่พบหรือตรวจลายมือชื่อไม่ผ่าน: " + ", ".join(missing))
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
        print(f"webpub notify: อ่านการรันครั้งก่อนไม่ได้ จึงเทียบกับเมื่อวาน: {exc}", file=sys.stderr)
        run = None
    return notify.previous_publish_day(run, today)


def _post(notice, pr: int | None) -> int:
    from webpub.forge.issues import Forge, ForgeError

    if notice.kind in ("taken_down", "published") and not notice.items and pr is None:
        print("webpub notify: ไม่มีรายการที่ต้องแจ้ง จึงไม่ส่งข้อความ", file=sys.stderr)
        return 0
    if notice.kind == "taken_down" and not notice.items:
        return 0  # nothing went down: no comment on the pull request either
    try:
        forge = Forge.from_env()
        if pr is not None:
            forge.comment(pr, notice.body)
            print(f"webpub notify: แสดงความคิดเห็นใน #{pr} แล้ว", file=sys.stderr)
        else:
            done = forge.open_or_comment(notice.label, notice.title, notice.body)
            verb = "เปิด issue" if done["action"] == "created" else "แสดงความคิดเห็นใน issue"
            print(f"webpub notify: {verb} #{done['number']} แล้ว", file=sys.stderr)
    except ForgeError as exc:
        print(f"webpub notify: ส่งข้อความไม่สำเร็จ: {exc}", file=sys.stderr)
        return 1
    return 0
