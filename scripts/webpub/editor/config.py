"""Decap CMS configuration generated from the rules in ``schema/``.

Inputs: ``categories.yml`` (one collection per category folder, the topic chooser, the
fields and ``##`` sections each category and topic requires), ``frontmatter.schema.json``
(each field's widget: dates get the calendar, enums a choice list, integers a number),
``organization.yml`` (division and officer as choices), ``file-rules.yml`` (attachment
types and the 4 MB limit, stated in the hint and enforced by the media library) and
``editor.yml`` (backend, which optional fields every category offers, what is never shown).

The approval records are never a field: the form can neither show nor change them, and the
page format (``editor/admin/webpub-format.js``) writes their lines back as they were.
The result is checked in as ``editor/admin/config.yml``; a test regenerates and compares it.
"""

from __future__ import annotations

import yaml

from webpub.content import fmschema
from webpub.content.catrules import placeholder, required_keys, required_sections
from webpub.messages import t

TARGET = "editor/admin/config.yml"
FORMAT = "webpub-page"  # registered by editor/admin/webpub-format.js
HEADER = ("# {notice}\n"
          "# Generated from schema/ by `webpub editor config --write`; a test keeps it current.\n")
TEXT_FIELDS = {"summary", "remarks", "notes"}


def settings(repo) -> dict:
    return repo.schema("editor.yml")


def build(repo) -> dict:
    """The whole CMS configuration as plain data (dict order is the file's order)."""
    cfg = settings(repo)
    site = _site_url(repo)
    backend = {k: v for k, v in cfg["backend"].items()}
    backend["squash_merges"] = True
    backend["cms_label_prefix"] = "webpub/"
    return {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "locale": "th",
        "site_url": site,
        "display_url": site,
        "media_folder": "content",
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [_collection(repo, cfg, cid, cat) for cid, cat in repo.categories.items()],
        # For editor/admin/webpub-cms.js only (taken out before the CMS reads the rest).
        "webpub": {"key_order": list((repo.frontmatter_schema.get("properties") or {}).keys()),
                   "topic_sections": topic_sections(repo),
                   "section_placeholder": placeholder(t("new.section_content", section="{section}"))},
    }


def render(repo) -> str:
    return HEADER.format(notice=t("editor.generated_notice")) + yaml.safe_dump(
        build(repo), allow_unicode=True, sort_keys=False, width=100000, default_flow_style=False)


def _site_url(repo) -> str:
    mk = repo.root / "mkdocs.yml"
    if mk.is_file():
        for line in mk.read_text(encoding="utf-8").splitlines():
            if line.startswith("site_url:"):
                return line.split(":", 1)[1].strip()
    return ""


# -- one collection per category folder --------------------------------------------
def _collection(repo, cfg: dict, cid: str, cat: dict) -> dict:
    group = next((g for g in repo.groups if g["id"] == cat.get("group")), {})
    topics = cat.get("topics") or []
    required = set(required_keys(repo, cid, None))
    by_topic = {tp["id"]: set(required_keys(repo, cid, tp["id"])) - required for tp in topics}
    wanted = required | set(cfg["optional_fields"]) | set().union(*by_topic.values())
    if topics:
        wanted.add("topic")
    if cat.get("source_required"):
        required.add("source")
    hidden = set(cfg["never_shown"])
    root = repo.frontmatter_schema
    fields = []
    for key in root.get("properties") or {}:
        if key in hidden or key not in wanted or (key == "topic" and not topics):
            continue
        needed_by = [tp for tp in topics if key in by_topic[tp["id"]]]
        fields.append(_field(repo, cid, cat, key, key in required, needed_by))
    fields.append(_body_field(repo, cid, cat))
    return {
        "name": cat["dir"],
        "label": f"{cid} {cat['name_th']}",
        "label_singular": cat["name_th"],
        "description": t("editor.collection_hint", category=cid, name=cat["name_th"],
                         group=group.get("name_th", "")),
        "folder": f"content/{cat['dir']}",
        "create": True,
        "extension": "md",
        "format": FORMAT,
        "media_folder": "",
        "public_folder": "",
        "slug": "{{year}}-{{month}}-{{day}}-" + cat["dir"] + "-{{hour}}{{minute}}{{second}}",
        "summary": "{{title}}",
        "sortable_fields": ["title"],
        "fields": fields,
    }


def _label(key: str, node: dict) -> str:
    from webpub.messages import catalogue

    return catalogue().get(f"editor.label.{key}") or node.get("description") or key


def _field(repo, cid: str, cat: dict, key: str, required: bool, needed_by: list[dict]) -> dict:
    root = repo.frontmatter_schema
    node = fmschema.schema_at(root, (key,))
    if key == "category":
        return {"name": "category", "label": "category", "widget": "hidden", "default": cid}
    if key == "topic":
        return {"name": "topic", "label": t("editor.label.topic"), "widget": "select",
                "required": required, "hint": _topic_hint(repo, cid, cat),
                "options": [{"label": tp["name_th"], "value": tp["id"]} for tp in cat.get("topics") or []]}
    if key == "owner":
        return _owner(repo, required)
    if key == "attachments":
        return _attachments(repo, cid, required)
    field = _widget(repo, key, node, required)
    hints = [field.get("hint")] if field.get("hint") else []
    if needed_by:
        hints.append(t("editor.hint.required_by_topic", topics=", ".join(tp["name_th"] for tp in needed_by)))
    if hints:
        field["hint"] = " — ".join(hints)
    if key == "published":
        field["default"] = "{{now}}"
    return field


