"""WP026: no symbolic links under ``content/``.

A link could make the site publish a file from outside the item (or outside the
repository) that no approval covered. Judged on the path itself before anything is
read, so the engine calls :func:`check_path` first and reads nothing behind a link.
"""

from __future__ import annotations

import os

from webpub.core.results import Finding
from webpub.messages import t

ID = "WP026"
NAME = "no-symlinks"
DESCRIPTION = t("checks.symlinks_description")


def check_path(rel: str, abspath) -> list[Finding]:
    """WP026 if ``abspath`` is a symbolic link (never followed), else nothing."""
    if not os.path.islink(abspath):
        return []
    return [Finding(rel, 1, ID, t("checks.symlinks"), t("checks.symlinks_hint"), "error")]
