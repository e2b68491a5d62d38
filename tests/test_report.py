"""``webpub report``: content with known gaps shows every gap and no false ``ok``."""

from __future__ import annotations

import datetime as dt
import json
import re

from conftest import run_cli, write
from sample_signing import sign_all

from webpub.monitor.report import site_page
from webpub.repo import Repo

TODAY = "2026-11-26"


def item(repo, rel, category, topic=None, division="secretariat", officer="jintana.k", **fields):
    lines = ["---", f"title: {rel.rsplit('/', 1)[-1]}", f'category: "{category}"']
    if topic:
        lines.append(f"topic: {topic}")
    lines += ["owner:", f"  division: {division}", f"  officer: {officer}", "published: 2026-06-01"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    write(repo, rel, "\n".join(lines) + "\n---\n\n## เนื้อหา\n\nข้อความ\n")


def build_site_with_known_gaps(repo):
    for topic in ("history", "vision-mission", "structure", "duties", "strategy"):
        item(repo, f"content/about/{topic}.md", "1.1", topic)
    item(repo, "content/about/contact.md", "1.1", "contact", review_by="2026-10-01")  # stale
    item(repo, "content/about/plan-2570.md", "1.1", "action-plan", fiscal_year="2570")
    item(repo, "content/about/perf-h1.md", "1.1", "performance", period="2026-03")
    item(repo, "content/laws/old-act.md", "1.2", "act", source="x", expires="2026-01-01")  # expired
    item(repo, "content/cio/cio.md", "1.3", "cio",
         withdrawn="\n  on: 2026-02-01\n  reason: เปลี่ยนผู้บริหาร")  # withdrawn
    item(repo, "content/news/soon.md", "3.1", "general", expires="2026-12-01")  # expiring
    item(repo, "content/oia/s7-1.md", "2.1", "s7-1")
    item(repo, "content/oia/s9-3-broken.md", "2.1", "s9-3", fiscal_year="[2570")  # unreadable YAML
    for month in ("2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03",
                  "2026-04", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"):  # 2026-05 missing
        item(repo, f"content/oia/sk1-{month}.md", "2.1", "s9-8-procurement-summary", period=month)


EXPECTED_OK = {
    "1.1/history", "1.1/vision-mission", "1.1/structure", "1.1/duties", "1.1/strategy",
    "1.1/action-plan", "1.1/performance", "1.7", "2.1/s7-1", "2.1/s9-8-procurement-summary",
    "3.2/share", "action-plan/2570", "performance-half-year/2569-H1",
    *(f"procurement-summary/{m}" for m in ("2025-09", "2025-10", "2025-11", "2025-12", "2026-01",
                                           "2026-02", "2026-03", "2026-04", "2026-06", "2026-07",
                                           "2026-08", "2026-09", "2026-10")),
}


def signed_site_with_known_gaps(repo):
    build_site_with_known_gaps(repo)
    assert sign_all(repo) > 0


def report_json(capsys, *args):
    code, out, err = run_cli(capsys, "report", "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)


def statuses(data):
    return {e["id"]: e["status"] for e in data["entries"]}


def test_every_gap_is_found_and_nothing_else_is_ok(tmp_repo, capsys):
    signed_site_with_known_gaps(tmp_repo)
    status = statuses(report_json(capsys, "--today", TODAY))
    assert {i for i, s in status.items() if s == "ok"} == EXPECTED_OK
    assert status["1.1/contact"] == "stale"
    assert status["1.1/executives"] == "missing"
    assert status["1.1"] == "missing"  # a category is as good as its worst topic
    assert status["1.2"] == status["1.2/act"] == "missing"  # its only item expired
    assert status["1.3"] == status["1.3/cio"] == "missing"  # its only item was withdrawn
    assert status["3.1/general"] == "expiring"
    assert status["2.1/s7-2"] == "missing"  # a 1.1 duties page is not an OIA 2.1 item
    assert status["2.1/s9-3"] == "missing"  # unreadable page never counts
    assert status["2.1/s9-8"] == "missing"  # its sub-item "invitations to bid" has nothing
    assert status["procurement-summary/2026-05"] == "overdue"
    assert status["action-plan/2569"] == "overdue"
    assert status["performance-annual/2569"] == "missing"  # due 30 Nov 2569, not yet late
    assert "procurement-summary/2026-11" not in status  # November is not over


def test_every_topic_and_sub_item_is_an_entry(tmp_repo, capsys):
    data = report_json(capsys, "--today", TODAY)
    ids = {e["id"] for e in data["entries"]}
    repo = Repo(tmp_repo)
    for cid, category in repo.categories.items():
        assert cid in ids
        for topic in category.get("topics") or []:
            assert f"{cid}/{topic['id']}" in ids
    for sub in ("s9-8-bid-invitation", "s9-8-procurement-summary", "s9-8-environment-health", "s9-8-transparency"):
        entry = next(e for e in data["entries"] if e["id"] == f"2.1/{sub}")
        assert entry["kind"] == "oia" and entry["parent"] == "2.1/s9-8"
    assert {e["id"] for e in data["entries"] if e.get("parent") == "3.2"} == {
        "3.2/qa", "3.2/social", "3.2/complaint", "3.2/feedback", "3.2/share"}


def test_a_draft_never_counts(tmp_repo, capsys):
    """Unsigned, half-signed: never ok, in JSON, text and the site page alike; listed as not counted."""
    signed_site_with_known_gaps(tmp_repo)
    item(tmp_repo, "content/about/executives.md", "1.1", "executives")  # a draft: no approvals
    data = report_json(capsys, "--today", TODAY)
    assert statuses(data)["1.1/executives"] == "missing"
    assert "content/about/executives.md" in data["not_counted"]
    code, text, _ = run_cli(capsys, "report", "--today", TODAY)
    assert "ยังไม่นับ" in text and "content/about/executives.md" in text
    _, page = site_page(Repo(tmp_repo), dt.date(2026, 11, 26))
    assert statuses(page)["1.1/executives"] == "missing"


def test_not_applicable_needs_an_approved_page_and_shows_its_reason(tmp_repo, capsys):
    reason = "สำนักงานไม่มีสัญญาสัมปทานหรือสัญญาร่วมทุนกับเอกชน"
    item(tmp_repo, "content/oia/s9-6.md", "2.1", "s9-6", not_applicable=reason)
    before = {e["id"]: e for e in report_json(capsys, "--today", TODAY)["entries"]}
    assert before["2.1/s9-6"]["status"] == "missing"  # not yet approved
    sign_all(tmp_repo)
    data = report_json(capsys, "--today", TODAY)
    entry = next(e for e in data["entries"] if e["id"] == "2.1/s9-6")
    assert entry["status"] == "na" and entry["reason"] == reason
    assert data["summary"]["by_kind"]["oia"]["na"] == 1
    code, text, _ = run_cli(capsys, "report", "--today", TODAY)
    assert f"ไม่เกี่ยวข้องกับหน่วยงาน — เหตุผล {reason}" in text
    markdown, _ = site_page(Repo(tmp_repo), dt.date(2026, 11, 26))
    assert reason in markdown and "ไม่เกี่ยวข้องกับหน่วยงาน" in markdown


def test_json_contract(tmp_repo, capsys):
    signed_site_with_known_gaps(tmp_repo)
    data = report_json(capsys, "--today", TODAY)
    assert data["today"] == TODAY
    for entry in data["entries"]:
        assert {"id", "kind", "title", "status", "paths", "division", "titles"} <= set(entry)
        assert entry["kind"] in {"category", "oia", "obligation"}
        assert entry["status"] in {"ok", "missing", "overdue", "stale", "expiring", "na"}
        assert entry["division"] in Repo(tmp_repo).divisions
    s71 = next(e for e in data["entries"] if e["id"] == "2.1/s7-1")
    assert s71["paths"] == ["content/oia/s7-1.md"] and s71["titles"] == ["s7-1.md"]
    assert s71["urls"] == ["https://www.opdc.go.th/oia/s7-1/"]
    assert data["unreadable"] == ["content/oia/s9-3-broken.md"]
    summary = data["summary"]
    leaves = [e for e in data["entries"] if e["id"] not in {x.get("parent") for x in data["entries"]}]
    assert summary["total"]["total"] == len(leaves)
    assert summary["total"]["ok"] == len({e["id"] for e in leaves} & EXPECTED_OK)
    assert set(summary["by_kind"]) == {"category", "oia", "obligation"}
    assert set(summary["by_group"]) == {"1", "2", "3"}
    assert summary["by_category"]["1.1"]["total"] == len(Repo(tmp_repo).categories["1.1"]["topics"])


def test_obligation_ids_end_in_their_period(tmp_repo, capsys):
    data = report_json(capsys, "--today", TODAY)
    ids = [e["id"] for e in data["entries"] if e["kind"] == "obligation"]
    assert "procurement-summary/2026-10" in ids and "action-plan/2570" in ids
    assert "performance-half-year/2569-H1" in ids


def test_fiscal_year_boundary(tmp_repo, capsys):
    on_30_sep = statuses(report_json(capsys, "--today", "2026-09-30"))
    on_1_oct = statuses(report_json(capsys, "--today", "2026-10-01"))
    on_1_nov = statuses(report_json(capsys, "--today", "2026-11-01"))
    assert "action-plan/2570" not in on_30_sep
    assert on_1_oct["action-plan/2570"] == "missing"
    assert on_1_nov["action-plan/2570"] == "overdue"
    assert on_1_oct["performance-annual/2569"] == "missing"


def test_month_end_and_due_day(tmp_repo, capsys):
    assert "procurement-summary/2026-11" not in statuses(report_json(capsys, "--today", "2026-11-30"))
    assert statuses(report_json(capsys, "--today", "2026-12-01"))["procurement-summary/2026-11"] == "missing"
    assert statuses(report_json(capsys, "--today", "2026-12-15"))["procurement-summary/2026-11"] == "missing"
    assert statuses(report_json(capsys, "--today", "2026-12-16"))["procurement-summary/2026-11"] == "overdue"


def test_text_and_markdown_are_thai_with_buddhist_era_dates(tmp_repo, capsys):
    signed_site_with_known_gaps(tmp_repo)
    code, text, _ = run_cli(capsys, "report", "--today", TODAY)
    assert code == 0
    assert "26 พฤศจิกายน 2569" in text and "เลยกำหนดส่ง" in text
    assert "[ok]" not in text and "[missing]" not in text
    code, md, _ = run_cli(capsys, "report", "--format", "md", "--today", TODAY)
    assert md.startswith("# รายงานความครบถ้วน")
    assert "มีรายการที่อนุมัติครบทุกขั้นตอนแล้วและยังเป็นปัจจุบัน" in md  # what "ok" means, in those words
    assert '<a href="https://www.opdc.go.th/oia/s7-1/">s7-1.md</a>' in md  # the title, linked
    assert "15 มิถุนายน 2569" in md  # due date of May's summary, B.E.
    shown = re.sub(r"<a [^>]*>[^<]*</a>", "", md)  # the fixture's titles are its file names
    assert "content/" not in shown and ".md" not in shown  # no file paths
    assert "procurement-summary" not in shown and "2026-" not in shown  # no English ids, no Gregorian dates
    assert 'class="wp-chip wp-chip-missing"' in md and 'class="wp-progress-bar wp-bar-' in md
    assert "style=" not in md


def test_site_page_counts_what_the_cli_counts(tmp_repo, capsys):
    signed_site_with_known_gaps(tmp_repo)
    markdown, data = site_page(Repo(tmp_repo), dt.date(2026, 11, 26))
    assert markdown.startswith("# ")
    cli = report_json(capsys, "--today", TODAY)
    assert data == cli


def test_site_page_with_the_paths_the_build_shows(tmp_repo):
    signed_site_with_known_gaps(tmp_repo)
    _, data = site_page(Repo(tmp_repo), dt.date(2026, 11, 26), shown={"oia/s7-1.md", "content/about/history.md"})
    ok = {e["id"] for e in data["entries"] if e["status"] == "ok"}
    assert ok == {"1.1/history", "1.7", "2.1/s7-1", "3.2/share"}


def test_nothing_counts_without_approvals(tmp_repo, capsys):
    build_site_with_known_gaps(tmp_repo)
    status = statuses(report_json(capsys, "--today", TODAY))
    assert {i for i, s in status.items() if s == "ok"} == {"1.7", "3.2/share"}  # only what the build makes


def test_output_file(tmp_repo, capsys):
    code, out, _ = run_cli(capsys, "report", "--format", "json", "--today", TODAY, "--output", "r.json")
    assert code == 0 and out == ""
    assert json.loads((tmp_repo / "r.json").read_text(encoding="utf-8"))["today"] == TODAY


def test_github_format_annotates_each_gap(tmp_repo, capsys):
    """Each entry that is not ok is one annotation: a missing item on no file (there is none),
    a stale or expiring one on its page; the JSON contract is unchanged by the new format."""
    signed_site_with_known_gaps(tmp_repo)
    data = report_json(capsys, "--today", TODAY)
    code, out, _ = run_cli(capsys, "report", "--format", "github", "--today", TODAY)
    assert code == 0
    annotations = [l for l in out.splitlines() if l.startswith("::")]
    gaps = [e for e in data["entries"] if e["status"] not in ("ok", "na")]
    assert len(annotations) - len(data["unreadable"]) - len(data["bad_dates"]) == len(gaps)
    stale = next(e for e in gaps if e["status"] == "stale")
    assert any(l.startswith(f"::warning file={stale['paths'][0]},line=1,") for l in annotations)
    missing = next(e for e in gaps if e["status"] == "missing" and not e["paths"])
    assert any(l.startswith("::error title=") and missing["title"] in l for l in annotations)
    assert out.splitlines()[-1].startswith("รวม: ครบ")
