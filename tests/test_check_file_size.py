"""WP018: at most 4 MB per file: 4,194,304 bytes pass, one byte more fails."""

from __future__ import annotations

import realfiles
from conftest import write
from pagekit import run_rule

LIMIT = 4 * 1024 * 1024


def padded_pdf(size: int) -> bytes:
    """A real PDF grown to exactly ``size`` bytes with a PDF comment before the xref."""
    pdf = realfiles.pdf_bytes()
    pad = size - len(pdf) - 2
    return pdf.replace(b"\nxref", b"\n%" + b"x" * pad + b"\nxref", 1)


def test_exactly_four_megabytes_passes(tmp_repo, capsys):
    data = padded_pdf(LIMIT)
    assert len(data) == LIMIT
    write(tmp_repo, "content/about/big.pdf", data)
    assert run_rule(capsys, "WP018") == []


def test_one_byte_more_fails(tmp_repo, capsys):
    data = padded_pdf(LIMIT + 1)
    assert len(data) == LIMIT + 1
    write(tmp_repo, "content/about/big.pdf", data)
    (hit,) = run_rule(capsys, "WP018")
    assert hit["path"] == "content/about/big.pdf"
    assert "4,194,305" in hit["message"]


def test_limit_comes_from_the_schema(tmp_repo, capsys):
    rules = tmp_repo / "schema" / "file-rules.yml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("max_bytes: 4194304", "max_bytes: 1000"),
                     encoding="utf-8")
    write(tmp_repo, "content/about/small.pdf", realfiles.pdf_bytes() + b"\n" * 1000)
    assert len(run_rule(capsys, "WP018")) == 1
