"""What may go on the public site: the one place that decides.

``decide(page, ctx)`` is used by the publish build, ``webpub expire`` and the
report alike, so they can never disagree. An item is publishable when it parsed,
every date in it is one WP006 accepts (fail closed), it has no ``[[กรอก: …]]``
placeholder left, it carries a complete valid approval chain over its current
digest, its ``published`` day has come and it is neither withdrawn nor expired
(all days in Asia/Bangkok).

An item that *was* published and then left (expired, or withdrawn after it had
been approved) gets a short notice at its address instead (``Decision.notice``),
so links to it keep working; an item that never went up gets nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from webpub.content import fmschema
from webpub.approvals.digest import Parsed, body_bytes
from webpub.approvals.verify import Trust, evaluate, evaluate_page, worktree_reader
from webpub.content.catrules import PLACEHOLDER
from webpub.dates import date_problem, is_embargoed, is_expired, parse_iso_date, thai_date
from webpub.messages import t


@dataclass
class Decision:
    publishable: bool
    reasons: list[str] = field(default_factory=list)  # Thai, for people
    expired: bool = False
    withdrawn: bool = False
    approved: bool = False
    embargoed: bool = False
    trail: object = field(default=None, repr=False, compare=False)  # kept for the approval form
    notice: bool = False  # taken down after it was published: its address shows a notice
    taken_down_on: dt.date | None = None  # the Bangkok day it left the site
    notice_reason: str = ""  # why, in Thai, for the notice page


def effective_expiry(page, repo) -> dt.date | None:
    """``expires`` if set; else the topic's ``period_until`` date field; else published + default period.

    A field that is set but holds no valid date gives None, not a guess from the next
    rule: the item is then not publishable (``date_problems``) and needs its owner."""
    return expiry_with_source(page, repo)[0]


def expiry_with_source(page, repo) -> tuple[dt.date | None, str | None]:
    """The effective expiry and the key it comes from: ``expires``, the topic's
    ``period_until`` field name, or ``default_period_days`` (None when no rule applies)."""
    if page.get("expires") is not None:
        return parse_iso_date(page.get("expires")), "expires"
    category = repo.categories.get(page.category or "") or {}
    topic = repo.topic(page.category or "", page.topic) or {}
    until_field = topic.get("period_until")
    if until_field and page.get(until_field) is not None:
        return parse_iso_date(page.get(until_field)), str(until_field)
    days = topic.get("default_period_days", category.get("default_period_days"))
    published = parse_iso_date(page.get("published"))
    if days and published:
        return published + dt.timedelta(days=int(days)), "default_period_days"
    return None, None


def expiry_key(page, repo) -> str:
    """The frontmatter key a finding about the expiry points at: the source of the
    effective expiry (``published`` for a default period)."""
    source = expiry_with_source(page, repo)[1]
    return "published" if source in (None, "default_period_days") else source


def review_date(page, repo) -> dt.date | None:
    """When the owner must next confirm the item is current: ``review_by`` if set; else,
    for a standing page (no publication period), the last change (``updated`` or
    ``published``) plus the topic's or category's ``review_days``. WP015, ``report``
    and ``remind`` all use this."""
    explicit = parse_iso_date(page.get("review_by"))
    if explicit:
        return explicit
    if effective_expiry(page, repo) is not None:
        return None
    category = repo.categories.get(page.category or "") or {}
    topic = repo.topic(page.category or "", page.topic) or {}
    days = topic.get("review_days", category.get("review_days"))
    changed = parse_iso_date(page.get("updated")) or parse_iso_date(page.get("published"))
    if days and changed:
        return changed + dt.timedelta(days=int(days))
    return None


def date_problems(page, repo) -> list[str]:
    """Names of the date fields WP006 refuses (empty when every date reads); kept on the
    page, since the decision and the monitor both ask."""
    kept = page._bad_dates
    if kept is not None and kept[0] is repo:
        return kept[1]
    bad = []
    for path, value in fmschema.date_values(page.meta or {}, repo.frontmatter_schema):
        if value is None:
            continue
        if not isinstance(value, str) or date_problem(value) is not None:
            bad.append(".".join(str(p) for p in path))
    page._bad_dates = (repo, bad)
    return bad


def has_placeholder(page) -> bool:
    """A ``[[กรอก: …]]`` left by ``webpub new`` anywhere in the frontmatter or body."""
    if PLACEHOLDER.search(page.body or ""):
        return True
    stack = [page.meta]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str) and PLACEHOLDER.search(value):
            return True
    return False


def approval_trail(page, ctx):
    """The page's approval trail (``webpub.approvals.verify.Trail``)."""
    return evaluate_page(page, ctx)


