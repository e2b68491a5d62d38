"""``webpub build``: the site, in preview (every item, drafts bannered) or publish mode.

Publish mode first runs every content rule and refuses to build on any error in
what it would publish (a draft's, an expired item's or an unlisted file's findings
never block the rest); then MkDocs builds in-process with the hooks told the mode
through ``WEBPUB_MODE``; finally the output checks (WP300-WP305) read what was written.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
from pathlib import Path

from webpub.commands._common import add_today, resolve_today
from webpub.engine import run_check
from webpub.reporters import REPORTERS
from webpub.results import CheckResult, UsageError
from webpub.runner import default_jobs
from webpub.repo import Repo


def add_arguments(parser) -> None:
    parser.add_argument("--mode", choices=("preview", "publish"), default="preview",
                        help="preview: ทุกรายการ ฉบับร่างมีแถบแจ้ง; publish: เฉพาะรายการที่อนุมัติและยังไม่หมดอายุ "
                             "(preview shows every item; publish only approved, current ones)")
    parser.add_argument("--site-dir", default=None, metavar="DIR",
                        help="โฟลเดอร์ผลลัพธ์ (output folder; default: site/)")
    add_today(parser)
    parser.add_argument("--jobs", type=int, default=None,
                        help="จำนวนโปรเซสสำหรับการตรวจ (processes for checks; default: all cores)")


# The "site" extra (pyproject.toml): pre-commit and the check-only jobs install webpub
# without the site generator, so its absence is a usage error, not a crash.
SITE_MODULES = ("mkdocs", "material", "pythainlp", "nlpo3")


def require_site_tools() -> None:
    missing = [name for name in SITE_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise UsageError(
            f"คำสั่ง build ต้องใช้ส่วนสร้างเว็บไซต์ที่ยังไม่ได้ติดตั้ง ({', '.join(missing)}): "
            "ติดตั้งด้วย pip install --require-hashes --no-deps -r requirements/runtime.txt "
            "หรือ pip install 'webpub[site]'"
        )


def run(args) -> int:
    require_site_tools()
    repo = Repo.discover()
    today = resolve_today(args)
    site_dir = Path(args.site_dir).resolve() if args.site_dir else repo.root / "site"
    jobs = args.jobs or default_jobs()
    if args.mode == "publish" and not _content_ok(repo, today, jobs):
        return 1
    if not _mkdocs_build(repo, site_dir, args.mode, today):
        return 1
    return _output_ok(repo, site_dir, jobs, args.mode)


def _content_ok(repo: Repo, today, jobs: int) -> bool:
    result = run_check(repo, today=today, jobs=jobs, decide_pages=True)
    blocking = blocking_errors(repo, today, result.errors, result.decisions)
    if not blocking:
        return True
    sys.stdout.write(REPORTERS["text"](CheckResult(blocking, result.files_checked)))
    print(f"webpub build: ไม่สร้างเว็บไซต์โหมดเผยแพร่ เพราะพบข้อผิดพลาด {len(blocking)} รายการ"
          " — แก้ไขตามรายการข้างบนแล้วรันอีกครั้ง", file=sys.stderr)
    return False


def blocking_errors(repo: Repo, today, errors: list, decisions: dict | None = None) -> list:
    """Errors on anything the publish build puts on the site.

    Drafts, unreadable pages, embargoed, expired and withdrawn items stay out of the
    site (a taken-down item keeps only a notice built from its approved title), and
    so does every file no shown item lists: their findings (an expiry the daily job
    has not applied yet, approvals still missing, a broken name in a draft's
    attachment) do not stop the rest from being published. A page whose
    frontmatter cannot be read cannot be known to be approved, so it is left out.
    """
    from webpub.site.model import build_model, hand_off

    model = build_model(repo, today, "publish", decisions=decisions)
    hand_off(model)  # the hooks build from the same decisions a moment later
    on_site = {f"content/{i.src}" for i in model.shown}
    on_site |= {f"content/{src}" for src in model.attachment_srcs(model.shown)}
    return [f for f in errors if not f.path.startswith("content/") or f.path in on_site]


def _mkdocs_build(repo: Repo, site_dir: Path, mode: str, today) -> bool:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    saved = {k: os.environ.get(k) for k in ("WEBPUB_MODE", "WEBPUB_TODAY")}
    os.environ["WEBPUB_MODE"], os.environ["WEBPUB_TODAY"] = mode, today.isoformat()
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        config = load_config(config_file=str(repo.root / "mkdocs.yml"), site_dir=str(site_dir))
        build(config)
    except (MkDocsException, OSError) as exc:
        print(f"webpub build: สร้างเว็บไซต์ไม่สำเร็จ: {exc}", file=sys.stderr)
        return False
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return True


def _output_ok(repo: Repo, site_dir: Path, jobs: int, mode: str) -> int:
    from webpub.engine import apply_severity
    from webpub.results import Finding
    from webpub.site.output_checks import LINK_RULES, check_site

    findings = apply_severity(repo, check_site(site_dir, repo.root, jobs), "ci")
    if mode == "preview":  # a draft may still link to pages being written; publish refuses
        findings = [Finding(f.path, f.line, f.rule, f.message, f.hint, "warning") if f.rule in LINK_RULES else f
                    for f in findings]
    result = CheckResult(findings, sum(1 for _ in site_dir.rglob("*.html")))
    if findings:
        sys.stdout.write(REPORTERS["text"](result))
    if result.errors:
        print(f"webpub build: ผลลัพธ์ใน {site_dir} ไม่ผ่านการตรวจ {len(result.errors)} รายการ", file=sys.stderr)
        return 1
    print(f"webpub build: สร้างเว็บไซต์เสร็จแล้วที่ {site_dir}")
    return 0
