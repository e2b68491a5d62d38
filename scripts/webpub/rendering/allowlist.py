"""The raw-HTML allowlist of ``schema/html-allowlist.yml``, compiled once per repository.

A repository without the file gets ``DEFAULT`` (the same list webpub ships; a test
keeps the two equal), so an agency that never copied it is still protected.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass

from webpub.core.results import UsageError
from webpub.messages import t

FILE = "html-allowlist.yml"

DEFAULT = {
 'version': 1,
 'tags': ['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'img', 'em', 'strong', 'b', 'i', 'u', 's',
          'del', 'ins', 'sub', 'sup', 'mark', 'small', 'abbr', 'code', 'pre', 'kbd', 'samp', 'var',
          'blockquote', 'q', 'cite', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot',
          'tr', 'th', 'td', 'caption', 'div', 'span', 'details', 'summary', 'figure', 'figcaption'],
 'global_attributes': ['id', 'class', 'title', 'lang'],
 'attributes': {'a': ['href', 'target', 'rel'],
                'img': ['src', 'alt', 'width', 'height'],
                'th': ['style', 'align', 'colspan', 'rowspan', 'scope'],
                'td': ['style', 'align', 'colspan', 'rowspan'],
                'ol': ['start', 'type'],
                'li': ['value'],
                'blockquote': ['cite'],
                'q': ['cite'],
                'details': ['open']},
 'values': {'style': '\\s*text-align:\\s*(left|right|center)\\s*;?\\s*',
            'align': '(left|right|center)',
            'target': '_blank',
            'rel': '(noopener|noreferrer|nofollow| )+',
            'width': '[0-9]{1,4}(px|%)?',
            'height': '[0-9]{1,4}(px|%)?',
            'colspan': '[0-9]{1,3}',
            'rowspan': '[0-9]{1,3}',
            'start': '-?[0-9]{1,6}',
            'value': '-?[0-9]{1,6}',
            'type': '[1aAiI]',
            'scope': '(row|col|rowgroup|colgroup)',
            'lang': '[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*',
            'open': '(open)?'},
 'url_attributes': ['href', 'src', 'cite'],
 'url_schemes': ['http', 'https', 'mailto', 'tel'],
 'reserved_id_prefixes': ['__', 'md-', 'webpub-'],
 'classes': {'admonition': ['div'],
             'admonition-title': ['p'],
             'note': ['div', 'details'],
             'abstract': ['div', 'details'],
             'summary': ['div', 'details'],
             'tldr': ['div', 'details'],
             'info': ['div', 'details'],
             'todo': ['div', 'details'],
             'tip': ['div', 'details'],
             'hint': ['div', 'details'],
             'important': ['div', 'details'],
             'success': ['div', 'details'],
             'check': ['div', 'details'],
             'done': ['div', 'details'],
             'question': ['div', 'details'],
             'help': ['div', 'details'],
             'faq': ['div', 'details'],
             'warning': ['div', 'details'],
             'caution': ['div', 'details'],
             'attention': ['div', 'details'],
             'failure': ['div', 'details'],
             'fail': ['div', 'details'],
             'missing': ['div', 'details'],
             'danger': ['div', 'details'],
             'error': ['div', 'details'],
             'bug': ['div', 'details'],
             'example': ['div', 'details'],
             'quote': ['div', 'details'],
             'cite': ['div', 'details'],
             'footnote': ['div'],
             'footnote-ref': ['a'],
             'footnote-backref': ['a'],
             'highlight': ['div', 'table'],
             'highlighttable': ['table'],
             'linenos': ['td', 'span'],
             'linenodiv': ['div'],
             'filename': ['span'],
             'hll': ['span'],
             'code': ['td']},
 'class_patterns': [{'pattern': 'language-[a-z0-9_+#.-]{1,40}', 'tags': ['div', 'pre', 'code']}],
 'code_token_classes': ['bp', 'c', 'c1', 'ch', 'cm', 'cp', 'cpf', 'cs', 'dl', 'err', 'esc', 'fm', 'g', 'gd',
                        'ge', 'ges', 'gh', 'gi', 'go', 'gp', 'gr', 'gs', 'gt', 'gu', 'il', 'k', 'kc', 'kd',
                        'kn', 'kp', 'kr', 'kt', 'l', 'ld', 'm', 'mb', 'mf', 'mh', 'mi', 'mo', 'n', 'na', 'nb',
                        'nc', 'nd', 'ne', 'nf', 'ni', 'nl', 'nn', 'no', 'nt', 'nv', 'nx', 'o', 'ow', 'p',
                        'pm', 'py', 's', 's1', 's2', 'sa', 'sb', 'sc', 'sd', 'se', 'sh', 'si', 'sr', 'ss',
                        'sx', 'vc', 'vg', 'vi', 'vm', 'w', 'x']}


@dataclass(frozen=True)
class Allowlist:
    tags: frozenset[str]
    attributes: dict[str, frozenset[str]]  # tag -> allowed attribute names (global included)
    values: dict[str, re.Pattern]
    url_attributes: frozenset[str]
    url_schemes: frozenset[str]
    classes: dict[str, frozenset[str]]  # class -> tags it may be on
    class_patterns: tuple[tuple[re.Pattern, frozenset[str]], ...]
    code_token_classes: frozenset[str]
    reserved_id_prefixes: tuple[str, ...]

    def allows_attribute(self, tag: str, name: str) -> bool:
        return name in self.attributes.get(tag, self.attributes[""])

    def allows_value(self, name: str, value: str | None) -> bool:
        pattern = self.values.get(name)
        return pattern is None or bool(pattern.fullmatch(value or ""))

    def allows_class(self, tag: str, name: str) -> bool:
        """Whether Markdown-made ``tag`` may carry class ``name``."""
        if tag in self.classes.get(name, ()):
            return True
        if tag == "span" and name in self.code_token_classes:
            return True
        return any(tag in tags and pattern.fullmatch(name) for pattern, tags in self.class_patterns)


def compile_allowlist(data: dict) -> Allowlist:
    """The compiled allowlist; a malformed file is a UsageError naming what is wrong."""
    try:
        return _compile(data)
    except (AttributeError, TypeError, KeyError, re.error) as exc:
        raise UsageError(t("rendering.allowlist_invalid", file=FILE, why=exc)) from None


def _compile(data: dict) -> Allowlist:
    if not isinstance(data, dict) or not isinstance(data.get("tags"), list):
        raise TypeError(t("rendering.allowlist_no_tags"))
    common = frozenset(data.get("global_attributes") or [])
    per_tag = {"": common}
    for tag in data.get("tags") or []:
        per_tag[tag] = common | frozenset((data.get("attributes") or {}).get(tag) or [])
    # A file written before classes and ids had their own rules gets webpub's lists:
    # missing means "the default", never "anything".
    classes = data["classes"] if "classes" in data else DEFAULT["classes"]
    patterns = data["class_patterns"] if "class_patterns" in data else DEFAULT["class_patterns"]
    tokens = data["code_token_classes"] if "code_token_classes" in data else DEFAULT["code_token_classes"]
    reserved = data.get("reserved_id_prefixes") or DEFAULT["reserved_id_prefixes"]
    return Allowlist(
        tags=frozenset(data.get("tags") or []),
        attributes=per_tag,
        values={name: re.compile(pattern) for name, pattern in (data.get("values") or {}).items()},
        url_attributes=frozenset(data.get("url_attributes") or []),
        url_schemes=frozenset(s.lower() for s in data.get("url_schemes") or []),
        classes={str(name): frozenset(tags) for name, tags in (classes or {}).items()},
        class_patterns=tuple((re.compile(item["pattern"]), frozenset(item["tags"])) for item in patterns or []),
        code_token_classes=frozenset(str(t) for t in tokens or []),
        reserved_id_prefixes=tuple(str(p) for p in reserved),
    )


_compiled: dict[tuple[str, int], Allowlist] = {}


def for_repo(repo) -> Allowlist:
    try:
        stamp = os.stat(os.path.join(repo.root, "schema", FILE)).st_mtime_ns
    except OSError:
        stamp = -1
    key = (str(repo.root), stamp)
    if key not in _compiled:
        _compiled[key] = compile_allowlist(repo.schema(FILE) if stamp != -1 else DEFAULT)
    return _compiled[key]


# -- ids the theme's pages already use -------------------------------------------
_TEMPLATE_ID = re.compile(r"""\bid\s*=\s*["']([^"'{}$<>\s]+)["']""")


# Every literal id in the templates of the Material version that requirements/ locks.
# `webpub check` runs where the theme is not installed (pre-commit installs only the core
# dependencies), so the list is shipped; tests/test_check_html_ids.py compares it with the
# installed theme, so moving Material in the lock without updating it fails the suite.
MATERIAL_TEMPLATE_IDS = frozenset({
    "__analytics", "__config", "__consent", "__drawer", "__search", "__settings", "__toc",
})


def theme_ids(root) -> frozenset[str]:
    """Every literal id of the theme: Material's templates (``MATERIAL_TEMPLATE_IDS``) and
    ``overrides/``, read at check time so a new override is covered at once; ids built
    from template expressions all start with a reserved prefix (``__nav_``)."""
    from pathlib import Path

    return MATERIAL_TEMPLATE_IDS | _theme_ids((str(Path(root) / "overrides"),))


def template_ids(folder) -> frozenset[str]:
    """The literal ids in one folder of templates (for the test against the installed theme)."""
    return _theme_ids((str(folder),))


@functools.lru_cache(maxsize=8)
def _theme_ids(folders: tuple[str, ...]) -> frozenset[str]:
    found: set[str] = set()
    for folder in folders:
        for dirpath, _dirs, files in os.walk(folder):
            for name in files:
                if name.endswith((".html", ".js")):
                    try:
                        with open(os.path.join(dirpath, name), encoding="utf-8", errors="replace") as fh:
                            found.update(_TEMPLATE_ID.findall(fh.read()))
                    except OSError:
                        continue
    return frozenset(found)
