"""WP028: the owner officer works in the owner division.

The guideline has each division's director assign the officers who prepare its
items, and it is that director who approves; an officer from another division
is usually a copy-paste slip. It stays a warning by default (``schema/rules.yml``)
because shared work across divisions does happen.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.content.catrules import people_list_th, people_of
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP028"
NAME = "officer-division"
DESCRIPTION = t("checks.officer_division_description")


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    repo = ctx.repo
    division = page.get("owner", "division")
    officer = page.get("owner", "officer")
    if not (isinstance(division, str) and isinstance(officer, str)):
        return  # missing or not text: WP005
    if division not in repo.divisions or officer not in repo.people:
        return  # unknown ids are WP008's finding
    home = repo.people[officer].get("division")
    if home == division:
        return
    home_name = (repo.divisions.get(home) or {}).get("name_th", home)
    yield page.finding(
        ID, page.line_of("owner", "officer"),
        t("checks.officer_division", officer=officer, home=home_name,
          division=repo.divisions[division].get("name_th", division)),
        t("checks.officer_division_hint", home=home_name, home_id=home,
          people=people_list_th(people_of(repo, division))),
    )
