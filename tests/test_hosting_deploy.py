"""The agency's own server, for real: OpenSSH's sshd and nginx on localhost (Debian
packages), the sample site deployed with ``webpub deploy``, served through the nginx file
``webpub server-config`` writes, and looked at with HTTP and with Chromium.

One build of the sample, one pair of servers and a first deploy serve every test of the
module (each test needs only that something is live, so xdist may split them).
"""

from __future__ import annotations

import dataclasses
import gzip
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import brotli
import pytest
from conftest import copy_project, git
from hostkit import AUTHORIZED_OPTIONS, free_port, keygen, start_nginx, start_sshd

from webpub.hosting import csp
from webpub.hosting.config import load
from webpub.hosting.serverconf import apache, logrotate, nginx

TODAY = "2026-11-26"
THAI_DIR = "ข่าวประชาสัมพันธ์"
PAGES = {
    "home": "",
    "listing": "news/",
    "item with attachments": "about/action-plan/",
    "OIA centre": "oia/",
    "search results": "search/?q=%E0%B9%81%E0%B8%9C%E0%B8%99",
    "compliance": "compliance/",
    "open data": "opendata/",
    "sitemap": "sitemap/",
    "request form": "about/action-plan/form/",
    "not found": "no-such-page/",
}

def _webpub(repo: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "webpub", *args], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, "WEBPUB_DEBUG": ""}, **kw)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    base = tmp_path_factory.mktemp("hosting")
    repo = copy_project(base / "repo", with_content=True)
    git(repo, "init", "-q", "-b", "main")
    site = repo / "site"
    done = _webpub(repo, "build", "--mode", "publish", "--today", TODAY, "--site-dir", str(site))
    assert done.returncode == 0, done.stdout + done.stderr
    # A Thai folder name, a Markdown file and a dotfile: served, refused, refused.
    (site / THAI_DIR).mkdir()
    shutil.copy(site / "about" / "index.html", site / THAI_DIR / "index.html")
    (site / "about" / "notes.md").write_text("# not for visitors\n")
    (site / ".env").write_text("SECRET=1\n")
    sshd = start_sshd(base / "sshd")
    root = base / "srv"
    root.mkdir()
    settings = load(repo)
    port = free_port()
    web = start_nginx(base / "nginx", nginx(settings.server, listen=f"127.0.0.1:{port}", root=str(root),
                                            log_dir=str(base / "nginx" / "logs")), port)
    deploy_args = ("deploy", "--host", "127.0.0.1", "--port", str(sshd.port), "--user", sshd.user,
                   "--root", str(root), "--key", str(sshd.client_key))
    (base / "known_hosts").write_text(f"[127.0.0.1]:{sshd.port} {sshd.host_key}\n")
    yield {"repo": repo, "site": site, "root": root, "web": web, "sshd": sshd, "base": base,
           "args": (*deploy_args, "--known-hosts", str(base / "known_hosts")), "settings": settings}
    web.stop()
    sshd.stop()


