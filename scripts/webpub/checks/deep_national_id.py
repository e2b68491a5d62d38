"""WP141: Thai national ID numbers inside attachments (PDF, DOCX, XLSX, ODS, CSV, TXT).

The text comes from :mod:`webpub.files.pdpa` with its place (page, sheet!cell,
paragraph, line). A number may stay only through a reviewed exception on a page
that lists the file: ``privacy_exceptions: [{value, reason, file}]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from webpub.files import inspection_of
from webpub.files.exceptions import exceptions_for
from webpub.files.pdpa import national_ids
from webpub.thaiid import mask
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP141"
NAME = "attachment-national-id"
DESCRIPTION = t("attachments.national_id_description")
MAX_REPORTED = 20


def check_asset(asset, ctx) -> Iterator[Finding]:
    found = national_ids(inspection_of(asset, ctx).texts)
    if not found:
        return
    allowed = exceptions_for(ctx, asset.path)
    name = PurePosixPath(asset.path).name
    hits = [(where, line, digits) for where, line, digits in found if digits not in allowed]
    for where, line, digits in hits[:MAX_REPORTED]:
        place = f" ({where})" if where else ""
        yield asset.finding(
            ID, line,
            t("attachments.national_id_found", file=name, place=place, masked=mask(digits)),
            t("attachments.national_id_found_hint"),
        )
    if len(hits) > MAX_REPORTED:
        yield asset.finding(ID, 1, t("attachments.national_id_more", file=name, count=len(hits) - MAX_REPORTED),
                            t("attachments.national_id_more_hint"))
