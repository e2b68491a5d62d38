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
    m = lambda key: t(f"deploy.metavar.{key}")  # noqa: E731
    parser.add_argument("--site-dir", default=None, metavar=m("dir"), help=t("deploy.opt.site_dir"))
    parser.add_argument("--rollback", action="store_true", help=t("deploy.opt.rollback"))
    parser.add_argument("--host", metavar=m("host"), help=t("deploy.opt.host"))
    parser.add_argument("--port", type=int, metavar=m("port"), help=t("deploy.opt.port"))
    parser.add_argument("--user", metavar=m("user"), help=t("deploy.opt.user"))
    parser.add_argument("--root", metavar=m("dir"), help=t("deploy.opt.root"))
    parser.add_argument("--keep", type=int, metavar=m("count"), help=t("deploy.opt.keep"))
    parser.add_argument("--key", metavar=m("file"), help=t("deploy.opt.key"))
    parser.add_argument("--known-hosts", metavar=m("file"), help=t("deploy.opt.known_hosts"))

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
