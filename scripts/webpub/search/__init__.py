"""Thai site search: segmented at build time, sharded so a visitor downloads little.

Interface used by ``webpub build`` (the MkDocs plugin only collects documents into it):
``streaming_index(root)`` takes pages as they are rendered and writes the index at the
end; ``build_search_index(site_dir, docs)`` does the same for a finished list.
"""

from __future__ import annotations

from dataclasses import dataclass
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
