"""WP010: required level-2 sections in the body."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from content_helpers import BASE_FIELDS, assert_one, check_page, hits, page, replace_field

from webpub.content.catrules import normalise_heading
from webpub.checks.required_sections import headings

RULE = "WP010"
VISION = replace_field(BASE_FIELDS, "topic", "topic: vision-mission")


def test_page_with_sections_passes(tmp_repo, capsys):
    body = "## วิสัยทัศน์\n\nก\n\n##   พันธกิจ  ##\n\nข\n"
    _, report = check_page(capsys, tmp_repo, page(VISION, body))
    assert not hits(report, RULE)


def test_spaced_heading_matches_after_normalising(tmp_repo, capsys):
    body = "##  วิสัยทัศน์\u0020\u0020\n\nก\n\n## พันธกิจ\t\n\nข\n"
    _, report = check_page(capsys, tmp_repo, page(VISION, body))
    assert not hits(report, RULE)


def test_normalise_heading_composes_and_collapses():
    assert normalise_heading("Cafe\u0301   แผน\u00a0งาน ") == normalise_heading("Café แผน งาน")
    assert normalise_heading("วิสัยทัศน์") != normalise_heading("วิสัยทัศ")


def test_missing_section_points_at_last_line(tmp_repo, capsys):
    body = "## วิสัยทัศน์\n\nก\n\nข้อความท้าย\n"
    _, report = check_page(capsys, tmp_repo, page(VISION, body))
    finding = assert_one(report, RULE, line=15)
    assert "พันธกิจ" in finding["message"] and "## พันธกิจ" in finding["hint"]


def test_heading_at_wrong_level_is_named(tmp_repo, capsys):
    body = "## วิสัยทัศน์\n\nก\n\n### พันธกิจ\n\nข\n"
    _, report = check_page(capsys, tmp_repo, page(VISION, body))
    finding = assert_one(report, RULE, line=15)
    assert "ระดับ 3" in finding["message"]


def test_heading_inside_code_fence_does_not_count(tmp_repo, capsys):
    body = "## วิสัยทัศน์\n\nก\n\n```\n## พันธกิจ\n```\n"
    _, report = check_page(capsys, tmp_repo, page(VISION, body))
    assert_one(report, RULE)


def test_headings_parser():
    body = "# หนึ่ง\n~~~\n## ไม่นับ\n~~~\n## สอง {#two}\n    ## code\n"
    assert headings(body) == [(1, "หนึ่ง", 0), (2, "สอง", 4)]


def test_setext_heading_counts_as_its_level(tmp_repo, capsys):
    body = "วิสัยทัศน์\n----------\n\nก\n\nพันธกิจ\n=======\n\nข\n"
    _, report = check_page(capsys, tmp_repo, page(VISION, body))
    findings = [f for f in report["findings"] if f["rule"] == RULE]
    assert [f["message"] for f in findings] == ["หัวข้อ 'พันธกิจ' เป็นหัวข้อระดับ 1 แต่ต้องเป็นระดับ 2"]
    text_line = page(VISION, body).split("\n").index("พันธกิจ") + 1
    assert findings[0]["line"] == text_line  # the heading's text line, not its underline


SETEXT_BODIES = [
    "หนึ่ง\n=====\n\nสอง\n---\n",
    "ย่อหน้า\nต่อบรรทัด\n---\n",
    "- รายการ\n---\n",
    "> อ้างอิง\n---\n",
    "\n---\n\nข้อความ\n",
    "```\nโค้ด\n```\n---\n",
    "## แบบ ATX\n---\n",
    "    โค้ดย่อหน้า\n---\n",
    "| ก | ข |\n|---|---|\n| 1 | 2 |\n",
    "ก\n\nข\n---\n\nค\n",
    "ก\n\n1. หนึ่ง\n---\n",
]


@pytest.mark.parametrize("body", SETEXT_BODIES)
def test_headings_agree_with_the_site_renderer(body):
    from conftest import PROJECT
    from webpub.rendering.render import Renderer

    html = Renderer(PROJECT).render(body)
    rendered = [(int(m.group(1)), normalise_heading(html_lib.unescape(re.sub(r"<[^>]+>", "", m.group(2)))))
                for m in re.finditer(r"<h([1-6])[^>]*>(.*?)</h\1>", html)]
    assert [(level, text) for level, text, _ in headings(body)] == rendered, html
