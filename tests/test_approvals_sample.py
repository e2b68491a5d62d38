"""The shipped sample content carries complete signed approval chains."""

from __future__ import annotations

import re
import subprocess

from conftest import PROJECT, run_cli


def test_sample_verifies(sample_repo, capsys):
    code, out, err = run_cli(capsys, "verify")
    assert code == 0, out + err
    assert re.search(r"ผ่าน \d+ ไม่ผ่าน 0", out)


def test_no_private_key_is_committed():
    marker = "PRIVATE " + "KEY-----"  # split so this file does not match itself
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=PROJECT, capture_output=True, text=True).stdout
    for name in filter(None, tracked.split("\0")):
        path = PROJECT / name
        if path.is_file() and path.stat().st_size < 1 << 20:
            assert marker.encode() not in path.read_bytes(), name


def test_allowed_signers_are_public_keys_for_the_approval_namespace():
    lines = [ln for ln in (PROJECT / "schema" / "allowed_signers").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert lines and all('namespaces="webpub-approval"' in ln and " ssh-ed25519 AAAA" in ln for ln in lines)
