"""What a file really is, judged from its bytes: magic numbers plus a cheap look at
the format's own structure, so a renamed executable or HTML page cannot pass as a
document.

Public API (used by the attachment checks and by ``webpub.files``):

``detect(source) -> Kind``
    ``source`` is a path or the file's bytes. Never raises for bad content.
``matches(ext, kind, kinds=None) -> bool``
    Whether ``kind`` is what a file named ``*.ext`` must contain. ``kinds`` is the
    ``kinds`` map of ``schema/file-rules.yml`` (extension -> kind name); without it
    the built-in map below is used.
``expected_kind(ext, kinds=None) -> str | None``
``describe(kind) -> str``  a Thai label for messages.
``detect_asset(asset) -> Kind``
    ``detect`` for a ``webpub.content.page.Asset``, computed once and kept on the asset so
    several checks of the same file share it.
``route(head, ext) -> str`` and ``zip_flavour(archive)``
    which inspector of ``webpub.files`` must look inside a file. Deliberately more
    lenient than ``detect`` and from the same magic numbers: a PDF with junk before
    its header, or a truncated ZIP, is not a valid document (``detect`` says so, WP019)
    but readers still open it, so it must still be inspected for active content.

Only what is cheap is checked: the first and last 64 KiB of a file, a ZIP central
directory, an OLE directory. Whole-file reads happen only for the text formats
(UTF-8, JSON, XML), which are small by the file rules. Deep inspection (macros,
PDF JavaScript, archive bombs, EXIF) belongs to ``webpub.files``.
"""

from __future__ import annotations

import io
import json
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from webpub.messages import catalogue, t

WINDOW = 64 * 1024
TEXT_READ_CAP = 32 * 1024 * 1024  # text formats beyond this are not read whole

# Kinds that are refused whatever the extension says.
REFUSED = frozenset({"executable", "html", "svg", "script"})
ZIP_FAMILY = frozenset({"zip", "ooxml", "odf"})

DEFAULT_KINDS = {
    ".pdf": "pdf", ".doc": "ole", ".xls": "ole", ".docx": "ooxml", ".xlsx": "ooxml",
    ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".zip": "zip", ".rar": "rar",
    ".txt": "text", ".csv": "text", ".json": "json", ".xml": "xml", ".kml": "xml",
    ".kmz": "zip", ".ods": "odf", ".shp": "shp", ".tif": "tiff", ".tiff": "tiff",
}
# Within a kind, the extension also fixes which application's document it is.
EXT_SUBTYPE = {
    ".doc": "word", ".xls": "excel", ".docx": "word", ".xlsx": "excel", ".ods": "spreadsheet",
}



@dataclass(frozen=True)
class Kind:
    """The result of ``detect``.

    ``name``: pdf, ole, ooxml, odf, jpeg, png, zip, rar, tiff, text, json, xml, shp,
    executable, html, svg, script, empty or unknown. ``subtype``: word/excel for
    Office files, spreadsheet etc. for ODF, pe/elf/macho/shebang/wasm for executables.
    ``problem``: empty when the structure looked right; otherwise a Thai sentence
    saying what is broken (the magic number matched but the rest did not).
    """

    name: str
    subtype: str = ""
    problem: str = ""

    @property
    def valid(self) -> bool:
        return not self.problem and self.name not in ("unknown", "empty")

    @property
    def refused(self) -> bool:
        return self.name in REFUSED


def describe(kind: Kind) -> str:
    """The kind in Thai (``files.kind_<name>``, ``files.subtype_<subtype>`` in the catalogue)."""
    texts = catalogue()
    label = texts.get(f"files.kind_{kind.name}", kind.name)
    if f"files.subtype_{kind.subtype}" in texts:
        label += f" ({texts[f'files.subtype_{kind.subtype}']})"
    return label


def expected_kind(ext: str, kinds: dict | None = None) -> str | None:
    return (kinds or DEFAULT_KINDS).get(ext.lower())


def matches(ext: str, kind: Kind, kinds: dict | None = None) -> bool:
    ext = ext.lower()
    want = expected_kind(ext, kinds)
    if want is None or not kind.valid or kind.refused:
        return False
    if want == "zip":  # an Office or ODF file is also a well-formed ZIP
        return kind.name in ZIP_FAMILY
    if kind.name != want:
        return False
    subtype = EXT_SUBTYPE.get(ext)
    return subtype is None or kind.subtype == subtype


