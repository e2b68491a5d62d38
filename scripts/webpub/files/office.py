"""Office documents: macros, external links and templates, DDE, disguised types,
encryption and embedded packages — OOXML and ODF (ZIP) and old OLE files.

Parts are read through ``zipfile`` with byte caps and XML is matched with regular
expressions (never parsed with entity expansion). OLE files are listed with
``olefile`` from memory.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile

from webpub.files import pdpa
from webpub.files.bounds import Budget
from webpub.messages import t

PART_CAP = 8 << 20
_OVERRIDE = re.compile(r'<(?:Override|Default)\b[^<>]*?ContentType="([^"]++)"', re.S)
_REL = re.compile(r"<Relationship\b([^<>]*+)>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_INSTR = re.compile(r"<w:instrText\b[^<>]*+>([^<]*+)</w:instrText>|\bw:instr=\"([^\"]*+)\"")
_DDE = re.compile(r"\bDDE(?:AUTO)?\b", re.I)

MACRO_TYPES = ("vbaProject", "macroEnabled", "macrosheet", "intlmacrosheet", "vbaData", "activeX")
MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": ".xlsx",
    "application/vnd.ms-word.document.macroEnabled.main+xml": ".docm",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": ".xlsm",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": ".dotx",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": ".dotm",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": ".xltx",
    "application/vnd.ms-excel.template.macroEnabled.main+xml": ".xltm",
    "application/vnd.ms-excel.sheet.binary.macroEnabled.main+xml": ".xlsb",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": ".pptx",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": ".pptm",
}
# Relationship types that make Office fetch or load something from outside the file.
EXTERNAL_TYPES = ("attachedTemplate", "oleObject", "frame", "subDocument", "externalLinkPath",
                  "image", "package", "aFChunk", "externalLink", "control")


# -- OOXML -------------------------------------------------------------------
def inspect_ooxml(archive: zipfile.ZipFile, ext: str, result, budget: Budget) -> None:
    names = archive.namelist()
    types = _OVERRIDE.findall(pdpa.read_member(archive, "[Content_Types].xml", PART_CAP))
    _report_macros(names, types, result)
    _report_masquerade(types, ext, result)
    _report_external(archive, names, result, budget)
    _report_dde(archive, names, result, budget)
    _report_embedded(archive, names, result, budget)
    if ext in (".docx", ".docm", ".doc") or any(n.startswith("word/") for n in names):
        result.texts.extend(pdpa.docx_texts(archive, PART_CAP))
    if any(n.startswith("xl/") for n in names):
        result.texts.extend(pdpa.xlsx_texts(archive, PART_CAP))


def _report_macros(names: list[str], types: list[str], result) -> None:
    parts = [n for n in names if n.lower().endswith("vbaproject.bin") or "/macrosheets/" in n
             or "/activex/" in n.lower()]
    kinds = sorted({kind for kind in types for key in MACRO_TYPES if key in kind})
    if parts or kinds:
        shown = ", ".join((parts or kinds)[:3])
        result.add("WP110", t("files.office_macro", shown=shown), t("files.macro_hint"))


def _report_masquerade(types: list[str], ext: str, result) -> None:
    actual = next((MAIN_TYPES[kind] for kind in types if kind in MAIN_TYPES), None)
    if actual and ext in (".docx", ".xlsx") and actual != ext:
        result.add("WP112", t("files.office_masquerade", ext=ext, actual=actual),
                   t("files.office_masquerade_hint", ext=ext))


def _report_external(archive, names, result, budget) -> None:
    for name in names:
        if not name.endswith(".rels"):
            continue
        budget.tick()
        for attrs in _REL.findall(pdpa.read_member(archive, name, PART_CAP)):
            rel = dict(_ATTR.findall(attrs))
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            if rel.get("TargetMode") == "External" and kind in EXTERNAL_TYPES:
                target = rel.get("Target", "")[:120]
                result.add("WP111", t("files.office_external", kind=kind, target=target), t("files.external_hint"))


def _report_dde(archive, names, result, budget) -> None:
    for name in names:
        budget.tick()
        if name.startswith("xl/externalLinks/") and name.endswith(".xml"):
            if "<ddeLink" in pdpa.read_member(archive, name, PART_CAP):
                result.add("WP113", t("files.office_dde_link", name=name), t("files.external_hint"))
        elif pdpa.WORD_PARTS.match(name):
            xml = pdpa.read_member(archive, name, PART_CAP)
            fields = "".join(a or b for a, b in _INSTR.findall(xml))
            if _DDE.search(fields):
                result.add("WP113", t("files.office_dde_field", name=name), t("files.office_dde_field_hint"))


def _report_embedded(archive, names, result, budget) -> None:
    for name in names:
        if "/embeddings/" not in name or not name.lower().endswith(".bin"):
            continue
        budget.tick()
        with archive.open(name) as fh:
            blob = fh.read(PART_CAP)
        if b"\x01\x00O\x00l\x00e\x001\x000\x00N\x00a\x00t\x00i\x00v\x00e" in blob or _ole_has(blob, "\x01Ole10Native"):
            result.add("WP115", t("files.office_package", name=name), t("files.office_package_hint"))


def _ole_has(blob: bytes, stream: str) -> bool:
    try:
        import olefile

        with olefile.OleFileIO(io.BytesIO(blob)) as ole:
            return any(entry[-1] == stream for entry in ole.listdir())
    except (MemoryError, RecursionError):
        raise  # fail closed: the inspection reports it
    except Exception:  # noqa: BLE001 - not an OLE blob
        return False


# -- ODF ---------------------------------------------------------------------
def inspect_odf(archive: zipfile.ZipFile, ext: str, result, budget: Budget) -> None:
    names = archive.namelist()
    scripts = [n for n in names if n.startswith(("Basic/", "Scripts/"))]
    content = pdpa.read_member(archive, "content.xml", PART_CAP) if "content.xml" in names else ""
    if scripts or "<script:event-listener" in content or "<office:script" in content.replace("<office:scripts/>", ""):
        result.add("WP110", t("files.odf_macro", shown=", ".join(scripts[:3]) or "content.xml"), t("files.macro_hint"))
    budget.tick()
    result.texts.extend(pdpa.ods_texts(archive, PART_CAP))


# -- OLE (.doc, .xls, encrypted OOXML) --------------------------------------
def inspect_ole(data: bytes, ext: str, result, budget: Budget) -> None:
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # noqa: BLE001
        result.add("WP149", t("files.ole_unreadable"), t("files.ole_unreadable_hint"))
        return
    with ole:
        streams = ["/".join(entry) for entry in ole.listdir(streams=True, storages=True)]
        _report_ole_macros(ole, streams, result)
        _report_ole_encryption(ole, streams, result)
        if any(s.endswith("\x01Ole10Native") for s in streams):
            result.add("WP115", t("files.office_package", name="Ole10Native"), t("files.office_package_hint"))
        budget.tick()
        for name in ("WordDocument", "Workbook", "Book", "1Table", "0Table"):
            if ole.exists(name):
                result.texts.extend(pdpa.binary_strings(ole.openstream(name).read(PART_CAP), PART_CAP))


def _report_ole_macros(ole, streams: list[str], result) -> None:
    vba = [s for s in streams if s.split("/")[0] in ("Macros", "_VBA_PROJECT_CUR", "VBA")
           or "/VBA" in s or s.endswith("_VBA_PROJECT")]
    if vba:
        result.add("WP110", t("files.ole_vba", stream=vba[0]), t("files.macro_hint"))
    for name in ("Workbook", "Book"):
        if ole.exists(name) and _xls_has_macro_sheet(ole.openstream(name).read(PART_CAP)):
            result.add("WP110", t("files.ole_xlm"), t("files.macro_hint"))


def _xls_records(stream: bytes):
    """(type, body) of the BIFF records of the workbook globals substream."""
    pos = 0
    while pos + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, pos)
        yield kind, stream[pos + 4:pos + 4 + size]
        if kind == 0x000A:  # EOF of the globals substream
            return
        pos += 4 + size


def _xls_has_macro_sheet(stream: bytes) -> bool:
    for kind, body in _xls_records(stream):
        if kind == 0x0085 and len(body) >= 6 and body[5] == 0x01:  # BOUNDSHEET, type macro sheet
            return True
    return False


def _report_ole_encryption(ole, streams: list[str], result) -> None:
    encrypted = "EncryptedPackage" in streams or "EncryptionInfo" in streams
    if ole.exists("WordDocument"):
        fib = ole.openstream("WordDocument").read(12)
        encrypted |= len(fib) >= 12 and bool(struct.unpack_from("<H", fib, 10)[0] & 0x0100)
    for name in ("Workbook", "Book"):
        if ole.exists(name):
            encrypted |= any(kind == 0x002F for kind, _ in _xls_records(ole.openstream(name).read(PART_CAP)))
    if encrypted:
        result.add("WP114", t("files.office_encrypted"), t("files.office_encrypted_hint"))
