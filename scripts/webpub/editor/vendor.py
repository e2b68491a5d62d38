"""The CMS's JavaScript, served from the site itself: copied out of ``editor/node_modules``
only after each file's sha256 matches ``editor/vendor.sha256``.

``npm ci`` already checks each package tarball against ``editor/package-lock.json``
(sha512); the pin here covers the files themselves, so a changed ``node_modules`` (a local
edit, a different install) never reaches a page. No CDN: the government site's content
security policy allows scripts from the site only. A mismatch copies nothing (fail closed).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from webpub.messages import t
from webpub.core.results import UsageError

EDITOR_DIR = "editor"
MANIFEST = "editor/vendor.sha256"
ADMIN_SOURCES = ("index.html", "webpub-init.js", "webpub-cms.js", "webpub-format.js", "config.yml")
# (package, folder inside it, which files, where under admin/vendor/)
SOURCES = (
    ("decap-cms", "dist", "*decap-cms.js", "decap-cms"),
    ("yaml", "browser/dist", "**/*.js", "yaml"),
)


def node_modules(root: Path) -> Path:
    return root / EDITOR_DIR / "node_modules"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(root: Path) -> list[tuple[str, str]]:
    """(path under node_modules, path under admin/vendor) of every file the site serves."""
    out = []
    base = node_modules(root)
    for package, folder, pattern, target in SOURCES:
        src = base / package / folder
        if not src.is_dir():
            raise UsageError(t("editor.vendor_missing"))
        for path in sorted(src.glob(pattern)):
            if path.is_file():
                rel = path.relative_to(src).as_posix()
                out.append((f"{package}/{folder}/{rel}", f"{target}/{rel}"))
    return out


def versions(root: Path) -> dict[str, str]:
    out = {}
    for package, *_ in SOURCES:
        meta = node_modules(root) / package / "package.json"
        out[package] = json.loads(meta.read_text(encoding="utf-8"))["version"] if meta.is_file() else "?"
    return out


def pin(root: Path) -> str:
    """Write ``editor/vendor.sha256`` from the installed packages (after a version bump)."""
    lines = [f"# {name} {version}" for name, version in versions(root).items()]
    lines += [f"{_sha256(node_modules(root) / src)}  {src}" for src, _ in _files(root)]
    text = "\n".join(lines) + "\n"
    (root / MANIFEST).write_text(text, encoding="utf-8")
    return text


def pinned(root: Path) -> list[tuple[str, str]]:
    path = root / MANIFEST
    entries = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                digest, src = line.split(None, 1)
                entries.append((digest, src.strip()))
    if not entries:
        raise UsageError(t("editor.vendor_unlisted"))
    return entries


def copy_vendor(root: Path, dest: Path) -> int:
    """Copy every pinned file into ``dest/vendor/``; returns bytes copied."""
    targets = dict(_files(root))
    planned = []
    for digest, src in pinned(root):
        path = node_modules(root) / src
        if not path.is_file():
            raise UsageError(t("editor.vendor_missing"))
        if _sha256(path) != digest or src not in targets:
            raise UsageError(t("editor.vendor_mismatch", file=f"editor/node_modules/{src}"))
        planned.append((path, dest / "vendor" / targets[src]))
    total = 0
    for path, target in planned:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        total += target.stat().st_size
    return total


def stage_admin(root: Path, dest: Path, local_backend: str | None = None) -> Path:
    """The admin page in ``dest``: webpub's own files, the checked config and the pinned CMS.
    ``local_backend`` (the URL of Decap's local proxy) is added only for ``webpub editor``."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in ADMIN_SOURCES:
        shutil.copyfile(root / EDITOR_DIR / "admin" / name, dest / name)
    copy_vendor(root, dest)
    if local_backend:
        with open(dest / "config.yml", "a", encoding="utf-8") as fh:
            fh.write(f"local_backend:\n  url: {local_backend}\n  allowed_hosts: [127.0.0.1, localhost]\n")
    return dest
