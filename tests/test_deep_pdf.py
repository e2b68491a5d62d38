"""WP100-WP103 through `webpub check`: PDFs built with pikepdf, clean and hostile."""

from __future__ import annotations

import base64
import io
import zlib

import pikepdf
import pytest

import deep_files as f
from deep_check_kit import deep_check, rules


def test_clean_pdfs_pass(tmp_repo, capsys):
    files = {"report.pdf": f.pdf(), "objstm.pdf": f.pdf(objstm=True), "goto.pdf": f.pdf_open_goto()}
    assert deep_check(capsys, tmp_repo, files) == []


@pytest.mark.parametrize("builder, rule, said", [
    (lambda: f.pdf_js(), "WP100", "JavaScript"),
    (lambda: f.pdf_js(objstm=True), "WP100", "JavaScript"),
    (lambda: f.hex_escape_names(f.pdf_js()), "WP100", "#xx"),
    (lambda: f.pdf_launch(), "WP100", "Launch"),
    (lambda: f.pdf_open_uri(), "WP100", "OpenAction /URI"),
    (lambda: f.pdf_embedded(), "WP101", "ฝัง"),
    (lambda: f.pdf_encrypted(), "WP102", "รหัสผ่าน"),
    (lambda: f.pdf_encrypted(user=""), "WP102", "owner password"),
    (lambda: f.pdf_bomb(200), "WP103", "decompression bomb"),
], ids=["js", "js-in-object-stream", "hex-escaped-name", "launch", "open-uri", "embedded",
        "encrypted", "permission-locked", "bomb"])
def test_hostile_pdf_is_refused_with_its_rule(tmp_repo, capsys, builder, rule, said):
    found = deep_check(capsys, tmp_repo, {"hostile.pdf": builder()})
    assert rules(found) == {rule}
    message = found[0]["message"]
    assert message.startswith("hostile.pdf") and said in message
    assert found[0]["hint"] and found[0]["severity"] == "error"
    assert found[0]["path"] == "content/news/hostile.pdf"


@pytest.mark.parametrize("filters, encode", [
    ("/Filter [/ASCIIHexDecode /FlateDecode]", lambda p: zlib.compress(p).hex().encode() + b">"),
    ("/Filter /ASCII85Decode", lambda p: base64.a85encode(p) + b"~>"),
    ("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >>",
     lambda p: zlib.compress(f.png_predict(p, 7))),
], ids=["hex-flate", "ascii85", "png-predictor"])
def test_javascript_hidden_behind_other_object_stream_filters(tmp_repo, capsys, filters, encode):
    data = f.reencode_object_streams(f.pdf_js(objstm=True), filters, encode)
    assert b"JavaScript" not in data
    with pikepdf.open(io.BytesIO(data)) as reopened:  # still a PDF readers open
        assert "/OpenAction" in reopened.Root
    found = deep_check(capsys, tmp_repo, {"hidden.pdf": data})
    assert rules(found) == {"WP100"}