# -- reading --------------------------------------------------------------
class _Source:
    """Head, tail and (on demand) the whole of a file or byte string."""

    def __init__(self, source):
        if isinstance(source, (bytes, bytearray, memoryview)):
            self._data = bytes(source)
            self.path = None
            self.size = len(self._data)
            self.head = self._data[:WINDOW]
            self.tail = self._data[-WINDOW:]
            return
        self.path = Path(source)
        self._data = None
        with open(self.path, "rb") as fh:
            self.head = fh.read(WINDOW)
            fh.seek(0, io.SEEK_END)
            self.size = fh.tell()
            fh.seek(max(0, self.size - WINDOW))
            self.tail = fh.read(WINDOW)

    def all(self) -> bytes | None:
        if self._data is None:
            if self.size > TEXT_READ_CAP:
                return None
            self._data = self.path.read_bytes()
        return self._data

    def open(self):
        return io.BytesIO(self._data) if self._data is not None else open(self.path, "rb")


def detect(source) -> Kind:
    """The real kind of a file (path) or of some bytes."""
    try:
        src = _Source(source)
    except OSError as exc:
        return Kind("unknown", problem=t("files.sniff_unreadable", error=exc.strerror or exc))
    if src.size == 0:
        return Kind("empty", problem=t("files.sniff_empty"))
    for probe in _PROBES:
        kind = probe(src)
        if kind is not None:
            return kind
    return _detect_text_family(src)


def detect_asset(asset) -> Kind:
    if asset._kind is None:
        asset._kind = detect(asset.abspath)
    return asset._kind


# -- refused content --------------------------------------------------------
def _executable(src: _Source) -> Kind | None:
    head = src.head
    if head.startswith(b"\x7fELF"):
        return Kind("executable", "elf")
    if head[:4] in (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe",
                    b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe"):
        return Kind("executable", "macho")
    if head.startswith(b"\x00asm"):
        return Kind("executable", "wasm")
    if head.startswith(b"#!"):
        return Kind("executable", "shebang")
    if head.startswith(b"MZ") and _looks_like_dos_exe(head):
        return Kind("executable", "pe")
    if head.startswith(b"L\x00\x00\x00\x01\x14\x02\x00"):
        return Kind("executable", "lnk")
    return None


def _looks_like_dos_exe(head: bytes) -> bool:
    if len(head) >= 64:
        (pe_offset,) = struct.unpack_from("<I", head, 0x3C)
        if head[pe_offset:pe_offset + 4] == b"PE\x00\x00":
            return True
    try:  # 'MZ' followed by ordinary text is a text file, not a program
        head.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return b"\x00" in head


_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p"
    rb"|svg|object|embed|meta|link|base|form|img|frameset|frame|math|template)(?=[\s>/])"
    rb"|<\?xml[^>]*>\s*<(?:svg|html)\b",
    re.I,
)
_HTML_ANYWHERE = re.compile(rb"<(?:script|iframe|svg|html|object|embed|frameset)(?=[\s>/])", re.I)
_JS_START = re.compile(
    rb"(?:['\"]use strict['\"]|\(\s*function\b|function\s*[\w$]*\s*\(|(?:window|document)\.\w"
    rb"|eval\s*\(|import\s+[\w{*].*\bfrom\s+['\"]|(?:var|let|const)\s+[\w$]+\s*=)"
)


def _strip_bom_ws(head: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom):]
            break
    if b"\x00" in head[:64]:  # UTF-16 markup: drop the zero bytes before sniffing
        head = head.replace(b"\x00", b"")
    return head.lstrip(b" \t\r\n\x0c")


def _markup(src: _Source) -> Kind | None:
    start = _strip_bom_ws(src.head[:1024])
    match = _HTML_START.match(start)
    if not match:
        return None
    text = match.group().lower()
    return Kind("svg") if b"svg" in text else Kind("html")


# -- binary formats -----------------------------------------------------------
def _pdf(src: _Source) -> Kind | None:
    if not src.head.startswith(b"%PDF-"):
        return None
    tail = src.tail[-2048:]
    if b"%%EOF" not in tail:
        return Kind("pdf", problem=t("files.sniff_pdf_eof"))
    if b"startxref" not in tail and b"startxref" not in src.tail:
        return Kind("pdf", problem=t("files.sniff_pdf_startxref"))
    return Kind("pdf")


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
RAR4_MAGIC = b"Rar!\x1a\x07\x00"
RAR5_MAGIC = b"Rar!\x1a\x07\x01\x00"
JPEG_MAGIC = b"\xff\xd8\xff"
TIFF_MAGICS = (b"II*\x00", b"MM\x00*")


