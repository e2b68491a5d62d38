"""The shipped sample site (content/): complete, clean, real attachments, no personal data.

The sample is what the README's first command builds, what other tests copy through
the ``sample_repo`` fixture, and what a new agency reads to learn the content contract.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, run_cli
from webpub.content.page import load_page

CONTENT = PROJECT / "content"
TODAY = dt.date(2026, 11, 26)  # the project's reference date (B.E. 2569, fiscal year 2570)
GENERATOR = PROJECT / "tests" / "fixtures" / "make_sample_attachments.py"


def sample_pages() -> list:
    pages = []
    for path in sorted(CONTENT.rglob("*.md")):
        rel = path.relative_to(PROJECT).as_posix()
        page = load_page(rel, path, path.read_bytes(), 65536)
        assert page.ok, f"{rel}: {page.load_problem}"
        pages.append(page)
    return pages


def categories() -> dict:
    data = yaml.safe_load((PROJECT / "schema" / "categories.yml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in data["categories"]}


def topics_of(pages, category: str) -> set[str]:
    return {p.topic for p in pages if p.category == category and p.topic}


def attachments() -> list[Path]:
    return sorted(p for p in CONTENT.rglob("*") if p.is_file() and p.suffix != ".md")


# ---------------------------------------------------------------- the checks pass


def test_sample_passes_every_check_without_warnings(sample_repo, capsys):
    code, out, _ = run_cli(capsys, "check", "--no-cache", "--format", "json", "--today", TODAY.isoformat())
    report = json.loads(out)
    assert report["findings"] == [], "\n".join(
        f"{f['path']}:{f['line']} {f['rule']} {f['message']}" for f in report["findings"]
    )
    assert code == 0
    assert report["files_checked"] >= 100


def test_a_bad_page_added_to_the_sample_is_caught(sample_repo, capsys):
    """The clean result above is earned: the same run flags a broken page."""
    bad = sample_repo / "content" / "news" / "2026-11-26-broken.md"
    bad.write_text(
        '---\ntitle: ข่าว\ncategory: "3.1"\ntopic: general\nowner:\n  division: nowhere\n'
        "  officer: nobody\npublished: 2026-11-26\n---\n\n[ลิงก์เสีย](missing.md)\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, "check", "--no-cache", "--format", "json", "--today", TODAY.isoformat())
    paths = {f["path"] for f in json.loads(out)["findings"]}
    assert code == 1
    assert paths == {"content/news/2026-11-26-broken.md"}


def test_plain_mkdocs_build_of_the_sample_has_no_warnings(sample_repo, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")],
        cwd=sample_repo, capture_output=True, text=True, timeout=600,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "NO_MKDOCS_2_WARNING": "1"},
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert not re.search(r"^(WARNING|ERROR)", log, re.M), log
    built = tmp_path / "site" / "news" / "2026-11-18-job-opening-computer-officer" / "index.html"
    assert "2026-11-18-job-application-form.docx" in built.read_text(encoding="utf-8")


# ---------------------------------------------------------------- completeness


def test_every_category_has_at_least_one_item():
    assert {p.category for p in sample_pages()} == set(categories())


def test_every_page_lives_in_its_category_folder():
    cats = categories()
    for page in sample_pages():
        assert page.path.split("/")[1] == cats[page.category]["dir"], page.path


def test_agency_information_has_every_topic_of_1_1():
    wanted = {t["id"] for t in categories()["1.1"]["topics"]}
    assert topics_of(sample_pages(), "1.1") == wanted


def test_contact_page_has_structured_fields_and_coordinates():
    contact = next(p for p in sample_pages() if p.topic == "contact")
    fields = contact.get("contact")
    assert {"address", "phone", "fax", "email", "latitude", "longitude"} <= set(fields)
    assert 5 < float(fields["latitude"]) < 21 and 97 < float(fields["longitude"]) < 106  # Thailand


def test_every_section_7_and_9_item_is_filed():
    wanted = {t["id"] for t in categories()["2.1"]["topics"]}
    assert topics_of(sample_pages(), "2.1") == wanted


def test_monthly_procurement_summaries_include_the_latest_months():
    periods = {p.get("period") for p in sample_pages() if p.topic == "s9-8-procurement-summary"}
    assert {"2026-08", "2026-09", "2026-10"} <= periods


def test_news_covers_every_kind_and_job_openings_are_still_open():
    pages = sample_pages()
    assert topics_of(pages, "3.1") == {t["id"] for t in categories()["3.1"]["topics"]}
    assert len([p for p in pages if p.category == "3.1"]) >= 10
    for page in pages:
        if page.topic in ("job-opening", "procurement-notice"):
            assert dt.date.fromisoformat(page.get("closing_date")) > TODAY, page.path
        if page.topic in ("training", "calendar"):
            assert dt.date.fromisoformat(page.get("event_date")) > TODAY, page.path


def test_interaction_and_participation_channels():
    pages = sample_pages()
    assert {"qa", "social", "complaint", "feedback"} <= topics_of(pages, "3.2")
    assert {"satisfaction-survey", "e-decision"} <= topics_of(pages, "3.3")


def test_some_items_carry_a_future_expiry_date():
    future = [p for p in sample_pages() if p.get("expires") and dt.date.fromisoformat(p.get("expires")) > TODAY]
    assert len(future) >= 3


def test_datasets_offer_csv_and_one_offers_json():
    datasets = [p for p in sample_pages() if p.category == "2.2"]
    assert len(datasets) >= 3
    suffixes = [{Path(a["file"]).suffix for a in p.get("attachments")} for p in datasets]
    assert all(".csv" in s for s in suffixes)
    assert any(".json" in s for s in suffixes)


def test_every_attachment_is_listed_by_a_page_and_linked_from_its_body():
    listed = set()
    for page in sample_pages():
        folder = Path(page.path).parent
        for item in page.get("attachments") or []:
            listed.add((folder / item["file"]).as_posix())
            assert f"]({item['file']})" in page.body, f"{page.path} does not link {item['file']}"
    on_disk = {p.relative_to(PROJECT).as_posix() for p in attachments()}
    assert on_disk == listed


# ---------------------------------------------------------------- real files, no personal data


def _text_of(path: Path) -> str:
    """The text inside an attachment, read with the format's own library (fails if it is not one)."""
    data = path.read_bytes()
    suffix = path.suffix
    if suffix == ".pdf":
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(data))
        assert "/JavaScript" not in reader.trailer["/Root"] and "/OpenAction" not in reader.trailer["/Root"]
        return "\n".join(page.extract_text() for page in reader.pages)
    if suffix == ".docx":
        import docx

        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    if suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    if suffix in (".jpg", ".png"):
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif(), f"{path.name} carries EXIF"
        return ""
    if suffix == ".zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.testzip() is None
            names = archive.namelist()
            assert all("/" not in n and ".." not in n and n.endswith(".pdf") for n in names)
            return "\n".join(_pdf_text(archive.read(n)) for n in names)
    if suffix == ".csv":
        assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
        assert len(rows) > 1 and len({len(r) for r in rows}) == 1, f"{path.name}: ragged rows"
        return data.decode("utf-8")
    if suffix == ".json":
        json.loads(data.decode("utf-8"))
        return data.decode("utf-8")
    raise AssertionError(f"unexpected attachment type {path}")


