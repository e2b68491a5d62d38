"""Putting records into a page: only ``approvals`` may change, or nothing is written."""

from __future__ import annotations

from webpub.approvals import records
from webpub.approvals.canonical import plain
from webpub.approvals.digest import Reader, content_digest, split
from webpub.messages import t


class WriteRefused(Exception):
    """The rewrite would have touched more than ``approvals``; message in Thai."""


def current_records(raw: bytes) -> list:
    entries = split(raw).meta.get("approvals") or []
    return [plain(e) for e in entries] if isinstance(entries, list) else []


def with_records(path: str, raw: bytes, new_records: list[dict], reader: Reader) -> bytes:
    """The page bytes with ``approvals`` replaced; proven to keep the digest."""
    text = raw.decode("utf-8")
    try:
        updated = records.replace_approvals(text, new_records).encode("utf-8")
    except ValueError as exc:
        raise WriteRefused(t("approvals.write_failed", path=path, error=exc)) from None
    same_digest = content_digest(path, raw, reader) == content_digest(path, updated, reader)
    if not same_digest or current_records(updated) != new_records:
        raise WriteRefused(t("approvals.write_would_change", path=path))
    return updated


def merge_role(existing: list, record: dict) -> list:
    """Existing records with any earlier record of the same role replaced by ``record``."""
    kept = [r for r in existing if not (isinstance(r, dict) and r.get("role") == record["role"])]
    return kept + [record]
