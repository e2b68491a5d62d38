"""Object-stream filter decoding: the PDF reference's LZW example, PNG predictors, bounds."""

from __future__ import annotations

import pytest

import deep_files as f
from webpub.files.bounds import Budget, LimitExceeded, Limits
from webpub.files.pdf_filters import _lzw, decode_chain, undo_png_predictor


def test_lzw_example_from_the_pdf_reference():
    encoded = bytes.fromhex("800B6050220C0C8501")
    assert _lzw(encoded, Budget(Limits()), 1 << 20) == bytes.fromhex("2D2D2D2D2D412D2D2D42")


def test_lzw_output_is_capped():
    encoded = bytes.fromhex("800B6050220C0C8501")
    with pytest.raises(LimitExceeded):
        _lzw(encoded, Budget(Limits()), 4)


def test_png_up_predictor_round_trip():
    plain = bytes(range(200)) * 3
    assert undo_png_predictor(f.png_predict(plain, 10), 10)[:len(plain)] == plain


def test_unknown_filter_is_not_decoded():
    assert decode_chain(b"xx", [b"JBIG2Decode"], b"", Budget(Limits()), 100) is None
