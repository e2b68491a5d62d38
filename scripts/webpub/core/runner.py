"""Checking files within a budget: one hostile file can never hang or exhaust `webpub check`.

Every file is checked under a wall-time budget and a cap on the address space the
check may add. Crossing either is a finding (WP061) naming the file and what was
too costly, never a hang, a traceback or a lost run:

* In the process itself (the one-changed-file path pre-commit pays for, so it stays
  fast): an interval timer raises :class:`OverBudget` inside Python code and
  ``RLIMIT_AS`` is lowered for the duration, so a runaway allocation is a
  ``MemoryError`` instead of the machine swapping. Only small pages run here: a
  timer cannot interrupt one long call into C (a regular expression, a decoder).
* Everything else runs in forked workers (:func:`run_pool`). A worker carries the
  same soft limits, and the parent also keeps a hard deadline per file: a worker
  still busy past it is killed, its file reported, and a fresh worker takes over the
  rest. A worker that dies for any other reason (out of memory, a crash in a C
  library) has its file reported the same way: the check fails closed.

Workers die with their parent: ``PR_SET_PDEATHSIG`` on Linux, and end-of-file on
their job pipe everywhere, so killing ``webpub check`` leaves nothing running.

This is the one parallel runner of the engine. One policy decides when to fan out
(:func:`workers_for`: at least ``PARALLEL_THRESHOLD`` page checks' worth of work by
``JOB_COST``, more than one job slot, and no other thread in the process, where a
forked child could inherit a held lock)
and one job count (``--jobs``, else the cores this process may use: :func:`default_jobs`).
Two ways to run, by what the work reads:

* :func:`run_pool`, budgeted and killable, for work on files a contributor wrote
  (``webpub check``, ``webpub verify``): one hostile file must not hang the run;
* :func:`map_in_order`, a plain pool, for work on what the build itself made or has
  already checked (the site model's publish decisions, the output checks), results
  in job order.

The search indexer keeps its own pool (``webpub.search.indexer``): it runs inside the
MkDocs process, keeps one pool alive across the build's pages and writes each worker's
part to a file; see its docstring.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import signal
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from webpub.core.registry import Rule
from webpub.core.results import Finding

if TYPE_CHECKING:  # imported when a pool starts: the one-file path never needs it
    from multiprocessing.connection import Connection

BUDGET_RULE = "WP061"
RULES = (Rule(BUDGET_RULE, "file-budget",
              "การตรวจไฟล์หนึ่งต้องเสร็จภายในเวลาและหน่วยความจำที่กำหนด (each file checked within a time and "
              "memory budget)", __name__),)
INPROCESS_PAGE_BYTES = 16 << 10  # larger pages (and every attachment) are checked in a worker
BATCH = 64  # most jobs handed to a worker at once (fewer when there is little work: the last batches decide when the run ends)


@dataclass(frozen=True)
class FileBudget:
    """The cost one file's checks may have (overridable in ``schema/file-rules.yml``)."""

    seconds: float = 8.0     # hard wall time per file; a worker past it is killed
    memory_mb: int = 1024    # address space the checks of one file may add

    @property
    def soft_seconds(self) -> float:
        """When Python code is interrupted, early enough to end cleanly before the hard kill."""
        return max(0.1, self.seconds - 1.5, self.seconds * 0.8)


def budget_of(repo) -> FileBudget:
    rules = getattr(repo, "file_rules", None) or {}
    try:
        return FileBudget(float(rules.get("check_seconds", FileBudget.seconds)),
                          int(rules.get("check_memory_mb", FileBudget.memory_mb)))
    except (TypeError, ValueError):
        return FileBudget()


