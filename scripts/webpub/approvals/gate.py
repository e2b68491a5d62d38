"""The PR gate: from changed files and reviews, who has approved each item and who still must.

Deny by default: every change outside ``content/`` needs a maintainer's approving
review of the head commit (WP210), whatever the path (templates, ``setup.py``,
dotfiles, editor tasks, workflows…). Inside ``content/`` every changed file must
belong to an item: a page, or a file listed in some page's ``attachments`` at the
head, so the item's digest (and so its approvals) covers it; a file no page lists is
refused (WP213). An item put on the site needs the division director, then the web
head (reviews); a take-down that only adds a ``withdrawn:`` block, or the removal of
a page that carried approvals, needs a webmaster (WP214, WP215; see
``webpub.approvals.policy``). Items still holding ``[[กรอก: …]]`` placeholders are
refused (WP029).

An approval counts for an item only if the item's digest at the review's commit
equals its digest at the head: approvals follow the content, not the commit.
Organisation data is read at the base revision (or ``--trust-ref``), so a PR cannot
appoint its own approvers. In the workflow this runs as the default branch's
webpub, reading the pull request as data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from webpub.approvals import ROLE_TH, policy, prepared, refusals
from webpub.approvals.digest import DigestError, content_digest, split
from webpub.content.attachments import attachment_paths
from webpub.approvals.gitio import Git
from webpub.forge.reviews import latest_per_user
from webpub.approvals.org import Org
from webpub.approvals.takedown import is_takedown
from webpub.approvals.trust import Trust, TrustError
from webpub.content.catrules import PLACEHOLDER
from webpub.dates import thai_datetime

from webpub.core.registry import Rule
from webpub.messages import t

RULES = tuple(Rule(rid, name, t(f"gate.rule_{rid.lower()}"), __name__) for rid, name in (
    ("WP210", "gate-outside-content"),
    ("WP211", "gate-changes-requested"),
    ("WP213", "gate-unlisted-file"),
    ("WP214", "gate-takedown"),
    ("WP215", "gate-page-removal"),
))

CONTENT = "content/"
GATE_ROLES = policy.REVIEW_ROLES


@dataclass
class Approval:
    person: str
    role: str
    login: str
    review_id: int | None
    submitted_at: str
    commit_id: str
    html_url: str = ""


@dataclass
class ItemVerdict:
    path: str
    title: str = ""
    division: str = ""
    officer: str = ""
    officer_login: str = ""
    digest: str | None = None
    approvals: list[Approval] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    blocking: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    kind: str = "publish"  # publish | takedown (withdrawn: added) | removal (page deleted)
    category: str = ""
    prepared: dict | None = None  # the officer's check ({person, how, at}; webpub.approvals.prepared)

    @property
    def ok(self) -> bool:
        present = self.digest is not None or self.kind == "removal"
        return present and not self.missing and not self.blocking


@dataclass
class GateResult:
    base: str
    head: str
    items: list[ItemVerdict] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    protected_files: list[str] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)
    maintainer_approvals: list[str] = field(default_factory=list)
    changes_requested: list[dict] = field(default_factory=list)
    unknown_reviewers: list[str] = field(default_factory=list)
    pull: dict = field(default_factory=dict)  # the pull request (GitHub's shape), when given

    @property
    def refusals(self) -> list[dict]:
        """Final refusals of permission (WP221): the pull request ends here."""
        return [r for r in self.changes_requested if r.get("kind") == "refused"]

    @property
    def maintainer_ok(self) -> bool:
        return not self.protected_files or bool(self.maintainer_approvals)

    @property
    def passed(self) -> bool:
        return (all(i.ok for i in self.items) and self.maintainer_ok and not self.changes_requested
                and not self.unlisted)

    @property
    def publish_items(self) -> list[ItemVerdict]:
        return [i for i in self.items if i.kind == "publish"]

    def to_json(self) -> dict:
        return {
            "pass": self.passed, "base": self.base, "head": self.head,
            "items": [{**asdict(i), "ok": i.ok} for i in self.items],
            "removed": self.removed,
            "unlisted": self.unlisted,
            "maintainer": {"required": bool(self.protected_files), "files": self.protected_files,
                           "approved_by": self.maintainer_approvals, "ok": self.maintainer_ok},
            "changes_requested": self.changes_requested,
            "unknown_reviewers": self.unknown_reviewers,
            "refused": bool(self.refusals),
            "pull": {k: self.pull.get(k) for k in ("number", "html_url", "created_at") if k in self.pull},
        }


def is_protected(path: str) -> bool:
    """Deny by default: everything outside ``content/`` is the maintainers' to approve."""
    return not path.startswith(CONTENT)


