"""``webpub deploy``: the built site onto the agency's own server over SSH, switched
atomically, with the releases before it kept for ``--rollback``.

On the server, under ``deploy.root`` (``schema/hosting.yml``)::

    releases/20261130T010203Z-1a2b3c4d/   one folder per deploy, never changed after
    releases/.partial-…/                   an upload in progress (or cut off)
    current -> releases/…                  the web server's document root

1. A manifest of the build (``sha256sum`` lines, sorted) is made here.
2. The files and the manifest are streamed as one tar into ``releases/.partial-<id>``.
3. On the server ``sha256sum --strict -c`` checks every file and the number of files is
   compared with the manifest's; only then is the folder renamed to ``releases/<id>``
   and ``current`` replaced by renaming a new link over it (``mv -T``: one ``rename(2)``,
   so a visitor sees the old release or the new one, never a mix or nothing).
4. Releases beyond the newest ``keep`` are removed (never the live one).

A copy that fails or is cut off never reaches step 3: ``current`` still points at the
old release, and the next deploy removes the leftover partial folder. The server's host
key is pinned (``StrictHostKeyChecking=yes`` against a known_hosts file written from
``deploy.host_key`` or the ``WEBPUB_DEPLOY_KNOWN_HOSTS`` secret); the private key comes
from ``--key`` or the ``WEBPUB_DEPLOY_KEY`` secret and is written to a private temporary
file only for the run. The account needs nothing but write access to ``deploy.root``
(docs/hosting.md: a dedicated user, ``restrict`` in its authorized_keys).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import shlex
import subprocess
import tarfile
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from webpub.messages import t
from webpub.core.results import UsageError

MANIFEST = ".webpub-manifest.sha256"


@dataclass
class Target:
    host: str
    port: int
    user: str
    root: str
    keep: int
    known_hosts: str  # known_hosts text (host patterns included)
    key_file: str

    @property
    def name(self) -> str:
        return f"{self.user}@{self.host}:{self.port}{self.root}"


def known_hosts_line(host: str, port: int, host_key: str) -> str:
    pattern = host if port == 22 else f"[{host}]:{port}"
    return f"{pattern} {host_key.strip()}\n"


def manifest(site_dir: Path) -> tuple[list[str], str]:
    """The build's files (POSIX paths, sorted) and their ``sha256sum`` manifest. Refuses a
    symbolic link or a name ``sha256sum`` would escape (newline, backslash)."""
    files: list[str] = []
    for folder, dirs, names in os.walk(site_dir):
        dirs.sort()
        for name in sorted(dirs + names):
            path = Path(folder) / name
            rel = path.relative_to(site_dir).as_posix()
            if path.is_symlink():
                raise UsageError(t("deploy.symlink", path=rel))
            if "\n" in rel or "\\" in rel or "\r" in rel:
                raise UsageError(t("deploy.bad_name", path=rel))
            if name in names:
                files.append(rel)
    files.sort()
    lines = []
    for rel in files:
        digest = hashlib.sha256((site_dir / rel).read_bytes()).hexdigest()
        lines.append(f"{digest}  ./{rel}\n")
    return files, "".join(lines)


def _ssh(target: Target, known_hosts_file: str) -> list[str]:
    return ["ssh", "-F", "none", "-p", str(target.port), "-i", target.key_file, "-l", target.user,
            "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=yes",
            "-o", f"UserKnownHostsFile={known_hosts_file}", "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", "UpdateHostKeys=no", "-o", "ConnectTimeout=20", "-o", "ServerAliveInterval=15",
            "-o", "ServerAliveCountMax=4", "-o", "LogLevel=ERROR", "-T", target.host]


def _remote(target: Target, script: str, stdin=None, known_hosts_file: str = "") -> subprocess.CompletedProcess:
    """Run a POSIX ``sh`` script on the server (passed as one quoted command)."""
    command = _ssh(target, known_hosts_file) + ["sh -c " + shlex.quote("set -eu\n" + script)]
    return subprocess.run(command, stdin=stdin, capture_output=True, timeout=None)


def _tar_stream(site_dir: Path, files: list[str], manifest_text: str, sink) -> None:
    with tarfile.open(fileobj=sink, mode="w|", format=tarfile.PAX_FORMAT) as tar:
        for rel in files:
            info = tar.gettarinfo(str(site_dir / rel), arcname=rel)
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mode = 0o644
            with open(site_dir / rel, "rb") as fh:
                tar.addfile(info, fh)
        data = manifest_text.encode("utf-8")
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode = len(data), 0o644
        tar.addfile(info, io.BytesIO(data))


def release_id(manifest_text: str, now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.timezone.utc)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + hashlib.sha256(manifest_text.encode()).hexdigest()[:8]


def _error_text(done: subprocess.CompletedProcess) -> str:
    text = (done.stderr or b"").decode("utf-8", "replace").strip().splitlines()
    return text[-1] if text else f"exit {done.returncode}"


class DeployError(Exception):
    """The deploy stopped; the live site is unchanged (the message says why, in Thai)."""


def _prune_script(keep: int) -> str:
    # Newest first; the live release always stays.
    return f"""live=$(readlink "$base/current" 2>/dev/null || true)
