"""``webpub expire``: expired and soon-expiring items by owner; ``--apply`` takes expired items down."""

from __future__ import annotations

import json
import sys

from webpub.commands._common import add_format, add_today, resolve_today
from webpub.dates import thai_date
from webpub.monitor import expire as monitor
from webpub.publish import expiry_key
from webpub.core.reporters import annotate
from webpub.repo import Repo
from webpub.core.results import Finding


def add_arguments(parser) -> None:
    add_format(parser, ("text", "json", "github"))
    add_today(parser)
    parser.add_argument("--within", type=int, default=None, metavar="DAYS",
                        help="นับเป็น 'ใกล้หมดอายุ' ถ้าหมดภายในกี่วัน — soon-expiring window in days "
                             "(default: expiring_soon_days in schema/rules.yml)")
    parser.add_argument("--apply", action="store_true",
                        help="นำรายการที่หมดอายุลงจากเว็บไซต์ โดยเพิ่ม withdrawn: ใน frontmatter "
                             "(ไฟล์ยังอยู่ใน git) — mark expired items withdrawn")
    parser.add_argument("--by", default=None, metavar="ID",
                        help="ผู้นำรายการลงจากเว็บไซต์ ที่บันทึกใน withdrawn.by (default: the bot id in organization.yml)")


def run(args) -> int:
    repo = Repo.discover()
    today = resolve_today(args)
    within = repo.expiring_soon_days if args.within is None else max(0, args.within)
    result = monitor.listing(repo, today, within)
    if not args.apply:
        if args.format == "json":
            out = json.dumps(result.to_json(), ensure_ascii=False, indent=2)
        elif args.format == "github":
            out = github(repo, result, within)
        else:
            out = text(repo, result, within)
        sys.stdout.write(out + "\n")
        return 0
    by = args.by or (repo.organization.get("bot") or {}).get("id", "webpub")
    return apply(repo, result, by, args.format)


def _owner_name(repo: Repo, division: str, officer: str) -> str:
    div = (repo.divisions.get(division) or {}).get("name_th", division or "ไม่ระบุกอง")
    person = (repo.people.get(officer) or {}).get("name_th", officer or "ไม่ระบุผู้รับผิดชอบ")
    return f"{div} / {person}"


def _section(repo: Repo, heading: str, items) -> list[str]:
    lines = [heading]
    if not items:
        return lines + ["  (ไม่มี)"]
    owner = None
    for item in items:
        if (item.division, item.officer) != owner:
            owner = (item.division, item.officer)
            lines.append(f"  {_owner_name(repo, *owner)}")
        lines.append(f"    {item.path}: {item.title} — วันสุดท้าย {thai_date(item.expiry)} ({item.expiry})")
    return lines


def text(repo: Repo, result: monitor.Listing, within: int) -> str:
    lines = [f"ตรวจระยะเวลาเผยแพร่ ณ วันที่ {thai_date(result.today)} (เวลาประเทศไทย)"]
    lines += _section(repo, f"หมดระยะเวลาเผยแพร่แล้ว {len(result.expired)} รายการ:", result.expired)
    lines += _section(repo, f"จะหมดภายใน {within} วัน {len(result.expiring)} รายการ:", result.expiring)
    if result.attention:
        lines.append(f"วันที่ไม่ถูกต้อง ต้องแก้ก่อน (ไม่เผยแพร่จนกว่าจะแก้) {len(result.attention)} รายการ:")
        lines += [f"    {i.path}: {i.title} — ช่อง {', '.join(i.bad_dates)} (รัน webpub check {i.path})"
                  for i in result.attention]
    if result.expired:
        lines.append("นำรายการที่หมดอายุลงจากเว็บไซต์ด้วย: webpub expire --apply "
                     "(ไฟล์ยังอยู่ใน git และเรียกคืนได้ด้วย git revert)")
    return "\n".join(lines)


def findings(repo: Repo, result: monitor.Listing, within: int) -> list[Finding]:
    """The listing as findings of the rules that judge the same thing in ``webpub check``:
    expired (WP013), expiring within the window (WP014), a date that is not a date (WP006),
    each on the line of the key the period comes from, with the severity of ``schema/rules.yml``."""
    out = []
    for rule, items, what, hint in (
        ("WP013", result.expired, "หมดระยะเวลาเผยแพร่แล้ว",
         "นำลงจากเว็บไซต์ด้วย webpub expire --apply หรือแก้ expires เป็นวันสุดท้ายใหม่แล้วขออนุมัติใหม่"),
        ("WP014", result.expiring, f"จะหมดระยะเวลาเผยแพร่ภายใน {within} วัน",
         "ถ้ายังต้องเผยแพร่ต่อ ให้แก้ expires เป็นวันสุดท้ายใหม่แล้วขออนุมัติใหม่"),
    ):
        for item in items:
            key = expiry_key(item.page, repo)
            out.append(Finding(item.path, item.page.line_of(key) if key else 1, rule,
                               f"{item.title}: {what} — วันสุดท้าย {thai_date(item.expiry)} ({item.expiry}) — "
                               f"{_owner_name(repo, item.division, item.officer)}", hint, repo.severity(rule)))
    for item in result.attention:
        out.append(Finding(item.path, item.page.line_of(item.bad_dates[0]), "WP006",
                           f"{item.title}: วันที่ในช่อง {', '.join(item.bad_dates)} ไม่ถูกต้อง จึงไม่เผยแพร่จนกว่าจะแก้",
                           f"รัน webpub check {item.path} เพื่อดูวิธีแก้", repo.severity("WP006")))
    return out


def github(repo: Repo, result: monitor.Listing, within: int) -> str:
    lines = annotate(findings(repo, result, within))
    lines.append(f"ณ วันที่ {thai_date(result.today)}: หมดระยะเวลาเผยแพร่แล้ว {len(result.expired)} รายการ "
                 f"จะหมดภายใน {within} วัน {len(result.expiring)} รายการ วันที่ไม่ถูกต้อง {len(result.attention)} รายการ")
    return "\n".join(lines)


def apply(repo: Repo, result: monitor.Listing, by: str, fmt: str) -> int:
    changed, failed = [], []
    for item, block, error in monitor.apply(repo, result.expired, result.today, by):
        if error:
            failed.append({"path": item.path, "error": error})
            print(f"{item.path}: นำลงจากเว็บไซต์ไม่สำเร็จ ไฟล์ไม่ถูกแก้ไข — {error}", file=sys.stderr)
        else:
            changed.append(item)
            if fmt == "text":
                print(f"{item.path}: นำลงจากเว็บไซต์แล้ว — เพิ่มบรรทัดท้าย frontmatter:")
                print("".join(f"    + {line}\n" for line in block.splitlines()), end="")
    if fmt == "json":
        data = result.to_json()
        data["withdrawn"] = [monitor.item_json(i) for i in changed]
        data["failed"] = failed
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(f"นำลงจากเว็บไซต์ {len(changed)} รายการ ไม่สำเร็จ {len(failed)} รายการ"
              + (" — ส่งการเปลี่ยนแปลงนี้เป็น pull request เพื่อให้ตรวจทาน" if changed else ""))
    return 1 if failed else 0
