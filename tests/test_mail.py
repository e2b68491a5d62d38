"""E-mail notices, received by a real SMTP server (aiosmtpd) the test starts on localhost.

Returned and refused (with the reason), published (with the address), taken down and
reminders: each reaches the officer, with the division's director (and mailbox) in copy,
the webmasters too for a refusal; Thai subject and body, a plain-text part and an HTML one.
"""

from __future__ import annotations

import email
import email.policy
import socket
import time

import pytest

from approvals_kit import BOT, PAGE, setup_keys
from conftest import git, run_cli, write


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        self.messages.append((sorted(envelope.rcpt_tos), message))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(monkeypatch):
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setenv("WEBPUB_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("WEBPUB_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("WEBPUB_SMTP_SECURITY", "none")
    monkeypatch.setenv("WEBPUB_SMTP_FROM", "webpub@opdc.go.th")
    yield inbox
    controller.stop()


def parts(message) -> tuple[str, str]:
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


def wait_for(inbox, n: int) -> list:
    for _ in range(100):
        if len(inbox.messages) >= n:
            break
        time.sleep(0.05)
    return inbox.messages


REVIEWS = [
    {"id": 7101, "user": {"login": "wichai-opdc", "id": 910002, "type": "User"}, "body": "ตารางงบประมาณยังไม่ตรงกับเอกสารแนบ",
     "state": "CHANGES_REQUESTED", "html_url": "https://github.com/opdc/web/pull/8#pullrequestreview-7101",
     "submitted_at": "2026-03-02T03:00:00Z", "commit_id": "HEAD_SHA", "author_association": "MEMBER"},
    {"id": 7102, "user": {"login": "malee-opdc", "id": 910007, "type": "User"},
     "body": "ไม่อนุญาต: เป็นข้อมูลภายในที่ยังไม่ผ่านการพิจารณาของคณะกรรมการ", "state": "CHANGES_REQUESTED",
     "html_url": "https://github.com/opdc/web/pull/8#pullrequestreview-7102", "submitted_at": "2026-03-03T03:00:00Z",
     "commit_id": "HEAD_SHA", "author_association": "MEMBER"},
]
PULL = {"number": 8, "html_url": "https://github.com/opdc/web/pull/8", "created_at": "2026-03-01T02:00:00Z",
        "user": {"login": "somchai-opdc", "id": 910010, "type": "User"}}


def test_returned_and_refused_reach_the_owner_director_and_webmasters(tmp_repo, tmp_path, capsys, smtp):
    import json

    keys = setup_keys(tmp_repo, tmp_path / "keys")
    git(tmp_repo, "add", "-A")
    git(tmp_repo, "commit", "-q", "-m", "base")
    git(tmp_repo, "checkout", "-q", "-b", "officer")
    write(tmp_repo, "content/strategy/plan.md", PAGE)
    git(tmp_repo, "add", "-A")
    git(tmp_repo, "commit", "-q", "-m", "add plan")
    (tmp_path / "reviews.json").write_text(json.dumps(REVIEWS), encoding="utf-8")
    (tmp_path / "pull.json").write_text(json.dumps(PULL), encoding="utf-8")
    code, out, err = run_cli(capsys, "record", "--base", "main", "--reviews", str(tmp_path / "reviews.json"),
                             "--pull", str(tmp_path / "pull.json"), "--key", str(keys[BOT]))
    assert code == 0, err
    written = sorted(p.relative_to(tmp_repo).as_posix() for p in (tmp_repo / "records").rglob("*.yml"))
    assert len(written) == 2
    code, out, err = run_cli(capsys, "notify", "decision", "--record", *written, "--email")
    assert code == 0, err
    got = wait_for(smtp, 2)
    by_subject = {m["Subject"]: (rcpts, m) for rcpts, m in got}
    returned = by_subject["[webpub] ส่งกลับให้แก้ไข: แผนปฏิบัติราชการประจำปี"]
    refused = by_subject["[webpub] ไม่อนุญาตให้เผยแพร่: แผนปฏิบัติราชการประจำปี"]
    assert returned[0] == ["somchai.j@opdc.go.th", "strategy@opdc.go.th", "wichai.k@opdc.go.th"]
    assert returned[1]["To"] == "somchai.j@opdc.go.th"
    assert refused[0] == ["piyada.n@opdc.go.th", "somchai.j@opdc.go.th", "strategy@opdc.go.th",
                          "webmaster@opdc.go.th", "wichai.k@opdc.go.th"]  # narong.b reads webmaster@
    text, html = parts(refused[1])
    assert "เรียน นายสมชาย ใจดี" in text and "เหตุผล: เป็นข้อมูลภายในที่ยังไม่ผ่านการพิจารณาของคณะกรรมการ" in text
    assert "หัวหน้ากลุ่มงานที่รับผิดชอบดูแลเว็บไซต์" in text and "3 มีนาคม 2569" in text
    assert '<a href="https://github.com/opdc/web/pull/8">' in html and "<script" not in html and 'style="' not in html
    text, _ = parts(returned[1])
    assert "ตารางงบประมาณยังไม่ตรงกับเอกสารแนบ" in text and "ผู้อำนวยการกอง" in text


def test_published_taken_down_and_reminders_by_email(sample_repo, capsys, smtp):
    from webpub import mail
    from webpub.notify import ItemNotice, Notice
    from webpub.repo import Repo

    repo = Repo(sample_repo)
    live = ItemNotice("content/news/a.md", "ข่าวทดสอบการเผยแพร่", "https://www.opdc.go.th/news/a/",
                      "https://www.opdc.go.th/news/a/form/", "digital", "wanpen.s", ["wanpen-opdc"])
    down = ItemNotice("content/news/b.md", "ประกาศที่ครบกำหนด", "https://www.opdc.go.th/news/b/",
                      "https://www.opdc.go.th/news/b/form/", "strategy", "somchai.j", [], "ครบระยะเวลาเผยแพร่",
                      "2026-11-30", "30 พฤศจิกายน 2569")
    mails = (mail.notice_mails(repo, Notice("published", "t", "b", [live]))
             + mail.notice_mails(repo, Notice("taken_down", "t", "b", [down])))
    assert mail.send(mails, mail.SmtpSettings.from_env(repo)) == 2
    code, out, err = run_cli(capsys, "remind", "--today", "2030-01-15", "--email")
    assert code == 0, err
    got = wait_for(smtp, 3)
    published = next(m for _, m in got if m["Subject"].startswith("[webpub] รายการของท่านเผยแพร่"))
    assert published["To"] == "wanpen.s@opdc.go.th" and published["Cc"] == "suda.t@opdc.go.th"
    text, html = parts(published)
    assert "https://www.opdc.go.th/news/a/" in text and '<a href="https://www.opdc.go.th/news/a/">' in html
    taken = next(m for _, m in got if "นำลงจากเว็บไซต์" in m["Subject"])
    assert "ครบระยะเวลาเผยแพร่" in parts(taken)[0] and taken["To"] == "somchai.j@opdc.go.th"
    reminders = [(r, m) for r, m in got if m["Subject"].startswith("[webpub] แจ้งเตือนข้อมูลบนเว็บไซต์")]
    assert reminders and all(m.get_content_type() == "multipart/alternative" for _, m in reminders)
    assert all("ระบบตรวจข้อมูลบนเว็บไซต์ ณ วันที่ 15 มกราคม 2573" in parts(m)[0] for _, m in reminders)


def test_without_an_smtp_host_the_refusal_is_clear(sample_repo, capsys, monkeypatch):
    monkeypatch.delenv("WEBPUB_SMTP_HOST", raising=False)
    code, out, err = run_cli(capsys, "remind", "--today", "2030-01-15", "--email")
    assert code == 2 and "WEBPUB_SMTP_HOST" in err and "Traceback" not in err