ls -1 "$base/releases" | grep -E '^[0-9]{{8}}T[0-9]{{6}}Z-[0-9a-f]{{8}}$' | sort -r | tail -n +{keep + 1} | while read -r old; do
  [ "releases/$old" = "$live" ] || rm -rf "$base/releases/$old"
done
ls -1 "$base/releases" | grep -cE '^[0-9]{{8}}T[0-9]{{6}}Z-[0-9a-f]{{8}}$' || true
"""


def deploy(site_dir: Path, target: Target, out=print) -> str:
    """Copy, verify and switch; returns the new release id (DeployError when not live)."""
    if not (site_dir / "index.html").is_file():
        raise UsageError(t("deploy.no_site", path=site_dir))
    files, manifest_text = manifest(site_dir)
    release = release_id(manifest_text)
    size = sum((site_dir / rel).stat().st_size for rel in files)
    out(t("deploy.uploading", files=len(files), size=f"{size / 1_048_576:.1f} MB", target=target.name,
          release=release))
    base = shlex.quote(target.root.rstrip("/") or "/")
    partial = f".partial-{release}"
    with tempfile.TemporaryDirectory(prefix="webpub-deploy-") as tmp:
        known = os.path.join(tmp, "known_hosts")
        Path(known).write_text(target.known_hosts, encoding="utf-8")
        upload = f"""base={base}
umask 022
mkdir -p "$base/releases"
find "$base/releases" -mindepth 1 -maxdepth 1 -name '.partial-*' -exec rm -rf {{}} +
mkdir "$base/releases/{partial}"
tar -x -f - -C "$base/releases/{partial}" --no-same-owner --no-same-permissions
"""
        command = _ssh(target, known) + ["sh -c " + shlex.quote("set -eu\n" + upload)]
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        errors: list[bytes] = []
        reader = threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)
        reader.start()
        try:
            _tar_stream(site_dir, files, manifest_text, process.stdin)
            process.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        code = process.wait()
        reader.join()
        if code != 0:
            error = (b"".join(errors).decode("utf-8", "replace").strip().splitlines() or [f"exit {code}"])[-1]
            raise DeployError(t("deploy.upload_failed", error=error))
        switch = f"""base={base}
cd "$base/releases/{partial}"
sha256sum --quiet --strict -c {MANIFEST} >&2
n=$(find . -type f ! -name {MANIFEST} | wc -l)
[ "$n" -eq {len(files)} ] || {{ echo "files: $n, manifest: {len(files)}" >&2; exit 3; }}
cd "$base"
mv -T "releases/{partial}" "releases/{release}"
ln -s "releases/{release}" "$base/.current-{release}"
mv -T "$base/.current-{release}" "$base/current"
{_prune_script(target.keep)}"""
        done = _remote(target, switch, known_hosts_file=known)
        if done.returncode != 0:
            raise DeployError(t("deploy.verify_failed", error=_error_text(done)))
        kept = done.stdout.decode().strip().splitlines()[-1:] or ["?"]
    out(t("deploy.switched", release=release, files=len(files), kept=kept[0]))
    return release


def rollback(target: Target, out=print) -> str:
    """Point ``current`` at the release before the live one; returns its id."""
    with tempfile.TemporaryDirectory(prefix="webpub-deploy-") as tmp:
        known = os.path.join(tmp, "known_hosts")
        Path(known).write_text(target.known_hosts, encoding="utf-8")
        base = shlex.quote(target.root.rstrip("/") or "/")
        listing = _remote(target, f"""base={base}
readlink "$base/current" || echo none
ls -1 "$base/releases" | grep -E '^[0-9]{{8}}T[0-9]{{6}}Z-[0-9a-f]{{8}}$' | sort || true
""", known_hosts_file=known)
        if listing.returncode != 0:
            raise DeployError(t("deploy.ssh_failed", target=target.name, error=_error_text(listing)))
        lines = listing.stdout.decode().split()
        current = lines[0].removeprefix("releases/")
        releases = lines[1:]
        older = [r for r in releases if r < current]
        if current not in releases or not older:
            raise DeployError(t("deploy.no_previous", current=current))
        release = older[-1]
        done = _remote(target, f"""base={base}
[ -d "$base/releases/{release}" ]
ln -s "releases/{release}" "$base/.current-{release}"
mv -T "$base/.current-{release}" "$base/current"
""", known_hosts_file=known)
        if done.returncode != 0:
            raise DeployError(t("deploy.ssh_failed", target=target.name, error=_error_text(done)))
    out(t("deploy.rolled_back", current=current, release=release))
    return release
