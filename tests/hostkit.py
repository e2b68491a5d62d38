"""Real servers on localhost for the hosting tests and the benchmark: OpenSSH's sshd,
nginx and Apache, each on a free port, with their own keys, configuration and folders in a temporary
directory, run as the current user (Debian packages: scripts/install-system-deps.sh)."""

from __future__ import annotations

import getpass
import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

SSHD = "/usr/sbin/sshd"
NGINX = "/usr/sbin/nginx"
APACHE = "/usr/sbin/apache2"
APACHE_MODULES = "/usr/lib/apache2/modules"
# What docs/hosting.md tells the administrator to put before the deploy key.
AUTHORIZED_OPTIONS = "restrict"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on {port}")


def keygen(path: Path) -> str:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", str(path)], check=True)
    return path.with_suffix(".pub").read_text().strip()


@dataclass
class Sshd:
    port: int
    user: str
    host_key: str  # "ssh-ed25519 AAAA..."
    client_key: Path
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start_sshd(folder: Path) -> Sshd:
    folder.mkdir(parents=True, exist_ok=True)
    host_pub = keygen(folder / "host_ed25519")
    client_pub = keygen(folder / "client_ed25519")
    (folder / "authorized_keys").write_text(f"{AUTHORIZED_OPTIONS} {client_pub}\n")
    os.chmod(folder / "authorized_keys", 0o600)
    port = free_port()
    (folder / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {folder / 'host_ed25519'}\n"
        f"PidFile {folder / 'sshd.pid'}\nAuthorizedKeysFile {folder / 'authorized_keys'}\n"
        "StrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "PubkeyAuthentication yes\nPermitRootLogin prohibit-password\nAllowTcpForwarding no\n"
        "X11Forwarding no\nPrintMotd no\nLogLevel ERROR\n")
    if os.geteuid() == 0:
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # sshd's privilege-separation folder
    process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(folder / "sshd_config")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for_port(port, process, "sshd")
    return Sshd(port, getpass.getuser(), host_pub, folder / "client_ed25519", process)


@dataclass
class Nginx:
    port: int
    prefix: Path
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def nginx_main_conf(prefix: Path, site_conf: Path) -> str:
    """A whole nginx.conf around the generated site file, like Debian's /etc/nginx/nginx.conf."""
    temp = "".join(f"    {name}_temp_path {prefix / ('tmp-' + name)};\n"
                   for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (f"{user}daemon off;\nworker_processes 1;\npid {prefix / 'nginx.pid'};\nerror_log stderr warn;\n"
            "events { worker_connections 64; }\n"
            f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
            f"    sendfile on;\n{temp}    include {site_conf};\n}}\n")


def start_nginx(prefix: Path, site_conf_text: str, port: int) -> Nginx:
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "logs").mkdir(exist_ok=True)
    site_conf = prefix / "webpub.conf"
    site_conf.write_text(site_conf_text)
    conf = prefix / "nginx.conf"
    conf.write_text(nginx_main_conf(prefix, site_conf))
    check = subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(conf)], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(check.stderr)
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(conf)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for_port(port, process, "nginx")
    return Nginx(port, prefix, process)



@dataclass
class Apache(Nginx):
    pass


def apache_main_conf(prefix: Path, site_conf: Path) -> str:
    """A whole apache2.conf around the generated site file, with the modules the file's
    header names (docs/hosting.md: a2enmod headers rewrite ssl) and Debian's MIME types."""
    modules = "".join(f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so\n" for m in (
        "mpm_event", "authz_core", "mime", "dir", "alias", "headers", "rewrite"))
    # As root Apache refuses to serve; Debian's own set-up hands the workers to www-data.
    user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
    return (f"ServerRoot {prefix}\nDefaultRuntimeDir {prefix / 'run'}\nPidFile {prefix / 'run' / 'apache2.pid'}\n"
            f"{user}ServerName localhost\nErrorLog {prefix / 'logs' / 'error.log'}\n{modules}"
            "TypesConfig /etc/mime.types\nStartServers 1\nServerLimit 1\nThreadsPerChild 8\nMaxRequestWorkers 8\n"
            f"Include {site_conf}\n")


def start_apache(prefix: Path, site_conf_text: str, port: int) -> Apache:
    """Apache in the foreground. Its workers may run as www-data, so ``prefix`` and the
    document root it serves must be readable by everyone (the caller's concern)."""
    for sub in ("run", "logs"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    site_conf = prefix / "webpub.conf"
    site_conf.write_text(site_conf_text)
    conf = prefix / "apache2.conf"
    conf.write_text(apache_main_conf(prefix, site_conf))
    check = subprocess.run([APACHE, "-t", "-f", str(conf)], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(check.stderr)
    process = subprocess.Popen([APACHE, "-f", str(conf), "-DFOREGROUND"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for_port(port, process, "apache")
    return Apache(port, prefix, process)
