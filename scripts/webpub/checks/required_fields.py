"""WP009: the fields every page needs and those its category and topic require are present.

From ``schema/categories.yml``: ``always_required``, then the category's and the
topic's ``required_fields``. An empty list counts as missing. ``source``
is left to WP011, which also knows ``source_required``.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.content.catrules import required_fields, topic_list_th
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP009"
NAME = "required-fields"
DESCRIPTION = t("checks.required_fields_description")

LEFT_TO_OTHER_RULES = {"source"}  # WP011


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    repo = ctx.repo
    category, topic = page.category, page.topic
    for key in required_fields(repo, category, topic):
        if key in LEFT_TO_OTHER_RULES or not _missing(page.meta, key):
            continue
        yield page.finding(ID, _line(page, repo, key), _message(repo, key, category, topic),
                           _hint(repo, key, category))


def _missing(meta: dict, key: str) -> bool:
    """``a``, ``a.b`` (a key inside the mapping ``a``) or ``x|y`` (either one) is absent."""
    if "|" in key:
        return all(_missing(meta, alternative) for alternative in key.split("|"))
    top, _, inner = key.partition(".")
    if top not in meta:
        return True
    value = meta[top]
    if inner:
        return not isinstance(value, dict) or inner not in value or value[inner] in (None, "")
    # An empty mapping is reported key by key by WP005; None is WP005's "no value".
    return isinstance(value, list) and not value


def _source_of(repo, key: str, category, topic) -> str:
    """Which level asks for ``key``: ``topic``, ``category`` or ``all`` (every page)."""
    topic_data = repo.topic(category or "", topic) or {}
    if key in (topic_data.get("required_fields") or []):
        return "topic"
    if key in ((repo.categories.get(category or "") or {}).get("required_fields") or []):
        return "category"
    return "all"


def _message(repo, key, category, topic) -> str:
    shown = t("checks.required_fields_or").join(f"'{k}'" for k in key.split("|"))
    return t(f"checks.required_fields_{_source_of(repo, key, category, topic)}", fields=shown,
             topic=topic, category=category)


def _line(page, repo, key) -> int:
    """Where the requirement comes from: the mapping it belongs in, the topic or category line, else the top."""
    top = key.split("|")[0].partition(".")[0]
    if "." in key and top in page.meta:
        return page.line_of(top)
    for anchor in ("topic", "category"):
        if anchor in page.meta and key != anchor:
            return page.line_of(anchor)
    return 1


def _hint(repo, key: str, category) -> str:
    if key == "topic" and category in repo.categories:
        return t("checks.required_fields_topic_hint", topics=topic_list_th(repo, category))
    if key == "owner":
        return t("checks.required_fields_owner_hint")
    if key == "category":
        return t("checks.required_fields_category_hint")
    first = key.split("|")[0]
    top, _, inner = first.partition(".")
    node = (repo.frontmatter_schema.get("properties") or {}).get(top) or {}
    if inner:
        node = (node.get("properties") or {}).get(inner) or {}
    described = node.get("description")
    about = f" ({described})" if described else ""
    if inner:
        others = t("checks.required_fields_or").join(k.replace(".", ": ") for k in key.split("|")[1:])
        also = t("checks.required_fields_alternatives", others=others) if others else ""
        return t("checks.required_fields_inner_hint", inner=inner, about=about, top=top, also=also)
    return t("checks.required_fields_key_hint", key=key, about=about)
