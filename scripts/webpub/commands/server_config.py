"""``webpub server-config``: the nginx and Apache files and the log rotation for the
agency's server, from ``schema/hosting.yml`` (``webpub.hosting.serverconf``)."""

from __future__ import annotations

from pathlib import Path

from webpub.messages import t
from webpub.repo import Repo


def add_arguments(parser) -> None:
    parser.add_argument("--out", default="server", metavar=t("deploy.metavar.dir"), help=t("deploy.opt.out"))
    parser.add_argument("--listen", metavar=t("deploy.metavar.listen"), help=t("deploy.opt.listen"))
    parser.add_argument("--root", metavar=t("deploy.metavar.dir"), help=t("deploy.opt.server_root"))
    parser.add_argument("--log-dir", metavar=t("deploy.metavar.dir"), help=t("deploy.opt.log_dir"))

def run(args) -> int:
    from webpub.hosting.config import load
    from webpub.hosting.serverconf import apache, logrotate, nginx

    repo = Repo.discover()
    settings = load(repo.root).server
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    options = {"listen": args.listen, "root": args.root, "log_dir": args.log_dir}
    written = {
        "nginx-webpub.conf": nginx(settings, **options),
        "apache-webpub.conf": apache(settings, **options),
        "logrotate-webpub": logrotate(settings),
    }
    for name, text in written.items():
        (out / name).write_text(text, encoding="utf-8")
    print(t("deploy.server_config_written", files=", ".join(written), out=out))
    return 0