@pytest.fixture(scope="module")
def deployed(world):
    """The sample deployed once (the first release); returns the deploy's output."""
    done = _webpub(world["repo"], *world["args"], "--site-dir", str(world["site"]))
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def fetch(url: str, encoding: str | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def live(world) -> str:
    return os.readlink(world["root"] / "current")


def releases(world) -> list[str]:
    return sorted(p.name for p in (world["root"] / "releases").iterdir())


def test_deploy_serves_the_site_through_nginx_with_every_header(world, deployed):
    assert "SHA-256" in deployed
    assert live(world).startswith("releases/") and live(world).removeprefix("releases/") in releases(world)
    web = world["web"].url
    server = world["settings"].server

    status, headers, body = fetch(web)
    assert status == 200 and b"<html" in body
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["strict-transport-security"] == f"max-age={server.hsts_max_age}; includeSubDomains"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["permissions-policy"] and "geolocation=()" in headers["permissions-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["content-security-policy"] == csp.header_policy(html=True)
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["cache-control"] == "public, max-age=300, must-revalidate"
    # The page's own policy: every inline script hashed, nothing unsafe.
    meta = re.search(rb'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', body).group(1).decode()
    assert "'unsafe-inline'" not in meta and "'sha256-" in meta
    assert body.index(b"Content-Security-Policy") < body.index(b"<script")

    # Precompressed copies, chosen by Accept-Encoding.
    status, headers, packed = fetch(web + "about/", "br, gzip")
    assert status == 200 and headers["content-encoding"] == "br" and headers["vary"] == "Accept-Encoding"
    plain = fetch(web + "about/")[2]
    assert brotli.decompress(packed) == plain
    status, headers, packed = fetch(web + "about/", "gzip")
    assert headers["content-encoding"] == "gzip" and gzip.decompress(packed) == plain
    assert headers["content-type"] == "text/html; charset=utf-8"
    status, headers, _ = fetch(web + "about/", "identity")
    assert "content-encoding" not in headers

    # Cache rules: the theme's hashed bundle for a year, the fonts a month, the feed short.
    bundle = re.search(rb'src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"', plain).group(1).decode()
    status, headers, _ = fetch(web + bundle.lstrip("./").replace("../", ""), "br")
    assert status == 200 and headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["content-encoding"] == "br" and headers["content-type"].startswith("text/javascript")
    assert headers["content-security-policy"] == csp.header_policy(html=False)
    font = next(p for p in (world["site"] / "assets" / "fonts" / "sarabun").glob("*.woff2"))
    status, headers, _ = fetch(web + f"assets/fonts/sarabun/{font.name}")
    assert status == 200 and headers["cache-control"] == "public, max-age=2592000"
    status, headers, _ = fetch(web + "feed-news.xml")
    assert status == 200 and headers["cache-control"] == "public, max-age=300, must-revalidate"

    # A Thai path, percent-encoded UTF-8; the site's 404 with the headers; nothing outside the site.
    status, _, body = fetch(web + quote(THAI_DIR) + "/")
    assert status == 200 and b"<html" in body
    status, headers, body = fetch(web + "no-such-page/")
    assert status == 404 and "ไม่พบหน้าที่ต้องการ".encode() in body
    assert headers["x-content-type-options"] == "nosniff" and "frame-ancestors" in headers["content-security-policy"]
    for hidden in ("about/notes.md", ".env", ".webpub-manifest.sha256", "about/", "assets/"):
        status, _, body = fetch(web + hidden)
        if hidden.endswith("/") and hidden != "assets/":
            assert status == 200
        else:
            assert status == 404, hidden
            assert b"SECRET" not in body and b"not for visitors" not in body
    # The access log: ISO 8601 time and the request duration.
    log = (world["web"].prefix / "logs" / "access.log").read_text()
    assert re.search(r'\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+\d\d:\d\d\] "GET / HTTP/1.1" 200 \d+ ', log)


def test_second_release_then_rollback_shows_the_first_again(world, deployed):
    first = live(world)
    first_home = fetch(world["web"].url)[2]
    second = world["base"] / "site-2"
    shutil.copytree(world["site"], second)
    home = second / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace("</body>", "<p>รุ่นที่สอง</p></body>"), encoding="utf-8")
    (second / "index.html.br").unlink()
    (second / "index.html.gz").unlink()
    time.sleep(1.1)  # release ids are named by the second
    done = _webpub(world["repo"], *world["args"], "--site-dir", str(second))
    assert done.returncode == 0, done.stderr
    assert live(world) != first and live(world).removeprefix("releases/") == releases(world)[-1]
    assert "รุ่นที่สอง".encode() in fetch(world["web"].url)[2]

    done = _webpub(world["repo"], *world["args"], "--rollback")
    assert done.returncode == 0, done.stderr
    assert live(world) == first
    assert fetch(world["web"].url)[2] == first_home
    # Back to the oldest release kept: one more rollback is refused, the site unchanged.
    for _ in releases(world):
        oldest = live(world)
        done = _webpub(world["repo"], *world["args"], "--rollback")
        if done.returncode != 0:
            break
    assert done.returncode == 1 and "ไม่มีรุ่นก่อนหน้า" in done.stderr
    assert live(world) == oldest == f"releases/{releases(world)[0]}"


def test_only_the_newest_releases_are_kept(world, deployed):
    for _ in range(2):
        time.sleep(1.1)
        done = _webpub(world["repo"], *world["args"], "--keep", "2", "--site-dir", str(world["site"]))
        assert done.returncode == 0, done.stderr
    names = releases(world)
    assert len(names) == 2 and live(world) == f"releases/{names[-1]}"


def test_a_deploy_killed_half_way_leaves_the_live_site_unchanged(world, deployed):
    before, home = live(world), fetch(world["web"].url)[2]
    big = world["base"] / "site-big"
    shutil.copytree(world["site"], big)
    with open(big / "about" / "large.bin", "wb") as fh:  # enough to be cut off mid-copy
        for _ in range(64):
            fh.write(os.urandom(1 << 20))
    time.sleep(1.1)
    process = subprocess.Popen([sys.executable, "-m", "webpub", *world["args"], "--site-dir", str(big)],
                               cwd=world["repo"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    partial = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        partial = next((p for p in (world["root"] / "releases").glob(".partial-*")), None)
        if partial is not None and sum(f.stat().st_size for f in partial.rglob("*") if f.is_file()) > 1 << 20:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the deploy finished before it could be cut off"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert live(world) == before
    assert fetch(world["web"].url)[2] == home
    # The next deploy clears the leftover and goes live.
    time.sleep(1.1)
    done = _webpub(world["repo"], *world["args"], "--site-dir", str(world["site"]))
    assert done.returncode == 0, done.stderr
    assert not list((world["root"] / "releases").glob(".partial-*"))
    assert live(world) != before


def test_a_server_with_another_host_key_is_refused(world, deployed):
    before = live(world)
    other = keygen(world["base"] / "impostor")
    wrong = world["base"] / "wrong_known_hosts"
    wrong.write_text(f"[127.0.0.1]:{world['sshd'].port} {other}\n")
    args = [a if a != str(world["base"] / "known_hosts") else str(wrong) for a in world["args"]]
    done = _webpub(world["repo"], *args, "--site-dir", str(world["site"]))
    assert done.returncode == 1
    assert "เว็บไซต์ที่ผู้เข้าชมเห็นยังเป็นรุ่นเดิม" in done.stderr
    assert live(world) == before
    assert AUTHORIZED_OPTIONS == "restrict"  # the options docs/hosting.md prescribes held for every deploy


def test_every_page_type_loads_through_nginx_with_no_csp_violation(world, deployed, browser):
    web = world["web"].url
    for name, path in PAGES.items():
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.add_init_script("window.__violations = [];document.addEventListener('securitypolicyviolation',"
                             " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")
        try:
            response = page.goto(web + path)
            page.wait_for_load_state("networkidle")
            assert response.status == (404 if name == "not found" else 200), name
            assert response.headers["content-security-policy"] == csp.header_policy(html=True)
            assert page.evaluate("window.__violations") == [], name
            errors = [e for e in errors if not (name == "not found" and "404" in e)]
            assert errors == [], name
            if name == "search results":
                page.wait_for_selector("[data-webpub-search-results] li a", timeout=10_000)
        finally:
            page.close()


def test_nginx_and_apache_accept_the_generated_files(world, tmp_path):
    settings = world["settings"].server
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-subj", "/CN=localhost", "-days", "1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    (tmp_path / "srv" / "current").mkdir(parents=True)
    (tmp_path / "logs").mkdir()
    real = dataclasses.replace(settings, tls_certificate=str(cert), tls_certificate_key=str(key),
                               root=str(tmp_path / "srv"), log_dir=str(tmp_path / "logs"))
    from hostkit import nginx_main_conf
    (tmp_path / "webpub.conf").write_text(nginx(real))
    (tmp_path / "nginx.conf").write_text(nginx_main_conf(tmp_path, tmp_path / "webpub.conf"))
    done = subprocess.run(["/usr/sbin/nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "successful" in done.stderr, done.stderr

    confdir = tmp_path / "apache"
    for sub in ("run", "lock", "log"):
        (confdir / sub).mkdir(parents=True)
    (confdir / "envvars").write_text("".join(f"export APACHE_{k}={confdir / v}\n" for k, v in (
        ("PID_FILE", "run/apache2.pid"), ("RUN_DIR", "run"), ("LOCK_DIR", "lock"), ("LOG_DIR", "log"))))
    modules = "".join(f"LoadModule {m}_module /usr/lib/apache2/modules/mod_{m}.so\n" for m in (
        "mpm_event", "authz_core", "mime", "dir", "alias", "headers", "rewrite", "ssl"))
    (confdir / "webpub.conf").write_text(apache(real))
    (confdir / "apache2.conf").write_text(
        f"DefaultRuntimeDir {confdir / 'run'}\nPidFile {confdir / 'run/apache2.pid'}\nServerName localhost\n"
        f"ErrorLog {confdir / 'log/error.log'}\n{modules}Include {confdir / 'webpub.conf'}\n")
    done = subprocess.run(["apache2ctl", "-t"], capture_output=True, text=True,
                          env={**os.environ, "APACHE_CONFDIR": str(confdir)})
    assert done.returncode == 0 and "Syntax OK" in done.stderr, done.stderr
    rotate = logrotate(settings)
    assert f"rotate {settings.log_days}" in rotate and settings.log_days >= 90


SAME_HEADERS = ("content-type", "vary", "cache-control", "content-security-policy",
                "strict-transport-security", "x-content-type-options", "referrer-policy", "permissions-policy",
                "x-frame-options")


def _decoded(headers: dict, body: bytes) -> bytes:
    encoding = headers.get("content-encoding")
    return brotli.decompress(body) if encoding == "br" else gzip.decompress(body) if encoding == "gzip" else body


def test_apache_serves_the_release_exactly_as_nginx_does(world, deployed, tmp_path_factory):
    """The Apache file `webpub server-config` writes, run by a real Apache on the release nginx
    serves: same status, same headers that matter, same bytes, for every kind of request."""
    from hostkit import free_port, start_apache
    from webpub.hosting.serverconf import apache as apache_conf

    # Apache's workers run as www-data when the tests run as root: give them a world-readable copy.
    public = Path(tempfile.mkdtemp(prefix="webpub-apache-"))
    try:
        shutil.copytree(world["root"] / live(world), public / "srv" / "release", symlinks=True)
        os.symlink("release", public / "srv" / "current")
        (public / "logs").mkdir()
        for folder in (public, *(p for p in public.rglob("*") if p.is_dir() and not p.is_symlink())):
            folder.chmod(0o755)
        for item in public.rglob("*"):
            if item.is_file() and not item.is_symlink():
                item.chmod(0o644)
        port = free_port()
        server = start_apache(public / "apache", apache_conf(world["settings"].server, listen=f"127.0.0.1:{port}",
                                                             root=str(public / "srv"), log_dir=str(public / "logs")),
                              port)
        try:
            bundle = re.search(rb'src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"',
                               fetch(world["web"].url + "about/")[2]).group(1).decode().lstrip("./").replace("../", "")
            font = next((world["site"] / "assets" / "fonts" / "sarabun").glob("*.woff2")).name
            paths = [*PAGES.values(), "about/", bundle, f"assets/fonts/sarabun/{font}", "feed-news.xml",
                     quote(THAI_DIR) + "/", "about/notes.md", ".env", ".webpub-manifest.sha256", "assets/"]
            compared = 0
            for path in paths:
                for accept in (None, "br, gzip", "gzip", "identity"):
                    want = fetch(world["web"].url + path, accept)
                    got = fetch(f"http://127.0.0.1:{port}/" + path, accept)
                    where = f"{path} ({accept})"
                    assert got[0] == want[0], where
                    assert {h: got[1].get(h) for h in SAME_HEADERS} == {h: want[1].get(h) for h in SAME_HEADERS}, where
                    assert _decoded(*got[1:]) == _decoded(*want[1:]), where
                    # Apache also compresses the error page; otherwise the same precompressed copy
                    encoding = got[1].get("content-encoding")
                    assert encoding in {None, *(accept or "").replace(",", " ").split()} - {"identity"}, where
                    if got[0] == 200:
                        assert encoding == want[1].get("content-encoding"), where
                    compared += 1
            assert compared == 4 * len(paths)
            log = (public / "logs" / "access.log").read_text()
            # the same fields as nginx's log; Apache writes the offset as +0700 and the duration in µs
            assert re.search(r'\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}\] "GET / HTTP/1.1" 200 \d+ .* \d+ www\.', log)
        finally:
            server.stop()
    finally:
        shutil.rmtree(public, ignore_errors=True)
