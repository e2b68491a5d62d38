"""``webpub new``: scaffold a page that already passes ``webpub check``.

Writes ``content/<dir>/<slug>.md`` with the frontmatter keys in the schema's
order, every field the category and topic require (published = today in
Asia/Bangkok) and the required ``## …`` sections. What only the officer knows is
left as ``[[กรอก: …]]`` placeholders, which ``webpub check`` reports as warnings
(WP029) until they are filled. Never overwrites a file. Prints the new path.

Officer: ``--officer`` if given (must work in ``--division``); otherwise the
division's only member who is not its director; otherwise the command stops and
lists the division's people to choose from.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path

from webpub import names, textchars
from webpub.content import fmschema
from webpub.content.catrules import (
    category_list_th, division_list_th, people_list_th, people_of, placeholder,
    required_fields, required_sections, source_required, topic_list_th,
)
from webpub.commands._common import add_today, require, resolve_today
from webpub.dates import fiscal_year_be
from webpub.core.results import UsageError
from webpub.messages import t
from webpub.repo import Repo

SLUG = names.SEGMENT  # the page-name rule WP027 checks
PLAIN_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
DAYS_UNTIL_CLOSING = 30
PREFERRED_ENUM = ("ไม่ทราบ",)  # catalogue-exempt: a value of the schema's enums (frontmatter.schema.json)
# Where a sensible default beats the schema's generic one.
DEFAULTS = {("dataset", "data_format"): ["CSV"]}
# Placeholder labels where the schema's description is not what an officer should read:
# new.label.<key> in the catalogue.
LABELLED = ("phone", "fax", "address", "tag_string", "notes", "data_source", "maintainer", "title")


def add_arguments(parser) -> None:
    m = lambda key: t(f"new.metavar.{key}")  # noqa: E731
    parser.add_argument("--category", required=True, metavar=m("category"), help=t("new.opt.category"))
    parser.add_argument("--title", required=True, metavar=m("title"), help=t("new.opt.title"))
    parser.add_argument("--division", required=True, metavar=m("division"), help=t("new.opt.division"))
    parser.add_argument("--officer", metavar=m("officer"),
                        help=t("new.opt.officer", officer=t("roles.officer"), director=t("roles.director")))
    parser.add_argument("--topic", metavar=m("topic"), help=t("new.opt.topic"))
    parser.add_argument("--slug", metavar=m("slug"), help=t("new.opt.slug"))
    add_today(parser)


def run(args) -> int:
    repo = Repo.discover()
    today = resolve_today(args)
    category = _category(repo, args.category)
    topic = _topic(repo, args.category, args.topic)
    division = _division(repo, args.division)
    officer = _officer(repo, division, args.officer)
    title = _title(args.title)
    folder = repo.content_dir / category["dir"]
    slug = _slug(folder, args.slug, today, topic or category["dir"])
    page_path = folder / f"{slug}.md"
    extra_files = _extra_files(repo, args.category, folder, slug)
    for path in [page_path, *extra_files]:
        require(not path.exists(), t("new.exists", path=repo.rel(path)))
    fields = Scaffold(repo, args.category, topic, division, officer, title, today, slug).fields()
    text = render_page(repo, fields, required_sections(repo, args.category, topic))
    folder.mkdir(parents=True, exist_ok=True)
    _write_new(page_path, text)
    for path, content in extra_files.items():
        _write_new(path, content)
    print(repo.rel(page_path))
    for path in extra_files:
        print(t("new.sample_written", path=repo.rel(path)), file=sys.stderr)
    print(t("new.fill_in"), file=sys.stderr)
    return 0


# -- validating the request ------------------------------------------------------
def _category(repo, category_id: str) -> dict:
    require(category_id in repo.categories,
            t("new.no_category", category=category_id, choices=category_list_th(repo)))
    return repo.categories[category_id]


def _topic(repo, category_id: str, topic_id: str | None) -> str | None:
    topics = [topic["id"] for topic in repo.categories[category_id].get("topics") or []]
    if topic_id is None:
        require("topic" not in required_fields(repo, category_id, None),
                t("new.topic_required", category=category_id, choices=topic_list_th(repo, category_id)))
        return None
    require(bool(topics), t("new.no_topics", category=category_id))
    require(topic_id in topics,
            t("new.no_topic", category=category_id, topic=topic_id, choices=topic_list_th(repo, category_id)))
    return topic_id


def _division(repo, division_id: str) -> str:
    require(division_id in repo.divisions,
            t("new.no_division", division=division_id, choices=division_list_th(repo)))
    return division_id


def _officer(repo, division: str, officer_id: str | None) -> str:
    members = people_of(repo, division)
    if officer_id is not None:
        require(officer_id in repo.people and repo.people[officer_id].get("division") == division,
                t("new.no_officer", officer=officer_id, division=division, choices=people_list_th(members)))
        return officer_id
    directors = set(repo.divisions[division].get("directors") or [])
    candidates = [p for p in members if p["id"] not in directors]
    require(len(candidates) == 1,
            t("new.officer_required", division=division, choices=people_list_th(candidates or members)))
    return candidates[0]["id"]


def _title(raw: str) -> str:
    title = unicodedata.normalize("NFC", raw).strip()
    require(bool(title), t("new.title_empty"))
    bad = textchars.first_forbidden(title, one_line=True)
    require(bad is None, t("new.title_forbidden", char=textchars.describe(bad or " ")))
    require(len(title) <= 300, t("new.title_long", length=len(title)))
    return title


def _slug(folder: Path, wanted: str | None, today: dt.date, label: str) -> str:
    if wanted is not None:
        require(bool(SLUG.match(wanted)),
                t("new.bad_slug", slug=wanted, example=f"{today.isoformat()}-news"))
        return wanted
    base = f"{today.isoformat()}-{label}"
    slug, number = base, 2
    while (folder / f"{slug}.md").exists() or (folder / f"{slug}.csv").exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _extra_files(repo, category_id: str, folder: Path, slug: str) -> dict[Path, str]:
    """A sample data file for categories that require attachments (open data)."""
    if "attachments" not in required_fields(repo, category_id, None):
        return {}
    return {folder / f"{slug}.csv": t("new.sample_csv")}


def _write_new(path: Path, text: str) -> None:
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        raise UsageError(t("new.exists", path=path)) from None


# -- the page's fields ----------------------------------------------------------
class Scaffold:
    """Values for every required field, typed the way the schema asks."""

    def __init__(self, repo, category_id, topic, division, officer, title, today, slug):
        self.repo, self.category_id, self.topic = repo, category_id, topic
        self.division, self.officer, self.title = division, officer, title
        self.today, self.slug = today, slug
        self.root = repo.frontmatter_schema
        self.person = repo.people[officer]

    def fields(self) -> dict:
        needs = required_fields(self.repo, self.category_id, self.topic)
        inner = [name.split("|")[0].split(".") for name in needs if "." in name.split("|")[0]]
        wanted = {name.split("|")[0].split(".")[0] for name in needs}
        if source_required(self.repo, self.category_id, self.topic):
            wanted.add("source")
        values = {
            "title": self.title, "category": self.category_id, "topic": self.topic,
            "owner": {"division": self.division, "officer": self.officer},
            "published": self.today.isoformat(),
        }
        order = list((self.root.get("properties") or {}).keys())
        out = {}
        for key in order:
            if key in values and values[key] is not None:
                out[key] = values[key]
            elif key in wanted:
                out[key] = self.value_for((key,), fmschema.schema_at(self.root, (key,)))
        for top, key in inner:  # a key inside a mapping the topic requires (contact.fax)
            if isinstance(out.get(top), dict) and key not in out[top]:
                out[top][key] = self.value_for((top, key), fmschema.schema_at(self.root, (top, key)))
        return out

    def value_for(self, path: tuple, node: dict):
        if path in DEFAULTS:
            return DEFAULTS[path]
        special = self.special(path)
        if special is not None:
            return special
        branch = fmschema.alternatives(node, self.root)[0]
        if "enum" in branch:
            return self.pick(branch["enum"])
        kind = next(iter(sorted(fmschema.types_of(node, self.root))), "string")
        if fmschema.is_date_schema(node, self.root):
            return self.today.isoformat()
        if kind == "object":
            return {k: self.value_for(path + (k,), fmschema.child_schema(node, self.root, k))
                    for k in branch.get("required") or []}
        if kind == "array":
            return [self.value_for(path + (0,), fmschema.child_schema(node, self.root, 0))]
        if kind == "integer":
            return max(int(branch.get("minimum", 1)), 1)
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        label = (t(f"new.label.{key}") if key in LABELLED else None) or node.get("description") or key \
            or t("new.label.default")
        return placeholder(label)

    def special(self, path: tuple):
        key = path[-1]
        agency = self.repo.organization.get("agency") or {}
        if path in (("closing_date",), ("event_date",)):
            return (self.today + dt.timedelta(days=DAYS_UNTIL_CLOSING)).isoformat()
        if path == ("period",):
            previous = self.today.replace(day=1) - dt.timedelta(days=1)
            return f"{previous.year:04d}-{previous.month:02d}"
        if path == ("fiscal_year",):
            return fiscal_year_be(self.today)
        if path == ("attachments",):
            return [{"file": f"{self.slug}.csv", "title": placeholder(t("new.attachment_title"))}]
        if path == ("contact", "address") and agency.get("address_th"):
            return agency["address_th"]
        if path == ("contact", "map"):  # a working map link to the agency's address
            from urllib.parse import quote

            return agency.get("map_url") or "https://www.openstreetmap.org/search?query=" + quote(
                agency.get("address_th") or agency.get("name_th") or "")
        if key in ("email", "maintainer_email"):
            return agency.get("email") if path[0] == "contact" and agency.get("email") else self.person.get("email")
        if key == "maintainer":
            return self.person.get("name_th")
        if path == ("source",):
            return placeholder(t("new.source"))
        return None

    @staticmethod
    def pick(choices: list):
        for preferred in PREFERRED_ENUM:
            if preferred in choices:
                return preferred
        return choices[0]


# -- writing ------------------------------------------------------------------------
def yaml_scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if PLAIN_SAFE.match(text) and not re.match(r"^[0-9.]+$", text):
        return text
    if re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text):
        return text
    return json.dumps(text, ensure_ascii=False)


def yaml_lines(value, indent: int, enum_note) -> list[str]:
    pad = " " * indent
    lines = []
    for key, item in value.items():
        note = enum_note(key)
        if note:
            lines.append(f"{pad}# {note}")
        if isinstance(item, dict):
            lines.append(f"{pad}{key}:")
            lines.extend(yaml_lines(item, indent + 2, lambda k, key=key: enum_note(f"{key}.{k}")))
        elif isinstance(item, list):
            lines.append(f"{pad}{key}:")
            for element in item:
                if isinstance(element, dict):
                    inner = yaml_lines(element, indent + 4, lambda k: None)
                    lines.append(f"{pad}  - {inner[0].strip()}")
                    lines.extend(inner[1:])
                else:
                    lines.append(f"{pad}  - {yaml_scalar(element)}")
        else:
            lines.append(f"{pad}{key}: {yaml_scalar(item)}")
    return lines


def render_page(repo, fields: dict, sections: list[str]) -> str:
    root = repo.frontmatter_schema

    def enum_note(dotted: str):
        node = fmschema.schema_at(root, tuple(dotted.split(".")))
        branch = fmschema.alternatives(node, root)[0]
        choices = branch.get("enum") or (fmschema.resolve(branch.get("items") or {}, root).get("enum"))
        return t("new.choose_from", choices=" | ".join(map(str, choices))) if choices else None

    lines = ["---", *yaml_lines(fields, 0, enum_note), "---", ""]
    if sections:
        for section in sections:
            lines += [f"## {section}", "", placeholder(t("new.section_content", section=section)), ""]
    else:
        lines += [placeholder(t("new.body_content")), ""]
    return "\n".join(lines)
