"""Which pages are dataset pages, and their resources."""

from __future__ import annotations

from webpub.content.attachments import resolve
from webpub.opendata.ckan import resource_format

DATASET_CATEGORY = "2.2"


def is_dataset_page(page) -> bool:
    return page.ok and page.category == DATASET_CATEGORY


def resources(page) -> list[tuple[int, str, str]]:
    """(index in attachments, file as written, repository path) of each attachment."""
    out = []
    for index, item in enumerate(page.get("attachments") or []):
        if isinstance(item, dict) and isinstance(item.get("file"), str):
            out.append((index, item["file"], resolve(page.path, item["file"])))
    return out


__all__ = ["is_dataset_page", "resources", "resource_format", "DATASET_CATEGORY"]
