"""``webpub approve PATH --role R --person P --key KEY``: sign and record an approval."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from webpub.approvals import ROLES, records
from webpub.approvals.digest import DigestError, content_digest, split, worktree_reader
from webpub.approvals.org import Org
from webpub.approvals.verify import Trust, check_record, identity_problems
from webpub.approvals.writer import WriteRefused, current_records, merge_role, with_records, write_atomic
from webpub.model import UsageError
from webpub.repo import Repo


def add_arguments(parser) -> None:
    parser.add_argument("path", metavar="PATH", help="ไฟล์หน้าเว็บที่อนุมัติ — the item file")
    parser.add_argument("--role", required=True, choices=ROLES, help="บทบาทผู้อนุมัติ (approver's role)")
    parser.add_argument("--person", required=True, help="รหัสบุคคลใน organization.yml (person id)")
    parser.add_argument("--key", required=True, help="กุญแจส่วนตัว SSH ที่ใช้ลงนาม (private key file)")
    parser.add_argument("--ref", default=None, help="อ้างอิง เช่น URL ของรีวิวใน PR (optional reference)")
    parser.add_argument("--signer", default=None,
                        help="ผู้ลงนามหากไม่ใช่ผู้อนุมัติเอง เช่น บอตเผยแพร่ (signer principal, e.g. the bot)")
    parser.add_argument("--at", default=None,
                        help="เวลาอนุมัติแบบ ISO (ค่าเริ่มต้น: ตอนนี้ เวลาประเทศไทย) — approval time")


def approval_time(value: str | None) -> dt.datetime:
    if value is None:
        return dt.datetime.now(dt.timezone.utc)
    when = records.parse_at(value)
    if when is None:
        raise UsageError(f"--at ต้องเป็นเวลา ISO พร้อมเขตเวลา เช่น 2026-01-31T10:00:00+07:00 ไม่ใช่ '{value}'")
    return when


def refuse_wrong_person(meta: dict, person: str, role: str, org: Org) -> None:
    owner = meta.get("owner") if isinstance(meta.get("owner"), dict) else {}
    problems = identity_problems({"person": person, "role": role}, owner.get("division"), org)
    if problems:
        raise UsageError(f"{problems[0].message} [{problems[0].rule}] — {problems[0].hint}")
    if owner.get("officer") == person:
        raise UsageError(f"{org.name(person)} เป็นผู้รับผิดชอบข้อมูลรายการนี้ จึงอนุมัติเองไม่ได้ [WP208]")


def refuse_unverifiable(record: dict, rel: str, digest: str, meta: dict, repo) -> None:
    """Write nothing that ``webpub verify`` would refuse (unregistered key, expired key…)."""
    owner = meta.get("owner") if isinstance(meta.get("owner"), dict) else {}
    check = check_record(0, record, rel, digest, owner.get("division"), Trust.of_repo(repo),
                         dt.datetime.now(dt.timezone.utc))
    if not check.valid:
        problem = next(p for p in check.problems)
        raise UsageError(f"ไม่บันทึกการอนุมัติ: {problem.message} [{problem.rule}] — {problem.hint}")


def run(args) -> int:
    repo = Repo.discover()
    rel = repo.rel(Path(args.path))
    abspath = repo.root / rel
    try:
        raw = abspath.read_bytes()
        meta = split(raw).meta
    except OSError:
        raise UsageError(f"อ่านไฟล์ {args.path} ไม่ได้") from None
    except (DigestError, UnicodeDecodeError) as exc:
        raise UsageError(f"{rel}: อ่าน frontmatter ไม่ได้ ({exc}) — แก้ด้วย webpub check ก่อนอนุมัติ") from None
    refuse_wrong_person(meta, args.person, args.role, Org(repo.organization))
    reader = worktree_reader(repo.root)
    digest = content_digest(rel, raw, reader)
    try:
        record = records.make_record(args.role, args.person, approval_time(args.at), digest, rel,
                                     args.key, ref=args.ref, signer=args.signer)
        refuse_unverifiable(record, rel, digest, meta, repo)
        updated = with_records(rel, raw, merge_role(current_records(raw), record), reader)
    except (records.SigningError, WriteRefused) as exc:
        raise UsageError(str(exc)) from None
    write_atomic(abspath, updated)
    sys.stdout.write(f"บันทึกการอนุมัติของ {args.person} ({args.role}) ใน {rel} แล้ว — digest {digest}\n")
    return 0
