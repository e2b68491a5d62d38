"""Where the approval engine's trust comes from, and the time a record is judged at.

**Keys and roles come from the default branch, never from the tree being judged.**
A pull request (or a working tree) that adds its own key to ``schema/allowed_signers``
or appoints itself in ``schema/organization.yml`` must not make its own records
verify. So the keys, the roles and the forge host are read through git from a
*trust reference*:

- ``webpub gate`` / ``webpub seal``: the pull request's base (``--trust-ref`` to pin
  another revision);
- ``webpub verify``, ``webpub approve``, ``webpub check`` (WP200), the request form and
  the publish decision of ``webpub build --mode publish``: ``--trust-ref REV`` or the
  environment variable ``WEBPUB_TRUST_REF``; else the forge's default branch as git
  records it (``refs/remotes/origin/HEAD``); else ``main`` (local branch, then
  ``origin/main``). ``WEBPUB_TRUST_REF=worktree`` trusts the working tree: only for a
  local preview, never in a workflow. A repository with no commit at all (a new site
  before its first commit) has no history to protect and reads the working tree.
  Anything else that cannot be resolved fails closed: no record counts (WP216).

**Key validity is judged at a time the signer cannot choose.** A record's ``at`` is
written by the signer: a thief holding a key revoked with ``valid-before`` could simply
backdate it. We use the time the record *entered the default branch's history*: the
committer date of the first commit on the trust reference's first-parent line whose
version of the page contains the record. First-parent commits of the default branch
are made only by the publishing bot (the sealed merge) or a maintainer allowed to push,
never by the pull request's author, whose own commits sit on the second parent and are
not looked at. We prefer this to a seal time written by the bot because it covers
records signed with people's own keys (``webpub approve``) too, needs no new field in
a signed record, and git already keeps it. A record not yet in that history (a pull
request, a working tree) is judged at *now*. So a record that enters after its key's
``valid-before`` is refused however it is dated; a key's ``valid-after`` is checked
against ``at`` (which may not lie in the future of the check). Reading history needs
the full history of the default branch (``fetch-depth: 0`` in a workflow); in a shallow
clone an old record of a since-revoked key is not found and is refused (fails closed).

**``ref`` is an https URL on the configured forge** (``forge.host`` in
``schema/organization.yml``, default ``github.com``), nothing else (WP217), and the
request form renders it only as such.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import yaml

from webpub.approvals import signers
from webpub.approvals.org import Org
from webpub.messages import t

ENV = "WEBPUB_TRUST_REF"
WORKTREE = "worktree"
DEFAULT_FORGE_HOST = "github.com"
_CANDIDATES = ("refs/remotes/origin/HEAD", "refs/heads/main", "refs/remotes/origin/main")
_URL_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


class TrustError(Exception):
    """The trust reference cannot be read; message in Thai."""


@dataclass
class Trust:
    """Who may sign: the organisation and the allowed keys, read from ``rev`` (None: the working tree)."""

    org: Org
    signers: signers.AllowedSigners
    item_paths: Callable[[], list[str]] = list  # other items, to name the source of a copied record
    rev: str | None = None
    root: Path | None = None
    source: str = field(default_factory=lambda: t("verify.source_worktree"))
    problem: str | None = None  # set when no trusted source could be read: nothing verifies
    _history: dict = field(default_factory=dict, repr=False)

    @property
    def forge_host(self) -> str:
        forge = self.org.data.get("forge") if isinstance(self.org.data, dict) else None
        host = forge.get("host") if isinstance(forge, dict) else None
        return str(host or DEFAULT_FORGE_HOST).lower()

    @classmethod
    def of_repo(cls, repo, ref: str | None = None) -> "Trust":
        """The trust of a working repository (cached per ``Repo`` and reference)."""
        key = ("trust", ref)
        if key not in repo._cache:
            repo._cache[key] = resolve(repo, ref)
        return repo._cache[key]

    @classmethod
    def at_rev(cls, root: Path, rev: str, item_paths: Callable[[], list[str]] = list) -> "Trust":
        org_raw = git_show(root, rev, "schema/organization.yml")
        if org_raw is None:
            raise TrustError(t("verify.no_organization", rev=rev))
        try:
            data = yaml.load(org_raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        except yaml.YAMLError as exc:
            raise TrustError(t("verify.bad_organization", rev=rev, error=exc)) from None
        keys = (git_show(root, rev, "schema/allowed_signers") or b"").decode("utf-8", "replace")
        return cls(Org(data if isinstance(data, dict) else {}), signers.parse(keys), item_paths,
                   rev=rev, root=Path(root), source=t("verify.source_branch", rev=rev[:12]))

    # -- the time a record entered the default branch ---------------------------------
    def entered(self, path: str, record: dict) -> dt.datetime | None:
        """Committer time of the first first-parent commit of ``rev`` whose ``path``
        holds ``record``; None when it is not in that history."""
        needles = signature_lines(record)
        if self.rev is None or self.root is None or not needles:
            return None
        for sha, when in self._commits_of(path):
            raw = git_show(self.root, sha, path)
            if raw is not None and all(line in raw for line in needles):
                return when
        return None

    def _commits_of(self, path: str) -> list[tuple[str, dt.datetime]]:
        if path not in self._history:
            out = git_out(self.root, "log", "--first-parent", "--reverse", "--format=%H %ct", self.rev, "--", path)
            commits = []
            for line in (out or "").splitlines():
                sha, _, stamp = line.partition(" ")
                if stamp.isdigit():
                    commits.append((sha, dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc)))
            self._history[path] = commits
        return self._history[path]


def signature_lines(record: dict) -> list[bytes]:
    """The base64 lines of the record's armored signature. The first lines encode the
    public key (shared by every record of that key); the last ones the signature itself,
    unique to the record: a page holds the record when it holds every line."""
    return [ln.strip().encode("ascii", "replace") for ln in str(record.get("sig") or "").splitlines()
            if ln.strip() and "-----" not in ln]


def git_out(root, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def git_show(root, rev: str, path: str) -> bytes | None:
    if "\0" in path or "\0" in rev:
        return None
    try:
        done = subprocess.run(["git", "cat-file", "blob", f"{rev}:{path}"], cwd=root, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def resolve_rev(root, ref: str) -> str | None:
    out = git_out(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    return out.strip() if out else None


def has_commits(root) -> bool:
    return git_out(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}") is not None


def is_git(root) -> bool:
    return git_out(root, "rev-parse", "--git-dir") is not None


def worktree_trust(repo, source: str | None = None) -> Trust:
    from webpub.approvals.verify import content_pages

    return Trust(Org(repo.organization), signers.load(repo), lambda: content_pages(repo),
                 source=source or t("verify.source_worktree"))


def resolve(repo, ref: str | None = None) -> Trust:
    """The trust for ``repo``: see the module docstring for the order."""
    from webpub.approvals.verify import content_pages

    ref = ref or os.environ.get(ENV) or None
    root = repo.root
    if ref == WORKTREE:
        return worktree_trust(repo, t("verify.source_worktree_allowed"))
    if ref is None and (not is_git(root) or not has_commits(root)):
        return worktree_trust(repo, t("verify.source_worktree_new"))
    candidates = (ref,) if ref else _CANDIDATES
    for candidate in candidates:
        rev = resolve_rev(root, candidate)
        if rev:
            try:
                return Trust.at_rev(root, rev, lambda: content_pages(repo))
            except TrustError as exc:
                return untrusted(repo, str(exc))
    wanted = ref or t("verify.default_branch_candidates")
    return untrusted(repo, t("verify.no_default_branch", wanted=wanted))


def identity(repo, ref: str | None = None) -> str:
    """Which trust ``resolve`` would choose, as a short key (the ref and its commit), without
    loading it: results that depend on the trust (WP200's verdicts) are cached under it, so a
    moved default branch or another ``WEBPUB_TRUST_REF`` never reuses an earlier verdict."""
    ref = ref or os.environ.get(ENV) or None
    root = repo.root
    if ref == WORKTREE:
        return WORKTREE
    if ref is None and (not is_git(root) or not has_commits(root)):
        return "worktree:no-history"
    for candidate in (ref,) if ref else _CANDIDATES:
        rev = resolve_rev(root, candidate)
        if rev:
            return f"{candidate}@{rev}"
    return f"untrusted:{ref or ''}"


def untrusted(repo, why: str) -> Trust:
    """A trust that verifies nothing (fail closed)."""
    return Trust(Org({}), signers.AllowedSigners(), list, source=t("verify.source_none"), problem=why)


# -- ref ------------------------------------------------------------------------------
def ref_problem(ref, host: str) -> str | None:
    """Why ``ref`` is not an https URL on the forge (None: it is)."""
    text = str(ref)
    if not _URL_CHARS.match(text):
        return t("verify.ref_chars")
    parts = urlsplit(text)
    if parts.scheme != "https":
        return t("verify.ref_scheme")
    if parts.netloc.lower() != host:
        return t("verify.ref_other_host", host=host)
    return None


def safe_ref(ref, host: str) -> str | None:
    return str(ref) if ref and ref_problem(ref, host) is None else None
