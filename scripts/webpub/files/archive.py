"""ZIP and RAR archives: unsafe names, links, encryption, executables, nesting, bombs.

ZIP members are inflated in bounded chunks and thrown away (only sizes and the
first bytes are kept); nothing is written to disk. RAR is read by walking its
block headers (RAR 4 and RAR 5) — no unrar, no decompression: declared sizes,
names and flags are all the rules need. Office and OpenDocument files are ZIPs
too: they get the same name and bomb rules, then the office rules.
"""

from __future__ import annotations

import io
import stat
import struct
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from webpub.files.bounds import Budget, LimitExceeded, check_ratio
from webpub.files.sniff import route, zip_flavour
from webpub.messages import t

EXECUTABLE_EXTS = {
    ".exe", ".dll", ".com", ".scr", ".pif", ".cpl", ".msi", ".msp", ".bat", ".cmd", ".ps1",
    ".psm1", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".wsh", ".hta", ".lnk", ".jar", ".sh",
    ".py", ".pl", ".rb", ".reg", ".apk", ".app", ".elf", ".bin", ".run", ".docm", ".xlsm",
    ".pptm", ".dotm", ".xltm", ".xlam", ".ppam", ".scf", ".url", ".inf", ".gadget", ".iso",
}
ARCHIVE_EXTS = {".zip", ".rar", ".7z", ".gz", ".tgz", ".bz2", ".xz", ".tar", ".cab", ".arj",
                ".lzh", ".zst", ".z"}
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
ARCHIVE_MAGIC = (b"PK\x03\x04", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"MSCF")
CHUNK = 1 << 20


@dataclass
class Entry:
    name: str
    is_dir: bool = False
    is_link: bool = False
    encrypted: bool = False
    packed: int = 0
    unpacked: int = 0


# -- shared name rules -----------------------------------------------------
def unsafe_path(name: str) -> bool:
    unified = name.replace("\\", "/")
    if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
        return True
    return ".." in unified.split("/")


def check_entries(entries: list[Entry], result, budget: Budget, plain_archive: bool) -> None:
    limit = budget.limits.archive_entries
    if len(entries) > limit:
        result.add("WP126", t("files.archive_too_many", count=len(entries), limit=limit), t("files.archive_repack_hint"))
    seen: dict[str, str] = {}
    for entry in entries[: limit + 1]:
        _check_entry(entry, result, seen, plain_archive)
    _check_declared_sizes(entries, result, budget)


def _check_entry(entry: Entry, result, seen: dict[str, str], plain_archive: bool) -> None:
    name = entry.name
    if unsafe_path(name):
        result.add("WP120", t("files.archive_traversal", name=name), t("files.archive_repack_hint"))
    if entry.is_link:
        result.add("WP121", t("files.archive_symlink", name=name), t("files.archive_repack_hint"))
    if entry.encrypted:
        result.add("WP123", t("files.archive_encrypted_entry", name=name), t("files.archive_encrypted_entry_hint"))
    key = unicodedata.normalize("NFC", name.replace("\\", "/")).casefold()
    if key in seen and not entry.is_dir:
        result.add("WP122", t("files.archive_duplicate", first=seen[key], second=name), t("files.archive_repack_hint"))
    seen.setdefault(key, name)
    ext = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if plain_archive and not entry.is_dir:
        if ext in EXECUTABLE_EXTS:
            result.add("WP124", t("files.archive_executable", name=name), t("files.archive_repack_hint"))
        elif ext in ARCHIVE_EXTS:
            result.add("WP125", t("files.archive_nested", name=name), t("files.archive_nested_hint"))


def _check_declared_sizes(entries: list[Entry], result, budget: Budget) -> None:
    limits = budget.limits
    packed = sum(e.packed for e in entries)
    unpacked = sum(e.unpacked for e in entries)
    if unpacked > limits.inflated_bytes * 4 or (
            unpacked > limits.ratio_floor and unpacked > limits.stream_ratio * max(packed, 1)):
        raise LimitExceeded(t("files.archive_declared_sizes", unpacked=unpacked, packed=packed), bomb=True)


