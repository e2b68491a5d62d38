"""``webpub form``: the printable request-to-publish form with four signature blocks."""

from __future__ import annotations

import pytest

from approvals_kit import PAGE, approve_all, setup_keys
from conftest import run_cli, write

ITEM = "content/about/plan.md"


@pytest.fixture
def page(tmp_repo):
    extra = ('summary: สรุป <b>แผน</b> ประจำปี\nexternal_url: https://www.opdc.go.th/plan\n'
             'remarks: เผยแพร่ตามมติที่ประชุม\nupdated: 2026-11-20\n')
    write(tmp_repo, ITEM, PAGE.replace("published: 2024-01-15\n", "published: 2024-01-15\n" + extra))
    return tmp_repo


def form(capsys):
    code, out, err = run_cli(capsys, "form", ITEM)
    assert code == 0, err
    return out


def test_unsigned_form_shows_fields_and_empty_blocks(page, capsys):
    html = form(capsys)
    assert html.startswith("<!DOCTYPE html>") and 'lang="th"' in html
    for text in ("สำนักงานคณะกรรมการพัฒนาระบบราชการ", "20 พฤศจิกายน 2569", "แผนปฏิบัติราชการประจำปี",
                 "https://www.opdc.go.th/plan", "เผยแพร่ตามมติที่ประชุม", "นายสมชาย ใจดี", "sha256:"):
        assert text in html
    assert "สรุป &lt;b&gt;แผน&lt;/b&gt;" in html  # text is escaped, never markup
    assert html.count("ยังไม่มีการลงนามที่ถูกต้อง") == 3
    assert "<script" not in html


def test_signed_form_names_signers_with_dates_and_fingerprints(page, tmp_path, capsys):
    keys = setup_keys(page, tmp_path / "keys")
    approve_all(lambda *a: run_cli(capsys, *a), ITEM, keys)
    html = form(capsys)
    for name in ("นายวิชัย กิตติศักดิ์", "นางมาลี ชัยมงคล", "นายณรงค์ บุญมา", "ผู้อำนวยการกองยุทธศาสตร์การพัฒนาระบบราชการ"):
        assert name in html
    assert html.count("SHA256:") == 3 and "ยังไม่มีการลงนาม" not in html and "สถานะการลงนาม: ครบถ้วน" in html


def test_form_of_unreadable_page_is_a_clear_error(tmp_repo, capsys):
    write(tmp_repo, ITEM, "---\ntitle: [\n---\n")
    code, out, err = run_cli(capsys, "form", ITEM)
    assert code == 2 and ITEM in err and "Traceback" not in err


def test_form_prints_on_a4_in_chromium(page, tmp_path, capsys):
    """Real headless Chromium: the four blocks render and the form prints to one or two A4 pages."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    keys = setup_keys(page, tmp_path / "keys")
    approve_all(lambda *a: run_cli(capsys, *a), ITEM, keys)
    target = tmp_path / "form.html"
    target.write_text(form(capsys), encoding="utf-8")
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"]
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        try:
            tab = browser.new_page()
            tab.goto(target.as_uri())
            headings = tab.locator("section.block h2").all_inner_texts()
            assert headings == ["ผู้ให้ข้อมูล", "ผู้รับรอง", "ผู้อนุญาต", "ผู้รับผิดชอบการนำข้อมูลขึ้นเผยแพร่"]
            assert all(tab.locator("section.block").nth(i).is_visible() for i in range(4))
            tab.pdf(path=str(tmp_path / "form.pdf"), format="A4", print_background=True)
        finally:
            browser.close()
    assert 1 <= len(PdfReader(str(tmp_path / "form.pdf")).pages) <= 2


def test_form_from_the_builds_trail_equals_a_fresh_verification(sample_repo):
    """The site build passes the trail its publish decision already verified."""
    import datetime as dt
    import pickle

    from webpub.context import Context
    from webpub.repo import Repo
    from webpub.site.model import build_model

    from webpub.approvals.form import render_form_html

    model = build_model(Repo(sample_repo), dt.date(2026, 11, 26), "publish")
    item = model.shown[0]
    trail = pickle.loads(pickle.dumps(item.decision.trail))  # as it comes back from a worker
    ctx = Context(repo=model.repo, today=model.today)
    assert trail.complete and trail.records
    assert render_form_html(item.page, ctx, trail=trail) == render_form_html(item.page, ctx)
