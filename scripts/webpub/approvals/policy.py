"""The approval policy, decided once: who may approve an item in which role, in which
order, when an approval no longer counts, and which roles a change needs.

``webpub verify`` (signed records), ``webpub gate`` (pull-request reviews) and
``webpub approve`` (refusing to write what would not verify) all call these
functions, so the three can never disagree. Rule ids: WP205 (not the role's
holder), WP208 (the officer approving their own item), WP212 (out of the
guideline's order: the director certifies, then the web head permits, then the
webmaster publishes; equal times are allowed), WP201 (stale).

Which roles a change needs:

- an item put on (or changed on) the site: ผู้อำนวยการกอง (director), then
  หัวหน้ากลุ่มงานที่รับผิดชอบดูแลเว็บไซต์ (web head), then ผู้ดูแลเว็บไซต์
  (webmaster, who publishes: the publish run itself in the gate, a signed record in
  ``verify``);
- an item taken down (นำลงจากเว็บไซต์: a ``withdrawn:`` block added, or the page
  removed): the webmaster alone. The guideline gives the take-down of expired items to
  the webmaster; the director's certification and the web head's permission are about
  what goes *on* the site, and a take-down publishes nothing (``git revert`` puts the
  item back only through a normal, fully approved change).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from webpub.approvals import ROLE_TH, ROLES
from webpub.approvals.org import Org
from webpub.messages import t

PUBLISH_ROLES = ROLES                    # a signed trail on the page
REVIEW_ROLES = ("director", "web_head")  # pull-request reviews; the webmaster's part is the publish run
TAKEDOWN_ROLES = ("webmaster",)


@dataclass
class Problem:
    rule: str
    message: str
    hint: str = ""
    record: int | None = None  # index in approvals, when about one record

    def text(self) -> str:
        return f"{self.message} [{self.rule}]"


def eligibility(person: str, role: str, division: str | None, officer: str | None, org: Org) -> Problem | None:
    """Why ``person`` may not approve this item in ``role`` (None: they may)."""
    if person not in org.people:
        return Problem("WP205", t("approvals.not_in_staff", person=person), t("approvals.not_in_staff_hint"))
    if not org.holds(person, role, division):
        if role == "director":
            return Problem("WP205", t("approvals.not_the_director", who=org.name(person),
                                      division=org.division_name(division or "")),
                           t("approvals.not_the_director_hint"))
        return Problem("WP205", t("approvals.not_the_role", who=org.name(person), role=ROLE_TH[role]),
                       t("approvals.not_the_role_hint"))
    if officer and person == officer:
        return Problem("WP208", t("approvals.self_approval", who=org.name(person), officer=t("roles.officer")),
                       t("approvals.self_approval_hint"))
    return None


def is_stale(approved_digest: str | None, current_digest: str | None) -> bool:
    """An approval counts only for the exact content it was given for."""
    return current_digest is None or approved_digest != current_digest


def order_problem(earlier_role: str, earlier_person: str, earlier_at: dt.datetime, earlier_text: str,
                  later_role: str, later_person: str, later_at: dt.datetime, later_text: str,
                  org: Org) -> Problem | None:
    """The later role in the guideline's order approved before the earlier one."""
    if later_at >= earlier_at:
        return None
    return Problem(
        "WP212", t("approvals.out_of_order", later=ROLE_TH[later_role], later_who=org.name(later_person),
                   later_when=later_text, earlier=ROLE_TH[earlier_role], earlier_who=org.name(earlier_person),
                   earlier_when=earlier_text),
        t("approvals.out_of_order_hint", order=the_order()))


def the_order() -> str:
    """The guideline's order of approval, in words."""
    return t("approvals.the_order", **{role: t(f"roles.{role}") for role in ROLES})


def order_problems(chosen: list[tuple[str, str, dt.datetime, str]], org: Org) -> list[tuple[int, Problem]]:
    """``chosen``: ``(role, person, when, when_text)`` in ROLES order, one per role present.
    Returns ``(index in chosen of the later approval, problem)`` for each pair out of order."""
    out = []
    for i in range(1, len(chosen)):
        problem = order_problem(*chosen[i - 1], *chosen[i], org=org)
        if problem:
            out.append((i, problem))
    return out


def earlier_roles(role: str) -> tuple[str, ...]:
    return ROLES[:ROLES.index(role)] if role in ROLES else ()