# -- ZIP -------------------------------------------------------------------
def inspect_zip_family(data: bytes, ext: str, result, budget: Budget) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, NotImplementedError, OSError, EOFError):
        result.add("WP129", t("files.zip_unreadable"), t("files.zip_unreadable_hint"))
        return
    flavour = zip_flavour(archive)
    if flavour != "zip":
        result.kind = flavour
    entries = [_zip_entry(info) for info in infos]
    check_entries(entries, result, budget, plain_archive=flavour == "zip")
    _check_overlap(data, infos)
    heads = _inflate_members(archive, infos[: budget.limits.archive_entries], budget)
    if flavour == "zip":
        _check_member_content(archive, infos, heads, result, budget)
        check_gis_members(archive, infos[: budget.limits.archive_entries], result)
    else:
        from webpub.files import office

        inspector = office.inspect_ooxml if flavour == "ooxml" else office.inspect_odf
        inspector(archive, ext, result, budget)


def _zip_entry(info: zipfile.ZipInfo) -> Entry:
    mode = info.external_attr >> 16
    return Entry(
        name=info.filename, is_dir=info.is_dir(),
        is_link=info.create_system == 3 and stat.S_ISLNK(mode),
        encrypted=bool(info.flag_bits & 0x1), packed=info.compress_size, unpacked=info.file_size,
    )


def _check_overlap(data: bytes, infos: list[zipfile.ZipInfo]) -> None:
    """Members whose data overlap are the classic non-recursive zip bomb."""
    spans = []
    for info in infos:
        offset = info.header_offset
        if offset + 30 > len(data):
            continue
        name_len, extra_len = struct.unpack_from("<HH", data, offset + 26)
        spans.append((offset, offset + 30 + name_len + extra_len + info.compress_size))
    spans.sort()
    for (start_a, end_a), (start_b, _end_b) in zip(spans, spans[1:]):
        if start_b < end_a:
            raise LimitExceeded(t("files.archive_overlap"), bomb=True)


KEEP_TEXT = (".xml", ".rels")
KEEP_CAP = 16 << 20


def _inflate_members(archive, infos, budget: Budget) -> dict[str, bytes]:
    """Inflate every readable member in chunks; keep its first bytes, and the XML
    parts the office rules read next (``archive.webpub_parts``) so they inflate once."""
    heads: dict[str, bytes] = {}
    archive.webpub_parts = {}
    kept = 0
    for info in infos:
        if info.is_dir() or info.flag_bits & 0x1:
            continue
        budget.tick()
        produced, head, parts = 0, b"", []
        keep = info.filename.endswith(KEEP_TEXT) and kept + info.file_size <= KEEP_CAP
        try:
            with archive.open(info) as fh:
                while chunk := fh.read(CHUNK):
                    if not head:
                        head = chunk[:16]
                    if keep:
                        parts.append(chunk)
                    produced += len(chunk)
                    budget.spend(len(chunk))
                    budget.tick()
                    _ratio_test(info, fh, produced, budget)
        except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError, RuntimeError):
            parts = []  # a damaged member: its bytes were counted as far as they went
        heads[info.filename] = head
        if keep and parts:
            archive.webpub_parts[info.filename] = b"".join(parts)
            kept += produced
    return heads


def _ratio_test(info: zipfile.ZipInfo, fh, produced: int, budget: Budget) -> None:
    # compressed bytes read so far; ZipExtFile keeps the remainder in _compress_left
    consumed = info.compress_size - getattr(fh, "_compress_left", 0)
    check_ratio(produced, max(consumed, 1), budget, t("files.ratio_member", name=info.filename))


def _check_member_content(archive, infos, heads: dict[str, bytes], result, budget: Budget) -> None:
    """Executables and archives found by their bytes; documents inside get their own rules."""
    from webpub.files import inspect_bytes

    for info in infos[: budget.limits.archive_entries]:
        head = heads.get(info.filename, b"")
        ext = PurePosixPath(info.filename).suffix.lower()
        if head.startswith(EXECUTABLE_MAGIC) and ext not in EXECUTABLE_EXTS:
            result.add("WP124", t("files.archive_disguised_executable", name=info.filename),
                       t("files.archive_repack_hint"))
        elif head.startswith(ARCHIVE_MAGIC) and ext not in ARCHIVE_EXTS and ext not in (".docx", ".xlsx", ".ods", ".odt", ".kmz"):
            result.add("WP125", t("files.archive_nested", name=info.filename), t("files.archive_nested_hint"))
        elif head and route(head, ext) in ("pdf", "ole", "jpeg", "png", "tiff") or ext in (".docx", ".xlsx", ".ods", ".csv", ".txt"):
            _inspect_member(archive, info, result, budget, inspect_bytes)


