"""``webpub expire``: expired and soon-expiring items by owner; ``--apply`` takes expired items down."""

from __future__ import annotations

import json
import sys

from webpub.commands._common import add_format, add_today, resolve_today
from webpub.dates import thai_date
from webpub.messages import t
from webpub.monitor import expire as monitor
from webpub.publish import expiry_key
from webpub.core.reporters import annotate
from webpub.repo import Repo
from webpub.core.results import Finding


def add_arguments(parser) -> None:
    add_format(parser, ("text", "json", "github"))
    add_today(parser)
    parser.add_argument("--within", type=int, default=None, metavar=t("expire.metavar_days"),
                        help=t("expire.opt_within"))
    parser.add_argument("--apply", action="store_true", help=t("expire.opt_apply"))
    parser.add_argument("--by", default=None, metavar=t("expire.metavar_id"), help=t("expire.opt_by"))


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
    div = (repo.divisions.get(division) or {}).get("name_th", division or t("expire.no_division"))
    person = (repo.people.get(officer) or {}).get("name_th", officer or t("expire.no_officer"))
    return t("expire.owner", division=div, officer=person)


def _section(repo: Repo, heading: str, items) -> list[str]:
    lines = [heading]
    if not items:
        return lines + [t("expire.none")]
    owner = None
    for item in items:
        if (item.division, item.officer) != owner:
            owner = (item.division, item.officer)
            lines.append(f"  {_owner_name(repo, *owner)}")
        lines.append(t("expire.item", path=item.path, title=item.title, date=thai_date(item.expiry),
                       iso=item.expiry.isoformat()))
    return lines


def text(repo: Repo, result: monitor.Listing, within: int) -> str:
    lines = [t("expire.heading", date=thai_date(result.today))]
    lines += _section(repo, t("expire.expired_heading", n=len(result.expired)), result.expired)
    lines += _section(repo, t("expire.expiring_heading", days=within, n=len(result.expiring)), result.expiring)
    if result.attention:
        lines.append(t("expire.attention_heading", n=len(result.attention)))
        lines += [t("expire.attention_item", path=i.path, title=i.title, fields=", ".join(i.bad_dates))
                  for i in result.attention]
    if result.expired:
        lines.append(t("expire.apply_hint"))
    return "\n".join(lines)


def findings(repo: Repo, result: monitor.Listing, within: int) -> list[Finding]:
    """The listing as findings of the rules that judge the same thing in ``webpub check``:
    expired (WP013), expiring within the window (WP014), a date that is not a date (WP006),
    each on the line of the key the period comes from, with the severity of ``schema/rules.yml``."""
    out = []
    for rule, items, what, hint in (
        ("WP013", result.expired, t("expire.expired"), t("expire.expired_fix")),
        ("WP014", result.expiring, t("expire.expiring", days=within), t("expire.expiring_fix")),
    ):
        for item in items:
            key = expiry_key(item.page, repo)
            out.append(Finding(item.path, item.page.line_of(key) if key else 1, rule,
                               t("expire.finding", title=item.title, what=what, date=thai_date(item.expiry),
                                 iso=item.expiry.isoformat(),
                                 owner=_owner_name(repo, item.division, item.officer)),
                               hint, repo.severity(rule)))
    for item in result.attention:
        out.append(Finding(item.path, item.page.line_of(item.bad_dates[0]), "WP006",
                           t("expire.bad_dates", title=item.title, fields=", ".join(item.bad_dates)),
                           t("expire.bad_dates_fix", path=item.path), repo.severity("WP006")))
    return out


def github(repo: Repo, result: monitor.Listing, within: int) -> str:
    lines = annotate(findings(repo, result, within))
    lines.append(t("expire.summary", date=thai_date(result.today), expired=len(result.expired), days=within,
                   expiring=len(result.expiring), attention=len(result.attention)))
    return "\n".join(lines)


def apply(repo: Repo, result: monitor.Listing, by: str, fmt: str) -> int:
    changed, failed = [], []
    for item, block, error in monitor.apply(repo, result.expired, result.today, by):
        if error:
            failed.append({"path": item.path, "error": error})
            print(t("expire.apply_failed", path=item.path, error=error), file=sys.stderr)
        else:
            changed.append(item)
            if fmt == "text":
                print(t("expire.applied", path=item.path))
                print("".join(f"    + {line}\n" for line in block.splitlines()), end="")
    if fmt == "json":
        data = result.to_json()
        data["withdrawn"] = [monitor.item_json(i) for i in changed]
        data["failed"] = failed
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(t("expire.applied_summary", changed=len(changed), failed=len(failed))
              + (t("expire.applied_next") if changed else ""))
    return 1 if failed else 0
