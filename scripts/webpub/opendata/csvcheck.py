"""CSV resources of dataset pages, validated with frictionless (Table Schema rules).

frictionless infers the column types from the file, then reports header problems,
type errors and rows of the wrong length with their row and column. Row numbers
count the header as row 1, so they are also the line numbers of a CSV without
line breaks inside quoted cells.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

MAX_ERRORS = 20
ERROR_TH = {
    "blank-header": "หัวตารางว่างทั้งแถว",
    "blank-label": "คอลัมน์ไม่มีชื่อหัวตาราง",
    "duplicate-label": "ชื่อหัวตารางซ้ำกัน",
    "incorrect-label": "ชื่อหัวตารางไม่ตรงกับที่กำหนด",
    "missing-label": "หัวตารางมีน้อยกว่าจำนวนคอลัมน์",
    "extra-label": "หัวตารางมีมากกว่าจำนวนคอลัมน์",
    "blank-row": "มีแถวว่าง",
    "extra-cell": "แถวนี้มีจำนวนช่องมากกว่าหัวตาราง",
    "missing-cell": "แถวนี้มีจำนวนช่องน้อยกว่าหัวตาราง",
    "type-error": "ค่าในช่องไม่ตรงชนิดข้อมูลของคอลัมน์",
    "constraint-error": "ค่าในช่องผิดเงื่อนไขของคอลัมน์",
    "primary-key": "ค่าคีย์หลักซ้ำ",
    "encoding-error": "ไฟล์ไม่ได้เข้ารหัส UTF-8",
    "source-error": "อ่านไฟล์ไม่ได้",
    "format-error": "รูปแบบไฟล์ CSV ไม่ถูกต้อง",
    "scheme-error": "อ่านไฟล์ไม่ได้",
}


@dataclass(frozen=True)
class CsvProblem:
    row: int | None
    column: str | None
    kind: str
    cell: str | None

    def message_th(self) -> str:
        place = []
        if self.row:
            place.append(f"แถวที่ {self.row}")
        if self.column:
            place.append(f"คอลัมน์ {self.column}")
        where = (" (" + ", ".join(place) + ")") if place else ""
        cell = f": ค่า {self.cell!r}" if self.cell not in (None, "") else ""
        return f"{ERROR_TH.get(self.kind, self.kind)}{where}{cell} [{self.kind}]"


_KNOWN: dict[bytes, tuple[CsvProblem, ...]] = {}  # content hash -> problems, this process
_KNOWN_MAX = 1024


def validate_csv(data: bytes) -> list[CsvProblem]:
    """Problems frictionless finds in one CSV (UTF-8 bytes), at most MAX_ERRORS.

    The same file is often a resource of several pages (a shared template, a
    dataset listed twice); its bytes are validated once per process.
    """
    key = hashlib.sha256(data).digest()
    if key not in _KNOWN:
        if len(_KNOWN) >= _KNOWN_MAX:
            _KNOWN.pop(next(iter(_KNOWN)))
        _KNOWN[key] = tuple(_validate(data))
    return list(_KNOWN[key])


def _validate(data: bytes) -> list[CsvProblem]:
    import frictionless

    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    resource = frictionless.Resource(data=body, format="csv", encoding="utf-8")
    checklist = frictionless.Checklist(skip_errors=["blank-row"])
    try:
        report = frictionless.validate(resource, checklist=checklist, limit_errors=MAX_ERRORS)
    except Exception as exc:  # noqa: BLE001 - frictionless raises on unreadable sources
        return [CsvProblem(None, None, "source-error", str(exc)[:120])]
    return [_problem(error) for task in report.tasks for error in task.errors][:MAX_ERRORS]


def _problem(error) -> CsvProblem:
    column = getattr(error, "field_name", None) or getattr(error, "label", None)
    number = getattr(error, "field_number", None)
    if number and column:
        column = f"{number} “{column}”"
    elif number:
        column = str(number)
    return CsvProblem(getattr(error, "row_number", None), column, error.type, getattr(error, "cell", None))
