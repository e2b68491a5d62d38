"""The shipped sample against the report: complete, and precise — taking any one item off
the site flips exactly the entries that rest on it (its own, and those made of it)."""

from __future__ import annotations

import datetime as dt

import pytest

from webpub.monitor import report as rep
from webpub.monitor.items import load_items
from webpub.monitor.status import on_site
from webpub.repo import Repo

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from conftest import copy_project, git

    root = copy_project(tmp_path_factory.mktemp("sample") / "repo", with_content=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "sample")
    repo = Repo(root)
    items = load_items(repo)
    counted = on_site(repo, items, TODAY)
    pages = {i.path: i.page for i in items}
    return repo, items, counted, pages


def statuses(report):
    return {e["id"]: e["status"] for e in report["entries"]}


def test_the_sample_is_complete_and_every_page_counts(sample):
    repo, items, counted, pages = sample
    assert {i.path for i in items if i.readable} == {i.path for i in counted}  # every sample page is approved
    report = rep.build(repo, TODAY, pages=pages)
    missing = {i: s for i, s in statuses(report).items() if s not in ("ok", "na")}
    assert missing == {}
    na = {e["id"]: e["reason"] for e in report["entries"] if e["status"] == "na"}
    assert set(na) == {"1.4/gis", "1.6/subordinate-agencies", "2.1/s9-6", "2.1/s9-8-environment-health"}
    assert all(reason.strip() for reason in na.values())


def test_removing_any_one_item_flips_exactly_its_own_entries(sample):
    repo, items, counted, pages = sample
    shown = {i.path for i in counted}
    base = rep.build(repo, TODAY, shown=shown, pages=pages)
    assert statuses(base) == statuses(rep.build(repo, TODAY, pages=pages))  # same as deciding afresh
    entries = {e["id"]: e for e in base["entries"]}
    parents = {e["id"]: e.get("parent") for e in base["entries"]}

    def ancestors(entry_id):
        while parents.get(entry_id):
            entry_id = parents[entry_id]
            yield entry_id

    for path in sorted(shown):
        after = statuses(rep.build(repo, TODAY, shown=shown - {path}, pages=pages))
        changed = {i for i, s in after.items() if s != entries[i]["status"]}
        own = {i for i, e in entries.items() if path in e["paths"]}
        allowed = own | {a for i in own for a in ancestors(i)}
        assert changed <= allowed, (path, changed - allowed)
        for entry_id in own:
            entry = entries[entry_id]
            if entry["paths"] == [path] and entry["status"] in ("ok", "na") and not entry.get("generated"):
                assert after[entry_id] in ("missing", "overdue"), (path, entry_id)
                assert all(after[a] in ("missing", "overdue") for a in ancestors(entry_id)
                           if entries[a]["status"] == "ok"), (path, entry_id)
