"""A strict YAML reader for frontmatter.

It walks the parser's *events* (libyaml's C parser when available), so it sees
tags, anchors and aliases before anything is constructed: an alias bomb is never
expanded, a tag never runs a constructor. Every scalar stays a string; typing is
the schema's job (``no`` never becomes ``False``, ``0755`` never becomes 493).
Each key's line is recorded so findings can point at it.
"""

from __future__ import annotations

import re

from dataclasses import dataclass

import yaml

from webpub.messages import t

try:  # the C parser is ~10x faster; the pure one behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

PLAIN_NULLS = {"", "~", "null", "Null", "NULL"}
MAX_DEPTH = 32  # the schema needs three levels; far deeper is an attack on the recursion


class Scalar(str):
    """A YAML scalar kept as text, remembering whether it was quoted."""

    plain: bool = True

    def __new__(cls, value: str, plain: bool):
        obj = super().__new__(cls, value)
        obj.plain = plain
        return obj

    def __reduce__(self):  # str's own would call __new__ without ``plain``
        return (Scalar, (str(self), self.plain))


# PyYAML's pure-Python scanner names the character; libyaml's does not
_TOKEN = re.compile(r"found character '(.+)' that cannot start any token")


# PyYAML's wording -> the catalogue's reason (checks.yaml_<key>), first match wins:
# (where the words are: PyYAML's context or its problem, the words, key)
_EXPLAINED = (
    ("context", "flow sequence", "flow_sequence"),
    ("context", "flow mapping", "flow_mapping"),
    ("problem", "unknown escape", "escape"),
    ("context", "quoted scalar", "quote"),
    ("problem", "tab", "tab"),
    ("token", "\\t", "tab"),  # the character PyYAML names, written as \t or as a real tab
    ("token", "\t", "tab"),
    ("problem", "cannot start any token", "token"),
    ("problem", "mapping values are not allowed", "colon"),
    ("problem", "undefined alias", "alias"),
    ("problem", "block end", "indent"),
    ("context", "block", "indent"),
)


def explain(problem: str, context: str) -> tuple[str, str]:
    """PyYAML's English problem as a Thai reason and fix (never shown raw to a person)."""
    token = _TOKEN.search(problem)
    text = {"context": context, "problem": problem}
    for where, words, key in _EXPLAINED:
        if (token is not None and token.group(1) == words) if where == "token" else words in text[where]:
            break
    else:
        key = "other"
    return t(f"checks.yaml_{key}"), t(f"checks.yaml_{key}_hint")


@dataclass
class YamlProblem(Exception):
    rule: str
    line: int  # 1-based, relative to the YAML text
    message: str
    hint: str


Path = tuple


class _Builder:
    def __init__(self, events, line_offset: int):
        self.events = events
        self.line_offset = line_offset  # added to lines quoted inside messages
        self.lines: dict[Path, int] = {}

    def next(self):
        return next(self.events)

    def refuse_features(self, event) -> None:
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(
                "WP004", line,
                t("content.yaml_alias", name=event.anchor), t("content.yaml_alias_hint"),
            )
        anchor = getattr(event, "anchor", None)
        if anchor:
            raise YamlProblem(
                "WP004", line,
                t("content.yaml_anchor", name=anchor), t("content.yaml_anchor_hint"),
            )
        tag = getattr(event, "tag", None)
        explicit_tag = tag is not None  # the parser sets a tag only when one is written
        if explicit_tag:
            raise YamlProblem(
                "WP004", line,
                t("content.yaml_tag", tag=tag), t("content.yaml_tag_hint"),
            )

    def value(self, event, path: Path):
        self.refuse_features(event)
        if len(path) > MAX_DEPTH:
            raise YamlProblem(
                "WP004", event.start_mark.line + 1,
                t("content.yaml_too_deep", depth=MAX_DEPTH), t("content.yaml_too_deep_hint"),
            )
        if isinstance(event, yaml.ScalarEvent):
            plain = event.style in (None, "")
            if plain and event.value in PLAIN_NULLS:
                return None
            return Scalar(event.value, plain)
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while True:
                ev = self.next()
                if isinstance(ev, yaml.SequenceEndEvent):
                    return items
                self.lines[path + (len(items),)] = ev.start_mark.line + 1
                items.append(self.value(ev, path + (len(items),)))
        if isinstance(event, yaml.MappingStartEvent):
            mapping: dict = {}
            while True:
                ev = self.next()
                if isinstance(ev, yaml.MappingEndEvent):
                    return mapping
                self.refuse_features(ev)
                line = ev.start_mark.line + 1
                if not isinstance(ev, yaml.ScalarEvent):
                    raise YamlProblem(
                        "WP004", line, t("content.yaml_key_not_text"), t("content.yaml_key_not_text_hint"),
                    )
                key = ev.value
                if key in mapping:
                    raise YamlProblem(
                        "WP004", line,
                        t("content.yaml_duplicate_key", key=key, first=self.lines[path + (key,)] + self.line_offset),
                        t("content.yaml_duplicate_key_hint"),
                    )
                self.lines[path + (key,)] = line
                mapping[key] = self.value(self.next(), path + (key,))
        raise YamlProblem("WP003", event.start_mark.line + 1, t("content.yaml_structure"), t("checks.yaml_other_hint"))


def load(text: str, line_offset: int = 0) -> tuple[dict, dict[Path, int]]:
    """Parse one YAML document into plain dict/list/Scalar values and key lines."""
    try:
        events = yaml.parse(text, Loader=_Loader)
        builder = _Builder(iter(events), line_offset)
        first = builder.next()  # StreamStart
        doc = builder.next()
        if isinstance(doc, yaml.StreamEndEvent):
            return {}, {}
        root_event = builder.next()
        root = builder.value(root_event, ())
        end = builder.next()  # DocumentEnd
        after = builder.next()
        if not isinstance(after, yaml.StreamEndEvent):
            raise YamlProblem(
                "WP003", after.start_mark.line + 1,
                t("content.yaml_many_documents"), t("content.yaml_many_documents_hint"),
            )
        del first, end
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        why, hint = explain(exc.problem or "", exc.context or "")
        raise YamlProblem("WP003", line, t("checks.yaml_unreadable", line=line + line_offset, why=why), hint) from None
    except yaml.YAMLError:
        why, hint = explain("", "")
        raise YamlProblem("WP003", 1, t("checks.yaml_unreadable", line=1 + line_offset, why=why), hint) from None
    if root is None:
        return {}, builder.lines
    if not isinstance(root, dict):
        raise YamlProblem(
            "WP003", 1, t("content.yaml_not_mapping"), t("content.yaml_not_mapping_hint"),
        )
    return root, builder.lines
