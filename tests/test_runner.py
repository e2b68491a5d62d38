"""The runner's per-file budget (WP061): time, memory, dead workers, and workers that
die with their parent. Real processes, real signals, real `webpub check`."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import write
from pagekit import check, of_rule, write_page
from webpub.core import runner

SLOW_BODY = "".join(f"## หัวข้อ {i}\n\nข้อความ *เน้น* [ลิงก์](#หัวข้อ-{i})\n\n" for i in range(6_000))


def _budget(repo: Path, seconds: float | None = None, memory_mb: int | None = None) -> None:
    path = repo / "schema" / "file-rules.yml"
    text = path.read_text(encoding="utf-8")
    if seconds is not None:
        text += f"check_seconds: {seconds}\n"
    if memory_mb is not None:
        text += f"check_memory_mb: {memory_mb}\n"
    path.write_text(text, encoding="utf-8")


def test_a_file_over_the_time_budget_is_a_finding_and_the_others_are_checked(tmp_repo, capsys):
    _budget(tmp_repo, seconds=1)
    write_page(tmp_repo, "content/about/slow.md", SLOW_BODY)
    write_page(tmp_repo, "content/about/fine.md", "## ความเป็นมา\n\nข้อความ\n")
    code, findings = check(capsys)
    assert code == 1
    hits = of_rule(findings, "WP061")
    assert [h["path"] for h in hits] == ["content/about/slow.md"]
    assert "slow.md" in hits[0]["message"] and "1 วินาที" in hits[0]["message"] and hits[0]["hint"]
    assert not of_rule(findings, "WP000")
    assert not [f for f in findings if f["path"] == "content/about/fine.md" and f["severity"] == "error"]


def test_a_budget_finding_is_not_cached(tmp_repo, capsys):
    from conftest import run_cli

    _budget(tmp_repo, seconds=1)
    write_page(tmp_repo, "content/about/slow.md", SLOW_BODY)
    for _ in range(2):
        code, out, _err = run_cli(capsys, "check", "--format", "json")
        assert code == 1 and "WP061" in out  # checked again (and refused again), never served from cache


def test_an_allocation_over_the_memory_budget_is_a_finding():
    """RLIMIT_AS turns a runaway allocation into MemoryError, reported as WP061; the
    cap is lifted again afterwards."""
    import resource

    import pytest

    before = resource.getrlimit(resource.RLIMIT_AS)
    with pytest.raises(runner.OverBudget) as caught:
        with runner.bounded(runner.FileBudget(memory_mb=64)):
            bytearray(1 << 30)
    assert "64 MB" in caught.value.what and "หน่วยความจำ" in caught.value.what
    assert "หน่วยความจำ" in runner.finding("content/about/big.md", caught.value.what).message
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    bytearray(1 << 28)  # and memory is usable again


def _allocate(job):
    with runner.bounded(runner.FileBudget(memory_mb=64)):
        try:
            bytearray(1 << 30)
        except MemoryError:
            raise
    return ("ok", job, os.getpid())


def test_a_worker_over_the_memory_budget_reports_the_file():
    from webpub.core import engine

    def work(job):
        try:
            return _allocate(job)
        except runner.OverBudget as exc:
            return engine._worker_failed((job, None, False), exc.what)

    results = list(runner.run_pool(["big.pdf", "other.pdf"], 1, work, _failed, runner.FileBudget()))
    assert len(results) == 2
    assert all(r[2][0].rule == "WP061" and "หน่วยความจำ" in r[2][0].message for r in results)


# -- the pool itself ----------------------------------------------------------------
def _work(job):
    if job == "stuck":  # catastrophic backtracking: one call into C that no timer interrupts
        re.match(r"(a+)+$", "a" * 40 + "b")
    if job == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    return ("ok", job, os.getpid())


def _failed(job, what):
    return ("failed", job, what)


def test_pool_kills_a_stuck_worker_reports_the_job_and_carries_on():
    jobs = ["a", "stuck", "b", "c", "crash", "d", "e"]
    results = list(runner.run_pool(jobs, 2, _work, _failed, runner.FileBudget(seconds=1)))
    done = {r[1]: r for r in results}
    assert sorted(done) == sorted(jobs)  # every job answered exactly once
    assert len(results) == len(jobs)
    assert done["stuck"][0] == "failed" and "1 วินาที" in done["stuck"][2]
    assert done["crash"][0] == "failed"
    assert all(done[j][0] == "ok" for j in "abcde")


def test_pool_leaves_no_worker_behind():
    results = list(runner.run_pool(list(range(20)), 2, _work, _failed, runner.FileBudget()))
    pids = {r[2] for r in results}
    for pid in pids:
        assert not Path(f"/proc/{pid}").exists() or _is_zombie_free(pid)


def _is_zombie_free(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z" and False
    except OSError:
        return True


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry))
    return found


def test_killing_webpub_check_kills_its_workers(tmp_repo):
    """SIGKILL a real `webpub check` while its workers are busy: none may survive it."""
    for i in range(70):
        write_page(tmp_repo, f"content/about/page-{i:02d}.md", SLOW_BODY[:150_000])
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent / "scripts"))
    proc = subprocess.Popen([sys.executable, "-m", "webpub", "check", "--no-cache", "--jobs", "2"],
                            cwd=tmp_repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        workers: set[int] = set()
        for _ in range(600):  # up to a minute for start-up on a busy machine
            workers = _children(proc.pid)
            if len(workers) >= 2:
                break
            assert proc.poll() is None, "webpub check ended before its workers started"
            time.sleep(0.1)
        assert len(workers) >= 2
        proc.kill()
        proc.wait()
        for _ in range(100):
            alive = {pid for pid in workers if Path(f"/proc/{pid}").exists()}
            if not alive:
                break
            time.sleep(0.1)
        assert not alive, f"workers outlived their parent: {alive}"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# -- the progress record ---------------------------------------------------------
def test_the_progress_record_is_never_read_half_written():
    """A worker writes its record in a tight loop while the parent reads it: every read is
    one whole write. (A plain struct record read this way came back torn: the new batch
    number with a start time of zero, which looked like a job running since boot.)"""
    progress = runner.Progress()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the writer
        try:
            n = 0
            while True:
                n += 1
                progress.write(n, n % 7, n * 3, -n)
        finally:
            os._exit(0)
    try:
        whole = 0
        for _ in range(200_000):
            record = progress.read()
            if record is None:  # the writer was preempted half-way every time: no answer, never a wrong one
                continue
            batch, index, started, cpu = record
            assert (index, started, cpu) == (batch % 7, batch * 3, -batch), record
            whole += batch > 0
        assert whole
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        progress.close()


# -- processor time, not waiting -------------------------------------------------------
def test_in_process_a_busy_sibling_thread_is_not_this_files_time():
    """The in-process budget counts this thread's processor time: another thread of the
    process computing (a host such as a server, here a hash that runs without the GIL)
    does not use up the file's budget."""
    import hashlib
    import threading

    stop = threading.Event()
    spent = [0.0]

    def burn():
        data = b"x" * (8 << 20)
        while not stop.is_set():
            hashlib.sha256(data).digest()
            spent[0] = time.thread_time()

    sibling = threading.Thread(target=burn, daemon=True)
    sibling.start()
    try:
        with runner.bounded(runner.FileBudget(seconds=0.3, stall_factor=200)):
            while spent[0] < 1.0:  # the process uses three budgets' worth on the other thread
                time.sleep(0.01)
    finally:
        stop.set()
        sibling.join()


