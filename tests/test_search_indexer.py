"""The sharded search index written by webpub.search (files, format, scores)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from webpub.search import SearchDoc, build_search_index, indexer
from webpub.search.indexer import fnv1a, html_to_text, write_index

PROJECT = Path(__file__).resolve().parent.parent

DOCS = [
    SearchDoc("oia/manual/", "คู่มือการขอข้อมูลข่าวสาร",
              "<h2>ขั้นตอน</h2><p>ผู้ยื่นคำขอกรอกแบบฟอร์มแล้วส่งถึงศูนย์ข้อมูลข่าวสารของสำนักงาน</p>",
              "2026-10-01", "2.1"),
    SearchDoc("news/cloud/", "ประกาศจ้างบริการคลาวด์",
              "<p>สำนักงานประสงค์จะจ้างบริการคลาวด์ ราคากลาง 1,860,000 บาท</p>"
              "<script>var hidden = 'ห้ามค้นเจอ';</script>", "2026-11-10", "3.1"),
    SearchDoc("about/history/", "ประวัติ", "<p>ก่อตั้งเมื่อ พ.ศ. ๒๕๔๕ พร้อมการปฏิรูประบบราชการ</p>"),
]


def read(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


class Index:
    """Reads a written index the way search.js does."""

    def __init__(self, site: Path):
        self.root = site / "search-index"
        self.manifest = read(self.root / "manifest.json")
        self.base = self.root / self.manifest["base"]

    def postings(self, term: str):
        shard = read(self.base / "p" / f"{fnv1a(term) % self.manifest['shards']}.json")
        return shard.get(term)

    def docs_with(self, term: str) -> dict[int, tuple[int, int]]:
        """doc id -> (score, in_title) for a word (not a pair)."""
        flat, out, doc = self.postings(term), {}, 0
        if isinstance(flat, dict):
            bits = base64.b64decode(flat["b"])
            return {i: (flat["s"], 0) for i in range(len(bits) * 8) if bits[i >> 3] >> (i & 7) & 1}
        for delta, packed in zip(flat[0::2], flat[1::2]):
            doc += delta
            out[doc] = (packed >> 1, packed & 1)
        return out

    def pair_positions(self, pair: str) -> dict[int, list[int]]:
        flat, out, doc, k = self.postings(pair), {}, 0, 0
        while k < len(flat):
            doc += flat[k]
            count, k = flat[k + 2], k + 3
            where, at = [], 0
            for delta in flat[k:k + count]:
                at += delta
                where.append(at)
            out[doc], k = where, k + count
        return out

    def vocab(self, prefix: str) -> list[str]:
        return read(self.base / "v" / f"{fnv1a(prefix[:2]) % self.manifest['vocab']}.json")

    def doc(self, doc_id: int) -> dict:
        return read(self.base / "d" / f"{doc_id}.json")

    def doc_id(self, url: str) -> int:
        return next(i for i in range(self.manifest["docs"]) if self.doc(i)["u"] == url)


@pytest.fixture
def index(tmp_path) -> Index:
    figures = write_index(tmp_path, DOCS, root=PROJECT)
    assert figures["docs"] == 3 and figures["terms"] > 20 and figures["bytes"] > 0
    return Index(tmp_path)


def test_fnv1a_known_values():
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C  # the published FNV-1a 32-bit test vector
    assert fnv1a("ข้อมูล") != fnv1a("ข้อมูล ")


def test_html_to_text_drops_markup_and_scripts():
    text = html_to_text("<h2>หัวข้อ</h2><p>ย่อหน้า <b>หนา</b> &amp; ต่อ</p><script>x()</script><p>สอง</p>")
    assert text == "หัวข้อ\nย่อหน้า หนา & ต่อ\nสอง"


def test_manifest_and_layout(index):
    m = index.manifest
    assert m["version"] == 1 and m["docs"] == 3 and m["base"] == f"{m['build']}/"
    assert len(list((index.base / "p").glob("*.json"))) <= m["shards"]
    assert sorted(p.name for p in (index.base / "d").iterdir()) == ["0.json", "1.json", "2.json"]


def test_doc_records_keep_what_results_show(index):
    record = index.doc(index.doc_id("news/cloud/"))
    assert record["t"] == "ประกาศจ้างบริการคลาวด์"
    assert record["d"] == "2026-11-10" and record["c"] == "3.1"
    assert "ราคากลาง 1,860,000 บาท" in record["x"]
    assert "ห้ามค้นเจอ" not in record["x"]
    assert "d" not in index.doc(index.doc_id("about/history/"))


def test_words_compounds_and_parts_are_found(index):
    manual = index.doc_id("oia/manual/")
    assert manual in index.docs_with("ผู้ยื่นคำขอ")
    assert manual in index.docs_with("คำขอ")     # a part of the compound
    assert manual in index.docs_with("ยื่น")
    assert index.postings("ห้ามค้นเจอ") is None


def test_title_hits_are_flagged_and_outscore_body_hits(index):
    cloud, manual = index.doc_id("news/cloud/"), index.doc_id("oia/manual/")
    hits = index.docs_with("คลาวด์")
    assert hits[cloud][1] == 1
    assert index.docs_with("ข้อมูลข่าวสาร")[manual][1] == 1
    body_only = index.docs_with("ราคากลาง")[cloud][0]
    assert hits[cloud][0] > body_only


def test_thai_digits_and_abbreviations_are_normalised(index):
    history = index.doc_id("about/history/")
    assert history in index.docs_with("2545")
    assert index.postings("๒๕๔๕") is None


def test_pairs_carry_positions(index):
    manual = index.doc_id("oia/manual/")
    where = index.pair_positions("กรอก แบบฟอร์ม")[manual]
    follow = index.pair_positions("แบบฟอร์ม แล้ว")[manual]
    assert [p + 1 for p in where] == follow


def test_vocabulary_shards_hold_thai_words_by_prefix(index):
    assert "ผู้ยื่นคำขอ" in index.vocab("ผู้ยื่นคำขอ")
    assert "คลาวด์" in index.vocab("คลาวด์")
    assert all(" " not in w for w in index.vocab("กรอก"))


@pytest.fixture
def small_bitmaps(monkeypatch):
    """Bitmaps from 20 pages instead of 500, so the tests need few files."""
    monkeypatch.setattr(indexer, "BITMAP_MIN_DOCS", 20)


def test_common_terms_become_bitmaps(tmp_path, small_bitmaps):
    docs = [SearchDoc(f"n/{i:04d}/", f"ข่าวที่ {i}", f"<p>สำนักงานแจ้งข่าว รหัส{i:04d}</p>") for i in range(200)]
    write_index(tmp_path, docs, root=PROJECT)
    index = Index(tmp_path)
    assert isinstance(index.postings("สำนักงาน"), dict)
    assert len(index.docs_with("สำนักงาน")) == 200
    assert isinstance(index.postings("0007"), list)


def test_rebuild_replaces_the_old_index(tmp_path):
    write_index(tmp_path, DOCS, root=PROJECT)
    first = read(tmp_path / "search-index" / "manifest.json")["build"]
    write_index(tmp_path, DOCS[:2], root=PROJECT)
    second = read(tmp_path / "search-index" / "manifest.json")["build"]
    assert first != second
    assert [p.name for p in (tmp_path / "search-index").iterdir() if p.is_dir()] == [second]


def test_same_input_same_build(tmp_path):
    write_index(tmp_path / "a", DOCS, root=PROJECT)
    write_index(tmp_path / "b", list(reversed(DOCS)), root=PROJECT)
    assert read(tmp_path / "a/search-index/manifest.json") == read(tmp_path / "b/search-index/manifest.json")


def test_fallback_search_page_written_only_when_missing(tmp_path):
    build_search_index(tmp_path, DOCS)
    page = tmp_path / "search" / "index.html"
    assert "data-webpub-search-page" in page.read_text(encoding="utf-8")
    page.write_text("themed", encoding="utf-8")
    build_search_index(tmp_path, DOCS)
    assert page.read_text(encoding="utf-8") == "themed"


def test_empty_site(tmp_path):
    figures = write_index(tmp_path, [], root=PROJECT)
    assert figures["docs"] == 0 and figures["terms"] == 0
    assert read(tmp_path / "search-index" / "manifest.json")["docs"] == 0


def test_pairs_keep_positions_unless_on_most_pages(tmp_path, small_bitmaps):
    docs = [SearchDoc(f"n/{i:04d}/", f"หน้า {i}",
                      "<p>สำนักงานจัดประชุม" + (" ขั้นตอนการอนุญาต" if i % 5 == 0 else "") + f" รหัส{i:04d}</p>")
            for i in range(200)]
    write_index(tmp_path, docs, root=PROJECT)
    index = Index(tmp_path)
    assert isinstance(index.postings("สำนักงาน จัด"), dict)        # every page: bitmap
    assert isinstance(index.postings("ขั้นตอน การอนุญาต"), list)    # 40 pages: positions kept
    assert len(index.pair_positions("ขั้นตอน การอนุญาต")) == 40


def test_agency_terms_come_from_the_repository_above_the_site(tmp_path, monkeypatch):
    repo = tmp_path / "agency"
    (repo / "schema").mkdir(parents=True)
    (repo / "schema" / "categories.yml").write_text("version: 1\n", encoding="utf-8")
    (repo / "schema" / "search-terms.txt").write_text("คำเฉพาะหน่วยงานทดสอบ\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # not inside the repository
    docs = [SearchDoc("a/", "หน้า", "<p>มีคำเฉพาะหน่วยงานทดสอบอยู่ในประโยค</p>")]
    build_search_index(repo / "site", docs)
    assert Index(repo / "site").postings("คำเฉพาะหน่วยงานทดสอบ") is not None


def test_segmenting_in_several_processes_writes_the_same_index(tmp_path, monkeypatch):
    docs = DOCS + [SearchDoc(f"n/{i}/", f"ข่าว {i}", f"<p>ผู้ยื่นคำขอลำดับที่ {i} ส่งเอกสารครบ</p>") for i in range(9)]
    monkeypatch.setenv("WEBPUB_SEARCH_JOBS", "1")
    write_index(tmp_path / "one", docs, root=PROJECT)
    monkeypatch.setenv("WEBPUB_SEARCH_JOBS", "3")
    figures = write_index(tmp_path / "three", docs, root=PROJECT)
    assert figures["workers"] == 3
    one, three = Index(tmp_path / "one"), Index(tmp_path / "three")
    assert one.manifest == three.manifest
    for name in ("p", "v", "d"):
        for path in sorted((one.base / name).iterdir()):
            assert path.read_bytes() == (three.base / name / path.name).read_bytes(), path


def test_streaming_index_segments_in_workers_and_writes_the_same_files(tmp_path, monkeypatch):
    from webpub.search.indexer import StreamingIndex

    docs = sorted(DOCS + [SearchDoc(f"n/{i:02d}/", f"ข่าว {i}", f"<p>ผู้ยื่นคำขอลำดับที่ {i} ส่งเอกสารครบ</p>")
                          for i in range(25)], key=lambda d: d.url)
    monkeypatch.setattr(StreamingIndex, "STREAM_MIN_DOCS", 8)
    monkeypatch.setattr(StreamingIndex, "BATCH", 5)
    monkeypatch.setenv("WEBPUB_SEARCH_JOBS", "2")
    stream = StreamingIndex(PROJECT)
    for doc in docs:
        stream.add(doc)
    assert stream.pool is not None and len(stream.parts) >= 5  # segmenting began before the end
    folder = Path(stream.folder.name)
    figures = stream.write(tmp_path / "stream")
    assert figures["docs"] == len(docs) and figures["workers"] == 2
    assert not folder.exists() and stream.pool is None
    write_index(tmp_path / "batch", docs, root=PROJECT)
    streamed, batch = Index(tmp_path / "stream"), Index(tmp_path / "batch")
    assert streamed.manifest == batch.manifest
    for name in ("p", "v", "d"):
        for path in sorted((batch.base / name).iterdir()):
            assert path.read_bytes() == (streamed.base / name / path.name).read_bytes(), path


def test_small_streamed_site_is_segmented_here_and_close_is_safe(tmp_path):
    from webpub.search.indexer import StreamingIndex

    stream = StreamingIndex(PROJECT)
    for doc in DOCS:
        stream.add(doc)
    assert stream.pool is None
    assert stream.write(tmp_path)["docs"] == len(DOCS)
    stream.close()
    assert Index(tmp_path).doc_id("news/cloud/") >= 0
