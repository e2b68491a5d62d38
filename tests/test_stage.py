"""The staged docs tree is kept between builds and brought up to date (site/stage.py): nothing
unchanged is rewritten (same inode, same modification time), what changed is rewritten, what
left the plan goes, and nothing planted in the tree is followed."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from conftest import write
from test_build import TOKEN_DRAFT, TOKEN_LIVE, TOKEN_OLD, all_text, build, news, signed_repo  # noqa: F401

from webpub.repo import Repo
from webpub.site.plan import plan_site
from webpub.site.stage import StageStats, stage_dir, write_stage

TODAY = dt.date(2026, 11, 26)


def stage(repo: Path, mode: str = "preview") -> tuple[Path, StageStats]:
    """Plan and stage as ``webpub build`` does (without generating the site)."""
    plan = plan_site(Repo.discover(), TODAY, mode, "/")
    stats = StageStats()
    return write_stage(plan, stage_dir(repo, mode), stats), stats


def snapshot(tree: Path) -> dict[str, tuple[int, int]]:
    """Every entry of the tree (never followed): inode and modification time."""
    out = {}
    for folder, dirs, files in os.walk(tree):
        for name in dirs + files:
            st = os.lstat(os.path.join(folder, name))
            out[os.path.relpath(os.path.join(folder, name), tree)] = (st.st_ino, st.st_mtime_ns)
    return out


def preview_repo(repo: Path) -> None:
    write(repo, "content/news/a.md", news("ข่าว ก", "2026-11-20", "zqtokena"))
    write(repo, "content/news/b.md", news("ข่าว ข", "2026-11-21", "zqtokenb",
                                          "attachments:\n  - file: b.pdf\n    title: ไฟล์\n"))
    write(repo, "content/news/b.pdf", b"%PDF-1.4\n%%EOF\n")


def test_a_second_stage_with_nothing_changed_writes_nothing(tmp_repo):
    preview_repo(tmp_repo)
    tree, first = stage(tmp_repo)
    assert first.written > 3 and first.linked >= 1 and first.kept == 0
    before = snapshot(tree)
    _, second = stage(tmp_repo)
    assert (second.written, second.linked, second.removed) == (0, 0, 0)
    assert second.kept == first.written + first.linked
    assert snapshot(tree) == before  # same inodes, same modification times, nothing added
    pdf = tmp_repo / "content/news/b.pdf"
    assert (tree / "news/b.pdf").stat().st_ino == pdf.stat().st_ino  # still the source's inode


def test_one_changed_page_rewrites_only_that_page(tmp_repo):
    preview_repo(tmp_repo)
    tree, _ = stage(tmp_repo)
    before = snapshot(tree)
    write(tmp_repo, "content/news/a.md", news("ข่าว ก", "2026-11-20", "zqtokenchanged"))
    _, stats = stage(tmp_repo)
    after = snapshot(tree)
    changed = {k for k in after if after[k] != before.get(k)}
    # the page itself; generated lists that quote its text would be the only others
    assert "news/a.md" in changed and "news/b.md" not in changed and "news/b.pdf" not in changed
    assert stats.written == len(changed - {k for k in changed if os.path.isdir(tree / k)})
    assert "zqtokenchanged" in (tree / "news/a.md").read_text(encoding="utf-8")
    # a source replaced by a new file (a new inode, as git checkout does) is linked again
    pdf = tmp_repo / "content/news/b.pdf"
    pdf.unlink()
    pdf.write_bytes(b"%PDF-1.4\n% new\n%%EOF\n")
    _, stats = stage(tmp_repo)
    assert stats.linked == 1 and (tree / "news/b.pdf").stat().st_ino == pdf.stat().st_ino


def test_a_removed_item_and_its_attachment_leave_the_stage(tmp_repo):
    preview_repo(tmp_repo)
    tree, _ = stage(tmp_repo)
    (tmp_repo / "content/news/b.md").unlink()
    (tmp_repo / "content/news/b.pdf").unlink()
    _, stats = stage(tmp_repo)
    assert not (tree / "news/b.md").exists() and not (tree / "news/b.pdf").exists()
    assert stats.removed >= 2 and (tree / "news/a.md").is_file()
    # a whole folder of content gone: its staged folder goes too
    write(tmp_repo, "content/extra/deep/c.md", news("ข่าว ค", "2026-11-22", "zqtokenc"))
    stage(tmp_repo)
    assert (tree / "extra/deep/c.md").is_file()
    (tmp_repo / "content/extra/deep/c.md").unlink()
    stage(tmp_repo)
    assert not (tree / "extra/deep").exists()


def test_a_planted_symlink_is_replaced_never_followed(tmp_repo, tmp_path):
    preview_repo(tmp_repo)
    tree, _ = stage(tmp_repo)
    outside = tmp_path / "outside.md"
    outside.write_text("zqoutside\n", encoding="utf-8")
    outside_dir = tmp_path / "outside-dir"
    outside_dir.mkdir()
    (outside_dir / "keep.txt").write_text("keep\n", encoding="utf-8")
    (tree / "news/a.md").unlink()
    (tree / "news/a.md").symlink_to(outside)  # where a page goes
    (tree / "planted.md").symlink_to(outside)  # not in the plan
    (tree / "extra").symlink_to(outside_dir)  # a linked folder
    pdf = tree / "news/b.pdf"
    pdf.unlink()
    pdf.symlink_to(outside)  # where an attachment goes
    stage(tmp_repo)
    assert not (tree / "news/a.md").is_symlink() and "zqtokena" in (tree / "news/a.md").read_text(encoding="utf-8")
    assert not os.path.lexists(tree / "planted.md") and not os.path.lexists(tree / "extra")
    assert not pdf.is_symlink() and pdf.stat().st_ino == (tmp_repo / "content/news/b.pdf").stat().st_ino
    assert outside.read_text(encoding="utf-8") == "zqoutside\n"  # never written through
    assert (outside_dir / "keep.txt").is_file()  # never emptied through the link
    # the whole stage replaced by a link: the link goes, the target is untouched
    target = tmp_path / "elsewhere"
    target.mkdir()
    os.rename(tree, tmp_path / "old-stage")
    tree.symlink_to(target)
    stage(tmp_repo)
    assert not tree.is_symlink() and tree.is_dir() and list(target.iterdir()) == []


def test_a_page_is_never_written_through_a_hard_link_into_content(tmp_repo):
    preview_repo(tmp_repo)
    tree, _ = stage(tmp_repo)
    source = tmp_repo / "content/news/a.md"
    before = source.read_bytes()
    (tree / "news/a.md").unlink()
    os.link(source, tree / "news/a.md")  # the staged page is now content/'s own file
    stage(tmp_repo)
    assert source.read_bytes() == before and (tree / "news/a.md").stat().st_ino != source.stat().st_ino


def test_a_file_replaced_by_a_folder_and_the_reverse(tmp_repo):
    preview_repo(tmp_repo)
    tree, _ = stage(tmp_repo)
    (tmp_repo / "content/news/b.pdf").unlink()
    write(tmp_repo, "content/news/b.pdf/inner.txt", "ข้างใน\n")  # now a folder of that name
    stage(tmp_repo)
    assert (tree / "news/b.pdf").is_dir() and (tree / "news/b.pdf/inner.txt").is_file()
    (tmp_repo / "content/news/b.pdf/inner.txt").unlink()
    (tmp_repo / "content/news/b.pdf").rmdir()
    write(tmp_repo, "content/news/b.pdf", b"%PDF-1.4\n%%EOF\n")  # a file again
    stage(tmp_repo)
    assert (tree / "news/b.pdf").is_file()
    # stray entries of any kind in the tree: a folder where a page goes, a FIFO
    (tree / "news/a.md").unlink()
    (tree / "news/a.md").mkdir()
    (tree / "news/a.md/x").write_text("x", encoding="utf-8")
    os.mkfifo(tree / "news/fifo")
    stage(tmp_repo)
    assert (tree / "news/a.md").is_file() and not os.path.lexists(tree / "news/fifo")


def test_publish_stage_drops_an_item_taken_down_and_never_holds_a_draft(signed_repo, capsys):  # noqa: F811
    assert build(capsys, "preview")[0] == 0
    assert TOKEN_DRAFT in all_text(signed_repo / ".webpub-build/preview")
    assert build(capsys, "publish")[0] == 0
    tree = signed_repo / ".webpub-build/publish"
    assert TOKEN_DRAFT not in all_text(tree) and TOKEN_LIVE in all_text(tree)
    before = snapshot(tree)
    # the live item is taken down (withdrawn): at the next build only a notice stays at its address
    live = signed_repo / "content/news/live.md"
    live.write_text(live.read_text(encoding="utf-8").replace(
        "published: 2026-11-20\n", "published: 2026-11-20\nwithdrawn:\n  on: 2026-11-25\n  reason: ข้อมูลไม่เป็นปัจจุบัน\n"),
        encoding="utf-8")
    code, out, err = build(capsys, "publish")
    assert code == 0, out + err
    assert TOKEN_LIVE not in all_text(tree) and "นำลงจากเว็บไซต์" in (tree / "news/live.md").read_text(encoding="utf-8")
    assert snapshot(tree)["news/old.md"] == before["news/old.md"]  # the other notice untouched
    # removed from content: its page goes from the stage at the next build
    live.unlink()
    (signed_repo / "content/news/old.md").unlink()
    assert build(capsys, "publish")[0] == 0
    assert not (tree / "news/live.md").exists() and not (tree / "news/old.md").exists()
    assert TOKEN_LIVE not in all_text(tree) and TOKEN_OLD not in all_text(tree) and TOKEN_DRAFT not in all_text(tree)