def test_in_process_computing_past_the_budget_is_stopped():
    import pytest

    with pytest.raises(runner.OverBudget) as caught:
        with runner.bounded(runner.FileBudget(seconds=0.3)):
            while True:
                pass
    assert "0.3 วินาที" in caught.value.what


def test_in_process_a_file_stuck_without_computing_meets_the_backstop():
    import pytest

    with pytest.raises(runner.OverBudget) as caught:
        with runner.bounded(runner.FileBudget(seconds=0.1, stall_factor=5)):
            time.sleep(60)
    assert "0.5 วินาที" in caught.value.what


def _sleep(job):
    if job == "blocked":
        time.sleep(600)  # waiting on something that never comes: no processor time at all
    return ("ok", job, os.getpid())


def test_pool_stops_a_worker_stuck_without_computing():
    jobs = ["a", "blocked", "b"]
    results = list(runner.run_pool(jobs, 2, _sleep, _failed, runner.FileBudget(seconds=0.2, stall_factor=5)))
    done = {r[1]: r for r in results}
    assert sorted(done) == sorted(jobs) and len(results) == len(jobs)
    assert done["blocked"][0] == "failed" and "1 วินาที" in done["blocked"][2]
    assert done["a"][0] == done["b"][0] == "ok"


def test_a_loaded_machine_does_not_refuse_the_sample_content(sample_repo):
    """`webpub check` of the sample content shares one core with four busy processes, so
    every file waits for the core several times longer than it computes; the budget is
    half a second, less than some files then take in wall time (a wall-clock budget
    refused them here). Each file's own processor time is far below it: nothing ordinary
    is refused, and a page that really is costly still is."""
    _budget(sample_repo, seconds=0.5)
    write_page(sample_repo, "content/about/slow.md", SLOW_BODY)
    cpu = min(os.sched_getaffinity(0))
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent / "scripts"))
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(4)]
    try:
        for burner in burners:
            os.sched_setaffinity(burner.pid, {cpu})
        proc = subprocess.Popen([sys.executable, "-m", "webpub", "check", "--no-cache", "--jobs", "2",
                                 "--format", "json"], cwd=sample_repo, env=env, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        os.sched_setaffinity(proc.pid, {cpu})  # its workers, forked later, share the core too
        out, err = proc.communicate(timeout=900)
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
    assert proc.returncode == 1, err
    refused = [f["path"] for f in json.loads(out)["findings"] if f["rule"] == "WP061"]
    assert refused == ["content/about/slow.md"], refused
