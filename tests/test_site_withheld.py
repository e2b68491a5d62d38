"""What a publish build ships and which links it turns into text (model level, fast)."""

from __future__ import annotations

import datetime as dt
import os

from conftest import write

from webpub.repo import Repo
from webpub.site.model import build_model
from webpub.site.withheld import unlink_raw_html

DRAFT = ("---\ntitle: ร่าง\ncategory: \"3.1\"\ntopic: general\nowner:\n  division: strategy\n"
         "  officer: somchai.j\npublished: 2026-11-01\nattachments:\n  - file: a.pdf\n    title: เอกสาร\n"
         "---\n\n## ข่าว\n\nเนื้อหา\n")


def test_publish_ships_nothing_of_a_draft_and_no_unlisted_file(tmp_repo):
    write(tmp_repo, "content/news/draft.md", DRAFT)
    write(tmp_repo, "content/news/a.pdf", b"%PDF-1.4\n%%EOF\n")
    write(tmp_repo, "content/news/stray.pdf", b"%PDF-1.4\n%%EOF\n")
    publish = build_model(Repo(tmp_repo), dt.date(2026, 11, 26), "publish")
    preview = build_model(Repo(tmp_repo), dt.date(2026, 11, 26), "preview")
    for src in ("news/draft.md", "news/a.pdf", "news/stray.pdf"):
        assert not publish.ships(src) and preview.ships(src), src
    assert publish.withheld_target("about/x.md", "../news/draft.md")
    assert publish.withheld_target("about/x.md", "../news/draft.md#ข่าว")
    assert publish.withheld_target("about/x.md", "/news/a.pdf")
    assert not publish.withheld_target("about/x.md", "../news/never-there.md")  # stays an error
    assert not publish.withheld_target("about/x.md", "https://example.org/news/draft.md")
    assert not preview.withheld_target("about/x.md", "../news/draft.md")


def test_a_symbolic_link_is_never_shipped(tmp_repo, tmp_path):
    (tmp_path / "out.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    write(tmp_repo, "content/news/keep.txt", "x")
    os.symlink(tmp_path / "out.pdf", tmp_repo / "content/news/linked.pdf")
    os.symlink(tmp_path, tmp_repo / "content/linked-dir")
    preview = build_model(Repo(tmp_repo), dt.date(2026, 11, 26), "preview")
    assert not preview.ships("news/linked.pdf") and not preview.ships("linked-dir/out.pdf")
    assert preview.ships("news/keep.txt")


def test_raw_html_links_and_images_become_their_text():
    html = ('<p><a href="draft.md" title="t">ร่าง <b>ลับ</b></a> และ <a href="live/">ข่าว</a>'
            ' <img src="a.png" alt="ภาพ&quot;"></p>')
    out = unlink_raw_html(html, lambda href: href in ("draft.md", "a.png"))
    assert out == '<p><span>ร่าง <b>ลับ</b></span> และ <a href="live/">ข่าว</a> <span>ภาพ&quot;</span></p>'
