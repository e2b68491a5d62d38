"""``webpub serve``: the local preview (what plain ``mkdocs serve`` was), built the webpub way.

Builds the preview site (every item, drafts bannered) through the same plan and
staged tree as ``webpub build --mode preview`` and serves it on localhost. The root
``mkdocs.yml`` cannot build on its own (its plugin refuses without a plan), so this
is the one way to look at a site while writing. Rebuild by running it again.
"""

from __future__ import annotations

import functools
import http.server
import sys
from pathlib import Path

from webpub.commands._common import add_today, resolve_today
from webpub.messages import t
from webpub.repo import Repo


def add_arguments(parser) -> None:
    parser.add_argument("--port", type=int, default=8000, metavar=t("build.opt.port_metavar"),
                        help=t("build.opt.serve_port"))
    parser.add_argument("--site-dir", default=None, metavar=t("build.opt.dir_metavar"),
                        help=t("build.opt.serve_site_dir"))
    add_today(parser)


def run(args) -> int:
    from webpub.commands.build import generate, require_site_tools
    from webpub.site.stage import BUILD_DIR

    require_site_tools()
    repo = Repo.discover()
    site_dir = Path(args.site_dir).resolve() if args.site_dir else repo.root / BUILD_DIR / "preview-site"
    if not generate(repo, site_dir, "preview", resolve_today(args)):
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        print(t("build.serving", port=server.server_address[1]), flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("", file=sys.stderr)
    return 0
