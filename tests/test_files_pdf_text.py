"""PDF text for the national-ID rule: Identity-H fonts with ToUnicode maps, TJ arrays,
Form XObjects, literal-string escapes — built with pikepdf."""

from __future__ import annotations

import io

import pikepdf

import deep_files as f
from webpub.files import inspect_bytes
from webpub.files.pdf_text import parse_cmap
from webpub.files.pdpa import national_ids

# Glyph ids 0x0010.. are the digits 0-9; 0x0100.. Thai letters (as Word embeds a subset).
CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfrange
<0010> <0019> <0030>
<0100> <0102> [<0E40> <0E25> <0E02>]
endbfrange
1 beginbfchar
<0003> <0020>
endbfchar
endcmap CMapName currentdict /CMap defineresource pop end end"""


def glyphs(text: str) -> str:
    codes = {"เ": 0x100, "ล": 0x101, "ข": 0x102, " ": 0x3}
    return "".join(f"{codes.get(ch, 0x10 + int(ch) if ch.isdigit() else 0x3):04X}" for ch in text)


def type0_pdf(content: bytes, form_content: bytes | None = None) -> bytes:
    doc = pikepdf.new()
    doc.add_blank_page()
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0,
                              BaseFont=pikepdf.Name("/THSarabunNew"), Encoding=pikepdf.Name("/Identity-H"),
                              ToUnicode=doc.make_stream(CMAP))
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=doc.make_indirect(font)))
    if form_content is not None:
        form = doc.make_stream(form_content)
        form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
        form.BBox = [0, 0, 500, 500]
        form.Resources = resources
        resources.XObject = pikepdf.Dictionary(Fm1=form)
    doc.pages[0].Resources = resources
    doc.pages[0].Contents = doc.make_stream(content)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def ids_in(data: bytes):
    return national_ids(inspect_bytes(data, "t.pdf").texts)


def test_identity_h_font_with_tounicode_and_kerned_tj():
    number = f.VALID_ID
    kerned = " ".join(f"<{glyphs(number[i:i + 3])}> -12" for i in range(0, 13, 3))
    content = f"BT /F1 16 Tf 72 700 Td <{glyphs('เลข ')}> Tj [{kerned}] TJ ET".encode()
    assert ids_in(type0_pdf(content)) == [("หน้า 1", 1, number)]


def test_text_inside_a_form_xobject_is_read():
    content = b"q /Fm1 Do Q"
    form = f"BT /F1 12 Tf <{glyphs(f.VALID_ID_2)}> Tj ET".encode()
    assert ids_in(type0_pdf(content, form)) == [("หน้า 1", 1, f.VALID_ID_2)]


def test_literal_string_escapes():
    data = f.pdf("ID \\061101700230708 \\(ok\\)")
    assert [d for _w, _l, d in ids_in(data)] == [f.VALID_ID]


def test_separate_lines_do_not_merge_into_a_number():
    # "...110170" at the end of one line and "0230708" on the next are two numbers
    content = f"BT /F1 12 Tf <{glyphs('110170')}> Tj 0 -14 Td <{glyphs('0230708')}> Tj ET".encode()
    assert ids_in(type0_pdf(content)) == []


def test_parse_cmap_ranges_and_chars():
    mapping = parse_cmap(CMAP)
    assert mapping[b"\x00\x10"] == "0" and mapping[b"\x00\x19"] == "9"
    assert mapping[b"\x01\x02"] == "ข" and mapping[b"\x00\x03"] == " "
