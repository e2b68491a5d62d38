"""The review loop (issue 14): returns and refusals with reasons, the officer's check, and the
refusal carried to the form, the division dashboard and the annual report.

Reviews and the pull request are GitHub's documented REST shapes, recorded in
tests/fixtures/github (``{HEAD}``/``{BASE}`` stand for this test repository's commits)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from approvals_kit import BOT, officer_branch, setup_keys
from conftest import git, run_cli

ITEM = "content/strategy/plan.md"
FIXTURES = Path(__file__).parent / "fixtures" / "github"


@pytest.fixture
def pr8(tmp_repo, tmp_path):
    """main with the schema and keys; branch ``officer`` adds an item; recorded payloads point at it."""
    keys = setup_keys(tmp_repo, tmp_path / "keys")
    shas = {"{HEAD}": officer_branch(tmp_repo, ITEM, message="add plan"), "{BASE}": git(tmp_repo, "rev-parse", "main").strip()}
    out = tmp_path / "payloads"
    out.mkdir()
    for name in ("reviews-pr8-empty-reason.json", "reviews-pr8-refusal.json", "pull-pr8.json"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        for mark, sha in shas.items():
            text = text.replace(mark, sha)
        (out / name).write_text(text, encoding="utf-8")
    return tmp_repo, keys, out


def gate(capsys, payloads, reviews, fmt="json", pull=True):
    args = ["gate", "--base", "main", "--head", "HEAD", "--reviews", str(payloads / reviews), "--format", fmt]
    if pull:
        args += ["--pull", str(payloads / "pull-pr8.json")]
    code, out, err = run_cli(capsys, *args)
    assert "Traceback" not in out + err, err
    return code, (json.loads(out) if fmt == "json" else out)


def test_request_changes_without_a_reason_is_refused_by_the_gate(pr8, capsys):
    repo, keys, payloads = pr8
    code, data = gate(capsys, payloads, "reviews-pr8-empty-reason.json")
    assert code == 1 and not data["pass"]
    assert data["changes_requested"][0]["empty"] is True
    code, md = gate(capsys, payloads, "reviews-pr8-empty-reason.json", "md")
    assert "โดยไม่ระบุเหตุผล" in md and "[WP220]" in md and "ไม่ได้ระบุเหตุผล)" not in md
    code, annotations = gate(capsys, payloads, "reviews-pr8-empty-reason.json", "github")
    assert "title=WP220::" in annotations


def test_a_refusal_is_final_even_after_a_later_approval(pr8, capsys):
    repo, keys, payloads = pr8
    code, data = gate(capsys, payloads, "reviews-pr8-refusal.json")
    assert code == 1 and data["refused"] is True
    refusal = next(r for r in data["changes_requested"] if r["kind"] == "refused")
    assert refusal["person"] == "malee.c" and refusal["role"] == "web_head"
    assert refusal["reason"] == "เอกสารแนบมีข้อมูลส่วนบุคคลของผู้สมัคร ต้องปกปิดก่อนเผยแพร่"
    code, md = gate(capsys, payloads, "reviews-pr8-refusal.json", "md")
    assert "ไม่อนุญาตให้เผยแพร่" in md and "[WP221]" in md and "ต้องปกปิดก่อนเผยแพร่" in md


def test_the_officer_check_matches_the_pull_request_author(pr8, capsys):
    repo, keys, payloads = pr8
    code, data = gate(capsys, payloads, "reviews-pr8-refusal.json")
    assert data["items"][0]["prepared"]["person"] == "somchai.j"
    assert data["items"][0]["prepared"]["how"] == "author"
    pull = json.loads((payloads / "pull-pr8.json").read_text(encoding="utf-8"))
    pull["user"] = {"login": "narong-opdc", "id": 910008, "type": "User"}
    (payloads / "pull-pr8.json").write_text(json.dumps(pull), encoding="utf-8")
    code, data = gate(capsys, payloads, "reviews-pr8-refusal.json")
    item = data["items"][0]
    assert item["prepared"] is None and any("[WP222]" in b for b in item["blocking"])
    assert "นายณรงค์ บุญมา" in " ".join(item["blocking"])


def record_refusal(capsys, repo, keys, payloads) -> list[str]:
    code, out, err = run_cli(capsys, "record", "--base", "main", "--head", "HEAD",
                             "--reviews", str(payloads / "reviews-pr8-refusal.json"),
                             "--pull", str(payloads / "pull-pr8.json"), "--key", str(keys[BOT]))
    assert code == 0, err
    return sorted(p.relative_to(repo).as_posix() for p in (repo / "records").rglob("*.yml"))


def test_the_refusal_is_sealed_by_the_bot_and_shown_on_the_form(pr8, capsys):
    repo, keys, payloads = pr8
    written = record_refusal(capsys, repo, keys, payloads)
    assert len(written) == 1 and written[0].startswith("records/decisions/2026/2026-03-03-pr8-refused-")
    text = (repo / written[0]).read_text(encoding="utf-8")
    assert 'decision: "refused"' in text and 'person: "malee.c"' in text and "sig: |-" in text
    code, html, err = run_cli(capsys, "form", ITEM)
    assert code == 0, err
    assert "ประวัติการพิจารณา" in html and "ไม่อนุญาตให้เผยแพร่" in html
    assert "ต้องปกปิดก่อนเผยแพร่" in html and "3 มีนาคม 2569" in html
    # an edited record no longer counts
    (repo / written[0]).write_text(text.replace("ต้องปกปิด", "ไม่ต้องปกปิด"), encoding="utf-8")
    code, html, err = run_cli(capsys, "form", ITEM)
    assert "ต้องปกปิดก่อนเผยแพร่" not in html and "ไม่มีการส่งกลับหรือการไม่อนุญาต" in html


def test_the_refusal_and_the_waiting_item_appear_on_the_division_dashboard(pr8, capsys):
    repo, keys, payloads = pr8
    record_refusal(capsys, repo, keys, payloads)
    code, out, err = run_cli(capsys, "report", "--division", "strategy", "--today", "2026-11-30", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["window_days"] > 0 and data["counts"]["refused"] == 1
    assert data["refused"][0]["reason"] == "เอกสารแนบมีข้อมูลส่วนบุคคลของผู้สมัคร ต้องปกปิดก่อนเผยแพร่"
    assert data["waiting"][0]["title"] == "แผนปฏิบัติราชการประจำปี" and data["waiting"][0]["role"] == "director"
    assert data["waiting"][0]["people"] == ["นายวิชัย กิตติศักดิ์ (wichai.k)"]
    code, md, err = run_cli(capsys, "report", "--division", "strategy", "--today", "2026-11-30", "--format", "md")
    assert '<span class="webpub-chip webpub-chip--bad">ไม่อนุญาตให้เผยแพร่</span>' in md and "3 มีนาคม 2569" in md and "ต้องปกปิดก่อนเผยแพร่" in md
    assert 'style="' not in md and "<script" not in md
    code, out, err = run_cli(capsys, "report", "--division", "nowhere")
    assert code == 2 and "ไม่พบกอง 'nowhere'" in err


def test_the_refusal_appears_in_the_annual_report(pr8, capsys):
    repo, keys, payloads = pr8
    record_refusal(capsys, repo, keys, payloads)
    code, out, err = run_cli(capsys, "report", "--year", "2569", "--today", "2026-11-30", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["totals"]["refused"] == 1 and data["by_division"]["strategy"]["refused"] == 1
    assert data["refusals"][0]["reason"].endswith("ต้องปกปิดก่อนเผยแพร่")
    code, md, err = run_cli(capsys, "report", "--year", "2569", "--today", "2026-11-30", "--format", "md")
    assert "ต้องปกปิดก่อนเผยแพร่" in md and "กองยุทธศาสตร์การพัฒนาระบบราชการ" in md


def test_seal_keeps_the_officer_check_and_the_form_fills_the_officer_block(tmp_repo, tmp_path, capsys):
    """A passing PR sealed with ``--pull``: the publication's decision record says who opened the
    request and when, and the form's officer block shows it (and the annual report's "opened")."""
    from approvals_kit import review

    keys = setup_keys(tmp_repo, tmp_path / "keys")
    head = officer_branch(tmp_repo, ITEM)
    reviews = [review(tmp_repo, "wichai.k", "APPROVED", head, "2026-01-31T02:00:00Z", 1),
               review(tmp_repo, "malee.c", "APPROVED", head, "2026-01-31T03:00:00Z", 2)]
    (tmp_path / "reviews.json").write_text(json.dumps(reviews), encoding="utf-8")
    pull = json.loads((FIXTURES / "pull-pr8.json").read_text(encoding="utf-8"))
    pull["created_at"] = "2026-01-29T02:00:00Z"
    (tmp_path / "pull.json").write_text(json.dumps(pull), encoding="utf-8")
    code, out, err = run_cli(capsys, "seal", "--base", "main", "--reviews", str(tmp_path / "reviews.json"),
                             "--pull", str(tmp_path / "pull.json"), "--key", str(keys[BOT]), "--webmaster", "narong.b",
                             "--run-url", "https://github.com/opdc/web/actions/runs/9")
    assert code == 0, err
    record = next((tmp_repo / "records/decisions").rglob("*-published-*.yml")).read_text(encoding="utf-8")
    assert 'prepared_by: "somchai.j"' in record and 'prepared_how: "author"' in record
    assert 'opened: "2026-01-29T09:00:00+07:00"' in record
    code, html, err = run_cli(capsys, "form", ITEM)
    assert code == 0, err
    officer = html.split("<h2>ผู้ให้ข้อมูล</h2>", 1)[1].split("</section>", 1)[0]
    assert "นายสมชาย ใจดี" in officer and "29 มกราคม 2569" in officer
    assert "ยืนยันความครบถ้วนและความถูกต้องโดยยื่นคำขอเผยแพร่ #8" in officer


def test_dashboard_lists_live_expiring_and_overdue_of_the_sample(sample_repo, capsys):
    """On the shipped sample: an item expiring within the window is live and expiring, with its
    title, link and B.E. date; years later, the division's obligations are overdue."""
    import datetime as dt

    from webpub.dates import thai_date
    from webpub.monitor.items import load_items
    from webpub.repo import Repo

    repo = Repo(sample_repo)
    item = next(i for i in sorted(load_items(repo), key=lambda i: i.path)
                if i.readable and i.expiry and not i.withdrawn and i.expiry > dt.date(2026, 11, 30))
    today = item.expiry - dt.timedelta(days=3)
    code, out, err = run_cli(capsys, "report", "--division", item.division, "--today", today.isoformat(), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert item.path in {e["path"] for e in data["live"]} and item.path in {e["path"] for e in data["expiring"]}
    entry = next(e for e in data["expiring"] if e["path"] == item.path)
    assert entry["title"] == item.title and entry["url"].startswith("https://")
    code, md, err = run_cli(capsys, "report", "--division", item.division, "--today", today.isoformat(), "--format", "md")
    assert f'>{item.title}</a>' in md.replace("&quot;", '"') and thai_date(item.expiry) in md
    assert '<span class="webpub-chip webpub-chip--warn">ใกล้หมดระยะเผยแพร่</span>' in md
    code, out, err = run_cli(capsys, "report", "--division", "strategy", "--today", "2031-01-15", "--format", "json")
    later = json.loads(out)
    assert later["counts"]["overdue"] == len(later["overdue"]) > 0
    assert all(e["due"] < "2031-01-15" for e in later["overdue"])


def test_the_decision_workflow_runs_default_branch_code_and_reads_the_pr_as_data():
    import yaml

    from conftest import PROJECT

    text = (PROJECT / ".github/workflows/decision.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert set(data[True]) == {"workflow_dispatch"}  # a webmaster runs it; nothing from a PR triggers it
    steps = data["jobs"]["record"]["steps"]
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"
    assert checkout["with"]["persist-credentials"] is False
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "refs/pull/${PR_NUMBER}/head:refs/remotes/pr/head" in runs and "git checkout" not in runs
    assert "webpub record" in runs and "webpub notify decision" in runs and "--pull" in runs
