"""The publish build agrees with ``webpub expire``: real signatures, real MkDocs builds, real git."""

from __future__ import annotations

import gzip
import json

import pytest
from approvals_kit import approve_all, setup_keys
from conftest import git, run_cli, write

TOKEN_ENDING = "zqendstodaytoken"
TOKEN_LASTING = "zqlastingtoken"


def news(title: str, token: str, expires: str) -> str:
    return (f"---\ntitle: {title}\ncategory: \"3.1\"\ntopic: general\nowner:\n  division: strategy\n"
            f"  officer: somchai.j\npublished: 2026-11-01\nexpires: {expires}\n---\n\n"
            f"## ข่าว\n\nข่าวประชาสัมพันธ์ของสำนักงาน {token}\n")


@pytest.fixture
def signed(tmp_repo, tmp_path, capsys):
    write(tmp_repo, "content/news/ending.md", news("ข่าวที่หมดวันนี้", TOKEN_ENDING, "2026-11-26"))
    write(tmp_repo, "content/news/lasting.md", news("ข่าวที่ยังอยู่", TOKEN_LASTING, "2027-11-26"))
    keys = setup_keys(tmp_repo, tmp_path / "keys")
    approve_all(lambda *a: run_cli(capsys, *a), "content/news/ending.md", keys)
    approve_all(lambda *a: run_cli(capsys, *a), "content/news/lasting.md", keys)
    git(tmp_repo, "add", "-A")
    git(tmp_repo, "commit", "-q", "-m", "approved news")
    return tmp_repo


def publish(capsys, today: str) -> str:
    code, out, err = run_cli(capsys, "build", "--mode", "publish", "--today", today, "--jobs", "1")
    assert code == 0, out + err
    return out


NOTICE = "news/ending/index.html"  # a taken-down item keeps a notice at its address


def site_text(repo, but_notice: bool = False) -> str:
    site = repo / "site"
    text = "".join(p.read_text(encoding="utf-8", errors="replace")
                   for p in site.rglob("*") if p.is_file() and p.suffix != ".gz"
                   and not (but_notice and p.relative_to(site).as_posix() == NOTICE))
    return text + gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode()


def assert_only_a_notice(repo, reason: str) -> None:
    """Body gone from the whole site; the address shows the title, the reason and noindex, and
    nothing else (nav, listings, sitemap, feeds, search) mentions the item."""
    text = site_text(repo, but_notice=True)
    assert TOKEN_LASTING in text
    assert TOKEN_ENDING not in text and "news/ending/" not in text and "ข่าวที่หมดวันนี้" not in text
    notice = (repo / "site" / NOTICE).read_text(encoding="utf-8")
    assert TOKEN_ENDING not in notice and "ข่าวที่หมดวันนี้" in notice and reason in notice
    assert '<meta name="robots" content="noindex">' in notice and "นำลงจากเว็บไซต์" in notice


def test_build_drops_the_item_the_day_expire_lists_it(signed, capsys):
    publish(capsys, "2026-11-26")
    assert TOKEN_ENDING in site_text(signed) and "news/ending/" in site_text(signed)
    publish(capsys, "2026-11-27")
    assert_only_a_notice(signed, "หมดระยะเวลาเผยแพร่เมื่อสิ้นวันที่ 26 พฤศจิกายน 2569")
    code, out, _ = run_cli(capsys, "expire", "--format", "json", "--today", "2026-11-27")
    assert [i["path"] for i in json.loads(out)["expired"]] == ["content/news/ending.md"]


def test_take_down_removes_it_everywhere_and_revert_restores(signed, capsys):
    code, out, err = run_cli(capsys, "expire", "--apply", "--today", "2026-11-27")
    assert code == 0, err
    git(signed, "commit", "-q", "-am", "take down expired news")
    publish(capsys, "2026-11-26")  # even on a day it had not expired, a withdrawn item stays off
    assert_only_a_notice(signed, "เหตุผล: ")

    git(signed, "revert", "--no-edit", "HEAD")
    publish(capsys, "2026-11-26")  # same bytes again, so the approvals are valid again
    assert TOKEN_ENDING in site_text(signed)