def org_at(git: Git, rev: str) -> Org:
    return trust_at(git, rev).org


def trust_at(git: Git, rev: str) -> Trust:
    try:
        return Trust.at_rev(git.root, rev)
    except TrustError as exc:
        raise DigestError(str(exc)) from None


@dataclass
class Changes:
    pages: list[str]          # pages at the head the PR changes, directly or through an attachment
    removed: list[str]        # pages the PR deletes
    unlisted: list[str]       # content files at the head that no page lists
    protected: list[str]      # everything outside content/
    through_attachment: set[str] = field(default_factory=set)


def classify(git: Git, base: str, head: str) -> Changes:
    changes = git.changes(base, head)
    protected = [p for _, p in changes if is_protected(p)]
    content = [(st, p) for st, p in changes if not is_protected(p)]
    pages = {p for st, p in content if p.endswith(".md") and st != "D"}
    removed = sorted(p for st, p in content if p.endswith(".md") and st == "D")
    files = [(st, p) for st, p in content if not p.endswith(".md")]
    unlisted, through = [], set()
    if files:
        listed_by = listing(git, head)
        for status, path in files:
            owners = listed_by.get(path, set())
            through |= owners
            if not owners and status != "D":
                unlisted.append(path)
    return Changes(sorted(pages | through), removed, sorted(unlisted), protected, through)


def listing(git: Git, head: str) -> dict[str, set[str]]:
    """Every attachment path at the head -> the pages that list it."""
    out: dict[str, set[str]] = {}
    pages = [p for p in git.files_at(head, "content") if p.endswith(".md")]
    for page, raw in git.read_many(head, pages).items():
        try:
            meta = split(raw).meta if raw else {}
        except (DigestError, UnicodeDecodeError):
            continue
        for rel in attachment_paths(page, meta):
            out.setdefault(rel, set()).add(page)
    return out


def affected_items(git: Git, head: str, changed: list[str]) -> tuple[list[str], list[str]]:
    """Pages the PR changes (directly or through an attachment) and pages it removes."""
    at_head = set(git.files_at(head, "content"))
    pages = {p for p in changed if p.startswith(CONTENT) and p.endswith(".md") and p in at_head}
    removed = sorted(p for p in changed if p.startswith(CONTENT) and p.endswith(".md") and p not in at_head)
    listed_by = listing(git, head)
    for path in changed:
        pages |= listed_by.get(path, set())
    return sorted(pages), removed


class DigestMemo:
    def __init__(self, git: Git):
        self.git, self.memo = git, {}

    def at(self, rev: str, path: str) -> str | None:
        key = (rev, path)
        if key not in self.memo:
            self.memo[key] = self._compute(rev, path)
        return self.memo[key]

    def _compute(self, rev: str, path: str) -> str | None:
        if not self.git.has_commit(rev):
            return None
        raw = self.git.read(rev, path)
        if raw is None:
            return None
        try:
            return content_digest(path, raw, self.git.reader(rev))
        except (DigestError, UnicodeDecodeError):
            return None


def when_th(iso: str) -> str:
    """A review's time as people read it: B.E., Thai month, Bangkok time."""
    return thai_datetime(iso)


def review_time(review) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(str(review.submitted_at).replace("Z", "+00:00"))
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.timezone.utc)


