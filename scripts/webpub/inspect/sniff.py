"""What an attachment really is, from its first bytes (not its name)."""

from __future__ import annotations

import zipfile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RAR4_MAGIC = b"Rar!\x1a\x07\x00"
RAR5_MAGIC = b"Rar!\x1a\x07\x01\x00"
TEXT_EXTS = {".txt", ".csv", ".json", ".tsv"}


def kind_of(head: bytes, ext: str) -> str:
    """One of pdf, zip, ole, rar, jpeg, png, tiff, text, other."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith((RAR4_MAGIC, RAR5_MAGIC)):
        return "rar"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if b"%PDF-" in head[:1024]:  # readers accept junk before the header
        return "pdf"
    if ext in TEXT_EXTS:
        return "text"
    return "other"


def zip_flavour(archive: zipfile.ZipFile) -> str:
    """ooxml, odf or zip for an open ZIP container."""
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
