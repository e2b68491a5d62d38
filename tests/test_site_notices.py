"""Items that leave never break the publish build: notice pages for taken-down items,
plain text for links to what was never published, nothing of a draft on the site.

Real SSH-signed approvals, real MkDocs builds, real git.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from pathlib import Path

import pytest
from approvals_kit import approve_all, setup_keys
from conftest import git, run_cli, write

from webpub.commands._common import resolve_today
from webpub.context import Context
from webpub.content.page import load_page
from webpub.publish import decide
from webpub.repo import Repo

TODAY = "2026-12-01"
BODY_GONE, BODY_DRAFT, BODY_EMBARGO, BODY_LIVE = "zqgonebody", "zqdraftbody", "zqembargobody", "zqlivebody"


def news(title: str, token: str, published: str = "2026-11-01", extra: str = "", body: str = "") -> str:
    return (f"---\ntitle: {title}\ncategory: \"3.1\"\ntopic: general\nowner:\n  division: strategy\n"
            f"  officer: somchai.j\npublished: {published}\n{extra}---\n\n## ข่าว\n\n"
            f"ข่าวประชาสัมพันธ์ของสำนักงาน {token}\n{body}")


LIVE_BODY = (
    "\nอ่าน [ประกาศเดิม](gone.md) และ [ข่าวฉบับร่างลับ](draft.md) "
    "และ [ข่าวที่ยังไม่ถึงวัน](embargo.md) "
    'และ <a href="draft.md">ลิงก์ดิบไปฉบับร่าง</a>\n'
)


@pytest.fixture
def site(tmp_repo, tmp_path, capsys):
    """A live page linking to an expired item, a draft (and its attachment) and an embargoed item."""
    write(tmp_repo, "content/news/gone.pdf", b"%PDF-1.4\n%zqgonefile\n%%EOF\n")
    write(tmp_repo, "content/news/draft-file.pdf", b"%PDF-1.4\n%zqdraftfile\n%%EOF\n")
    write(tmp_repo, "content/news/gone.md", news(
        "ข่าวที่หมดแล้ว", BODY_GONE, extra="expires: 2026-11-20\nattachments:\n  - file: gone.pdf\n    title: เอกสาร\n"))
    write(tmp_repo, "content/news/draft.md", news(
        "ชื่อฉบับร่างที่ยังเป็นความลับ", BODY_DRAFT, extra="attachments:\n  - file: draft-file.pdf\n    title: ร่าง\n"))
    write(tmp_repo, "content/news/embargo.md", news("ข่าวที่กำหนดวันเผยแพร่", BODY_EMBARGO, published="2026-12-02"))
    write(tmp_repo, "content/news/live.md", news("ข่าวที่เผยแพร่อยู่", BODY_LIVE, body=LIVE_BODY))
    keys = setup_keys(tmp_repo, tmp_path / "keys")
    cli = lambda *a: run_cli(capsys, *a)  # noqa: E731
    for rel in ("content/news/gone.md", "content/news/embargo.md", "content/news/live.md"):
        approve_all(cli, rel, keys)
    git(tmp_repo, "add", "-A")
    git(tmp_repo, "commit", "-q", "-m", "news")
    return tmp_repo


def build(capsys, mode: str = "publish", today: str = TODAY, site_dir: str = "site") -> tuple[int, str, str]:
    return run_cli(capsys, "build", "--mode", mode, "--today", today, "--site-dir", site_dir, "--jobs", "1")


def text_of(folder: Path, skip: str | None = None) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*")
                   if p.is_file() and p.suffix not in (".gz", ".woff2", ".png", ".jpg")
                   and p.relative_to(folder).as_posix() != skip)


def test_expired_item_leaves_a_notice_and_live_links_to_it_keep_working(site, capsys):
    code, out, err = build(capsys)
    assert code == 0, out + err
    notice = (site / "site/news/gone/index.html").read_text(encoding="utf-8")
    assert "ข่าวที่หมดแล้ว" in notice and "รายการนี้นำลงจากเว็บไซต์แล้ว" in notice
    assert "21 พฤศจิกายน 2569" in notice  # taken down the day after it expired, in B.E. with a Thai month
    assert "หมดระยะเวลาเผยแพร่เมื่อสิ้นวันที่ 20 พฤศจิกายน 2569" in notice
    assert '<meta name="robots" content="noindex">' in notice
    assert 'href="../"' in notice  # its category page
    assert BODY_GONE not in notice and "gone.pdf" not in notice
    assert not (site / "site/news/gone.pdf").exists()
    live = (site / "site/news/live/index.html").read_text(encoding="utf-8")
    assert 'href="../gone/"' in live
    # nowhere else: nav, listings, category/archive pages, home, sitemaps, feeds, catalogue, search
    rest = text_of(site / "site", skip="news/gone/index.html")
    assert "ข่าวที่หมดแล้ว" not in rest
    assert "news/gone/" not in rest.replace('href="../gone/"', "")
    assert BODY_GONE not in rest


def test_links_to_what_was_never_published_are_plain_text(site, capsys):
    code, out, err = build(capsys)
    assert code == 0, out + err
    live = (site / "site/news/live/index.html").read_text(encoding="utf-8")
    for words in ("ข่าวฉบับร่างลับ", "ข่าวที่ยังไม่ถึงวัน", "ลิงก์ดิบไปฉบับร่าง"):
        assert f"<span>{words}</span>" in live, words
    assert "draft.md" not in live and "draft/" not in live and "draft-file.pdf" not in live
    assert "embargo" not in live
    everything = text_of(site / "site")
    for secret in ("ชื่อฉบับร่างที่ยังเป็นความลับ", BODY_DRAFT, "zqdraftfile", BODY_EMBARGO, "ข่าวที่กำหนดวันเผยแพร่"):
        assert secret not in everything, secret
    assert not (site / "site/news/draft").exists() and not (site / "site/news/draft-file.pdf").exists()


def test_preview_still_shows_everything_with_real_links(site, capsys):
    code, out, err = build(capsys, mode="preview", site_dir="preview")
    assert code == 0, out + err
    live = (site / "preview/news/live/index.html").read_text(encoding="utf-8")
    assert 'href="../draft/"' in live and 'href="../gone/"' in live and 'href="../embargo/"' in live
    assert BODY_GONE in (site / "preview/news/gone/index.html").read_text(encoding="utf-8")
    assert (site / "preview/news/draft-file.pdf").is_file()


def test_embargoed_item_appears_exactly_on_its_bangkok_day(site, capsys):
    assert build(capsys, today="2026-12-01")[0] == 0
    assert not (site / "site/news/embargo").exists()
    # 2026-12-01T17:30Z is already 2 December in Bangkok: the default "today" of every command
    clock = dt.datetime(2026, 12, 1, 17, 30, tzinfo=dt.timezone.utc)
    today = resolve_today(argparse.Namespace(today=None), now=clock)
    assert today == dt.date(2026, 12, 2)
    assert resolve_today(argparse.Namespace(today=None), now=clock - dt.timedelta(minutes=31)) == dt.date(2026, 12, 1)
    assert build(capsys, today=today.isoformat())[0] == 0
    page = (site / "site/news/embargo/index.html").read_text(encoding="utf-8")
    assert BODY_EMBARGO in page
    live = (site / "site/news/live/index.html").read_text(encoding="utf-8")
    assert 'href="../embargo/"' in live  # the link is a link again on that day


def test_a_link_to_a_path_that_never_existed_stays_an_error(tmp_repo, tmp_path, capsys):
    write(tmp_repo, "content/news/live.md", news("ข่าว", BODY_LIVE, body="\n[หาย](never-there.md)\n"))
    approve_all(lambda *a: run_cli(capsys, *a), "content/news/live.md", setup_keys(tmp_repo, tmp_path / "keys"))
    code, out, _ = run_cli(capsys, "check", "content/news/live.md", "--today", TODAY, "--no-cache")
    assert "[WP022]" in out
    code, out, err = build(capsys)
    assert code == 1 and "[WP022]" in out
    code, out, err = build(capsys, mode="preview", site_dir="preview")
    assert "[WP303]" in out  # the output check still sees it (a warning in preview)


def test_an_item_withdrawn_in_a_form_never_approved_gets_no_notice(site, capsys):
    path = site / "content/news/gone.md"
    text = path.read_text(encoding="utf-8").replace(
        "expires: 2026-11-20\n", "expires: 2027-11-20\nwithdrawn:\n  on: 2026-11-28\n  reason: \"ยกเลิกประกาศตามคำสั่งที่ 5/2569\"\n  by: narong.b\n")
    path.write_text(text, encoding="utf-8")
    # the approvals were for the old expiry: without its withdrawn block this form was never on the site
    repo = Repo(site)
    ctx = Context(repo=repo, today=dt.date(2026, 12, 1))
    page = load_page("content/news/gone.md", path, path.read_bytes(), 65536)
    decision = decide(page, ctx)
    assert not decision.publishable and decision.withdrawn
    assert not decision.notice  # never approved in this form: it never was on the site, so no notice


def test_withdrawn_after_approval_shows_its_reason(site, capsys):
    code, _, err = run_cli(capsys, "expire", "--apply", "--today", "2026-11-21")
    assert code == 0, err
    assert build(capsys)[0] == 0
    notice = (site / "site/news/gone/index.html").read_text(encoding="utf-8")
    assert "เหตุผล:" in notice and "21 พฤศจิกายน 2569" in notice and BODY_GONE not in notice


def test_placeholder_blocks_publication(tmp_repo, tmp_path, capsys):
    """Even with a complete, valid chain (``webpub approve`` refuses to sign a placeholder,
    so the records here are signed directly, as any other tool could)."""
    import sys

    from conftest import PROJECT

    sys.path.insert(0, str(PROJECT / "bench"))
    from signing import sign_repo

    write(tmp_repo, "content/news/todo.md", news("ข่าวที่ยังกรอกไม่ครบ", "zqtodobody", body="\n[[กรอก: ชื่อผู้ติดต่อ]]\n"))
    assert sign_repo(tmp_repo, dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.timezone.utc)) == 1
    git(tmp_repo, "add", "-A")
    git(tmp_repo, "commit", "-q", "-m", "signed with a placeholder")
    page = load_page("content/news/todo.md", tmp_repo / "content/news/todo.md",
                     (tmp_repo / "content/news/todo.md").read_bytes(), 65536)
    decision = decide(page, Context(repo=Repo(tmp_repo), today=dt.date(2026, 12, 1)))
    assert decision.approved and not decision.publishable
    assert any("[[กรอก:" in reason for reason in decision.reasons)
    assert build(capsys)[0] == 0
    assert not (tmp_repo / "site/news/todo").exists()
    code, out, _ = run_cli(capsys, "check", "content/news/todo.md", "--today", TODAY, "--format", "json")
    assert any(f["rule"] == "WP029" for f in json.loads(out)["findings"])  # the check's finding stays


def test_a_draft_with_an_impossible_attachment_name_does_not_stop_publishing(site, capsys):
    write(site, "content/news/nul.md", news("ร่างที่มีชื่อไฟล์แปลก", "zqnulbody",
                                            extra='attachments:\n  - file: "a\\0b.pdf"\n    title: x\n'))
    code, out, err = build(capsys)
    assert code == 0, out + err
    assert "Traceback" not in out + err
    assert (site / "site/news/live/index.html").is_file() and not (site / "site/news/nul").exists()


def test_no_build_follows_a_symbolic_link(site, tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(b"%PDF-1.4\n%zqsecretfile\n%%EOF\n")
    os.symlink(outside / "secret.pdf", site / "content/news/linked.pdf")
    os.symlink(outside, site / "content/news/linked-dir")
    os.symlink(site / "content/news/draft.md", site / "content/news/alias.md")
    for mode, folder in (("preview", "preview"), ("publish", "site")):
        build(capsys, mode=mode, site_dir=folder)
        built = site / folder
        assert built.is_dir(), mode
        assert not (built / "news/linked.pdf").exists() and not (built / "news/linked-dir").exists(), mode
        assert not (built / "news/alias").exists(), mode
        assert "zqsecretfile" not in text_of(built), mode
