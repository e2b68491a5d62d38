"""Write the sharded Thai search index under ``site/search-index/``.

Layout (all JSON, UTF-8; ``B`` is a short hash of the build so a browser never mixes two
deployments):

- ``search-index/manifest.json``: ``{"version", "build", "docs", "shards", "vocab",
  "base": "B/"}``, fetched first, without cache.
- ``B/p/<n>.json``: posting shards, terms spread by ``fnv1a(term) % shards``:
  ``{term: [doc_delta, score*2+in_title, ...]}`` with BM25 scores precomputed here.
  A pair of adjacent words ``"a b"`` is a term too; its entries also carry where it
  stands (``doc_delta, score*2+in_title, n, pos_delta × n``), so the browser can tell a
  phrase from the same words scattered. A term on most pages is stored as a bitmap
  ``{"b": base64, "s": score, "t": title doc deltas, "ts": title score}`` instead.
- ``B/v/<n>.json``: Thai vocabulary shards, keyed by ``fnv1a(first two letters) % vocab``:
  a sorted list of the indexed Thai words beginning with those letters. The browser uses
  them to cut a Thai query the way the index was cut (maximal matching on the index's
  own words), so newmm and the browser's ICU segmenter need not agree.
- ``B/d/<id>.json``: one small file per page (url, title, date, category, text for
  the snippet), loaded only for the results shown.

Why not one file or Pagefind: see ``DESIGN.md`` beside this file (measured by ``bench/search_bench.py``).

Word segmentation keeps its own process pool rather than ``webpub.core.runner``'s: it runs
inside the MkDocs process (where ``mkdocs serve`` runs threads, so it must not fork and
uses a fork server), it is *streamed* (one pool stays open while the build renders pages
and takes each batch as it comes, which the runner's map over a known list cannot do),
and each worker writes its part straight to a file instead of sending it back. Its job
count still comes from the cores (``WEBPUB_SEARCH_JOBS`` overrides it), at most four:
pythainlp's dictionary is loaded once per worker.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import json
import logging
import math
import multiprocessing
import os
import pickle
import shutil
import tempfile
import time
from array import array
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from html.parser import HTMLParser
from pathlib import Path

from webpub.messages import t
from webpub.search.fallback_page import write_fallback_page
from webpub.search.segment import Tokens, is_thai, normalise, segmenter_for

log = logging.getLogger("mkdocs.plugins.webpub.search")

INDEX_DIR = "search-index"
FORMAT_VERSION = 1
SNIPPET_CHARS = 2000
TITLE_BOOST = 4.0
BM25_K1 = 1.2
BM25_B = 0.75
SCORE_SCALE = 100
POSTING_SHARD_BYTES = 16_000
VOCAB_SHARD_BYTES = 4_000
MAX_SHARDS = 4096
BITMAP_MIN_DOCS = 500
MAX_POSITIONS = 8
PARALLEL_MIN_DOCS = 1000  # below this, starting processes costs more than it saves
# A word pair on more than this share of pages tells pages apart too little to be worth
# its positions; it is stored as a bitmap like a common word.
PAIR_BITMAP_SHARE = 0.25

_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4",
    "h5", "h6", "br", "dt", "dd", "blockquote", "pre", "section", "article", "caption",
}
_SKIPPED_TAGS = {"script", "style", "template", "noscript"}


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over code points; search.js has the same function."""
    value = 0x811C9DC5
    for char in text:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS and self._skipping:
            self._skipping -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Readable text of rendered HTML: tags dropped, blocks on their own lines."""
    parser = _TextExtractor()
    parser.feed(html or "")
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _doubled_weights(tokens: Tokens) -> Counter:
    """Term frequencies x2 (so a compound's part, weighted 1/2, stays an int)."""
    weights = Counter(tokens.words)
    weights.update(tokens.words)
    weights.update(tokens.parts)
    return weights


def _pair_positions(words: list[str], offset: int) -> dict[str, list[int]]:
    """Each pair of adjacent words as ``"a b"`` with the positions where it starts."""
    positions: dict[str, list[int]] = {}
    for at, pair in enumerate(map(" ".join, zip(words, words[1:])), offset):
        where = positions.get(pair)
        if where is None:
            positions[pair] = [at]
        else:
            where.append(at)
    return positions


def _bm25_tf(tf: float, length: int, avg_len: float) -> float:
    if tf <= 0:
        return 0.0
    return tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * length / avg_len))