class OverBudget(BaseException):
    """The file's budget ran out. A BaseException, so a rule's ``except Exception``
    (kept so one broken rule does not hide the others) cannot swallow it."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


def what_time(budget: FileBudget) -> str:
    return f"ใช้เวลาตรวจเกิน {budget.seconds:g} วินาที"


def what_memory(budget: FileBudget) -> str:
    return f"ใช้หน่วยความจำระหว่างตรวจเกิน {budget.memory_mb:,} MB"


WHAT_NESTING = "โครงสร้างซ้อนกันลึกเกินกว่าจะตรวจได้"


def finding(rel: str, what: str) -> Finding:
    """WP061 for a file whose checks cost more than the budget."""
    name = PurePosixPath(rel).name
    if rel.lower().endswith(".md"):
        hint = ("เนื้อหาซับซ้อนผิดปกติ เช่น รายการหรือข้อความอ้างอิงซ้อนกันหลายชั้น เครื่องหมาย [ หรือ < จำนวนมาก "
                "หัวข้อติดกันจำนวนมาก ให้ลดความซับซ้อนหรือแบ่งเนื้อหาเป็นหลายหน้า แล้วตรวจอีกครั้ง")
    else:
        hint = ("ไฟล์ซับซ้อนผิดปกติ ให้บันทึกไฟล์ใหม่จากโปรแกรมต้นฉบับ (เช่น Save as PDF) "
                "หรือแบ่งเป็นหลายไฟล์ที่มีขนาดปกติ แล้วตรวจอีกครั้ง")
    return Finding(rel, 1, BUDGET_RULE,
                   f"{name}: ตรวจไฟล์นี้ไม่สำเร็จภายในขอบเขตที่กำหนด ({what}) จึงไม่รับไฟล์นี้", hint, "error")


# -- when to fan out, and how wide ---------------------------------------------------
PARALLEL_THRESHOLD = 64  # below this much work (in page checks), starting processes costs more than it saves
# What one job of each kind costs, in page checks: a site-model decision is mostly a
# signature check of an already-parsed page, an output check one scan of a built file.
JOB_COST = {"check": 1.0, "verify": 1.0, "decide": 1 / 16, "site-output": 1 / 6}


def default_jobs() -> int:
    """Job slots when ``--jobs`` is not given: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return os.cpu_count() or 1


def workers_for(count: int, jobs: int | None = None, kind: str = "check") -> int:
    """The one fan-out policy: worker processes for ``count`` jobs of ``kind`` (1: run them here)."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs < 2 or count * JOB_COST[kind] < PARALLEL_THRESHOLD or threading.active_count() > 1:
        return 1
    return jobs


def map_in_order(work: Callable, items: list, workers: int, *, start: str = "fork",
                 init: Callable | None = None, initargs: tuple = ()) -> list:
    """``[work(item) for item in items]``, spread over ``workers`` processes when that is
    more than one. ``start="forkserver"`` when this process is large (after a build):
    forked copies of it would multiply the memory in use."""
    if workers <= 1:
        if init is not None:
            init(*initargs)
        return [work(item) for item in items]
    import multiprocessing

    context = multiprocessing.get_context(start)
    with context.Pool(workers, initializer=init, initargs=initargs) as pool:
        return pool.map(work, items, chunksize=max(1, len(items) // (workers * 8)))


# -- limits inside one process ---------------------------------------------------
def _address_space() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


_MEMORY = object()


def _on_alarm(signum, frame):
    raise OverBudget("")


@contextlib.contextmanager
def bounded(budget: FileBudget) -> Iterator[None]:
    """Soft time and memory limits around one file's checks in this process."""
    import resource

    timer = threading.current_thread() is threading.main_thread()
    if timer:
        previous = signal.getsignal(signal.SIGALRM)
        if previous is not _on_alarm:  # a worker keeps the handler: one system call less per file
            signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, budget.soft_seconds)
    limits = None
    base = _address_space()
    if base:
        with contextlib.suppress(ValueError, OSError):
            limits = resource.getrlimit(resource.RLIMIT_AS)
            cap = base + (budget.memory_mb << 20)
            if limits[1] != resource.RLIM_INFINITY:
                cap = min(cap, limits[1])
            resource.setrlimit(resource.RLIMIT_AS, (cap, limits[1]))
    over = None  # nothing may be allocated while the cap still holds: only flags are set
    try:
        yield
    except OverBudget as exc:
        over = exc
    except MemoryError:
        over = _MEMORY
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            if previous is not _on_alarm:
                signal.signal(signal.SIGALRM, previous)
        if limits is not None:
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_AS, limits)
    if over is _MEMORY:
        raise OverBudget(what_memory(budget))
    if over is not None:
        raise OverBudget(over.what or what_time(budget))


# -- workers -------------------------------------------------------------------------
def die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies (Linux); end now if it already has."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux: the pipe's EOF still ends us
        pass
    if os.getppid() != parent:
        os._exit(0)


_PROGRESS = struct.Struct("<qqd")  # batch number, index of the job in it, when that job started


