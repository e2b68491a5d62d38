"""Loading one content item: bytes -> text -> frontmatter + body, strictly.

Loading never raises for bad input: a page that cannot be read carries a
``load_problem`` that the parse checks report, and every other check skips it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from webpub.content import yamlstrict
from webpub.core.results import Finding
from webpub.messages import t

BOM = b"\xef\xbb\xbf"
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


@dataclass
class LoadProblem:
    rule: str
    line: int
    message: str
    hint: str


@dataclass
class Page:
    path: str  # repository-relative, POSIX
    abspath: Path
    raw: bytes
    text: str | None = None
    meta: dict | None = None
    key_lines: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # 1-based line of the first body line in the file
    frontmatter_line: int = 2  # 1-based line of the first YAML line
    load_problem: LoadProblem | None = None
    # Derived facts, declared here and computed lazily, each by the one function named
    # (never attached from elsewhere): computed on first use, then kept for the page's life.
    _html: str | None = field(default=None, repr=False, compare=False)  # Context.html
    _raw_html: list[str] | None = field(default=None, repr=False, compare=False)  # the HTML the author wrote (Context.html)
    render_refusal: object = field(default=None, repr=False, compare=False)  # Context.html (renderguard.Refusal or None)
    _scan: object = field(default=None, repr=False, compare=False)  # htmlscan.scan
    _links: list | None = field(default=None, repr=False, compare=False)  # links.local_links
    _bad_dates: tuple | None = field(default=None, repr=False, compare=False)  # publish.date_problems: (repo, names)
    _item: object = field(default=None, repr=False, compare=False)  # Context.item: the content Item of this page
    _approval_trail: tuple | None = field(default=None, repr=False, compare=False)  # approvals.verify.evaluate_page: (repo, Trail)
    _line_lookups: int = field(default=0, repr=False, compare=False)  # body_line_of
    _newlines: tuple | None = field(default=None, repr=False, compare=False)  # body_line_of: (len(body), offsets)

    # -- helpers for checks ------------------------------------------------
    @property
    def ok(self) -> bool:
        """True when frontmatter parsed into a mapping: meta-based checks may run."""
        return self.meta is not None

    def line_of(self, *key) -> int:
        """The file line of a frontmatter key (or its closest known parent)."""
        path = tuple(key)
        while path:
            if path in self.key_lines:
                return self.key_lines[path] + self.frontmatter_line - 1
            path = path[:-1]
        return 1

    def body_line_of(self, offset: int) -> int:
        """The file line of a character offset into ``body`` (a binary search: a page
        with thousands of findings must not count its newlines once per finding)."""
        self._line_lookups += 1
        if self._line_lookups <= 16:  # the usual few findings: counting is cheaper than an index
            return self.body_line + self.body.count("\n", 0, offset)
        starts = self._newlines
        if starts is None or starts[0] != len(self.body):
            starts = self._newlines = (
                len(self.body), [m.start() for m in re.finditer("\n", self.body)])
        return self.body_line + bisect.bisect_left(starts[1], offset)

    def finding(self, rule: str, line: int, message: str, hint: str = "") -> Finding:
        return Finding(path=self.path, line=line, rule=rule, message=message, hint=hint)

    def get(self, *key, default=None):
        node = self.meta or {}
        for part in key:
            if isinstance(node, dict):
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
            else:
                return default
            if node is None:
                return default
        return node

    @property
    def category(self) -> str | None:
        value = self.get("category")
        return str(value) if isinstance(value, str) else None

    @property
    def topic(self) -> str | None:
        value = self.get("topic")
        return str(value) if isinstance(value, str) else None


def decode(raw: bytes) -> tuple[str | None, LoadProblem | None]:
    """UTF-8 text with a BOM removed; or None with the reason."""
    data = raw[len(BOM):] if raw.startswith(BOM) else raw
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        hint = t("content.not_utf8_hint")
        try:
            data.decode("cp874")
            hint = t("content.cp874_hint")
        except UnicodeDecodeError:
            pass
        return None, LoadProblem("WP001", line, t("content.not_utf8"), hint)


def load_page(path: str, abspath: Path, raw: bytes, frontmatter_max: int) -> Page:
    page = Page(path=path, abspath=abspath, raw=raw)
    text, problem = decode(raw)
    if text is None:
        page.load_problem = problem
        return page
    page.text = text
    split_frontmatter(page, text, frontmatter_max)
    return page


def split_frontmatter(page: Page, text: str, frontmatter_max: int) -> None:
    norm = text.replace("\r\n", "\n").replace("\r", "\n")
    if not norm.startswith("---\n"):
        page.load_problem = LoadProblem(
            "WP003", 1, t("content.no_frontmatter"), t("content.no_frontmatter_hint"),
        )
        page.body = norm
        return
    closing = _CLOSING.search(norm, 4)
    if not closing:
        page.load_problem = LoadProblem(
            "WP003", 1, t("content.frontmatter_unclosed"), t("content.frontmatter_unclosed_hint"),
        )
        return
    yaml_text = norm[4:closing.start()]
    if len(yaml_text.encode("utf-8")) > frontmatter_max:
        page.load_problem = LoadProblem(
            "WP003", 1,
            t("content.frontmatter_too_long", cap=f"{frontmatter_max:,}"), t("content.frontmatter_too_long_hint"),
        )
        return
    body_start = closing.end() + 1 if closing.end() < len(norm) else closing.end()
    page.body = norm[body_start:]
    page.body_line = norm.count("\n", 0, body_start) + 1
    try:
        page.meta, page.key_lines = yamlstrict.load(yaml_text, page.frontmatter_line - 1)
    except yamlstrict.YamlProblem as exc:
        page.load_problem = LoadProblem(exc.rule, exc.line + page.frontmatter_line - 1, exc.message, exc.hint)


@dataclass
class Asset:
    """A non-Markdown file under ``content/`` (an attachment or a stray file)."""

    path: str
    abspath: Path
    size: int
    _data: bytes | None = field(default=None, repr=False)
    # derived facts, computed lazily by the one function named
    _kind: object = field(default=None, repr=False, compare=False)  # filetypes.detect_asset
    _inspection: object = field(default=None, repr=False, compare=False)  # inspect.inspection_of

    @property
    def ext(self) -> str:
        return Path(self.path).suffix.lower()

    def head(self, n: int = 8192) -> bytes:
        if self._data is not None:
            return self._data[:n]
        with open(self.abspath, "rb") as fh:
            return fh.read(n)

    def data(self) -> bytes:
        if self._data is None:
            self._data = self.abspath.read_bytes()
        return self._data

    def finding(self, rule: str, line: int, message: str, hint: str = "") -> Finding:
        return Finding(path=self.path, line=line, rule=rule, message=message, hint=hint)
