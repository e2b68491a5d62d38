"""The content digest: stable across quoting and key order, changed by any real edit."""

from __future__ import annotations

import hashlib
import json

from conftest import run_cli, write
from approvals_kit import PAGE

from webpub.approvals.digest import content_digest, worktree_reader


def digest_of(repo, rel="content/a/page.md"):
    return content_digest(rel, (repo / rel).read_bytes(), worktree_reader(repo))


def test_digest_ignores_quoting_and_key_order(tmp_repo):
    write(tmp_repo, "content/a/page.md", PAGE)
    first = digest_of(tmp_repo)
    reordered = PAGE.replace('title: แผนปฏิบัติราชการประจำปี\ncategory: "1.1"\n',
                             "category: '1.1'\ntitle: \"แผนปฏิบัติราชการประจำปี\"\n")
    assert reordered != PAGE
    write(tmp_repo, "content/a/page.md", reordered)
    assert digest_of(tmp_repo) == first


def test_digest_changes_with_body_field_path_and_attachment(tmp_repo):
    page = PAGE.replace("published: 2024-01-15\n", "published: 2024-01-15\nattachments:\n  - {file: plan.pdf, title: แผน}\n")
    write(tmp_repo, "content/a/page.md", page)
    write(tmp_repo, "content/a/plan.pdf", b"%PDF-1.4 one")
    base = digest_of(tmp_repo)
    write(tmp_repo, "content/a/plan.pdf", b"%PDF-1.4 two")
    assert digest_of(tmp_repo) != base
    write(tmp_repo, "content/a/plan.pdf", b"%PDF-1.4 one")
    assert digest_of(tmp_repo) == base
    write(tmp_repo, "content/a/page.md", page.replace("ข้อความทดสอบ", "ข้อความทดลอง"))
    assert digest_of(tmp_repo) != base
    write(tmp_repo, "content/a/page.md", page.replace("2024-01-15", "2024-01-16"))
    assert digest_of(tmp_repo) != base
    write(tmp_repo, "content/b/page.md", page)
    write(tmp_repo, "content/b/plan.pdf", b"%PDF-1.4 one")
    assert digest_of(tmp_repo, "content/b/page.md") != base


def test_digest_excludes_only_approvals(tmp_repo):
    write(tmp_repo, "content/a/page.md", PAGE)
    base = digest_of(tmp_repo)
    write(tmp_repo, "content/a/page.md", PAGE.replace("---\n\n##", "approvals: []\n---\n\n##"))
    assert digest_of(tmp_repo) == base
    write(tmp_repo, "content/a/page.md", PAGE.replace("---\n\n##", "approval: []\n---\n\n##"))
    assert digest_of(tmp_repo) != base


def test_digest_recomputable_by_hand(tmp_repo, capsys):
    """The README's byte-by-byte recipe, done with json + hashlib only."""
    write(tmp_repo, "content/a/page.md", PAGE)
    raw = PAGE.encode()
    body = raw.split(b"\n---\n", 1)[1]
    document = {
        "attachments": [],
        "body_sha256": hashlib.sha256(body).hexdigest(),
        "frontmatter": {"title": "แผนปฏิบัติราชการประจำปี", "category": "1.1", "topic": "history",
                        "owner": {"division": "strategy", "officer": "somchai.j"}, "published": "2024-01-15"},
        "path": "content/a/page.md", "v": 1,
    }
    canonical = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    expected = "sha256:" + hashlib.sha256(canonical).hexdigest()
    code, out, _ = run_cli(capsys, "digest", "content/a/page.md")
    assert code == 0 and out.strip() == expected


def test_digest_of_broken_page_is_a_clear_error(tmp_repo, capsys):
    write(tmp_repo, "content/a/page.md", "no frontmatter here\n")
    code, out, err = run_cli(capsys, "digest", "content/a/page.md")
    assert code == 1 and "WP200" in err and "content/a/page.md" in err and "Traceback" not in err