def _ole(src: _Source) -> Kind | None:
    if not src.head.startswith(OLE_MAGIC):
        return None
    import olefile

    try:
        with olefile.OleFileIO(src.path if src.path else src.all()) as ole:
            streams = {"/".join(entry).lower() for entry in ole.listdir(streams=True, storages=False)}
    except Exception:  # olefile raises many types for malformed input
        return Kind("ole", problem=t("files.sniff_ole"))
    if "worddocument" in streams:
        return Kind("ole", "word")
    if "workbook" in streams or "book" in streams:
        return Kind("ole", "excel")
    return Kind("ole", "other")


def _zip_family(src: _Source) -> Kind | None:
    if not src.head.startswith(ZIP_MAGICS):
        return None
    if b"PK\x05\x06" not in src.tail:
        return Kind("zip", problem=t("files.sniff_zip_end"))
    try:
        with src.open() as fh, zipfile.ZipFile(fh) as archive:
            names = archive.namelist()
            mimetype = _read_small(archive, "mimetype") if "mimetype" in names else None
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return Kind("zip", problem=t("files.sniff_zip_directory"))
    if mimetype is not None and mimetype.startswith(b"application/vnd.oasis.opendocument."):
        return Kind("odf", mimetype.rsplit(b".", 1)[-1].decode("ascii", "replace"))
    if "[Content_Types].xml" in names:
        return _ooxml_kind(names)
    return Kind("zip")


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as fh:
        return fh.read(200).strip()


def _ooxml_kind(names: list[str]) -> Kind:
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return Kind("ooxml", "word")
    if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
        return Kind("ooxml", "excel")
    if any(n.startswith("ppt/") for n in names):
        return Kind("ooxml", "powerpoint")
    return Kind("ooxml", "other")


def _jpeg(src: _Source) -> Kind | None:
    if not src.head.startswith(JPEG_MAGIC):
        return None
    if not src.tail.rstrip(b"\x00").endswith(b"\xff\xd9"):
        return Kind("jpeg", problem=t("files.sniff_jpeg_eoi"))
    return Kind("jpeg")


PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PNG_IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"


def _png(src: _Source) -> Kind | None:
    if not src.head.startswith(PNG_MAGIC):
        return None
    chunk = src.head[8:8 + 25]
    if len(chunk) < 25 or chunk[:8] != b"\x00\x00\x00\x0dIHDR":
        return Kind("png", problem=t("files.sniff_png_ihdr"))
    if zlib.crc32(chunk[4:21]) != struct.unpack(">I", chunk[21:25])[0]:
        return Kind("png", problem=t("files.sniff_png_crc"))
    if not src.tail.endswith(PNG_IEND):
        return Kind("png", problem=t("files.sniff_png_iend"))
    return Kind("png")


def _rar(src: _Source) -> Kind | None:
    head = src.head
    if head.startswith(RAR5_MAGIC):
        return Kind("rar", "5") if _rar5_header_ok(head[8:]) else Kind(
            "rar", "5", t("files.sniff_rar5_header"))
    if head.startswith(RAR4_MAGIC):
        return Kind("rar", "4") if _rar4_header_ok(head[7:]) else Kind(
            "rar", "4", t("files.sniff_rar4_header"))
    return None


def _rar4_header_ok(block: bytes) -> bool:
    if len(block) < 7:
        return False
    crc, head_type, _flags, size = struct.unpack("<HBHH", block[:7])
    if head_type != 0x73 or size < 7 or len(block) < size:
        return False
    return zlib.crc32(block[2:size]) & 0xFFFF == crc


def _vint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while pos < len(data) and shift < 64:
        byte = data[pos]
        value |= (byte & 0x7F) << shift
        pos += 1
        if not byte & 0x80:
            return value, pos
        shift += 7
    raise ValueError("truncated vint")


def _rar5_header_ok(block: bytes) -> bool:
    if len(block) < 6:
        return False
    (crc,) = struct.unpack("<I", block[:4])
    try:
        size, data_start = _vint(block, 4)
        head_type, _ = _vint(block, data_start)
    except ValueError:
        return False
    end = data_start + size
    return head_type == 1 and end <= len(block) and zlib.crc32(block[4:end]) == crc


def _tiff(src: _Source) -> Kind | None:
    head = src.head
    if not head.startswith(TIFF_MAGICS):
        return None
    fmt = "<I" if head[:2] == b"II" else ">I"
    if len(head) < 8:
        return Kind("tiff", problem=t("files.sniff_tiff_short"))
    (ifd,) = struct.unpack(fmt, head[4:8])
    if ifd < 8 or ifd + 2 > src.size:
        return Kind("tiff", problem=t("files.sniff_tiff_ifd"))
    return Kind("tiff")