def read_owner(verdict: ItemVerdict, meta: dict, org: Org) -> None:
    owner = meta.get("owner") if isinstance(meta.get("owner"), dict) else {}
    verdict.title, verdict.division, verdict.officer = str(meta.get("title") or ""), str(owner.get("division") or ""), str(owner.get("officer") or "")
    verdict.category = str(meta.get("category") or "")
    verdict.officer_login = str((org.people.get(verdict.officer) or {}).get("forge_login") or "")


def judge_item(path: str, git: Git, head: str, reviews: list[dict], org: Org, digests: DigestMemo,
               kind: str = "publish", pull: dict | None = None) -> ItemVerdict:
    verdict = ItemVerdict(path, kind=kind)
    raw = git.read(head, path) or b""
    try:
        meta = split(raw).meta
    except (DigestError, UnicodeDecodeError) as exc:
        verdict.blocking.append(t("gate.frontmatter_failed", error=exc))
        return verdict
    read_owner(verdict, meta, org)
    verdict.digest = digests.at(head, path)
    if verdict.digest is None:
        try:
            content_digest(path, raw, git.reader(head))
        except (DigestError, UnicodeDecodeError) as exc:
            verdict.blocking.append(t("approvals.digest_failed", error=exc) + " [WP200]")
            return verdict
    if kind == "publish" and PLACEHOLDER.search(raw.decode("utf-8", "replace")):
        verdict.blocking.append(t("gate.placeholder"))
    roles = policy.TAKEDOWN_ROLES if kind == "takedown" else GATE_ROLES
    if kind == "takedown":
        verdict.notes.append(t("gate.takedown_note", webmaster=t("roles.webmaster")))
    same_text = lambda review: digests.at(review.get("commit_id") or "", path) == verdict.digest  # noqa: E731
    choose(verdict, roles, reviews, org, same_text, ordered=kind == "publish")
    if pull and kind == "publish":
        prepared.check(verdict, pull, reviews, org, same_text)
    return verdict


def judge_removal(path: str, git: Git, base: str, head: str, reviews: list[dict], org: Org) -> ItemVerdict:
    verdict = ItemVerdict(path, kind="removal")
    try:
        read_owner(verdict, split(git.read(base, path) or b"").meta, org)
    except (DigestError, UnicodeDecodeError):
        pass
    verdict.notes.append(t("gate.removal_note", webmaster=t("roles.webmaster")))

    def saw_removal(review) -> bool:
        commit = review.get("commit_id") or ""
        return git.has_commit(commit) and git.read(commit, path) is None

    choose(verdict, policy.TAKEDOWN_ROLES, reviews, org, saw_removal, ordered=False)
    return verdict


def choose(verdict: ItemVerdict, roles, reviews: list[dict], org: Org, current, ordered: bool) -> None:
    """Pick one approving review per role (policy: who, whether current, in which order)."""
    taken: set[str] = set()
    for role in roles:
        approval = find_approval(role, verdict, reviews, org, current, taken)
        if approval and ordered and not in_sequence(approval, verdict, org):
            approval = None
        if approval:
            verdict.approvals.append(approval)
            taken.add(approval.person)
        else:
            holders = ", ".join(org.mention(p) for p in org.role_holders(role, verdict.division) if p != verdict.officer)
            verdict.missing.append(role)
            verdict.notes.append(t("gate.still_needs", role=ROLE_TH[role], holders=holders or t("gate.no_holder")))


def in_sequence(approval: Approval, verdict: ItemVerdict, org: Org) -> bool:
    """The later role permits only what the earlier ones already approved (the guideline's order)."""
    for earlier in verdict.approvals:
        problem = policy.order_problem(earlier.role, earlier.person, review_time(earlier), when_th(earlier.submitted_at),
                                       approval.role, approval.person, review_time(approval), when_th(approval.submitted_at), org)
        if problem:
            verdict.notes.append(t("gate.approve_again", problem=problem.message, rule=problem.rule))
            return False
    return True


