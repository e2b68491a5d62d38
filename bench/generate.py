#!/usr/bin/env python3
"""Generate a realistic Thai agency repository for benchmarks.

    python bench/generate.py OUT --pages 10000 [--attachment-ratio 0.1] [--seed 1]

OUT gets this project's schema/, mkdocs.yml and overrides/, and N pages
of about 4 KB of Thai Markdown spread over the twelve categories (most in 3.1
news, as on a real site), a tenth with a small real attachment (PDF or PNG).
Every generated page is meant to pass `webpub check`; the benchmark reports
if not. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import struct
import sys
import zlib
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

WORDS = (
    "สำนักงาน คณะกรรมการ พัฒนา ระบบราชการ ประชาชน บริการ ข้อมูลข่าวสาร โปร่งใส "
    "ตรวจสอบ ได้ ประเมินผล ยุทธศาสตร์ แผนปฏิบัติราชการ งบประมาณ โครงการ นวัตกรรม "
    "ดิจิทัล หน่วยงาน ภาครัฐ ส่วนราชการ จังหวัด ท้องถิ่น เครือข่าย ความร่วมมือ "
    "การมีส่วนร่วม ประสิทธิภาพ คุณภาพ มาตรฐาน ผลสัมฤทธิ์ ตัวชี้วัด การให้บริการ "
    "อิเล็กทรอนิกส์ ระบบ ฐานข้อมูล เปิดเผย สาธารณะ ความคิดเห็น ข้อเสนอแนะ "
    "ผู้รับบริการ เจ้าหน้าที่ ข้าราชการ บุคลากร ฝึกอบรม สัมมนา ประชุม เชิงปฏิบัติการ "
    "รายงาน ผลการดำเนินงาน ประจำปี ไตรมาส กฎหมาย ระเบียบ ประกาศ คำสั่ง หลักเกณฑ์ "
    "แนวทาง คู่มือ ขั้นตอน กระบวนงาน ลดขั้นตอน อำนวยความสะดวก ประชาชน ธุรกิจ "
    "การจัดซื้อจัดจ้าง ราคากลาง ผู้เสนอราคา สัญญา พัสดุ ตรวจรับ เบิกจ่าย "
    "ความเสี่ยง การทุจริต ประพฤติมิชอบ คุณธรรม จริยธรรม ธรรมาภิบาล "
    "กรุงเทพมหานคร ภูมิภาค ศูนย์ราชการ สะดวก รวดเร็ว ทันสมัย ยั่งยืน"
).split()
CONNECTORS = "และ หรือ เพื่อ โดย ของ ใน ให้ กับ ที่ ซึ่ง จาก ตาม".split()

CATEGORY_WEIGHTS = [
    ("3.1", "news", 60), ("2.1", "oia", 12), ("1.2", "laws", 6), ("1.4", "knowledge", 6),
    ("1.1", "about", 4), ("2.2", "opendata", 3), ("1.3", "cio", 2), ("1.5", "faq", 2),
    ("1.6", "links", 1), ("3.2", "interaction", 2), ("3.3", "participation", 2),
]
OFFICERS = [
    ("strategy", "somchai.j"), ("digital", "wanpen.s"), ("service", "kittipong.m"),
    ("evaluation", "orawan.p"), ("legal", "preecha.l"), ("secretariat", "jintana.k"),
]
OIA_TOPICS = ["s7-1", "s7-2", "s7-3", "s7-4", "s9-1", "s9-2", "s9-3", "s9-4", "s9-5", "s9-6", "s9-7", "s9-8"]
NEWS_TOPICS = ["general", "announcement", "activity", "procurement-result"]


def sentence(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(6, 14)):
        parts.append(rng.choice(WORDS))
        if rng.random() < 0.3:
            parts.append(rng.choice(CONNECTORS))
    # Thai writes words together and spaces between phrases
    text, out = "", []
    for i, word in enumerate(parts):
        text += word
        if rng.random() < 0.25 or i == len(parts) - 1:
            out.append(text)
            text = ""
    return " ".join(out)


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def body(rng: random.Random, target_bytes: int, sections: list[str]) -> str:
    chunks = []
    headings = sections + [f"หัวข้อที่ {i}" for i in range(1, 4)]
    size, index = 0, 0
    while size < target_bytes:
        if index < len(headings) and (index == 0 or rng.random() < 0.3):
            chunks.append(f"## {headings[index]}\n")
            index += 1
        para = paragraph(rng)
        chunks.append(para + "\n")
        size += len(para.encode()) + 1
    while index < len(sections):
        chunks.append(f"## {sections[index]}\n\n{paragraph(rng)}\n")
        index += 1
    return "\n".join(chunks)


def tiny_pdf(text: str) -> bytes:
    """A minimal, valid PDF with one page of Latin text (xref offsets computed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def tiny_png(seed: int) -> bytes:
    width, height = 32, 32
    rows = b"".join(b"\x00" + bytes((seed + x + y) % 256 for x in range(width * 3)) for y in range(height))
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def frontmatter(fields: list[tuple[str, str]]) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in fields) + "---\n\n"


