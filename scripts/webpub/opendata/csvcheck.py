"""CSV resources of dataset pages: are they tables a reader can load? (own code, stdlib ``csv``)

Why own code and not frictionless: the rule needs a handful of checks (UTF-8, header
present with unique non-blank labels, every row as long as the header, each column's
values of one type), and frictionless brought 31 of the 53 packages of the pre-commit
environment for them (the first install of the hook took twice as long). The standard
library's ``csv`` reader does the parsing (RFC 4180 quoting, ``strict``); what is left
here is the type inference and the caps, about as long as the frictionless adapter was.

What it checks, with frictionless's names for the kinds (kept so findings and
people's notes stay comparable):

- ``encoding-error``: not UTF-8 (a UTF-8 BOM is accepted; WP140 reports the file itself);
- ``blank-header`` / ``blank-label`` / ``duplicate-label``: the first row;
- ``extra-cell`` / ``missing-cell``: a row longer or shorter than the header (one
  finding per row, naming the first column concerned);
- ``type-error``: a value that is not of its column's type. Datasets declare no Table
  Schema, so the type is inferred as frictionless does: over the first ``SAMPLE_ROWS``
  data rows, the first candidate type (year-month, date-time, time, date, integer,
  number, boolean) that reads at least 90 % of the non-empty values wins, else the
  column is text; empty cells are missing values, never errors;
- ``format-error``: broken quoting, a NUL character, a field or a line over the caps;
- blank rows are skipped, as before.

Bounded: the file is read as a stream, one line of at most ``MAX_LINE_CHARS`` at a
time, fields at most ``csv.field_size_limit()`` (the library default, never changed
here: it is process-wide), at most ``MAX_COLUMNS`` columns and ``MAX_ERRORS`` findings;
checking stops after ``MAX_BYTES`` bytes (the attachment size limits apply to the file
as a whole). Hostile input gives one ``format-error`` and the check stops; it never
raises.

Row numbers count the header as row 1 (as frictionless did); when a row starts on
another physical line (line breaks inside quoted cells), the line is named too.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import BinaryIO

from webpub.messages import t

MAX_ERRORS = 20
MAX_BYTES = 64 * 1024 * 1024
MAX_LINE_CHARS = 1024 * 1024
MAX_COLUMNS = 2000
SAMPLE_ROWS = 100
CONFIDENCE = 0.9
_CHUNK = 64 * 1024
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class CsvProblem:
    row: int | None
    column: str | None
    kind: str
    cell: str | None
    line: int | None = None
    detail: str | None = None

    def message_th(self) -> str:
        place = []
        if self.row:
            place.append(t("csv.place_row", row=self.row))
        if self.line and self.line != self.row:
            place.append(t("csv.place_line", line=self.line))
        if self.column:
            place.append(t("csv.place_column", column=self.column))
        where = (" (" + ", ".join(place) + ")") if place else ""
        cell = t("csv.place_cell", cell=_short(self.cell)) if self.cell not in (None, "") else ""
        detail = f" — {self.detail}" if self.detail else ""
        return f"{t('csv.' + _key(self.kind))}{where}{cell}{detail} [{self.kind}]"

    def hint_th(self) -> str:
        return t("csv.fix_" + _key(self.kind))


def _key(kind: str) -> str:
    return kind.replace("-", "_")


def _short(cell: str | None, limit: int = 60) -> str:
    return repr(cell if cell is None or len(cell) <= limit else cell[:limit] + "…")


# --- types ----------------------------------------------------------------------------

_INT = re.compile(r"[+-]?\d+")
_NUM = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_YEARMONTH = re.compile(r"(\d{4})-(\d{1,2})")
_TRUE_FALSE = {"true", "True", "TRUE", "1", "false", "False", "FALSE", "0"}


def _is_yearmonth(v: str) -> bool:
    m = _YEARMONTH.fullmatch(v)
    return bool(m) and 1 <= int(m.group(2)) <= 12


def _is_datetime(v: str) -> bool:
    if "T" not in v:
        return False
    try:
        datetime.fromisoformat(v)
    except ValueError:
        return False
    return True


def _is_time(v: str) -> bool:
    if len(v) < 5 or v[2:3] != ":":
        return False
    try:
        time.fromisoformat(v)
    except ValueError:
        return False
    return True


def _is_date(v: str) -> bool:
    if len(v) != 10:
        return False
    try:
        date.fromisoformat(v)
    except ValueError:
        return False
    return True


# Candidate order as frictionless's detector: the first that fits wins.
TYPES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("yearmonth", _is_yearmonth),
    ("datetime", _is_datetime),
    ("time", _is_time),
    ("date", _is_date),
    ("integer", lambda v: _INT.fullmatch(v) is not None),
    ("number", lambda v: _NUM.fullmatch(v) is not None),
    ("boolean", lambda v: v in _TRUE_FALSE),
)
TYPE_TH = {name: f"csv.type_{name}" for name, _ in TYPES}


def infer_types(sample: list[list[str]], width: int) -> list[tuple[str, Callable[[str], bool]] | None]:
    """Per column, the first candidate reading ≥ CONFIDENCE of the non-empty sample values."""
    out: list[tuple[str, Callable[[str], bool]] | None] = []
    for col in range(width):
        values = [row[col].strip() for row in sample if col < len(row) and row[col].strip()]
        chosen = None
        if values:
            need = len(values) * CONFIDENCE
            for name, fits in TYPES:
                if sum(1 for v in values if fits(v)) >= need:
                    chosen = (name, fits)
                    break
        out.append(chosen)
    return out


# --- reading --------------------------------------------------------------------------

class _Stop(Exception):
    def __init__(self, problem: CsvProblem):
        self.problem = problem


class _Lines:
    """Decoded lines of at most MAX_LINE_CHARS, over at most MAX_BYTES; counts lines."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.buffer = ""
        self.pos = 0  # start of the next line in buffer
        self.read = 0
        self.line = 0  # physical lines handed out
        self.eof = False
        self.first = True

    def _fill(self) -> None:
        if self.read >= MAX_BYTES:
            self.eof = True
            return
        chunk = self.raw.read(min(_CHUNK, MAX_BYTES - self.read))
        if self.first:
            self.first = False
            if chunk.startswith(_BOM):
                chunk = chunk[3:]
            elif chunk.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise _Stop(CsvProblem(None, None, "encoding-error", None, detail=t("csv.utf16")))
        self.read += len(chunk)
        rest = self.buffer[self.pos:]
        try:
            text = self.decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            line = self.line + rest.count("\n") + chunk.count(b"\n", 0, exc.start) + 1
            raise _Stop(CsvProblem(None, None, "encoding-error", None, line=line)) from None
        self.buffer, self.pos = rest + text, 0  # what is left of the buffer is less than a line
        if not chunk:
            self.eof = True

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        while True:
            cut = self.buffer.find("\n", self.pos)
            if cut >= 0 or self.eof or len(self.buffer) - self.pos > MAX_LINE_CHARS:
                break
            self._fill()
        if cut < 0:
            if self.pos >= len(self.buffer):
                raise StopIteration
            cut = len(self.buffer) - 1
        if cut + 1 - self.pos > MAX_LINE_CHARS:
            raise _Stop(CsvProblem(None, None, "format-error", None, line=self.line + 1,
                                   detail=t("csv.line_too_long", limit=MAX_LINE_CHARS)))
        text, self.pos = self.buffer[self.pos: cut + 1], cut + 1
        if "\0" in text:
            raise _Stop(CsvProblem(None, None, "format-error", None, line=self.line + 1,
                                   detail=t("csv.nul")))
        self.line += 1
        return text


