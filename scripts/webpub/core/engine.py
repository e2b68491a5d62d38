"""Running the rules over content: collect targets, reuse the cache, fan out, report.

Pages are parsed and rendered once; every rule rides on that. Work is spread over
the machine's cores with fork-started worker processes when there is enough of it.
A cached result is keyed by the file's SHA-256, the rules' fingerprint (schema,
mkdocs.yml, the engine's code, the stage and today's date) and the size/mtime of
every other file the checks looked at (attachments, link targets). A file that cannot
be loaded, or a rule that breaks on it, is one WP000 finding (internal error) on that
file; the other files and rules go on.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import json
import os
import time
import traceback
from pathlib import Path

from webpub import __version__, names

from webpub.core import runner
from webpub.checks import frontmatter_syntax, symlinks
from webpub.content import attachments
from webpub.content.page import Asset, load_page
from webpub.content.walk import walk
from webpub.context import Context, dependency_stat
from webpub.core.registry import INTERNAL_ERROR, Rule, file_rules
from webpub.core.results import CheckResult, Finding
from webpub.messages import t
from webpub.repo import Repo

RULES = (Rule(INTERNAL_ERROR, "internal-error", t("core.internal_error_description"), __name__),)

CACHE_DIR = ".webpub-cache"
CACHE_FILE = "check-v2.sqlite"
WARM_ASSET_BYTES = 64 << 10


# -- targets -------------------------------------------------------------
def collect_targets(repo: Repo, paths: list[str] | None) -> list[str]:
    """Repository-relative files under content/ named by ``paths`` (default: all).

    Symbolic links are listed as themselves (never followed) so WP026 reports them.
    """
    roots = [str(p) for p in paths] if paths else [str(repo.content_dir)]
    root = os.path.realpath(repo.root)
    found: set[str] = set()
    for item in roots:
        item = os.path.join(os.getcwd(), item)
        if os.path.isdir(item) and not os.path.islink(item):
            for folder, dirs, files in walk(item):
                prefix = os.path.relpath(os.path.realpath(folder), root).replace(os.sep, "/")
                found.update(f"{prefix}/{d}" for d in dirs if os.path.islink(os.path.join(folder, d)))
                found.update(f"{prefix}/{name}" for name in files)
        elif os.path.lexists(item):
            parent, name = os.path.split(os.path.normpath(item))
            rel = os.path.relpath(os.path.join(os.path.realpath(parent), name), root).replace(os.sep, "/")
            found.add(rel)
            if paths and is_page(rel):
                found.update(item_files(repo, rel))
    return sorted(p for p in found if p.startswith("content/"))


def item_files(repo: Repo, page_rel: str) -> set[str]:
    """The files page ``page_rel`` lists in ``attachments`` that exist under content/:
    an item is its page and its files, so naming the page names them too."""
    abspath = repo.root / page_rel
    try:
        if os.path.islink(abspath) or abspath.stat().st_size > repo.file_rules.get("page_max_bytes", 1 << 20):
            return set()
        page = load_page(page_rel, abspath, abspath.read_bytes(), repo.file_rules.get("frontmatter_max_bytes", 65536))
    except (OSError, ValueError):
        return set()
    entries = page.get("attachments") if page.ok else None
    out = set()
    for _index, file in attachments.entries({"attachments": entries}):
        if "\0" in file:
            continue
        rel = attachments.resolve(page_rel, file)
        if rel.startswith("content/") and os.path.lexists(repo.root / rel) and not os.path.isdir(repo.root / rel):
            out.add(rel)
    return out


def is_page(rel: str) -> bool:
    return rel.lower().endswith(".md")


# -- one file ------------------------------------------------------------
def _internal(path: str, where: str, exc: BaseException) -> Finding:
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return Finding(
        path=path, line=1, rule=INTERNAL_ERROR,
        message=t("core.internal_error", where=where, detail=detail),
        hint=t("core.internal_error_hint", maintainer=t("roles.maintainer")),
    )


def check_file(ctx: Context, rel: str) -> tuple[list[Finding], dict]:
    """Findings for one file and the other files they depended on (and, when
    ``ctx.decide_pages``, the page's publish decision in ``ctx.last_decision``)."""
    ctx.last_decision = None
    ctx.index.deps = {}
    abspath = ctx.repo.root / rel
    findings: list[Finding] = []
    try:
        linked = symlinks.check_path(rel, abspath)
        if linked:
            return linked, {}
        if is_page(rel):
            raw = abspath.read_bytes()
            oversized = frontmatter_syntax.check_size(rel, raw, ctx.repo.file_rules.get("page_max_bytes", 1 << 20))
            if oversized:
                return oversized, {}
            target = load_page(rel, abspath, raw, ctx.repo.file_rules.get("frontmatter_max_bytes", 65536))
            method = "check"
        else:
            target = Asset(rel, abspath, abspath.stat().st_size)
            method = "check_asset"
    except (MemoryError, RecursionError):
        raise  # the runner reports what was too costly
    except Exception as exc:  # unreadable file: report, keep going
        return [_internal(rel, "load", exc)], {}
    for rule, fn in _rule_functions(method):
        try:
            findings.extend(fn(target, ctx))
        except (MemoryError, RecursionError):
            raise  # the runner reports what was too costly
        except Exception as exc:  # one broken rule must not hide the others
            findings.append(_internal(rel, rule.id, exc))
    if ctx.decide_pages and method == "check":
        from webpub.publish import decide

        try:  # the approval rules just verified this page's trail: deciding now is nearly free
            ctx.last_decision = decide(target, ctx)
        except Exception:  # noqa: BLE001 - the build decides again and reports properly
            ctx.last_decision = None
    return findings, dict(ctx.index.deps)


@functools.lru_cache(maxsize=2)
def _rule_functions(method: str) -> tuple:
    """(rule, its check or check_asset function) for the rules that have one."""
    attr = "page_check" if method == "check" else "asset_check"
    return tuple((rule, getattr(rule, attr)) for rule in file_rules() if getattr(rule, attr) is not None)


# -- cache ---------------------------------------------------------------
def code_fingerprint() -> str:
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent.parent  # the whole webpub package, not only core/
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(ctx: Context) -> str:
    from webpub.approvals import trust

    parts = [code_fingerprint(), ctx.repo.schema_fingerprint(), ctx.stage, ctx.today.isoformat(),
             trust.identity(ctx.repo)]  # WP200 judges records against the trusted keys
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class Cache:
    """Per-file results in SQLite: a one-file run reads and writes one row, not the
    whole repository's results (the pre-commit path stays fast at 10,000 pages)."""

    BULK = 200  # from this many targets on, read every row at once

    def __init__(self, repo: Repo, key: str, enabled: bool):
        self.path = repo.root / CACHE_DIR / CACHE_FILE
        self.key = key
        self.enabled = enabled
        self.entries: dict = {}
        self.dirty: set[str] = set()
        self.db = self._open() if enabled else None
        self.enabled = self.db is not None

    def _open(self):
        import sqlite3

        try:
            self.path.parent.mkdir(exist_ok=True)
            db = sqlite3.connect(self.path, timeout=5)
            db.execute("CREATE TABLE IF NOT EXISTS entries (rel TEXT PRIMARY KEY, key TEXT, data TEXT)")
            return db
        except (OSError, sqlite3.Error):
            return None  # a read-only or odd checkout still gets its findings

    def preload(self, targets: list[str]) -> None:
        if not self.enabled or len(targets) < self.BULK:
            return
        import sqlite3

        try:
            rows = self.db.execute("SELECT rel, data FROM entries WHERE key = ?", (self.key,)).fetchall()
        except sqlite3.Error:
            return
        self.entries = {rel: json.loads(data) for rel, data in rows}
        self._all_loaded = True

    def _entry(self, rel: str):
        if rel in self.entries or getattr(self, "_all_loaded", False) or not self.enabled:
            return self.entries.get(rel)
        import sqlite3

        try:
            row = self.db.execute("SELECT data FROM entries WHERE rel = ? AND key = ?", (rel, self.key)).fetchone()
        except sqlite3.Error:
            row = None
        self.entries[rel] = json.loads(row[0]) if row else None
        return self.entries[rel]

    def has_entry(self, rel: str) -> bool:
        return self._entry(rel) is not None

    def lookup(self, repo: Repo, rel: str, sha: str) -> list[Finding] | None:
        entry = self._entry(rel)
        if not entry or entry["sha"] != sha:
            return None
        for dep, stat in entry["deps"].items():
            now = dependency_stat(repo.root / dep)
            if (list(now) if now else None) != stat:
                return None
        return [Finding(**f) for f in entry["findings"]]

    def known_sha(self, rel: str, stat: os.stat_result) -> str | None:
        """The stored hash if size and mtime are unchanged, as git does.

        A file modified within the same instant the entry was stored ("racily
        clean") is hashed again, since its mtime cannot prove it unchanged.
        """
        entry = self._entry(rel)
        if not (entry and entry.get("stat")):
            return None
        size, mtime = entry["stat"]
        if size == stat.st_size and mtime == stat.st_mtime_ns and mtime < entry.get("stored", 0):
            return entry["sha"]
        return None

    def store(self, rel: str, sha: str, findings: list[Finding], deps: dict,
              stat: os.stat_result | None = None):
        if not self.enabled:
            return
        self.entries[rel] = {
            "stat": [stat.st_size, stat.st_mtime_ns] if stat else None,
            "stored": time.time_ns() - 1_000_000_000,
            "sha": sha,
            "deps": {k: list(v) if v else None for k, v in deps.items()},
            "findings": [f.__dict__ for f in findings],
        }
        self.dirty.add(rel)

    def save(self):
        if not self.enabled:
            return
        if not self.dirty:
            self.db.close()
            return
        import sqlite3

        rows = [(rel, self.key, json.dumps(self.entries[rel], ensure_ascii=False)) for rel in sorted(self.dirty)]
        try:
            with self.db:
                self.db.execute("DELETE FROM entries WHERE key != ?", (self.key,))
                self.db.executemany("INSERT OR REPLACE INTO entries (rel, key, data) VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            pass  # the findings are still reported; only the reuse is lost
        finally:
            self.db.close()


def _lstat(path: str | Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None


def file_sha(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return "unreadable"


# -- fan-out -------------------------------------------------------------
_WORKER_CTX: Context | None = None


def _check_one(ctx: Context, rel: str, sha: str | None, hashed: bool):
    """Check one file within its budget; hash it here when the parent did not need
    to (cold cache) and the result will be stored (``hashed``)."""
    if sha is None and hashed:
        sha = file_sha(ctx.repo.root / rel)
    try:
        with runner.bounded(runner.budget_of(ctx.repo)):
            findings, deps = check_file(ctx, rel)
    except runner.OverBudget as exc:
        ctx.last_decision = None
        return rel, sha, [runner.finding(rel, exc.what)], {}, None
    except RecursionError:
        ctx.last_decision = None
        return rel, sha, [runner.finding(rel, runner.what_nesting())], {}, None
    return rel, sha, findings, deps, ctx.last_decision


def _worker_run(job: tuple[str, str | None, bool]):
    assert _WORKER_CTX is not None
    return _check_one(_WORKER_CTX, *job)


def _worker_failed(job: tuple[str, str | None, bool], what: str):
    """The result for a file whose worker was killed or died: fail closed, never cached."""
    return job[0], job[1], [runner.finding(job[0], what)], {}, None


def _worker_init() -> None:
    # The inherited modules, rules and schema are permanent: keep the collector
    # off them, and collect less often (rendering makes many short-lived objects).
    runner.install_alarm()  # installed once, armed per file
    gc.freeze()
    gc.set_threshold(20000, 20, 50)


def _in_process(ctx: Context, job: tuple[str, str | None, bool]) -> bool:
    """Small pages are checked here (fast, and Python code obeys the timer); every
    attachment and larger page goes to a worker that can be killed."""
    rel = job[0]
    if not is_page(rel):
        return False
    stat = _lstat(ctx.repo.root / rel)
    return stat is None or stat.st_size <= runner.INPROCESS_PAGE_BYTES


def _small_asset(ctx: Context, jobs_in: list[tuple[str, str | None, bool]]):
    """The smallest attachment job if it is tiny (it warms the inspectors before the fork)."""
    best, best_size = None, WARM_ASSET_BYTES + 1
    for job in jobs_in:
        if not is_page(job[0]):
            stat = _lstat(ctx.repo.root / job[0])
            if stat is not None and stat.st_size < best_size:
                best, best_size = job, stat.st_size
    return best


def _run_all(ctx: Context, jobs_in: list[tuple[str, str | None, bool]], jobs: int):
    global _WORKER_CTX
    budget = runner.budget_of(ctx.repo)
    if any(is_page(j[0]) for j in jobs_in):  # start-up costs are not the first page's budget
        _rule_functions("check")
        ctx.renderer  # noqa: B018
    if runner.workers_for(len(jobs_in), jobs) == 1:
        rest = []
        for job in jobs_in:
            if _in_process(ctx, job):
                yield _check_one(ctx, *job)
            else:
                rest.append(job)
        workers = max(1, min(jobs, 2))
    else:
        # Check a small page here first: the forked workers then inherit the
        # imported rules, the compiled schema validator and the Markdown renderer
        # instead of each building them again. The attachment checked here is the
        # smallest one, and only if it is tiny: no input that small is costly.
        warm = [j for j in (next((j for j in jobs_in if _in_process(ctx, j)), None), _small_asset(ctx, jobs_in))
                if j is not None]
        for job in warm:
            yield _check_one(ctx, *job)
        rest = [j for j in jobs_in if not any(j is w for w in warm)]
        workers = jobs
    if not rest:
        return
    _WORKER_CTX = ctx
    try:
        yield from runner.run_pool(rest, workers, _worker_run, _worker_failed, budget, _worker_init)
    finally:
        _WORKER_CTX = None


def run_check(
    repo: Repo,
    paths: list[str] | None = None,
    today: dt.date | None = None,
    stage: str = "ci",
    jobs: int | None = None,
    use_cache: bool = True,
    decide_pages: bool = False,
) -> CheckResult:
    from webpub.dates import today_bangkok

    ctx = Context(repo=repo, today=today or today_bangkok(), stage=stage, decide_pages=decide_pages)
    targets = collect_targets(repo, paths)
    unnamable = [rel for rel in targets if not names.printable_path(rel)]  # not UTF-8: WP027, nothing else
    targets = [rel for rel in targets if names.printable_path(rel)]
    cache = Cache(repo, fingerprint(ctx), use_cache)
    cache.preload(targets)
    result = CheckResult(files_checked=len(targets) + len(unnamable))
    misses: list[tuple[str, str | None, bool]] = []
    raw_findings: list[Finding] = [names.unnamable_finding(rel) for rel in unnamable]
    stats: dict[str, os.stat_result | None] = {}
    root = str(repo.root)
    for rel in targets:
        stat = stats[rel] = _lstat(os.path.join(root, rel))
        if not cache.has_entry(rel):
            misses.append((rel, None, cache.enabled))  # nothing to compare with: the worker hashes it
            continue
        sha = (stat and cache.known_sha(rel, stat)) or file_sha(repo.root / rel)
        cached = cache.lookup(repo, rel, sha)
        if cached is None:
            misses.append((rel, sha, True))
        else:
            raw_findings.extend(cached)
    for rel, sha, findings, deps, decision in _run_all(ctx, misses, jobs or runner.default_jobs()):
        if not any(f.rule == runner.BUDGET_RULE for f in findings):  # a busy machine may pass next time
            cache.store(rel, sha, findings, deps, stats.get(rel))
        raw_findings.extend(findings)
        if decision is not None:
            result.decisions[rel] = decision
    cache.save()
    result.findings = apply_severity(repo, raw_findings, stage)
    return result


def apply_severity(repo: Repo, findings: list[Finding], stage: str) -> list[Finding]:
    out = []
    for f in findings:
        severity = repo.severity(f.rule, stage) if f.rule != INTERNAL_ERROR else "error"
        if severity == "off":
            continue
        out.append(Finding(f.path, f.line, f.rule, f.message, f.hint, severity))
    return sorted(set(out))
