"""What people are told after a publish, computed from the repository and the site model.

Three notices, each data (JSON) and Thai Markdown; ``webpub.forge.issues`` only posts them:

* ``published``: each item a publish put live (a pull request's items, or those whose
  embargo ended), with its real address on the site and its request-to-publish form
  (``<page>/form/``). The address comes from the site
  model's own ``src_to_url`` and ``site_url`` in mkdocs.yml, percent-encoded, so it is
  what the site serves.
* ``taken_down``: each item that was live before and is not now (expired, withdrawn,
  embargo lifted the other way, approval no longer valid, file deleted), addressed to
  its officer and its division's directors, with the reason and the date in B.E.
* ``publish_failed``: a scheduled publish that failed, for the webmasters, with the
  failing step, the run's address and the last lines of the build's output.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import tarfile
import tempfile
import urllib.parse
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from webpub.dates import parse_iso_date, thai_date
from webpub.core.results import UsageError
from webpub.repo import Repo
from webpub.messages import t

LOG_LINES = 40
LOG_CHARS = 6000
FAILED_LABEL = "webpub-publish-failed"
TAKEN_DOWN_LABEL = "webpub-taken-down"
PUBLISHED_LABEL = "webpub-published"
# The publish workflow's step ids (publish.yml, job "build") and the deploy job; their Thai
# names are notify.step_<id> in the catalogue.
STEPS = ("checkout", "python", "install", "build", "upload", "deploy", "notify")


@dataclass
class ItemNotice:
    path: str
    title: str
    url: str
    form_url: str
    division: str
    officer: str
    logins: list[str]  # officer first, then the division's directors
    reason: str = ""
    since: str = ""  # ISO date it went down (taken_down only)
    since_th: str = ""

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class Notice:
    kind: str
    title: str
    body: str
    items: list[ItemNotice] = field(default_factory=list)
    label: str = ""

    def to_json(self) -> dict:
        return {"kind": self.kind, "title": self.title, "label": self.label, "body": self.body,
                "items": [i.to_json() for i in self.items]}


# -- addresses -------------------------------------------------------------------
def site_url(repo: Repo) -> str:
    """``site_url`` from mkdocs.yml (the address the site is served at), ending in ``/``."""
    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV, !!python/...: not needed here
    url = ""
    try:
        config = yaml.load((repo.root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader) or {}
        url = str(config.get("site_url") or "")
    except (OSError, yaml.YAMLError):
        url = ""
    url = url or str(repo.organization.get("agency", {}).get("site_url") or "")
    if not url.startswith(("https://", "http://")):
        raise UsageError(t("notify.no_site_url"))
    return url if url.endswith("/") else url + "/"


def page_url(base: str, src: str) -> str:
    """The public address of the page built from ``content/<src>``."""
    from webpub.site.model import src_to_url

    return base + urllib.parse.quote(src_to_url(src), safe="/-._~")


# -- people ----------------------------------------------------------------------
def owner_logins(repo: Repo, page) -> tuple[str, str, list[str]]:
    """(division id, officer id, GitHub logins of the officer and the division's directors)."""
    owner = page.get("owner") if page.ok else None
    owner = owner if isinstance(owner, dict) else {}
    division, officer = str(owner.get("division") or ""), str(owner.get("officer") or "")
    ids = [officer, *(repo.divisions.get(division, {}).get("directors") or [])]
    logins = []
    for person in ids:
        login = str((repo.people.get(person) or {}).get("forge_login") or "")
        if login and login not in logins:
            logins.append(login)
    return division, officer, logins


def role_logins(repo: Repo, role: str) -> list[str]:
    return [str(repo.people[p]["forge_login"]) for p in repo.roles.get(role, [])
            if (repo.people.get(p) or {}).get("forge_login")]


def _notice_item(repo: Repo, base: str, item) -> ItemNotice:
    division, officer, logins = owner_logins(repo, item.page)
    url = page_url(base, item.src)
    return ItemNotice(item.page.path, item.title, url, url + "form/", division, officer, logins)


def mentions(logins) -> str:
    return " ".join(f"@{login}" for login in dict.fromkeys(logins))


# -- the model at another commit ---------------------------------------------------
def repo_at(repo: Repo, rev: str, into: Path) -> Repo:
    """The repository's content, schema and mkdocs.yml as they were at ``rev``, unpacked into ``into``."""
    from webpub.changes import resolve

    sha = resolve(repo, rev)
    done = subprocess.run(["git", "archive", "--format=tar", sha, "--", "content", "schema", "mkdocs.yml"],
                          cwd=repo.root, capture_output=True, check=False)
    if done.returncode != 0:
        raise UsageError(t("notify.no_content_at", rev=rev, error=done.stderr.decode("utf-8", "replace")[:300]))
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
        tar.extractall(into, filter="data")
    before = Repo(into)
    # The unpacked copy has no git history: its approvals are judged with the keys and roles
    # the real repository had at ``rev`` (webpub.approvals.trust), never with the copy's own.
    from webpub.approvals.trust import Trust, TrustError, untrusted
    from webpub.approvals.verify import content_pages

    try:
        trust = Trust.at_rev(repo.root, sha, lambda: content_pages(before))
    except TrustError as exc:
        trust = untrusted(before, str(exc))
    before._cache[("trust", None)] = trust  # what Trust.of_repo(before) returns
    return before


# -- the three notices -----------------------------------------------------------------
def published(repo: Repo, today: dt.date, base: str | None, head: str = "HEAD", pr: int | None = None,
              before_today: dt.date | None = None) -> Notice:
    """The items live on the site today that a change (``base``..``head``) touched; without
    ``base``, those the calendar put up since ``before_today`` (default yesterday): an embargo
    whose day has come."""
    from webpub.changes import changed_files, touched
    from webpub.site.model import build_model

    model = build_model(repo, today, "publish")
    if base is not None:
        pages = {f"content/{i.src}": i.page for i in model.items}
        hit = touched(changed_files(repo, base, head), pages)
    else:
        before = build_model(repo, before_today or today - dt.timedelta(days=1), "publish")
        hit = {i.page.path for i in model.shown if before.item(i.src) is None}
    root = site_url(repo)
    live = [_notice_item(repo, root, i) for i in model.shown if i.page.path in hit]
    # Items the change took down are the taken-down notice's (to officer and director), not "not yet live".
    held = [(i, i.decision) for i in model.items
            if i.page.path in hit and model.item(i.src) is None and not i.decision.withdrawn]
    lines = []
    if live:
        lines.append(t("notify.published_line", mentions=mentions(l for i in live for l in i.logins[:1]),
                       n=len(live), date=thai_date(today)).lstrip())
        if base is None:
            lines.append(t("notify.published_by_date"))
        lines.append("")
        for n in live:
            lines.append(t("notify.published_item", title=n.title, url=n.url, form=t("approvals.form_name"),
                           form_url=n.form_url))
    else:
        lines.append(t("notify.published_none", date=thai_date(today)))
    if held:
        lines += ["", t("notify.held_heading")]
        for item, decision in held:
            why = "; ".join(decision.reasons) or t("notify.held_reason")
            lines.append(t("notify.held_item", title=item.title, path=item.page.path, why=why))
    title = t("notify.published_title_pr", pr=pr) if pr else t("notify.published_title", date=thai_date(today))
    return Notice("published", title, "\n".join(lines) + "\n", live, PUBLISHED_LABEL)


def taken_down(repo: Repo, today: dt.date, before_rev: str | None = None,
               before_today: dt.date | None = None) -> Notice:
    """Items live in the previous build (``before_rev`` at ``before_today``; default: this
    commit yesterday) that are not live today, each with the reason and its owners."""
    from webpub.site.model import build_model

    before_today = before_today or today - dt.timedelta(days=1)
    with tempfile.TemporaryDirectory(prefix="webpub-before-") as tmp:
        before_repo = repo_at(repo, before_rev, Path(tmp)) if before_rev else repo
        before = build_model(before_repo, before_today, "publish")
        was_live = [(i.src, i.title, i.page) for i in before.shown]
    after = build_model(repo, today, "publish")
    root = site_url(repo)
    items = []
    for src, old_title, old_page in was_live:
        if after.item(src) is not None:
            continue
        now = next((i for i in after.items if i.src == src), None)
        reason, since = _why_down(repo, now, today)
        division, officer, logins = owner_logins(repo, now.page if now else old_page)
        url = page_url(root, src)
        items.append(ItemNotice(f"content/{src}", now.title if now else old_title, url, url + "form/",
                                division, officer, logins, reason, since.isoformat(), thai_date(since)))
    title = t("notify.taken_down_title", date=thai_date(today))
    lines = [t("notify.taken_down_intro", date=thai_date(today)), ""]
    for n in items:
        lines.append(t("notify.taken_down_item", mentions=mentions(n.logins), title=n.title, url=n.url,
                       since=n.since_th, reason=n.reason).replace("-  **", "- **", 1))
    if not items:
        lines.append(t("notify.taken_down_none"))
    return Notice("taken_down", title, "\n".join(lines) + "\n", items, TAKEN_DOWN_LABEL)


def _why_down(repo: Repo, item, today: dt.date) -> tuple[str, dt.date]:
    from webpub.publish import effective_expiry

    if item is None:
        return t("notify.why_deleted"), today
    withdrawn = item.page.get("withdrawn") if item.page.ok else None
    if withdrawn is not None:
        block = withdrawn if isinstance(withdrawn, dict) else {}
        on = parse_iso_date(block.get("on")) or today
        reason = str(block.get("reason") or "").strip() or t("notify.why_withdrawn", webmaster=t("roles.webmaster"))
        return reason, on
    if item.decision.expired:
        expiry = effective_expiry(item.page, repo)
        if expiry:
            return t("notify.why_expired_on", date=thai_date(expiry)), expiry + dt.timedelta(days=1)
        return t("notify.why_expired"), today
    return "; ".join(item.decision.reasons) or t("notify.why_not_eligible"), today


MAX_CATCH_UP_DAYS = 31


def previous_publish_day(run: dict | None, today: dt.date) -> dt.date:
    """The Bangkok day of the last successful scheduled publish (a run the forge reported), so a
    day GitHub skipped is still announced; yesterday when there is none, at most a month back."""
    from webpub.dates import today_bangkok

    started = str((run or {}).get("run_started_at") or (run or {}).get("created_at") or "")
    try:
        day = today_bangkok(dt.datetime.fromisoformat(started.replace("Z", "+00:00")))
    except ValueError:
        return today - dt.timedelta(days=1)
    if day >= today:
        return today - dt.timedelta(days=1)
    return max(day, today - dt.timedelta(days=MAX_CATCH_UP_DAYS))


def failed_step(steps: dict, deploy_result: str = "", notify_result: str = "") -> str:
    """The id of the first failed step of the build job (``toJSON(steps)``), else the job that failed."""
    for step_id, state in (steps or {}).items():
        if isinstance(state, dict) and "failure" in (state.get("outcome"), state.get("conclusion")):
            return step_id
    if deploy_result == "failure":
        return "deploy"
    if notify_result == "failure":
        return "notify"
    return ""


def log_tail(text: str) -> str:
    lines = (text or "").rstrip("\n").splitlines()[-LOG_LINES:]
    tail = "\n".join(lines)
    return tail[-LOG_CHARS:]


def publish_failed(repo: Repo, today: dt.date, step: str, run_url: str, log: str, event: str = "schedule") -> Notice:
    """One issue for the webmasters (the same title every time: later failures comment on it)."""
    step_th = t(f"notify.step_{step}") if step in STEPS else step or t("notify.step_unknown")
    when = t("notify.failed_scheduled") if event == "schedule" else t("notify.failed_manual")
    tail = log_tail(log)
    fence = "`" * max(3, _longest_backtick_run(tail) + 1)
    lines = [
        t("notify.failed_line", mentions=mentions(role_logins(repo, "webmaster")), when=when,
          date=thai_date(today)).lstrip(),
        "",
        t("notify.failed_step", step=step_th),
        t("notify.failed_run", url=run_url),
        "",
        t("notify.failed_next"),
    ]
    if tail:
        lines += ["", t("notify.failed_log"), "", fence, tail, fence]
    return Notice("publish_failed", t("notify.failed_title"), "\n".join(lines) + "\n", [], FAILED_LABEL)


def _longest_backtick_run(text: str) -> int:
    longest = run = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    return longest


def dumps(notice: Notice) -> str:
    return json.dumps(notice.to_json(), ensure_ascii=False, indent=2) + "\n"
