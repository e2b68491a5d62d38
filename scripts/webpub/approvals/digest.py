"""The content digest of one item (docs/architecture.md section 4).

``sha256:`` + hex SHA-256 of the canonical JSON of::

    {"attachments": [{"path", "sha256", "size"} ...],   # in the order listed
     "body_sha256": hex SHA-256 of the exact bytes after the closing --- line,
     "frontmatter": every key except "approvals", values as written (strings),
     "path": "content/...",                              # repository-relative
     "v": 1}

Files are read through a ``reader(rel) -> bytes | None`` so the same code works
on the working tree and on any git revision.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Callable

from webpub.content import yamlstrict
from webpub.approvals.canonical import canonical_json, plain
from webpub.content.attachments import attachment_paths, impossible_names
from webpub.messages import t

Reader = Callable[[str], "bytes | None"]
DIGEST_VERSION = 1
_CLOSING = re.compile(rb"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")


class DigestError(Exception):
    """The item cannot be digested (unreadable frontmatter); message in Thai."""


@dataclass
class Parsed:
    meta: dict
    body: bytes


def split(raw: bytes) -> Parsed:
    """Frontmatter (strictly parsed) and the exact body bytes of a page."""
    if not (raw.startswith(b"---\n") or raw.startswith(b"---\r\n")):
        raise DigestError(t("approvals.no_frontmatter"))
    start = raw.index(b"\n") + 1
    closing = _CLOSING.search(raw, start)
    if not closing:
        raise DigestError(t("approvals.frontmatter_unclosed"))
    yaml_text = raw[start:closing.start()].decode("utf-8", errors="strict").replace("\r\n", "\n")
    body_start = _body_start(closing, raw)
    try:
        meta, _lines = yamlstrict.load(yaml_text)
    except yamlstrict.YamlProblem as exc:
        raise DigestError(t("approvals.frontmatter_unreadable", error=exc.message)) from None
    return Parsed(meta=meta, body=raw[body_start:])


def _body_start(closing, raw: bytes) -> int:
    return closing.end() + 1 if closing.end() < len(raw) else closing.end()


def body_bytes(raw: bytes) -> bytes:
    """The exact body bytes of a page whose frontmatter is known to be well formed."""
    closing = _CLOSING.search(raw, raw.index(b"\n") + 1)
    return raw[_body_start(closing, raw):]


def attachment_entry(rel: str, reader: Reader) -> dict:
    data = reader(rel) if rel.startswith("content/") else None
    if data is None:
        return {"path": rel, "sha256": None, "size": None}
    return {"path": rel, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def digest_document(page_path: str, raw: bytes, reader: Reader, parsed: Parsed | None = None) -> dict:
    parsed = parsed or split(raw)
    bad = impossible_names(parsed.meta)
    if bad:
        shown = ", ".join(repr(name) for name in bad)
        raise DigestError(t("approvals.attachment_name", name=shown))
    frontmatter = {k: plain(v) for k, v in parsed.meta.items() if k != "approvals"}
    return {
        "attachments": [attachment_entry(p, reader) for p in attachment_paths(page_path, parsed.meta)],
        "body_sha256": hashlib.sha256(parsed.body).hexdigest(),
        "frontmatter": frontmatter,
        "path": page_path,
        "v": DIGEST_VERSION,
    }


def content_digest(page_path: str, raw: bytes, reader: Reader, parsed: Parsed | None = None) -> str:
    document = digest_document(page_path, raw, reader, parsed)
    return "sha256:" + hashlib.sha256(canonical_json(document)).hexdigest()


def worktree_reader(root) -> Reader:
    def read(rel: str):
        try:
            return (root / rel).read_bytes()
        except (OSError, ValueError):
            return None
    return read


def is_digest(value) -> bool:
    return isinstance(value, str) and bool(_DIGEST.match(value))
