"""A tiny valid PDF for tests that need an attachment but not its content."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))


def tiny_pdf_bytes(text: str = "webpub test") -> bytes:
    from generate import tiny_pdf

    return tiny_pdf(text)
