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


def sign_tree(root: Path, now: dt.datetime | None = None, dry_run: bool = False, log=print) -> int:
    """Sign every page under ``root``/content with fresh throwaway keys (the tests use it on
    their own repositories too); returns how many pages were signed."""
    repo = Repo(root)
    org = Org(repo.organization)
    reader = worktree_reader(root)
    now = now or dt.datetime.now(dt.timezone.utc)
    pages = sorted((root / "content").rglob("*.md"))
    plan = {}
    for path in pages:
        rel = path.relative_to(root).as_posix()
        try:
            chosen = org.chain_for(split(path.read_bytes()).meta)
        except (DigestError, UnicodeDecodeError) as exc:
            log(f"ข้าม {rel}: {exc}")
            continue
        if chosen is None:
            log(f"ข้าม {rel}: ไม่มีผู้อนุมัติครบทุกบทบาทที่ไม่ใช่ผู้รับผิดชอบข้อมูล")
            continue
        plan[rel] = chosen
    people = sorted({p for chosen in plan.values() for p in chosen.values()})
    log(f"จะลงนาม {len(plan)} รายการ ด้วยกุญแจชั่วคราวของ {', '.join(people)}")
    if dry_run:
        return 0
    with tempfile.TemporaryDirectory(prefix="webpub-sample-keys-") as tmp:
        keys = {person: keygen(Path(tmp), person) for person in people}
        (root / "schema" / "allowed_signers").write_text(HEADER + "\n".join(signer_lines(keys, now)) + "\n", encoding="utf-8")
        for rel, chosen in plan.items():
            raw = (root / rel).read_bytes()
            digest = content_digest(rel, raw, reader)
            merged = current_records(raw)
            for role, person in chosen.items():
                merged = merge_role(merged, records.make_record(role, person, now, digest, rel, keys[person]))
            write_atomically(root / rel, with_records(rel, raw, merged, reader))
    return len(plan)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="list what would be signed; write nothing")
    parser.add_argument("--root", default=str(ROOT), help="the repository to sign (default: this one)")
    args = parser.parse_args()
    sign_tree(Path(args.root).resolve(), dry_run=args.dry_run)
    if not args.dry_run:
        print("ลงนามเสร็จ ลบกุญแจส่วนตัวแล้ว — ตรวจด้วย webpub verify แล้ว commit content/ และ schema/allowed_signers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
