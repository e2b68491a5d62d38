"""WP007: the page's category exists in ``schema/categories.yml`` and so does its topic."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from webpub.content.catrules import category_list_th, topic_list_th
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP007"
NAME = "category-topic"
DESCRIPTION = t("checks.category_topic_description")


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    repo = ctx.repo
    category = page.get("category")
    if not isinstance(category, str):
        return  # absent: WP009; not text: WP005
    if category not in repo.categories:
        yield page.finding(ID, page.line_of("category"), t("checks.category_topic_no_category", category=category),
                           t("checks.category_topic_no_category_hint",
                             suggestion=_suggest(category, list(repo.categories)),
                             categories=category_list_th(repo)))
        return
    topic = page.get("topic")
    if not isinstance(topic, str):
        return
    topics = [t["id"] for t in repo.categories[category].get("topics") or []]
    if not topics:
        yield page.finding(ID, page.line_of("topic"), t("checks.category_topic_no_topics", category=category, topic=topic),
                           t("checks.category_topic_no_topics_hint"))
    elif topic not in topics:
        yield page.finding(ID, page.line_of("topic"), t("checks.category_topic_no_topic", category=category, topic=topic),
                           t("checks.category_topic_no_topic_hint", suggestion=_suggest(topic, topics),
                             topics=topic_list_th(repo, category)))


def _suggest(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return t("checks.did_you_mean", value=close[0]) if close else ""