def find_approval(role: str, verdict: ItemVerdict, reviews: list[dict], org: Org, current,
                  taken: set[str]) -> Approval | None:
    for review in reviews:
        person = org.person_for_user(review["user"])
        if review["state"] != "APPROVED" or person is None or person in taken:
            continue
        problem = policy.eligibility(person, role, verdict.division, verdict.officer, org)
        if problem:
            other_director = role == "director" and person in {d for div in org.divisions.values() for d in div.get("directors") or []}
            if problem.rule == "WP208" or (other_director and problem.rule == "WP205"):
                note = problem.text()
                if note not in verdict.notes:
                    verdict.notes.append(note)
            continue
        if not current(review):
            verdict.notes.append(t("gate.stale_review", who=org.name(person), when=when_th(review.get("submitted_at") or ""),
                                   commit=str(review.get("commit_id"))[:7]))
            continue
        return Approval(person, role, review["user"].get("login", ""), review.get("id"),
                        review.get("submitted_at") or "", review.get("commit_id") or "", review.get("html_url") or "")
    return None


def had_approvals(git: Git, rev: str, path: str) -> bool:
    raw = git.read(rev, path)
    if raw is None:
        return False
    try:
        return bool(split(raw).meta.get("approvals"))
    except (DigestError, UnicodeDecodeError):
        return True  # unreadable: judge it as a published item (fail closed)


def evaluate(root, base: str, head: str, reviews: list[dict], trust_ref: str | None = None,
             pull: dict | None = None) -> GateResult:
    git = Git(root)
    base_sha, head_sha = git.resolve(base), git.resolve(head)
    org = org_at(git, git.resolve(trust_ref) if trust_ref else base_sha)
    fork = git.merge_base(base_sha, head_sha)
    changes = classify(git, base_sha, head_sha)
    result = GateResult(base_sha, head_sha, protected_files=changes.protected, unlisted=changes.unlisted,
                        pull=dict(pull or {}))
    latest = latest_per_user(reviews)
    digests = DigestMemo(git)
    for path in changes.pages:
        takedown = path not in changes.through_attachment and is_takedown(git.read(fork, path), git.read(head_sha, path))
        result.items.append(judge_item(path, git, head_sha, latest, org, digests, "takedown" if takedown else "publish",
                                       pull))
    result.removed = changes.removed
    for path in changes.removed:
        if had_approvals(git, fork, path):
            result.items.append(judge_removal(path, git, fork, head_sha, latest, org))
    for review in latest:
        person = org.person_for_user(review["user"])
        login = review["user"].get("login", "")
        if person is None:
            result.unknown_reviewers.append(login)
        elif review["state"] == "CHANGES_REQUESTED":
            decision = refusals.classify(review, person, org)
            result.changes_requested.append({"person": person, "login": login, "reason": decision["reason"],
                                             "submitted_at": review.get("submitted_at") or "",
                                             "kind": decision["kind"], "empty": decision["empty"],
                                             "role": decision["role"], "html_url": review.get("html_url") or "",
                                             "commit_id": review.get("commit_id") or ""})
        elif (review["state"] == "APPROVED" and person in org.role_members("maintainer")
              and review.get("commit_id") == head_sha):
            result.maintainer_approvals.append(person)
    final_refusals(result, reviews, org)
    return result


def final_refusals(result: GateResult, reviews: list[dict], org: Org) -> None:
    """A web head's refusal ends the pull request even if a later review replaced it (WP221)."""
    seen = {(r["person"], r["submitted_at"]) for r in result.changes_requested}
    for review in reviews:
        person = org.person_for_user(review.get("user") or {})
        if review.get("state") != "CHANGES_REQUESTED" or person is None:
            continue
        decision = refusals.classify(review, person, org)
        if decision["kind"] == "refused" and (person, review.get("submitted_at") or "") not in seen:
            result.changes_requested.append({"person": person, "login": (review.get("user") or {}).get("login", ""),
                                             "reason": decision["reason"], "submitted_at": review.get("submitted_at") or "",
                                             "kind": "refused", "empty": decision["empty"], "role": decision["role"],
                                             "html_url": review.get("html_url") or "", "commit_id": review.get("commit_id") or ""})
