"""Each file of a batch is checked in a worker process with limits, so no file can take the run down.

- Time: a worker gets `timeout` seconds per file. SIGALRM inside the worker stops Python code (and a
  subprocess started through `limits.run_limited`, whose process group is killed on the way out);
  a worker stuck in C code past `timeout + HARD_KILL_GRACE` is killed by the parent with its process group.
- Memory: RLIMIT_AS caps each worker's address space; going past it raises MemoryError inside the
  worker, which becomes that file's error naming the limit.
- Death: a worker that dies (killed by the kernel, a crash in a C library) costs only the file it
  was checking, which is known exactly because a worker holds one file at a time. That file is tried
  once more in a fresh worker (the kernel's out-of-memory killer may have picked an innocent worker);
  if it kills that one too, it gets an error naming the cause. The other files go on.

Workers are forked, so they inherit the parent's loaded rule data (and a test's monkeypatches).
Where fork is not available the files are checked in this process, without isolation.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from checker.limits import DEFAULT_TIMEOUT_SECONDS, HARD_KILL_GRACE, MAX_WORKER_MB, MIN_WORKER_MB
from checker.report import FileReport


def default_memory_mb(jobs: int) -> int:
    """Address space per worker: 60 % of the machine's memory shared by the workers, 1-4 GB each."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return MAX_WORKER_MB
    share = int(total * 0.6 / max(1, jobs) / 2**20)
    return max(MIN_WORKER_MB, min(MAX_WORKER_MB, share))


