"""Images: location metadata (EXIF GPS, also in the EXIF thumbnail; XMP; IPTC) and
pixel bombs (dimensions read from the header, before any decoding).

The same walkers serve ``webpub strip-metadata``: :func:`strip_location` removes
location data in place without re-encoding — the GPS directory is wiped and its
pointer taken out of IFD0, segments or chunks that only carry location are
dropped, and every other byte (the compressed picture) is copied unchanged.
"""

from __future__ import annotations

import re
import struct
import zlib

from webpub.files.bounds import Budget, LimitExceeded, inflate
from webpub.messages import t

GPS_POINTER = 0x8825
THUMB_OFFSET, THUMB_LENGTH = 0x0201, 0x0202
LOCATION_GPS_TAGS = {1, 2, 3, 4, 0x13, 0x14, 0x15, 0x16}
TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
XMP_ID = b"http://ns.adobe.com/xap/1.0/\x00"
_XMP_LOCATION = re.compile(
    rb"(?i)[\w-]+:gps(?:dest)?(?:latitude|longitude)|Iptc4xmpCore:Location\b|photoshop:City\b|"
    rb"Iptc4xmpExt:Location(?:Created|Shown)\b")
IPTC_LOCATION = {90: "files.iptc_city", 92: "files.iptc_sublocation", 95: "files.iptc_province"}  # catalogue keys
SOF_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