def _column(number: int, label: str | None) -> str:
    return f"{number} “{label}”" if label else str(number)


def _validate(raw: BinaryIO) -> list[CsvProblem]:
    problems: list[CsvProblem] = []
    lines = _Lines(raw)
    reader = csv.reader(lines, strict=True)
    row_number = 0

    def add(problem: CsvProblem) -> bool:
        problems.append(problem)
        return len(problems) >= MAX_ERRORS

    def rows() -> Iterator[tuple[int, int, list[str]]]:
        nonlocal row_number
        while True:
            start = lines.line + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise _Stop(CsvProblem(row_number + 1, None, "format-error", None, line=start,
                                       detail=_csv_detail(exc))) from None
            row_number += 1
            yield row_number, start, cells

    try:
        stream = rows()
        header = None
        for number, start, cells in stream:
            if cells:
                header = (number, start, cells)
                break
        if header is None:
            return [CsvProblem(None, None, "blank-header", None)]
        number, start, labels = header
        if len(labels) > MAX_COLUMNS:
            return [CsvProblem(number, None, "format-error", None, line=start,
                               detail=t("csv.too_many_columns", limit=MAX_COLUMNS))]
        if not any(label.strip() for label in labels):
            return [CsvProblem(number, None, "blank-header", None, line=start)]
        seen: dict[str, int] = {}
        for i, label in enumerate(labels, 1):
            name = label.strip()
            if not name:
                if add(CsvProblem(number, str(i), "blank-label", None, line=start)):
                    return problems
            elif name in seen:
                if add(CsvProblem(number, _column(i, name), "duplicate-label", None, line=start,
                                  detail=t("csv.same_as", column=seen[name]))):
                    return problems
            else:
                seen[name] = i
        width = len(labels)
        types = None
        held: list[tuple[int, int, list[str]]] = []
        for item in stream:
            if not any(c.strip() for c in item[2]):
                continue  # blank rows are skipped (frictionless's blank-row, switched off)
            if types is None:
                held.append(item)
                if len(held) < SAMPLE_ROWS:
                    continue
                types = infer_types([c for _, _, c in held], width)
                for held_item in held:
                    if _check_row(held_item, labels, types, add):
                        return problems
                held = []
                continue
            if _check_row(item, labels, types, add):
                return problems
        if types is None:
            types = infer_types([c for _, _, c in held], width)
            for held_item in held:
                if _check_row(held_item, labels, types, add):
                    return problems
    except _Stop as stop:
        problem = stop.problem
        if problem.row is None and problem.line is not None and problem.kind != "encoding-error":
            problem = CsvProblem(row_number + 1, None, problem.kind, None, problem.line, problem.detail)
        problems.append(problem)
    return problems[:MAX_ERRORS]


