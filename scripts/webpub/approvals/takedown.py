"""Is a page change exactly a take-down (นำลงจากเว็บไซต์), as ``webpub expire --apply`` writes it?

``webpub.monitor.expire.withdraw`` inserts one ``withdrawn:`` mapping (``on``,
``reason``, optional ``by``) just before the closing ``---`` of the frontmatter and
leaves every other byte as it was. Only such a change may be approved by the
webmaster alone (``webpub.approvals.policy``), so it is recognised byte for byte:
the bytes before and after the insertion point are the old file, the inserted bytes
are exactly that block, the old page had no ``withdrawn`` and the new frontmatter is
the old one plus ``withdrawn``. Anything else (a body edit, a changed title, a second
block, an attachment swapped in the same pull request) is a normal change.
"""

from __future__ import annotations

import re

from webpub.approvals.digest import DigestError, split
from webpub.content import frontmatter

_QUOTED = rb'"(?:[^"\\\r\n\x00-\x1f]|\\["\\])*"'
_BLOCK = re.compile(
    rb"withdrawn:(\r?\n)  on: \d{4}-\d{2}-\d{2}\1  reason: " + _QUOTED + rb"\1(?:  by: " + _QUOTED + rb"\1)?\Z")


def is_takedown(before: bytes | None, after: bytes | None) -> bool:
    if not before or not after or len(after) <= len(before):
        return False
    try:
        cut = frontmatter.closing_offset(before)  # where webpub expire --apply inserts
    except frontmatter.FrontmatterError:
        return False
    added = len(after) - len(before)
    if after[:cut] != before[:cut] or after[cut + added:] != before[cut:]:
        return False
    if not _BLOCK.match(after[cut:cut + added]):
        return False
    try:
        old, new = split(before), split(after)
    except (DigestError, UnicodeDecodeError):
        return False
    if "withdrawn" in old.meta or not isinstance(new.meta.get("withdrawn"), dict):
        return False
    return {k: v for k, v in new.meta.items() if k != "withdrawn"} == old.meta and new.body == old.body