# -- TIFF / EXIF ---------------------------------------------------------------
class Tiff:
    """A TIFF structure (an EXIF block or a .tif file) over a mutable buffer."""

    def __init__(self, buf: bytearray, base: int = 0, end: int | None = None):
        self.buf, self.base = buf, base
        self.end = len(buf) if end is None else end
        order = bytes(buf[base:base + 2])
        if order not in (b"II", b"MM"):
            raise ValueError("not TIFF")
        self.e = "<" if order == b"II" else ">"

    def u16(self, off: int) -> int:
        return struct.unpack_from(self.e + "H", self.buf, self.base + off)[0]

    def u32(self, off: int) -> int:
        return struct.unpack_from(self.e + "I", self.buf, self.base + off)[0]

    def ifd(self, off: int) -> list[tuple[int, int, int, int, int]]:
        """(entry offset, tag, type, count, value-or-offset) of one IFD."""
        if off <= 0 or self.base + off + 2 > self.end:
            return []
        count = self.u16(off)
        if count > 1000 or self.base + off + 2 + 12 * count > self.end:
            return []
        entries = []
        for i in range(count):
            at = off + 2 + 12 * i
            tag, kind, n = struct.unpack_from(self.e + "HHI", self.buf, self.base + at)
            entries.append((at, tag, kind, n, self.u32(at + 8)))
        return entries

    def next_ifd(self, off: int) -> int:
        count = self.u16(off)
        at = off + 2 + 12 * count
        return self.u32(at) if self.base + at + 4 <= self.end else 0

    def value_span(self, entry) -> tuple[int, int]:
        at, _tag, kind, n, value = entry
        size = TYPE_SIZES.get(kind, 1) * n
        return (at + 8, size) if size <= 4 else (value, size)

    def rationals(self, entry) -> list[float]:
        start, size = self.value_span(entry)
        out = []
        for i in range(min(size // 8, 3)):
            num, den = struct.unpack_from(self.e + "II", self.buf, self.base + start + 8 * i)
            out.append(num / den if den else 0.0)
        return out


def exif_location(tiff: Tiff) -> str | None:
    """A Thai description of the GPS position in IFD0 (or IFD1), or None."""
    try:
        ifd0 = tiff.u32(4)
        for ifd in (ifd0, tiff.next_ifd(ifd0) if tiff.ifd(ifd0) else 0):
            for entry in tiff.ifd(ifd):
                if entry[1] == GPS_POINTER:
                    found = _gps_text(tiff, tiff.ifd(entry[4]))
                    if found:
                        return found
    except (struct.error, ValueError):
        return None
    return None


def _gps_text(tiff: Tiff, gps: list) -> str | None:
    tags = {e[1]: e for e in gps}
    if not LOCATION_GPS_TAGS & tags.keys():
        return None
    if 2 in tags and 4 in tags:
        lat = _degrees(tiff.rationals(tags[2]))
        lon = _degrees(tiff.rationals(tags[4]))
        return t("files.gps_coordinates", lat=lat, lon=lon)
    return t("files.gps_data")


def _degrees(parts: list[float]) -> float:
    parts = (parts + [0.0, 0.0, 0.0])[:3]
    return parts[0] + parts[1] / 60 + parts[2] / 3600


def thumbnail_span(tiff: Tiff) -> tuple[int, int] | None:
    """(offset, length) of the JPEG thumbnail of IFD1, relative to the TIFF start."""
    try:
        ifd1 = tiff.next_ifd(tiff.u32(4))
        tags = {e[1]: e[4] for e in tiff.ifd(ifd1)}
    except (struct.error, ValueError):
        return None
    if THUMB_OFFSET in tags and THUMB_LENGTH in tags:
        start, length = tags[THUMB_OFFSET], tags[THUMB_LENGTH]
        if tiff.base + start + length <= tiff.end:
            return start, length
    return None


def exif_findings(buf: bytearray, base: int, end: int, where: str) -> list[str]:
    """Location descriptions in an EXIF TIFF block and in its thumbnail."""
    try:
        tiff = Tiff(buf, base, end)
    except ValueError:
        return []
    found = []
    text = exif_location(tiff)
    if text:
        found.append(t("files.in_exif", text=text, where=where))
    span = thumbnail_span(tiff)
    if span:
        thumb = bytearray(buf[base + span[0]:base + span[0] + span[1]])
        found += [t("files.in_thumbnail", text=text) for text in jpeg_locations(thumb)]
    return found


# -- JPEG ----------------------------------------------------------------------
def jpeg_segments(buf):
    """(marker, segment start, payload start, segment end) up to the scan data."""
    pos = 2
    while pos + 4 <= len(buf):
        if buf[pos] != 0xFF:
            return
        marker = buf[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        length = struct.unpack_from(">H", buf, pos + 2)[0]
        yield marker, pos, pos + 4, min(pos + 2 + length, len(buf))
        if marker in (0xDA, 0xD9) or length < 2:
            return
        pos += 2 + length


def jpeg_locations(buf: bytearray) -> list[str]:
    found = []
    for marker, _start, payload, end in jpeg_segments(buf):
        body = bytes(buf[payload:end])
        if marker == 0xE1 and body.startswith(b"Exif\x00\x00"):
            found += exif_findings(buf, payload + 6, end, "")
        elif marker == 0xE1 and body.startswith(XMP_ID) and _XMP_LOCATION.search(body):
            found.append(t("files.in_xmp"))
        elif marker == 0xED and iptc_location(body):
            found.append(t("files.in_iptc", text=iptc_location(body)))
    return found


def jpeg_pixels(buf) -> tuple[int, int] | None:
    for marker, _start, payload, _end in jpeg_segments(buf):
        if marker in SOF_MARKERS and payload + 5 <= len(buf):
            height, width = struct.unpack_from(">HH", buf, payload + 1)
            return width, height
    return None


def iptc_location(body: bytes) -> str | None:
    """Names of IPTC-IIM location datasets (2:90, 2:92, 2:95) in a Photoshop APP13."""
    names = []
    for match in re.finditer(rb"\x1c\x02([\x5a\x5c\x5f])", body):
        label = t(IPTC_LOCATION[match.group(1)[0]])
        if label not in names:
            names.append(label)
    return t("files.iptc_places", names=", ".join(names)) if names else None


# -- PNG -----------------------------------------------------------------------
def png_chunks(buf):
    """(type, chunk start, data start, data end) of every chunk."""
    pos = 8
    while pos + 12 <= len(buf):
        length = struct.unpack_from(">I", buf, pos)[0]
        kind = bytes(buf[pos + 4:pos + 8])
        yield kind, pos, pos + 8, min(pos + 8 + length, len(buf))
        if kind == b"IEND":
            return
        pos += 12 + length


def png_text(kind: bytes, data: bytes, budget: Budget | None) -> tuple[bytes, bytes]:
    """(keyword, text) of a tEXt/zTXt/iTXt chunk, decompressed within bounds."""
    keyword, _, rest = data.partition(b"\x00")
    if kind == b"tEXt":
        return keyword, rest
    if kind == b"zTXt":
        return keyword, _inflate_small(rest[1:])
    compressed, rest = rest[:1] == b"\x01", rest[2:]
    _lang, _, rest = rest.partition(b"\x00")
    _tkey, _, text = rest.partition(b"\x00")
    return keyword, _inflate_small(text) if compressed else text


def _inflate_small(data: bytes) -> bytes:
    from webpub.files.bounds import Limits

    try:
        return inflate(data, Budget(Limits()), 4 << 20)
    except LimitExceeded:
        return b""


def raw_profile_exif(text: bytes) -> bytearray | None:
    """The EXIF bytes of ImageMagick's hex 'Raw profile type exif' text."""
    parts = text.strip().split(b"\n", 2)
    if len(parts) < 3:
        return None
    try:
        raw = bytes.fromhex(parts[2].replace(b"\n", b"").decode("ascii"))
    except ValueError:
        return None
    raw = raw[6:] if raw.startswith(b"Exif\x00\x00") else raw
    return bytearray(raw)


def png_locations(buf: bytearray) -> list[str]:
    found = []
    for kind, _start, data_start, data_end in png_chunks(buf):
        if kind == b"eXIf":
            found += exif_findings(buf, data_start, data_end, " (eXIf)")
        elif kind in (b"tEXt", b"zTXt", b"iTXt"):
            keyword, text = png_text(kind, bytes(buf[data_start:data_end]), None)
            if keyword == b"XML:com.adobe.xmp" and _XMP_LOCATION.search(text):
                found.append(t("files.in_xmp"))
            elif keyword.lower() in (b"raw profile type exif", b"raw profile type app1"):
                exif = raw_profile_exif(text)
                if exif is not None:
                    found += exif_findings(exif, 0, len(exif), f" ({keyword.decode()})")
    return found


def png_pixels(buf) -> tuple[int, int] | None:
    if len(buf) >= 24 and bytes(buf[12:16]) == b"IHDR":
        return struct.unpack_from(">II", buf, 16)
    return None


# -- TIFF files ----------------------------------------------------------------
def tiff_pixels(buf) -> tuple[int, int] | None:
    try:
        tiff = Tiff(bytearray(buf[:1 << 20]) if not isinstance(buf, bytearray) else buf)
        tags = {e[1]: e for e in tiff.ifd(tiff.u32(4))}
    except (ValueError, struct.error):
        return None
    def value(tag):
        entry = tags.get(tag)
        return None if entry is None else (entry[4] & 0xFFFF if entry[2] == 3 and tiff.e == "<" else
                                            entry[4] >> 16 if entry[2] == 3 else entry[4])
    width, height = value(0x0100), value(0x0101)
    return (width, height) if width and height else None


# -- inspectors ----------------------------------------------------------------
def _report(result, locations: list[str], pixels, budget: Budget) -> None:
    if locations:
        result.add("WP130", t("files.image_location", found="; ".join(dict.fromkeys(locations))),
                   t("files.image_location_hint", path=result.name or t("files.image_location_hint_path")))
    if pixels:
        width, height = pixels
        if width * height > budget.limits.image_pixels:
            result.add("WP131", t("files.image_pixels", width=width, height=height, limit=budget.limits.image_pixels),
                       t("files.image_pixels_hint"))


def inspect_jpeg(data: bytes, ext: str, result, budget: Budget) -> None:
    buf = bytearray(data[: _before_scan(data)])
    _report(result, jpeg_locations(buf), jpeg_pixels(buf), budget)


def _before_scan(data: bytes) -> int:
    """Length of the header part of a JPEG (up to and including the SOS header)."""
    end = 0
    for marker, _start, _payload, seg_end in jpeg_segments(data):
        end = seg_end
        if marker == 0xDA:
            break
    return max(end, 2)


def inspect_png(data: bytes, ext: str, result, budget: Budget) -> None:
    buf = bytearray(data)
    _report(result, png_locations(buf), png_pixels(buf), budget)


def inspect_tiff(data: bytes, ext: str, result, budget: Budget) -> None:
    buf = bytearray(data)
    found = exif_location(Tiff(buf))
    locations = [t("files.in_tiff", text=found)] if found else []
    _report(result, locations, tiff_pixels(buf), budget)


# -- stripping (webpub strip-metadata) -------------------------------------------
def wipe_gps(buf: bytearray, base: int, end: int) -> bool:
    """Zero the GPS IFD and remove its pointer from IFD0/IFD1, in place (same size)."""
    try:
        tiff = Tiff(buf, base, end)
        ifd0 = tiff.u32(4)
        changed = False
        for ifd in (ifd0, tiff.next_ifd(ifd0) if tiff.ifd(ifd0) else 0):
            for entry in tiff.ifd(ifd):
                if entry[1] == GPS_POINTER:
                    _zero_ifd(tiff, entry[4])
                    _remove_entry(tiff, ifd, entry[0])
                    changed = True
                    break
        return changed
    except (struct.error, ValueError):
        return False


def _zero_ifd(tiff: Tiff, off: int) -> None:
    entries = tiff.ifd(off)
    for entry in entries:
        start, size = tiff.value_span(entry)
        if tiff.base + start + size <= tiff.end:
            tiff.buf[tiff.base + start:tiff.base + start + size] = bytes(size)
    span = 2 + 12 * len(entries) + 4
    tiff.buf[tiff.base + off:tiff.base + off + span] = bytes(span)


def _remove_entry(tiff: Tiff, ifd: int, entry_at: int) -> None:
    count = tiff.u16(ifd)
    last = ifd + 2 + 12 * (count - 1)
    b = tiff.base
    tiff.buf[b + entry_at:b + last] = tiff.buf[b + entry_at + 12:b + last + 12]
    tiff.buf[b + last:b + last + 12] = bytes(12)
    struct.pack_into(tiff.e + "H", tiff.buf, b + ifd, count - 1)


def strip_jpeg(data: bytes) -> tuple[bytes, list[str]]:
    """(new bytes, what was removed) for a JPEG; scan data copied unchanged."""
    buf = bytearray(data)
    removed, drop = [], []
    for marker, start, payload, end in list(jpeg_segments(buf)):
        body = bytes(buf[payload:end])
        if marker == 0xE1 and body.startswith(b"Exif\x00\x00"):
            removed += _strip_exif(buf, payload + 6, end)
        elif marker == 0xE1 and body.startswith(XMP_ID) and _XMP_LOCATION.search(body):
            drop.append((start, end))
            removed.append(t("files.removed_xmp", size=end - start))
        elif marker == 0xED and iptc_location(body):
            drop.append((start, end))
            removed.append(t("files.removed_iptc", size=end - start))
    for start, end in reversed(drop):
        del buf[start:end]
    return bytes(buf), removed


def _strip_exif(buf: bytearray, base: int, end: int) -> list[str]:
    removed = []
    tiff = Tiff(buf, base, end)
    span = thumbnail_span(tiff)
    if span:
        thumb_start = base + span[0]
        thumb = bytearray(buf[thumb_start:thumb_start + span[1]])
        new_thumb, thumb_removed = strip_jpeg(bytes(thumb))
        if thumb_removed and len(new_thumb) == len(thumb):
            buf[thumb_start:thumb_start + span[1]] = new_thumb
            removed += [t("files.in_thumbnail", text=r) for r in thumb_removed]
        elif thumb_removed:
            removed += _blank_thumbnail(buf, thumb_start, span[1])
    described = exif_location(tiff)
    if wipe_gps(buf, base, end):
        removed.append(t("files.removed_exif_gps", described=described or t("files.removed_gps_data")))
    return removed


def _blank_thumbnail(buf: bytearray, start: int, length: int) -> list[str]:
    buf[start:start + length] = bytes(length)
    return [t("files.removed_thumbnail")]


def strip_png(data: bytes) -> tuple[bytes, list[str]]:
    buf = bytearray(data)
    removed, drop = [], []
    for kind, start, data_start, data_end in list(png_chunks(buf)):
        if kind == b"eXIf":
            described = exif_location(Tiff(buf, data_start, data_end)) if buf[data_start:data_start + 2] in (b"II", b"MM") else None
            if wipe_gps(buf, data_start, data_end):
                crc = zlib.crc32(bytes(buf[start + 4:data_end])) & 0xFFFFFFFF
                struct.pack_into(">I", buf, data_end, crc)
                removed.append(t("files.removed_png_gps", described=described or t("files.removed_gps_data")))
        elif kind in (b"tEXt", b"zTXt", b"iTXt"):
            keyword, text = png_text(kind, bytes(buf[data_start:data_end]), None)
            has_xmp = keyword == b"XML:com.adobe.xmp" and _XMP_LOCATION.search(text)
            exif = raw_profile_exif(text) if keyword.lower() in (b"raw profile type exif", b"raw profile type app1") else None
            if has_xmp or (exif is not None and exif_findings(exif, 0, len(exif), "")):
                drop.append((start, data_end + 4))
                removed.append(t("files.removed_png_text", keyword=keyword.decode("latin-1"), kind=kind.decode()))
    for start, end in reversed(drop):
        del buf[start:end]
    return bytes(buf), removed


def strip_location(data: bytes) -> tuple[bytes, list[str]]:
    if data.startswith(b"\xff\xd8\xff"):
        return strip_jpeg(data)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return strip_png(data)
    raise ValueError("unsupported")
