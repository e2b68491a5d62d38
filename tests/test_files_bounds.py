"""Bombs are refused within 1 s and 200 MB of address space (enforced limits).

The second is the CPU time of the inspection itself, measured in the child: the
interpreter's start-up and imports are not the bomb's doing, and wall time on a
shared CI machine would measure the neighbours.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import deep_files as f
from webpub.files.bounds import Limits, load_limits

PROJECT = Path(__file__).resolve().parent.parent
RUNNER = textwrap.dedent("""
    import resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, (200 << 20, 200 << 20))
    from webpub.core.registry import rules_by_id
    from webpub.content.page import Asset
    from pathlib import Path
    path = Path(sys.argv[1])
    asset = Asset("content/news/" + path.name, path, path.stat().st_size)
    start = time.process_time()
    found = list(rules_by_id()["{rule}"].asset_check(asset, None))
    spent = time.process_time() - start
    print(" ".join(x.rule for x in found))
    print("%.3f" % spent)
""")


@pytest.mark.parametrize("name, builder, module, rule", [
    ("bomb.pdf", lambda: f.pdf_bomb(512), "pdf_bomb", "WP103"),
    ("bomb.zip", lambda: f.zip_ratio_bomb(1024), "archive_bomb", "WP127"),
    ("overlap.zip", lambda: f.zip_overlapping(1000), "archive_bomb", "WP127"),
    ("stream.docx", lambda: f.zip_ratio_bomb(512, base=f.docx(), name="word/media/big.bin"),
     "archive_bomb", "WP127"),
    ("pixels.png", lambda: f.png_huge_header(200_000, 200_000), "image_pixels", "WP131"),
])
def test_bomb_refused_within_one_second_and_200_mb(tmp_path, name, builder, module, rule):
    path = tmp_path / name
    path.write_bytes(builder())
    assert path.stat().st_size < 4 << 20, "the bomb itself fits the 4 MB attachment cap"
    done = subprocess.run([sys.executable, "-c", RUNNER.format(rule=rule), str(path)],
                          capture_output=True, text=True, timeout=60, cwd=PROJECT)
    assert done.returncode == 0, done.stderr
    rules, cpu_seconds = done.stdout.splitlines()
    assert rules.split() == [rule]
    assert float(cpu_seconds) < 1.0, f"inspection took {cpu_seconds} s of CPU"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name], "nothing extracted next to the file"


def test_limits_file_in_schema_matches_the_code():
    limits = load_limits(PROJECT / "schema")
    assert isinstance(limits, Limits)
    assert limits.image_pixels == 89_478_485 and limits.archive_entries == 2000
    text = (PROJECT / "schema" / "attachment-limits.yml").read_text(encoding="utf-8")
    for field in Limits.__dataclass_fields__:
        assert f"  {field}:" in text, f"{field} missing from schema/attachment-limits.yml"


def test_time_budget_is_reported_not_raised(tmp_path):
    from webpub.files import inspect_bytes

    found = inspect_bytes(f.pdf(objstm=True), "slow.pdf", Limits(seconds=-1))
    assert [i.rule for i in found.issues] == ["WP149"]


def test_a_huge_file_is_not_read_into_memory(tmp_path):
    from webpub.files import MAX_INSPECTED, findings_for
    from webpub.content.page import Asset

    path = tmp_path / "huge.pdf"
    with open(path, "wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(MAX_INSPECTED + 1)  # sparse: costs no disk
    asset = Asset("content/news/huge.pdf", path, path.stat().st_size)
    found = list(findings_for(asset, None, "WP149"))
    assert len(found) == 1 and "huge.pdf" in found[0].message
    assert asset._data is None, "the file was never read"
