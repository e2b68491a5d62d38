"""Text inside attachments, with where it sits, for the national-ID rule (PDPA).

Each extractor returns ``(where, line, text)`` triples: a PDF page, a Word
paragraph, a spreadsheet ``Sheet!B7`` cell, or a line of a text file. XML is read
with regular expressions on bounded bytes: no entity expansion, no external fetch.
Cells are kept only when they hold at least 13 digits, so big sheets stay cheap.
"""

from __future__ import annotations

import html
import re
import zipfile

from webpub.messages import t
from webpub.thaiid import find, mask

# Attribute scans stop at the next '<' and element bodies at the next opening of
# the same element, so an unclosed tag repeated many times is read once, not once
# per occurrence (linear time; issue 11).
_TAGS = re.compile(r"<[^<>]++>")
_PARAGRAPH_END = re.compile(r"</w:p>|</text:p>|</text:h>")
_DIGIT = re.compile(r"[0-9๐-๙]")  # catalogue-exempt: Thai digits are digits
_CELL = re.compile(r'<c\b([^<>]*?)(?:/>|>((?:[^<]++|<(?!/?c\b))*+)</c>)', re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_SHEET = re.compile(r'<sheet\b([^<>]*+)>')
_REL = re.compile(r'<Relationship\b([^<>]*+)>')
_SI = re.compile(r"<si>((?:[^<]++|<(?!/?si>))*+)</si>", re.S)
_T = re.compile(r"<t\b[^<>]*+>((?:[^<]++|<(?!/?t\b))*+)</t>", re.S)
WORD_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")


def _digits_enough(text: str) -> bool:
    return len(_DIGIT.findall(text)) >= 13


def _xml_text(fragment: str) -> str:
    return html.unescape(_TAGS.sub("", fragment))


def read_member(archive: zipfile.ZipFile, name: str, cap: int) -> str:
    """A member as text, from the archive walk's kept parts when it has them."""
    kept = getattr(archive, "webpub_parts", {}).get(name)
    if kept is not None:
        return kept[:cap].decode("utf-8", "replace")
    with archive.open(name) as fh:
        return fh.read(cap).decode("utf-8", "replace")


def docx_texts(archive: zipfile.ZipFile, cap: int) -> list[tuple[str, int, str]]:
    out = []
    for name in archive.namelist():
        if not WORD_PARTS.match(name):
            continue
        xml = read_member(archive, name, cap)
        for number, para in enumerate(_PARAGRAPH_END.split(xml), start=1):
            text = _xml_text(para)
            if _digits_enough(text):
                out.append((t("files.place_paragraph", part=name, number=number), 1, text))
    return out


# A run that may hold 13 digits (digits, spaces, hyphens); values are plain in cell XML.
_CANDIDATE = re.compile(r"[0-9๐-๙][0-9๐-๙ \-]{11,}[0-9๐-๙]")  # catalogue-exempt: Thai digits
_CELL_START = re.compile(r'<c\b[^<>]*?\br="([A-Z]+[0-9]+)"[^<>]*+>')
CELL_WINDOW = 1 << 16  # how far back a digit run looks for the start of its cell
MAX_SHARED_HITS = 200


def xlsx_texts(archive: zipfile.ZipFile, cap: int) -> list[tuple[str, int, str]]:
    """Cells that may hold an ID, found from digit runs first (big sheets stay cheap)."""
    names = set(archive.namelist())
    shared = _shared_candidates(archive, names, cap)
    out = []
    for sheet_name, part in _sheet_parts(archive, names, cap):
        xml = read_member(archive, part, cap)
        for ref, value in _candidate_cells(xml, shared):
            out.append((t("files.place_cell", sheet=sheet_name, cell=ref), 1, value))
    return out


def _shared_candidates(archive, names, cap) -> dict[str, str]:
    """Shared-string index (as text) -> string, for strings with 13+ digits only."""
    if "xl/sharedStrings.xml" not in names:
        return {}
    xml = read_member(archive, "xl/sharedStrings.xml", cap)
    if not _CANDIDATE.search(xml):
        return {}
    found = {}
    for index, si in enumerate(_SI.findall(xml)):
        if _CANDIDATE.search(si):
            found[str(index)] = "".join(_xml_text(run) for run in _T.findall(si))
            if len(found) >= MAX_SHARED_HITS:
                break
    return found


def _candidate_cells(xml: str, shared: dict[str, str]):
    seen = set()
    for match in _CANDIDATE.finditer(xml):
        start = xml.rfind("<c ", max(0, match.start() - CELL_WINDOW), match.start())
        cell = _CELL.match(xml, start) if start != -1 else None
        if cell and cell.start() not in seen:
            seen.add(cell.start())
            yield from _cell_hit(cell, shared)
    if shared:
        wanted = "|".join(re.escape(k) for k in shared)
        pattern = re.compile(r'<c\b[^<>]*?\bt="s"[^<>]*+><v>(' + wanted + r")</v>")
        for match in pattern.finditer(xml):
            ref = _CELL_START.match(xml, match.start())
            yield (ref.group(1) if ref else "?"), shared[match.group(1)]


def _cell_hit(cell: re.Match, shared: dict[str, str]):
    attrs = dict(_ATTR.findall(cell.group(1)))
    if attrs.get("t") == "s":
        return  # shared strings are matched by index above
    value = _cell_value(attrs, cell.group(2) or "", [])
    if value and _digits_enough(value):
        yield attrs.get("r", "?"), value


def _sheet_parts(archive, names, cap) -> list[tuple[str, str]]:
    if "xl/workbook.xml" not in names:
        return [(n.rsplit("/", 1)[-1], n) for n in sorted(names) if n.startswith("xl/worksheets/sheet")]
    rels = {}
    if "xl/_rels/workbook.xml.rels" in names:
        for attrs in _REL.findall(read_member(archive, "xl/_rels/workbook.xml.rels", cap)):
            a = dict(_ATTR.findall(attrs))
            target = a.get("Target", "").lstrip("/")
            rels[a.get("Id")] = target if target.startswith("xl/") else "xl/" + target
    out = []
    for attrs in _SHEET.findall(read_member(archive, "xl/workbook.xml", cap)):
        a = dict(re.findall(r'([\w:]+)="([^"]*)"', attrs))
        part = rels.get(a.get("r:id"))
        if part in names:
            out.append((html.unescape(a.get("name", "?")), part))
    return out


def _cell_value(attrs: dict, inner: str, shared: list[str]) -> str:
    kind = attrs.get("t", "n")
    value = re.search(r"<v>(.*?)</v>", inner, re.S)
    if kind == "s" and value:
        index = int(value.group(1)) if value.group(1).strip().isdigit() else -1
        return shared[index] if 0 <= index < len(shared) else ""
    if kind == "inlineStr":
        return "".join(_xml_text(run) for run in _T.findall(inner))
    if not value:
        return ""
    raw = html.unescape(value.group(1))
    return _plain_number(raw) if kind == "n" else raw


def _plain_number(raw: str) -> str:
    """Numeric cells keep IDs as numbers, sometimes written as 1.23E+12."""
    try:
        number = float(raw)
    except ValueError:
        return raw
    return str(int(number)) if number.is_integer() and abs(number) < 1e16 else raw


_ODS_TABLE = re.compile(r'<table:table\b[^>]*table:name="([^"]*)"[^>]*>(.*?)</table:table>', re.S)
_ODS_ROW = re.compile(r"<table:table-row\b([^>]*?)(?:/>|>(.*?)</table:table-row>)", re.S)
_ODS_CELL = re.compile(
    r"<table:(?:covered-)?table-cell\b([^>]*?)(?:/>|>(.*?)</table:(?:covered-)?table-cell>)", re.S)
_REPEAT_ROWS = re.compile(r'table:number-rows-repeated="(\d+)"')
_REPEAT_COLS = re.compile(r'table:number-columns-repeated="(\d+)"')
_ODS_VALUE = re.compile(r'office:value="([^"]*)"')


def column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def ods_texts(archive: zipfile.ZipFile, cap: int) -> list[tuple[str, int, str]]:
    if "content.xml" not in archive.namelist():
        return []
    xml = read_member(archive, "content.xml", cap)
    out = []
    for sheet, body in _ODS_TABLE.findall(xml):
        row = 0
        for row_attrs, row_body in _ODS_ROW.findall(body):
            col = 0
            for cell_attrs, cell_body in _ODS_CELL.findall(row_body or ""):
                text = _xml_text(cell_body or "")
                number = _ODS_VALUE.search(cell_attrs)
                value = text if _digits_enough(text) else (_plain_number(number.group(1)) if number else "")
                if value and _digits_enough(value):
                    cell = f"{column_letters(col)}{row + 1}"
                    out.append((t("files.place_cell", sheet=html.unescape(sheet), cell=cell), 1, value))
                repeat = _REPEAT_COLS.search(cell_attrs)
                col += min(int(repeat.group(1)), 16384) if repeat else 1
            repeat = _REPEAT_ROWS.search(row_attrs)
            row += min(int(repeat.group(1)), 1 << 20) if repeat else 1
    paragraphs = _PARAGRAPH_END.split(xml.split("<table:table ", 1)[0])
    for number, para in enumerate(paragraphs, start=1):
        text = _xml_text(para)
        if _digits_enough(text):
            out.append((t("files.place_paragraph", part="content.xml", number=number), 1, text))
    return out


def text_lines(text: str, delimited: bool = False) -> list[tuple[str, int, str]]:
    """Lines with 13+ digits; in CSV/TSV the cells are spaced apart, so an ID next to
    another number ("1,1101700230708") is still a number of its own."""
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        if _digits_enough(line):
            out.append(("", number, _spaced(line) if delimited else line))
    return out


def _spaced(line: str) -> str:
    return line.replace(",", " , ").replace("\t", " \t ").replace(";", " ; ")


def binary_strings(data: bytes, cap: int) -> list[tuple[str, int, str]]:
    """Old binary Office files: 8-bit and UTF-16 text runs, place unknown."""
    sample = data[:cap]
    out = []
    for text in (sample.decode("latin-1"), sample.decode("utf-16-le", "ignore"),
                 sample[1:].decode("utf-16-le", "ignore")):
        for run in re.findall(r"[0-9๐-๙ \-]{13,40}", text):  # catalogue-exempt: Thai digits
            if _digits_enough(run):
                out.append((t("files.place_anywhere"), 1, run))
    return out


def national_ids(texts) -> list[tuple[str, int, str]]:
    """(where, line, digits) of every national ID in the extracted texts."""
    found = []
    for where, line, text in texts:
        for _offset, digits in find(text):
            found.append((where, line, digits))
    return found


__all__ = ["docx_texts", "xlsx_texts", "ods_texts", "text_lines", "binary_strings",
           "national_ids", "mask"]
