"""Checks on the built site (``site/``), after MkDocs wrote it.

A backstop behind the content rules: whatever slipped through, the output must have
no ``javascript:`` URLs (WP300), no inline scripts but the theme's own (WP301), no
fonts, scripts, styles or frames from another host (WP302), no broken internal
links (WP303) or anchors (WP304), and no inline event handlers (WP305).
Scanning is regex-based on purpose: html.parser is too slow for 10,000 pages.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from webpub.model import Finding

JS_URL, INLINE_SCRIPT, OUTSIDE_HOST, BROKEN_LINK, BROKEN_ANCHOR, EVENT_HANDLER = (
    "WP300", "WP301", "WP302", "WP303", "WP304", "WP305")

LINK_RULES = frozenset({BROKEN_LINK, BROKEN_ANCHOR})

_ATTR = re.compile(r"([^\s=>/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.I)
_ID = re.compile(r"""\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_CONTROL = re.compile(r"[\x00-\x20]+")
RESOURCE_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon",
                 "manifest", "font"}
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
MIN_LITERAL = 24
SKIP_SCHEMES = ("mailto:", "tel:", "data:", "#")


def _attrs(raw: str) -> dict[str, str]:
    out = {}
    for name, value in _ATTR.findall(raw):
        if value[:1] in "\"'":
            value = value[1:-1]
        out.setdefault(name.lower(), unescape(value))
    return out


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _external(url: str) -> bool:
    return bool(re.match(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//", url)) and not url.strip().lower().startswith("file:")


# -- theme inline scripts --------------------------------------------------
def theme_template_dirs(repo_root: Path) -> list[Path]:
    import material

    return [Path(material.__file__).parent / "templates", repo_root / "overrides"]


@functools.lru_cache(maxsize=4)
def theme_script_patterns(dirs: tuple[Path, ...]) -> tuple[re.Pattern, ...]:
    """Inline scripts the theme templates write, as patterns (Jinja parts are wildcards)."""
    patterns = set()
    for folder in dirs:
        for path in folder.rglob("*.html") if folder.is_dir() else []:
            text = path.read_text(encoding="utf-8", errors="replace")
            for attrs, body in _SCRIPT.findall(text):
                if "src=" in attrs or not body.strip():
                    continue
                pieces = _JINJA.split(body.strip())
                if sum(len(p.strip()) for p in pieces) < MIN_LITERAL:
                    continue  # a template script that is all expression would allow anything
                # a template value may not leave its string literal: no quotes, ';' or newlines
                patterns.add("^" + r"""[^"';<>\n]*""".join(re.escape(p) for p in pieces) + "$")
    return tuple(re.compile(p) for p in sorted(patterns))


# -- one file --------------------------------------------------------------
class SiteFiles:
    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        self.files: set[str] = set()
        for folder, _, names in os.walk(site_dir):
            rel_dir = os.path.relpath(folder, site_dir).replace(os.sep, "/")
            for name in names:
                self.files.add(name if rel_dir == "." else f"{rel_dir}/{name}")
        self._ids: dict[str, frozenset[str]] = {}

    def resolve(self, rel_file: str, url: str) -> tuple[str | None, str]:
        """The site file a relative link points to (None if missing) and its fragment."""
        if url.startswith("#"):
            return rel_file, unquote(url[1:])
        return self._resolve(os.path.dirname(rel_file), url)

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one SiteFiles per check run
    def _resolve(self, base: str, url: str) -> tuple[str | None, str]:
        parts = urlsplit(url)
        path = unquote(parts.path)
        target = os.path.normpath(os.path.join(base, path)).replace(os.sep, "/")
        if target.startswith(".."):
            return None, parts.fragment
        if target == ".":
            target = ""
        candidates = [target] if path and not path.endswith("/") else []
        candidates.append(f"{target}/index.html".lstrip("/"))
        for candidate in candidates:
            if candidate in self.files:
                return candidate, unquote(parts.fragment)
        return None, unquote(parts.fragment)

    def ids(self, rel: str) -> frozenset[str]:
        if rel not in self._ids:
            text = (self.site_dir / rel).read_text(encoding="utf-8", errors="replace")
            self._ids[rel] = frozenset(a or b or c for a, b, c in _ID.findall(text))
        return self._ids[rel]


_URL_ATTR_PATTERN = r"""(href|src|action|formaction|xlink:href|poster|data)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)"""
_URL_ATTR = re.compile(_URL_ATTR_PATTERN, re.I)
_URL_ATTR_LOWER = re.compile(_URL_ATTR_PATTERN)
_RESOURCE_TAG = re.compile(r"<(script|iframe|frame|embed|object|link)\b[^>]*>", re.I)
_HANDLER = re.compile(r"<[a-zA-Z][^>]*?\s(on[a-zA-Z]+)\s*=", re.S)
_LINK_TAGS = re.compile(r"<(a|link|img|script|source|iframe)\s", re.I)


def check_html(site: SiteFiles, rel: str, patterns, shown_path: str) -> list[Finding]:
    text = (site.site_dir / rel).read_text(encoding="utf-8", errors="replace")
    findings = []
    for start, name, raw_value in _url_attributes(text):
        if not text[start - 1].isspace():
            continue  # part of a longer name (data-src=) or of text
        value = _unquote_attr(raw_value)
        if _CONTROL.sub("", value).lower().startswith(("javascript:", "vbscript:")):
            findings.append(Finding(shown_path, _line(text, start), JS_URL, "พบลิงก์ javascript: ในหน้าเว็บ",
                                    "เปลี่ยนเป็นลิงก์ไปยังหน้าเว็บหรือไฟล์จริง ห้ามใช้ javascript:"))
        elif name in ("href", "src") and _LINK_TAGS.match(text, text.rfind("<", 0, start)):
            findings += [Finding(f.path, _line(text, start), f.rule, f.message, f.hint)
                         for f in _check_link(site, rel, value, 0, shown_path)]
    for match in _RESOURCE_TAG.finditer(text):
        findings += _check_resource(match.group(1).lower(), _attrs(match.group(0)[1 + len(match.group(1)):-1]),
                                    _line(text, match.start()), shown_path)
    for match in _HANDLER.finditer(text):
        findings.append(Finding(shown_path, _line(text, match.start(1)), EVENT_HANDLER,
                                f"พบตัวจัดการเหตุการณ์ {match.group(1)}= ในแท็ก HTML",
                                "ลบแอตทริบิวต์ on… ออกจากเนื้อหา หน้าเว็บต้องไม่มีสคริปต์แทรก"))
    findings += _check_scripts(text, patterns, shown_path)
    for style in _STYLE.finditer(text):
        for url in _CSS_URL.findall(style.group(1)):
            findings.append(_outside(shown_path, _line(text, style.start()), url))
    return findings


def _url_attributes(text: str):
    """(offset, lower-case name, value as written) of each URL attribute.

    A case-insensitive search is five times slower than a plain one over lower-cased
    text; lower-casing keeps every offset unless some rare letter changes length,
    and then the slow search runs instead."""
    lowered = text.lower()
    if len(lowered) == len(text):
        for match in _URL_ATTR_LOWER.finditer(lowered):
            yield match.start(), match.group(1), text[match.start(2):match.end(2)]
    else:
        for match in _URL_ATTR.finditer(text):
            yield match.start(), match.group(1).lower(), match.group(2)


def _unquote_attr(value: str) -> str:
    if value[:1] in "\"'":
        value = value[1:-1]
    return unescape(value)


def _check_resource(tag, attrs, line, shown) -> list[Finding]:
    resource = {"script": "src", "iframe": "src", "frame": "src", "embed": "src", "object": "data"}.get(tag)
    if tag == "link" and set(attrs.get("rel", "").lower().split()) & RESOURCE_RELS:
        resource = "href"
    if resource and _external(attrs.get(resource, "")):
        return [_outside(shown, line, attrs[resource])]
    return []


def _outside(shown: str, line: int, url: str) -> Finding:
    host = urlsplit(url if "//" in url else "//" + url).netloc or url
    return Finding(shown, line, OUTSIDE_HOST, f"หน้าเว็บโหลดฟอนต์ สคริปต์ สไตล์ หรือกรอบจากเว็บไซต์ภายนอก ({host})",
                   "เก็บไฟล์ไว้ในเว็บไซต์เอง (overrides/assets/) เพื่อไม่ให้ผู้เข้าชมถูกติดตามโดยเว็บไซต์อื่น")


def _check_link(site, rel, url, line, shown) -> list[Finding]:
    url = url.strip()
    if not url or url.startswith(SKIP_SCHEMES) or _external(url) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url):
        if url.startswith("#") and len(url) > 1 and unquote(url[1:]) not in site.ids(rel):
            return [_broken_anchor(shown, line, url)]
        return []
    if url.startswith("/"):
        return []  # absolute paths depend on where the site is served; MkDocs warns on them
    target, fragment = site.resolve(rel, url)
    if target is None:
        return [Finding(shown, line, BROKEN_LINK, f"ลิงก์ไปยัง {url} แต่ไม่มีไฟล์นี้ในเว็บไซต์ที่สร้าง",
                        "แก้ลิงก์ให้ชี้ไปยังหน้า (.md) หรือไฟล์ที่มีอยู่ใน content/ และเผยแพร่แล้ว")]
    if fragment and target.endswith(".html") and fragment not in site.ids(target):
        return [_broken_anchor(shown, line, url)]
    return []


def _broken_anchor(shown, line, url) -> Finding:
    return Finding(shown, line, BROKEN_ANCHOR, f"ลิงก์ {url} ชี้ไปยังหัวข้อที่ไม่มีในหน้าปลายทาง",
                   "ตรวจชื่อหัวข้อหลังเครื่องหมาย # ให้ตรงกับหัวข้อจริง (webpub ใช้ตัวอักษรไทยในชื่อหัวข้อ)")


def _check_scripts(text: str, patterns, shown) -> list[Finding]:
    found = []
    for match in _SCRIPT.finditer(text):
        attrs = _attrs(match.group(1))
        if "src" in attrs or attrs.get("type", "").lower() not in SCRIPT_TYPES:
            continue  # external file (checked as a tag) or data such as application/json
        body = match.group(2).strip()
        if body and not any(p.match(body) for p in patterns):
            found.append(Finding(shown, _line(text, match.start()), INLINE_SCRIPT,
                                 "พบสคริปต์แทรกในหน้าเว็บที่ไม่ใช่ของธีม",
                                 "ลบแท็ก <script> ออกจากเนื้อหา ถ้าเป็นของธีมให้ผู้ดูแลระบบเพิ่มในแม่แบบ overrides/"))
    return found


def check_css(site: SiteFiles, rel: str, shown: str) -> list[Finding]:
    text = (site.site_dir / rel).read_text(encoding="utf-8", errors="replace")
    return [_outside(shown, _line(text, m.start()), m.group(1)) for m in _CSS_URL.finditer(text)]


# -- whole site ------------------------------------------------------------
_WORK: tuple | None = None


def _init_worker(site_dir: Path, repo_root: Path, prefix: str) -> None:
    global _WORK
    site = SiteFiles(site_dir)
    _WORK = (site, theme_script_patterns(tuple(theme_template_dirs(repo_root))), prefix)


def _check_one(rel: str) -> list[Finding]:
    site, patterns, prefix = _WORK
    shown = f"{prefix}{rel}"
    if rel.endswith(".html"):
        return check_html(site, rel, patterns, shown)
    return check_css(site, rel, shown)


def check_site(site_dir: Path, repo_root: Path, jobs: int = 1) -> list[Finding]:
    """Every finding on the built site; paths are shown relative to the repository.

    Workers come from a fork server, not from this process: after a build this
    process is large, and forked copies of it would multiply the memory in use.
    """
    global _WORK
    site_dir, repo_root = Path(site_dir).resolve(), Path(repo_root).resolve()
    try:
        prefix = site_dir.relative_to(repo_root).as_posix() + "/"
    except ValueError:
        prefix = site_dir.as_posix() + "/"
    _init_worker(site_dir, repo_root, prefix)
    targets = sorted(f for f in _WORK[0].files if f.endswith((".html", ".css")))
    try:
        if jobs > 1 and len(targets) > 400:
            context = multiprocessing.get_context("forkserver")
            with context.Pool(jobs, initializer=_init_worker, initargs=(site_dir, repo_root, prefix)) as pool:
                results = pool.map(_check_one, targets, chunksize=max(16, len(targets) // (jobs * 8)))
        else:
            results = [_check_one(rel) for rel in targets]
    finally:
        _WORK = None
    return sorted({f for batch in results for f in batch})