SHAPEFILE_PARTS = (".shp", ".shx", ".dbf")  # a shapefile is unreadable without all three
SHAPEFILE_PROJECTION = ".prj"  # where on Earth the coordinates are: required for publishing
KML_MEMBER_CAP = 8 << 20


def check_gis_members(archive, infos, result) -> None:
    """WP150: GIS data in a ZIP or KMZ is usable and safe — every shapefile has its
    companion files (.shp .shx .dbf .prj of one name), every KML is well-formed XML
    without DOCTYPE or entities (read within a size cap, as a KML attachment is)."""
    from webpub.files.sniff import detect

    names = {PurePosixPath(i.filename.replace("\\", "/")).as_posix().casefold() for i in infos if not i.is_dir()}
    for info in infos:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        ext = path.suffix.lower()
        if ext == ".shp":
            stem = path.with_suffix("").as_posix().casefold()
            missing = [p for p in (*SHAPEFILE_PARTS[1:], SHAPEFILE_PROJECTION) if f"{stem}{p}" not in names]
            if missing:
                result.add("WP150", t("files.gis_shapefile_parts", name=info.filename, missing=" ".join(missing)),
                           t("files.gis_shapefile_parts_hint"))
        elif ext in (".shx", ".dbf") and f"{path.with_suffix('').as_posix().casefold()}.shp" not in names:
            result.add("WP150", t("files.gis_orphan_part", name=info.filename), t("files.gis_orphan_part_hint"))
        elif ext == ".kml" and not info.is_dir() and not info.flag_bits & 0x1:
            if info.file_size > KML_MEMBER_CAP:
                result.add("WP150", t("files.gis_kml_too_big", name=info.filename, limit=KML_MEMBER_CAP),
                           t("files.gis_kml_too_big_hint"))
                continue
            try:
                kind = detect(archive.read(info))
            except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError, RuntimeError):
                continue
            if kind.name != "xml" or kind.problem:
                why = kind.problem or t("files.gis_kml_not_xml")
                result.add("WP150", t("files.gis_kml_unusable", name=info.filename, why=why),
                           t("files.gis_kml_unusable_hint"))


def _inspect_member(archive, info, result, budget: Budget, inspect_bytes) -> None:
    if info.file_size > 8 << 20 or info.flag_bits & 0x1 or info.is_dir():
        return
    try:
        inner = inspect_bytes(archive.read(info), info.filename, budget.limits)
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError, RuntimeError):
        return
    for issue in inner.issues:
        where = f"{info.filename} {issue.where}".strip()
        result.issues.append(type(issue)(issue.rule, issue.message, issue.hint, 1, where, issue.value))
    for where, line, text in inner.texts:
        place = where or t("files.member_line", line=line)
        result.texts.append((f"{info.filename} {place}", 1, text))


# -- RAR (headers only) ----------------------------------------------------
def inspect_rar(data: bytes, ext: str, result, budget: Budget) -> None:
    try:
        walk = _rar5_entries if data.startswith(b"Rar!\x1a\x07\x01\x00") else _rar4_entries
        entries, flags = walk(data, budget)
    except (struct.error, IndexError, ValueError):
        result.add("WP129", t("files.rar_unreadable"), t("files.rar_unreadable_hint"))
        return
    if "encrypted-headers" in flags:
        result.add("WP123", t("files.rar_encrypted_headers"), t("files.rar_encrypted_headers_hint"))
    if "multi-volume" in flags:
        result.add("WP128", t("files.rar_multivolume"), t("files.rar_multivolume_hint"))
    check_entries(entries, result, budget, plain_archive=True)