@dataclass(frozen=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    memory_mb: int | None = None  # None: default_memory_mb(jobs); 0: no limit


def timeout_error(seconds: float) -> str:
    return f"kiểm tra tệp này vượt giới hạn thời gian {seconds:g} giây, đã dừng (đổi bằng --timeout)"


def memory_error(limit_mb: int | None) -> str:
    if limit_mb:
        return f"kiểm tra tệp này vượt giới hạn bộ nhớ {limit_mb} MB của tiến trình kiểm tra, đã dừng (đổi bằng --max-memory)"
    return "kiểm tra tệp này hết bộ nhớ, đã dừng"


def death_error(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"tín hiệu {-exitcode}"
        hint = " — thường do hết bộ nhớ" if -exitcode == signal.SIGKILL else ""
        return f"tiến trình kiểm tra tệp này bị dừng đột ngột ({name}{hint}), hai lần; các tệp khác vẫn được kiểm tra"
    return f"tiến trình kiểm tra tệp này thoát đột ngột (mã {exitcode}), hai lần; các tệp khác vẫn được kiểm tra"


class FileTimeout(BaseException):
    """Raised in a worker by SIGALRM. A BaseException so that no `except Exception` in a rule or a
    reader swallows it."""


# The memory limit of this process when it is a worker (for the messages of api.check).
worker_memory_mb: int | None = None


def _on_alarm(signum: int, frame: Any) -> None:  # noqa: ANN401 - a signal handler's frame
    raise FileTimeout


def _worker_main(conn: Any, work: Callable[[str], FileReport], limits: Limits, memory_mb: int) -> None:  # noqa: ANN401
    global worker_memory_mb
    os.setpgrp()  # its own process group: the parent's kill reaches what it started
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGALRM, _on_alarm)
    if memory_mb:
        import resource

        soft = memory_mb * 2**20
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        worker_memory_mb = memory_mb
    try:
        _serve(conn, work, limits, memory_mb)
    finally:
        _keep_compiled()


def _keep_compiled() -> None:
    """What this worker compiled for its files (regexes, dataclass methods: checker/recache.py,
    checker/codecache.py, installed by the command line) goes into the kept files for the next run's
    worker; a worker leaves without running atexit."""
    for name in ("checker.recache", "checker.codecache"):
        module = sys.modules.get(name)
        if module is not None:
            try:
                module.save()
            except Exception:  # noqa: BLE001, S110 - a cache is a courtesy; the reports are sent
                pass


def _serve(conn: Any, work: Callable[[str], FileReport], limits: Limits, memory_mb: int) -> None:  # noqa: ANN401
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        index, path = msg
        rep: FileReport
        try:
            signal.setitimer(signal.ITIMER_REAL, limits.timeout)
            try:
                rep = work(path)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except FileTimeout:
            rep = FileReport(path=path, format=_fmt(path), error=timeout_error(limits.timeout))
        except MemoryError:
            rep = FileReport(path=path, format=_fmt(path), error=memory_error(memory_mb))
        try:
            conn.send((index, rep))
        except MemoryError:
            conn.send((index, FileReport(path=path, format=_fmt(path), error=memory_error(memory_mb))))
        except (OSError, EOFError):
            return
        del rep


def _fmt(path: str) -> str:
    return path.rsplit(".", 1)[-1].lower() if "." in path else "txt"


@dataclass
class _Worker:
    proc: Any
    conn: Any
    index: int | None = None
    started: float = 0.0


def run_isolated(
    paths: list[str], work: Callable[[str], FileReport], jobs: int, limits: Limits | None = None
) -> Iterator[tuple[int, FileReport]]:
    """(index, report) for every path, in order, each checked by `work` in a worker process."""
    limits = limits or Limits()
    memory_mb = default_memory_mb(jobs) if limits.memory_mb is None else limits.memory_mb
    import multiprocessing

    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # no fork (Windows): checked here, without isolation
        for i, p in enumerate(paths):
            yield i, work(p)
        return
    n = len(paths)
    window = max(1, jobs) * 8  # results held ahead of the one the caller waits for
    pool = _Workers(ctx, paths, work, limits, memory_mb, max(1, jobs))
    next_out = 0
    try:
        while next_out < n:
            while next_out in pool.results:
                yield next_out, pool.results.pop(next_out)
                next_out += 1
            if next_out >= n:
                break
            pool.hand_out(next_out + window)
            pool.collect()
    finally:
        pool.close()


class _Workers:
    """The worker processes of one `run_isolated` call, the files they hold and the results they sent."""

    def __init__(
        self, ctx: Any, paths: list[str], work: Callable[[str], FileReport], limits: Limits, memory_mb: int, jobs: int  # noqa: ANN401
    ) -> None:
        self.ctx, self.paths, self.work, self.limits, self.memory_mb, self.jobs = ctx, paths, work, limits, memory_mb, jobs
        self.queue: deque[int] = deque(range(len(paths)))
        self.died_once: set[int] = set()
        self.results: dict[int, FileReport] = {}
        self.workers: list[_Worker] = []

    def spawn(self) -> _Worker:
        parent_end, child_end = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker_main, args=(child_end, self.work, self.limits, self.memory_mb), daemon=True)
        proc.start()
        child_end.close()
        w = _Worker(proc, parent_end)
        self.workers.append(w)
        return w

    def retire(self, w: _Worker, *, kill: bool) -> None:
        if kill:
            for kill_it in (lambda: os.killpg(w.proc.pid, signal.SIGKILL), lambda: os.kill(w.proc.pid, signal.SIGKILL)):
                try:
                    kill_it()
                except (ProcessLookupError, PermissionError):
                    pass
        w.proc.join(5)
        w.conn.close()
        self.workers.remove(w)

    def lost(self, w: _Worker) -> None:
        """The worker died holding file `w.index`: try it once more, then blame it."""
        i = w.index
        w.proc.join(2)  # its pipe closed: it is exiting; the exit code says how it died
        exitcode = w.proc.exitcode
        self.retire(w, kill=True)
        if i is None:
            return
        if i in self.died_once:
            self.results[i] = FileReport(path=self.paths[i], format=_fmt(self.paths[i]), error=death_error(exitcode))
        else:
            self.died_once.add(i)
            self.queue.appendleft(i)

    def hand_out(self, before: int) -> None:
        """One file per idle worker (new workers up to `jobs`), for files whose index is below `before`."""
        while self.queue and self.queue[0] < before:
            idle = next((w for w in self.workers if w.index is None), None)
            if idle is None:
                if len(self.workers) >= self.jobs:
                    break
                idle = self.spawn()
            i = self.queue.popleft()
            try:
                idle.conn.send((i, self.paths[i]))
            except (OSError, EOFError):
                self.queue.appendleft(i)
                self.retire(idle, kill=True)
                continue
            idle.index, idle.started = i, time.monotonic()

    def collect(self) -> None:
        """Wait for a result, a death or the first deadline; take what came and kill what is overdue."""
        from multiprocessing.connection import wait

        busy = [w for w in self.workers if w.index is not None]
        if not busy:
            return
        limits = self.limits
        deadline = min(w.started for w in busy) + limits.timeout + HARD_KILL_GRACE
        ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=max(0.0, deadline - time.monotonic()))
        for w in busy:
            if w.conn in ready:
                try:
                    index, rep = w.conn.recv()
                except (EOFError, OSError):
                    self.lost(w)
                    continue
                self.results[index] = rep
                w.index = None
            elif w.proc.sentinel in ready:
                self.lost(w)
        now = time.monotonic()
        for w in [w for w in self.workers if w.index is not None and now - w.started > limits.timeout + HARD_KILL_GRACE]:
            i = w.index
            self.retire(w, kill=True)
            assert i is not None
            self.results[i] = FileReport(path=self.paths[i], format=_fmt(self.paths[i]), error=timeout_error(limits.timeout))

    def close(self) -> None:
        """Idle workers are told to stop, then every worker is joined (killed if it is still alive)."""
        for w in list(self.workers):
            if w.index is None:
                try:
                    w.conn.send(None)
                except (OSError, EOFError):
                    pass
        for w in list(self.workers):
            if w.index is None:
                w.proc.join(2)
            self.retire(w, kill=w.proc.is_alive())
