"""Checking files within a budget: one hostile file can never hang or exhaust `webpub check`.

Every file is checked under a processor-time budget and a cap on the address space
the check may add. Crossing either is a finding (WP061) naming the file and what was
too costly, never a hang, a traceback or a lost run.

Processor time, charged to the file itself: on a loaded machine (CI next to other jobs)
an ordinary page waits for a core, and waiting is not its cost; the inputs the budget is
for (backtracking, exponential parsing, decompression) burn processor time. A job is
charged the processor time of its own thread (in process) or of its worker, children
included, since the job started, never the time of earlier jobs, other threads or
the parent. A backstop ends a job that is stuck without computing (blocked, sleeping):
one whose processor time has not moved for ``STALL_FACTOR`` budgets of wall time. A job
that only waits for a core still moves, however slowly, and is never stopped for it.

* In the process itself (the one-changed-file path pre-commit pays for, so it stays
  fast): a processor-time interval timer (``ITIMER_PROF``, re-armed while only other
  threads used the time) and a wall-clock one for the backstop (re-armed while this
  thread computes) raise
  :class:`OverBudget` inside Python code, and ``RLIMIT_AS`` is lowered for the
  duration, so a runaway allocation is a ``MemoryError`` instead of the machine
  swapping. Only small pages run here: a timer cannot interrupt one long call into C
  (a regular expression, a decoder).
* Everything else runs in forked workers (:func:`run_pool`). A worker carries the
  same soft limits, and the parent also keeps a hard limit per file: a worker past
  the budget in processor time (or stalled past the backstop) is killed, its
  file reported, and a fresh worker takes over the rest. The worker tells the parent
  which job it is on, and since when, through a :class:`Progress` record in shared
  memory that is never read half-written. A worker that dies for any other reason
  (out of memory, a crash in a C library) has its file reported the same way: the
  check fails closed.

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
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from webpub.core.registry import Rule
from webpub.core.results import Finding
from webpub.messages import t

if TYPE_CHECKING:  # imported when a pool starts: the one-file path never needs it
    from multiprocessing.connection import Connection

BUDGET_RULE = "WP061"
RULES = (Rule(BUDGET_RULE, "file-budget", t("runner.rule"), __name__),)
STALL_FACTOR = 6  # a job whose processor time has not moved for this many budgets of wall time is stuck
INPROCESS_PAGE_BYTES = 16 << 10  # larger pages (and every attachment) are checked in a worker
BATCH = 64  # most jobs handed to a worker at once (fewer when there is little work: the last batches decide when the run ends)


@dataclass(frozen=True)
class FileBudget:
    """The cost one file's checks may have (overridable in ``schema/file-rules.yml``)."""

    seconds: float = 8.0     # processor time per file; a worker past it is killed
    memory_mb: int = 1024    # address space the checks of one file may add
    stall_factor: float = STALL_FACTOR  # the backstop, in budgets of wall time without computing

    @property
    def soft_seconds(self) -> float:
        """When Python code is interrupted, early enough to end cleanly before the hard kill."""
        return max(0.1, self.seconds - 1.5, self.seconds * 0.8)

    @property
    def stall_seconds(self) -> float:
        """The backstop: wall time without any processor time that means a job is stuck."""
        return self.seconds * self.stall_factor


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
    return t("runner.over_time", seconds=f"{budget.seconds:g}")


def what_stalled(budget: FileBudget) -> str:
    return t("runner.stalled", seconds=f"{budget.stall_seconds:g}")


def what_memory(budget: FileBudget) -> str:
    return t("runner.over_memory", mb=f"{budget.memory_mb:,}")


def what_crashed() -> str:
    return t("runner.crashed")


def what_nesting() -> str:
    return t("runner.nesting")


def finding(rel: str, what: str) -> Finding:
    """WP061 for a file whose checks cost more than the budget."""
    name = PurePosixPath(rel).name
    hint = t("runner.hint_page") if rel.lower().endswith(".md") else t("runner.hint_file")
    return Finding(rel, 1, BUDGET_RULE, t("runner.refused", name=name, what=what), hint, "error")


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
# While a file is checked here: [this thread's processor time when it began, the soft budget,
# its processor time at the last look of the backstop, the backstop]. Empty otherwise, so
# a timer signal arriving just after the file ended is ignored.
_ARMED: list[float] = []
_STALLED = "stalled"  # what the wall-clock backstop raises (the text is made once the cap is lifted)


