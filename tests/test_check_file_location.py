"""WP027: a page lives under content/<dir>/ of its category with an a-z0-9- name."""

from __future__ import annotations

import pytest

from content_helpers import assert_one, check_page, hits, page

RULE = "WP027"


@pytest.mark.parametrize("rel", ["content/about/history.md", "content/about/2026/a-1.md", "content/about/index.md"])
def test_good_locations(tmp_repo, capsys, rel):
    _, report = check_page(capsys, tmp_repo, page(), rel=rel)
    assert not hits(report, RULE)


@pytest.mark.parametrize("rel, suggestion", [
    ("content/about/History Page.md", "history-page.md"),
    ("content/about/ประวัติ.md", "2026-11-01-history.md"),
    ("content/about/a_b.MD", "a-b.md"),
    ("content/about/--x.md", "x.md"),
])
def test_bad_names_suggest_one(tmp_repo, capsys, rel, suggestion):
    _, report = check_page(capsys, tmp_repo, page(), rel=rel)
    finding = assert_one(report, RULE, line=1, path=rel)
    assert suggestion in finding["hint"] and "git mv" in finding["hint"]


def test_bad_folder_name(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(), rel="content/about/ปี 2569/a.md")
    assert_one(report, RULE, line=1, path="content/about/ปี 2569/a.md")


def test_wrong_category_folder(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(), rel="content/news/history.md")
    finding = assert_one(report, RULE, line=3, path="content/news/history.md")
    assert "content/about/" in finding["message"] and "content/about/history.md" in finding["hint"]


def test_page_at_content_root(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(), rel="content/history.md")
    assert_one(report, RULE, line=3, path="content/history.md")


# -- attachments follow the same rule ---------------------------------------------
from conftest import run_cli, write  # noqa: E402
from pagekit import line_of, page_text  # noqa: E402

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _check(capsys, *paths):
    import json

    code, out, err = run_cli(capsys, "check", "--format", "json", "--no-cache", *paths)
    assert "Traceback" not in out + err
    return [f for f in json.loads(out)["findings"] if f["rule"] == RULE]


def _page_with(repo, *files):
    extra = "attachments:\n" + "".join(f"  - file: \"{f}\"\n    title: ไฟล์แนบ\n" for f in files)
    text = page_text("## หัวข้อ\n\nข้อความ\n", extra)
    write(repo, "content/about/page.md", text)
    return text


@pytest.mark.parametrize("name, suggestion", [
    ("rеport.pdf", "report.pdf"),  # Cyrillic е
    ("сhart.png", "chart.png"),  # Cyrillic с
    ("Report Final.PDF", "report-final.pdf"),
    ("รายงาน-2569.pdf", "2569.pdf"),
    ("a_b.pdf", "a-b.pdf"),
])
def test_attachment_names_follow_the_page_name_rule(tmp_repo, capsys, name, suggestion):
    write(tmp_repo, f"content/about/{name}", PDF)
    text = _page_with(tmp_repo, name)
    found = _check(capsys, "content")
    on_disk = [f for f in found if f["path"] == f"content/about/{name}"]
    listed = [f for f in found if f["path"] == "content/about/page.md"]
    assert len(on_disk) == 1 and len(listed) == 1, found
    assert listed[0]["line"] == line_of(text, name)
    assert suggestion in on_disk[0]["hint"] and suggestion in listed[0]["hint"]
    if name[0] in "rс":
        assert "CYRILLIC" in on_disk[0]["message"] and "หน้าตาเหมือน" in on_disk[0]["message"]


@pytest.mark.parametrize("escaped, shown", [
    ("a\\0b.pdf", "U+0000"), ("a\\nb.pdf", "U+000A"), ("a\\u202eb.pdf", "U+202E"), ("files/\\x1bx.pdf", "U+001B"),
])
def test_impossible_names_are_a_clear_finding_not_an_internal_error(tmp_repo, capsys, escaped, shown):
    import json

    text = _page_with(tmp_repo, escaped)
    code, out, err = run_cli(capsys, "check", "--format", "json", "--no-cache", "content")
    found = json.loads(out)["findings"]
    assert "Traceback" not in out + err and not [f for f in found if f["rule"] == "WP000"], found
    [hit] = [f for f in found if f["rule"] == RULE]
    assert hit["line"] == line_of(text, "file:") and shown in hit["message"] and hit["hint"]


def test_a_file_name_that_is_not_utf8_is_named_without_crashing(tmp_repo, capsys):
    import os

    os.makedirs(tmp_repo / "content" / "about", exist_ok=True)
    with open(os.fsencode(tmp_repo / "content" / "about") + b"/r\xffport.pdf", "wb") as fh:
        fh.write(PDF)
    found = _check(capsys, "content")
    assert len(found) == 1 and "UTF-8" in found[0]["message"]


def test_checking_a_page_checks_its_attachments(tmp_repo, capsys):
    write(tmp_repo, "content/about/rеport.pdf", PDF)
    write(tmp_repo, "content/about/other.pdf", PDF)
    _page_with(tmp_repo, "rеport.pdf")
    found = _check(capsys, "content/about/page.md")
    assert {f["path"] for f in found} == {"content/about/page.md", "content/about/rеport.pdf"}


def test_new_and_wp027_share_the_name_rule():
    from webpub import names
    from webpub.checks import file_location
    from webpub.commands import new

    assert new.SLUG is names.SEGMENT is file_location.SEGMENT
