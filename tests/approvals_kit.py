"""Helpers for the approval tests: real SSH keys, signed pages, GitHub-shaped reviews."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

PEOPLE = ("wichai.k", "anan.p", "malee.c", "narong.b", "piyada.n", "somchai.j", "tanawat.d")
BOT = "webpub-bot"

PAGE = """---
title: แผนปฏิบัติราชการประจำปี
category: "1.1"
topic: history
owner:
  division: strategy
  officer: somchai.j
published: 2024-01-15
---

## ความเป็นมา

ข้อความทดสอบของกองยุทธศาสตร์
"""


def keygen(folder: Path, name: str, kind: str = "ed25519") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    key = folder / name
    extra = ["-b", "3072"] if kind == "rsa" else (["-b", "256"] if kind == "ecdsa" else [])
    subprocess.run(["ssh-keygen", "-q", "-t", kind, *extra, "-N", "", "-C", name, "-f", str(key)],
                   check=True, capture_output=True)
    return key


def public_key(key: Path) -> str:
    return " ".join(Path(str(key) + ".pub").read_text().split()[:2])


def signer_line(principal: str, key: Path, options: str = 'namespaces="webpub-approval",valid-after="20200101Z"') -> str:
    return f"{principal} {options} {public_key(key)}".replace("  ", " ")


def setup_keys(repo: Path, keydir: Path, people=PEOPLE, kinds: dict | None = None) -> dict[str, Path]:
    """Keys for ``people`` and the bot, registered in the repo's schema/allowed_signers."""
    keys = {p: keygen(keydir, p, (kinds or {}).get(p, "ed25519")) for p in (*people, BOT)}
    lines = [signer_line(p, k) for p, k in keys.items()]
    (repo / "schema" / "allowed_signers").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return keys


def officer_branch(repo: Path, item: str, page: str = PAGE, message: str = "add") -> str:
    """main as it is (committed ``base``), then branch ``officer`` adding ``item``; its head commit."""
    from conftest import git, write

    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "officer")
    write(repo, item, page)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def forge_user(repo: Path, person: str) -> dict:
    org = yaml.safe_load((repo / "schema" / "organization.yml").read_text(encoding="utf-8"))
    entry = next(p for p in org["people"] if p["id"] == person)
    return {"login": entry["forge_login"], "id": entry["forge_id"], "type": "User"}


def review(repo: Path, person: str, state: str, commit: str, when: str, review_id: int, body: str = "") -> dict:
    return {
        "id": review_id, "node_id": f"PRR_{review_id}", "user": forge_user(repo, person), "body": body,
        "state": state, "html_url": f"https://github.com/opdc/web/pull/7#pullrequestreview-{review_id}",
        "pull_request_url": "https://api.github.com/repos/opdc/web/pulls/7",
        "author_association": "MEMBER", "submitted_at": when, "commit_id": commit,
    }


def approve_all(cli, page: str, keys: dict, director="wichai.k", web_head="malee.c", webmaster="narong.b"):
    for role, person in (("director", director), ("web_head", web_head), ("webmaster", webmaster)):
        code, out, err = cli("approve", page, "--role", role, "--person", person, "--key", str(keys[person]))
        assert code == 0, err
