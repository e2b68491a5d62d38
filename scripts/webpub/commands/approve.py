"""``webpub approve PATH --role R --person P --key KEY``: sign and record an approval.

Writes nothing that ``webpub verify`` would refuse, and says why in Thai: the wrong
person for the role or the item's own officer (WP205, WP208, ``policy.eligibility``),
a page still holding ``[[กรอก: …]]`` placeholders (WP029), a ``ref`` that is not an
https URL on the forge (WP217), an earlier role of the guideline's order missing or
given for an earlier text (WP212, WP201), a key the default branch does not list or
that is not valid now (WP204, WP216), or any problem the resulting trail would have.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from webpub.approvals import ROLE_TH, ROLES, policy, records
from webpub.approvals.digest import DigestError, split, worktree_reader
from webpub.approvals.policy import Problem
from webpub.approvals.trust import Trust, ref_problem
from webpub.approvals.verify import FATAL, Trail, evaluate
from webpub.approvals.writer import WriteRefused, current_records, merge_role, with_records
from webpub.fileio import write_atomically
from webpub.content.catrules import PLACEHOLDER
from webpub.core.results import UsageError
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


def refusal(problem: Problem) -> UsageError:
    hint = f" — {problem.hint}" if problem.hint else ""
    return UsageError(f"ไม่บันทึกการอนุมัติ: {problem.message} [{problem.rule}]{hint}")


def refuse_before_signing(raw: bytes, meta: dict, args, trust: Trust) -> None:
    """What can be refused without a signature: trust, person, placeholders, ref."""
    if trust.problem:
        raise refusal(Problem("WP216", trust.problem, "ดึงสาขาหลัก (git fetch) หรือระบุ WEBPUB_TRUST_REF"))
    owner = meta.get("owner") if isinstance(meta.get("owner"), dict) else {}
    problem = policy.eligibility(args.person, args.role, owner.get("division"), owner.get("officer"), trust.org)
    if problem:
        raise refusal(problem)
    if PLACEHOLDER.search(raw.decode("utf-8", "replace")):
        raise refusal(Problem("WP029", "หน้านี้ยังมีข้อความแม่แบบ [[กรอก: …]]", "แทนข้อความแม่แบบด้วยข้อมูลจริงก่อนอนุมัติ"))
    if args.ref is not None:
        why = ref_problem(args.ref, trust.forge_host)
        if why:
            raise refusal(Problem("WP217", f"--ref ไม่ใช่ลิงก์ https บน {trust.forge_host}: {why}",
                                  f"ใช้ที่อยู่ของรีวิวใน PR บน https://{trust.forge_host}/ หรือไม่ต้องระบุ --ref"))


def refuse_out_of_order(role: str, before: Trail, org) -> None:
    """The guideline's order: every earlier role has already approved this very text."""
    for earlier in policy.earlier_roles(role):
        if before.chosen(earlier) is not None:
            continue
        stale = [c for c in before.records if c.valid and c.stale and c.record.get("role") == earlier]
        if stale:
            raise refusal(Problem("WP201", f"การอนุมัติของ{ROLE_TH[earlier]} ({org.name(stale[-1].record['person'])}) "
                                           "เป็นของเนื้อหาฉบับก่อน เนื้อหาถูกแก้ไขหลังจากนั้น",
                                  f"ให้{ROLE_TH[earlier]}อนุมัติเนื้อหาฉบับปัจจุบันก่อน"))
        raise refusal(Problem("WP212", f"{ROLE_TH[role]} อนุมัติได้หลังจาก{ROLE_TH[earlier]}อนุมัติเนื้อหาฉบับนี้แล้วเท่านั้น",
                              "ตามแนวปฏิบัติ ผู้อำนวยการกองรับรองก่อน แล้วหัวหน้ากลุ่มงานที่รับผิดชอบดูแลเว็บไซต์อนุญาต "
                              "แล้วผู้ดูแลเว็บไซต์เผยแพร่"))


def refuse_unverifiable(after: Trail) -> None:
    """Write nothing after which ``webpub verify`` would refuse the trail."""
    problem = next((p for p in after.problems if p.rule in FATAL), None)
    if problem:
        raise refusal(problem)


def run(args) -> int:
    repo = Repo.discover()
    rel = repo.rel(Path(args.path))
    abspath = repo.root / rel
    try:
        raw = abspath.read_bytes()
        meta = split(raw).meta
    except (OSError, ValueError):
        raise UsageError(f"อ่านไฟล์ {args.path} ไม่ได้") from None
    except (DigestError, UnicodeDecodeError) as exc:
        raise UsageError(f"{rel}: อ่าน frontmatter ไม่ได้ ({exc}) — แก้ด้วย webpub check ก่อนอนุมัติ") from None
    trust = Trust.of_repo(repo)
    refuse_before_signing(raw, meta, args, trust)
    reader = worktree_reader(repo.root)
    now = dt.datetime.now(dt.timezone.utc)
    before = evaluate(rel, raw, reader, trust, now)
    if before.digest is None:
        raise refusal(before.problems[0])
    digest = before.digest
    refuse_out_of_order(args.role, before, trust.org)
    try:
        record = records.make_record(args.role, args.person, approval_time(args.at), digest, rel,
                                     args.key, ref=args.ref, signer=args.signer)
        updated = with_records(rel, raw, merge_role(current_records(raw), record), reader)
    except (records.SigningError, WriteRefused) as exc:
        raise UsageError(str(exc)) from None
    refuse_unverifiable(evaluate(rel, updated, reader, trust, now))
    write_atomically(abspath, updated)
    sys.stdout.write(f"บันทึกการอนุมัติของ {args.person} ({args.role}) ใน {rel} แล้ว — digest {digest}\n")
    return 0
