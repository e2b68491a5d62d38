"""WP022: links to pages, folders and files of the site resolve."""

from __future__ import annotations

import pytest

import realfiles
from conftest import VALID_PAGE, write
from pagekit import page_text, line_of, run_rule, write_page

LISTED = "attachments:\n  - file: files/แผนงาน.pdf\n    title: แผนงาน\n  - file: chart.png\n    title: แผนภูมิ\n"


@pytest.fixture
def site(tmp_repo):
    write(tmp_repo, "content/about/history.md", VALID_PAGE)
    write(tmp_repo, "content/about/units/index.md", VALID_PAGE)
    write(tmp_repo, "content/about/files/แผนงาน.pdf", realfiles.pdf_bytes())
    write(tmp_repo, "content/about/chart.png", realfiles.image_bytes("PNG"))
    return tmp_repo


def test_links_that_resolve_pass(site, capsys):
    body = ("[ประวัติ](history.md) [หน่วยงาน](units/) [หน่วยงาน](units/index.md) "
            "[แผน](files/แผนงาน.pdf) [แผน](files/%E0%B9%81%E0%B8%9C%E0%B8%99%E0%B8%87%E0%B8%B2%E0%B8%99.pdf) "
            "[ประวัติ](/about/history.md) [ประวัติ](./history.md?x=1) [เว็บ](https://www.opdc.go.th/) "
            "[อีเมล](mailto:saraban@opdc.go.th)\n\n![แผนภูมิ](chart.png)\n")
    write_page(site, "content/about/page.md", body, LISTED)
    assert run_rule(capsys, "WP022") == []


@pytest.mark.parametrize("link, needle", [
    ("[ประวัติ](histroy.md)", "histroy.md"),
    ("[หน่วยงาน](nowhere/)", "nowhere/"),
    ("[นอกเว็บ](../../../etc/passwd)", "etc/passwd"),
    ("![ภาพ](images/missing.png)", "missing.png"),
    ('<a href="Files/แผนงาน.pdf">แผน</a>', "Files/"),
    ("[ประวัติ](/about/histry.md)", "histry"),
])
def test_broken_links_are_reported_on_their_line(site, capsys, link, needle):
    text = page_text("## หัวข้อ\n\nย่อหน้า\n\n" + link + "\n", LISTED)
    write(site, "content/about/page.md", text)
    hits = run_rule(capsys, "WP022")
    assert len(hits) == 1, hits
    assert hits[0]["line"] == line_of(text, needle)


def test_hint_suggests_the_closest_existing_name(site, capsys):
    write_page(site, "content/about/page.md", "[ประวัติ](histroy.md)\n")
    (hit,) = run_rule(capsys, "WP022")
    assert "history.md" in hit["hint"]


def test_folder_without_index_page_is_reported(site, capsys):
    write(site, "content/about/empty/readme.txt", b"x")
    write_page(site, "content/about/page.md", "[โฟลเดอร์](empty/)\n")
    (hit,) = run_rule(capsys, "WP022")
    assert "index.md" in hit["message"]
