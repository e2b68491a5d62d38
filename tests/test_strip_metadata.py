"""`webpub strip-metadata`: lossless removal of location data from real Pillow images."""

from __future__ import annotations

import io

from PIL import Image

import deep_files as f
from conftest import run_cli, write
from webpub.files import inspect_bytes
from webpub.files.image import jpeg_segments


def scan_data(data: bytes) -> bytes:
    """Everything from the SOS marker on: the compressed picture."""
    for marker, start, _payload, _end in jpeg_segments(data):
        if marker == 0xDA:
            return data[start:]
    raise AssertionError("no scan")


def location_rules(data: bytes, name: str) -> set[str]:
    return {i.rule for i in inspect_bytes(data, name).issues} & {"WP130"}


def test_jpeg_gps_removed_without_reencoding(tmp_repo, capsys):
    original = f.jpeg(exif=f.gps_exif(), quality=90)
    path = write(tmp_repo, "content/news/photo.jpg", original)
    code, out, err = run_cli(capsys, "strip-metadata", str(path))
    assert code == 0, err
    cleaned = path.read_bytes()
    assert "ลบแล้ว ไดเรกทอรี GPS ใน EXIF (พิกัด GPS ประมาณ 13.7583, 100.5000)" in out
    assert len(cleaned) == len(original) and scan_data(cleaned) == scan_data(original)
    assert location_rules(cleaned, "photo.jpg") == set()
    exif = Image.open(io.BytesIO(cleaned)).getexif()
    assert exif.get(0x010F) == "Canon" and 0x8825 not in exif
    assert list(tmp_repo.joinpath("content/news").iterdir()) == [path], "no temp files left behind"


def test_gps_in_thumbnail_is_removed_too(tmp_repo, capsys):
    original = f.jpeg_gps_only_in_thumbnail()
    path = write(tmp_repo, "content/news/thumb.jpg", original)
    code, out, _ = run_cli(capsys, "strip-metadata", str(path))
    assert code == 0 and "ภาพย่อ" in out
    cleaned = path.read_bytes()
    assert location_rules(cleaned, "thumb.jpg") == set()
    assert scan_data(cleaned) == scan_data(original)
    Image.open(io.BytesIO(cleaned)).load()


def test_xmp_segment_with_location_is_dropped(tmp_repo, capsys):
    original = f.jpeg_with_xmp_location()
    path = write(tmp_repo, "content/news/xmp.jpg", original)
    code, out, _ = run_cli(capsys, "strip-metadata", str(path))
    assert code == 0 and "XMP" in out
    cleaned = path.read_bytes()
    assert b"GPSLatitude" not in cleaned and scan_data(cleaned) == scan_data(original)


def test_png_exif_and_xmp(tmp_repo, capsys):
    for name, original in (("exif.png", f.png(exif=f.gps_exif())), ("xmp.png", f.png_with_xmp_location())):
        path = write(tmp_repo, f"content/news/{name}", original)
        code, out, _ = run_cli(capsys, "strip-metadata", str(path))
        assert code == 0 and "ลบแล้ว" in out
        cleaned = path.read_bytes()
        assert location_rules(cleaned, name) == set()
        before, after = Image.open(io.BytesIO(original)), Image.open(io.BytesIO(cleaned))
        assert before.tobytes() == after.tobytes()


def test_dry_run_changes_nothing(tmp_repo, capsys):
    original = f.jpeg(exif=f.gps_exif())
    path = write(tmp_repo, "content/news/photo.jpg", original)
    code, out, _ = run_cli(capsys, "strip-metadata", "--dry-run", str(path))
    assert code == 0 and "จะลบ" in out and "--dry-run" in out
    assert path.read_bytes() == original


def test_clean_file_untouched_and_bad_input_is_a_clear_error(tmp_repo, capsys):
    clean = f.jpeg()
    path = write(tmp_repo, "content/news/clean.jpg", clean)
    code, out, _ = run_cli(capsys, "strip-metadata", str(path))
    assert code == 0 and "ไม่พบข้อมูลตำแหน่ง" in out and path.read_bytes() == clean
    pdf = write(tmp_repo, "content/news/doc.pdf", b"%PDF-1.4\n")
    code, out, err = run_cli(capsys, "strip-metadata", str(pdf))
    assert code == 2 and "JPEG และ PNG" in err and "Traceback" not in err
    code, out, err = run_cli(capsys, "strip-metadata", "content/news/missing.jpg")
    assert code == 2 and "ไม่พบไฟล์" in err


def help_text(capsys, command: str) -> str:
    """``webpub <command> --help`` as a person reads it (argparse exits after printing)."""
    import pytest

    with pytest.raises(SystemExit) as stop:
        run_cli(capsys, command, "--help")
    assert stop.value.code == 0
    return capsys.readouterr().out


def english_sentences(text: str) -> list[str]:
    """Runs of two or more English words outside the usage line (option names, values and
    file names such as ``--dry-run``, ``JPEG`` or ``schema/organization.yml`` stand alone)."""
    import re

    body = "\n".join(line for line in text.splitlines() if not line.startswith(("usage:", "วิธีใช้:")))
    return re.findall(r"\b[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,})+\b", body)


def test_help_is_thai(capsys):
    text = help_text(capsys, "strip-metadata")
    assert "ข้อมูลตำแหน่ง" in text and "--dry-run" in text
    assert english_sentences(text) == []
