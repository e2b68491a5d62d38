"""WP025: the rendered page contains only allowlisted HTML.

The body is rendered with the site's own Markdown extensions and every tag,
attribute, attribute value and URL scheme is held against
``schema/html-allowlist.yml``. Anything outside it is refused, not stripped:
a script, an event handler, a ``javascript:`` link in any spelling, an iframe,
inline SVG, a form, ``<meta>``/``<base>``, a style attribute, an HTML comment.
Attribute values are judged after entity decoding and the way browsers trim URLs,
so ``java&#x09;script:`` and ``javascript&colon;`` are caught like the plain form.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.rendering import allowlist, htmlscan
from webpub.core.results import Finding
from webpub.messages import t

ID = "WP025"
NAME = "html-safety"
DESCRIPTION = t("checks.html_safety_description")

HINT_MARKDOWN = t("checks.html_safety_markdown_hint")
TAG_REASONS = {tag: t(f"checks.html_safety_tag_{tag}") for tag in (
    "script", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
    "form", "input", "button", "textarea", "select", "meta", "base", "link", "style", "template")}
OTHER_REASONS = {
    "comment": (t("checks.html_safety_comment"), t("checks.html_safety_comment_hint")),
    "decl": (t("checks.html_safety_decl"), HINT_MARKDOWN),
    "pi": (t("checks.html_safety_pi"), HINT_MARKDOWN),
    "stray_markup": (t("checks.html_safety_stray_markup"), t("checks.html_safety_stray_markup_hint")),
}


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    rules = allowlist.for_repo(ctx.repo)
    scan = htmlscan.scan(page, ctx)
    refused = {tag.name for tag in scan.tags if tag.name not in rules.tags}
    problems = sorted(_tag_problems(scan, rules) + _other_problems(scan, rules, refused), key=lambda p: p[0])
    if not problems:
        return
    locator = htmlscan.Locator(page)
    seen = set()
    for _, needles, message, hint in problems:
        line = locator.line(*needles)
        if (line, message) in seen:
            continue
        seen.add((line, message))
        yield page.finding(ID, line, message, hint)


def _other_problems(scan, rules, refused: set[str]) -> list:
    """Comments, declarations, stray '<' and end tags of names never opened (an
    end tag of a refused start tag would only repeat that finding)."""
    out = []
    for item in scan.other:
        if item.kind == "end_tag":
            if item.text not in rules.tags and item.text not in refused:
                message = t("checks.html_safety_end_tag", tag=item.text)
                out.append((item.offset, (f"</{item.text}",), message, HINT_MARKDOWN))
            continue
        message, hint = OTHER_REASONS[item.kind]
        needle = {"comment": "<!--" + item.text[:30], "decl": "<!" + item.text[:20],
                  "pi": "<?" + item.text[:20]}.get(item.kind, item.text)
        out.append((item.offset, (needle, item.text[:12], "<!--" if item.kind == "comment" else None),
                    message, hint))
    return out


def _tag_problems(scan, rules) -> list:
    out = []
    for tag in scan.tags:
        if tag.name not in rules.tags:
            reason = TAG_REASONS.get(tag.name) or t("checks.html_safety_tag_other", tag=tag.name)
            out.append((tag.offset, (tag.raw, f"<{tag.name}"), t("checks.html_safety_refused", reason=reason),
                        HINT_MARKDOWN))
            continue
        for name, value in tag.attrs:
            problem = _attribute_problem(tag.name, name, value, rules)
            if problem:
                needles = (tag.raw, tag.raw_value(name), f"{name}=", f"<{tag.name}")
                out.append((tag.offset, needles, *problem))
    return out


def _attribute_problem(tag: str, name: str, value: str | None, rules) -> tuple[str, str] | None:
    if name.startswith("on"):
        return (t("checks.html_safety_event", name=name, tag=tag), t("checks.html_safety_event_hint"))
    if not rules.allows_attribute(tag, name):
        message = (t("checks.html_safety_style", tag=tag) if name == "style"
                   else t("checks.html_safety_attribute", name=name, tag=tag))
        return (message, t("checks.html_safety_attribute_hint"))
    if name in rules.url_attributes and value is not None:
        return _url_problem(tag, name, value, rules)
    if not rules.allows_value(name, value):
        return (t("checks.html_safety_value", name=name, tag=tag), t("checks.html_safety_value_hint"))
    return None


def _url_problem(tag: str, name: str, value: str, rules) -> tuple[str, str] | None:
    if htmlscan.has_control_chars(value):
        return (t("checks.html_safety_control", name=name, tag=tag), t("checks.html_safety_control_hint"))
    scheme = htmlscan.url_scheme(value)
    if scheme is None or scheme in rules.url_schemes:
        return None
    allowed = ", ".join(sorted(rules.url_schemes))
    return (t("checks.html_safety_scheme", scheme=scheme, name=name, tag=tag),
            t("checks.html_safety_scheme_hint", allowed=allowed))
