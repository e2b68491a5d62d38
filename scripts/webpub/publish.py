"""What may go on the public site: the one place that decides.

``decide(page, ctx)`` is used by the publish build, ``webpub expire`` and the
report alike, so they can never disagree. An item is publishable when it parsed,
has no error findings, carries a complete valid approval chain over its current
digest, is not withdrawn and has not expired (Asia/Bangkok).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from webpub.approvals.verify import evaluate_page
from webpub.dates import parse_iso_date


@dataclass
class Decision:
    publishable: bool
    reasons: list[str] = field(default_factory=list)  # Thai, for people
    expired: bool = False
    withdrawn: bool = False
    approved: bool = False
    trail: object = field(default=None, repr=False, compare=False)  # kept for the approval form


def effective_expiry(page, repo) -> dt.date | None:
    """``expires`` if set; else the topic's ``period_until`` date field; else published + default period."""
    explicit = parse_iso_date(page.get("expires"))
    if explicit:
        return explicit
    category = repo.categories.get(page.category or "") or {}
    topic = repo.topic(page.category or "", page.topic) or {}
    until_field = topic.get("period_until")
    if until_field:
        until = parse_iso_date(page.get(until_field))
        if until:
            return until
    days = topic.get("default_period_days", category.get("default_period_days"))
    published = parse_iso_date(page.get("published"))
    if days and published:
        return published + dt.timedelta(days=int(days))
    return None


def is_expired(page, repo, today: dt.date) -> bool:
    """Published through the end of the ``expires`` day (Bangkok), down from the next day."""
    expiry = effective_expiry(page, repo)
    return bool(expiry and today > expiry)


def approval_trail(page, ctx):
    """The page's approval trail (``webpub.approvals.verify.Trail``)."""
    return evaluate_page(page, ctx)


def decide(page, ctx) -> Decision:
    if not page.ok:
        return Decision(False, ["อ่าน frontmatter ไม่ได้"])
    repo, today = ctx.repo, ctx.today
    reasons = []
    withdrawn = page.get("withdrawn") is not None
    if withdrawn:
        reasons.append("ถอดออกจากเว็บไซต์แล้ว")
    expired = is_expired(page, repo, today)
    if expired:
        reasons.append(f"หมดระยะเวลาเผยแพร่แล้ว ({effective_expiry(page, repo)})")
    trail = approval_trail(page, ctx)
    approved = trail is not None and trail.complete
    reasons.extend(trail.reasons() if trail is not None else ["ยังไม่มีระบบตรวจการอนุมัติ"])
    ok = approved and not expired and not withdrawn
    return Decision(ok, reasons, expired=expired, withdrawn=withdrawn, approved=approved, trail=trail)
