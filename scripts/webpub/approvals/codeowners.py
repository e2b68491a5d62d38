"""``.github/CODEOWNERS`` generated from ``schema/organization.yml``.

GitHub applies the last matching line. Maintainers own everything by default (the
gate, too, denies by default: every change outside ``content/`` needs a maintainer)
and, last, the code and configuration paths named again for clarity; the web head(s)
own ``content/``. Directors are not owners of paths (an item's division is in its
frontmatter, not its folder): the gate's summary names and mentions them.
"""

from __future__ import annotations

from webpub.approvals.org import Org
from webpub.messages import t

CODE_PATHS = ("mkdocs.yml", "pyproject.toml", "hooks/", "scripts/", "schema/", ".github/")

HEADER_EN = "# Generated from schema/organization.yml by `webpub codeowners --write`; do not edit by hand.\n"


def handles(org: Org, people: list[str]) -> str:
    out = []
    for person in people:
        login = (org.people.get(person) or {}).get("forge_login")
        if login:
            out.append(f"@{login}")
    return " ".join(out)


def codeowners_text(org: Org) -> str:
    maintainers = handles(org, org.role_members("maintainer"))
    web_heads = handles(org, org.role_members("web_head"))
    lines = [t("approvals.codeowners_header") + "\n" + HEADER_EN, t("approvals.codeowners_default"), f"*  {maintainers}", "",
             t("approvals.codeowners_content", web_head=t("roles.web_head")),
             f"/content/  {web_heads}", "",
             t("approvals.codeowners_code")]
    for path in CODE_PATHS:
        lines.append(f"/{path}  {maintainers}")
    return "\n".join(lines) + "\n"
