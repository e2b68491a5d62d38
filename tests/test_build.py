"""``webpub build``: real MkDocs builds of real repositories, preview and publish."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from approvals_kit import approve_all, setup_keys
from conftest import run_cli, write

TODAY = "2026-11-26"
TOKEN_DRAFT = "zqdrafttoken"
TOKEN_OLD = "zqexpiredtoken"
TOKEN_LIVE = "zqlivetoken"


def news(title: str, published: str, token: str, extra: str = "") -> str:
    return (
        f"---\ntitle: {title}\ncategory: \"3.1\"\ntopic: general\nowner:\n  division: strategy\n"
        f"  officer: somchai.j\npublished: {published}\n{extra}---\n\n## ความเป็นมาของข่าว\n\n"
        f"ข่าวประชาสัมพันธ์ของสำนักงาน {token}\n"
    )


def build(capsys, mode: str, *extra: str) -> tuple[int, str, str]:
    return run_cli(capsys, "build", "--mode", mode, "--today", TODAY, "--jobs", "1", *extra)


def all_text(folder: Path) -> str:
    if not folder.is_dir():
        return ""
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())


def site_text(site: Path) -> str:
    """Every page, the sitemap, feeds and the search index, as one string."""
    return all_text(site)


@pytest.fixture
def signed_repo(tmp_repo, tmp_path, capsys):
    """A live news item and an expired one, both fully approved with real SSH signatures, plus a draft."""
    write(tmp_repo, "content/news/live.md", news("ข่าวที่เผยแพร่อยู่", "2026-11-20", TOKEN_LIVE))
    write(tmp_repo, "content/news/old.md", news("ข่าวที่หมดอายุแล้ว", "2026-01-10", TOKEN_OLD, "expires: 2026-06-30\n"))
    write(tmp_repo, "content/news/draft.md", news("ข่าวฉบับร่าง", "2026-11-21", TOKEN_DRAFT))
    keys = setup_keys(tmp_repo, tmp_path / "keys")
    cli = lambda *args: run_cli(capsys, *args)  # noqa: E731
    approve_all(cli, "content/news/live.md", keys)
    approve_all(cli, "content/news/old.md", keys)
    return tmp_repo


def test_preview_shows_draft_with_thai_banner_and_thai_dates(tmp_repo, capsys):
    write(tmp_repo, "content/news/draft.md", news("ข่าวฉบับร่าง", "2026-11-21", TOKEN_DRAFT))
    code, out, err = build(capsys, "preview")
    assert code == 0, out + err
    html = (tmp_repo / "site/news/draft/index.html").read_text(encoding="utf-8")
    assert 'lang="th"' in html
    assert "webpub-banner" in html and "ฉบับร่าง" in html
    assert "21 พฤศจิกายน 2569" in html
    assert 'id="ความเป็นมาของข่าว"' in html  # heading ids keep Thai


def test_publish_leaves_out_drafts_and_expired_items_everywhere(signed_repo, capsys):
    code, out, err = build(capsys, "publish")
    assert code == 0, out + err
    site = signed_repo / "site"
    live = (site / "news/live/index.html").read_text(encoding="utf-8")
    assert "webpub-banner" not in live
    assert "การอนุมัติเผยแพร่" in live and "นายวิชัย กิตติศักดิ์" in live
    assert not (site / "news/draft").exists()
    # the expired item keeps only a notice at its address (title, reason, noindex), nothing else
    notice = (site / "news/old/index.html").read_text(encoding="utf-8")
    assert TOKEN_OLD not in notice and "ข่าวที่หมดอายุแล้ว" in notice and "นำลงจากเว็บไซต์แล้ว" in notice
    assert '<meta name="robots" content="noindex">' in notice
    (site / "news/old/index.html").unlink()
    text = site_text(site)
    assert TOKEN_LIVE in text
    for token in (TOKEN_DRAFT, TOKEN_OLD, "ข่าวฉบับร่าง", "ข่าวที่หมดอายุแล้ว"):
        assert token not in text, token
    sitemap = gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode()
    assert "news/live/" in sitemap and "news/old/" not in sitemap and "news/draft/" not in sitemap
    feed = (site / "feed-news.xml").read_text(encoding="utf-8")
    assert "news/live/" in feed and "news/old/" not in feed


def test_search_index_holds_published_pages_only(signed_repo, capsys):
    assert build(capsys, "preview", "--site-dir", "preview-site")[0] == 0
    assert TOKEN_DRAFT in all_text(signed_repo / "preview-site/search-index")  # the control
    assert build(capsys, "publish")[0] == 0
    index = all_text(signed_repo / "site/search-index")
    assert TOKEN_LIVE in index
    assert TOKEN_DRAFT not in index and TOKEN_OLD not in index


def test_draft_attachments_are_not_published(tmp_repo, capsys):
    write(tmp_repo, "content/news/secret.pdf", b"%PDF-1.4\n%%EOF\n")
    write(tmp_repo, "content/news/draft.md", news(
        "ข่าวฉบับร่าง", "2026-11-21", TOKEN_DRAFT, "attachments:\n  - file: secret.pdf\n    title: เอกสาร\n"))
    assert build(capsys, "preview", "--site-dir", "p")[0] == 0
    assert (tmp_repo / "p/news/secret.pdf").is_file()
    assert build(capsys, "publish")[0] == 0
    assert not (tmp_repo / "site/news/secret.pdf").exists()


def test_publish_leaves_out_a_broken_item_and_publishes_the_rest(signed_repo, capsys):
    """A page whose frontmatter cannot be read cannot be known to be approved: it is not
    published, and it blocks nothing else (ISSUE-11: a draft's problems never stop publishing)."""
    write(signed_repo, "content/news/broken.md", "---\ntitle: [ไม่ปิด\ncategory: \"3.1\"\n---\n\nzqbrokentoken\n")
    code, out, err = build(capsys, "publish")
    assert code == 0, out + err
    assert "Traceback" not in out + err
    site = signed_repo / "site"
    assert (site / "news/live/index.html").is_file() and not (site / "news/broken").exists()
    assert "zqbrokentoken" not in site_text(site)


def test_generated_pages_and_machine_readable_files_exist(tmp_repo, capsys):
    write(tmp_repo, "content/news/draft.md", news("ข่าวฉบับร่าง", "2026-11-21", TOKEN_DRAFT))
    assert build(capsys, "preview")[0] == 0
    site = tmp_repo / "site"
    for rel in ("index.html", "sitemap/index.html", "oia/index.html", "opendata/index.html",
                "news/index.html", "news/archive/index.html", "news/archive/2569/11/index.html",
                "news/topic-general/index.html", "feed-news.xml", "sitemap.xml"):
        assert (site / rel).is_file(), rel
    catalog = json.loads((site / "opendata/catalog.json").read_text(encoding="utf-8"))
    assert catalog["result"]["count"] == 0
    report = json.loads((site / "compliance/report.json").read_text(encoding="utf-8"))
    assert report["today"] == TODAY and report["entries"]  # the monitoring report, as a page and JSON
    assert (site / "compliance/index.html").is_file()
    # one dashboard per division (webpub.monitor.division): the preview names the draft and whom it waits for
    assert (site / "divisions/index.html").is_file()
    strategy = (site / "divisions/strategy/index.html").read_text(encoding="utf-8")
    assert "ข่าวฉบับร่าง" in strategy and "รอการอนุมัติ" in strategy and "นายวิชัย กิตติศักดิ์" in strategy
    assert "webpub-chip" in strategy and "<script>" not in strategy.split("<article", 1)[-1].split("</article>", 1)[0]
    oia = (site / "oia/index.html").read_text(encoding="utf-8")
    assert "ยังไม่มีข้อมูล" not in oia and "มาตรา 7" in oia and "มาตรา 9" in oia  # no empty topics


def test_thai_anchor_links_resolve_and_bad_anchors_are_reported(tmp_repo, capsys):
    write(tmp_repo, "content/news/a.md", news("ข่าว ก", "2026-11-20", "a"))
    write(tmp_repo, "content/news/b.md", news("ข่าว ข", "2026-11-20", "b").replace(
        "ข่าวประชาสัมพันธ์", "[ดูที่มา](a.md#ความเป็นมาของข่าว) และ [หัวข้อผิด](a.md#ไม่มีหัวข้อนี้) ข่าวประชาสัมพันธ์"))
    code, out, err = build(capsys, "preview")
    assert code == 0  # preview reports link problems as warnings
    assert out.count("[WP304]") == 1 and "ไม่มีหัวข้อนี้" in out
    # webpub check's link checker agrees with the built site on the very same links
    code, out, err = run_cli(capsys, "check", "--format", "json", "--no-cache", "--today", TODAY)
    anchors = [f for f in json.loads(out)["findings"] if f["rule"] == "WP023"]
    assert len(anchors) == 1 and anchors[0]["path"] == "content/news/b.md"


def test_site_furniture_footer_skip_link_search_and_local_font(sample_repo, capsys):
    assert build(capsys, "preview")[0] == 0
    html = (sample_repo / "site/index.html").read_text(encoding="utf-8")
    assert 'class="md-skip webpub-skip"' in html and 'id="webpub-main"' in html
    assert "webpub-footer" in html
    for topic_path in ("about/website-policy/", "about/privacy-policy/", "sitemap/"):
        assert f'href="{topic_path}"' in html, topic_path
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
    css = (sample_repo / "site/assets/webpub/webpub.css").read_text(encoding="utf-8")
    assert '@import url("fonts.css");' in css
    assert "sarabun-thai-400-normal.woff2" in (sample_repo / "site/assets/webpub/fonts.css").read_text(encoding="utf-8")
    assert (sample_repo / "site/assets/fonts/sarabun/sarabun-thai-400-normal.woff2").is_file()


def _stray_mkdocs_build(repo: Path, tmp_path: Path, name: str):
    """The real ``mkdocs build`` at the repository root, as a maintainer might type it."""
    import subprocess
    import sys

    out = tmp_path / name
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(out)], cwd=repo,
                          capture_output=True, text=True, timeout=600,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "NO_MKDOCS_2_WARNING": "1"})
    return done, all_text(out)


