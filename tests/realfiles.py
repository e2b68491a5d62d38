"""Tiny real files of every attachment kind, made by the format's own libraries.

Used by the file-type and attachment tests; nothing here is a mock: each result is
a file the real application would open.
"""

from __future__ import annotations

import io
import struct
import zipfile

import docx
import openpyxl
import pikepdf
from PIL import Image


def pdf_bytes() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("รายงานผลการดำเนินงาน")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "งบประมาณ"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def image_bytes(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, fmt)
    return out.getvalue()


def zip_bytes(entries: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in (entries or {"readme.txt": b"hello"}).items():
            archive.writestr(name, data)
    return out.getvalue()


def ods_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", '<?xml version="1.0"?><office:document-content '
                         'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return out.getvalue()


# -- OLE2 compound file (legacy .doc/.xls) -------------------------------------
ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def _dir_entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", NOSTREAM, NOSTREAM, child) + b"\0" * 16
            + struct.pack("<I", 0) + b"\0" * 16 + struct.pack("<IQ", start, size))


def ole_bytes(stream_name: str = "WordDocument") -> bytes:
    """A minimal valid compound file with one 4 KiB stream (``WordDocument`` = .doc,
    ``Workbook`` = .xls) that olefile and Office both read."""
    stream_sectors = 8
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
              + struct.pack("<I", 0) + struct.pack("<I", FREESECT) * 108)
    fat = [FATSECT, ENDOFCHAIN] + list(range(3, 2 + stream_sectors)) + [ENDOFCHAIN]
    fat += [FREESECT] * (128 - len(fat))
    directory = (_dir_entry("Root Entry", 5, 1, ENDOFCHAIN, 0)
                 + _dir_entry(stream_name, 2, NOSTREAM, 2, 512 * stream_sectors)
                 + _dir_entry("", 0, NOSTREAM, 0, 0) * 2)
    stream = bytes(range(256)) * (2 * stream_sectors)
    return header + struct.pack("<128I", *fat) + directory + stream


# -- things that must be refused ------------------------------------------------
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\0" * 8 + b"\x02\x00\x3e\x00" + b"\0" * 100


def pe_bytes() -> bytes:
    dos = bytearray(b"MZ" + b"\x90\x00" + b"\0" * 60)
    struct.pack_into("<I", dos, 0x3C, 0x80)
    return bytes(dos) + b"\0" * (0x80 - len(dos)) + b"PE\x00\x00" + b"\x4c\x01" + b"\0" * 200


HTML = "<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n".encode()
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n'
