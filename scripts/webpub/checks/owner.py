"""WP008: ``owner.division`` is a division and ``owner.officer`` a person in ``schema/organization.yml``.

Whether the officer belongs to that division is WP028 (a warning by default),
so an agency can make it strict or loose in ``schema/rules.yml``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from webpub.content.catrules import division_list_th, people_list_th, people_of
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP008"
NAME = "owner"
DESCRIPTION = t("checks.owner_description")


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    repo = ctx.repo
    division = page.get("owner", "division")
    officer = page.get("owner", "officer")
    if isinstance(division, str) and division not in repo.divisions:
        yield page.finding(ID, page.line_of("owner", "division"), t("checks.owner_no_division", division=division),
                           t("checks.owner_no_division_hint", suggestion=_suggest(division, list(repo.divisions)),
                             divisions=division_list_th(repo)))
    if isinstance(officer, str) and officer not in repo.people:
        members = people_of(repo, division) if isinstance(division, str) else []
        listed = (t("checks.owner_division_people", people=people_list_th(members)) if members
                  else t("checks.owner_people_where"))
        yield page.finding(ID, page.line_of("owner", "officer"), t("checks.owner_no_officer", officer=officer),
                           t("checks.owner_no_officer_hint", suggestion=_suggest(officer, list(repo.people)),
                             listed=listed, maintainer=t("roles.maintainer")))


def _suggest(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return t("checks.did_you_mean", value=close[0]) if close else ""
