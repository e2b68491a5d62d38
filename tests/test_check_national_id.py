"""WP030: Thai national ID numbers in a page are an error unless a reviewed exception says so."""

from __future__ import annotations

import pytest

from conftest import run_cli, write
from pagekit import page_text, line_of, run_rule
from test_thaiid import VALID, with_check_digit

OTHER = with_check_digit("110170020345")


@pytest.mark.parametrize("body, needle", [
    (f"ผู้ยื่นคำขอ เลขประจำตัวประชาชน {VALID}", VALID),
    ("ผู้ยื่นคำขอ 3-1006-00445-63-5 ได้รับอนุมัติ", "3-1006"),
    ("ผู้ยื่นคำขอ 3 1006 00445 63 5", "3 1006"),
    ("ผู้ยื่นคำขอ ๓๑๐๐๖๐๐๔๔๕๖๓๕", "๓๑๐๐"),
    ("| ชื่อ | เลขประจำตัว |\n|---|---|\n| นายสมชาย | ๓-๑๐๐๖-๐๐๔๔๕-๖๓-๕ |", "นายสมชาย"),
    (f"```\n{VALID}\n```", VALID),
])
def test_ids_in_the_body_are_reported_masked(tmp_repo, capsys, body, needle):
    text = page_text("## รายชื่อ\n\n" + body + "\n")
    write(tmp_repo, "content/about/page.md", text)
    (hit,) = run_rule(capsys, "WP030")
    assert hit["line"] == line_of(text, needle)
    assert "3-1006-xxxxx-xx-5" in hit["message"]


def test_full_number_never_appears_in_any_output(tmp_repo, capsys):
    write(tmp_repo, "content/about/page.md", page_text(f"{VALID} และ 3-1006-00445-63-5\n"))
    for fmt in ("json", "text", "github"):
        code, out, err = run_cli(capsys, "check", "--no-cache", "--format", fmt)
        assert code == 1
        assert VALID not in out + err and "00445" not in out + err


def test_ids_in_frontmatter_values_are_reported_on_their_line(tmp_repo, capsys):
    text = page_text("เนื้อหา\n", f'remarks: "ผู้ประสานงาน {OTHER}"\ntags: [ประกาศ, "{VALID}"]\n')
    write(tmp_repo, "content/about/page.md", text)
    hits = run_rule(capsys, "WP030")
    assert sorted(h["line"] for h in hits) == [line_of(text, "remarks:"), line_of(text, "tags:")]
    assert any("remarks" in h["message"] for h in hits)


def test_pages_with_other_long_numbers_pass(tmp_repo, capsys):
    body = (f"งบประมาณ {','.join([VALID[0], VALID[1:4], VALID[4:7], VALID[7:10], VALID[10:]])} บาท "
            f"หรือ {VALID}.50 บาท เลขที่สัญญา 9{VALID} โทร 02-356-9999 หรือ 081-234-5678 "
            f"เลขผิดหลักตรวจ {VALID[:12]}6 รหัส sha a{VALID}f\n")
    write(tmp_repo, "content/about/page.md", page_text(body))
    assert run_rule(capsys, "WP030") == []


def test_reviewed_exception_allows_that_number_only(tmp_repo, capsys):
    extra = ('privacy_exceptions:\n  - value: "3-1006-00445-63-5"\n'
             "    reason: เลขตัวอย่างในคู่มือการกรอกแบบคำขอ ไม่ใช่ของบุคคลจริง\n")
    text = page_text(f"ตัวอย่าง {VALID}\n\nผู้ยื่นจริง {OTHER}\n", extra)
    write(tmp_repo, "content/about/page.md", text)
    (hit,) = run_rule(capsys, "WP030")
    assert hit["line"] == line_of(text, "ผู้ยื่นจริง")


def test_exception_without_a_real_reason_does_not_count(tmp_repo, capsys):
    extra = f'privacy_exceptions:\n  - value: "{VALID}"\n    reason: ตัวอย่าง\n'
    write(tmp_repo, "content/about/page.md", page_text(f"ตัวอย่าง {VALID}\n", extra))
    assert len(run_rule(capsys, "WP030")) == 1
