"""Approvals: content digests, signed approval records, the PR gate and sealing.

Everything here is plain Python over the repository's files and git; the forge
(GitHub) only appears as recorded review payloads passed in by the workflows.
"""

from webpub.messages import t

NAMESPACE = "webpub-approval"
ROLES = ("director", "web_head", "webmaster")

# The role names readers see: the catalogue's, with the id a maintainer types in brackets.
ROLE_TH = {role: f"{t('roles.' + role)} ({role})" for role in (*ROLES, "maintainer")}
