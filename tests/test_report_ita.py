"""``webpub report --ita YEAR``: every code of that year's list, its status and the URLs."""

from __future__ import annotations

import json

from conftest import run_cli, write
from sample_signing import sign_all

TODAY = "2026-11-26"


def item(repo, rel, category, topic=None, **fields):
    lines = ["---", "title: ทดสอบ", f'category: "{category}"']
    if topic:
        lines.append(f"topic: {topic}")
    lines += ["owner:", "  division: secretariat", "  officer: jintana.k", "published: 2024-01-10",
              "review_by: 2027-01-01"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    write(repo, rel, "\n".join(lines) + "\n---\n\nข้อความ\n")


def ita_json(capsys, year="2567"):
    code, out, err = run_cli(capsys, "report", "--ita", year, "--format", "json", "--today", TODAY)
    assert code == 0, err
    return json.loads(out)


def test_every_code_listed_with_kind_ita(tmp_repo, capsys):
    data = ita_json(capsys)
    assert [e["id"] for e in data["entries"]] == [f"ita/2567/O{n}" for n in range(1, 44)]
    assert {e["kind"] for e in data["entries"]} == {"ita"}
    assert data["ita"]["fiscal_year"] == 2567
    assert all(e["status"] != "ok" for e in data["entries"])  # empty site: nothing is met


def test_codes_met_by_topics_tags_years_and_obligations(tmp_repo, capsys):
    item(tmp_repo, "content/about/structure.md", "1.1", "structure")
    item(tmp_repo, "content/oia/no-gift-2567.md", "2.1", "s9-8", tags="[no-gift-announcement]", fiscal_year="2567")
    item(tmp_repo, "content/oia/no-gift-2566.md", "2.1", "s9-8", tags="[no-gift-culture]")
    item(tmp_repo, "content/oia/risk-2566.md", "2.1", "s9-8", tags="[corruption-risk-assessment]", fiscal_year="2566")
    item(tmp_repo, "content/about/perf-2566.md", "1.1", "performance", fiscal_year="2566")
    for month in ("2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03",
                  "2024-04", "2024-05", "2024-06", "2024-07", "2024-08"):  # 2024-09 missing
        item(tmp_repo, f"content/oia/sk1-{month}.md", "2.1", "s9-8-procurement-summary", period=month)
    unapproved = {e["id"].rsplit("/", 1)[1]: e["status"] for e in ita_json(capsys)["entries"]}
    assert unapproved["O1"] == "missing"  # a draft never counts, for ITA either
    sign_all(tmp_repo)
    status = {e["id"].rsplit("/", 1)[1]: e for e in ita_json(capsys)["entries"]}
    assert status["O1"]["status"] == "ok"
    assert status["O1"]["urls"] == ["https://www.opdc.go.th/about/structure/"]
    assert status["O31"]["status"] == "ok"  # tag + the assessed fiscal year
    assert status["O32"]["status"] == "ok"  # tag only
    assert status["O34"]["status"] == "missing"  # tagged, but for the wrong fiscal year
    assert status["O13"]["status"] == "ok"  # annual report of the year before
    assert status["O21"]["status"] == "overdue"  # one month of the fiscal year has no summary
    assert len(status["O21"]["paths"]) == 11
    assert status["O14"]["status"] == "missing"


def test_unknown_year_is_refused_in_thai(tmp_repo, capsys):
    code, out, err = run_cli(capsys, "report", "--ita", "2599", "--today", TODAY)
    assert code == 2
    assert "schema/ita/2599.yml" in err and "2567" in err


def test_markdown_lists_codes(tmp_repo, capsys):
    code, out, _ = run_cli(capsys, "report", "--ita", "2567", "--format", "md", "--today", TODAY)
    assert code == 0
    assert "O43 การดำเนินการตามมาตรการส่งเสริมคุณธรรม" in out
