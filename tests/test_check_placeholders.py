"""WP029: [[กรอก: …]] placeholders left by webpub new are warnings."""

from __future__ import annotations

from content_helpers import BASE_FIELDS, check_page, hits, page


RULE = "WP029"


def test_page_without_placeholders_passes(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(BASE_FIELDS + '\nremarks: "[[ไม่ใช่แม่แบบ]]"'))
    assert not hits(report, RULE)


def test_placeholders_in_fields_and_body_warn_on_their_lines(tmp_repo, capsys):
    fields = BASE_FIELDS + '\nremarks: "[[กรอก: หมายเหตุ]]"'
    body = "## ความเป็นมา\n\n[[กรอก: เนื้อหา]]\n"
    code, report = check_page(capsys, tmp_repo, page(fields, body))
    found = sorted(hits(report, RULE), key=lambda f: f["line"])
    assert [(f["line"], f["severity"]) for f in found] == [(9, "warning"), (14, "warning")]
    assert code == 0
