"""Returns and refusals are decisions with reasons (the guideline's two feedback paths).

On the forge both are a "Request changes" review, and the review's text is the reason:

* **returned** (ส่งกลับให้แก้ไข): the director, or the web head, sends the item back for
  correction. The officer corrects it and asks again; the pull request stays open.
* **refused** (ไม่อนุญาตให้เผยแพร่): the web head refuses permission. The review's first
  line starts with ``ไม่อนุญาต`` (or ``/refuse``), the reason follows. A refusal is final
  for that pull request: the gate never passes it again (WP221), the bot records it
  (``webpub record``, ``webpub.approvals.decisions``) and the owner is told with the reason.
  A refusal marker written by anyone but a web head is a return.

A Request changes without a reason is refused by the gate (WP220): the owner could not
act on it, and the guideline requires the reasons to be passed on.
"""

from __future__ import annotations

from webpub.approvals.org import Org
from webpub.messages import t
from webpub.core.registry import Rule

RULES = tuple(Rule(rid, name, t(f"review.rule_{rid.lower()}"), __name__) for rid, name in (
    ("WP220", "gate-reason-required"),
    ("WP221", "gate-refused"),
    ("WP222", "gate-officer-check"),
))

REFUSE_MARKS = ("ไม่อนุญาต", "/refuse")  # catalogue-exempt: what a web head types to mark a refusal
RETURNED, REFUSED = "returned", "refused"


def split_reason(body: str) -> tuple[bool, str]:
    """(marked as a refusal, the reason without the marker)."""
    text = (body or "").strip()
    for mark in REFUSE_MARKS:
        if text.startswith(mark):
            return True, text[len(mark):].lstrip(" :：-—\t\r\n").strip()
    return False, text


def classify(review: dict, person: str, org: Org) -> dict:
    """A Request changes review as a decision: ``{kind, reason, empty, role}``."""
    marked, reason = split_reason(review.get("body") or "")
    web_head = person in org.role_members("web_head")
    kind = REFUSED if marked and web_head else RETURNED
    directors = {d for div in org.divisions.values() for d in div.get("directors") or []}
    role = "web_head" if web_head else "director" if person in directors else ""
    return {"kind": kind, "reason": reason, "empty": not reason, "role": role}


def kind_th(kind: str) -> str:
    return t(f"review.kind_{kind}")
