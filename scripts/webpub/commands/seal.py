"""``webpub seal``: in the trusted publish workflow, sign the approval records of a passing PR."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from webpub.approvals import summary
from webpub.approvals.gate import Git, trust_at
from webpub.approvals.seal import SealInputs, SealRefused, seal
from webpub.commands import gate as gate_command
from webpub.core.results import UsageError


def add_arguments(parser) -> None:
    gate_command.add_gate_inputs(parser)
    parser.add_argument("--key", required=True, help="กุญแจส่วนตัวของบอตเผยแพร่ (the bot's private SSH key file)")
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--webmaster", help="รหัสบุคคลของผู้ดูแลเว็บไซต์ที่สั่งเผยแพร่ (webmaster person id)")
    who.add_argument("--actor-id", type=int, help="GitHub user id ของผู้สั่งเผยแพร่ (github.actor_id)")
    parser.add_argument("--run-url", required=True, help="URL ของการรัน workflow ที่เผยแพร่ (the publish run, used as ref)")
    parser.add_argument("--pr-url", default="", help="URL ของ PR (used when a review has no html_url)")
    parser.add_argument("--json-out", default=None, help="เขียนผลของ gate เป็น JSON ลงไฟล์นี้ (the gate's JSON, e.g. for the owner notice)")


def webmaster_of(args, org) -> str:
    if args.webmaster:
        return args.webmaster
    person = org.person_for_user({"id": args.actor_id})
    if person is None:
        raise UsageError(f"ผู้สั่งเผยแพร่ (GitHub id {args.actor_id}) ไม่อยู่ในรายชื่อบุคลากร [WP205]")
    return person


def run(args) -> int:
    repo, result = gate_command.evaluate(args)
    trust = trust_at(Git(repo.root), gate_command.trust_rev(repo, args, result))
    org = trust.org
    inputs = SealInputs(args.key, webmaster_of(args, org), args.run_url, args.pr_url)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    try:
        changed = seal(repo.root, result, inputs, trust)
    except SealRefused as exc:
        sys.stdout.write(summary.render(result, org))
        sys.stderr.write(f"webpub seal: ไม่ลงนาม: {exc}\n")
        return 1
    for path in changed:
        sys.stdout.write(f"บันทึกการเผยแพร่ไว้ที่ {path} แล้ว\n" if path.startswith("records/")
                         else f"ลงนามการอนุมัติใน {path} แล้ว (แก้เฉพาะ approvals)\n")
    return 0
