"""Judging an item's approval trail: every record, then the chain as a whole.

Used by ``webpub verify``, the ``webpub check`` rule, the publish decision and
the gate, so they all agree. Rule ids (severity in ``schema/rules.yml``):
WP200 malformed record, WP201 stale (text changed after approval), WP202 copied
from another item, WP203 bad signature, WP204 key not valid / unknown key,
WP205 signer unknown or lacks the role, WP206 role missing, WP207 one person in
two roles, WP208 self-approval, WP209 bot record without review reference,
WP212 out of order (the guideline's sequence: director certifies, then the web head
permits, then the webmaster publishes; equal times are allowed), WP216 no trusted
keys (the default branch could not be read), WP217 ``ref`` not an https URL on the
forge. Who may approve what, in which order, is ``webpub.approvals.policy``; where
keys come from and the time a record is judged at is ``webpub.approvals.trust``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from webpub.approvals import NAMESPACE, ROLE_TH, ROLES, policy, records, sshsig
from webpub.approvals.digest import (DigestError, Parsed, Reader, body_bytes, content_digest, is_digest, split,
                                     worktree_reader)
from webpub.approvals.org import Org
from webpub.content import walk
from webpub.approvals.policy import Problem
from webpub.approvals.trust import Trust, ref_problem

from webpub.core.registry import Rule
from webpub.messages import t

RULES = tuple(Rule(rid, name, description, __name__) for rid, name, description in (
    ("WP201", "approval-stale", "การอนุมัติเป็นของเนื้อหาฉบับก่อน เนื้อหาถูกแก้ไขหลังอนุมัติ (stale approval)"),
    ("WP202", "approval-copied", "รายการอนุมัติต้องเป็นของรายการนี้ ไม่คัดลอกมาจากรายการอื่น (record copied from another item)"),
    ("WP203", "approval-signature", "ลายมือชื่อต้องถูกต้อง: กุญแจ เนมสเปซ และรายการที่ไม่ถูกแก้ไข (invalid signature)"),
    ("WP204", "approval-key-validity", "กุญแจของผู้ลงนามต้องอยู่ใน schema/allowed_signers และใช้ได้ในเวลาที่ตัดสิน "
                                       "(signing key unknown or not valid)"),
    ("WP205", "approval-role-holder", "ผู้อนุมัติต้องมีบทบาทนั้นตาม schema/organization.yml เช่น ผู้อำนวยการของกองเจ้าของข้อมูล "
                                      "(approver does not hold the role)"),
    ("WP206", "approval-missing-role", "ยังขาดการอนุมัติของบางบทบาท รายการยังเป็นฉบับร่าง (approval role missing)"),
    ("WP207", "approval-one-role-each", "หนึ่งคนอนุมัติได้เพียงบทบาทเดียวต่อรายการ (one person in two roles)"),
    ("WP208", "approval-self", "เจ้าหน้าที่ผู้รับผิดชอบการให้ข้อมูลอนุมัติรายการของตนเองไม่ได้ (officer approved their own item)"),
    ("WP209", "approval-bot-ref", "รายการที่บอตลงนามแทนต้องอ้างถึงรีวิวใน PR (bot record without a review reference)"),
    ("WP212", "approval-order", "ลำดับการอนุมัติ: ผู้อำนวยการกอง แล้วหัวหน้ากลุ่มงานที่รับผิดชอบดูแลเว็บไซต์ แล้วผู้ดูแลเว็บไซต์ "
                                "(approvals out of the guideline's order)"),
    ("WP216", "approval-trust-unreadable", "อ่านกุญแจและบทบาทจากสาขาหลักไม่ได้ จึงไม่มีการอนุมัติใดนับ "
                                           "(trusted keys and roles cannot be read)"),
    ("WP217", "approval-ref-host", "ref ในรายการอนุมัติต้องเป็นลิงก์ https บน forge ที่กำหนด (ref not on the forge host)"),
))

FUTURE_SLACK = dt.timedelta(minutes=10)
FATAL = {"WP200", "WP202", "WP203", "WP204", "WP205", "WP207", "WP208", "WP209", "WP212", "WP216", "WP217"}


def content_pages(repo) -> list[str]:
    if "content_pages" not in repo._cache:
        repo._cache["content_pages"] = walk.page_paths(repo)
    return repo._cache["content_pages"]


@dataclass
class RecordCheck:
    index: int
    record: dict
    problems: list[Problem] = field(default_factory=list)
    stale: bool = False
    fingerprint: str = ""

    @property
    def valid(self) -> bool:
        return not any(p.rule in FATAL for p in self.problems)

    @property
    def counts(self) -> bool:
        return self.valid and not self.stale


@dataclass
class Trail:
    path: str
    digest: str | None
    records: list[RecordCheck] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    entries: int = 0  # approval entries written in the page, whether or not they could be read

    @property
    def complete(self) -> bool:
        return self.digest is not None and not any(p.rule in FATAL | {"WP201", "WP206"} for p in self.problems)

    @property
    def has_records(self) -> bool:
        return bool(self.records)

    def chosen(self, role: str) -> RecordCheck | None:
        return next((r for r in self.records if r.counts and r.record.get("role") == role), None)

    def reasons(self) -> list[str]:
        return [p.text() for p in self.problems]


# -- one record ------------------------------------------------------------
def check_structure(record) -> Problem | None:
    if not isinstance(record, dict):
        return Problem("WP200", "รายการอนุมัติต้องเป็นชุดคีย์: ค่า", "ให้เครื่องมือ webpub approve/seal เขียนรายการนี้")
    missing = [k for k in records.REQUIRED if not isinstance(record.get(k), str) or not record.get(k)]
    unknown = [k for k in record if k not in records.FIELDS]
    if missing or unknown:
        detail = ("ขาด " + ", ".join(missing)) if missing else ("มีคีย์ที่ไม่รู้จัก " + ", ".join(unknown))
        return Problem("WP200", f"รายการอนุมัติผิดรูปแบบ ({detail})", "ลบรายการนี้แล้วขออนุมัติใหม่")
    if record["role"] not in ROLES:
        return Problem("WP200", f"บทบาท '{record['role']}' ไม่มีในระบบ (ใช้ได้: {', '.join(ROLES)})", "ลบรายการนี้แล้วขออนุมัติใหม่")
    if records.parse_at(record["at"]) is None:
        return Problem("WP200", f"เวลาอนุมัติ '{record['at']}' ต้องเป็นเวลา ISO พร้อมเขตเวลา เช่น 2026-01-31T10:00:00+07:00", "ลบรายการนี้แล้วขออนุมัติใหม่")
    if not is_digest(record["digest"]):
        return Problem("WP200", "ค่าย่อย (digest) ในรายการอนุมัติผิดรูปแบบ", "ลบรายการนี้แล้วขออนุมัติใหม่")
    return None


def signing_principal(record: dict, org: Org) -> tuple[str | None, Problem | None]:
    signer = record.get("signer")
    if signer in (None, record["person"]):
        return record["person"], None
    if signer != org.bot_id:
        return None, Problem("WP205", f"ผู้ลงนาม '{signer}' ไม่ใช่ผู้อนุมัติเองและไม่ใช่บอตเผยแพร่ ({org.bot_id})",
                             "รายการอนุมัติต้องลงนามโดยผู้อนุมัติเองหรือโดยบอตเผยแพร่เท่านั้น")
    if not record.get("ref"):
        return None, Problem("WP209", f"รายการที่บอต {org.bot_id} ลงนามแทน {org.name(record['person'])} ไม่มี ref อ้างถึงรีวิวใน PR",
                             "บอตลงนามแทนได้เฉพาะเมื่ออ้างถึงรีวิวที่อ่านจาก GitHub — ให้ขั้นตอนเผยแพร่เขียนรายการนี้ใหม่")
    return signer, None


def check_signature(record: dict, path: str, principal: str, trust: Trust, at: dt.datetime,
                    now: dt.datetime | None = None) -> tuple[Problem | None, str]:
    who = trust.org.name(principal) if principal != trust.org.bot_id else f"บอตเผยแพร่ ({principal})"
    try:
        sig = sshsig.parse(record["sig"])
    except sshsig.SignatureError as exc:
        return Problem("WP203", f"ลายมือชื่อของ {who} อ่านไม่ได้: {exc}", "ลบรายการนี้แล้วลงนามใหม่ด้วย webpub approve"), ""
    fingerprint = sshsig.key_fingerprint(sig.public_key)
    entries = trust.signers.for_principal(principal)
    if not entries:
        return Problem("WP204", f"ไม่พบกุญแจของ {who} ใน schema/allowed_signers ของ{trust.source} (ผู้ลงนามไม่เป็นที่รู้จัก)",
                       "ผู้ดูแลระบบต้องเพิ่มกุญแจสาธารณะของผู้ลงนามใน schema/allowed_signers บนสาขาหลักก่อน"), fingerprint
    matching = [e for e in entries if e.key == sig.public_key]
    if not matching:
        return Problem("WP203", f"ลายมือชื่อของ {who} ทำด้วยกุญแจ {fingerprint} ซึ่งไม่ใช่กุญแจที่ลงทะเบียนไว้ของผู้นี้",
                       "ลงนามใหม่ด้วยกุญแจที่ลงทะเบียนใน schema/allowed_signers"), fingerprint
    usable = [e for e in matching if e.allows_namespace(NAMESPACE)]
    if not usable:
        return Problem("WP203", f"กุญแจ {fingerprint} ของ {who} ไม่ได้รับอนุญาตให้ใช้กับเนมสเปซ {NAMESPACE}",
                       f'ผู้ดูแลระบบต้องกำหนด namespaces="{NAMESPACE}" ให้กุญแจนี้'), fingerprint
    problem = validity_problem(record, path, usable, trust, at, now, who, fingerprint)
    if problem:
        return problem, fingerprint
    try:
        sshsig.verify(sig, records.message(record, path), NAMESPACE)
    except sshsig.SignatureError as exc:
        source = copied_from(sig, record, path, trust)
        if source:
            return Problem("WP202", f"รายการอนุมัติของ {who} คัดลอกมาจากรายการอื่น ({source}) ไม่ใช่ของ {path}",
                           "ลบรายการนี้ การอนุมัติต้องทำให้รายการนี้โดยเฉพาะ"), fingerprint
        return Problem("WP203", f"ลายมือชื่อของ {who} ไม่ถูกต้อง: {exc}",
                       "รายการอนุมัติถูกแก้ไขหลังลงนาม — ลบรายการนี้แล้วขออนุมัติใหม่"), fingerprint
    return None, fingerprint


def validity_problem(record: dict, path: str, usable: list, trust: Trust, at: dt.datetime,
                     now: dt.datetime | None, who: str, fingerprint: str) -> Problem | None:
    """The key must be valid at a time the signer cannot choose (``webpub.approvals.trust``):
    ``valid-after`` against ``at``, ``valid-before`` against the time the record entered the
    default branch's history (now, if it is not there yet)."""
    after_ok = [e for e in usable if not e.valid_after or at >= e.valid_after]
    if not after_ok:
        return Problem("WP204", f"กุญแจ {fingerprint} ของ {who} ยังใช้ไม่ได้ในวันที่ลงนาม {record['at']} ({usable[0].validity_th()})",
                       "ลงนามใหม่ด้วยกุญแจที่ใช้ได้ในวันนี้")
    now = now or dt.datetime.now(dt.timezone.utc)
    if any(e.valid_before is None or (at <= e.valid_before and now <= e.valid_before) for e in after_ok):
        return None  # the record entered history no later than now, so before the key's end
    entered = trust.entered(path, record)
    judged = entered or now
    if any(e.valid_before is None or (at <= e.valid_before and judged <= e.valid_before) for e in after_ok):
        return None
    revoked = max(e.valid_before for e in after_ok)
    when = (f"รายการนี้เข้าสู่ประวัติของสาขาหลักเมื่อ {records.bangkok_time(entered)}" if entered
            else "รายการนี้ยังไม่อยู่ในประวัติของสาขาหลัก จึงตัดสินที่เวลาปัจจุบัน")
    return Problem("WP204", f"กุญแจ {fingerprint} ของ {who} ถูกยกเลิกตั้งแต่ {records.bangkok_time(revoked)} — {when} "
                            f"(เวลาลงนามที่เขียนไว้ {record['at']} ไม่นับ เพราะผู้ลงนามกำหนดเองได้)",
                   "ลงนามใหม่ด้วยกุญแจที่ยังใช้ได้ หากกุญแจถูกขโมย ให้ผู้ดูแลระบบตรวจรายการที่ลงนามด้วยกุญแจนี้ทั้งหมด")


