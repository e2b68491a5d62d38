"""``webpub editor``: the officers' form editor (Decap CMS) generated from ``schema/``.

``webpub editor`` starts it on this computer: Decap's local proxy in git mode against
this repository (each "save for review" becomes a ``cms/…`` branch), the admin page at
``/admin/`` and the preview site, on one local port. ``webpub editor config --check |
--write`` keeps ``editor/admin/config.yml`` equal to what ``schema/`` generates (CI runs
the check, like ``webpub codeowners --check``). ``webpub editor vendor --pin`` records the
sha256 of the CMS files after a version bump in ``editor/package.json``.
"""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

from webpub.messages import t
from webpub.repo import Repo


def add_arguments(parser) -> None:
    parser.add_argument("action", nargs="?", default="start", choices=["start", "config", "vendor"],
                        help=t("editor.opt.action"))
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--check", action="store_true", help=t("editor.opt.check"))
    action.add_argument("--write", action="store_true", help=t("editor.opt.write"))
    action.add_argument("--pin", action="store_true", help=t("editor.opt.pin"))
    parser.add_argument("--port", type=int, default=8010, metavar=t("editor.opt.port_metavar"), help=t("editor.opt.port"))
    parser.add_argument("--no-preview", action="store_true", help=t("editor.opt.no_preview"))

def run(args) -> int:
    repo = Repo.discover()
    if args.action == "config":
        return _config(repo, args)
    if args.action == "vendor":
        from webpub.editor import local, vendor

        local.npm_ci(repo.root)
        if args.pin:
            vendor.pin(repo.root)
        print(vendor.MANIFEST + ": " + ", ".join(f"{k} {v}" for k, v in vendor.versions(repo.root).items()))
        return 0
    return _start(repo, args)


def _config(repo, args) -> int:
    from webpub.editor.config import TARGET, render

    text = render(repo)
    path = repo.root / TARGET
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if args.check:
        if current == text:
            print(t("editor.config_current", target=TARGET))
            return 0
        print(t("editor.config_stale", target=TARGET), file=sys.stderr)
        return 1
    if args.write:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(t("editor.config_written", target=TARGET))
        return 0
    sys.stdout.write(text)
    return 0


def _start(repo, args) -> int:
    from webpub.editor import local, vendor
    from webpub.core.results import UsageError
    from webpub.site.stage import BUILD_DIR

    if not local.clean_tree(repo.root):
        raise UsageError(t("editor.dirty_tree"))
    local.npm_ci(repo.root)
    site_dir = None
    if not args.no_preview:
        from webpub.commands.build import generate, require_site_tools
        from webpub.dates import today_bangkok

        require_site_tools()
        site_dir = repo.root / BUILD_DIR / "preview-site"
        if not generate(repo, site_dir, "preview", today_bangkok()):
            return 1
    proc, api = local.start_proxy(repo.root, repo.root)
    try:
        admin = vendor.stage_admin(repo.root, repo.root / BUILD_DIR / "editor-admin", local_backend=api)
        with local.http_server(admin, site_dir, args.port) as server:
            base = f"http://127.0.0.1:{server.server_address[1]}"
            line = (t("editor.started", admin=f"{base}/admin/", preview=f"{base}/") if site_dir
                    else t("editor.started_no_preview", admin=f"{base}/admin/"))
            print(line, flush=True)
            # Ctrl+C (SIGINT) or SIGTERM only sets a flag: the loop below then stops the page
            # server and the proxy in order, whatever the main thread was doing at that moment.
            stopping = threading.Event()
            previous = {sig: signal.signal(sig, lambda *_: stopping.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            try:
                while not stopping.wait(0.5) and thread.is_alive() and proc.poll() is None:
                    pass
            finally:
                server.shutdown()
                for sig, handler in previous.items():
                    signal.signal(sig, handler)
    finally:
        local.stop(proc)
    return 0