def _vint(data: bytes, pos: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7
        if shift > 63:
            raise ValueError("vint too long")


def _rar5_entries(data: bytes, budget: Budget) -> tuple[list[Entry], set[str]]:
    entries, flags, pos = [], set(), 8
    while pos + 4 < len(data):
        budget.tick()
        header_size, body = _vint(data, pos + 4)
        end = body + header_size
        header_type, p = _vint(data, body)
        header_flags, p = _vint(data, p)
        extra_size, data_size = 0, 0
        if header_flags & 0x1:
            extra_size, p = _vint(data, p)
        if header_flags & 0x2:
            data_size, p = _vint(data, p)
        if header_type == 4:
            flags.add("encrypted-headers")
            break
        if header_type == 1:
            archive_flags, _ = _vint(data, p)
            if archive_flags & 0x1:
                flags.add("multi-volume")
        elif header_type == 2:
            if header_flags & 0x18:
                flags.add("multi-volume")
            entries.append(_rar5_file(data, p, end - extra_size, end, data_size))
            if len(entries) > budget.limits.archive_entries:
                break
        elif header_type == 5:
            break
        if header_size == 0 or end + data_size <= pos:
            raise ValueError("bad header")
        pos = end + data_size
    return entries, flags


def _rar5_file(data: bytes, p: int, extra_start: int, end: int, packed: int) -> Entry:
    file_flags, p = _vint(data, p)
    unpacked, p = _vint(data, p)
    attributes, p = _vint(data, p)
    if file_flags & 0x2:
        p += 4
    if file_flags & 0x4:
        p += 4
    _compression, p = _vint(data, p)
    host_os, p = _vint(data, p)
    name_len, p = _vint(data, p)
    name = data[p:p + name_len].decode("utf-8", "replace")
    entry = Entry(name=name, is_dir=bool(file_flags & 0x1), packed=packed, unpacked=unpacked)
    entry.is_link = host_os == 1 and stat.S_ISLNK(attributes)
    q = extra_start
    while q < end:
        size, r = _vint(data, q)
        kind, _ = _vint(data, r)
        if kind == 0x01:
            entry.encrypted = True
        elif kind == 0x05:
            entry.is_link = True
        if size == 0:
            break
        q = r + size
    return entry


def _rar4_entries(data: bytes, budget: Budget) -> tuple[list[Entry], set[str]]:
    entries, flags, pos = [], set(), 7
    while pos + 7 <= len(data):
        budget.tick()
        _crc, kind, head_flags, head_size = struct.unpack_from("<HBHH", data, pos)
        if head_size < 7:
            raise ValueError("bad header")
        add_size = struct.unpack_from("<I", data, pos + 7)[0] if head_flags & 0x8000 else 0
        if kind == 0x73:
            if head_flags & 0x0080:
                flags.add("encrypted-headers")
                break
            if head_flags & 0x0001:
                flags.add("multi-volume")
        elif kind == 0x74:
            entry, add_size = _rar4_file(data, pos, head_flags)
            if head_flags & 0x03:
                flags.add("multi-volume")
            entries.append(entry)
            if len(entries) > budget.limits.archive_entries:
                break
        elif kind == 0x7B:
            break
        pos += head_size + add_size
    return entries, flags


def _rar4_file(data: bytes, pos: int, head_flags: int) -> tuple[Entry, int]:
    packed, unpacked, host_os = struct.unpack_from("<IIB", data, pos + 7)
    name_size, attributes = struct.unpack_from("<HI", data, pos + 26)
    name_at = pos + 32
    if head_flags & 0x100:
        high_packed, high_unpacked = struct.unpack_from("<II", data, pos + 32)
        packed |= high_packed << 32
        unpacked |= high_unpacked << 32
        name_at += 8
    raw = data[name_at:name_at + name_size]
    name = raw.split(b"\0", 1)[0].decode("utf-8" if head_flags & 0x200 else "cp874", "replace")
    entry = Entry(name=name, is_dir=(head_flags & 0xE0) == 0xE0, encrypted=bool(head_flags & 0x04),
                  packed=packed, unpacked=unpacked)
    entry.is_link = host_os == 3 and stat.S_ISLNK(attributes)
    return entry, packed
