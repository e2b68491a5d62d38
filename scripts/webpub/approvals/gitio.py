"""Reading a repository at any revision through git (no checkout needed)."""

from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path

from webpub.core.results import UsageError
from webpub.messages import t


class Git:
    def __init__(self, root: Path):
        self.root = Path(root)

    def run(self, *args: str) -> str:
        done = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True)
        if done.returncode != 0:
            raise UsageError(t("approvals.git_failed", command=" ".join(args), error=done.stderr.strip()))
        return done.stdout

    def resolve(self, rev: str) -> str:
        return self.run("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()

    def has_commit(self, rev: str) -> bool:
        done = subprocess.run(["git", "cat-file", "-e", f"{rev}^{{commit}}"], cwd=self.root, capture_output=True)
        return done.returncode == 0

    def changed_files(self, base: str, head: str) -> list[str]:
        """Files a PR changes: from the merge base of ``base`` and ``head`` to ``head``."""
        out = self.run("diff", "--name-only", "--no-renames", "-z", f"{base}...{head}")
        return sorted(p for p in out.split("\0") if p)

    def changes(self, base: str, head: str) -> list[tuple[str, str]]:
        """``(status, path)`` of every file a PR changes (A, M, D, T…), from the merge base."""
        out = self.run("diff", "--name-status", "--no-renames", "-z", f"{base}...{head}")
        fields = [f for f in out.split("\0")]
        pairs = []
        for i in range(0, len(fields) - 1, 2):
            if fields[i]:
                pairs.append((fields[i][:1], fields[i + 1]))
        return sorted(pairs, key=lambda p: p[1])

    def merge_base(self, base: str, head: str) -> str:
        return self.run("merge-base", base, head).strip()

    @lru_cache(maxsize=4096)
    def read(self, rev: str, path: str) -> bytes | None:
        if "\0" in path or "\0" in rev:
            return None
        done = subprocess.run(["git", "cat-file", "blob", f"{rev}:{path}"], cwd=self.root, capture_output=True)
        return done.stdout if done.returncode == 0 else None

    def read_many(self, rev: str, paths: list[str]) -> dict[str, bytes | None]:
        """Many files at one revision through one ``git cat-file --batch``."""
        simple = [p for p in paths if "\n" not in p and "\0" not in p]
        out: dict[str, bytes | None] = {p: self.read(rev, p) for p in paths if p not in set(simple)}
        if not simple:
            return out
        request = "".join(f"{rev}:{p}\n" for p in simple).encode("utf-8")
        done = subprocess.run(["git", "cat-file", "--batch"], cwd=self.root, input=request, capture_output=True)
        data, pos = done.stdout, 0
        for path in simple:
            end = data.find(b"\n", pos)
            header = data[pos:end].split(b" ")
            pos = end + 1
            if len(header) == 3 and header[1] == b"blob" and header[2].isdigit():
                size = int(header[2])
                out[path] = data[pos:pos + size]
                pos += size + 1
            elif len(header) == 3 and header[2].isdigit():
                out[path] = None
                pos += int(header[2]) + 1
            else:
                out[path] = None
        return out

    def reader(self, rev: str):
        return lambda rel: self.read(rev, rel)

    def files_at(self, rev: str, prefix: str) -> list[str]:
        out = self.run("ls-tree", "-r", "-z", "--name-only", rev, "--", prefix)
        return sorted(p for p in out.split("\0") if p)