def _on_alarm(signum, frame):
    """SIGPROF: the process has used the soft budget in processor time since the file began;
    if part of that was other threads', the timer is armed again for what this thread has
    left. SIGALRM: the backstop's wall time has passed; if this thread computed meanwhile
    (slowly, on a loaded machine) it is not stuck, and the backstop starts again."""
    if not _ARMED:
        return
    now = time.thread_time()
    if signum == signal.SIGPROF:
        left = _ARMED[1] - (now - _ARMED[0])
        if left > 0.005:
            signal.setitimer(signal.ITIMER_PROF, left)
            return
        raise OverBudget("")
    if now - _ARMED[2] > 0.001:
        _ARMED[2] = now
        signal.setitimer(signal.ITIMER_REAL, _ARMED[3])
        return
    raise OverBudget(_STALLED)


def install_alarm() -> None:
    """Install the timer handler (a worker does it once; :func:`bounded` arms it per file)."""
    for sig in (signal.SIGPROF, signal.SIGALRM):
        signal.signal(sig, _on_alarm)


@contextlib.contextmanager
def bounded(budget: FileBudget) -> Iterator[None]:
    """Soft time and memory limits around one file's checks in this process."""
    import resource

    timer = threading.current_thread() is threading.main_thread()
    if timer:
        previous = {sig: signal.getsignal(sig) for sig in (signal.SIGPROF, signal.SIGALRM)}
        for sig, handler in previous.items():
            if handler is not _on_alarm:  # a worker keeps the handler: fewer system calls per file
                signal.signal(sig, _on_alarm)
        began = time.thread_time()
        _ARMED[:] = [began, budget.soft_seconds, began, budget.stall_seconds]
        signal.setitimer(signal.ITIMER_PROF, budget.soft_seconds)
        signal.setitimer(signal.ITIMER_REAL, budget.stall_seconds)
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
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.setitimer(signal.ITIMER_REAL, 0)
            _ARMED.clear()
            for sig, handler in previous.items():
                if handler is not _on_alarm:
                    signal.signal(sig, handler)
        if limits is not None:
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_AS, limits)
    if over is _MEMORY:
        raise OverBudget(what_memory(budget))
    if over is not None:
        raise OverBudget(what_stalled(budget) if over.what == _STALLED else over.what or what_time(budget))


def spent(budget: FileBudget, cpu: float | None, stalled: float, wall: float) -> str | None:
    """Why a job is over ``budget``, or None while it is within it: ``cpu`` processor
    seconds used (None: no way to measure), ``stalled`` seconds since its processor time
    last moved, ``wall`` seconds since it began. The pool's one decision."""
    if cpu is None:  # nothing to measure it with: the wall time is all there is
        return what_time(budget) if wall > budget.seconds else None
    if stalled > budget.stall_seconds:
        return what_stalled(budget)
    return what_time(budget) if cpu > budget.seconds else None


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


class Progress:
    """Which job a worker is on and since when, in shared memory: written by the worker at
    the start of every job without a system call, read by the parent at any moment.

    A read must never mix two writes: the parent once read a record the worker was
    half-way through (the new batch number, the start time still zero) and killed a
    worker on an ordinary file for being "past its budget" since the machine booted.
    So the record is a sequence lock with one writer: the sequence number is written
    before the fields and again after them, one aligned 8-byte store each; the reader
    reads them in the opposite order and retries until both agree.
    """

    FIELDS = 4  # batch number, index of the job in it, start (monotonic ns), processor time then (ns)
    _HEAD, _TAIL = 0, FIELDS + 1
    SIZE = (FIELDS + 2) * 8

    def __init__(self) -> None:
        self._map = mmap.mmap(-1, self.SIZE)  # anonymous, zeroed and shared across fork
        self._cells = memoryview(self._map).cast("q")  # native, aligned: one store per cell
        self._seq = 0

    def write(self, *values: int) -> None:
        """Only the worker writes (one writer: no lock needed)."""
        cells = self._cells
        self._seq += 1
        cells[self._HEAD] = self._seq
        for i, value in enumerate(values, 1):
            cells[i] = value
        cells[self._TAIL] = self._seq

    def read(self, tries: int = 1000) -> tuple[int, ...] | None:
        """The fields of one whole write (zeros before the first), or None if every try
        met a write in progress (the writer was preempted half-way: ask again later)."""
        cells = self._cells
        for _ in range(tries):
            tail = cells[self._TAIL]
            values = tuple(cells[1:self._TAIL])
            if cells[self._HEAD] == tail:
                return values
            time.sleep(0)  # let the writer finish
        return None

    def close(self) -> None:
        self._cells.release()
        self._map.close()


def _job_cpu() -> float:
    """This process's processor time, children it waited for included, in the units
    :func:`cpu_of` reads another process's (clock ticks, from the same kernel counters)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_of(pid: int) -> float | None:
    """A process's processor time as :func:`_job_cpu` counts it there, from /proc; None where there is none."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()
        return sum(int(fields[i]) for i in (11, 12, 13, 14)) / _TICK  # utime stime cutime cstime
    except (OSError, IndexError, ValueError):
        return None