def copied_from(sig, record: dict, path: str, trust: Trust) -> str | None:
    """The other item this record was signed for, if any (only tried once verification failed)."""
    for other in trust.item_paths():
        if other == path:
            continue
        try:
            sshsig.verify(sig, records.message(record, other), NAMESPACE)
            return other
        except sshsig.SignatureError:
            continue
    return None


def check_record(index: int, record, path: str, digest: str, division: str | None,
                 trust: Trust, now: dt.datetime) -> RecordCheck:
    result = RecordCheck(index, record if isinstance(record, dict) else {})
    problem = check_structure(record)
    if problem:
        result.problems.append(problem)
        return result
    org, person = trust.org, record["person"]
    at = records.parse_at(record["at"])
    if at > now + FUTURE_SLACK:
        result.problems.append(Problem("WP204", f"เวลาลงนามของ {org.name(person)} ({record['at']}) อยู่ในอนาคต",
                                       "ลบรายการนี้แล้วลงนามใหม่"))
    if record.get("ref") is not None:
        why = ref_problem(record["ref"], trust.forge_host)
        if why:
            result.problems.append(Problem("WP217", f"ref ในรายการอนุมัติของ {org.name(person)} ไม่ใช่ลิงก์ https บน {trust.forge_host}: {why}",
                                           f"ref ต้องเป็นที่อยู่ของรีวิวหรือการรันบน https://{trust.forge_host}/ เท่านั้น — ลบรายการนี้แล้วลงนามใหม่"))
    principal, problem = signing_principal(record, org)
    if problem is None:
        problem, result.fingerprint = check_signature(record, path, principal, trust, at, now)
    if problem:
        result.problems.append(problem)
    result.problems.extend(identity_problems(record, division, org))
    result.stale = policy.is_stale(record["digest"], digest)
    return result


