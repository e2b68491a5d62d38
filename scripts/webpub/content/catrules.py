"""What a category (and its topic) asks of a page, read from ``schema/categories.yml``.

The checks and ``webpub new`` both ask here, so a scaffolded page always carries
exactly what the checks require.
"""

from __future__ import annotations

import re
import unicodedata

# ``webpub new`` fills what only a person can know with this marker; WP029 warns
# while any is left, so a placeholder never reaches readers unnoticed.
PLACEHOLDER_OPEN = "[[กรอก:"  # catalogue-exempt: a marker in files that WP029 recognises, not a sentence
PLACEHOLDER_CLOSE = "]]"
PLACEHOLDER = re.compile(r"\[\[กรอก:[^\]\n]*\]\]")  # catalogue-exempt: the same marker, as a pattern

_SPACES = re.compile(r"\s+")


def placeholder(what: str) -> str:
    return f"{PLACEHOLDER_OPEN} {what}{PLACEHOLDER_CLOSE}"


def _unique(items) -> list:
    seen, out = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def required_fields(repo, category_id: str | None, topic_id: str | None) -> list[str]:
    """``always_required`` + the category's + the topic's required fields, in that order."""
    always = repo.schema("categories.yml").get("always_required") or []
    category = repo.categories.get(category_id or "") or {}
    topic = repo.topic(category_id or "", topic_id) or {}
    return _unique([*always, *(category.get("required_fields") or []),
                    *(topic.get("required_fields") or [])])


def required_keys(repo, category_id: str | None, topic_id: str | None) -> list[str]:
    """The top-level frontmatter keys ``required_fields`` names (``contact`` for ``contact.fax``,
    the first of ``a|b``): what a form or a scaffold must offer."""
    return _unique([name.split("|")[0].split(".")[0] for name in required_fields(repo, category_id, topic_id)])


def required_sections(repo, category_id: str | None, topic_id: str | None) -> list[str]:
    category = repo.categories.get(category_id or "") or {}
    topic = repo.topic(category_id or "", topic_id) or {}
    return _unique([*(category.get("required_sections") or []),
                    *(topic.get("required_sections") or [])])


def source_required(repo, category_id: str | None, topic_id: str | None) -> bool:
    category = repo.categories.get(category_id or "") or {}
    return bool(category.get("source_required")) or "source" in required_fields(repo, category_id, topic_id)


def normalise_heading(text: str) -> str:
    """Headings compare equal after NFC, trimmed and with runs of spaces made one."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def category_list_th(repo) -> str:
    return ", ".join(f"{cid} ({c.get('name_th', '')})" for cid, c in repo.categories.items())


def topic_list_th(repo, category_id: str) -> str:
    topics = (repo.categories.get(category_id) or {}).get("topics") or []
    return ", ".join(f"{t['id']} ({t.get('name_th', '')})" for t in topics)


def division_list_th(repo) -> str:
    return ", ".join(f"{did} ({d.get('name_th', '')})" for did, d in repo.divisions.items())


def people_of(repo, division_id: str) -> list[dict]:
    return [p for p in repo.people.values() if p.get("division") == division_id]


def people_list_th(people: list[dict]) -> str:
    return ", ".join(f"{p['id']} ({p.get('name_th', '')})" for p in people)


def rule_param(repo, rule_id: str, name: str, default):
    """A parameter of a rule kept beside its severity in ``schema/rules.yml``."""
    value = (repo.rules.get(rule_id) or {}).get(name)
    return default if value is None else value
