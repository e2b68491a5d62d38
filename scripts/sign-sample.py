#!/usr/bin/env python3
"""Sign the sample content with throwaway keys (a maintainer tool; never for real content).

    python scripts/sign-sample.py [--dry-run]

Generates an Ed25519 key per approver in a temporary folder, writes their public keys
into schema/allowed_signers, signs every sample item's director, web-head and webmaster
records (`webpub approve`'s code path: only `approvals` changes), then deletes the
private keys with the folder. Re-run it whenever the sample content changes. Real
agencies register their people's own keys instead (docs/guides/maintainer.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from webpub.approvals import records  # noqa: E402
from webpub.approvals.digest import DigestError, content_digest, split, worktree_reader  # noqa: E402
from webpub.approvals.org import Org  # noqa: E402
from webpub.approvals.writer import current_records, merge_role, with_records  # noqa: E402
from webpub.fileio import write_atomically  # noqa: E402
from webpub.repo import Repo  # noqa: E402

HEADER = """\
# Allowed approval signers (git / OpenSSH allowed_signers format).
# principal  options  key-type  public-key  comment
# The sample site's keys below are throwaway keys made by scripts/sign-sample.py; their private
# halves were deleted. An agency replaces them with its people's own public keys and the
# publishing bot's key (docs/guides/maintainer.md).
"""


def keygen(folder: Path, person: str) -> Path:
    key = folder / person
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"{person} (sample)", "-f", str(key)],
                   check=True, capture_output=True)
    return key


def signer_lines(keys: dict[str, Path], now: dt.datetime) -> list[str]:
    after = (now - dt.timedelta(days=1)).strftime("%Y%m%d")
    before = (now + dt.timedelta(days=3 * 365)).strftime("%Y%m%d")
    lines = []
    for person, key in sorted(keys.items()):
        kind, blob, *_ = Path(str(key) + ".pub").read_text().split()
        lines.append(f'{person} namespaces="webpub-approval",valid-after="{after}",valid-before="{before}" {kind} {blob} {person}-sample')
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="list what would be signed; write nothing")
    args = parser.parse_args()
    repo = Repo(ROOT)
    org = Org(repo.organization)
    reader = worktree_reader(ROOT)
    now = dt.datetime.now(dt.timezone.utc)
    pages = sorted((ROOT / "content").rglob("*.md"))
    plan = {}
    for path in pages:
        rel = path.relative_to(ROOT).as_posix()
        try:
            chosen = org.chain_for(split(path.read_bytes()).meta)
        except (DigestError, UnicodeDecodeError) as exc:
            print(f"ข้าม {rel}: {exc}")
            continue
        if chosen is None:
            print(f"ข้าม {rel}: ไม่มีผู้อนุมัติครบทุกบทบาทที่ไม่ใช่ผู้รับผิดชอบข้อมูล")
            continue
        plan[rel] = chosen
    people = sorted({p for chosen in plan.values() for p in chosen.values()})
    print(f"จะลงนาม {len(plan)} รายการ ด้วยกุญแจชั่วคราวของ {', '.join(people)}")
    if args.dry_run:
        return 0
    with tempfile.TemporaryDirectory(prefix="webpub-sample-keys-") as tmp:
        keys = {person: keygen(Path(tmp), person) for person in people}
        (ROOT / "schema" / "allowed_signers").write_text(HEADER + "\n".join(signer_lines(keys, now)) + "\n", encoding="utf-8")
        for rel, chosen in plan.items():
            raw = (ROOT / rel).read_bytes()
            digest = content_digest(rel, raw, reader)
            merged = current_records(raw)
            for role, person in chosen.items():
                merged = merge_role(merged, records.make_record(role, person, now, digest, rel, keys[person]))
            write_atomically(ROOT / rel, with_records(rel, raw, merged, reader))
    print("ลงนามเสร็จ ลบกุญแจส่วนตัวแล้ว — ตรวจด้วย webpub verify แล้ว commit content/ และ schema/allowed_signers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