def _pdf_text(data: bytes) -> str:
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("path", attachments(), ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_attachment_is_a_real_small_file_of_its_type(path):
    assert path.stat().st_size < 64 * 1024
    text = _text_of(path)
    if path.suffix in (".pdf", ".docx"):
        assert re.search("[\u0e01-\u0e4f]", text), f"{path.name} has no Thai text"


def _valid_thai_id(digits: str) -> bool:
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return digits[0] not in "09" and (11 - total % 11) % 10 == int(digits[12])


def _id_like_numbers(text: str) -> list[str]:
    """Every 13-digit window, also across the separators an ID is written with."""
    found = []
    for run in re.findall(r"\d(?:[\d -]*\d)?", text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))):
        digits = re.sub(r"\D", "", run)
        found += [digits[i:i + 13] for i in range(len(digits) - 12) if _valid_thai_id(digits[i:i + 13])]
    return found


def test_the_id_detector_of_this_test_works():
    assert _id_like_numbers("เลข 3-1006-00445-63-5 ในเอกสาร") == ["3100600445635"]
    assert _id_like_numbers("โทร 0 2356 9999 ต่อ 8817") == []


def test_no_national_id_numbers_in_pages_or_attachments():
    leaks = []
    for page in sample_pages():
        # digests and signatures in `approvals` are hex/base64, not numbers a person has
        text = re.sub(r"[0-9a-f]{32,}|[A-Za-z0-9+/=]{40,}", " ", page.text)
        leaks += [(page.path, n) for n in _id_like_numbers(text)]
    for path in attachments():
        leaks += [(path.name, n) for n in _id_like_numbers(_text_of(path))]
    assert leaks == []


def test_the_generator_reproduces_the_committed_attachments(tmp_path):
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    generated = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    committed = {p.relative_to(CONTENT).as_posix(): p.read_bytes() for p in attachments()}
    assert generated.keys() == committed.keys()
    assert [name for name in generated if generated[name] != committed[name]] == []