def identity_problems(record: dict, division: str | None, org: Org) -> list[Problem]:
    problem = policy.eligibility(record["person"], record["role"], division, None, org)
    return [problem] if problem else []


# -- the chain -------------------------------------------------------------
def chain_problems(trail: Trail, officer: str | None, division: str | None, org: Org) -> list[Problem]:
    problems: list[Problem] = []
    for check in trail.records:
        if check.valid and officer:
            self_approval = policy.eligibility(check.record["person"], check.record["role"], division, officer, org)
            if self_approval and self_approval.rule == "WP208":
                problems.append(Problem(self_approval.rule, self_approval.message, self_approval.hint, check.index))
    roles_of: dict[str, set[str]] = {}
    for check in trail.records:
        if check.counts:
            roles_of.setdefault(check.record["person"], set()).add(check.record["role"])
    for person, held in sorted(roles_of.items()):
        if len(held) > 1:
            problems.append(Problem("WP207", f"{org.name(person)} อนุมัติรายการนี้ในหลายบทบาท ({', '.join(sorted(held))}) — หนึ่งคนทำได้เพียงบทบาทเดียว",
                                    "ให้ผู้มีบทบาทอื่นเป็นผู้อนุมัติแทน"))
    for role in ROLES:
        if trail.chosen(role) is None:
            problems.append(missing_role(trail, role, division, org))
    problems.extend(order_problems(trail, org))
    return problems


