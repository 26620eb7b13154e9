"""The checks of every request run here: a process pool shared by all requests, a time limit per file.

A worker of `concurrent.futures.ProcessPoolExecutor` cannot be stopped one task at a time, so a file that
runs past its time limit costs the pool: its processes are killed and a fresh pool takes the next files.
Checks of other requests that were running in the killed pool are submitted again once (they lose only
time, not their answer). The class is the one place that knows how checks are run, so the per-file
isolation of `checker.batch` can replace it without touching the app.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from checker.context import Options
from checker.report import FileReport


def check_upload(data: bytes, name: str, opts: Options, keep_text: bool) -> FileReport:
    """Check one uploaded file (never raises for bad input; runs in a worker process)."""
    from checker.api import check

    try:
        rep = check(data, name=name, options=opts)
    except Exception as exc:  # check() already catches rule bugs; this is the last net
        rep = FileReport(path=name, format=_fmt(name), error=f"lỗi nội bộ của baocao-lint ({type(exc).__name__}: {exc})")
    if not keep_text:
        rep.text = None
        rep.score_table = None
    return rep


def _fmt(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else "txt"


def _warm() -> None:
    # rule data, grammars and regex caches are loaded once per worker, before its first request
    from checker.api import check

    check(b"BAO CAO\n", name="warm.txt")


class CheckPool:
    """Runs checks in `workers` processes (0: in a thread of the server, no time limit can stop it)."""

    def __init__(self, workers: int, timeout: float) -> None:
        self.workers = workers
        self.timeout = timeout
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self.restarts = 0

    def _get(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                # forkserver: workers are not forked from a process running an event loop and threads
                ctx = multiprocessing.get_context("forkserver")
                self._executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=_warm)
            return self._executor

    def _discard(self, executor: ProcessPoolExecutor) -> None:
        """Kill the processes of a pool that holds a runaway check, and let the next call start another."""
        with self._lock:
            if self._executor is executor:
                self._executor = None
                self.restarts += 1
        for proc in list(getattr(executor, "_processes", {}).values()):
            try:
                proc.kill()
            except Exception:  # already gone
                pass
        executor.shutdown(wait=False, cancel_futures=True)

    async def check(self, data: bytes, name: str, opts: Options, keep_text: bool = False) -> FileReport:
        if self.workers <= 0:
            return await asyncio.to_thread(check_upload, data, name, opts, keep_text)
        for attempt in range(2):
            executor = self._get()
            try:
                fut: Future[FileReport] = executor.submit(check_upload, data, name, opts, keep_text)
            except (BrokenProcessPool, RuntimeError):  # broken or shut down by another request's timeout
                self._discard(executor)
                continue
            try:
                return await asyncio.wait_for(asyncio.wrap_future(fut), self.timeout)
            except asyncio.TimeoutError:
                self._discard(executor)
                return FileReport(
                    path=name,
                    format=_fmt(name),
                    error=f"kiểm tra quá thời gian cho phép ({self.timeout:g} giây cho một tệp)",
                )
            except BrokenProcessPool:
                # killed for another file's timeout, or this file crashed its worker: one more try
                self._discard(executor)
                if attempt == 1:
                    break
        return FileReport(
            path=name,
            format=_fmt(name),
            error="tiến trình kiểm tra bị dừng đột ngột khi đọc tệp này (hết bộ nhớ hoặc lỗi nghiêm trọng)",
        )

    def close(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
