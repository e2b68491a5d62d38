"""Thai site search: segmented at build time, sharded so a visitor downloads little.

Interface used by ``webpub build`` (the MkDocs plugin only collects documents into it):
``streaming_index(root)`` takes pages as they are rendered and writes the index at the
end; ``build_search_index(site_dir, docs)`` does the same for a finished list.

The search script holds no Thai: every search box carries the script's strings from the
catalogue (``messages/th/search.yml``) in its ``data-webpub-search-text`` attribute
(``client_text()``), so they are reviewed with the rest of the site's Thai.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Iterable


@dataclass
class SearchDoc:
    url: str  # site-relative URL, e.g. "news/2569/job-opening/"
    title: str
    html: str  # the rendered page content (article body only)
    date: str | None = None  # ISO date shown in results, if any
    category: str | None = None  # category id, e.g. "3.1"


def build_search_index(site_dir: Path, docs: Iterable[SearchDoc]) -> dict:
    """Write the search index under ``site_dir``; returns figures (docs, terms, bytes)."""
    from webpub.search.indexer import write_index

    return write_index(Path(site_dir), list(docs))


def streaming_index(root: Path | None = None):
    """An index to feed page by page (``add(doc)``, then ``write(site_dir)`` or ``close()``):
    a large site is segmented on the other cores while it is still being rendered."""
    from webpub.search.indexer import StreamingIndex

    return StreamingIndex(root)


CLIENT_KEYS = ("busy", "found", "none", "failed", "category")


def client_text() -> str:
    """The search script's strings as JSON: templates with ``{count}``, ``{query}`` and
    ``{category}`` fields it fills in, and the abbreviated Thai months of result dates."""
    from webpub.dates import MONTHS_TH_ABBR
    from webpub.messages import catalogue

    text = {key: catalogue()[f"search.{key}"] for key in CLIENT_KEYS}
    text["months"] = list(MONTHS_TH_ABBR)
    return json.dumps(text, ensure_ascii=False, separators=(",", ":"))


def client_text_attribute() -> str:
    """``data-webpub-search-text="…"``, escaped, for a search box written in Python."""
    return f'data-webpub-search-text="{escape(client_text(), quote=True)}"'
