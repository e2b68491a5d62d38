"""PDF: active content, embedded files, encryption and bombs by a bounded byte scan.

Object dictionaries live either in the file's plain bytes or inside compressed
object streams (``/ObjStm``); the scan keeps the plain bytes minus stream bodies
(binary data would give false keyword hits) plus the inflated object streams, then
decodes ``#xx`` escapes in names, so ``/J#61vaScript`` is seen as ``/JavaScript``.
Every other Flate stream is inflated and thrown away, only to catch bombs.
Text for the national-ID rule comes from :mod:`webpub.files.pdf_text`, page by page.
"""

from __future__ import annotations

import io
import logging
import re

from webpub.files.bounds import Budget, LimitExceeded, inflate_chunks
from webpub.files.pdf_filters import decode_chain, filter_names
from webpub.messages import t

_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
# Possessive quantifiers and a look-behind keep these linear: a long run of digits
# or blanks is read once, not once per starting position (issue 11).
_OBJ = re.compile(rb"(?<![0-9])[0-9]++\s++[0-9]++\s++obj\b")
_DELIM = rb"(?=[\s/<>\[\]()%]|$)"
_ESCAPED_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]*#[0-9A-Fa-f]{2}[^\s/<>\[\]()%{}]*")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_KEYWORDS = re.compile(
    rb"/(JavaScript|JS|Launch|RichMedia|GoToE|ImportData|OpenAction|EmbeddedFiles?|"
    rb"FileAttachment|Encrypt|ObjStm)" + _DELIM)
_FILTER = re.compile(rb"/Filter\s*+(\[[^\]]{0,512}+\]|/[A-Za-z0-9]++)")  # (names decoded first)
_OBJSTM_N = re.compile(rb"/N\s++([0-9]++)")
OBJSTM_KEEP = 16 << 20
logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its repair notes are not findings

ACTIVE = {  # PDF name -> its label in the catalogue (files.pdf_active_<label>)
    b"JavaScript": "javascript",
    b"JS": "javascript",
    b"Launch": "launch",
    b"RichMedia": "richmedia",
    b"GoToE": "gotoe",
    b"ImportData": "importdata",
}


def inspect(data: bytes, ext: str, result, budget: Budget) -> None:
    skeleton, object_streams, objects = _skeleton(data, budget)
    if objects > budget.limits.pdf_objects:
        raise LimitExceeded(t("files.pdf_too_many_objects", limit=budget.limits.pdf_objects))
    text = skeleton + b"\n" + object_streams
    text, hidden = _decode_names(text)
    found = {m.group(1) for m in _KEYWORDS.finditer(text)}
    _report_active(found, hidden, text, result)
    _report_embedded(found, result)
    if b"Encrypt" in found:
        _report_encrypted(data, result)
    elif result.kind == "pdf":
        _collect_text(data, result, budget)


def _skeleton(data: bytes, budget: Budget) -> tuple[bytes, bytes, int]:
    """(bytes outside streams, inflated object streams, object count)."""
    pieces, objstms = [], []
    objects, pos = 0, 0
    for match in _STREAM.finditer(data):
        if match.start() < pos:
            continue
        budget.tick()
        body_start = match.end()
        body_end = data.find(b"endstream", body_start)
        if body_end == -1:
            body_end = len(data)
        head = data[pos:match.start()]
        pieces.append(head)
        objects += len(_OBJ.findall(head))
        dictionary = _last_dictionary(head)
        kept = _inflate_stream(dictionary, data[body_start:body_end], budget)
        if kept is not None:
            objstms.append(kept)
            count = _OBJSTM_N.search(dictionary)
            objects += int(count.group(1)) if count else 0
        pos = body_end
    tail = data[pos:]
    pieces.append(tail)
    objects += len(_OBJ.findall(tail))
    return b"".join(pieces), b"\n".join(objstms), objects


def _last_dictionary(head: bytes) -> bytes:
    start = head.rfind(b"obj")
    return head[start:] if start != -1 else head[-4096:]


