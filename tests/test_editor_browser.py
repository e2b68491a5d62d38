"""The officer's form editor in real Chromium, against Decap's local proxy in git mode.

An officer creates a 3.1 job opening in Thai with a PDF and saves it for review: the
proxy makes a ``cms/news/<slug>`` branch whose page and attachment pass ``webpub check``
and whose frontmatter holds exactly what was entered. Editing a signed item keeps its
approval records byte for byte, so ``webpub verify`` calls it stale, not broken.
Screenshots for docs/guides/officer.md are written to ``WEBPUB_SCREENSHOTS`` (default:
docs/guides/images/editor/, git-ignored), never committed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import threading
from pathlib import Path

import pytest

from conftest import PROJECT, copy_project, git
from realfiles import pdf_bytes
from webpub.editor import local, vendor

SHOTS = Path(os.environ.get("WEBPUB_SCREENSHOTS") or PROJECT / "docs" / "guides" / "images" / "editor")
TITLE = "ประกาศรับสมัครบุคคลเพื่อเลือกสรรเป็นพนักงานราชการ ตำแหน่งนักวิชาการคอมพิวเตอร์"
BODY = ("## คุณสมบัติผู้สมัคร\n\nสำเร็จการศึกษาระดับปริญญาตรีสาขาวิทยาการคอมพิวเตอร์\n\n"
        "## วิธีการสมัคร\n\nยื่นใบสมัครด้วยตนเองที่สำนักงานเลขาธิการ ภายในวันปิดรับสมัคร\n")
SIGNED = "content/laws/public-administration-act-2534.md"


def webpub(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(PROJECT / ".venv" / "bin" / "webpub"), *args], cwd=repo,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """A sample repository, one decap-server (git mode) and the admin page: one per module."""
    local.npm_ci(PROJECT)
    repo = copy_project(tmp_path_factory.mktemp("editor") / "repo", with_content=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "webpub test")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "sample")
    proc, api = local.start_proxy(PROJECT, repo)
    admin = vendor.stage_admin(PROJECT, tmp_path_factory.mktemp("admin") / "admin", local_backend=api)
    server = local.http_server(admin, None, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield repo, f"http://127.0.0.1:{server.server_address[1]}/admin/"
    finally:
        server.shutdown()
        server.server_close()
        local.stop(proc)


@pytest.fixture
def page(browser, editor):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH",
                                  timezone_id="Asia/Bangkok")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(editor[1])
    tab.get_by_role("button", name="เข้าสู่ระบบ").click()
    tab.get_by_text("3.1 ข่าวประชาสัมพันธ์").first.wait_for()
    yield tab
    context.close()
    assert errors == []


def shot(tab, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"))


def choose(tab, field: str, text: str) -> None:
    box = tab.locator(f"[id^={field}-field]").first
    box.fill(text)
    tab.keyboard.press("Enter")


def save_for_review(tab) -> None:
    tab.get_by_role("button", name="บันทึก", exact=True).click()
    status = tab.get_by_text("สถานะ: ร่าง")
    status.wait_for(timeout=30000)
    status.click()
    tab.get_by_text("อยู่ระหว่างการตรวจสอบ", exact=True).click()
    tab.get_by_text("สถานะ: อยู่ระหว่างการตรวจสอบ").wait_for(timeout=30000)


def new_branches(repo: Path) -> list[str]:
    return sorted(b.strip().lstrip("* ") for b in git(repo, "branch", "--list", "cms/*").splitlines())


def branch_files(repo: Path, branch: str) -> list[str]:
    return sorted(git(repo, "diff", "--name-only", f"main...{branch}").split())


def checkout(repo: Path, branch: str, dest: Path) -> Path:
    # A clone, not a worktree: the proxy checks branches out in the repository itself.
    git(repo, "clone", "-q", "--branch", branch, str(repo), str(dest))
    return dest


def frontmatter(text: str) -> dict:
    import yaml

    return yaml.safe_load(text.split("---\n", 2)[1])


def test_officer_creates_a_job_opening_with_a_pdf_and_saves_it_for_review(page, editor, tmp_path):
    repo, base = editor
    tab = page
    shot(tab, "01-collections")
    tab.goto(base + "#/collections/news/new")
    tab.get_by_label("ชื่อเรื่อง", exact=True).fill(TITLE)
    choose(tab, "topic", "ประกาศรับสมัครงาน")
    choose(tab, "division", "สำนักงานเลขาธิการ")
    choose(tab, "officer", "นางสาวจินตนา แก้วมณี")
    tab.locator("[id^=published-field]").fill("2026-11-30")
    tab.locator("[id^=closing_date-field]").fill("2026-12-31")
    tab.get_by_role("button", name="เพิ่ม ไฟล์แนบ").click()
    tab.get_by_role("button", name="เลือกไฟล์").first.click()
    pdf = tmp_path / "job-2569.pdf"
    pdf.write_bytes(pdf_bytes())
    tab.locator("input[type=file]").set_input_files(str(pdf))
    tab.get_by_text("job-2569.pdf").first.wait_for()
    shot(tab, "03-attachment")
    tab.get_by_role("button", name="เลือกข้อมูลที่ถูกเลือก").click()
    tab.get_by_label("ชื่อไฟล์ที่ผู้อ่านเห็น").fill("ประกาศรับสมัครฉบับเต็ม")
    body = tab.locator("[contenteditable=true]").last
    body.click()
    tab.keyboard.type(BODY)
    tab.locator("[id^=title-field]").first.scroll_into_view_if_needed()
    shot(tab, "02-form")
    save_for_review(tab)
    shot(tab, "04-in-review")
    tab.goto(base + "#/workflow")
    tab.get_by_text(TITLE[:30]).first.wait_for()
    shot(tab, "05-workflow")

    branches = new_branches(repo)
    assert len(branches) == 1 and branches[0].startswith("cms/news/"), branches
    branch = branches[0]
    assert git(repo, "config", f"branch.{branch}.description").strip() == "webpub/pending_review"
    files = branch_files(repo, branch)
    pages = [f for f in files if f.endswith(".md")]
    assert len(pages) == 1 and files == sorted([pages[0], "content/news/job-2569.pdf"]), files
    tree = checkout(repo, branch, tmp_path / "branch")
    checked = webpub(tree, "check", "--format", "json", *files)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    findings = json.loads(checked.stdout)
    errors = [f for f in findings.get("findings", []) if f.get("severity") == "error"]
    assert errors == [], errors
    meta = frontmatter((tree / pages[0]).read_text(encoding="utf-8"))
    assert meta == {
        "title": TITLE, "category": "3.1", "topic": "job-opening",
        "owner": {"division": "secretariat", "officer": "jintana.k"},
        "published": dt.date(2026, 11, 30), "closing_date": dt.date(2026, 12, 31),
        "attachments": [{"file": "job-2569.pdf", "title": "ประกาศรับสมัครฉบับเต็ม"}],
    }
    text = (tree / pages[0]).read_text(encoding="utf-8")
    assert list(meta) == ["title", "category", "topic", "owner", "published", "closing_date", "attachments"]
    assert text.endswith(BODY) and (tree / "content/news/job-2569.pdf").read_bytes() == pdf.read_bytes()


def test_editing_a_signed_item_keeps_its_records_and_verify_calls_it_stale(page, editor, tmp_path):
    repo, base = editor
    tab = page
    original = (repo / SIGNED).read_text(encoding="utf-8")
    tab.goto(base + "#/collections/laws/entries/public-administration-act-2534")
    summary = tab.get_by_label("สรุปย่อ (ทางเลือก)")
    summary.wait_for()
    summary.fill(summary.input_value() + " ฉบับปรับปรุง")
    save_for_review(tab)
    branch = next(b for b in new_branches(repo) if b.startswith("cms/laws/"))
    assert branch_files(repo, branch) == [SIGNED]
    tree = checkout(repo, branch, tmp_path / "branch")
    edited = (tree / SIGNED).read_text(encoding="utf-8")
    records = original[original.index("approvals:"):original.index("\n---\n", original.index("approvals:"))]
    assert records in edited
    changed = [line for line in edited.splitlines() if line not in original.splitlines()]
    assert len(changed) == 1 and changed[0].startswith("summary: ") and "ฉบับปรับปรุง" in changed[0]
    verified = webpub(tree, "verify", "--format", "json", "--trust-ref", "worktree", SIGNED)
    result = json.loads(verified.stdout)
    item = result["items"][0]
    assert item["path"] == SIGNED and item["records"] == 3
    assert {p.get("rule") or p.get("id") for p in item["problems"]} == {"WP201"}, item["problems"]
