#!/usr/bin/env python3
"""Benchmark the deep attachment checks of `webpub check` over mixed real attachments.

    python bench/attachments_bench.py [--files 1000] [--out bench-out/attachments]

Builds a repository with FILES attachments, listed by news pages (20 per page), (PDF, DOCX, XLSX, JPEG, PNG, ZIP, CSV,
TXT; 50 KB - 4 MB, made by pikepdf, python-docx, openpyxl, Pillow, zipfile), then
measures in the same run:
  baseline  read + SHA-256 of every file, one process (the I/O floor)
  cold      `webpub check --no-cache` (all rules, all cores)  -> MB/s, ratio to baseline,
            and MB per CPU-second (stable when other work shares the machine)
  warm      `webpub check` again on the unchanged repository (result cache)
Goals (issue 6): cold >= 20 MB/s; warm <= 2 s. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
KB, MB = 1024, 1024 * 1024


def noise_jpeg(width: int, height: int, quality: int = 90) -> bytes:
    from PIL import Image

    img = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality)
    return out.getvalue()


def noise_png(width: int, height: int) -> bytes:
    from PIL import Image

    rows = bytes(random.getrandbits(8) & 0xF0 for _ in range(width * 3)) * height
    out = io.BytesIO()
    Image.frombytes("RGB", (width, height), rows).save(out, "PNG")
    return out.getvalue()


def text_pdf(pages: int, images: int = 0) -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    picture = noise_jpeg(400, 300) if images else None
    for number in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
        page = pdf.pages[-1]
        lines = "".join(f"({'Report line %d of page %d, budget %d baht' % (i, number, i * 977)}) Tj T* "
                        for i in range(45))
        resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        content = f"BT /F1 10 Tf 12 TL 50 800 Td {lines} ET"
        if picture and number < images:
            image = pikepdf.Stream(pdf, picture)
            image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
            image.Width, image.Height, image.BitsPerComponent = 400, 300, 8
            image.ColorSpace, image.Filter = pikepdf.Name.DeviceRGB, pikepdf.Name.DCTDecode
            resources.XObject = pikepdf.Dictionary(Im1=image)
            content += " q 400 0 0 300 100 100 cm /Im1 Do Q"
        page.Resources = resources
        page.Contents = pdf.make_stream(content.encode())
    out = io.BytesIO()
    pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def docx_file(paragraphs: int, pictures: int) -> bytes:
    import docx

    document = docx.Document()
    for i in range(paragraphs):
        document.add_paragraph(f"ย่อหน้าที่ {i} รายงานผลการดำเนินงานประจำปีงบประมาณ พ.ศ. 2567 ของหน่วยงาน")
    for _ in range(pictures):
        document.add_picture(io.BytesIO(noise_jpeg(500, 400)))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_file(rows: int) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("ข้อมูล")
    sheet.append(["ลำดับ", "หน่วยงาน", "งบประมาณ", "หมายเหตุ"])
    for i in range(rows):
        sheet.append([i, f"หน่วยงานที่ {i}", i * 1234.5, "ดำเนินการแล้ว"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_file(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


def csv_file(rows: int) -> bytes:
    lines = ["ลำดับ,จังหวัด,จำนวน,วันที่"] + [f"{i},เชียงใหม่,{i * 7 % 1000},2024-01-{i % 28 + 1:02d}"
                                             for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def templates() -> list[tuple[str, bytes]]:
    """A few real files per kind, 50 KB - 4 MB."""
    random.seed(6)
    made = [
        ("pdf", text_pdf(20)), ("pdf", text_pdf(60, images=4)), ("pdf", text_pdf(120, images=20)),
        ("pdf", text_pdf(200, images=45)),
        ("docx", docx_file(200, 1)), ("docx", docx_file(400, 6)), ("docx", docx_file(300, 15)),
        ("xlsx", xlsx_file(3000)), ("xlsx", xlsx_file(30000)),
        ("jpg", noise_jpeg(300, 200)), ("jpg", noise_jpeg(900, 700)), ("jpg", noise_jpeg(1500, 1100)),
        ("png", noise_png(300, 200)), ("png", noise_png(900, 700)),
        ("csv", csv_file(2000)), ("csv", csv_file(60000)), ("txt", csv_file(5000)),
    ]
    made.append(("zip", zip_file({"report.pdf": made[1][1], "photo.jpg": made[10][1], "data.csv": made[14][1]})))
    return [(ext, data) for ext, data in made if 50 * KB <= len(data) <= 4 * MB]


def build_repo(out: Path, files: int) -> tuple[int, dict[str, int]]:
    if out.exists():
        shutil.rmtree(out)
    (out / "content" / "news").mkdir(parents=True)
    shutil.copytree(PROJECT / "schema", out / "schema")
    if (PROJECT / "mkdocs.yml").exists():
        shutil.copy2(PROJECT / "mkdocs.yml", out / "mkdocs.yml")
    kinds = templates()
    total, per_kind, names = 0, {}, []
    for i in range(files):
        ext, data = kinds[i % len(kinds)]
        names.append(f"file-{i:04d}.{ext}")
        (out / "content" / "news" / names[-1]).write_bytes(data)
        total += len(data)
        per_kind[ext] = per_kind.get(ext, 0) + 1
    for start in range(0, files, PER_PAGE):
        write_page(out / "content" / "news" / f"item-{start // PER_PAGE:03d}.md", names[start:start + PER_PAGE])
    return total, per_kind


PER_PAGE = 20


def write_page(path: Path, files: list[str]) -> None:
    """A news item listing its attachments, so they are referenced (as in a real site)."""
    listed = "".join(f"  - {{file: {name}, title: เอกสาร {name}}}\n" for name in files)
    path.write_text(
        "---\ntitle: ข่าวพร้อมเอกสารแนบ\ncategory: \"3.1\"\ntopic: general\nowner:\n"
        "  division: secretariat\n  officer: jintana.k\npublished: 2024-01-15\n"
        f"attachments:\n{listed}---\n\nข่าวประชาสัมพันธ์พร้อมเอกสารแนบ\n", encoding="utf-8")


def baseline(repo: Path) -> float:
    start = time.perf_counter()
    for path in sorted((repo / "content").rglob("*")):
        if path.is_file():
            hashlib.sha256(path.read_bytes()).hexdigest()
    return time.perf_counter() - start


def run_check(repo: Path, *extra: str) -> tuple[float, dict]:
    """Wall seconds and the JSON report; CPU seconds of the run go in report["cpu"]."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "webpub", "check", "--format", "json", *extra],
                          cwd=repo, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        report = json.loads(done.stdout)
    except ValueError:
        report = {"findings": [], "error": done.stderr[-2000:]}
    report["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="number of attachments")
    parser.add_argument("--out", default="bench-out/attachments", help="where to build the repository")
    args = parser.parse_args()
    repo = Path(args.out).resolve()
    t0 = time.perf_counter()
    total, per_kind = build_repo(repo, args.files)
    print(f"built {args.files} attachments, {total / MB:.1f} MB in {time.perf_counter() - t0:.1f} s: {per_kind}")
    base = baseline(repo)
    cold, report = run_check(repo, "--no-cache")
    run_check(repo)            # fills the cache
    warm, _ = run_check(repo)  # unchanged repository
    deep = [f for f in report.get("findings", []) if 100 <= int(f["rule"][2:]) <= 149]
    print(f"baseline read+sha256 : {base:7.2f} s  {total / MB / base:8.1f} MB/s")
    print(f"webpub check (cold)  : {cold:7.2f} s  {total / MB / cold:8.1f} MB/s  "
          f"ratio to baseline {cold / base:.1f}x  (goal >= 20 MB/s)")
    print(f"  CPU seconds (all workers) {report['cpu']:.1f} -> {total / MB / max(report['cpu'], 1e-9):.1f} MB per "
          f"CPU-second; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"webpub check (cache) : {warm:7.2f} s  (goal <= 2 s)")
    print(f"deep findings on the clean corpus: {len(deep)} (expected 0)")
    for finding in deep[:5]:
        print("  ", finding["rule"], finding["path"], finding["message"][:100])
    if "error" in report:
        print(report["error"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