class _Worker:
    def __init__(self, pid: int, conn: Connection, progress: Progress):
        self.pid = pid
        self.conn = conn
        self.progress = progress  # shared with the child
        self.pending: list = []
        self.batch = 0
        self.sent = time.monotonic_ns()
        self._seen: tuple = ()  # (job, processor time, since when) at the last look

    def current(self) -> tuple[int, int | None, float]:
        """(index in the pending batch, monotonic ns the job started or None if the worker
        has not begun this batch, its processor time then)."""
        record = self.progress.read()
        if record is None:  # a write in progress: as good as not begun, for now
            return 0, None, 0.0
        batch, index, started, cpu = record
        if batch != self.batch or started < self.sent or not 0 <= index < len(self.pending):
            return 0, None, 0.0  # the child has not begun this batch yet
        return index, started, cpu / 1e9

    def over(self, budget: FileBudget, now: int) -> tuple[str | None, float]:
        """(why the current job is over its budget, or None; seconds until it could be)."""
        index, started, cpu_then = self.current()
        job = (self.batch, index, started)
        cpu_now = cpu_of(self.pid)
        if not self._seen or self._seen[0] != job or self._seen[1] != cpu_now:
            self._seen = (job, cpu_now, now)  # a new job, or this one computed since the last look
        stalled = (now - self._seen[2]) / 1e9
        wall = (now - (self.sent if started is None else started)) / 1e9
        if started is None:  # not begun: only the backstop applies
            cpu = 0.0
        else:
            cpu = None if cpu_now is None else cpu_now - cpu_then
        why = spent(budget, cpu, stalled, wall)
        # the soonest it could cross a limit: processor time accrues no faster than wall time
        left = min(budget.stall_seconds - stalled, budget.seconds - (wall if cpu is None else cpu))
        return why, left


def _child(conn: Connection, progress: Progress, others: list[Connection], work: Callable,
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
                progress.write(number, index, time.monotonic_ns(), int(_job_cpu() * 1e9))
                results.append(work(job))
            conn.send(results)  # one message per batch: the pipe is not the bottleneck
    except BaseException:  # noqa: BLE001 - the parent sees the EOF and reports the file
        code = 1
    finally:
        os._exit(code)


def run_pool(jobs: list, workers: int, work: Callable, failed: Callable[[object, str], object],
             budget: FileBudget, init: Callable | None = None) -> Iterator:
    """``work(job)`` for every job in forked workers, results as batches complete.

    A job whose worker has spent more than ``budget.seconds`` of processor time on it
    (or ``budget.stall_seconds`` of wall time without computing), or whose worker dies,
    yields ``failed(job, what)`` instead; the worker is replaced and the rest of its
    batch is done again by another.
    """
    from multiprocessing.connection import Pipe, wait

    todo = deque(jobs)
    size = max(1, min(BATCH, len(todo) // (max(1, workers) * 32)))
    parent = os.getpid()
    live: dict[int, _Worker] = {}

    def spawn() -> _Worker:
        ours, theirs = Pipe()
        progress = Progress()
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
        worker.sent = time.monotonic_ns()
        worker.conn.send((worker.batch, worker.pending))

    def retire(worker: _Worker, kill: bool) -> tuple[int, int]:
        """(wait status, index of the job it was on): read once the worker is gone, when
        nothing can be writing its record any more."""
        live.pop(worker.pid, None)
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker.pid, signal.SIGKILL)
        worker.conn.close()
        try:
            _, status = os.waitpid(worker.pid, 0)
        except ChildProcessError:
            status = 0
        index = worker.current()[0]
        worker.progress.close()
        return status, index

    def lost(worker: _Worker, what: str | None):
        """The worker is gone: its current job failed, the rest of its batch goes back."""
        status, index = retire(worker, kill=True)
        index = min(index, len(worker.pending) - 1)
        job = worker.pending[index]
        todo.extendleft(reversed(worker.pending[:index] + worker.pending[index + 1:]))
        worker.pending = []
        if what is None:
            what = what_memory(budget) if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL \
                else what_crashed()
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
            now = time.monotonic_ns()
            # sleep until the first moment a job could be over its budget (or a batch is done)
            timeout = max(0.01, min(w.over(budget, now)[1] for w in busy))
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
            now = time.monotonic_ns()
            for worker, why in [(w, w.over(budget, now)[0]) for w in list(live.values()) if w.pending]:
                if why is not None:
                    yield lost(worker, why)
            for worker in [w for w in live.values() if not w.pending]:
                feed(worker)
    finally:
        for worker in list(live.values()):
            retire(worker, kill=bool(worker.pending))
