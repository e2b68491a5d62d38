"""What a change touched: the files it changed under ``content/`` and the pages they belong to.

Used in two places that must agree on what "this pull request's items" means:
``webpub check --changed-since REV`` (judge a pull request on what it changes) and
``webpub notify published`` (tell the owners of the items a publish put live).
A page is touched when its own file changed or one of the attachments it lists did.
"""

from __future__ import annotations

import subprocess

from webpub.content import attachments
from webpub.core.results import Finding, UsageError
from webpub.messages import t
from webpub.repo import Repo


def _git(repo: Repo, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=repo.root,
                              capture_output=True, text=True, encoding="utf-8", check=False)
    except OSError as exc:
        raise UsageError(t("cli.git_unavailable", error=exc)) from None
    if done.returncode != 0:
        raise UsageError(t("cli.git_failed", command=" ".join(args[:2]), error=done.stderr.strip()[:300]))
    return done.stdout


def resolve(repo: Repo, rev: str) -> str:
    """The commit ``rev`` names; a clear Thai refusal when the history does not have it."""
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except UsageError:
        raise UsageError(t("cli.no_commit", rev=rev)) from None


def changed_files(repo: Repo, base: str, head: str | None = None) -> set[str]:
    """Repository-relative paths that differ between ``base`` and ``head`` (default: the
    working tree, so uncommitted and new files count), both sides of a rename included."""
    base_sha = resolve(repo, base)
    args = ["diff", "--name-only", "--no-renames", "-z", base_sha]
    if head is not None:
        args.append(resolve(repo, head))
    names = set(filter(None, _git(repo, *args, "--").split("\0")))
    if head is None:
        names |= set(filter(None, _git(repo, "ls-files", "--others", "--exclude-standard", "-z").split("\0")))
    return names


def page_attachments(page) -> list[str]:
    """Repository-relative paths of the attachments a page lists (well-formed entries only)."""
    out = []
    for _index, file in attachments.entries(page.meta) if page.ok else []:
        path = attachments.resolve(page.path, file)
        if path.startswith("content/"):
            out.append(path)
    return out


def touched(changed: set[str], pages: dict) -> set[str]:
    """Changed files under content/, plus every page (``{path: Page}``) listing a changed attachment."""
    hit = {p for p in changed if p.startswith("content/")}
    for path, page in pages.items():
        if path not in hit and any(a in hit for a in page_attachments(page)):
            hit.add(path)
    return hit


def time_dependent_rules(repo: Repo) -> frozenset[str]:
    """Rule ids whose findings come with the passing of days, not with an edit (schema/rules.yml)."""
    return frozenset(repo.schema("rules.yml").get("time_dependent") or ())


def scope_findings(findings: list[Finding], touched_paths: set[str], time_rules: frozenset[str]) -> list[Finding]:
    """Full rules on what the change touched. On untouched files, an error that only the
    calendar produced (an item elsewhere expired yesterday) becomes a warning: it is the
    webmaster's daily work (report, take-down pull request), not this change's. Every
    other error stays, wherever it is: a change can break a page it did not edit (by
    deleting the page it links to), and such an error must still stop it."""
    out = []
    for f in findings:
        if f.severity == "error" and f.rule in time_rules and f.path not in touched_paths:
            out.append(Finding(f.path, f.line, f.rule,
                               t("cli.untouched_warning", message=f.message, webmaster=t("roles.webmaster")),
                               f.hint, "warning"))
        else:
            out.append(f)
    return sorted(set(out))
