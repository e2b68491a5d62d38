"""``webpub build``: the site, in preview (every item, drafts bannered) or publish mode.

Plan, stage, generate, check. Publish mode first runs every content rule and refuses
to build on any error in what it would publish (a draft's, an expired item's or an
unlisted file's findings never block the rest). Then the site plan
(``webpub.site.plan``) is written as a staged docs tree holding only what may be
published (``webpub.site.stage``), MkDocs builds that tree in-process with the plan
handed to the ``webpub`` plugin instance (never through the environment), the
sitemap and the search index are written, and the output checks (WP300-WP305) read
what was generated: whatever the generator, the content and output checks run here.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import sys
from pathlib import Path

from webpub.commands._common import add_today, resolve_today
from webpub.core.engine import run_check
from webpub.core.reporters import REPORTERS
from webpub.core.results import CheckResult, UsageError
from webpub.core.runner import default_jobs
from webpub.repo import Repo
from webpub.messages import t


def add_arguments(parser) -> None:
    parser.add_argument("--mode", choices=("preview", "publish"), default="preview", help=t("build.opt.mode"))
    parser.add_argument("--site-dir", default=None, metavar=t("build.opt.dir_metavar"), help=t("build.opt.site_dir"))
    add_today(parser)
    parser.add_argument("--jobs", type=int, default=None, metavar=t("build.opt.jobs_metavar"),
                        help=t("build.opt.jobs"))


# The "site" extra (pyproject.toml): pre-commit and the check-only jobs install webpub
# without the site generator, so its absence is a usage error, not a crash.
SITE_MODULES = ("mkdocs", "material", "pythainlp", "nlpo3")


def require_site_tools() -> None:
    missing = [name for name in SITE_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise UsageError(t("build.missing_tools", missing=", ".join(missing)))


def run(args) -> int:
    require_site_tools()
    repo = Repo.discover()
    today = resolve_today(args)
    site_dir = Path(args.site_dir).resolve() if args.site_dir else repo.root / "site"
    jobs = args.jobs or default_jobs()
    model = None
    if args.mode == "publish":
        model = _publish_gate(repo, today, jobs)
        if model is None:
            return 1
    if not generate(repo, site_dir, args.mode, today, model):
        return 1
    return _output_ok(repo, site_dir, jobs, args.mode)


def _publish_gate(repo: Repo, today, jobs: int):
    """The site model of a publish build, or None (after printing why) when an error
    in something it would publish refuses the build."""
    from webpub.site.model import build_model

    result = run_check(repo, today=today, jobs=jobs, decide_pages=True)
    model = build_model(repo, today, "publish", decisions=result.decisions)
    blocking = blocking_errors(model, result.errors)
    if not blocking:
        return model
    sys.stdout.write(REPORTERS["text"](CheckResult(blocking, result.files_checked)))
    print(t("build.publish_refused", count=len(blocking)), file=sys.stderr)
    return None


def blocking_errors(model, errors: list) -> list:
    """Errors on anything the publish build puts on the site.

    Drafts, unreadable pages, embargoed, expired and withdrawn items stay out of the
    site (a taken-down item keeps only a notice built from its approved title), and
    so does every file no shown item lists: their findings (an expiry the daily job
    has not applied yet, approvals still missing, a broken name in a draft's
    attachment) do not stop the rest from being published. A page whose
    frontmatter cannot be read cannot be known to be approved, so it is left out.
    """
    on_site = {f"content/{i.src}" for i in model.shown}
    on_site |= {f"content/{src}" for src in model.attachment_srcs(model.shown)}
    return [f for f in errors if not f.path.startswith("content/") or f.path in on_site]


_MKDOCS_PATTERNS = (  # MkDocs 1.6's English warnings -> the catalogue's Thai
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but there is no such anchor"), "mkdocs_anchor"),
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the doc '[^']+' does not contain an anchor"), "mkdocs_anchor"),
    (re.compile(r"Doc file '(?P<page>[^']+)' contains an absolute link '(?P<link>[^']+)'"), "mkdocs_absolute"),
    (re.compile(r"Doc file '(?P<page>[^']+)' contains .*link '(?P<link>[^']+)'"), "mkdocs_missing_link"),
    (re.compile(r"A reference to '(?P<page>[^']+)' is included in the 'nav'"), "mkdocs_nav"),
)


def mkdocs_warning_th(message: str) -> str:
    """One MkDocs warning in Thai (the English text is never shown raw to a person)."""
    for pattern, key in _MKDOCS_PATTERNS:
        found = pattern.search(message)
        if found:
            return t(f"cli.{key}", **found.groupdict())
    return t("cli.mkdocs_other")


class _ThaiWarnings(logging.Handler):
    """Collects MkDocs' warnings during a build so they are shown in Thai, not as raw English."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def report(self) -> None:
        if not self.records:
            return
        print(t("cli.mkdocs_warnings", count=len(self.records)), file=sys.stderr)
        for record in self.records:
            if record.levelno >= logging.ERROR:  # a failed build: its own words name what to fix
                print(f"  {t('cli.mkdocs_error', message=record.getMessage())}", file=sys.stderr)
                continue
            print(f"  {mkdocs_warning_th(record.getMessage())}", file=sys.stderr)
            if os.environ.get("WEBPUB_DEBUG"):
                print(f"    ({record.name}: {record.getMessage()})", file=sys.stderr)


