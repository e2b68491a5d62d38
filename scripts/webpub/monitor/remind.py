"""Reminders: one Thai message per owner, for the workflow to post as an issue or comment.

An owner is a division and an officer (items) or a division alone (scheduled
obligations). A message lists what needs doing: items whose publication period has
ended or ends within the window, items past their review date, and obligations that
are overdue or fall due within the window. No mail server is involved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from webpub.dates import thai_date
from webpub.messages import t
from webpub.monitor import obligations as obl
from webpub.dates import is_expired
from webpub.monitor.periods import is_expiring, is_stale
from webpub.monitor.report import Site, occurrence_entry

MARKER = "<!-- webpub-reminder:{key} -->"
MAX_LISTED = 60  # a GitHub issue body holds at most 65,536 characters


@dataclass
class Task:
    path: str  # content path, or the obligation entry id
    title: str
    what: str  # Thai: what to do
    when: dt.date | None


@dataclass
class Message:
    division: str
    officer: str
    tasks: list[Task] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.division}/{self.officer}" if self.officer else self.division


def item_tasks(site: Site):
    """(owner, task) for every item that needs its owner's attention."""
    today, within = site.today, site.within
    for item in site.all_items:  # drafts too: their owners still need to hear about them
        if not item.readable or item.withdrawn:
            continue
        owner = (item.division, item.officer)
        if item.bad_dates:
            yield owner, Task(item.path, item.title,
                              t("monitor.task_bad_dates", fields=", ".join(item.bad_dates)), None)
            continue
        if is_expired(item.expiry, today):
            yield owner, Task(item.path, item.title,
                              t("monitor.task_expired"), item.expiry)
        elif is_expiring(item, today, within):
            yield owner, Task(item.path, item.title,
                              t("monitor.task_expiring"), item.expiry)
        if is_stale(item, today):
            yield owner, Task(item.path, item.title,
                              t("monitor.task_stale"), item.review_by)


def obligation_tasks(site: Site, since: dt.date | None = None):
    """(owner, task) for obligations overdue or due within the window."""
    first = obl.window_start(site.data, site.today, since)
    horizon = site.today + dt.timedelta(days=site.within)
    for ob in site.data.get("obligations") or []:
        for occurrence in obl.occurrences(ob, first, site.today):
            entry = occurrence_entry(site, occurrence)
            if entry.status == "overdue":
                what = t("monitor.task_overdue")
            elif entry.status == "missing" and occurrence.due <= horizon:
                what = t("monitor.task_due_soon")
            else:
                continue
            yield (entry.division, ""), Task(entry.id, entry.title, what, occurrence.due)


def build(site: Site, since: dt.date | None = None) -> list[Message]:
    messages: dict[tuple[str, str], Message] = {}
    for owner, task in [*item_tasks(site), *obligation_tasks(site, since)]:
        messages.setdefault(owner, Message(*owner)).tasks.append(task)
    return [messages[k] for k in sorted(messages)]


def _person(site: Site, person_id: str) -> dict:
    return site.repo.people.get(person_id) or {}


def recipients(site: Site, message: Message) -> list[str]:
    """Forge logins to mention: the officer, else the division's directors."""
    ids = [message.officer] if message.officer else \
        list((site.repo.divisions.get(message.division) or {}).get("directors") or [])
    return [p["forge_login"] for p in map(lambda i: _person(site, i), ids) if p.get("forge_login")]


def title(site: Site, message: Message) -> str:
    division = (site.repo.divisions.get(message.division) or {}).get("name_th", message.division)
    person = _person(site, message.officer).get("name_th", message.officer)
    who = t("monitor.owner", division=division, officer=person) if message.officer else division
    return t("monitor.title", who=who)


def markdown(site: Site, message: Message) -> str:
    mentions = " ".join(f"@{login}" for login in recipients(site, message))
    lines = [MARKER.format(key=message.key), "",
             t("monitor.dear", mentions=mentions).rstrip(), "",
             t("monitor.intro", date=thai_date(site.today), n=len(message.tasks)), ""]
    for task in message.tasks[:MAX_LISTED]:
        when = t("monitor.task_when", date=thai_date(task.when)) if task.when else ""
        lines.append(f"- **{task.title}** — `{task.path}`{when}: {task.what}")
    hidden = len(message.tasks) - MAX_LISTED
    if hidden > 0:
        lines.append(t("monitor.more", n=f"{hidden:,}"))
    lines += ["", t("monitor.footer")]
    return "\n".join(lines) + "\n"


def as_json(site: Site, messages: list[Message]) -> dict:
    return {
        "today": site.today.isoformat(),
        "messages": [
            {
                "key": m.key,
                "division": m.division,
                "officer": m.officer or None,
                "mentions": recipients(site, m),
                "title": title(site, m),
                "body": markdown(site, m),
                "items": [
                    {"path": task.path, "title": task.title, "action": task.what,
                     "date": task.when.isoformat() if task.when else None}
                    for task in m.tasks
                ],
            }
            for m in messages
        ],
    }