def order_problems(trail: Trail, org: Org) -> list[Problem]:
    """Director, then web head, then webmaster (ROLES order) by each record's ``at``."""
    chosen = [c for c in (trail.chosen(role) for role in ROLES) if c is not None]
    steps = [(c.record["role"], c.record["person"], records.parse_at(c.record["at"]), c.record["at"]) for c in chosen]
    return [Problem(p.rule, p.message, p.hint, chosen[i].index) for i, p in policy.order_problems(steps, org)]


def missing_role(trail: Trail, role: str, division: str | None, org: Org) -> Problem:
    stale = [c for c in trail.records if c.valid and c.stale and c.record.get("role") == role]
    if stale:
        last = stale[-1].record
        return Problem("WP201", f"เนื้อหาถูกแก้ไขหลังการอนุมัติของ {org.name(last['person'])} ในบทบาท {role} เมื่อ {last['at']} "
                                f"(อนุมัติค่าย่อย {last['digest'][:19]}… แต่ค่าปัจจุบันคือ {(trail.digest or '')[:19]}…)",
                       "ขออนุมัติใหม่สำหรับเนื้อหาฉบับปัจจุบัน")
    holders = ", ".join(org.name(p) for p in org.role_holders(role, division)) or "ยังไม่ได้กำหนดผู้มีบทบาทนี้"
    return Problem("WP206", f"ยังไม่มีการอนุมัติของ{ROLE_TH[role]} — ผู้ที่อนุมัติได้: {holders}",
                   "ขอให้ผู้มีบทบาทนี้อนุมัติใน PR (Approve) หรือใช้ webpub approve")


