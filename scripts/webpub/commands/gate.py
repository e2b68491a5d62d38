"""``webpub gate --base REV --head REV --reviews FILE``: may this PR be published yet?"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from webpub.approvals import gate, summary
from webpub.approvals.digest import DigestError
from webpub.forge.reviews import http_get, load_reviews_file, paginate, reviews_url
from webpub.core.results import UsageError
from webpub.repo import Repo


def add_arguments(parser) -> None:
    add_gate_inputs(parser)
    parser.add_argument("--format", choices=("text", "md", "json", "github"), default="text",
                        help="รูปแบบผลลัพธ์: text/md (สรุปภาษาไทยแบบ Markdown), json หรือ github (annotations)")
    parser.add_argument("--json-out", default=None, help="เขียนผล JSON ลงไฟล์นี้ด้วย (also write JSON here)")
    parser.add_argument("--summary-out", default=None,
                        help="เขียนสรุปภาษาไทยลงไฟล์นี้ด้วย เช่น $GITHUB_STEP_SUMMARY (also append the summary here)")


def add_gate_inputs(parser) -> None:
    parser.add_argument("--base", required=True, help="commit หรือ branch ฐานของ PR (base revision)")
    parser.add_argument("--head", default="HEAD", help="commit ปลายของ PR (head revision; default HEAD)")
    parser.add_argument("--reviews", default=None,
                        help="ไฟล์ JSON ของรีวิวตาม GitHub REST API (list, pages, or a recording)")
    parser.add_argument("--pr", default=None,
                        help="อ่านรีวิวจาก GitHub API โดยตรง: OWNER/REPO#N (uses $GITHUB_TOKEN)")
    parser.add_argument("--pull", default=None, metavar="FILE",
                        help="ไฟล์ JSON ของ PR ตาม GitHub REST API (GET /pulls/N): ผู้ยื่นคำขอและเวลาที่ยื่น "
                             "ใช้ตรวจว่าเจ้าหน้าที่ผู้รับผิดชอบเป็นผู้ยื่นหรือยืนยันแล้ว (WP222)")
    parser.add_argument("--trust-ref", default=None,
                        help="อ่านบทบาทและกุญแจจาก revision นี้ (ค่าเริ่มต้น: --base) — trusted revision for roles and keys")


def read_reviews(args) -> list[dict]:
    if args.reviews:
        try:
            data = json.loads(Path(args.reviews).read_text(encoding="utf-8"))
            return load_reviews_file(data)
        except (OSError, ValueError) as exc:
            raise UsageError(f"อ่านไฟล์รีวิว {args.reviews} ไม่ได้: {exc}") from None
    if args.pr:
        repository, _, number = args.pr.partition("#")
        if not number.isdigit():
            raise UsageError("--pr ต้องอยู่ในรูป OWNER/REPO#หมายเลข")
        return paginate(http_get(os.environ.get("GITHUB_TOKEN")), reviews_url(repository, int(number)))
    return []


def read_pull(args) -> dict | None:
    if not getattr(args, "pull", None):
        return None
    try:
        data = json.loads(Path(args.pull).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"อ่านไฟล์ PR {args.pull} ไม่ได้: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("user"), dict):
        raise UsageError(f"{args.pull}: ต้องเป็น PR ตาม GitHub REST API (มี user และ created_at)")
    return data


def evaluate(args):
    repo = Repo.discover()
    try:
        return repo, gate.evaluate(repo.root, args.base, args.head, read_reviews(args), args.trust_ref, read_pull(args))
    except DigestError as exc:
        raise UsageError(str(exc)) from None


def trust_rev(repo, args, result) -> str:
    return gate.Git(repo.root).resolve(args.trust_ref) if args.trust_ref else result.base


def run(args) -> int:
    repo, result = evaluate(args)
    org = gate.org_at(gate.Git(repo.root), trust_rev(repo, args, result))
    text = summary.render(result, org)
    data = json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n"
    sys.stdout.write(data if args.format == "json" else summary.github(result, org) if args.format == "github" else text)
    if args.json_out:
        Path(args.json_out).write_text(data, encoding="utf-8")
    if args.summary_out:
        with open(args.summary_out, "a", encoding="utf-8") as fh:
            fh.write(text)
    return 0 if result.passed else 1
