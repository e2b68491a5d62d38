"""E-mail for the notices people must act on, beside the forge's comments and issues.

The notices themselves are decided elsewhere, once: after a publish (``webpub.notify``:
published with the address, taken down with the reason, a failed publish), a return or a
refusal with its reason (``webpub.approvals.decisions``) and reminders
(``webpub.monitor.remind``). This module only turns each into a message for the people it
concerns and sends it:

* the item's officer (เจ้าหน้าที่ผู้รับผิดชอบการให้ข้อมูล) is the recipient, with the
  division's directors (and the division's mailbox, ``email`` in ``schema/organization.yml``)
  in copy; a refusal is copied to the webmasters too; a failed publish goes to the webmasters;
* addresses come only from ``schema/organization.yml``; the server from the environment:
  ``WEBPUB_SMTP_HOST`` (required), ``WEBPUB_SMTP_PORT``, ``WEBPUB_SMTP_SECURITY``
  (``starttls`` by default, ``ssl`` or ``none``), ``WEBPUB_SMTP_USER``/``WEBPUB_SMTP_PASSWORD``
  and ``WEBPUB_SMTP_FROM`` (default: the agency's ``email``);
* every message is Thai, UTF-8, a plain-text part first and an HTML alternative (no script,
  no remote image, no inline style).
"""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from html import escape

from webpub.messages import t
from webpub.core.results import UsageError


@dataclass
class SmtpSettings:
    host: str
    port: int
    security: str = "starttls"
    user: str = ""
    password: str = ""
    sender: str = ""
    timeout: float = 30.0

    @classmethod
    def from_env(cls, repo=None, env=None) -> "SmtpSettings":
        env = os.environ if env is None else env
        host = env.get("WEBPUB_SMTP_HOST", "").strip()
        if not host:
            raise UsageError(t("mail.no_host"))
        security = (env.get("WEBPUB_SMTP_SECURITY") or "starttls").strip().lower()
        if security not in ("starttls", "ssl", "none"):
            raise UsageError(t("mail.bad_security", value=security))
        default_port = {"starttls": 587, "ssl": 465, "none": 25}[security]
        try:
            port = int(env.get("WEBPUB_SMTP_PORT") or default_port)
        except ValueError:
            raise UsageError(t("mail.bad_port", value=env.get("WEBPUB_SMTP_PORT"))) from None
        agency = ((repo.organization if repo is not None else {}).get("agency") or {})
        sender = env.get("WEBPUB_SMTP_FROM") or str(agency.get("email") or "")
        if not sender:
            raise UsageError(t("mail.no_sender"))
        return cls(host, port, security, env.get("WEBPUB_SMTP_USER", ""), env.get("WEBPUB_SMTP_PASSWORD", ""),
                   formataddr((str(agency.get("short_th") or "webpub"), sender)) if "<" not in sender else sender)


@dataclass
class Mail:
    kind: str
    to: list[str]
    subject: str
    lines: list[str]  # plain-text paragraphs; URLs become links in the HTML part
    cc: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n\n" + t("mail.footer", webmaster=t("roles.webmaster")) + "\n"

    def html(self) -> str:
        def para(line: str) -> str:
            words = [f'<a href="{escape(w)}">{escape(w)}</a>' if w.startswith("https://") else escape(w)
                     for w in line.split(" ")]
            return f"<p>{' '.join(words)}</p>" if line else ""
        body = "".join(para(line) for line in self.lines)
        return (f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>{escape(self.subject)}</title>'
                f"</head><body>{body}<p>{escape(t('mail.footer', webmaster=t('roles.webmaster')))}</p></body></html>\n")


# -- addresses -------------------------------------------------------------------------
def person_email(repo, person: str) -> str:
    return str((repo.people.get(person) or {}).get("email") or "")


def owners(repo, division: str, officer: str) -> tuple[list[str], list[str]]:
    """(to: the officer, else the directors; cc: the directors and the division's mailbox)."""
    entry = repo.divisions.get(division) or {}
    directors = [person_email(repo, p) for p in entry.get("directors") or []]
    cc = [a for a in [*directors, str(entry.get("email") or "")] if a]
    to = [a for a in [person_email(repo, officer)] if a] if officer else []
    if not to:
        to, cc = cc[:1], cc[1:]
    return to, [a for a in dict.fromkeys(cc) if a not in to]


def webmasters(repo) -> list[str]:
    return [a for a in (person_email(repo, p) for p in repo.roles.get("webmaster", [])) if a]


# -- notices as mail ------------------------------------------------------------------
def _grouped(items):
    groups: dict[tuple[str, str], list] = {}
    for item in items:
        groups.setdefault((item.division, item.officer), []).append(item)
    return groups.items()


