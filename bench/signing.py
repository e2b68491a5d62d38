"""Sign benchmark content in-process: real Ed25519 SSHSIG approvals, made fast.

`ssh-keygen -Y sign` costs a process per signature; a benchmark of 10,000 items
needs 30,000. These make byte-for-byte the same armored signature with
`cryptography` (bench/verify_bench.py cross-checks one with `ssh-keygen -Y verify`).
Throwaway keys for generated content only.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import struct
import sys
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))
from webpub.approvals import records  # noqa: E402
from webpub.approvals.digest import content_digest, split, worktree_reader  # noqa: E402
from webpub.approvals.org import Org  # noqa: E402
from webpub.approvals.writer import with_records  # noqa: E402
from webpub.repo import Repo  # noqa: E402

NAMESPACE = b"webpub-approval"


def ssh_string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def key_blob(key: Ed25519PrivateKey) -> bytes:
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return ssh_string(b"ssh-ed25519") + ssh_string(raw)


def sshsig(key: Ed25519PrivateKey, message: bytes) -> str:
    """An armored SSHSIG exactly as `ssh-keygen -Y sign -n webpub-approval` makes it."""
    hashed = hashlib.sha512(message).digest()
    signed = b"SSHSIG" + ssh_string(NAMESPACE) + ssh_string(b"") + ssh_string(b"sha512") + ssh_string(hashed)
    signature = ssh_string(b"ssh-ed25519") + ssh_string(key.sign(signed))
    blob = (b"SSHSIG" + struct.pack(">I", 1) + ssh_string(key_blob(key)) + ssh_string(NAMESPACE)
            + ssh_string(b"") + ssh_string(b"sha512") + ssh_string(signature))
    text = base64.b64encode(blob).decode()
    lines = [text[i:i + 70] for i in range(0, len(text), 70)]
    return "\n".join(["-----BEGIN SSH SIGNATURE-----", *lines, "-----END SSH SIGNATURE-----"])


def signer_line(person: str, key: Ed25519PrivateKey) -> str:
    return f'{person} namespaces="webpub-approval" ssh-ed25519 {base64.b64encode(key_blob(key)).decode()}'


def signed_page(rel: str, raw: bytes, chain: dict[str, str], keys: dict, at: str, reader) -> bytes:
    """``raw`` with one signed record per role of ``chain`` (role -> person)."""
    digest = content_digest(rel, raw, reader)
    recs = []
    for role, person in chain.items():
        record = {"role": role, "person": person, "at": at, "digest": digest}
        record["sig"] = sshsig(keys[person], records.message(record, rel))
        recs.append(record)
    return with_records(rel, raw, recs, reader)


def sign_repo(root: Path, at: dt.datetime) -> int:
    """Approve every page under ``root/content`` the way the guideline's chain would:
    the owner division's director, the web head and a webmaster, each with a fresh
    key registered in ``schema/allowed_signers``. Returns the number of pages signed."""
    org = Org(Repo(root).organization)
    people = sorted({p for role in ("web_head", "webmaster") for p in org.role_members(role)}
                    | {p for d in org.divisions for p in org.directors(d)})
    keys = {person: Ed25519PrivateKey.generate() for person in people}
    (root / "schema" / "allowed_signers").write_text(
        "\n".join(signer_line(p, k) for p, k in keys.items()) + "\n", encoding="utf-8")
    reader = worktree_reader(root)
    stamp = records.bangkok_time(at)
    signed = 0
    for path in sorted((root / "content").rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        raw = path.read_bytes()
        chain = org.chain_for(split(raw).meta)
        if chain is None:
            continue
        path.write_bytes(signed_page(rel, raw, chain, keys, stamp, reader))
        signed += 1
    return signed