def approved_before_withdrawal(page, ctx) -> bool:
    """Whether the item minus its ``withdrawn`` block carries a complete approval chain:
    it was on the site before the take-down (adding the block changes the digest)."""
    raw = page.raw or b""
    if not raw.startswith(b"---\n") or b"\r" in raw:
        return False
    meta = {k: v for k, v in page.meta.items() if k != "withdrawn"}
    try:
        trail = evaluate(page.path, raw, worktree_reader(ctx.repo.root), Trust.of_repo(ctx.repo),
                         parsed=Parsed(meta=meta, body=body_bytes(raw)))
    except Exception:  # noqa: BLE001 - fail closed: no notice, the item simply stays off the site
        return False
    return trail.complete


def _withdrawn_reason(block) -> str:
    reason = block.get("reason") if isinstance(block, dict) else None
    return str(reason).strip() if isinstance(reason, str) and reason.strip() else t("build.notice.withdrawn")


def decide(page, ctx) -> Decision:
    if not page.ok:
        return Decision(False, [t("build.reason.unreadable")])
    today = ctx.today
    item = ctx.item(page)
    reasons = []
    bad_dates = item.bad_dates
    if bad_dates:
        reasons.append(t("build.reason.bad_dates", fields=", ".join(bad_dates)))
    placeholder = has_placeholder(page)
    if placeholder:
        reasons.append(t("build.reason.placeholder"))
    withdrawn_block = page.get("withdrawn")
    withdrawn = withdrawn_block is not None
    if withdrawn:
        reasons.append(t("build.reason.withdrawn"))
    expiry = item.expiry
    expired = is_expired(expiry, today)
    if expired:
        reasons.append(t("build.reason.expired", date=thai_date(expiry)))
    published = item.published
    embargoed = is_embargoed(published, today)
    if embargoed:
        reasons.append(t("build.reason.embargoed", date=thai_date(published)))
    try:
        trail = approval_trail(page, ctx)
    except Exception:  # noqa: BLE001 - fail closed: an item whose trail cannot be checked is a draft
        trail, trail_reasons = None, [t("build.reason.trail_unreadable")]
    else:
        trail_reasons = trail.reasons() if trail is not None else [t("build.reason.no_trail")]
    approved = trail is not None and trail.complete
    reasons.extend(trail_reasons)
    sound = not bad_dates and not placeholder
    ok = sound and approved and not expired and not withdrawn and not embargoed
    decision = Decision(ok, reasons, expired=expired, withdrawn=withdrawn, approved=approved,
                        embargoed=embargoed, trail=trail)
    if sound and not embargoed and published is not None:
        if withdrawn and approved_before_withdrawal(page, ctx):
            on = parse_iso_date(withdrawn_block.get("on")) if isinstance(withdrawn_block, dict) else None
            decision.notice, decision.taken_down_on = True, on or today
            decision.notice_reason = _withdrawn_reason(withdrawn_block)
        elif not withdrawn and expired and approved:
            decision.notice, decision.taken_down_on = True, expiry + dt.timedelta(days=1)
            decision.notice_reason = t("build.notice.expired", date=thai_date(expiry))
    return decision


def decision_days(page, repo) -> set[dt.date]:
    """The Bangkok days on which ``decide`` may answer differently than the day before:
    the ``published`` day (an embargo lifts) and the day after the effective expiry (the
    item goes down). Between two such days every decision about the page is the same, so
    a daily publish changes the site only on these days."""
    if not page.ok:
        return set()
    days = set()
    published = parse_iso_date(page.get("published"))
    if published:
        days.add(published)
    expiry = effective_expiry(page, repo)
    if expiry:
        days.add(expiry + dt.timedelta(days=1))
    return days
