"""Every user-facing string catalogue reads as a Thai government webmaster writes it:
a space between Thai and Latin letters or digits ("หมวด 3.1 ไม่รับไฟล์แนบ"), and no
Gregorian date or year inside a Thai sentence (people read B.E.). A date a file must hold
(ISO, Gregorian) may be shown only as code, between backticks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT
from webpub import messages

THAI = "\u0e01-\u0e5b"
# Thai right against a Latin letter or an Arabic digit, either way round ("3.1ไม่", "หมวด3")
TOUCHING = re.compile(rf"[{THAI}][A-Za-z0-9]|[A-Za-z0-9][{THAI}]")
ISO_DATE = re.compile(r"\b(1[89]|2[01])[0-9]{2}-[01][0-9]-[0-3][0-9]\b")
GREGORIAN_YEAR = re.compile(r"(?<![0-9.])(19[0-9]{2}|20[0-9]{2}|21[0-9]{2})(?![0-9])")
CODE = re.compile(r"`[^`]*`")
FIELD = re.compile(r"\{[a-z_]+(:[^}]*)?\}")
# a date/time format written in Thai letters, ISO's "T" between date and time included
THAI_FORMAT = re.compile(r"ปปปป-ดด-วว(T|\s)ชช:นน(:วว)?")


def catalogue_files() -> list[Path]:
    return sorted((PROJECT / "scripts" / "webpub" / "messages").glob("*/*.yml"))


def texts(path: Path) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [(f"{path.parent.name}/{path.stem}.{k}", v) for k, v in data.items() if isinstance(v, str)]


def spacing_faults(text: str) -> list[str]:
    plain = FIELD.sub(" ", CODE.sub(" ", THAI_FORMAT.sub(" ", text)))
    return [m.group(0) for m in TOUCHING.finditer(plain)]


def gregorian_dates(text: str) -> list[str]:
    """Gregorian dates or years a reader could take for B.E.; one the sentence itself labels
    ค.ศ. (a format example for a field that holds ISO dates) is not one."""
    if not re.search(f"[{THAI}]", text) or "ค.ศ." in text:
        return []
    plain = CODE.sub(" ", text)
    dates = [m.group(0) for m in ISO_DATE.finditer(plain)]
    return dates + [m.group(0) for m in GREGORIAN_YEAR.finditer(ISO_DATE.sub(" ", plain))]


ALL = [pair for path in catalogue_files() for pair in texts(path)]


def test_there_is_a_catalogue_to_scan():
    assert len(catalogue_files()) >= 4 and len(ALL) > 50


@pytest.mark.parametrize("key, text", ALL, ids=[k for k, _ in ALL])
def test_no_latin_thai_spacing_fault(key, text):
    assert spacing_faults(text) == []


@pytest.mark.parametrize("key, text", ALL, ids=[k for k, _ in ALL])
def test_no_gregorian_date_in_a_thai_sentence(key, text):
    assert gregorian_dates(text) == []


def test_every_template_fills_in():
    for key, template in messages.catalogue().items():
        values = {name: 1 for name in messages.fields(template)}
        assert messages.t(key, **values)


def test_the_scanner_finds_what_it_must():
    assert spacing_faults("หมวด 3.1ไม่รับไฟล์แนบ") == ["1ไ"]
    assert spacing_faults("หมวด 3.1 ไม่รับไฟล์แนบ") == []
    assert spacing_faults("ตรวจด้วยwebpub check") == ["ยw"]
    assert spacing_faults("หมวด {category} ไม่รับ `2026-01-31`") == []
    assert gregorian_dates("ครบกำหนดวันที่ 2026-12-20") == ["2026-12-20"]
    assert gregorian_dates("ปีงบประมาณ 2026") == ["2026"]
    assert gregorian_dates("ปีงบประมาณ พ.ศ. 2570 เขียนเป็น `2026-10-01`") == []
    assert gregorian_dates("SHA-256") == []
    assert spacing_faults("วันและเวลา (ปปปป-ดด-ววTชช:นน:วว)") == []
    assert gregorian_dates("รูปแบบ ปี-เดือน เป็น ค.ศ. เช่น 2025-10") == []


def strings_in(data, where=""):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from strings_in(value, f"{where}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings_in(value, f"{where}[{index}]")
    elif isinstance(data, str):
        yield where, data


@pytest.mark.parametrize("name", ["categories.yml", "rules.yml", "obligations.yml", "organization.yml",
                                  "file-rules.yml"])
def test_schema_texts_people_read_are_spaced_and_buddhist_era(name):
    data = yaml.safe_load((PROJECT / "schema" / name).read_text(encoding="utf-8"))
    faults = [(where, text) for where, text in strings_in(data)
              if re.search(f"[{THAI}]", text) and (spacing_faults(text) or gregorian_dates(text))]
    assert faults == []
