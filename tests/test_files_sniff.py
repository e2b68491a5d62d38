"""webpub.files.sniff: the real kind of a file from its bytes."""

from __future__ import annotations

import struct

import pytest

import realfiles
from webpub.files.sniff import Kind, describe, detect, matches


def shp_bytes(corrupt_length: bool = False) -> bytes:
    header = bytearray(100)
    struct.pack_into(">i", header, 0, 9994)
    size = 100 + (4 if corrupt_length else 0)
    struct.pack_into(">i", header, 24, 100 // 2 if not corrupt_length else size)
    struct.pack_into("<ii", header, 28, 1000, 1)
    return bytes(header)


def rar5_bytes() -> bytes:
    import zlib
    body = bytes([1, 0, 0])  # header type 1 (main archive), flags 0, archive flags 0
    size = bytes([len(body)])
    crc = struct.pack("<I", zlib.crc32(size + body))
    return b"Rar!\x1a\x07\x01\x00" + crc + size + body + b"\0" * 16


def rar4_bytes() -> bytes:
    import zlib
    block = struct.pack("<BHH", 0x73, 0, 13) + b"\0" * 6
    crc = struct.pack("<H", zlib.crc32(block) & 0xFFFF)
    return b"Rar!\x1a\x07\x00" + crc + block


GOOD = [
    (".pdf", realfiles.pdf_bytes),
    (".docx", realfiles.docx_bytes),
    (".xlsx", realfiles.xlsx_bytes),
    (".doc", lambda: realfiles.ole_bytes("WordDocument")),
    (".xls", lambda: realfiles.ole_bytes("Workbook")),
    (".jpg", lambda: realfiles.image_bytes("JPEG")),
    (".jpeg", lambda: realfiles.image_bytes("JPEG")),
    (".png", lambda: realfiles.image_bytes("PNG")),
    (".tif", lambda: realfiles.image_bytes("TIFF")),
    (".zip", realfiles.zip_bytes),
    (".zip", realfiles.docx_bytes),  # an Office file is a well-formed ZIP too
    (".kmz", lambda: realfiles.zip_bytes({"doc.kml": b"<kml/>"})),
    (".ods", realfiles.ods_bytes),
    (".rar", rar5_bytes),
    (".rar", rar4_bytes),
    (".txt", lambda: "ประกาศรับสมัคร <ด่วน> 1 > 0\n".encode()),
    (".csv", lambda: "ปี,งบประมาณ\n2567,\"1,234,567\"\n".encode()),
    (".json", lambda: b'{"name": "dataset", "rows": [1, 2]}'),
    (".xml", lambda: b'<?xml version="1.0" encoding="UTF-8"?>\n<data><row a="1"/></data>'),
    (".kml", lambda: b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>'),
    (".shp", shp_bytes),
]


@pytest.mark.parametrize("ext, make", GOOD, ids=[g[0] + str(i) for i, g in enumerate(GOOD)])
def test_real_files_match_their_extension(ext, make, tmp_path):
    data = make()
    path = tmp_path / f"file{ext}"
    path.write_bytes(data)
    for source in (data, path):
        kind = detect(source)
        assert matches(ext, kind), (ext, kind)


BAD = [
    (".pdf", lambda: realfiles.ELF, "executable"),
    (".docx", realfiles.pe_bytes, "executable"),
    (".pdf", lambda: realfiles.HTML, "html"),
    (".jpg", lambda: realfiles.SVG, "svg"),
    (".txt", lambda: realfiles.HTML, "html"),
    (".csv", lambda: b"#!/bin/sh\nrm -rf /\n", "executable"),
    (".docx", realfiles.pdf_bytes, "pdf"),
    (".xlsx", realfiles.docx_bytes, "ooxml"),
    (".doc", lambda: realfiles.ole_bytes("Workbook"), "ole"),
    (".pdf", lambda: realfiles.pdf_bytes()[:-60], "pdf"),  # truncated: no %%EOF
    (".png", lambda: realfiles.image_bytes("PNG")[:-12], "png"),  # no IEND
    (".jpg", lambda: realfiles.image_bytes("JPEG")[:-2], "jpeg"),  # no EOI
    (".zip", lambda: realfiles.zip_bytes()[:-22], "zip"),  # no end of central directory
    (".json", lambda: b'{"a": ', "text"),
    (".xml", lambda: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', "xml"),
    (".xml", lambda: b'<r><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></r>', "html"),
    (".xml", lambda: b'<?xml-stylesheet type="text/xsl" href="x.xsl"?><r/>', "xml"),
    (".txt", lambda: "ข้อความ".encode("cp874"), "text"),  # text, but not UTF-8
    (".csv", lambda: b"\x80\x81\x82\xfc\xfd", "unknown"),
    (".txt", lambda: b"(function(){document.location='//evil'})()", "script"),
    (".shp", lambda: shp_bytes(corrupt_length=True), "shp"),
    (".pdf", lambda: b"", "empty"),
    (".png", lambda: b"\xef\xbb\xbf  <svg onload=alert(1)>", "svg"),
    (".pdf", lambda: "<html>".encode("utf-16"), "html"),
    (".rar", lambda: b"Rar!\x1a\x07\x01\x00" + b"\xff" * 20, "rar"),
]


@pytest.mark.parametrize("ext, make, name", BAD, ids=[f"{b[0]}-{b[2]}-{i}" for i, b in enumerate(BAD)])
def test_wrong_or_broken_content_does_not_match(ext, make, name):
    kind = detect(make())
    assert kind.name == name, kind
    assert not matches(ext, kind)
    assert describe(kind)


def test_refused_kinds_never_match_any_extension():
    for kind in (Kind("executable", "pe"), Kind("html"), Kind("svg"), Kind("script")):
        assert kind.refused
        assert not any(matches(ext, kind) for ext in (".pdf", ".txt", ".zip", ".xml"))


def test_text_starting_with_mz_is_text():
    assert detect("MZ Company รายงาน\n".encode()).name == "text"


def test_unreadable_path_is_reported_not_raised(tmp_path):
    kind = detect(tmp_path / "missing.pdf")
    assert kind.name == "unknown" and kind.problem


def test_kinds_map_from_schema_is_honoured():
    kinds = {".dat": "pdf"}
    assert matches(".dat", detect(realfiles.pdf_bytes()), kinds)
    assert not matches(".pdf", detect(realfiles.pdf_bytes()), kinds)


def test_routing_and_detection_agree_on_every_valid_sample_attachment():
    """One sniffer: for a well-formed file, the inspector chosen is the family detect() names."""
    from pathlib import Path

    from webpub.files import sniff

    family = {"ooxml": "zip", "odf": "zip", "json": "text", "xml": "other"}
    seen = 0
    for path in sorted(Path(__file__).resolve().parents[1].joinpath("content").rglob("*")):
        if not path.is_file() or path.suffix == ".md":
            continue
        kind = sniff.detect(path)
        if not kind.valid:
            continue
        want = family.get(kind.name, kind.name)
        if want == "text" and path.suffix.lower() not in sniff.ROUTE_TEXT_EXTS:
            want = "other"
        assert sniff.route(path.read_bytes()[:1024], path.suffix.lower()) == want, path
        seen += 1
    assert seen >= 5