def test_mkdocs_build_at_the_root_publishes_no_draft(signed_repo, tmp_path, capsys):
    """Whatever was built before, a plain ``mkdocs build`` never puts a draft on a site:
    the root config reads only the publish stage, and its plugin refuses without a plan."""
    done, text = _stray_mkdocs_build(signed_repo, tmp_path, "never-built")
    assert done.returncode != 0 and TOKEN_DRAFT not in text
    assert build(capsys, "preview", "--site-dir", str(tmp_path / "preview"))[0] == 0
    assert TOKEN_DRAFT in all_text(tmp_path / "preview")  # preview does show it, with its banner
    assert TOKEN_DRAFT in all_text(signed_repo / ".webpub-build/preview")
    done, text = _stray_mkdocs_build(signed_repo, tmp_path, "after-preview")
    assert done.returncode != 0 and TOKEN_DRAFT not in text
    assert build(capsys, "publish")[0] == 0
    done, text = _stray_mkdocs_build(signed_repo, tmp_path, "after-publish")
    assert done.returncode != 0 and TOKEN_DRAFT not in text
    assert "webpub build" in done.stderr  # the plugin's Thai refusal names the way to build
    # a maintainer drops the plugin (or a generator ignores it): only the publish stage is read
    config = signed_repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("plugins:\n  - webpub\n", "plugins: []\n"),
                      encoding="utf-8")
    done, text = _stray_mkdocs_build(signed_repo, tmp_path, "no-plugin")
    assert done.returncode == 0, done.stderr
    assert TOKEN_LIVE in text and TOKEN_DRAFT not in text and TOKEN_OLD not in text


