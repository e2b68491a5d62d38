"""WP007: the page's category exists in ``schema/categories.yml`` and so does its topic."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from webpub.content.catrules import category_list_th, topic_list_th
from webpub.core.results import Finding

ID = "WP007"
NAME = "category-topic"
DESCRIPTION = "หมวดหมู่และหัวข้อย่อยต้องมีอยู่ใน schema/categories.yml (category and topic exist)"


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    repo = ctx.repo
    category = page.get("category")
    if not isinstance(category, str):
        return  # absent: WP009; not text: WP005
    if category not in repo.categories:
        yield page.finding(ID, page.line_of("category"), f"ไม่มีหมวดหมู่ '{category}'",
                           _suggest(category, list(repo.categories)) + "หมวดหมู่ที่ใช้ได้: "
                           + category_list_th(repo) + ' — เขียนในเครื่องหมายคำพูด เช่น category: "3.1"')
        return
    topic = page.get("topic")
    if not isinstance(topic, str):
        return
    topics = [t["id"] for t in repo.categories[category].get("topics") or []]
    if not topics:
        yield page.finding(ID, page.line_of("topic"), f"หมวด {category} ไม่มีหัวข้อย่อย แต่ระบุ topic: {topic}",
                           "ลบบรรทัด topic ออก หรือเปลี่ยนหมวดหมู่ให้ถูกต้อง")
    elif topic not in topics:
        yield page.finding(ID, page.line_of("topic"), f"หมวด {category} ไม่มีหัวข้อย่อย '{topic}'",
                           _suggest(topic, topics) + "หัวข้อย่อยของหมวดนี้: " + topic_list_th(repo, category))


def _suggest(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f"หมายถึง '{close[0]}' หรือไม่ — " if close else ""
