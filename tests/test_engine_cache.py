"""The check cache: unchanged files are neither re-checked nor re-hashed; edits are seen."""

from __future__ import annotations

import os

from conftest import VALID_PAGE, write
from webpub import engine
from webpub.repo import Repo


def _age(path, seconds=3600):
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns - seconds * 10**9, st.st_mtime_ns - seconds * 10**9))


def test_unchanged_files_are_not_rehashed_and_edits_are_seen(tmp_repo, monkeypatch):
    page = write(tmp_repo, "content/about/history.md", VALID_PAGE)
    _age(page)
    repo = Repo.discover()
    first = engine.run_check(repo, jobs=1)
    assert not first.errors

    hashed = []
    real_sha = engine.file_sha
    monkeypatch.setattr(engine, "file_sha", lambda path: hashed.append(path) or real_sha(path))
    checked = []
    real_check = engine.check_file
    monkeypatch.setattr(engine, "check_file", lambda ctx, rel: checked.append(rel) or real_check(ctx, rel))

    again = engine.run_check(Repo.discover(), jobs=1)
    assert again.findings == first.findings and hashed == [] and checked == []

    page.write_text(VALID_PAGE.replace("title: ประวัติ", "title: ประวัติ\ntitle: ซ้ำ"), encoding="utf-8")
    edited = engine.run_check(Repo.discover(), jobs=1)
    assert checked == ["content/about/history.md"]
    assert {f.rule for f in edited.errors} == {"WP004"}
