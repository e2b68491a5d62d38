"""Signing every page of a test repository the way the sample is signed (scripts/sign-sample.py:
throwaway keys, the organisation's own approval chain), so reports count the pages as on the site."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

from conftest import PROJECT

_spec = importlib.util.spec_from_file_location("sign_sample", PROJECT / "scripts" / "sign-sample.py")
sign_sample = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sign_sample)

SIGNED_AT = dt.datetime(2026, 11, 20, 4, 0, tzinfo=dt.timezone.utc)


def sign_all(repo: Path, now: dt.datetime = SIGNED_AT) -> int:
    """Approve every page under ``repo``/content; returns how many were signed."""
    return sign_sample.sign_tree(Path(repo), now=now, log=lambda *_: None)
