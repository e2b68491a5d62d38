"""Page text of a PDF, fast enough for every attachment: pypdf for the structure and
stream decoding (the PDF library webpub already uses for encryption; pikepdf did this
before, but it brought Pillow and lxml, half of the pre-commit environment), regular
expressions for the text operators.

Only what the national-ID rule needs is decoded: strings shown by ``Tj``, ``TJ``,
``'`` and ``"``, through the font's ``/ToUnicode`` map when it has one (Word and
LibreOffice write Thai with two-byte Identity-H fonts and a ToUnicode map) or as
Latin-1 otherwise, plus Form XObjects drawn on the page. Layout is ignored; the
pieces of one ``TJ`` array are joined as they are (kerning splits numbers there)
and separate show operators with a space.
"""

from __future__ import annotations

import io
import re

from webpub.files.bounds import Budget, LimitExceeded
from webpub.messages import t

_TOKENS = re.compile(
    rb"\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)"   # literal string (one nesting level)
    rb"|<[0-9A-Fa-f\s]*>(?!>)"                        # hex string
    rb"|/([^\s/<>\[\]()%{}]+)\s+[-+\d.]+\s+Tf"        # font selection
    rb"|/([^\s/<>\[\]()%{}]+)\s+Do\b"                 # XObject
    rb"|\bET\b|\bT[jJ]\b", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")
MAX_FORM_DEPTH = 3


def page_texts(data: bytes, budget: Budget) -> list[tuple[str, int, str]]:
    """(``หน้า N``, 1, text) for each page that shows any text."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        return []  # needs a password: WP102 says so; nothing can be read
    out = []
    fonts: dict = {}
    for number, page in enumerate(reader.pages, start=1):
        if number > budget.limits.pdf_text_pages:
            break
        budget.tick()
        text = _content_text(_content_bytes(page), _obj(page.get("/Resources")), fonts, budget, 0)
        if text.strip():
            out.append((t("files.place_page", number=number), 1, text))
    return out


def _obj(value):
    """An object with an indirect reference followed (pypdf's ``get`` does not follow it)."""
    from pypdf.generic import IndirectObject

    return value.get_object() if isinstance(value, IndirectObject) else value


def _stream_bytes(stream) -> bytes:
    from pypdf.generic import StreamObject

    return stream.get_data() if isinstance(stream, StreamObject) else b""


def _content_bytes(holder) -> bytes:
    from pypdf.generic import ArrayObject, DictionaryObject

    contents = _obj(holder.get("/Contents")) if isinstance(holder, DictionaryObject) else holder
    if contents is None:
        return b""
    if isinstance(contents, ArrayObject):
        return b"\n".join(_stream_bytes(_obj(part)) for part in contents)
    return _stream_bytes(contents)


def _content_text(content: bytes, resources, fonts: dict, budget: Budget, depth: int) -> str:
    budget.spend(len(content))
    font_dicts = _sub(resources, "/Font")
    xobjects = _sub(resources, "/XObject")
    decode = _latin1
    parts: list[str] = []
    for match in _TOKENS.finditer(content):
        token = match.group(0)
        if match.group(1) is not None:
            decode = _decoder(font_dicts, match.group(1), fonts)
        elif match.group(2) is not None:
            parts.append(_form_text(xobjects, match.group(2), fonts, budget, depth))
        elif token == b"ET":
            parts.append("\n")
        elif token in (b"Tj", b"TJ"):
            parts.append(" ")
        elif token.startswith(b"("):
            parts.append(decode(_literal(token[1:-1])))
        else:
            parts.append(decode(_hex_string(token[1:-1])))
    return "".join(parts)


def _sub(resources, key: str):
    from pypdf.generic import DictionaryObject

    if isinstance(resources, DictionaryObject):
        value = _obj(resources.get(key))
        if isinstance(value, DictionaryObject):
            return value
    return None


def _form_text(xobjects, name: bytes, fonts: dict, budget: Budget, depth: int) -> str:
    from pypdf.generic import StreamObject

    if xobjects is None or depth >= MAX_FORM_DEPTH:
        return ""
    form = _obj(xobjects.get("/" + name.decode("latin-1")))
    if not isinstance(form, StreamObject) or _obj(form.get("/Subtype")) != "/Form":
        return ""
    try:
        content = form.get_data()
    except (LimitExceeded, MemoryError, RecursionError):
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many types for a broken stream
        return ""
    return " " + _content_text(content, _obj(form.get("/Resources")), fonts, budget, depth + 1) + " "


def _literal(raw: bytes) -> bytes:
    if b"\\" not in raw:
        return raw
    out, i = bytearray(), 0
    while i < len(raw):
        char = raw[i:i + 1]
        if char != b"\\":
            out += char
            i += 1
            continue
        nxt = raw[i + 1:i + 2]
        octal = re.match(rb"[0-7]{1,3}", raw[i + 1:i + 4])
        if octal:
            out.append(int(octal.group(0), 8) & 0xFF)
            i += 1 + len(octal.group(0))
        else:
            out += _ESCAPES.get(nxt, nxt if nxt not in (b"\n", b"\r") else b"")
            i += 2
    return bytes(out)


def _hex_string(body: bytes) -> bytes:
    digits = re.sub(rb"\s", b"", body)
    return bytes.fromhex((digits + (b"0" if len(digits) % 2 else b"")).decode())


def _latin1(raw: bytes) -> str:
    return raw.decode("latin-1")


def _decoder(font_dicts, name: bytes, fonts: dict):
    from pypdf.generic import DictionaryObject

    if font_dicts is None:
        return _latin1
    font = _obj(font_dicts.get("/" + name.decode("latin-1")))
    if not isinstance(font, DictionaryObject):
        return _latin1
    key = id(font)  # pypdf keeps one object per indirect reference while the reader lives
    if key not in fonts:
        fonts[key] = (font, _font_decoder(font))  # the font is kept so its id is not reused
    return fonts[key][1]


def _font_decoder(font):
    from pypdf.generic import StreamObject

    two_byte = _obj(font.get("/Subtype")) == "/Type0"
    cmap = _obj(font.get("/ToUnicode"))
    mapping = {}
    if isinstance(cmap, StreamObject):
        try:
            mapping = parse_cmap(cmap.get_data())
        except (LimitExceeded, MemoryError, RecursionError):
            raise
        except Exception:  # noqa: BLE001 - a broken CMap stream means no map
            mapping = {}
    width = 2 if two_byte else 1
    if not mapping:
        return _latin1 if not two_byte else (lambda raw: "")

    def decode(raw: bytes) -> str:
        return "".join(mapping.get(raw[i:i + width], "") if width == 2 or raw[i:i + 1] in mapping
                       else raw[i:i + 1].decode("latin-1") for i in range(0, len(raw), width))
    return decode


_RANGE = re.compile(rb"<([0-9A-Fa-f]++)>\s*+<([0-9A-Fa-f]++)>\s*+(<[0-9A-Fa-f]*+>|\[[^\]]{0,8192}+\])")


def _blocks(data: bytes, begin: bytes, end: bytes):
    """The texts between ``begin`` and ``end`` markers, found with a linear scan
    (a lazy ``begin(.*?)end`` rescans to the end for every unclosed ``begin``)."""
    pos = 0
    while True:
        start = data.find(begin, pos)
        if start == -1:
            return
        stop = data.find(end, start + len(begin))
        if stop == -1:
            return
        yield data[start + len(begin):stop]
        pos = stop + len(end)


def parse_cmap(data: bytes) -> dict[bytes, str]:
    """Code bytes -> text of a ToUnicode CMap (bfchar and bfrange, ranges capped)."""
    mapping: dict[bytes, str] = {}
    for block in _blocks(data, b"beginbfchar", b"endbfchar"):
        codes = _HEX.findall(block)
        for src, dst in zip(codes[0::2], codes[1::2]):
            mapping[bytes.fromhex(src.decode())] = _utf16(dst)
    for block in _blocks(data, b"beginbfrange", b"endbfrange"):
        for line in _RANGE.findall(block):
            _add_range(mapping, *line)
    return mapping


def _add_range(mapping, low: bytes, high: bytes, target: bytes) -> None:
    start, end = int(low, 16), int(high, 16)
    width = len(low) // 2
    if end < start or end - start > 0xFFFF:
        return
    if target.startswith(b"["):
        for offset, dst in enumerate(_HEX.findall(target)):
            mapping[(start + offset).to_bytes(width, "big")] = _utf16(dst)
        return
    base = bytes.fromhex(target[1:-1].decode())
    if not base:
        return
    for offset in range(end - start + 1):
        code = (int.from_bytes(base, "big") + offset).to_bytes(len(base), "big")
        mapping[(start + offset).to_bytes(width, "big")] = code.decode("utf-16-be", "ignore")


def _utf16(hex_text: bytes) -> str:
    raw = bytes.fromhex(hex_text.decode()) if hex_text else b""
    return raw.decode("utf-16-be", "ignore")