def test_the_publish_stage_holds_only_what_may_be_published(signed_repo, capsys):
    write(signed_repo, "content/news/unlisted.pdf", b"%PDF-1.4\n%%EOF\n")
    write(signed_repo, "content/news/draft-file.pdf", b"%PDF-1.4\n%%EOF\n")
    assert build(capsys, "publish")[0] == 0
    stage = signed_repo / ".webpub-build/publish"
    staged = {p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file()}
    assert "news/live.md" in staged and "news/draft.md" not in staged
    assert "news/old.md" in staged  # a notice at the taken-down item's address, never its body
    assert TOKEN_OLD not in (stage / "news/old.md").read_text(encoding="utf-8")
    assert "news/unlisted.pdf" not in staged and "news/draft-file.pdf" not in staged
    assert {"index.md", "news/index.md", "compliance/index.md"} <= staged
    assert (signed_repo / "site/news/live/form/index.html").is_file()  # written beside the page afterwards
    assert TOKEN_DRAFT not in all_text(stage)
    assert not (signed_repo / "content").joinpath(".webpub-build").exists()


def test_staged_attachments_are_linked_not_followed(tmp_repo, tmp_path, capsys):
    secret = tmp_path / "outside.pdf"
    secret.write_bytes(b"%PDF-1.4\nzqoutsidesecret\n%%EOF\n")
    write(tmp_repo, "content/news/file.pdf", b"%PDF-1.4\n%%EOF\n")
    (tmp_repo / "content/news/link.pdf").symlink_to(secret)
    write(tmp_repo, "content/news/item.md", news("ข่าวมีไฟล์แนบ", "2026-11-20", TOKEN_DRAFT,
                                                 "attachments:\n  - file: file.pdf\n    title: ไฟล์\n"))
    assert build(capsys, "preview")[0] == 0
    stage = tmp_repo / ".webpub-build/preview"
    assert (stage / "news/file.pdf").stat().st_ino == (tmp_repo / "content/news/file.pdf").stat().st_ino
    assert not (stage / "news/link.pdf").exists() and not (stage / "news/link.pdf").is_symlink()
    assert "zqoutsidesecret" not in all_text(tmp_repo / "site")