def _check_row(item, labels, types, add) -> bool:
    number, start, cells = item
    width = len(labels)
    if len(cells) > width:
        extra = len(cells) - width
        if add(CsvProblem(number, str(width + 1), "extra-cell", cells[width], line=start,
                          detail=t("csv.count", have=len(cells), want=width, diff=extra))):
            return True
    elif len(cells) < width:
        i = len(cells)
        if add(CsvProblem(number, _column(i + 1, labels[i].strip()), "missing-cell", None, line=start,
                          detail=t("csv.count", have=len(cells), want=width, diff=width - len(cells)))):
            return True
    for i, (cell, kind) in enumerate(zip(cells, types)):
        value = cell.strip()
        if kind is None or not value or kind[1](value):
            continue
        if add(CsvProblem(number, _column(i + 1, labels[i].strip()), "type-error", cell, line=start,
                          detail=t("csv.expected", type=t(TYPE_TH[kind[0]])))):
            return True
    return False


def _csv_detail(exc: csv.Error) -> str:
    text = str(exc)
    if "field limit" in text:
        return t("csv.field_too_large", limit=csv.field_size_limit())
    if "end of data" in text:
        return t("csv.unclosed_quote")
    if "new-line character" in text:
        return t("csv.line_endings")
    if "expected after" in text:
        return t("csv.text_after_quote")
    return t("csv.bad_quoting")


# --- entry points ---------------------------------------------------------------------

_KNOWN: dict[bytes, tuple[CsvProblem, ...]] = {}  # content hash -> problems, this process
_KNOWN_MAX = 1024


def _remembered(key: bytes, compute: Callable[[], list[CsvProblem]]) -> list[CsvProblem]:
    if key not in _KNOWN:
        if len(_KNOWN) >= _KNOWN_MAX:
            _KNOWN.pop(next(iter(_KNOWN)))
        _KNOWN[key] = tuple(compute())
    return list(_KNOWN[key])


def validate_csv(data: bytes) -> list[CsvProblem]:
    """Problems of one CSV given as bytes, at most MAX_ERRORS.

    The same file is often a resource of several pages (a shared template, a
    dataset listed twice); its bytes are validated once per process.
    """
    return _remembered(hashlib.sha256(data).digest(), lambda: _validate(io.BytesIO(data)))


def validate_csv_file(path: Path) -> list[CsvProblem]:
    """Problems of one CSV file, read as a stream (never whole in memory)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return [CsvProblem(None, None, "source-error", None, detail=t("csv.not_a_file"))]
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            read = 0
            while read < MAX_BYTES and (chunk := f.read(_CHUNK)):
                digest.update(chunk)
                read += len(chunk)

        def compute() -> list[CsvProblem]:
            with open(path, "rb") as f:
                return _validate(f)

        return _remembered(digest.digest(), compute)
    except OSError:
        return [CsvProblem(None, None, "source-error", None)]
