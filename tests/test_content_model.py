"""The content model: one Item per page, one walker, one attachment resolver, one
frontmatter editor (scripts/webpub/content/)."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from conftest import write

from webpub.content import attachments, frontmatter, walk
from webpub.content.item import Item
from webpub.monitor.items import load_item
from webpub.repo import Repo
from webpub.site.model import SiteItem, build_model


def page(category: str, **fields) -> str:
    lines = ["---", "title: รายการทดสอบ", f'category: "{category}"',
             "owner:", "  division: secretariat", "  officer: jintana.k"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n---\n\nเนื้อหา\n"


def test_walk_skips_tool_folders_and_never_follows_a_linked_folder(tmp_repo):
    write(tmp_repo, "content/news/a.md", page("3.1"))
    write(tmp_repo, "content/news/__pycache__/b.md", page("3.1"))
    write(tmp_repo, "content/.webpub-cache/c.md", page("3.1"))
    write(tmp_repo, "content/.hidden/d.md", page("3.1"))
    os.symlink(tmp_repo / "content" / "news", tmp_repo / "content" / "linked")
    os.symlink(tmp_repo / "content" / "news" / "a.md", tmp_repo / "content" / "news" / "z.md")
    found = [p for p in walk.page_paths(Repo(tmp_repo)) if p.startswith(("content/news/", "content/.", "content/linked"))]
    assert found == ["content/.hidden/d.md", "content/news/a.md", "content/news/z.md"]
    assert "content/news/z.md" not in walk.page_paths(Repo(tmp_repo), links=False)
    folders = {os.path.basename(folder): dirs for folder, dirs, _files in walk.walk(tmp_repo / "content")}
    assert "linked" in folders["content"] and "linked" not in folders  # listed, not entered


def test_one_resolver_for_attachment_paths():
    meta = {"attachments": [{"file": "files/a.pdf"}, {"file": "../x/b.pdf"}, {"title": "no file"},
                            "bare.pdf", {"file": "bad\x00.pdf"}]}
    assert attachments.resolve("content/news/p.md", "files/../a.pdf") == "content/news/a.pdf"
    assert attachments.entries(meta) == [(0, "files/a.pdf"), (1, "../x/b.pdf"), (4, "bad\x00.pdf")]
    assert attachments.attachment_paths("content/news/p.md", meta) == [
        "content/news/files/a.pdf", "content/x/b.pdf", "content/news/bare.pdf"]
    assert attachments.impossible_names(meta) == ["bad\x00.pdf"]
    assert attachments.entries({"attachments": "not a list"}) == []


def test_frontmatter_editor_changes_one_key_and_keeps_every_other_byte():
    text = "---\ntitle: ก\napprovals:\n  - role: x\n\nowner: y\n---\nเนื้อหา\n---\n"
    replaced = frontmatter.replace_block(text, "approvals", "approvals:\n  - role: z\n")
    assert replaced == "---\ntitle: ก\napprovals:\n  - role: z\n\nowner: y\n---\nเนื้อหา\n---\n"
    added = frontmatter.replace_block("---\ntitle: ก\n---\nbody\n", "approvals", "approvals: []\n")
    assert added == "---\ntitle: ก\napprovals: []\n---\nbody\n"
    crlf = "---\r\ntitle: ก\r\n---\r\nbody\r\n"
    assert frontmatter.append_block(crlf, "withdrawn:\r\n  on: 2026-01-01\r\n") == (
        "---\r\ntitle: ก\r\nwithdrawn:\r\n  on: 2026-01-01\r\n---\r\nbody\r\n")
    for bad in ("title: ก\n", "---\ntitle: ก\n", ""):
        with pytest.raises(frontmatter.FrontmatterError):
            frontmatter.append_block(bad, "x: 1\n")


def test_item_holds_definitions_and_dates_decided_once(tmp_repo):
    write(tmp_repo, "content/news/job.md",
          page("3.1", topic="job-opening", published="2026-11-01", closing_date="2026-12-10",
               attachments='\n  - file: files/a.pdf\n    title: ประกาศ'))
    job = load_item(Repo(tmp_repo), "content/news/job.md")
    assert isinstance(job, Item)
    assert (job.category_id, job.topic_id) == ("3.1", "job-opening")
    assert job.category["name_th"] and job.topic["id"] == "job-opening"
    assert (job.expiry, job.expiry_source) == (dt.date(2026, 12, 10), "closing_date")
    assert job.published == dt.date(2026, 11, 1)
    assert job.attachments == ["content/news/files/a.pdf"]
    assert (job.division, job.officer, job.withdrawn, job.approvals) == ("secretariat", "jintana.k", False, [])

    write(tmp_repo, "content/news/a.md", page("3.1", topic="general", published="2025-01-01"))
    news = load_item(Repo(tmp_repo), "content/news/a.md")
    assert (news.expiry, news.expiry_source) == (dt.date(2026, 1, 1), "default_period_days")


def test_buddhist_era_expires_is_never_read_as_a_date(tmp_repo):
    write(tmp_repo, "content/news/be.md", page("3.1", topic="general", published="2026-01-01", expires="2569-12-31"))
    item = load_item(Repo(tmp_repo), "content/news/be.md")
    assert item.expiry is None and item.expiry_source == "expires"
    assert item.bad_dates == ("expires",)


def test_site_items_are_content_items(tmp_repo):
    write(tmp_repo, "content/news/a.md", page("3.1", topic="general", published="2026-01-01"))
    model = build_model(Repo(tmp_repo), dt.date(2026, 2, 1), "preview")
    item = next(i for i in model.items if i.path == "content/news/a.md")
    assert isinstance(item, SiteItem) and isinstance(item, Item)
    assert item.src == "news/a.md" and item.topic["id"] == "general" and item.expires == item.expiry