def test_the_build_passes_its_plan_explicitly(signed_repo, capsys, monkeypatch):
    """No environment variables or module state carry the mode and day to the generator:
    a stale WEBPUB_MODE is ignored, and the plugin refuses to run without a plan."""
    import os

    from mkdocs.exceptions import PluginError

    from webpub.site.mkdocs_plugin import WebpubPlugin

    monkeypatch.setenv("WEBPUB_MODE", "preview")
    before = dict(os.environ)
    assert build(capsys, "publish")[0] == 0
    assert dict(os.environ) == before
    assert TOKEN_DRAFT not in all_text(signed_repo / "site")
    with pytest.raises(PluginError, match="webpub build"):
        WebpubPlugin().on_config(None)


def test_a_file_no_item_lists_is_never_shipped(signed_repo, capsys):
    write(signed_repo, "content/news/tool.exe", b"MZ\x90\x00" + b"\x00" * 64)
    write(signed_repo, "content/news/unlisted.pdf", b"%PDF-1.4\n%%EOF\n")
    code, out, err = build(capsys, "publish")
    assert code == 0, out + err
    site = signed_repo / "site"
    assert (site / "news/live/index.html").is_file()
    assert not (site / "news/tool.exe").exists() and not (site / "news/unlisted.pdf").exists()
    assert build(capsys, "preview", "--site-dir", "p")[0] == 0  # preview still shows the officer everything
    assert (signed_repo / "p/news/unlisted.pdf").is_file()


def test_publish_refuses_a_bad_file_a_shown_item_lists(tmp_repo, tmp_path, capsys):
    write(tmp_repo, "content/news/tool.exe", b"MZ\x90\x00" + b"\x00" * 64)
    write(tmp_repo, "content/news/live.md", news("ข่าวที่เผยแพร่อยู่", "2026-11-20", TOKEN_LIVE,
                                                 "attachments:\n  - file: tool.exe\n    title: โปรแกรม\n"))
    approve_all(lambda *args: run_cli(capsys, *args), "content/news/live.md", setup_keys(tmp_repo, tmp_path / "keys"))
    code, out, err = build(capsys, "publish")
    assert code == 1
    assert "content/news/tool.exe" in out
    assert not (tmp_repo / "site").exists()


def test_markup_in_a_title_is_shown_as_text_everywhere(tmp_repo, capsys):
    title = '<img src=x onerror=alert(1)> ข่าวทดสอบ'
    write(tmp_repo, "content/about/history.md", (
        f"---\ntitle: '{title}'\ncategory: \"1.1\"\ntopic: history\nowner:\n  division: strategy\n"
        "  officer: somchai.j\npublished: 2026-11-20\n---\n\n## ความเป็นมา\n\nเนื้อหา\n"))
    code, out, err = build(capsys, "preview")
    assert code == 0, out + err
    assert "[WP305]" not in out
    for rel in ("about/history/index.html", "about/index.html", "sitemap/index.html"):
        html = (tmp_repo / "site" / rel).read_text(encoding="utf-8")
        assert "<img src=x" not in html, rel
        assert "&lt;img src=x onerror=alert(1)&gt; ข่าวทดสอบ" in html, rel


def test_webpub_serve_previews_on_a_free_port(tmp_repo, tmp_path):
    """``webpub serve`` replaces plain ``mkdocs serve``: the preview, drafts bannered, on localhost."""
    import subprocess
    import sys
    import urllib.request

    write(tmp_repo, "content/news/draft.md", news("ข่าวฉบับร่าง", "2026-11-21", TOKEN_DRAFT))
    proc = subprocess.Popen([sys.executable, "-m", "webpub", "serve", "--port", "0", "--today", TODAY],
                            cwd=tmp_repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert "http://127.0.0.1:" in line, line + proc.stderr.read()
        url = line.split("http://", 1)[1].split("/", 1)[0]
        with urllib.request.urlopen(f"http://{url}/news/draft/", timeout=60) as response:
            html = response.read().decode("utf-8")
        assert TOKEN_DRAFT in html and "webpub-banner" in html
    finally:
        proc.terminate()
        proc.wait(timeout=60)