def evaluate(path: str, raw: bytes, reader: Reader, trust: Trust, now: dt.datetime | None = None,
             parsed: Parsed | None = None) -> Trail:
    now = now or dt.datetime.now(dt.timezone.utc)
    entries: object = []
    try:
        parsed = parsed or split(raw)
        entries = parsed.meta.get("approvals") or []
        digest = content_digest(path, raw, reader, parsed)
        meta = parsed.meta
    except (DigestError, UnicodeDecodeError, ValueError) as exc:
        return Trail(path, None, problems=[Problem("WP200", t("approvals.digest_failed", error=exc), "แก้ตามผลของ webpub check ก่อน")],
                     entries=len(entries) if isinstance(entries, list) else 1)
    owner = meta.get("owner") if isinstance(meta.get("owner"), dict) else {}
    division, officer = owner.get("division"), owner.get("officer")
    if not isinstance(entries, list):
        return Trail(path, digest, problems=[Problem("WP200", "approvals ต้องเป็นรายการ", "ให้เครื่องมือ webpub เขียน approvals")], entries=1)
    trail = Trail(path, digest, entries=len(entries))
    if trust.problem:
        if entries:
            trail.problems.append(Problem("WP216", f"ตรวจลายมือชื่อไม่ได้: {trust.problem} — ไม่มีการอนุมัติใดนับ",
                                          "ดึงประวัติของสาขาหลัก (git fetch, fetch-depth: 0) หรือระบุ --trust-ref / WEBPUB_TRUST_REF"))
        trail.problems.extend(missing_role(trail, role, division, trust.org) for role in ROLES)
        return trail
    trail.records = [check_record(i, r, path, digest, division, trust, now) for i, r in enumerate(entries)]
    for check in trail.records:
        trail.problems.extend(Problem(p.rule, p.message, p.hint, check.index) for p in check.problems)
    trail.problems.extend(chain_problems(trail, officer, division, trust.org))
    return trail


def evaluate_page(page, ctx) -> Trail:
    """The page's trail, verified once per page object (the approval rules and the
    publish decision both ask, often in the same process)."""
    kept = page._approval_trail
    if kept is not None and kept[0] is ctx.repo:
        return kept[1]
    reader = worktree_reader(ctx.repo.root)
    trail = evaluate(page.path, page.raw, reader, Trust.of_repo(ctx.repo), parsed=_already_parsed(page))
    page._approval_trail = (ctx.repo, trail)
    return trail


def _already_parsed(page) -> Parsed | None:
    """The page's own parse, when it read exactly the bytes ``split`` would read (no BOM,
    no carriage returns); parsing the frontmatter again costs more than the signatures."""
    raw = page.raw
    if not page.ok or page.meta is None or not raw.startswith(b"---\n") or b"\r" in raw:
        return None
    return Parsed(meta=page.meta, body=body_bytes(raw))


def approval_status(page, ctx) -> tuple[bool, list[str]]:
    """The engine's contract: (approved, Thai reasons)."""
    trail = evaluate_page(page, ctx)
    return trail.complete, trail.reasons()
