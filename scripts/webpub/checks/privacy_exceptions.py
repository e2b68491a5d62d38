"""WP032: each ``privacy_exceptions`` entry is a valid national ID that the page
actually contains and has a real reason; otherwise it is a stale or mistaken
exception that reviewers would sign without purpose."""

from __future__ import annotations

from collections.abc import Iterator

from webpub import thaiid
from webpub.checks.national_id import MIN_REASON, occurrences
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP032"
NAME = "privacy-exceptions"
DESCRIPTION = t("checks.privacy_exceptions_description")


def check(page, ctx) -> Iterator[Finding]:
    items = page.get("privacy_exceptions") if page.ok else None
    if not isinstance(items, list) or not items:
        return
    present = {digits for _, digits, _ in occurrences(page)}
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("value"), str):
            continue  # the frontmatter schema rule reports the shape
        problem = _problem(item, present)
        if problem:
            yield page.finding(ID, page.line_of("privacy_exceptions", index, "value"), *problem)


def _problem(item: dict, present: set[str]) -> tuple[str, str] | None:
    digits = thaiid.digits_of(item["value"])
    if not thaiid.is_valid(digits):
        return (t("checks.privacy_exceptions_invalid"), t("checks.privacy_exceptions_invalid_hint"))
    reason = item.get("reason")
    if not isinstance(reason, str) or len(reason.strip()) < MIN_REASON:
        return (t("checks.privacy_exceptions_no_reason", number=thaiid.mask(digits)),
                t("checks.privacy_exceptions_no_reason_hint", min=MIN_REASON))
    if digits not in present and not item.get("file"):  # file-scoped: the number is in the attachment (WP141)
        return (t("checks.privacy_exceptions_unused", number=thaiid.mask(digits)),
                t("checks.privacy_exceptions_unused_hint"))
    return None
