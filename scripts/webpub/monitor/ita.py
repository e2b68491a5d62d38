"""The yearly ITA disclosure list (O-codes) as data: ``schema/ita/<fiscal year>.yml``.

Codes change every year, so nothing here knows a code: each file maps its codes to
categories/topics (optionally a tag, and the fiscal year an item must name) or to a
recurring obligation of ``schema/obligations.yml`` for a fiscal year.
"""

from __future__ import annotations

import datetime as dt

import yaml

from webpub.core.results import UsageError
from webpub.messages import t
from webpub.monitor import obligations as obl
from webpub.monitor.report import Site, as_json, bad_dates, occurrence_entry, unreadable
from webpub.monitor.status import Entry, best, standing_status, worst
from webpub.repo import Repo

RULE_KEYS = {"category", "topic", "tag", "fiscal_year", "obligation"}


def available_years(repo: Repo) -> list[int]:
    folder = repo.schema_dir / "ita"
    if not folder.is_dir():
        return []
    return sorted(int(p.stem) for p in folder.glob("*.yml") if p.stem.isdigit())


def load_profile(repo: Repo, year: int) -> dict:
    path = repo.schema_dir / "ita" / f"{year}.yml"
    if not path.is_file():
        years = ", ".join(str(y) for y in available_years(repo)) or t("monitor.ita_none")
        raise UsageError(t("monitor.ita_missing", year=year, years=years))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UsageError(t("monitor.ita_unreadable", year=year, error=exc)) from None
    problems = validate_profile(data, repo, year)
    if problems:
        raise UsageError(t("monitor.schema_invalid", file=f"ita/{year}.yml", problems="; ".join(problems)))
    return data


def validate_profile(data, repo: Repo, year: int) -> list[str]:
    if not isinstance(data, dict) or data.get("fiscal_year") != year:
        return [t("monitor.ita_need_year", year=year)]
    known_obligations = {ob["id"] for ob in obl.load(repo).get("obligations") or []}
    problems, seen = [], set()
    for code in data.get("codes") or []:
        name = code.get("code")
        if not name or name in seen or not code.get("title_th"):
            problems.append(t("monitor.ita_bad_code", code=name))
        seen.add(name)
        for rule in code.get("satisfied_by") or [None]:
            problems.extend(_check_rule(rule, repo, known_obligations, name))
    if not seen:
        problems.append(t("monitor.ita_no_codes"))
    return problems


def _check_rule(rule, repo: Repo, known_obligations: set, code) -> list[str]:
    if not isinstance(rule, dict) or set(rule) - RULE_KEYS:
        return [t("monitor.ita_bad_rule", code=code, allowed=", ".join(sorted(RULE_KEYS)))]
    if "obligation" in rule:
        ok = rule["obligation"] in known_obligations
        return [] if ok else [t("monitor.ita_unknown_obligation", code=code, obligation=rule["obligation"])]
    return obl.check_match(rule, repo, t("monitor.ita_code", code=code))


def rule_entry_status(site: Site, rule: dict, year: int) -> tuple[str, list]:
    """Status and items for one way of meeting a code."""
    target_year = year + int(rule.get("fiscal_year", 0))
    if "obligation" in rule:
        ob = next(o for o in site.data["obligations"] if o["id"] == rule["obligation"])
        entries = [occurrence_entry(site, o) for o in obl.occurrences_in_fiscal_year(ob, target_year, site.today)]
        paths = [p for e in entries for p in e.paths]
        return (worst(e.status for e in entries) if entries else "missing"), paths
    items = site.matching(rule)
    if "fiscal_year" in rule:
        items = [i for i in items if i.fiscal_year == target_year]
    return standing_status(items, site.today, site.within), [i.path for i in items]


def code_entry(site: Site, code: dict, year: int) -> Entry:
    statuses, paths = [], set()
    for rule in code["satisfied_by"]:
        status, found = rule_entry_status(site, rule, year)
        statuses.append(status)
        paths.update(found)
    ordered = sorted(paths)
    division = code.get("division") or site.default_division
    title = f"{code['code']} {code['title_th']}"
    return Entry(f"ita/{year}/{code['code']}", "ita", title, best(statuses), ordered, division,
                 [site.url(p) for p in ordered], group=str(code.get("indicator", "")) or None)


def build(repo: Repo, year: int, today: dt.date, within: int | None = None) -> dict:
    profile = load_profile(repo, year)
    site = Site.load(repo, today, within)
    entries = [code_entry(site, code, year) for code in profile["codes"]]
    report = as_json(today, entries, unreadable(site), bad_dates(site))
    report["ita"] = {"fiscal_year": year, "verified": bool(profile.get("verified")),
                     "source": profile.get("source", "")}
    return report
