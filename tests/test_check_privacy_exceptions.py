"""WP032: privacy exceptions are valid IDs that the page contains, with a reason."""

from __future__ import annotations

import pytest

from conftest import write
from pagekit import page_text, line_of, run_rule
from test_thaiid import VALID

REASON = "เลขตัวอย่างในคู่มือการกรอกแบบคำขอ ไม่ใช่ของบุคคลจริง"


def test_used_exception_passes(tmp_repo, capsys):
    extra = f'privacy_exceptions:\n  - value: "{VALID}"\n    reason: {REASON}\n'
    write(tmp_repo, "content/about/page.md", page_text("ตัวอย่าง ๓-๑๐๐๖-๐๐๔๔๕-๖๓-๕\n", extra))
    assert run_rule(capsys, "WP032") == []


@pytest.mark.parametrize("value, reason, body, words", [
    (VALID, REASON, "ไม่มีเลขแล้ว", "ไม่พบเลข"),
    (VALID[:12] + "6", REASON, "x", "ไม่ใช่เลขประจำตัว"),
    (VALID, "ตัวอย่าง", f"ตัวอย่าง {VALID}", "เหตุผล"),
])
def test_stale_invalid_or_unexplained_exceptions_warn(tmp_repo, capsys, value, reason, body, words):
    extra = f'privacy_exceptions:\n  - value: "{value}"\n    reason: {reason}\n'
    text = page_text(body + "\n", extra)
    write(tmp_repo, "content/about/page.md", text)
    (hit,) = run_rule(capsys, "WP032")
    assert hit["line"] == line_of(text, "- value:")
    assert words in hit["message"] and hit["severity"] == "warning"
    assert VALID not in hit["message"]


def test_file_scoped_exception_is_not_reported_as_unused(tmp_repo, capsys):
    """An exception with `file:` covers a number inside that attachment, not in the page text."""
    import json

    from conftest import VALID_PAGE, run_cli, write

    page = VALID_PAGE.replace(
        "published: 2024-01-15\n",
        "published: 2024-01-15\nprivacy_exceptions:\n  - value: \"3-1006-00445-63-5\"\n"
        "    reason: เลขตัวอย่างในแบบฟอร์มที่แนบ ไม่ใช่ของบุคคลจริง\n    file: form.csv\n",
    )
    write(tmp_repo, "content/about/history.md", page)
    _, out, _ = run_cli(capsys, "check", "--format", "json", "--no-cache", "content/about/history.md")
    assert "WP032" not in {f["rule"] for f in json.loads(out)["findings"]}