def _shp(src: _Source) -> Kind | None:
    head = src.head
    if len(head) < 100 or struct.unpack(">i", head[:4])[0] != 9994:
        return None
    (length_words,) = struct.unpack(">i", head[24:28])
    (version,) = struct.unpack("<i", head[28:32])
    if version != 1000 or length_words * 2 != src.size:
        return Kind("shp", problem=t("files.sniff_shp_header"))
    return Kind("shp")


# -- text formats -------------------------------------------------------------
def _detect_text_family(src: _Source) -> Kind:
    data = src.all()
    if data is None:
        return Kind("unknown", problem=t("files.sniff_too_big_for_text"))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        return Kind("unknown")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _legacy_thai(data)
    if _HTML_ANYWHERE.search(data):
        return Kind("html")
    first_line = text.lstrip().split("\n", 1)[0]
    if _JS_START.match(first_line.encode("utf-8")):
        return Kind("script", "javascript")
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        kind = _json(text)
        if kind is not None:
            return kind
    if stripped.startswith("<"):
        return _xml(data)
    return Kind("text")


def _legacy_thai(data: bytes) -> Kind:
    """Thai text saved as TIS-620/Windows-874 is text, but not in the encoding required."""
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError:
        return Kind("unknown")
    if any("\u0e01" <= ch <= "\u0e5b" for ch in text):  # catalogue-exempt: the Thai letter range
        return Kind("text", "cp874", t("files.sniff_thai_legacy"))
    return Kind("unknown")


def _json(text: str) -> Kind | None:
    try:
        json.loads(text)
    except RecursionError:
        return Kind("json", problem=t("files.sniff_json_depth"))
    except ValueError:
        return None  # plain text that happens to start with a bracket
    return Kind("json")


XHTML_NS = "http://www.w3.org/1999/xhtml"
SVG_NS = "http://www.w3.org/2000/svg"


class _XmlRefused(Exception):
    def __init__(self, kind: Kind):
        self.kind = kind


def _xml(data: bytes) -> Kind:
    parser = expat.ParserCreate(namespace_separator=" ")

    def doctype(*_):
        raise _XmlRefused(Kind("xml", problem=t("files.sniff_xml_doctype")))

    def element(name, _attrs):
        namespace, _, local = name.rpartition(" ")
        if namespace == SVG_NS or local.lower() == "svg":
            raise _XmlRefused(Kind("svg"))
        if namespace == XHTML_NS or local.lower() in ("script", "html"):
            raise _XmlRefused(Kind("html"))

    def instruction(target, _data):
        if target.lower() == "xml-stylesheet":
            raise _XmlRefused(Kind("xml", problem=t("files.sniff_xml_stylesheet")))

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = element
    parser.ProcessingInstructionHandler = instruction
    try:
        parser.Parse(data, True)
    except _XmlRefused as refused:
        return refused.kind
    except expat.ExpatError as exc:
        return Kind("xml", problem=t("files.sniff_xml_syntax", line=exc.lineno, column=exc.offset + 1))
    return Kind("xml")


# Order matters: refused content first, then formats by magic number.
_PROBES = (_executable, _pdf, _ole, _zip_family, _jpeg, _png, _rar, _tiff, _shp, _markup)


# -- routing for deep inspection ---------------------------------------------------
ROUTE_TEXT_EXTS = frozenset({".txt", ".csv", ".json", ".tsv"})


def route(head: bytes, ext: str) -> str:
    """Which inspector reads a file: pdf, zip, ole, rar, jpeg, png, tiff, text or other."""
    if head.startswith(ZIP_MAGICS):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith((RAR4_MAGIC, RAR5_MAGIC)):
        return "rar"
    if head.startswith(JPEG_MAGIC):
        return "jpeg"
    if head.startswith(PNG_MAGIC):
        return "png"
    if head.startswith(TIFF_MAGICS):
        return "tiff"
    if b"%PDF-" in head[:1024]:  # readers accept junk before the header
        return "pdf"
    if ext in ROUTE_TEXT_EXTS:
        return "text"
    return "other"


def zip_flavour(archive: zipfile.ZipFile) -> str:
    """ooxml, odf or zip for an open ZIP container (the same markers as ``_zip_family``)."""
    names = set(archive.namelist())
    if "[Content_Types].xml" in names:
        return "ooxml"
    if "mimetype" in names:
        try:
            mime = archive.read("mimetype")[:100]
        except Exception:  # noqa: BLE001 - a broken member means plain zip rules
            return "zip"
        if mime.startswith(b"application/vnd.oasis.opendocument"):
            return "odf"
    return "zip"
