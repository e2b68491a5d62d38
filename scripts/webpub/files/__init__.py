"""Looking inside attachments: active content, hidden payloads, bombs, location, PDPA.

Nothing here extracts to disk or runs anything. :func:`inspect_bytes` reads one
file's bytes within the :mod:`~webpub.files.bounds` limits and returns every
``Issue`` found (each tagged with its rule id); the ``checks/deep_*`` modules each
report the issues of their own rule. The result is kept on the ``Asset`` object, so
the file is parsed once however many rules ask.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from webpub.files.bounds import Budget, LimitExceeded, Limits, load_limits
from webpub.files.sniff import route
from webpub.messages import t

LIMIT_RULE = "WP149"
MAX_INSPECTED = 64 << 20  # far above the 4 MB rule (WP018); beyond it the file is not read at all
BOMB_RULES = {"pdf": "WP103", "zip": "WP127", "rar": "WP127", "ooxml": "WP127", "odf": "WP127"}


@dataclass(frozen=True)
class Issue:
    rule: str
    message: str          # Thai; what was found
    hint: str = ""        # Thai; how to fix it
    line: int = 1         # a line for text files; 1 for binary files
    where: str = ""       # page / sheet!cell / entry, shown in the message
    value: str = ""       # e.g. the national-ID digits, for exception matching (never shown)


@dataclass
class Inspection:
    kind: str
    name: str = ""        # repository path of the file, for hints that name it
    issues: list[Issue] = field(default_factory=list)
    texts: list[tuple[str, int, str]] = field(default_factory=list)  # (where, line, text) for PDPA

    def add(self, rule: str, message: str, hint: str = "", **kw) -> None:
        self.issues.append(Issue(rule, message, hint, **kw))


_INSPECTORS = {
    "pdf": ("pdf", "inspect"),
    "zip": ("archive", "inspect_zip_family"),
    "ole": ("office", "inspect_ole"),
    "rar": ("archive", "inspect_rar"),
    "jpeg": ("image", "inspect_jpeg"),
    "png": ("image", "inspect_png"),
    "tiff": ("image", "inspect_tiff"),
    "text": ("text", "inspect"),
}


def _inspector(kind: str):
    """The inspecting function for a kind, imported only when such a file turns up."""
    if kind not in _INSPECTORS:
        return None
    module, function = _INSPECTORS[kind]
    return getattr(importlib.import_module(f"webpub.files.{module}"), function)


def inspect_bytes(data: bytes, name: str, limits: Limits | None = None) -> Inspection:
    """Every issue in one attachment's bytes; ``name`` gives the extension."""
    ext = PurePosixPath(name).suffix.lower()
    result = Inspection(route(data[:1024], ext), name)
    inspector = _inspector(result.kind)
    if inspector is None:
        return result
    budget = Budget(limits or Limits())
    try:
        inspector(data, ext, result, budget)
    except LimitExceeded as exc:
        _report_limit(result, exc)
    except MemoryError:
        _report_failure(result, t("files.memory"))
    except RecursionError:
        _report_failure(result, t("files.recursion"))
    except Exception as exc:  # noqa: BLE001 - an inspector that cannot finish must not pass the file
        _report_failure(result, t("files.unreadable", error=type(exc).__name__))
    return result


def _report_failure(result: Inspection, what: str) -> None:
    """Fail closed: a file whose inspection broke off is refused, never passed."""
    result.add(LIMIT_RULE, t("files.incomplete", what=what), t("files.incomplete_hint"))


def _report_limit(result: Inspection, exc: LimitExceeded) -> None:
    if exc.bomb:
        rule = BOMB_RULES.get(result.kind, LIMIT_RULE)
        if result.kind in ("jpeg", "png", "tiff"):
            rule = "WP131"
        result.add(rule, t("files.bomb", what=exc.what), t("files.bomb_hint"))
    else:
        result.add(LIMIT_RULE, t("files.incomplete", what=exc.what), t("files.complex_hint"))


def inspection_of(asset, ctx) -> Inspection:
    """The (memoised) inspection of an ``Asset`` during one check run."""
    cached = asset._inspection
    if cached is None and asset.size > MAX_INSPECTED:
        cached = Inspection("other", asset.path, [Issue(
            LIMIT_RULE, t("files.too_big_to_inspect", size=asset.size, limit=MAX_INSPECTED),
            t("files.too_big_to_inspect_hint"))])
        asset._inspection = cached
    if cached is None:
        limits = load_limits(ctx.repo.schema_dir) if ctx is not None else Limits()
        try:
            cached = inspect_bytes(asset.data(), asset.path, limits)
        except MemoryError:  # reading the file itself (inspection failures are caught inside)
            cached = Inspection("other", asset.path)
            _report_failure(cached, t("files.memory"))
        asset._inspection = cached
    return cached


def findings_for(asset, ctx, rule: str):
    """Findings of one rule for an asset, the file name and location in each message."""
    name = PurePosixPath(asset.path).name
    for issue in inspection_of(asset, ctx).issues:
        if issue.rule == rule:
            yield finding_of(asset, name, issue)


def finding_of(asset, name: str, issue: Issue):
    where = f" ({issue.where})" if issue.where else ""
    return asset.finding(issue.rule, issue.line, f"{name}{where}: {issue.message}", issue.hint)
