"""The PR gate: from changed files and reviews, who has approved each item and who still must.

An approval counts for an item only if the item's digest at the review's commit
equals its digest at the head: approvals follow the content, not the commit.
Organisation data is read at the base revision, so a PR cannot appoint its own
approvers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

import yaml

from webpub.approvals import ROLE_TH
from webpub.approvals.digest import DigestError, attachment_paths, content_digest, split
from webpub.approvals.gitio import Git
from webpub.approvals.github import latest_per_user
from webpub.approvals.org import Org
from webpub.dates import BANGKOK

PROTECTED = ("mkdocs.yml", "pyproject.toml", "hooks/", "scripts/", "schema/", ".github/")
GATE_ROLES = ("director", "web_head")


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

    @property
    def ok(self) -> bool:
        return self.digest is not None and not self.missing and not self.blocking


@dataclass
class GateResult:
    base: str
    head: str
    items: list[ItemVerdict] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    protected_files: list[str] = field(default_factory=list)
    maintainer_approvals: list[str] = field(default_factory=list)
    changes_requested: list[dict] = field(default_factory=list)
    unknown_reviewers: list[str] = field(default_factory=list)

    @property
    def maintainer_ok(self) -> bool:
        return not self.protected_files or bool(self.maintainer_approvals)

    @property
    def passed(self) -> bool:
        return all(i.ok for i in self.items) and self.maintainer_ok and not self.changes_requested

    def to_json(self) -> dict:
        return {
            "pass": self.passed, "base": self.base, "head": self.head,
            "items": [{**asdict(i), "ok": i.ok} for i in self.items],
            "removed": self.removed,
            "maintainer": {"required": bool(self.protected_files), "files": self.protected_files,
                           "approved_by": self.maintainer_approvals, "ok": self.maintainer_ok},
            "changes_requested": self.changes_requested,
            "unknown_reviewers": self.unknown_reviewers,
        }


def is_protected(path: str) -> bool:
    return any(path == p or (p.endswith("/") and path.startswith(p)) for p in PROTECTED)


def org_at(git: Git, rev: str) -> Org:
    raw = git.read(rev, "schema/organization.yml")
    if raw is None:
        raise DigestError(f"ไม่พบ schema/organization.yml ที่ {rev}")
    return Org(yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


def affected_items(git: Git, head: str, changed: list[str]) -> tuple[list[str], list[str]]:
    """Pages the PR changes (directly or through an attachment) and pages it removes."""
    at_head = set(git.files_at(head, "content"))
    pages = {p for p in changed if p.startswith("content/") and p.endswith(".md") and p in at_head}
    removed = sorted(p for p in changed if p.startswith("content/") and p.endswith(".md") and p not in at_head)
    changed_set = set(changed)
    for page in sorted(p for p in at_head if p.endswith(".md") and p not in pages):
        raw = git.read(head, page)
        try:
            if raw and changed_set.intersection(attachment_paths(page, split(raw).meta)):
                pages.add(page)
        except (DigestError, UnicodeDecodeError):
            continue
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
    try:
        return dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(BANGKOK).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def judge_item(path: str, git: Git, head: str, reviews: list[dict], org: Org, digests: DigestMemo) -> ItemVerdict:
    verdict = ItemVerdict(path)
    try:
        meta = split(git.read(head, path) or b"").meta
    except (DigestError, UnicodeDecodeError) as exc:
        verdict.blocking.append(f"อ่าน frontmatter ไม่ได้ ({exc}) — แก้ตามผลของ webpub check [WP200]")
        return verdict
    owner = meta.get("owner") if isinstance(meta.get("owner"), dict) else {}
    verdict.title, verdict.division, verdict.officer = str(meta.get("title") or ""), str(owner.get("division") or ""), str(owner.get("officer") or "")
    verdict.officer_login = str((org.people.get(verdict.officer) or {}).get("forge_login") or "")
    verdict.digest = digests.at(head, path)
    taken: set[str] = set()
    for role in GATE_ROLES:
        approval = find_approval(role, verdict, reviews, org, digests, head, taken)
        if approval and not in_sequence(approval, verdict, org):
            approval = None
        if approval:
            verdict.approvals.append(approval)
            taken.add(approval.person)
        else:
            holders = ", ".join(org.mention(p) for p in org.role_holders(role, verdict.division) if p != verdict.officer)
            verdict.missing.append(role)
            verdict.notes.append(f"ยังต้องได้รับการอนุมัติจาก{ROLE_TH[role]}: {holders or 'ยังไม่ได้กำหนดผู้มีบทบาทนี้'} [WP206]")
    return verdict


def in_sequence(approval: Approval, verdict: ItemVerdict, org: Org) -> bool:
    """The web head permits only what the director has already certified (the guideline's order)."""
    director = next((a for a in verdict.approvals if a.role == "director"), None)
    if approval.role != "web_head" or director is None or approval.submitted_at >= director.submitted_at:
        return True
    verdict.notes.append(
        f"{org.name(approval.person)} อนุมัติเมื่อ {when_th(approval.submitted_at)} ก่อนที่ผู้อำนวยการกองจะรับรอง "
        f"({when_th(director.submitted_at)}) — ขอให้กด Approve อีกครั้ง [WP212]")
    return False


def find_approval(role: str, verdict: ItemVerdict, reviews: list[dict], org: Org, digests: DigestMemo,
                  head: str, taken: set[str]) -> Approval | None:
    for review in reviews:
        person = org.person_for_user(review["user"])
        if review["state"] != "APPROVED" or person is None or person in taken:
            continue
        if not org.holds(person, role, verdict.division):
            if role == "director" and org.data and person in {d for div in org.divisions.values() for d in div.get("directors") or []}:
                note = f"การอนุมัติของ {org.name(person)} ไม่นับเป็นของผู้อำนวยการ เพราะไม่ใช่ผู้อำนวยการของ{org.division_name(verdict.division)} [WP205]"
                if note not in verdict.notes:
                    verdict.notes.append(note)
            continue
        if person == verdict.officer:
            verdict.notes.append(f"{org.name(person)} เป็นผู้รับผิดชอบข้อมูล จึงอนุมัติรายการของตนเองไม่ได้ [WP208]")
            continue
        if digests.at(review.get("commit_id") or "", verdict.path) != verdict.digest:
            verdict.notes.append(
                f"การอนุมัติของ {org.name(person)} เมื่อ {when_th(review.get('submitted_at') or '')} ทำกับเนื้อหาฉบับก่อน "
                f"(commit {str(review.get('commit_id'))[:7]}) — เนื้อหาถูกแก้ไขหลังจากนั้น ต้องอนุมัติใหม่ [WP201]")
            continue
        return Approval(person, role, review["user"].get("login", ""), review.get("id"),
                        review.get("submitted_at") or "", review.get("commit_id") or "", review.get("html_url") or "")
    return None


def evaluate(root, base: str, head: str, reviews: list[dict]) -> GateResult:
    git = Git(root)
    base_sha, head_sha = git.resolve(base), git.resolve(head)
    org = org_at(git, base_sha)
    changed = git.changed_files(base_sha, head_sha)
    result = GateResult(base_sha, head_sha)
    latest = latest_per_user(reviews)
    digests = DigestMemo(git)
    items, result.removed = affected_items(git, head_sha, changed)
    result.items = [judge_item(p, git, head_sha, latest, org, digests) for p in items]
    result.protected_files = [p for p in changed if is_protected(p)]
    for review in latest:
        person = org.person_for_user(review["user"])
        login = review["user"].get("login", "")
        if person is None:
            result.unknown_reviewers.append(login)
        elif review["state"] == "CHANGES_REQUESTED":
            result.changes_requested.append({"person": person, "login": login, "reason": (review.get("body") or "").strip(),
                                             "submitted_at": review.get("submitted_at") or ""})
        elif (review["state"] == "APPROVED" and person in org.role_members("maintainer")
              and review.get("commit_id") == head_sha):
            result.maintainer_approvals.append(person)
    return result
