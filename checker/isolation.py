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

Workers are forked, so they inherit the parent's loaded rule data (and a test's monkeypatches); they
are forked with `os.fork` and pipes, as multiprocessing's fork start method does, without importing
multiprocessing (with its socket and subprocess modules, ~15 ms of a one-file check's start). Where
fork is not available the files are checked in this process, without isolation.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
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
    """The time and memory limits of each file's check in a worker process."""
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
    """A worker process, its channel, and the file it is checking since when."""
    proc: _Child
    conn: _Channel
    index: int | None = None
    started: float = 0.0


class _Channel:
    """The parent's or a worker's end of the worker's two pipes: pickled messages, each after its
    length (what multiprocessing's Connection does; multiprocessing itself is ~15 ms of a start)."""

    def __init__(self, read_fd: int, write_fd: int) -> None:
        self.read_fd, self.write_fd = read_fd, write_fd

    def send(self, obj: object) -> None:
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(len(data).to_bytes(8, "little") + data)
        while view:
            view = view[os.write(self.write_fd, view) :]

    def recv(self) -> Any:  # noqa: ANN401 - what the other end sent
        return pickle.loads(self._read(int.from_bytes(self._read(8), "little")))  # noqa: S301 - our own worker

    def _read(self, n: int) -> bytes:
        chunks = []
        while n:
            chunk = os.read(self.read_fd, min(n, 1 << 20))
            if not chunk:
                raise EOFError("the other end of the pipe closed")
            chunks.append(chunk)
            n -= len(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        for fd in (self.read_fd, self.write_fd):
            _close(fd)


def _close(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


def _ready(fds: list[int], timeout: float) -> set[int]:
    """The descriptors among `fds` that can be read (data, or the other end closed) within `timeout` s."""
    poller = select.poll()
    for fd in fds:
        poller.register(fd, select.POLLIN)
    return {fd for fd, _ in poller.poll(max(0, int(min(timeout, 86400.0) * 1000)))}


class _Child:
    """A forked worker: its pid, and a sentinel descriptor that reads end-of-file once it has exited."""

    def __init__(self, pid: int, sentinel: int) -> None:
        self.pid, self.sentinel = pid, sentinel
        self.exitcode: int | None = None

    def _reap(self, flags: int) -> None:
        if self.exitcode is not None:
            return
        try:
            pid, status = os.waitpid(self.pid, flags)
        except ChildProcessError:
            return
        if pid == self.pid:
            self.exitcode = os.waitstatus_to_exitcode(status)

    def join(self, timeout: float) -> None:
        if self.exitcode is None and _ready([self.sentinel], timeout):
            self._reap(0)  # its sentinel closed: it has exited, this does not block

    def is_alive(self) -> bool:
        self._reap(os.WNOHANG)
        return self.exitcode is None

    def close(self) -> None:
        _close(self.sentinel)


# Whether the program froze what its start loaded (`freeze_start`): it stays frozen across forks.
_start_frozen = False
# Whether the program reaps its stopped workers itself, once at its end (`defer_reaping`), and the
# workers told to stop that have not been reaped yet.
_reap_at_end = False
_stopping: list[_Child] = []


def defer_reaping() -> None:
    """A worker that has nothing left to check is told to stop at once, and not waited for: the kernel
    tears its address space down (1-3 ms for a forked copy of the command, longer on a loaded
    machine) while this process goes on with the other workers' files and its report. The command
    line (`checker/cli.py`) asks for this and calls `reap_stopped()` before it exits; every other
    caller gets its workers joined when `run_isolated` ends, as before."""
    global _reap_at_end
    _reap_at_end = True


def reap_stopped(timeout: float = 2.0) -> None:
    """Wait for the workers told to stop (killed past `timeout` seconds), so none is left behind."""
    deadline = time.monotonic() + timeout
    while _stopping:
        child = _stopping.pop()
        child.join(max(0.0, deadline - time.monotonic()))
        if child.is_alive():
            for kill_it in (os.killpg, os.kill):
                try:
                    kill_it(child.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            child.join(5)
        child.close()


def freeze_start() -> None:
    """Move everything made so far to the collector's permanent generation for the rest of the
    process (the command line's start, `checker/cli.py`), and remember it: each fork then keeps it
    frozen without counting it."""
    global _start_frozen
    gc.freeze()
    _start_frozen = True


def _fork_worker(work: Callable[[str], FileReport], limits: Limits, memory_mb: int, inherited: list[int]) -> _Worker:
    """A worker process forked from this one, serving `_worker_main`; `inherited` are the other
    workers' descriptors, closed in the new one (so that a worker sees end-of-file when the command dies)."""
    task_r, task_w = os.pipe()
    result_r, result_w = os.pipe()
    sentinel_r, sentinel_w = os.pipe()
    for stream in (sys.stdout, sys.stderr):  # nothing buffered before the fork is written twice
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    parent = os.getpid()
    # What the worker inherits stays out of its collector's passes: marking those objects would write
    # to their pages, and each written page is copied after a fork. This process takes them back.
    # (`gc.get_freeze_count` walks the whole permanent generation, ~2 ms after the command froze its
    # start: the command says so instead, see `freeze_start`)
    frozen_before = 1 if _start_frozen else gc.get_freeze_count()
    gc.freeze()
    try:
        pid = os.fork()
    finally:
        if frozen_before == 0 and os.getpid() == parent:  # the parent only; what its caller froze stays frozen
            gc.unfreeze()
    if pid == 0:  # the worker
        code = 1
        try:
            for fd in (task_w, result_r, sentinel_r, *inherited):
                _close(fd)
            _in_worker_after_fork()
            _worker_main(_Channel(task_r, result_w), work, limits, memory_mb)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
        except BaseException:  # noqa: BLE001 - a worker's crash is printed as multiprocessing did
            import traceback

            traceback.print_exc()
        finally:
            try:
                _in_worker_at_exit()
            finally:
                os._exit(code)
    for fd in (task_r, result_w, sentinel_w):
        os.close(fd)
    return _Worker(_Child(pid, sentinel_r), _Channel(result_r, task_w))


def _in_worker_after_fork() -> None:
    """What multiprocessing did in a forked worker: no input, and its own finalizers only (a
    multiprocessing object made before the fork re-initialised by its after-fork hooks)."""
    try:
        sys.stdin.close()
        sys.stdin = open(os.devnull)  # noqa: SIM115 - the worker's stdin for its whole life
    except (AttributeError, OSError, ValueError):
        pass
    util = sys.modules.get("multiprocessing.util")
    if util is not None:
        util._finalizer_registry.clear()
        util._run_after_forkers()


def _in_worker_at_exit() -> None:
    """The finalizers a worker registered (checker/ingest/office.py's LibreOffice profile folder), as
    multiprocessing ran them; then the output is flushed. A worker leaves without atexit."""
    util = sys.modules.get("multiprocessing.util")
    if util is not None:
        try:
            util._run_finalizers(0)
            util._run_finalizers()
        except Exception:  # noqa: BLE001, S110 - cleaning up is a courtesy
            pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    # The standard output and error are let go before the address space is torn down: a program
    # reading the command's output through a pipe (pre-commit, a test) sees its end when the command
    # exits, not a few milliseconds later when the last worker is gone.
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        for fd in (1, 2):
            os.dup2(null, fd)
        os.close(null)
    except OSError:
        pass


def run_isolated(
    paths: list[str], work: Callable[[str], FileReport], jobs: int, limits: Limits | None = None
) -> Iterator[tuple[int, FileReport]]:
    """(index, report) for every path, in order, each checked by `work` in a worker process."""
    limits = limits or Limits()
    memory_mb = default_memory_mb(jobs) if limits.memory_mb is None else limits.memory_mb
    if not hasattr(os, "fork"):  # Windows: checked here, without isolation
        for i, p in enumerate(paths):
            yield i, work(p)
        return
    n = len(paths)
    window = max(1, jobs) * 8  # results held ahead of the one the caller waits for
    pool = _Workers(paths, work, limits, memory_mb, max(1, jobs), window)
    next_out = 0
    try:
        pool.hand_out(window)
        while next_out < n:
            while next_out in pool.results:
                yield next_out, pool.results.pop(next_out)
                next_out += 1
            if next_out >= n:
                break
            pool.collect()
            # The next files go out (and, with none left, idle workers are told to stop) before the
            # results are yielded: the caller writes each report (1-4 ms for a long one), and a worker
            # handed its file only afterwards sat idle that long, the last one's teardown starting late.
            pool.hand_out(next_out + window)
    finally:
        pool.close()


def hand_out_order(paths: list[str], jobs: int, window: int) -> list[int]:
    """The order the files are handed to the workers. A batch that fits in the window of results held
    ahead (a few files per worker: a pre-commit batch, the five seeds) goes largest first, so that no
    worker starts the biggest file when the others are done (five seeds on two workers: the last
    finishes ~15 % sooner); a longer batch goes in order, its results flowing out as they come. The
    reports come out in the paths' order either way."""
    if jobs <= 1 or len(paths) <= jobs or len(paths) > window:
        return list(range(len(paths)))

    def size(i: int) -> int:
        try:
            return os.stat(paths[i]).st_size
        except (OSError, ValueError):
            return 0

    return sorted(range(len(paths)), key=lambda i: -size(i))  # stable: equal sizes keep their order


class _Workers:
    """The worker processes of one `run_isolated` call, the files they hold and the results they sent."""

    def __init__(
        self, paths: list[str], work: Callable[[str], FileReport], limits: Limits, memory_mb: int, jobs: int,
        window: int,
    ) -> None:
        self.paths, self.work, self.limits, self.memory_mb, self.jobs = paths, work, limits, memory_mb, jobs
        self.queue: deque[int] = deque(hand_out_order(paths, jobs, window))
        self.died_once: set[int] = set()
        self.results: dict[int, FileReport] = {}
        self.workers: list[_Worker] = []

    def spawn(self) -> _Worker:
        inherited = [fd for w in self.workers for fd in (w.conn.read_fd, w.conn.write_fd, w.proc.sentinel)]
        w = _fork_worker(self.work, self.limits, self.memory_mb, inherited)
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
        w.proc.close()
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

    def stop(self, w: _Worker) -> None:
        """Tell an idle worker to stop, and let it exit while this process goes on (`defer_reaping`)."""
        try:
            w.conn.send(None)
        except (OSError, EOFError):
            pass
        w.conn.close()
        self.workers.remove(w)
        _stopping.append(w.proc)

    def hand_out(self, before: int) -> None:
        """One file per idle worker (new workers up to `jobs`), for files whose index is below `before`.
        With nothing left to hand out, idle workers are stopped now when the program reaps at its end."""
        if not self.queue and _reap_at_end:
            for w in [w for w in self.workers if w.index is None]:
                self.stop(w)
            return
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
        busy = [w for w in self.workers if w.index is not None]
        if not busy:
            return
        limits = self.limits
        deadline = min(w.started for w in busy) + limits.timeout + HARD_KILL_GRACE
        ready = _ready([w.conn.read_fd for w in busy] + [w.proc.sentinel for w in busy], deadline - time.monotonic())
        for w in busy:
            if w.conn.read_fd in ready:
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
        """Idle workers are told to stop, then every worker is joined (killed if it is still alive);
        with `defer_reaping`, idle ones are left to exit and reaped at the program's end."""
        if _reap_at_end:
            for w in [w for w in self.workers if w.index is None]:
                self.stop(w)
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
