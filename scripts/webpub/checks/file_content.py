"""WP019: a file's content is what its extension claims.

Judged by ``webpub.files.sniff`` from the bytes: the magic number and the format's
own structure must agree with the extension's kind in ``schema/file-rules.yml``
(``kinds``). A renamed program, an HTML page or SVG under a document name, or a
truncated file is refused.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.files import sniff
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP019"
NAME = "file-content"
DESCRIPTION = t("attachments.content_description")


def check_asset(asset, ctx) -> Iterator[Finding]:
    kinds = ctx.repo.file_rules.get("kinds") or sniff.DEFAULT_KINDS
    ext = asset.ext
    if ext not in kinds or ext not in ctx.repo.all_allowed_extensions():
        return  # WP020 reports extensions that are not allowed at all
    kind = sniff.detect_asset(asset)
    if sniff.matches(ext, kind, kinds):
        return
    yield asset.finding(ID, 1, _message(ext, kind, kinds), _hint(kind))


def _message(ext: str, kind: sniff.Kind, kinds: dict) -> str:
    claimed = sniff.describe(sniff.Kind(kinds[ext], sniff.EXT_SUBTYPE.get(ext, "")))
    if kind.refused:
        return t("attachments.content_dangerous", ext=ext, actual=sniff.describe(kind))
    if kind.problem and kind.name == kinds[ext]:
        return t("attachments.content_broken", ext=ext, problem=kind.problem)
    if kind.problem:
        return t("attachments.content_broken_other", ext=ext, claimed=claimed, problem=kind.problem)
    return t("attachments.content_mismatch", ext=ext, actual=sniff.describe(kind), claimed=claimed)


def _hint(kind: sniff.Kind) -> str:
    if kind.refused:
        return t("attachments.content_dangerous_hint", maintainer=t("roles.maintainer"))
    if kind.subtype == "cp874":
        return t("attachments.content_thai_legacy_hint")
    return t("attachments.content_resave_hint")