def _bitmap(doc_ids, n_docs: int) -> str:
    bits = bytearray((n_docs + 7) // 8)
    for doc_id in doc_ids:
        bits[doc_id >> 3] |= 1 << (doc_id & 7)
    return base64.b64encode(bytes(bits)).decode("ascii")


def _deltas(doc_ids) -> list[int]:
    out, previous = [], 0
    for doc_id in doc_ids:
        out.append(doc_id - previous)
        previous = doc_id
    return out


class _Postings:
    """Per term, the pages in id order with body and title frequencies (x2, as ints).

    Flat machine-int arrays, not lists of Python ints: at 10,000 pages the postings
    hold millions of numbers, and an int object costs 28 bytes where the array
    spends 4 (the difference was most of the build's peak memory).
    """

    def __init__(self):
        self.entries: dict[str, array] = {}  # term -> doc, body tf x2, title tf x2, ...
        self.positions: dict[str, array] = {}  # pair -> per entry: n, then n positions
        self.lengths = array("i")

    def add(self, doc_id: int, title_tokens: Tokens, body_tokens: Tokens):
        self.lengths.append(len(body_tokens.words))
        body, title = _doubled_weights(body_tokens), _doubled_weights(title_tokens)
        for term, tf in body.items():
            self._entry(term).extend((doc_id, tf, title.get(term, 0)))
        for term, tf in title.items():
            if term not in body:
                self._entry(term).extend((doc_id, 0, tf))
        # Positions run through the title, a gap, then the body, so no pair spans both.
        title_pairs = _pair_positions(title_tokens.words, 0)
        body_pairs = _pair_positions(body_tokens.words, len(title_tokens.words) + 1)
        for pair, where in body_pairs.items():
            in_title = title_pairs.get(pair)
            self._entry(pair).extend((doc_id, 2 * len(where), 2 * len(in_title) if in_title else 0))
            self._add_positions(pair, in_title + where if in_title else where)
        for pair, where in title_pairs.items():
            if pair not in body_pairs:
                self._entry(pair).extend((doc_id, 0, 2 * len(where)))
                self._add_positions(pair, where)

    def _entry(self, term: str) -> array:
        found = self.entries.get(term)
        if found is None:
            found = self.entries[term] = array("i")
        return found

    def _add_positions(self, pair: str, where: list[int]) -> None:
        found = self.positions.get(pair)
        if found is None:
            found = self.positions[pair] = array("i")
        found.append(len(where))
        found.extend(where)

    def merge(self, later: "_Postings") -> None:
        """Append the postings of pages numbered after all of ours."""
        self.lengths.extend(later.lengths)
        for mine, theirs in ((self.entries, later.entries), (self.positions, later.positions)):
            for term, values in theirs.items():
                found = mine.get(term)
                if found is None:
                    mine[term] = values
                else:
                    found.extend(values)
        later.entries, later.positions = {}, {}

    def norms(self) -> list[float]:
        """BM25 length normalisation per page, computed once rather than per posting."""
        n_docs = len(self.lengths)
        avg_len = (sum(self.lengths) / n_docs) if n_docs else 1.0
        return [BM25_K1 * (1 - BM25_B + BM25_B * length / avg_len) for length in self.lengths]

    def approx_size(self, term: str, n_docs: int) -> int:
        """About how many bytes ``encode`` will write for ``term`` (to choose the shard count
        without holding every encoded posting at once)."""
        entries = self.entries[term]
        docs = len(entries) // 3
        positions = self.positions.get(term)
        flat = 2 * docs + (len(positions) if positions is not None else 0)
        if self._as_bitmap(docs, flat, positions is not None, n_docs):
            titles = docs - entries[2::3].count(0)
            return len(term) * 3 + 4 * ((n_docs + 7) // 8 + 2) // 3 + 5 * titles
        return len(term) * 3 + 5 * flat

    @staticmethod
    def _as_bitmap(docs: int, flat_len: int, has_positions: bool, n_docs: int) -> bool:
        if docs < BITMAP_MIN_DOCS or flat_len * 4.5 < n_docs / 6:
            return False
        # A phrase needs positions more than the pair needs to be small.
        return not (has_positions and docs <= n_docs * PAIR_BITMAP_SHARE)

    def encode(self, term: str, n_docs: int, norms: list[float]):
        entries = self.entries[term].tolist()
        docs, body_tfs, title_tfs = entries[0::3], entries[1::3], entries[2::3]
        idf = math.log(1 + (n_docs - len(docs) + 0.5) / (len(docs) + 0.5))
        scale = idf * SCORE_SCALE
        positions = self.positions.get(term)
        if positions is not None:
            positions = positions.tolist()
        flat, previous, cursor = [], 0, 0
        for i, doc_id in enumerate(docs):
            tf, title_tf = body_tfs[i] / 2, title_tfs[i] / 2
            score = tf * (BM25_K1 + 1) / (tf + norms[doc_id]) if tf else 0.0
            if title_tf:
                score += TITLE_BOOST * _bm25_tf(title_tf, 1, 1)
            flat += (doc_id - previous, max(1, round(score * scale)) * 2 + (title_tf > 0))
            if positions is not None:
                count = positions[cursor]
                where = positions[cursor + 1:cursor + 1 + min(count, MAX_POSITIONS)]
                cursor += 1 + count
                flat.append(len(where))
                flat += _deltas(where)
            previous = doc_id
        if not self._as_bitmap(len(docs), len(flat), positions is not None, n_docs):
            return flat
        # A term on most pages: a bitmap is smaller, and its per-page weight hardly matters.
        titles = [d for d, t in zip(docs, title_tfs) if t]
        return {
            "b": _bitmap(docs, n_docs), "s": max(1, round(scale * _bm25_tf(1.0, 1, 1))),
            "t": _deltas(titles),
            "ts": max(1, round(scale * (1 + TITLE_BOOST) * _bm25_tf(1.0, 1, 1))),
        }


def _shard_count(total_bytes: int, target: int) -> int:
    count = 1
    while count < MAX_SHARDS and total_bytes / count > target:
        count *= 2
    return count


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _posting_buckets(postings: _Postings, n_docs: int) -> tuple[int, dict[int, list[str]]]:
    """The shard count and, per shard, its terms in sorted order."""
    approx = sum(postings.approx_size(term, n_docs) for term in postings.entries)
    count = _shard_count(approx, POSTING_SHARD_BYTES)
    buckets: dict[int, list[str]] = defaultdict(list)
    for term in sorted(postings.entries):
        buckets[fnv1a(term) % count].append(term)
    return count, buckets


def _vocab_buckets(terms) -> tuple[int, dict[int, list]]:
    thai = sorted(t for t in terms if is_thai(t) and len(t) > 1 and " " not in t)
    count = _shard_count(sum(len(t) * 3 + 3 for t in thai), VOCAB_SHARD_BYTES)
    buckets: dict[int, list] = defaultdict(list)
    for term in thai:
        buckets[fnv1a(term[:2]) % count].append(term)
    return count, buckets


def _doc_record(doc, text: str) -> dict:
    record = {"u": doc.url, "t": doc.title, "x": text[:SNIPPET_CHARS]}
    if doc.date:
        record["d"] = str(doc.date)
    if doc.category:
        record["c"] = str(doc.category)
    return record


class _IndexWriter:
    """Writes index files one at a time into a staging folder, hashing as it goes, then
    names the folder after the hash (the build id), so no file waits in memory."""

    def __init__(self, index_dir: Path):
        self.index_dir = index_dir
        if index_dir.exists():  # replace any earlier index; the old build's folder goes with it
            shutil.rmtree(index_dir)
        self.staging = index_dir / ".staging"
        for folder in ("p", "v", "d"):
            (self.staging / folder).mkdir(parents=True)
        self.digest = hashlib.sha256()
        self.bytes = 0

    def add(self, name: str, value) -> None:
        data = _json(value)
        self.digest.update(name.encode() + b"\0" + data + b"\0")
        (self.staging / name).write_bytes(data)
        self.bytes += len(data)

    def finish(self, manifest: dict) -> dict:
        build = self.digest.hexdigest()[:12]
        self.staging.rename(self.index_dir / build)
        manifest = {"version": FORMAT_VERSION, "build": build, "base": f"{build}/", **manifest}
        self.bytes += _dump(self.index_dir / "manifest.json", manifest)
        return manifest


def _dump(path: Path, value) -> int:
    data = _json(value)
    path.write_bytes(data)
    return len(data)


def _repo_root(site_dir: Path) -> Path | None:
    """The agency repository (for schema/search-terms.txt): from the working folder, as
    every webpub command, else from above the site folder; None when neither has one."""
    from webpub.core.results import UsageError
    from webpub.repo import find_root

    for start in (None, site_dir):
        try:
            return find_root(start)
        except UsageError:
            continue
    return None


def _segment_slice(docs: list, root: Path | None, first_id: int) -> tuple[_Postings, list[dict]]:
    segmenter = segmenter_for(root)
    postings, records = _Postings(), []
    for doc_id, doc in enumerate(docs, first_id):
        text = html_to_text(doc.html)
        postings.add(doc_id, segmenter.tokens(normalise(doc.title or "")), segmenter.tokens(normalise(text)))
        records.append(_doc_record(doc, text))
    return postings, records


def _workers(doc_count: int) -> int:
    wanted = os.environ.get("WEBPUB_SEARCH_JOBS")
    if wanted and wanted.isdigit():
        return max(1, int(wanted))
    return min(os.cpu_count() or 1, 4) if doc_count >= PARALLEL_MIN_DOCS else 1


def _segment_to_file(docs: list, root: Path | None, first_id: int, folder: str) -> str:
    """A worker's part, pickled straight to a file: sending it back through the pool
    would hold it as one large message in both processes at once."""
    part = _segment_slice(docs, root, first_id)
    path = os.path.join(folder, f"part-{first_id}.pickle")
    with open(path, "wb") as fh:
        pickle.dump(part, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _segment_all(docs: list, root: Path | None) -> tuple[_Postings, list[dict]]:
    """Segment in a few processes on a large site (slices keep doc ids in order)."""
    workers = _workers(len(docs))
    if workers == 1:
        return _segment_slice(docs, root, 0)
    size = -(-len(docs) // workers)
    starts = range(0, len(docs), size)
    merged, records = _Postings(), []
    with tempfile.TemporaryDirectory(prefix="webpub-search-") as folder:
        try:
            # forkserver: the MkDocs process may run threads (mkdocs serve), fork is unsafe there
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("forkserver")) as pool:
                paths = list(pool.map(_segment_to_file, [docs[i:i + size] for i in starts],
                                      [root] * len(starts), starts, [folder] * len(starts)))
        except (OSError, BrokenProcessPool) as exc:
            log.info(t("search.single_process", error=exc))
            return _segment_slice(docs, root, 0)
        for path in paths:  # in slice order, so doc ids stay ascending
            with open(path, "rb") as fh:
                part, part_records = pickle.load(fh)
            os.unlink(path)
            merged.merge(part)
            records += part_records
    return merged, records


class _Stopwatch:
    """CPU seconds per phase (wall time on a shared build machine says little)."""

    def __init__(self):
        self.phases: dict[str, float] = {}
        self._last = time.process_time()

    def lap(self, name: str) -> None:
        now = time.process_time()
        self.phases[name] = round(now - self._last, 3)
        self._last = now


def write_index(site_dir: Path, docs: list, root: Path | None = None) -> dict:
    """Build the index for ``docs`` (SearchDoc) into ``site_dir/search-index``; returns figures."""
    # Millions of small lists and no cycles: the cyclic GC would rescan them over and over.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _write_index(Path(site_dir), docs, root)
    finally:
        if was_enabled:
            gc.enable()


def _write_index(site_dir: Path, docs: list, root: Path | None) -> dict:
    started, watch = time.perf_counter(), _Stopwatch()
    root = root if root is not None else _repo_root(site_dir)
    docs = sorted(docs, key=lambda d: d.url)
    postings, records = _segment_all(docs, root)
    watch.lap("segment")
    return _write_postings(site_dir, postings, records, watch, started, _workers(len(docs)))


def _write_postings(site_dir: Path, postings: _Postings, records: list[dict], watch: "_Stopwatch",
                    started: float, workers: int) -> dict:
    n_docs, norms = len(records), postings.norms()
    term_count = len(postings.entries)
    shard_count, posting_buckets = _posting_buckets(postings, n_docs)
    vocab_count, vocab_buckets = _vocab_buckets(postings.entries)
    watch.lap("plan")
    writer = _IndexWriter(Path(site_dir) / INDEX_DIR)
    for number in sorted(posting_buckets):
        terms = posting_buckets.pop(number)
        writer.add(f"p/{number}.json", {term: postings.encode(term, n_docs, norms) for term in terms})
        for term in terms:  # encoded and written: let the memory go
            del postings.entries[term]
            postings.positions.pop(term, None)
    watch.lap("postings")
    for number in sorted(vocab_buckets):
        writer.add(f"v/{number}.json", vocab_buckets[number])
    for doc_id, record in enumerate(records):
        writer.add(f"d/{doc_id}.json", record)
    writer.finish({"docs": n_docs, "shards": shard_count, "vocab": vocab_count})
    write_fallback_page(Path(site_dir))
    watch.lap("write")
    return {
        "docs": n_docs, "terms": term_count, "shards": shard_count,
        "vocab_shards": vocab_count, "bytes": writer.bytes,
        "seconds": round(time.perf_counter() - started, 3),
        # CPU of this process only: segmenting workers (see WEBPUB_SEARCH_JOBS) are not counted
        "cpu_seconds": round(sum(watch.phases.values()), 3), "cpu_phases": watch.phases,
        "workers": workers,
    }


class StreamingIndex:
    """An index fed page by page while the site is being rendered.

    MkDocs renders on one core; from ``STREAM_MIN_DOCS`` pages on, batches are
    segmented by worker processes at the same time, so the other core does the
    search work before the build reaches its end. Doc ids follow the order pages
    are added (MkDocs' own order, the same every build). A smaller site is
    segmented at the end in this process, as ``write_index`` does.
    """

    STREAM_MIN_DOCS = 400
    BATCH = 200

    def __init__(self, root: Path | None = None):
        self.root = root
        self.pending: list = []
        self.added = 0
        self.parts: list[tuple] = []  # (first id, docs, future or None), in id order
        self.pool = None
        self.folder: tempfile.TemporaryDirectory | None = None

    def add(self, doc) -> None:
        self.pending.append(doc)
        if len(self.pending) >= self.BATCH and (self.pool is not None or self.added + len(self.pending) >= self.STREAM_MIN_DOCS):
            self._submit()

    def _submit(self) -> None:
        if self.pool is None:
            self.folder = tempfile.TemporaryDirectory(prefix="webpub-search-")
            workers = _workers(PARALLEL_MIN_DOCS)
            # forkserver: the MkDocs process may run threads (mkdocs serve), fork is unsafe there
            self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("forkserver"))
        while self.pending:
            docs, self.pending = self.pending[:self.BATCH], self.pending[self.BATCH:]
            future = self.pool.submit(_segment_to_file, docs, self.root, self.added, self.folder.name)
            self.parts.append((self.added, docs, future))
            self.added += len(docs)

    def write(self, site_dir: Path) -> dict:
        """Write the index of every page added; returns figures as ``write_index`` does."""
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            started, watch = time.perf_counter(), _Stopwatch()
            if self.root is None:
                self.root = _repo_root(Path(site_dir))
            if self.pool is None:
                postings, records = _segment_all(self.pending, self.root)
                workers = _workers(len(self.pending))
            else:
                self._submit()
                postings, records = self._collect()
                workers = self.pool._max_workers
                self.close()  # the workers' memory is not needed while the shards are written
            watch.lap("segment")
            return _write_postings(Path(site_dir), postings, records, watch, started, workers)
        finally:
            self.close()
            if was_enabled:
                gc.enable()

    def _collect(self) -> tuple[_Postings, list[dict]]:
        merged, records = _Postings(), []
        for first, docs, future in self.parts:
            try:
                path = future.result()
                with open(path, "rb") as fh:
                    part, part_records = pickle.load(fh)
                os.unlink(path)
            except (OSError, BrokenProcessPool) as exc:
                log.info(t("search.in_process", error=exc))
                part, part_records = _segment_slice(docs, self.root, first)
            merged.merge(part)
            records += part_records
        return merged, records

    def close(self) -> None:
        """Stop the workers and remove their files (also when the build failed)."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None
        self.parts, self.pending = [], []
