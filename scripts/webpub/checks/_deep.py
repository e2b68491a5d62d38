"""The deep attachment rules that report one kind of inspector issue, declared in one table.

An inspector (``webpub.files.pdf``, ``.office``, ``.archive``, ``.image``, ``.text``) reads
an attachment once, within bounds, and tags every issue it finds with its rule id; each
rule below reports the issues of its own id (``webpub.files.findings_for``). The rule's
home is the inspector that decides it; its name and description are here, its severity in
``schema/rules.yml``. Deep rules with more logic of their own (PDPA in attachments, open
data) are modules ``checks/deep_*.py`` like every other rule.
"""

from __future__ import annotations

from webpub.files import findings_for
from webpub.core.registry import Rule
from webpub.messages import t


class _IssuesOf:
    """``check_asset`` of one deep rule: the inspection's issues tagged with its id."""

    __slots__ = ("rule",)

    def __init__(self, rule: str):
        self.rule = rule

    def __call__(self, asset, ctx):
        return findings_for(asset, ctx, self.rule)


def _deep(rule_id: str, name: str, home: str) -> Rule:
    """The rule; its description is ``attachments.<name>_description`` in the catalogue."""
    description = t(f"attachments.{name.replace('-', '_')}_description")
    return Rule(rule_id, name, description, home, asset_check=_IssuesOf(rule_id))


RULES: tuple[Rule, ...] = (
    _deep("WP100", "pdf-active-content", "webpub.files.pdf"),
    _deep("WP101", "pdf-embedded-file", "webpub.files.pdf"),
    _deep("WP102", "pdf-encrypted", "webpub.files.pdf"),
    _deep("WP103", "pdf-bomb", "webpub.files"),
    _deep("WP110", "office-macro", "webpub.files.office"),
    _deep("WP111", "office-external-relationship", "webpub.files.office"),
    _deep("WP112", "office-masquerade", "webpub.files.office"),
    _deep("WP113", "office-dde", "webpub.files.office"),
    _deep("WP114", "office-encrypted", "webpub.files.office"),
    _deep("WP115", "office-embedded-package", "webpub.files.office"),
    _deep("WP120", "archive-path-traversal", "webpub.files.archive"),
    _deep("WP121", "archive-symlink", "webpub.files.archive"),
    _deep("WP122", "archive-duplicate-name", "webpub.files.archive"),
    _deep("WP123", "archive-encrypted", "webpub.files.archive"),
    _deep("WP124", "archive-executable", "webpub.files.archive"),
    _deep("WP125", "archive-nested", "webpub.files.archive"),
    _deep("WP126", "archive-too-many-entries", "webpub.files.archive"),
    _deep("WP127", "archive-bomb", "webpub.files"),
    _deep("WP128", "archive-multivolume", "webpub.files.archive"),
    _deep("WP129", "archive-unreadable", "webpub.files.archive"),
    _deep("WP130", "image-location", "webpub.files.image"),
    _deep("WP131", "image-pixel-bomb", "webpub.files.image"),
    _deep("WP140", "text-encoding", "webpub.files.text"),
    _deep("WP149", "attachment-inspection-limit", "webpub.files"),
    _deep("WP150", "gis-archive", "webpub.files.archive"),
)
