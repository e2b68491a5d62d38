"""Text normalisation and Thai word segmentation shared by the index and (mirrored) the browser.

The browser script ``overrides/assets/webpub-search/search.js`` applies the same
``normalise`` steps; keep the two in step (tests compare them on the same input).

Thai runs are cut with newmm (nlpo3, the Rust port, when installed: ~7x faster than
pythainlp with identical output) over pythainlp's word list plus the agency's own terms
from ``schema/search-terms.txt``. A compound that newmm keeps whole (ข้อมูลข่าวสาร,
ยื่นคำขอ) is also indexed as its parts, at half weight (the indexer counts words twice, parts once), so a word typed alone still
finds the page that only has the compound. A hyphenated Latin term (e-Service) is also
indexed joined (eservice), at the parts' weight.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TERMS_FILE = Path("schema") / "search-terms.txt"
# Parts shorter than this (สำ|นักงาน, มา|ตรา) are accidents of spelling, not words a
# reader would look for inside the compound.
MIN_PART = 3

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")  # catalogue-exempt: digits people type, folded
_HAS_THAI_DIGIT = re.compile("[๐-๙]")  # catalogue-exempt: a pattern for the digits people type
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# ก.พ.ร. / ส.ค.ส. and similar abbreviations are searched without their dots.
_THAI_ABBREVIATION = re.compile(r"(?:[\u0e01-\u0e2e]{1,3}\.){2,}")
_TOKEN = re.compile(r"[\u0e01-\u0e4e]+|[0-9a-z\u00c0-\u024f]+")
_THAI = re.compile(r"[\u0e01-\u0e4e]")
# e-service, e-bidding, covid-19: also indexed joined (eservice), since people type it so;
# spaced (e service) and hyphenated (e-Service) queries already meet the separate words.
_LATIN_COMPOUND = re.compile(r"[0-9a-z]+(?:-[0-9a-z]+)+")


def normalise(text: str) -> str:
    """NFC, lower case, Thai digits to ASCII, nikhahit+sara aa to sara am, no invisible marks."""
    text = unicodedata.normalize("NFC", text).lower()
    if _HAS_THAI_DIGIT.search(text):  # str.translate is slow on long text; most has none
        text = text.translate(_THAI_DIGITS)
    text = _INVISIBLE.sub("", text).replace("\u0e4d\u0e32", "\u0e33")  # catalogue-exempt: spelling fold
    return _THAI_ABBREVIATION.sub(lambda m: m.group(0).replace(".", ""), text)


def is_thai(term: str) -> bool:
    return bool(_THAI.match(term))


def read_agency_terms(root: Path | None) -> list[str]:
    """Agency words (one a line, ``#`` comments) from ``schema/search-terms.txt``, if present."""
    if root is None or not (root / TERMS_FILE).is_file():
        return []
    terms = []
    for line in (root / TERMS_FILE).read_text(encoding="utf-8").splitlines():
        word = normalise(line.split("#", 1)[0].strip())
        if word:
            terms.append(word)
    return terms


@dataclass
class Tokens:
    """A text's words in reading order, and the parts of its compound words."""

    words: list[str]
    parts: list[str]


class ThaiSegmenter:
    """newmm over a fixed dictionary; remembers how it split every compound it has seen."""

    def __init__(self, extra_words: list[str] = ()):
        from pythainlp.corpus import thai_words

        words = set(thai_words()) | set(extra_words)  # pythainlp's list is NFC, no digits
        self.words = frozenset(w for w in words if w and not w.isspace())
        self.longest = max((len(w) for w in self.words), default=1)
        self._cut = self._make_cutter()
        self.parts = lru_cache(maxsize=200_000)(self._parts)
        self.nested_parts = lru_cache(maxsize=200_000)(self._nested_parts)
        self._expand = lru_cache(maxsize=500_000)(self._expand_piece)

    def _make_cutter(self):
        """A function from normalised text to newmm words (spaces and Latin pass through)."""
        try:
            import nlpo3
        except ImportError:
            return self._pythainlp_cutter()
        with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as fh:
            fh.write("\n".join(sorted(self.words)))
        name = f"webpub-{id(self)}"
        try:
            nlpo3.load_dict(fh.name, name)
        finally:
            Path(fh.name).unlink()
        return lambda text: nlpo3.segment(text, name)  # its safe=True garbles words (nlpo3 1.4.0)

    def _pythainlp_cutter(self):
        from pythainlp.tokenize import word_tokenize
        from pythainlp.util import Trie

        trie = Trie(self.words)
        return lambda text: word_tokenize(text, custom_dict=trie, engine="newmm")

    def _parts(self, word: str) -> tuple[str, ...]:
        """The fewest dictionary words (other than ``word``) that spell ``word``; () if none."""
        n = len(word)
        if n < 2 * MIN_PART:
            return ()
        best: list[tuple[int, int] | None] = [None] * (n + 1)  # (pieces, previous end)
        best[0] = (0, -1)
        for start in range(n):
            if best[start] is None:
                continue
            for end in range(start + MIN_PART, min(n, start + self.longest) + 1):
                if end - start == n or word[start:end] not in self.words:
                    continue
                if best[end] is None or best[start][0] + 1 < best[end][0]:
                    best[end] = (best[start][0] + 1, start)
        if best[n] is None:
            return ()
        pieces, end = [], n
        while end > 0:
            start = best[end][1]
            pieces.append(word[start:end])
            end = start
        return tuple(reversed(pieces))

    def _expand_piece(self, piece: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        words, parts = [], []
        for match in _TOKEN.finditer(piece):
            word = match.group(0)
            if not is_thai(word):
                words.append(word)
            elif len(word) > 1:
                words.append(word)
                parts.extend(self.nested_parts(word))
        return tuple(words), tuple(parts)

    def _nested_parts(self, word: str) -> tuple[str, ...]:
        """Parts, and the parts of those parts (ผู้ยื่นคำขอ: ผู้, ยื่นคำขอ, ยื่น, คำขอ)."""
        out: list[str] = []
        for part in self.parts(word):
            out.append(part)
            out.extend(self.nested_parts(part))
        return tuple(out)

    def tokens(self, text: str) -> Tokens:
        """Index tokens of already-normalised text."""
        out = Tokens([], [])
        for piece in self._cut(text):
            words, parts = self._expand(piece)
            out.words.extend(words)
            out.parts.extend(parts)
        if "-" in text:
            out.parts.extend(m.group(0).replace("-", "") for m in _LATIN_COMPOUND.finditer(text))
        return out


@lru_cache(maxsize=4)
def segmenter_for(root: Path | None) -> ThaiSegmenter:
    return ThaiSegmenter(read_agency_terms(root))
