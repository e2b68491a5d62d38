"""``webpub strip-metadata FILE``: remove location data from a JPEG or PNG, losslessly.

The picture itself is never re-encoded: the EXIF GPS directory is wiped and its
pointer removed (same segment size), segments or chunks that carry location (XMP,
IPTC, PNG text profiles) are dropped, and every other byte is copied as it was.
The file is replaced atomically, and only when something was removed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from webpub.fileio import write_atomically
from webpub.files.image import strip_location
from webpub.core.results import UsageError


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE", help="ไฟล์ภาพ JPEG หรือ PNG (image file to clean)")
    parser.add_argument("--dry-run", action="store_true",
                        help="แสดงสิ่งที่จะลบโดยไม่แก้ไฟล์ (show what would be removed, change nothing)")


def run(args) -> int:
    path = Path(args.file)
    if not path.is_file() or path.is_symlink():
        raise UsageError(f"ไม่พบไฟล์ภาพ {args.file} (ต้องเป็นไฟล์จริง ไม่ใช่ symbolic link)")
    data = path.read_bytes()
    try:
        new, removed = strip_location(data)
    except ValueError:
        raise UsageError(f"{args.file}: รองรับเฉพาะภาพ JPEG และ PNG") from None
    if not removed:
        print(f"{args.file}: ไม่พบข้อมูลตำแหน่ง ไม่ได้แก้ไขไฟล์")
        return 0
    verb = "จะลบ" if args.dry_run else "ลบแล้ว"
    for item in removed:
        print(f"{args.file}: {verb} {item}")
    if args.dry_run:
        print(f"{args.file}: ยังไม่ได้แก้ไขไฟล์ (--dry-run)")
        return 0
    write_atomically(path, new)
    print(f"{args.file}: ขนาดเดิม {len(data):,} ไบต์ ขนาดใหม่ {len(new):,} ไบต์ เนื้อภาพไม่ถูกเข้ารหัสใหม่")
    return 0


    sys.stdout.flush()