def generate(repo: Repo, site_dir: Path, mode: str, today, model=None) -> bool:
    """Plan, stage and generate: the site of ``mode`` on ``today`` into ``site_dir``.

    The generator (MkDocs, with the ``webpub`` plugin given the plan) reads only the
    staged tree; the forms, the sitemap and the search index are written from the plan here,
    then each page's content security policy and the precompressed copies (``webpub.hosting.postbuild``)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from webpub.hosting.postbuild import finish as finish_for_serving
    from webpub.search import streaming_index
    from webpub.site.generated import sitemap_xml
    from webpub.site.mkdocs_plugin import WebpubPlugin
    from webpub.site.plan import plan_site
    from webpub.site.stage import stage_dir, write_stage

    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.setLevel(logging.WARNING)
    warnings = _ThaiWarnings()
    mkdocs_log.addHandler(warnings)
    propagate, mkdocs_log.propagate = mkdocs_log.propagate, False
    stage = stage_dir(repo.root, mode)
    stage.mkdir(parents=True, exist_ok=True)
    search = None
    try:
        config = load_config(config_file=str(repo.root / "mkdocs.yml"), site_dir=str(site_dir),
                             docs_dir=str(stage))
        plugin = config.plugins.get("webpub")
        if not isinstance(plugin, WebpubPlugin):
            print(t("build.no_plugin"), file=sys.stderr)
            return False
        plan = plan_site(repo, today, mode, _site_url(config.site_url), model)
        write_stage(plan, stage)
        plugin.plan = plan
        plugin.search = search = streaming_index(repo.root)
        build(config)
        _write_forms(site_dir, plan.forms)
        _write_sitemap(site_dir, sitemap_xml(plan.sitemap_urls(), plan.site_url))
        _write_editor(repo, site_dir, mode)
        figures = search.write(site_dir)
        search = None
        finish_for_serving(site_dir)
        logging.getLogger("mkdocs.plugins.webpub").info(t("search.index_figures", figures=figures))
    except (MkDocsException, OSError) as exc:
        print(t("build.failed", error=exc), file=sys.stderr)
        return False
    finally:
        if search is not None:  # stop the segmenting workers of a failed build
            search.close()
        mkdocs_log.removeHandler(warnings)
        mkdocs_log.propagate = propagate
        warnings.report()
    return True


def _write_editor(repo: Repo, site_dir: Path, mode: str) -> None:
    """The officers' form editor at /admin/ (noindex, its pinned JavaScript served from the
    site) only in a publish build and only when schema/editor.yml turns it on (``webpub editor``
    serves it locally). A missing or changed CMS file stops the build (fail closed)."""
    from webpub.editor.vendor import stage_admin

    path = repo.schema_dir / "editor.yml"
    if mode != "publish" or not path.is_file() or not repo.schema("editor.yml").get("publish_admin"):
        return
    stage_admin(repo.root, site_dir / "admin")


def _site_url(url: str | None) -> str:
    url = url or "/"
    return url if url.endswith("/") else url + "/"


def _write_forms(site_dir: Path, forms: dict[str, str]) -> None:
    """Each published item's request form, at ``<item url>form/``."""
    for url, form_html in forms.items():
        target = site_dir / url / "form" / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(form_html, encoding="utf-8")


def _write_sitemap(site_dir: Path, data: bytes) -> None:
    import gzip

    (site_dir / "sitemap.xml").write_bytes(data)
    with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=0) as fh:
        fh.write(data)


def _output_ok(repo: Repo, site_dir: Path, jobs: int, mode: str) -> int:
    from webpub.core.engine import apply_severity
    from webpub.core.results import Finding
    from webpub.site.output_checks import LINK_RULES, check_site

    findings = apply_severity(repo, check_site(site_dir, repo.root, jobs), "ci")
    if mode == "preview":  # a draft may still link to pages being written; publish refuses
        findings = [Finding(f.path, f.line, f.rule, f.message, f.hint, "warning") if f.rule in LINK_RULES else f
                    for f in findings]
    result = CheckResult(findings, sum(1 for _ in site_dir.rglob("*.html")))
    if findings:
        sys.stdout.write(REPORTERS["text"](result))
    if result.errors:
        print(t("build.output_failed", site=site_dir, count=len(result.errors)), file=sys.stderr)
        return 1
    print(t("build.done", site=site_dir))
    return 0
