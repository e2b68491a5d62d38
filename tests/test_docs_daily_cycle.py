"""README, docs/monitoring.md and the role guides describe the same daily cycle and the same settings."""

from __future__ import annotations

import pytest
import yaml

from conftest import PROJECT
from webpub import notify

DOCS = {
    "README.md": PROJECT / "README.md",
    "monitoring": PROJECT / "docs" / "monitoring.md",
    "webmaster": PROJECT / "docs" / "guides" / "webmaster.md",
    "maintainer": PROJECT / "docs" / "guides" / "maintainer.md",
    "officer": PROJECT / "docs" / "guides" / "officer.md",
    "reviewer": PROJECT / "docs" / "guides" / "reviewer.md",
}
SETTING = "**ไม่เลือก** *Allow GitHub Actions to create and approve pull requests*"


def text(name: str) -> str:
    return DOCS[name].read_text(encoding="utf-8")


def one_line(name: str) -> str:
    """The text with line breaks inside paragraphs joined (Markdown wraps long lines)."""
    return " ".join(line.strip() for line in text(name).splitlines())


@pytest.mark.parametrize("name", DOCS)
def test_every_document_describes_the_0030_cycle_in_the_guidelines_words(name):
    body = one_line(name)
    assert "00:30 น." in body
    if name == "monitoring":  # its section on the daily cycle; the rest is the expiry helper's
        body = body.split("## 6.", 1)[1].split("## 7.", 1)[0]
    assert "ถอด" not in body  # the guideline's word is นำลงจากเว็บไซต์


@pytest.mark.parametrize("name", ["README.md", "monitoring", "maintainer"])
def test_settings_are_the_same_everywhere(name):
    body = one_line(name)
    assert SETTING in body
    assert "PR นำรายการลงจากเว็บไซต์เปิดด้วย `PUBLISH_TOKEN`" in body
    assert "ต้องอนุญาตให้ GitHub Actions" not in body


@pytest.mark.parametrize("name", ["README.md", "monitoring", "webmaster", "maintainer", "reviewer"])
def test_the_takedown_pr_needs_the_webmaster_alone(name):
    assert "ผู้ดูแลเว็บไซต์อนุมัติได้โดยลำพัง" in one_line(name) or "ท่านอนุมัติได้โดยลำพัง" in one_line(name)


@pytest.mark.parametrize("name", ["README.md", "monitoring", "webmaster", "maintainer"])
def test_the_failure_issue_is_documented_with_its_label(name):
    assert f"`{notify.FAILED_LABEL}`" in one_line(name)


@pytest.mark.parametrize("name", ["monitoring", "webmaster", "officer", "reviewer"])
def test_owners_notice_label_matches_the_code(name):
    assert f"`{notify.TAKEN_DOWN_LABEL}`" in one_line(name)


def test_the_documented_schedule_is_the_workflows():
    for workflow in ("publish.yml", "monitor.yml"):
        data = yaml.safe_load((PROJECT / ".github" / "workflows" / workflow).read_text(encoding="utf-8"))
        assert data[True]["schedule"] == [{"cron": "30 17 * * *"}], workflow
    assert '`cron: "30 17 * * *"`' in text("monitoring")
