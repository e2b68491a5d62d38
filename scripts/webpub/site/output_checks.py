"""Checks on the built site (``site/``), after MkDocs wrote it.

A backstop behind the content rules: whatever slipped through, the output must have
no ``javascript:`` URLs (WP300), no inline scripts but the theme's own (WP301), no
fonts, scripts, styles or frames from another host (WP302), no broken internal
links (WP303) or anchors (WP304), no inline event handlers (WP305), no second
element with an id the theme's scripts look up (``__config`` and the like: WP310)
and nothing loaded over plain ``http://`` (mixed content: WP311).

Pages are read as a browser reads them (``webpub.rendering.htmltokens``): escaped text in a
code block that shows hostile HTML is text, not markup, so what ``webpub check``
accepts also passes here. The tokenizer is linear and much faster than html.parser,
which is too slow for 10,000 pages.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from webpub.core import runner

from webpub.rendering import htmltokens
from webpub.core.registry import Rule
from webpub.core.results import Finding
from webpub.messages import t

JS_URL, INLINE_SCRIPT, OUTSIDE_HOST, BROKEN_LINK, BROKEN_ANCHOR, EVENT_HANDLER = (
    "WP300", "WP301", "WP302", "WP303", "WP304", "WP305")
THEME_ID, MIXED_CONTENT = "WP310", "WP311"
STYLE_ATTRIBUTE = "WP320"

LINK_RULES = frozenset({BROKEN_LINK, BROKEN_ANCHOR})

RULES = tuple(Rule(rid, name, t(f"build.rule.{rid}"), __name__) for rid, name in (
    (JS_URL, "site-script-url"),
    (INLINE_SCRIPT, "site-inline-script"),
    (OUTSIDE_HOST, "site-outside-host"),
    (BROKEN_LINK, "site-broken-link"),
    (BROKEN_ANCHOR, "site-broken-anchor"),
    (EVENT_HANDLER, "site-event-handler"),
    (THEME_ID, "site-theme-id"),
    (MIXED_CONTENT, "site-mixed-content"),
    (STYLE_ATTRIBUTE, "site-style-attribute"),
))

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.I)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_CONTROL = re.compile(r"[\x00-\x20]+")
RESOURCE_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon",
                 "manifest", "font"}
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
MIN_LITERAL = 24
SKIP_SCHEMES = ("mailto:", "tel:", "data:", "#")


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
            self._ids[rel] = frozenset(value for tag in htmltokens.start_tags(text)
                                       for key in ("id", "name") if (value := tag.attrs.get(key)))
        return self._ids[rel]


URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "background",
                  "codebase", "cite", "ping")
_URL_ATTRIBUTE_SET = frozenset(URL_ATTRIBUTES)
LINK_TAGS = frozenset({"a", "link", "img", "script", "source", "iframe"})
# Elements whose address the browser loads into the page: over http:// that is mixed content.
MEDIA_SOURCES = {"img": ("src", "srcset"), "source": ("src", "srcset"), "video": ("src", "poster"),
                 "audio": ("src",), "track": ("src",), "embed": ("src",), "iframe": ("src",), "frame": ("src",),
                 "object": ("data",), "input": ("src",), "script": ("src",), "link": ("href",)}
_EVENT = re.compile(r"on[a-z]+")
# Ids the theme's scripts look up: one element each, and __config only on its JSON script.
_THEME_ID = re.compile(r"__|md-|webpub-")


def check_html(site: SiteFiles, rel: str, patterns, shown_path: str) -> list[Finding]:
    text = (site.site_dir / rel).read_text(encoding="utf-8", errors="replace")
    findings: list[Finding] = []
    theme_ids: dict[str, list[htmltokens.StartTag]] = {}
    for tag in htmltokens.start_tags(text):
        attrs = tag.attrs
        findings += _check_tag(site, rel, text, tag, shown_path)
        if tag.name == "script":
            findings += _check_script(text, tag, patterns, shown_path)
        elif tag.name == "style":
            findings += [_outside(shown_path, _line(text, tag.offset), url) for url in _CSS_URL.findall(tag.text)]
        element_id = attrs.get("id")
        if element_id and _THEME_ID.match(element_id):
            theme_ids.setdefault(element_id, []).append(tag)
    for element_id, tags in theme_ids.items():
        wrong = tags[1:] if len(tags) > 1 else []
        if element_id == "__config":
            wrong = [tag for tag in tags if tag.name != "script" or tag.attrs.get("type") != "application/json"] or wrong
        for tag in wrong:
            findings.append(Finding(shown_path, _line(text, tag.offset), THEME_ID,
                                    t("build.theme_id", tag=tag.name, id=element_id), t("build.theme_id_hint")))
    return findings


def _check_tag(site, rel, text, tag, shown) -> list[Finding]:
    found = []
    name_of_tag, attrs = tag.name, tag.attrs
    for name, value in attrs.items():
        if name in _URL_ATTRIBUTE_SET:
            if _CONTROL.sub("", value).lower().startswith(("javascript:", "vbscript:")):
                found.append(Finding(shown, _line(text, tag.offset), JS_URL, t("build.script_url"),
                                     t("build.script_url_hint")))
            elif name in ("href", "src") and name_of_tag in LINK_TAGS:
                found += [Finding(f.path, _line(text, tag.offset), f.rule, f.message, f.hint)
                          for f in _check_link(site, rel, value, 0, shown)]
        elif name[:2] == "on" and _EVENT.fullmatch(name):
            found.append(Finding(shown, _line(text, tag.offset), EVENT_HANDLER,
                                 t("build.event_handler", name=name), t("build.event_handler_hint")))
        elif name == "style":
            if "url" in value.lower():
                found += [_outside(shown, _line(text, tag.offset), url) for url in _CSS_URL.findall(value)]
            found.append(Finding(shown, _line(text, tag.offset), STYLE_ATTRIBUTE,
                                 t("deploy.inline_style", path=shown), t("deploy.inline_style_hint")))
    if name_of_tag in _RESOURCE_TAGS:
        found += _check_resource(name_of_tag, attrs, _line(text, tag.offset), shown)
    for name in MEDIA_SOURCES.get(name_of_tag, ()):
        if name_of_tag == "link" and not set(attrs.get("rel", "").lower().split()) & RESOURCE_RELS:
            continue  # canonical, alternate: named, not loaded
        value = attrs.get(name)
        if value and _insecure(value, srcset=name == "srcset"):
            found.append(Finding(shown, _line(text, tag.offset), MIXED_CONTENT,
                                 t("build.mixed_content", url=value.strip()[:80]), t("build.mixed_content_hint")))
    return found


def _insecure(value: str, srcset: bool = False) -> bool:
    urls = [part.strip().split(" ")[0] for part in value.split(",")] if srcset else [value]
    return any(_CONTROL.sub("", url).lower().startswith("http:") for url in urls)


_RESOURCE_TAGS = frozenset({"script", "iframe", "frame", "embed", "object", "link"})


def _check_resource(tag, attrs, line, shown) -> list[Finding]:
    resource = {"script": "src", "iframe": "src", "frame": "src", "embed": "src", "object": "data"}.get(tag)
    if tag == "link" and set(attrs.get("rel", "").lower().split()) & RESOURCE_RELS:
        resource = "href"
    if resource and _external(attrs.get(resource, "")):
        return [_outside(shown, line, attrs[resource])]
    return []


def _outside(shown: str, line: int, url: str) -> Finding:
    host = urlsplit(url if "//" in url else "//" + url).netloc or url
    return Finding(shown, line, OUTSIDE_HOST, t("build.outside_host", host=host), t("build.outside_host_hint"))


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
        return [Finding(shown, line, BROKEN_LINK, t("build.broken_link", url=url), t("build.broken_link_hint"))]
    if fragment and target.endswith(".html") and fragment not in site.ids(target):
        return [_broken_anchor(shown, line, url)]
    return []


def _broken_anchor(shown, line, url) -> Finding:
    return Finding(shown, line, BROKEN_ANCHOR, t("build.broken_anchor", url=url), t("build.broken_anchor_hint"))


def _check_script(text: str, tag, patterns, shown) -> list[Finding]:
    attrs = tag.attrs
    if "src" in attrs or attrs.get("type", "").strip().lower() not in SCRIPT_TYPES:
        return []  # external file (checked as a tag) or data such as application/json
    body = tag.text.strip()
    if body and not any(p.match(body) for p in patterns):
        return [Finding(shown, _line(text, tag.offset), INLINE_SCRIPT, t("build.inline_script"),
                        t("build.inline_script_hint"))]
    return []


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


def check_site(site_dir: Path, repo_root: Path, jobs: int | None = 1) -> list[Finding]:
    """Every finding on the built site; paths are shown relative to the repository.

    Fanned out by the runner's policy (``webpub.core.runner``); workers come from a fork
    server, not from this process: after a build this process is large, and forked
    copies of it would multiply the memory in use.
    """
    global _WORK
    site_dir, repo_root = Path(site_dir).resolve(), Path(repo_root).resolve()
    try:
        prefix = site_dir.relative_to(repo_root).as_posix() + "/"
    except ValueError:
        prefix = site_dir.as_posix() + "/"
    _init_worker(site_dir, repo_root, prefix)
    targets = sorted(f for f in _WORK[0].files if f.endswith((".html", ".css")))
    workers = runner.workers_for(len(targets), jobs, kind="site-output")
    try:
        if workers == 1:
            results = [_check_one(rel) for rel in targets]
        else:
            results = runner.map_in_order(_check_one, targets, workers, start="forkserver",
                                          init=_init_worker, initargs=(site_dir, repo_root, prefix))
    finally:
        _WORK = None
    return sorted({f for batch in results for f in batch})
