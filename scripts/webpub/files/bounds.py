"""Limits that keep one hostile attachment from eating the machine.

Every decompression goes through :func:`inflate_chunks`, which never holds more
than one chunk of output and stops as soon as a cap is crossed; every loop over
objects or entries asks :class:`Budget` first. Crossing a limit is a finding, not
an exception the user sees.
"""

from __future__ import annotations

import functools
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path

from webpub.messages import t

CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    """Caps per attachment; overridable in ``schema/attachment-limits.yml``."""

    seconds: float = 8.0                  # processor time for one file's deep inspection
    inflated_bytes: int = 96 << 20        # total decompressed bytes looked at per file
    stream_ratio: int = 150               # a stream/entry larger than this many times its packed size ...
    ratio_floor: int = 8 << 20            # ... and larger than this is a bomb
    pdf_objects: int = 200_000
    archive_entries: int = 2_000
    image_pixels: int = 89_478_485        # Pillow's own decompression-bomb threshold
    text_scan_bytes: int = 16 << 20       # text kept for the national-ID scan
    pdf_text_pages: int = 300


def load_limits(schema_dir: Path | None) -> Limits:
    if schema_dir is None:
        return Limits()
    path = schema_dir / "attachment-limits.yml"
    try:
        return _limits_from(path, path.stat().st_mtime_ns)
    except OSError:
        return Limits()


@functools.lru_cache(maxsize=8)
def _limits_from(path: Path, mtime_ns: int) -> Limits:
    """Read once per file version: every attachment of a run asks for the limits."""
    import yaml

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except (OSError, yaml.YAMLError):
        return Limits()
    known = {f.name: f.type for f in fields(Limits)}
    values = {k: (float(v) if known[k] == "float" else int(v))
              for k, v in (data.get("limits") or {}).items() if k in known}
    return Limits(**values)


class LimitExceeded(Exception):
    """A cap was crossed; ``what`` is Thai text saying which."""

    def __init__(self, what: str, bomb: bool = False):
        super().__init__(what)
        self.what = what
        self.bomb = bomb


class Budget:
    """Shared counters for one attachment: time and decompressed bytes."""

    def __init__(self, limits: Limits):
        self.limits = limits
        # processor time of this thread, like the runner's file budget: a loaded machine, or
        # other threads of the same process (a check run in the main process), must not
        # use up this attachment's time (inspection runs no subprocess)
        self.deadline = time.thread_time() + limits.seconds
        self.inflated = 0

    def tick(self) -> None:
        if time.thread_time() > self.deadline:
            raise LimitExceeded(t("files.timeout", seconds=self.limits.seconds))

    def spend(self, n: int) -> None:
        self.inflated += n
        if self.inflated > self.limits.inflated_bytes:
            raise LimitExceeded(t("files.inflated", megabytes=self.limits.inflated_bytes >> 20), bomb=True)


def inflate_chunks(data: bytes, budget: Budget, layers: int = 1, wbits: int = 15) -> Iterator[bytes]:
    """Deflate-decoded output of ``data`` in chunks, ``layers`` times nested.

    Raises LimitExceeded as soon as the output outgrows the input consumed so far by
    the bomb ratio (so a bomb is caught after a few MB, not after the cap), or the
    file's total passes its cap. Corrupt data ends the output quietly: viewers show
    what they can, and so do we.
    """
    progress = [0]
    source: Iterator[bytes] = _inflate_layer(iter((data,)), budget, wbits, progress)
    for _ in range(layers - 1):
        source = _inflate_layer(source, budget, wbits, None)
    produced = 0
    for chunk in source:
        produced += len(chunk)
        check_ratio(produced, max(progress[0], 1), budget, t("files.ratio_part"))
        yield chunk


def check_ratio(produced: int, consumed: int, budget: Budget, what: str) -> None:
    limits = budget.limits
    if produced > limits.ratio_floor and produced > limits.stream_ratio * consumed:
        raise LimitExceeded(t("files.ratio", what=what, consumed=consumed, produced=produced), bomb=True)


def _inflate_layer(source: Iterator[bytes], budget: Budget, wbits: int, progress) -> Iterator[bytes]:
    engine = zlib.decompressobj(wbits)
    for packed in source:
        pending = packed
        while pending and not engine.eof:
            try:
                out = engine.decompress(pending, CHUNK)
            except zlib.error:
                return
            if progress is not None:
                progress[0] += len(pending) - len(engine.unconsumed_tail)
            pending = engine.unconsumed_tail
            if out:
                budget.spend(len(out))
                budget.tick()
                yield out
    try:
        rest = engine.flush()
    except zlib.error:
        return
    if rest:
        budget.spend(len(rest))
        yield rest


def inflate(data: bytes, budget: Budget, cap: int, layers: int = 1, wbits: int = 15) -> bytes:
    """Up to ``cap`` bytes of decoded output (for streams whose text we keep)."""
    parts, kept = [], 0
    for chunk in inflate_chunks(data, budget, layers, wbits):
        parts.append(chunk[: cap - kept])
        kept += len(parts[-1])
        if kept >= cap:
            break
    return b"".join(parts)