def _flate_layers(dictionary: bytes) -> int:
    match = _FILTER.search(_decode_names(dictionary)[0])
    if not match:
        return 0
    names = re.findall(rb"/([A-Za-z0-9]+)", match.group(1))
    layers = 0
    for name in names:
        if name not in (b"FlateDecode", b"Fl"):
            break
        layers += 1
    return layers


def _inflate_stream(dictionary: bytes, body: bytes, budget: Budget) -> bytes | None:
    """Decode one stream: keep it if it is an object stream, else only count its size."""
    plain = _decode_names(dictionary)[0]
    match = _FILTER.search(plain)
    names = filter_names(match.group(1)) if match else []
    if re.search(rb"/Type\s*+/ObjStm", plain):
        return decode_chain(body, names, plain, budget, OBJSTM_KEEP) or b""
    layers = _flate_layers(dictionary)
    if not layers:
        return None
    for _chunk in inflate_chunks(body, budget, layers):
        pass
    return None


def _decode_names(text: bytes) -> tuple[bytes, set[bytes]]:
    """Names with ``#xx`` escapes decoded; and the keyword names that were escaped."""
    if b"#" not in text:
        return text, set()
    hidden: set[bytes] = set()
    seen: dict[bytes, bytes] = {}  # a file repeating one escaped name pays for it once

    def decode(match: re.Match) -> bytes:
        raw = match.group(0)
        plain = seen.get(raw)
        if plain is None:
            plain = _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
            if _KEYWORDS.fullmatch(plain):
                hidden.add(plain[1:])
            if len(seen) < 65536:
                seen[raw] = plain
        return plain

    return _ESCAPED_NAME.sub(decode, text), hidden


def _report_active(found: set[bytes], hidden: set[bytes], text: bytes, result) -> None:
    reported = set()
    for key, label in ACTIVE.items():
        if key in found and label not in reported:
            reported.add(label)
            trick = t("files.pdf_active_hidden") if key in hidden else ""
            result.add("WP100", t("files.pdf_active", label=t(f"files.pdf_active_{label}"), trick=trick),
                       t("files.pdf_active_hint"))
    if b"OpenAction" in found:
        action = _open_action_type(text)
        if action in (b"URI", b"GoToR", b"SubmitForm") and action.decode() not in reported:
            result.add("WP100", t("files.pdf_open_action", action=action.decode()), t("files.pdf_active_hint"))


def _open_action_type(text: bytes) -> bytes | None:
    """The /S action type of the document's /OpenAction, inline or by reference."""
    match = re.search(rb"/OpenAction\s*+(<<|([0-9]++)\s++([0-9]++)\s++R)", text)
    if not match:
        return None
    if match.group(1) == b"<<":
        body = text[match.end():match.end() + 2048]
    else:
        target = re.search(rb"(?<![0-9])" + match.group(2) + rb"\s++" + match.group(3) + rb"\s++obj\b", text)
        if not target:
            return None
        body = text[target.end():target.end() + 2048]
    kind = re.search(rb"/S\s*+/([A-Za-z]++)", body.split(b"endobj", 1)[0])
    return kind.group(1) if kind else None


def _report_embedded(found: set[bytes], result) -> None:
    if found & {b"EmbeddedFile", b"EmbeddedFiles", b"FileAttachment"}:
        result.add("WP101", t("files.pdf_embedded"), t("files.pdf_embedded_hint"))


def _report_encrypted(data: bytes, result) -> None:
    needs_password = _needs_password(data)
    what = t("files.pdf_password") if needs_password else t("files.pdf_owner_password")
    result.add("WP102", t("files.pdf_encrypted", what=what), t("files.pdf_encrypted_hint"))


def _needs_password(data: bytes) -> bool:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        return reader.decrypt("") == 0
    except Exception:  # noqa: BLE001 - unreadable encryption counts as locked
        return True


def _collect_text(data: bytes, result, budget: Budget) -> None:
    """Page texts for the national-ID rule (bounded by pages, bytes and time)."""
    from webpub.files.pdf_text import page_texts

    try:
        result.texts.extend(page_texts(data, budget))
    except (LimitExceeded, MemoryError, RecursionError):
        raise  # fail closed: the text was not all read
    except Exception:  # noqa: BLE001 - a PDF qpdf cannot read still had its byte scan
        return
