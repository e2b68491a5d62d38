"""WP130-WP131 through `webpub check`: Pillow images with real EXIF GPS, XMP, huge headers."""

from __future__ import annotations

import pytest

import deep_files as f
from deep_check_kit import deep_check, rules


def test_clean_images_pass(tmp_repo, capsys):
    from PIL import Image

    camera_only = Image.Exif()
    camera_only[0x010F] = "Canon"
    files = {"photo.jpg": f.jpeg(exif=camera_only), "chart.png": f.png(), "plain.jpg": f.jpeg(),
             "progressive.jpg": f.jpeg(progressive=True)}
    assert deep_check(capsys, tmp_repo, files) == []


@pytest.mark.parametrize("name, builder, rule, said", [
    ("gps.jpg", lambda: f.jpeg(exif=f.gps_exif()), "WP130", "13.7583, 100.5000"),
    ("thumb.jpg", f.jpeg_gps_only_in_thumbnail, "WP130", "thumbnail"),
    ("xmp.jpg", f.jpeg_with_xmp_location, "WP130", "XMP"),
    ("gps.png", lambda: f.png(exif=f.gps_exif()), "WP130", "eXIf"),
    ("xmp.png", f.png_with_xmp_location, "WP130", "XMP"),
    ("huge.png", f.png_huge_header, "WP131", "100,000 x 100,000"),
    ("huge.jpg", f.jpeg_huge_header, "WP131", "60,000 x 60,000"),
], ids=lambda v: v if isinstance(v, str) and "." in v else None)
def test_hostile_image_is_refused(tmp_repo, capsys, name, builder, rule, said):
    found = deep_check(capsys, tmp_repo, {name: builder()})
    assert rules(found) == {rule}
    assert found[0]["message"].startswith(name) and said in found[0]["message"]
    if rule == "WP130":
        assert f"webpub strip-metadata content/news/{name}" in found[0]["hint"]