def notice_mails(repo, notice) -> list[Mail]:
    """Mail for a ``webpub.notify.Notice``: one per owner for published and taken-down items,
    one to the webmasters for a failed publish."""
    if notice.kind == "publish_failed":
        return [Mail(notice.kind, webmasters(repo), notice.title, notice.body.strip().splitlines())] if webmasters(repo) else []
    mails = []
    for (division, officer), items in _grouped(notice.items):
        to, cc = owners(repo, division, officer)
        if not to:
            continue
        lines = [t("mail.greeting", name=repo.people.get(officer, {}).get("name_th", officer) if officer else
                   repo.divisions.get(division, {}).get("name_th", division)), ""]
        if notice.kind == "published":
            lines.append(t("mail.published_intro", n=len(items)))
            form_name = t("approvals.form_name")
            lines += [t("mail.published_item", title=i.title, url=i.url, form_name=form_name, form=i.form_url)
                      for i in items]
            subject = t("mail.published_subject", n=len(items))
        else:
            lines.append(t("mail.taken_down_intro", n=len(items)))
            lines += [t("mail.taken_down_item", title=i.title, url=i.url, since=i.since_th, reason=i.reason) for i in items]
            subject = t("mail.taken_down_subject", n=len(items))
        mails.append(Mail(notice.kind, to, subject, lines, cc))
    return mails


def decision_mails(repo, records) -> list[Mail]:
    """Mail for returns and refusals (``webpub.approvals.decisions.Decision``), with the reason."""
    from webpub.approvals import ROLE_TH
    from webpub.approvals.org import Org
    from webpub.dates import BANGKOK, thai_date

    org = Org(repo.organization)
    mails = []
    for d in records:
        if d.decision not in ("returned", "refused"):
            continue
        to, cc = owners(repo, d.division, d.officer)
        if d.decision == "refused":
            cc = [a for a in dict.fromkeys([*cc, *webmasters(repo)]) if a not in to]
        when = thai_date(d.when.astimezone(BANGKOK).date()) if d.when else "–"
        lines = [t("mail.greeting", name=org.people.get(d.officer, {}).get("name_th", d.officer or d.division)), "",
                 t(f"mail.{d.decision}_intro", title=d.title or d.item, who=org.name(d.person),
                   role=ROLE_TH.get(d.role, d.role), when=when), "",
                 t("mail.reason", reason=d.reason), ""]
        if d.pr_url:
            lines.append(t("mail.pr", url=d.pr_url))
        lines.append(t(f"mail.{d.decision}_next"))
        mails.append(Mail(d.decision, to, t(f"mail.{d.decision}_subject", title=d.title or d.item), lines, cc))
    return mails


def reminder_mails(site, messages) -> list[Mail]:
    """Mail for ``webpub remind``'s messages: the officer (else the directors), directors in copy."""
    from webpub.dates import thai_date
    from webpub.monitor import remind

    mails = []
    for message in messages:
        to, cc = owners(site.repo, message.division, message.officer)
        if not to:
            continue
        lines = [t("mail.reminder_intro", day=thai_date(site.today), n=len(message.tasks)), ""]
        for task in message.tasks[:remind.MAX_LISTED]:
            when = f" ({thai_date(task.when)})" if task.when else ""
            lines.append(f"- {task.title}{when}: {task.what}")
        mails.append(Mail("reminder", to, remind.title(site, message), lines, cc))
    return mails


# -- sending ----------------------------------------------------------------------------
def compose(mail: Mail, settings: SmtpSettings) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = ", ".join(mail.to)
    if mail.cc:
        message["Cc"] = ", ".join(mail.cc)
    message["Subject"] = mail.subject
    message["Message-ID"] = make_msgid(domain=settings.sender.rsplit("@", 1)[-1].strip(">") or None)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(mail.text(), charset="utf-8")
    message.add_alternative(mail.html(), subtype="html", charset="utf-8")
    return message


def send(mails: list[Mail], settings: SmtpSettings) -> int:
    """Send every mail over one connection; the number sent. Refusals raise UsageError in Thai."""
    if not mails:
        return 0
    try:
        if settings.security == "ssl":
            server = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                      context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with server:
            if settings.security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if settings.user:
                server.login(settings.user, settings.password)
            for mail in mails:
                server.send_message(compose(mail, settings))
    except (OSError, smtplib.SMTPException) as exc:
        raise UsageError(t("mail.send_failed", host=settings.host, port=settings.port, why=exc)) from None
    return len(mails)
