"""Trying the editor on a laptop: Decap's own local proxy (``decap-server``, git mode)
against a local repository, the admin page and the preview site on one local port.

In git mode the proxy answers the CMS's editorial-workflow calls with real branches
(``cms/<collection>/<slug>``) and commits in the repository, so the whole officer
experience — new item, attachment, "save for review" — runs offline. The proxy commits
with ``git add .``, so it is only started on a clean working tree.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import http.server
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from webpub.editor.vendor import EDITOR_DIR, node_modules
from webpub.messages import t
from webpub.core.results import UsageError

STAMP = ".webpub-lock.sha256"
# The admin page's policy, the one docs/guides/editor-setup.md gives for /admin/ (with the
# local proxy's origin in place of GitHub's API): scripts only from the site itself, no inline
# script. Decap 3.16 compiles its config schema with ``new Function`` (ajv) and writes its
# styles at run time (emotion), so this page alone needs 'unsafe-eval' and inline styles
# (measured: without 'unsafe-eval' the CMS never starts). The public pages keep the strict one.
ADMIN_CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
             "img-src 'self' data: blob:; connect-src 'self' blob: data: http://127.0.0.1:*; "
             "frame-ancestors 'none'; base-uri 'self'; object-src 'none'")


def npm_ci(root: Path) -> bool:
    """``npm ci`` in ``editor/`` unless the installed tree already matches the lock.
    Returns whether it ran."""
    lock = root / EDITOR_DIR / "package-lock.json"
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()
    stamp = node_modules(root) / STAMP
    # One install at a time (parallel test workers share the folder).
    with open(root / EDITOR_DIR / ".npm-ci.lock", "w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        if stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == digest:
            return False
        npm = shutil.which("npm")
        if npm is None:
            raise UsageError(t("editor.node_missing"))
        subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline",
                        "--loglevel=error"], cwd=root / EDITOR_DIR, check=True, stdout=subprocess.DEVNULL)
        stamp.write_text(digest + "\n", encoding="utf-8")
        return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_proxy(root: Path, repo_dir: Path, port: int = 0, log: Path | None = None) -> tuple[subprocess.Popen, str]:
    """Start ``decap-server`` in git mode on 127.0.0.1; returns the process and its API URL
    once it answers. Its messages go to ``log`` (default: ``.git/decap-server.log``)."""
    node = shutil.which("node")
    if node is None:
        raise UsageError(t("editor.node_missing"))
    port = port or free_port()
    env = {**os.environ, "MODE": "git", "PORT": str(port), "BIND_HOST": "127.0.0.1",
           "GIT_REPO_DIRECTORY": str(repo_dir), "LOG_LEVEL": "info"}
    server = node_modules(root) / "decap-server" / "dist" / "index.js"
    log = log or Path(subprocess.run(["git", "rev-parse", "--absolute-git-dir"], cwd=repo_dir, check=True,
                                     capture_output=True, text=True).stdout.strip()) / "decap-server.log"
    with open(log, "ab") as sink:
        proc = subprocess.Popen([node, str(server)], cwd=repo_dir, env=env,
                                stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/api/v1"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            detail = log.read_bytes().decode("utf-8", "replace").strip()[-300:]
            raise UsageError(t("editor.proxy_failed", detail=detail or proc.returncode))
        try:
            req = urllib.request.Request(url, data=b'{"action":"info"}',
                                         headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req, timeout=2) as answer:
                if answer.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise UsageError(t("editor.proxy_failed", detail="timeout"))


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def clean_tree(repo_dir: Path) -> bool:
    done = subprocess.run(["git", "status", "--porcelain", "--untracked-files=normal"], cwd=repo_dir,
                          capture_output=True, text=True, check=True)
    return done.stdout.strip() == ""


class _Handler(http.server.SimpleHTTPRequestHandler):
    """``/admin/…`` from the staged admin page, everything else from the preview site."""

    def __init__(self, *args, admin: str, site: str | None, **kwargs):
        self._admin, self._site = admin, site
        super().__init__(*args, directory=site or admin, **kwargs)

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if clean == "/admin":
            clean = "/admin/"
        if clean.startswith("/admin/") or self._site is None:
            self.directory = self._admin
            return super().translate_path(clean[len("/admin"):] if clean.startswith("/admin/") else clean)
        self.directory = self._site
        return super().translate_path(path)

    def end_headers(self) -> None:
        if self.path.startswith("/admin"):
            self.send_header("X-Robots-Tag", "noindex, nofollow")
            self.send_header("Content-Security-Policy", ADMIN_CSP)
            self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args) -> None:  # quiet: the command prints its own lines
        pass


def http_server(admin_dir: Path, site_dir: Path | None, port: int = 0) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_Handler, admin=str(admin_dir), site=str(site_dir) if site_dir else None)
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