def _topic_hint(repo, cid: str, cat: dict) -> str:
    base = set(required_keys(repo, cid, None))
    notes = [t("editor.hint.topic")]
    root = repo.frontmatter_schema
    for tp in cat.get("topics") or []:
        extra = [f for f in required_keys(repo, cid, tp["id"]) if f not in base]
        if extra:
            labels = ", ".join(_label(f, fmschema.schema_at(root, (f,))) for f in extra)
            notes.append(t("editor.hint.topic_needs", topic=tp["name_th"], fields=labels))
    return " — ".join(notes)


def _widget(repo, key: str, node: dict, required: bool) -> dict:
    """A field from its JSON Schema node (any depth): the widget follows the type."""
    root = repo.frontmatter_schema
    branch = fmschema.alternatives(node, root)[0]
    kinds = fmschema.types_of(node, root)
    field: dict = {"name": key, "label": _label(key, node), "required": required}
    if fmschema.is_date_schema(node, root):
        field.update(widget="datetime", date_format="YYYY-MM-DD", time_format=False,
                     hint=t("editor.hint.date"))
    elif "enum" in branch:
        field.update(widget="select", options=[str(v) for v in branch["enum"]])
    elif "object" in kinds and branch.get("properties"):
        need = set(branch.get("required") or [])
        field.update(widget="object", collapsed=False, fields=[
            _widget(repo, sub, fmschema.child_schema(node, root, sub), sub in need)
            for sub in branch["properties"]])
    elif branch.get("type") == "array":
        items = fmschema.resolve(branch.get("items") or {}, root)
        if "enum" in items:
            field.update(widget="select", multiple=True, options=[str(v) for v in items["enum"]])
        else:
            field.update(widget="list", field=_widget(repo, key, items, True) | {"label": _label(key, node)})
            field["field"].pop("required", None)
    elif "integer" in kinds or "number" in kinds:
        field.update(widget="number", value_type="int" if "integer" in kinds else "float")
        for bound in ("minimum", "maximum"):
            if bound in branch:
                field["min" if bound == "minimum" else "max"] = branch[bound]
    else:
        field["widget"] = "text" if key in TEXT_FIELDS else "string"
        if fmschema.is_month_schema(node, root):
            field["hint"] = t("editor.hint.period")
        if key == "source":
            field["hint"] = t("editor.hint.source")
        if branch.get("pattern") and not fmschema.is_date_schema(node, root):
            field["pattern"] = [branch["pattern"], node.get("description") or _label(key, node)]
    return field


def _owner(repo, required: bool) -> dict:
    divisions = [{"label": d.get("name_th", did), "value": did} for did, d in repo.divisions.items()]
    names = {did: d.get("name_th", did) for did, d in repo.divisions.items()}
    people = [{"label": f"{p.get('name_th', pid)} ({names.get(p.get('division'), p.get('division'))})",
               "value": pid} for pid, p in repo.people.items()]
    officer = t("roles.officer")
    return {"name": "owner", "label": t("editor.label.owner"), "widget": "object", "collapsed": False,
            "required": required, "fields": [
                {"name": "division", "label": t("editor.label.division"), "widget": "select",
                 "hint": t("editor.hint.division"), "options": divisions},
                {"name": "officer", "label": officer, "widget": "select",
                 "hint": t("editor.hint.officer", officer=officer), "options": people},
            ]}


def _attachments(repo, cid: str, required: bool) -> dict:
    types = ", ".join(repo.allowed_extensions(cid))
    limit = f"{repo.file_rules['max_bytes'] / 1048576:g} MB"
    return {"name": "attachments", "label": t("editor.label.attachments"), "widget": "list",
            "required": required, "collapsed": False, "summary": "{{fields.title}}",
            "hint": t("editor.hint.attachments", types=types, limit=limit),
            "fields": [
                {"name": "file", "label": t("editor.label.file"), "widget": "file",
                 "choose_url": False, "hint": t("editor.hint.attachments", types=types, limit=limit),
                 "media_library": {"config": {"max_file_size": int(repo.file_rules["max_bytes"])}}},
                {"name": "title", "label": t("editor.label.file_title"), "widget": "string"},
            ]}


def body_text(sections: list[str]) -> str:
    """The pre-filled body: each required ``##`` section with a fill-in marker (WP029)."""
    return "".join(f"## {s}\n\n{placeholder(t('new.section_content', section=s))}\n\n" for s in sections)


def _body_field(repo, cid: str, cat: dict) -> dict:
    sections = required_sections(repo, cid, None)
    notes = []
    for tp in cat.get("topics") or []:
        extra = [s for s in required_sections(repo, cid, tp["id"]) if s not in sections]
        if extra:
            notes.append(t("editor.hint.body_topic_sections", topic=tp["name_th"], sections=", ".join(extra)))
    field = {"name": "body", "label": t("editor.label.body"), "widget": "markdown",
             "modes": ["raw"], "required": True,
             "hint": t("editor.hint.body", sections=(" — " + " — ".join(notes)) if notes else "")}
    if sections:
        field["default"] = body_text(sections)
    return field


def topic_sections(repo) -> dict:
    """category id → topic id → the sections the topic adds (the page format fills them in)."""
    out: dict = {}
    for cid, cat in repo.categories.items():
        base = required_sections(repo, cid, None)
        for tp in cat.get("topics") or []:
            extra = [s for s in required_sections(repo, cid, tp["id"]) if s not in base]
            if extra:
                out.setdefault(cat["dir"], {})[tp["id"]] = extra
    return out
