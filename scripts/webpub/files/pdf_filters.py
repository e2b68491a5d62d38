"""Decoding an object stream's filter chain within bounds, so dictionaries hidden
behind ASCIIHex/ASCII85/LZW layers or PNG predictors are scanned like plain ones."""

from __future__ import annotations

import base64
import binascii
import re

from webpub.files.bounds import Budget, LimitExceeded, inflate
from webpub.messages import t

_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_PREDICTOR = re.compile(rb"/Predictor\s+(\d+)")
_COLUMNS = re.compile(rb"/Columns\s+(\d+)")
ALIASES = {b"Fl": b"FlateDecode", b"AHx": b"ASCIIHexDecode", b"A85": b"ASCII85Decode",
           b"LZW": b"LZWDecode"}


def filter_names(filter_value: bytes) -> list[bytes]:
    return [ALIASES.get(n, n) for n in _NAME.findall(filter_value)]


def decode_chain(body: bytes, names: list[bytes], dictionary: bytes, budget: Budget, cap: int) -> bytes | None:
    """The decoded bytes, or None when a filter is one this scan does not decode."""
    data = body
    for name in names:
        if name == b"FlateDecode":
            data = inflate(data, budget, cap)
        elif name == b"ASCIIHexDecode":
            data = _ascii_hex(data)
        elif name == b"ASCII85Decode":
            data = _ascii85(data)
        elif name == b"LZWDecode":
            data = _lzw(data, budget, cap)
        else:
            return None
        if data is None:
            return None
    predictor = _PREDICTOR.search(dictionary)
    if predictor and int(predictor.group(1)) >= 10:
        columns = _COLUMNS.search(dictionary)
        data = undo_png_predictor(data, int(columns.group(1)) if columns else 1)
    return data


def _ascii_hex(data: bytes) -> bytes | None:
    digits = re.sub(rb"[^0-9A-Fa-f]", b"", data.split(b">", 1)[0])
    try:
        return binascii.unhexlify(digits + (b"0" if len(digits) % 2 else b""))
    except binascii.Error:
        return None


def _ascii85(data: bytes) -> bytes | None:
    text = re.sub(rb"\s", b"", data).split(b"~>", 1)[0]
    text = text[2:] if text.startswith(b"<~") else text
    try:
        return base64.a85decode(text)
    except ValueError:
        return None


def _lzw(data: bytes, budget: Budget, cap: int) -> bytes | None:
    """LZW (early change), written out here so its output is counted as it grows."""
    table = [bytes([i]) for i in range(256)] + [b"", b""]
    out = bytearray()
    bits, width, buffer, previous = 0, 9, 0, b""
    for byte in data:
        buffer = (buffer << 8) | byte
        bits += 8
        while bits >= width:
            bits -= width
            code = (buffer >> bits) & ((1 << width) - 1)
            if code == 256:
                table, width, previous = table[:258], 9, b""
                continue
            if code == 257:
                return bytes(out)
            entry = table[code] if code < len(table) else previous + previous[:1]
            if previous:
                table.append(previous + entry[:1])
            out += entry
            previous = entry
            if len(out) > cap:
                raise LimitExceeded(t("files.lzw"), bomb=True)
            width = min(12, (len(table) + 1).bit_length())
    budget.spend(len(out))
    return bytes(out)


def undo_png_predictor(data: bytes, columns: int) -> bytes:
    row = columns + 1
    if columns <= 0 or len(data) < row:
        return data
    out = bytearray()
    prior = bytearray(columns)
    for start in range(0, len(data) - row + 1, row):
        kind, line = data[start], bytearray(data[start + 1:start + row])
        for i in range(columns):
            left = line[i - 1] if i else 0
            up = prior[i]
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                corner = prior[i - 1] if i else 0
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        out += line
        prior = line
    return bytes(out)
