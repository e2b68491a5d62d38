"""Approval records: their canonical signed form, signing, and writing them back.

A record is ``{role, person, at, digest, [ref], [signer], sig}``. The signed
message is the canonical JSON of every field except ``sig`` plus
``"type": "webpub-approval/1"`` and ``"item"``: the page's repository path, which
the verifier supplies, so a record pasted into another item no longer verifies.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

from webpub.approvals import NAMESPACE
from webpub.approvals.canonical import canonical_json
from webpub.content import frontmatter
from webpub.dates import BANGKOK
from webpub.messages import t

RECORD_TYPE = "webpub-approval/1"
FIELDS = ("role", "person", "at", "digest", "ref", "signer", "sig")
REQUIRED = ("role", "person", "at", "digest", "sig")


class SigningError(Exception):
    """ssh-keygen refused to sign; message in Thai."""


def message(record: dict, item: str) -> bytes:
    signed = {k: str(v) for k, v in record.items() if k != "sig" and v is not None}
    signed["item"] = item
    signed["type"] = RECORD_TYPE
    return canonical_json(signed)


def bangkok_time(when: dt.datetime) -> str:
    return when.astimezone(BANGKOK).replace(microsecond=0).isoformat()


def parse_at(value) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return when if when.tzinfo else None


def ssh_sign(data: bytes, key_path: str | Path) -> str:
    """An armored SSHSIG over ``data`` made by ``ssh-keygen -Y sign``."""
    try:
        done = subprocess.run(
            ["ssh-keygen", "-q", "-Y", "sign", "-f", str(key_path), "-n", NAMESPACE],
            input=data, capture_output=True, timeout=60,
        )
    except FileNotFoundError:
        raise SigningError(t("approvals.no_ssh_keygen")) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()
        raise SigningError(t("approvals.sign_failed", detail=detail))
    return done.stdout.decode("ascii").strip()


def make_record(role: str, person: str, at: dt.datetime, digest: str, item: str,
                key_path, ref: str | None = None, signer: str | None = None) -> dict:
    record = {"role": role, "person": person, "at": bangkok_time(at), "digest": digest}
    if ref:
        record["ref"] = ref
    if signer:
        record["signer"] = signer
    record["sig"] = ssh_sign(message(record, item), key_path)
    return record


# -- writing back into the frontmatter ----------------------------------
def to_yaml(records: list[dict]) -> str:
    lines = ["approvals:"]
    for record in records:
        first = True
        for name in FIELDS:
            if name not in record or name == "sig":
                continue
            lines.append(f"{'  - ' if first else '    '}{name}: {json.dumps(str(record[name]), ensure_ascii=False)}")
            first = False
        lines.append("    sig: |-")
        lines.extend(f"      {ln}" for ln in str(record["sig"]).strip().splitlines())
    return "\n".join(lines) + "\n"


def replace_approvals(text: str, records: list[dict]) -> str:
    """``text`` with only the top-level ``approvals`` block replaced (or appended)."""
    return frontmatter.replace_block(text, "approvals", to_yaml(records))