def make_page(rng: random.Random, n: int, category: str, folder: str, today: dt.date,
              attach: bool) -> tuple[str, str, dict[str, bytes]]:
    division, officer = rng.choice(OFFICERS)
    published = today - dt.timedelta(days=rng.randint(1, 300))
    title = f"{sentence(rng)[:60]} ฉบับที่ {n}"
    fields = [("title", f'"{title}"'), ("category", f'"{category}"')]
    sections: list[str] = []
    extra: list[tuple[str, str]] = []
    if category == "2.1":
        fields.append(("topic", rng.choice(OIA_TOPICS)))
    elif category == "3.1":
        fields.append(("topic", rng.choice(NEWS_TOPICS)))
    fields.append(("owner", f"\n  division: {division}\n  officer: {officer}"))
    fields.append(("published", published.isoformat()))
    if category in ("1.2", "1.4"):
        extra.append(("source", "ราชกิจจานุเบกษา"))
    if category == "3.1":
        extra.append(("expires", (today + dt.timedelta(days=rng.randint(30, 400))).isoformat()))
    if category in ("1.1", "1.3", "1.5", "1.6", "3.2", "3.3", "1.2", "1.4", "2.1", "2.2"):
        extra.append(("review_by", (today + dt.timedelta(days=rng.randint(30, 300))).isoformat()))
    files: dict[str, bytes] = {}
    slug = f"item-{n:05d}"
    if category == "2.2":
        sections = ["รายละเอียดชุดข้อมูล"]
        csv_name = f"{slug}.csv"
        files[csv_name] = "ปี,จำนวน\n2568,10\n2569,12\n".encode()
        extra.append(("dataset", "\n  data_type: ข้อมูลสถิติ\n  maintainer: กองยุทธศาสตร์\n"
                      "  maintainer_email: data@opdc.go.th\n  tag_string: [สถิติ]\n  notes: ข้อมูลตัวอย่าง\n"
                      "  objective: [พันธกิจหน่วยงาน]\n  update_frequency_unit: ปี\n  geo_coverage: ประเทศ\n"
                      "  data_source: สำนักงาน ก.พ.ร.\n  data_format: [CSV]\n  data_category: ข้อมูลสาธารณะ\n"
                      "  license_id: Open Data Common"))
        extra.append(("attachments", f"\n  - file: {csv_name}\n    title: ไฟล์ข้อมูล CSV"))
    elif attach:
        if rng.random() < 0.7:
            name = f"{slug}.pdf"
            files[name] = tiny_pdf(f"webpub benchmark document {n}")
        else:
            name = f"{slug}.png"
            files[name] = tiny_png(n)
        extra.append(("attachments", f"\n  - file: {name}\n    title: เอกสารประกอบ {n}"))
    text = frontmatter(fields + extra) + body(rng, 3600, sections)
    for name in files:
        if name.endswith(".csv"):
            text += f"\n[ดาวน์โหลดข้อมูล]({name})\n"
        else:
            text += f"\n[ดาวน์โหลดเอกสารประกอบ]({name})\n"
    return f"content/{folder}/{slug}.md", text, {f"content/{folder}/{k}": v for k, v in files.items()}


def copy_project(out: Path) -> None:
    for name in ("schema", "overrides"):
        if (PROJECT / name).exists():
            shutil.copytree(PROJECT / name, out / name, dirs_exist_ok=True)
    shutil.copy2(PROJECT / "mkdocs.yml", out / "mkdocs.yml")


def generate(out: Path, pages: int, attachment_ratio: float = 0.1, seed: int = 1,
             today: dt.date | None = None) -> dict:
    rng = random.Random(seed)
    today = today or dt.date(2026, 11, 26)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    copy_project(out)
    weights = [w for _, _, w in CATEGORY_WEIGHTS]
    total_bytes = attachments = 0
    for n in range(pages):
        category, folder, _ = rng.choices(CATEGORY_WEIGHTS, weights)[0]
        path, text, files = make_page(rng, n, category, folder, today, rng.random() < attachment_ratio)
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        target.write_bytes(data)
        total_bytes += len(data)
        for rel, blob in files.items():
            (out / rel).write_bytes(blob)
            attachments += 1
    return {"pages": pages, "attachments": attachments, "markdown_bytes": total_bytes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("out", type=Path, help="folder to create (replaced if it exists)")
    parser.add_argument("--pages", type=int, default=1000, help="number of pages")
    parser.add_argument("--attachment-ratio", type=float, default=0.1, help="share of pages with an attachment")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    args = parser.parse_args(argv)
    figures = generate(args.out, args.pages, args.attachment_ratio, args.seed)
    print(f"generated {figures['pages']:,} pages ({figures['markdown_bytes'] / figures['pages']:.0f} B avg), "
          f"{figures['attachments']:,} attachments in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
