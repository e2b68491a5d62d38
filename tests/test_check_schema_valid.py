"""WP005: frontmatter keys and value types match frontmatter.schema.json."""

from __future__ import annotations

import pytest

from content_helpers import BASE_FIELDS, assert_one, check_page, hits, page, replace_field

RULE = "WP005"


def test_valid_page_passes(tmp_repo, capsys):
    code, report = check_page(capsys, tmp_repo, page())
    assert not hits(report, RULE)
    assert code == 0, report


def test_unknown_key_suggests_close_match_on_its_line(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(BASE_FIELDS + "\npublshed_on: x\ntitel: y"))
    found = hits(report, RULE)
    assert [f["line"] for f in found] == [9, 10]
    assert "'titel'" in found[1]["message"] and "'title'" in found[1]["hint"]


def test_unknown_key_without_close_match_lists_allowed_keys(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(BASE_FIELDS + "\nzzzz: x"))
    finding = assert_one(report, RULE, line=9)
    assert "published" in finding["hint"] and "attachments" in finding["hint"]


@pytest.mark.parametrize("value", ["yes", "no", "on", "True", "1", '"true"'])
def test_boolean_only_from_plain_true_false(tmp_repo, capsys, value):
    fields = BASE_FIELDS.replace('"1.1"', '"2.2"') + f"\ndataset:\n  allow_harvest: {value}"
    _, report = check_page(capsys, tmp_repo, page(fields))
    typed = [f for f in hits(report, RULE) if "allow_harvest" in f["message"]]
    assert len(typed) == 1 and typed[0]["line"] == 10, report
    assert "true" in typed[0]["hint"]


def test_plain_true_is_a_boolean(tmp_repo, capsys):
    fields = BASE_FIELDS + "\ndataset:\n  allow_harvest: true"
    _, report = check_page(capsys, tmp_repo, page(fields))
    assert not [f for f in hits(report, RULE) if "allow_harvest" in f["message"]]


@pytest.mark.parametrize("value, ok", [
    ("13.7563", True), ("-90", True), ("100.5018", False), ('"13.75"', False),
    ("0x1F", False), ("1_3", False), ("13.", False), ("๑๓.๗", False), (".5", False),
])
def test_numbers_only_from_plain_decimals(tmp_repo, capsys, value, ok):
    fields = BASE_FIELDS + f"\ncontact:\n  address: ถนนพิษณุโลก\n  phone: '0 2356 9999'\n  email: a@b.go.th\n  latitude: {value}"
    _, report = check_page(capsys, tmp_repo, page(fields))
    found = [f for f in hits(report, RULE) if "latitude" in f["message"]]
    assert (not found) == ok, found
    if found:
        assert found[0]["line"] == 13


def test_octal_looking_integer_is_not_octal(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(BASE_FIELDS + "\nfiscal_year: 02569"))
    finding = assert_one(report, RULE, line=9)
    assert "จำนวนเต็ม" in finding["message"]


def test_integer_range_with_be_hint(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(BASE_FIELDS + "\nfiscal_year: 2026"))
    finding = assert_one(report, RULE, line=9)
    assert "พ.ศ." in finding["hint"]


def test_no_is_kept_as_text_in_a_text_field(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(BASE_FIELDS + "\nremarks: no"))
    assert not hits(report, RULE)


def test_whitespace_only_title_is_empty(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(replace_field(BASE_FIELDS, "title", 'title: "   "')))
    finding = assert_one(report, RULE, line=2)
    assert "ว่าง" in finding["message"]


def test_null_value_names_the_key(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(BASE_FIELDS + "\nupdated:"))
    finding = assert_one(report, RULE, line=9)
    assert "'updated'" in finding["message"]


def test_missing_nested_required_key_on_parent_line(tmp_repo, capsys):
    fields = replace_field(BASE_FIELDS, "  officer", None)
    _, report = check_page(capsys, tmp_repo, page(fields))
    finding = assert_one(report, RULE, line=5)
    assert "officer" in finding["message"]


def test_enum_lists_allowed_values(tmp_repo, capsys):
    fields = BASE_FIELDS + "\ndataset:\n  data_category: สาธารณะ"
    _, report = check_page(capsys, tmp_repo, page(fields))
    enum = [f for f in hits(report, RULE) if "data_category" in f["message"] and f["line"] == 10]
    assert enum and "ข้อมูลสาธารณะ" in enum[0]["hint"]


def test_wrong_type_list_where_text(tmp_repo, capsys):
    fields = replace_field(BASE_FIELDS, "title", "title:\n  - a\n  - b")
    _, report = check_page(capsys, tmp_repo, page(fields))
    finding = assert_one(report, RULE, line=2)
    assert "ข้อความ" in finding["message"]


def test_source_must_be_text_or_nonempty_list(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(BASE_FIELDS + "\nsource: []"))
    assert_one(report, RULE, line=9)


def test_date_shapes_and_category_ids_are_left_to_their_rules(tmp_repo, capsys):
    fields = replace_field(BASE_FIELDS, "published", "published: 2569-11-01")
    fields = replace_field(fields, "category", "category: bad id")
    _, report = check_page(capsys, tmp_repo, page(fields + "\nperiod: 2569-13"))
    assert not hits(report, RULE), report
    assert hits(report, "WP006") and hits(report, "WP007")


def test_missing_title_is_reported_once_by_wp009(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, page(replace_field(BASE_FIELDS, "title", None)))
    assert not hits(report, RULE)
    assert len(hits(report, "WP009")) == 1


def test_unparsable_page_gets_no_schema_findings(tmp_repo, capsys):
    _, report = check_page(capsys, tmp_repo, "---\ntitle: [x\n---\n")
    assert not hits(report, RULE) and hits(report, "WP003")