class _Worker:
    def __init__(self, pid: int, conn: Connection, progress: mmap.mmap):
        self.pid = pid
        self.conn = conn
        self.progress = progress  # shared with the child: written per job without a system call
        self.pending: list = []
        self.batch = 0
        self.sent = time.monotonic()

    def current(self) -> tuple[int, float]:
        """(index in the pending batch, start time) of the job the worker is on."""
        batch, index, started = _PROGRESS.unpack_from(self.progress, 0)
        if batch != self.batch:  # the child has not begun this batch yet
            return 0, self.sent
        return index, started


def _child(conn: Connection, progress: mmap.mmap, others: list[Connection], work: Callable,
           parent: int, init: Callable | None) -> None:
    code = 0
    try:
        die_with_parent(parent)
        for other in others:
            other.close()
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        if init is not None:
            init()
        while True:
            try:
                number, batch = conn.recv()
            except (EOFError, OSError):
                break
            results = []
            for index, job in enumerate(batch):
                _PROGRESS.pack_into(progress, 0, number, index, time.monotonic())
                results.append(work(job))
            conn.send(results)  # one message per batch: the pipe is not the bottleneck
    except BaseException:  # noqa: BLE001 - the parent sees the EOF and reports the file
        code = 1
    finally:
        os._exit(code)


def run_pool(jobs: list, workers: int, work: Callable, failed: Callable[[object, str], object],
             budget: FileBudget, init: Callable | None = None) -> Iterator:
    """``work(job)`` for every job in forked workers, results as batches complete.

    A job whose worker is still on it ``budget.seconds`` after it started, or whose
    worker dies, yields ``failed(job, what)`` instead; the worker is replaced and the
    rest of its batch is done again by another.
    """
    from multiprocessing.connection import Pipe, wait

    todo = deque(jobs)
    size = max(1, min(BATCH, len(todo) // (max(1, workers) * 32)))
    parent = os.getpid()
    live: dict[int, _Worker] = {}

    def spawn() -> _Worker:
        ours, theirs = Pipe()
        progress = mmap.mmap(-1, _PROGRESS.size)  # anonymous and shared across fork
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            ours.close()
            _child(theirs, progress, [w.conn for w in live.values()], work, parent, init)
        theirs.close()
        worker = _Worker(pid, ours, progress)
        live[pid] = worker
        return worker

    def feed(worker: _Worker) -> None:
        if worker.pending or not todo:
            return
        worker.pending = [todo.popleft() for _ in range(min(size, len(todo)))]
        worker.batch += 1
        worker.sent = time.monotonic()
        worker.conn.send((worker.batch, worker.pending))

    def retire(worker: _Worker, kill: bool):
        live.pop(worker.pid, None)
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker.pid, signal.SIGKILL)
        worker.conn.close()
        try:
            _, status = os.waitpid(worker.pid, 0)
        except ChildProcessError:
            status = 0
        worker.progress.close()
        return status

    def lost(worker: _Worker, what: str | None):
        """The worker is gone: its current job failed, the rest of its batch goes back."""
        index, _ = worker.current()
        status = retire(worker, kill=True)
        index = min(index, len(worker.pending) - 1)
        job = worker.pending[index]
        todo.extendleft(reversed(worker.pending[:index] + worker.pending[index + 1:]))
        worker.pending = []
        if what is None:
            what = what_memory(budget) if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL \
                else "กระบวนการตรวจหยุดทำงานกะทันหัน"
        if todo:
            feed(spawn())
        return failed(job, what)

    try:
        for _ in range(max(1, min(workers, len(todo)))):
            feed(spawn())
        while live:
            busy = [w for w in live.values() if w.pending]
            if not busy:
                break
            now = time.monotonic()
            timeout = max(0.0, min(w.current()[1] for w in busy) + budget.seconds - now)
            for conn in wait([w.conn for w in busy], timeout):
                worker = next(w for w in busy if w.conn is conn)
                try:
                    results = conn.recv()
                except (EOFError, OSError):
                    yield lost(worker, None)
                    continue
                worker.pending = []
                feed(worker)
                yield from results
            now = time.monotonic()
            for worker in [w for w in live.values() if w.pending and now - w.current()[1] > budget.seconds]:
                yield lost(worker, what_time(budget))
            for worker in [w for w in live.values() if not w.pending]:
                feed(worker)
    finally:
        for worker in list(live.values()):
            retire(worker, kill=bool(worker.pending))
