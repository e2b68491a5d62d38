"""The officer's own check (step 1 of the guideline): the item's officer asks for it.

Chosen: **the pull request's author is matched to the item's ``owner.officer``** through
``schema/organization.yml`` (``forge_id`` first, then ``forge_login``, as for reviewers),
rather than a separate ``prepared`` record the officer would sign. Opening the request
from the template (the request-to-publish form, with its completeness checklist) is the
officer's declaration, every officer already has a forge account and most have no
signing key, and the gate already reads the pull request. When a colleague opened it
(an officer on leave, a webmaster fixing a typo), the item's officer confirms by an
approving review of the current content instead. Either way the gate requires it
(WP222) and the bot keeps who, how and when in the publication's decision record
(``webpub.approvals.decisions``), which fills the officer's block of the form.

The pull request is GitHub's ``GET /repos/{owner}/{repo}/pulls/{n}`` payload:
``{number, html_url, created_at, user: {id, login}}``.
"""

from __future__ import annotations

from webpub.approvals.org import Org
from webpub.messages import t


def author_person(pull: dict, org: Org) -> str | None:
    user = pull.get("user") if isinstance(pull.get("user"), dict) else {}
    return org.person_for_user(user) if user else None


def check(verdict, pull: dict, reviews: list[dict], org: Org, current) -> None:
    """Set ``verdict.prepared`` ({person, how, at}) or add the WP222 block."""
    officer = verdict.officer
    author = author_person(pull, org)
    if officer and author == officer:
        verdict.prepared = {"person": officer, "how": "author", "at": str(pull.get("created_at") or "")}
        return
    for review in reviews:
        if (review.get("state") == "APPROVED" and org.person_for_user(review.get("user") or {}) == officer
                and officer and current(review)):
            verdict.prepared = {"person": officer, "how": "review", "at": str(review.get("submitted_at") or "")}
            return
    verdict.blocking.append(t("review.officer_missing", officer=org.mention(officer) if officer else "—",
                              author=org.name(author) if author else str((pull.get("user") or {}).get("login") or "—")))
