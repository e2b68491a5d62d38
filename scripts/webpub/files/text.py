"""Text and CSV attachments: UTF-8 only; Thai legacy encodings get the exact fix.

A file that is not UTF-8 but reads as Windows-874 (TIS-620 plus a few symbols)
is almost certainly Thai saved by an old program; the hint is the ``iconv``
command that converts it. A UTF-8 BOM is accepted here (Excel writes one for
"CSV UTF-8"); UTF-16 is refused with its own command.
"""

from __future__ import annotations

import re
import shlex
from pathlib import PurePosixPath

from webpub.files import pdpa
from webpub.files.bounds import Budget
from webpub.messages import t

_THAI = re.compile("[\u0e01-\u0e5b]")  # catalogue-exempt: the Thai letter range


def converted_name(path: str) -> str:
    p = PurePosixPath(path)
    return str(p.with_name(f"{p.stem}.utf8{p.suffix}"))


def iconv_command(path: str, source: str) -> str:
    out = converted_name(path)
    return (f"iconv -f {source} -t UTF-8 {shlex.quote(path)} > {shlex.quote(out)} "
            f"&& mv {shlex.quote(out)} {shlex.quote(path)}")


def inspect(data: bytes, ext: str, result, budget: Budget) -> None:
    text = decode_utf8(data, ext, result, result.name)
    if text is not None:
        delimited = ext in (".csv", ".tsv")
        result.texts.extend(pdpa.text_lines(text[: budget.limits.text_scan_bytes], delimited))


def decode_utf8(data: bytes, ext: str, result, path: str = "") -> str | None:
    name = path or f"FILE{ext}"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        result.add("WP140", t("files.text_utf16"), t("files.text_utf16_hint", command=iconv_command(name, "UTF-16")))
        return None
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        result.add("WP140", _message(body), _hint(body, name), line=line)
        return None


def _message(body: bytes) -> str:
    if _is_thai_legacy(body):
        return t("files.text_thai_legacy")
    return t("files.text_not_utf8")


def _hint(body: bytes, name: str) -> str:
    if _is_thai_legacy(body):
        return t("files.text_thai_legacy_hint", command=iconv_command(name, "CP874"))
    return t("files.text_not_utf8_hint")


def _is_thai_legacy(body: bytes) -> bool:
    try:
        text = body.decode("cp874")
    except UnicodeDecodeError:
        return False
    high = sum(1 for b in body[:65536] if b >= 0x80)
    return high > 0 and len(_THAI.findall(text[:65536])) >= high * 0.8
