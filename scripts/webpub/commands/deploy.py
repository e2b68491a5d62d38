"""``webpub deploy``: the built site onto the agency's own server (``webpub.hosting.deploy``).

Target, port, account, folder, releases kept and the pinned host key come from
``schema/hosting.yml`` (options override them, for a second server or a test); the
private key from ``--key`` or the ``WEBPUB_DEPLOY_KEY`` secret, the known_hosts line
from the configuration or the ``WEBPUB_DEPLOY_KNOWN_HOSTS`` secret.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from webpub.messages import t
from webpub.core.results import UsageError
from webpub.repo import Repo


def add_arguments(parser) -> None:
    parser.add_argument("--site-dir", default=None, metavar="DIR",
                        help="เว็บไซต์ที่สร้างแล้ว (the built site; default: site/)")
    parser.add_argument("--rollback", action="store_true",
                        help="ย้อนกลับไปรุ่นก่อนหน้ารุ่นที่เผยแพร่อยู่ (switch back to the release before the live one)")
    parser.add_argument("--host", help="เครื่องแม่ข่าย (default: deploy.host)")
    parser.add_argument("--port", type=int, help="พอร์ต SSH (default: deploy.port)")
    parser.add_argument("--user", help="บัญชีผู้ใช้สำหรับนำขึ้น (default: deploy.user)")
    parser.add_argument("--root", help="โฟลเดอร์บนเครื่องแม่ข่าย (default: server.root)")
    parser.add_argument("--keep", type=int, help="จำนวนรุ่นที่เก็บไว้ (default: deploy.keep)")
    parser.add_argument("--key", metavar="FILE", help="กุญแจส่วนตัว SSH (default: WEBPUB_DEPLOY_KEY)")
    parser.add_argument("--known-hosts", metavar="FILE",
                        help="ไฟล์ known_hosts ที่ตรึงกุญแจเครื่องแม่ข่าย (default: deploy.host_key)")


def run(args) -> int:
    from webpub.hosting.config import load
    from webpub.hosting.deploy import DeployError, Target, deploy, known_hosts_line, rollback

    repo = Repo.discover()
    settings = load(repo.root).deploy
    host = args.host or settings.host
    port = args.port or settings.port
    if args.known_hosts:
        known = Path(args.known_hosts).read_text(encoding="utf-8")
    elif os.environ.get("WEBPUB_DEPLOY_KNOWN_HOSTS", "").strip():
        known = os.environ["WEBPUB_DEPLOY_KNOWN_HOSTS"].strip() + "\n"
    else:
        known = known_hosts_line(host, port, settings.host_key)
    with tempfile.TemporaryDirectory(prefix="webpub-key-") as tmp:
        key_file = args.key
        if not key_file:
            secret = os.environ.get("WEBPUB_DEPLOY_KEY", "")
            if not secret.strip():
                raise UsageError(t("deploy.no_key"))
            key_file = os.path.join(tmp, "key")
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(secret.strip() + "\n")
        target = Target(host=host, port=port, user=args.user or settings.user,
                        root=args.root or settings.root, keep=args.keep or settings.keep,
                        known_hosts=known, key_file=key_file)
        try:
            if args.rollback:
                rollback(target)
            else:
                site_dir = Path(args.site_dir).resolve() if args.site_dir else repo.root / "site"
                deploy(site_dir, target)
        except DeployError as exc:
            print(str(exc), file=sys.stderr)
            return 1
    return 0
