"""Thai normalisation and segmentation for the search index (webpub.search.segment)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write
from webpub.search.segment import (
    MIN_PART,
    ThaiSegmenter,
    normalise,
    read_agency_terms,
    segmenter_for,
)

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def segmenter() -> ThaiSegmenter:
    return segmenter_for(PROJECT)


@pytest.mark.parametrize("raw, expected", [
    ("ข้อมูล ๒๕๖๙", "ข้อมูล 2569"),                   # Thai digits
    ("ITA OIT", "ita oit"),                              # lower case
    ("สำนักงาน ก.พ.ร.", "สำนักงาน กพร"),              # abbreviation dots
    ("ส.ข.ร.1", "สขร1"),
    ("ทํางาน", "ทำงาน"),                                # nikhahit + sara aa typed apart
    ("ข้อ\u200bมูล", "ข้อมูล"),                         # zero-width space
    ("e\u0301", "\u00e9"),                               # NFC
    ("ฯลฯ", "ฯลฯ"),                                    # not an abbreviation with dots
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


def test_normalise_keeps_sentence_dots():
    assert normalise("จบแล้ว. เริ่มใหม่") == "จบแล้ว. เริ่มใหม่"


def test_words_in_reading_order(segmenter):
    tokens = segmenter.tokens(normalise("สำนักงานเผยแพร่ข้อมูลข่าวสารตามมาตรา ๙ บนเว็บไซต์ ITA"))
    assert tokens.words == ["สำนักงาน", "เผยแพร่", "ข้อมูลข่าวสาร", "ตาม", "มาตรา", "9", "บน",
                            "เว็บไซต์", "ita"]


def test_compound_is_also_indexed_as_its_parts(segmenter):
    tokens = segmenter.tokens(normalise("ผู้ยื่นคำขอต้องกรอกแบบฟอร์ม"))
    assert "ผู้ยื่นคำขอ" in tokens.words  # an agency term from schema/search-terms.txt
    assert {"ยื่นคำขอ", "ยื่น", "คำขอ"} <= set(tokens.parts)  # parts of parts too
    assert "ผู้ยื่นคำขอ" not in tokens.parts


def test_short_accidental_parts_are_not_indexed(segmenter):
    # มาตรา is not "มา" + "ตรา" to a reader; สำนักงาน is not "สำ" + "นักงาน".
    assert segmenter.parts("มาตรา") == ()
    assert all(len(p) >= MIN_PART for p in segmenter.parts("สำนักงาน"))
    assert "สำ" not in segmenter.tokens(normalise("สำนักงาน")).parts


def test_parts_need_a_full_cover(segmenter):
    assert segmenter.parts("กขคงจฉชซ") == ()


def test_single_letters_and_punctuation_are_not_terms(segmenter):
    tokens = segmenter.tokens(normalise("ณ ที่นี้ ๆ (ก) -- !"))
    assert "ณ" not in tokens.words and "ๆ" not in tokens.words
    assert all(len(w) > 1 for w in tokens.words if not w.isascii())


def test_agency_terms_file_is_data(tmp_path):
    write(tmp_path, "schema/search-terms.txt", "# comment\nก.พ.ร.\n\nคำศัพท์เฉพาะหน่วยงาน  # trailing note\n")
    assert read_agency_terms(tmp_path) == ["กพร", "คำศัพท์เฉพาะหน่วยงาน"]
    assert read_agency_terms(tmp_path / "missing") == []
    assert read_agency_terms(None) == []


def test_agency_terms_change_segmentation(tmp_path):
    plain = ThaiSegmenter([])
    custom = ThaiSegmenter(["ศูนย์ราชการสะดวก"])
    text = normalise("ไปที่ศูนย์ราชการสะดวกใกล้บ้าน")
    assert "ศูนย์ราชการสะดวก" not in plain.tokens(text).words
    assert "ศูนย์ราชการสะดวก" in custom.tokens(text).words


def test_project_terms_file_is_valid():
    terms = read_agency_terms(PROJECT)
    assert terms, "schema/search-terms.txt should list the agency's own words"
    assert len(terms) == len(set(terms)), "duplicate entries in schema/search-terms.txt"
    for term in terms:
        assert term == normalise(term) and " " not in term, term


def test_nlpo3_and_pythainlp_agree(segmenter):
    text = normalise("สำนักงาน ก.พ.ร. จัดพิธีมอบรางวัลเลิศรัฐให้แก่หน่วยงานภาครัฐ ผู้ยื่นคำขอใบอนุญาต")
    fallback = segmenter._pythainlp_cutter()
    assert [w for w in segmenter._cut(text) if w.strip()] == [w for w in fallback(text) if w.strip()]


def test_hyphenated_latin_terms_are_also_indexed_joined(segmenter):
    tokens = segmenter.tokens(normalise("ยื่นผ่านระบบ e-Service และ e-bidding ได้"))
    assert {"e", "service", "bidding"} <= set(tokens.words)
    assert {"eservice", "ebidding"} <= set(tokens.parts)
    assert "oecdpublic" not in segmenter.tokens(normalise("OECD Public")).parts  # spaces are not joined
