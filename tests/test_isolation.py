"""Per-file isolation (checker/isolation.py): a file that hangs, exhausts memory or kills its worker
costs only its own report, with `--jobs 1` as with a pool; the other files are checked.

Each test fails on the old batch: it ran `--jobs 1` in the parent (a hang hung the run, a kill
killed it) and blamed every file in flight when a pool worker died.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from report_texts import SHORT_REPORT

import checker.batch as batch
import checker.isolation as isolation
from checker.batch import run_batch
from checker.cli import main
from checker.context import Options
from checker.isolation import Limits
from checker.report import FileReport


@pytest.fixture()
def files(tmp_path: Path) -> list[str]:
    names = ["a.txt", "hang.txt", "b.txt", "c.txt", "d.txt"]
    for n in names:
        (tmp_path / n).write_text(SHORT_REPORT, encoding="utf-8")
    return [str(tmp_path / n) for n in names]


def _misbehave_on(monkeypatch: pytest.MonkeyPatch, name: str, action) -> None:  # noqa: ANN001
    real = batch.check

    def check(path, **kw):  # noqa: ANN001, ANN202
        if Path(str(path)).name == name:
            action(Path(str(path)))
        return real(path, **kw)

    monkeypatch.setattr(batch, "check", check)


def _only_error(reports, name: str) -> str:  # noqa: ANN001
    bad = [r for r in reports if r.error]
    assert [Path(r.path).name for r in bad] == [name], [(r.path, r.error) for r in bad]
    assert all(r.findings for r in reports if not r.error)
    assert "\n" not in bad[0].error
    return bad[0].error


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_that_hangs_in_python_is_stopped_at_its_time_limit(
    files: list[str], monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    _misbehave_on(monkeypatch, "hang.txt", lambda p: time.sleep(600))
    t = time.monotonic()
    reports = run_batch(files, Options(), jobs=jobs, limits=Limits(timeout=1.0))
    assert time.monotonic() - t < 60
    assert "giới hạn thời gian 1 giây" in _only_error(reports, "hang.txt")


def test_a_worker_stuck_where_no_signal_reaches_is_killed(files: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def stuck(_: Path) -> None:
        signal.signal(signal.SIGALRM, signal.SIG_IGN)  # as a loop in C code that never returns to Python
        time.sleep(600)

    _misbehave_on(monkeypatch, "hang.txt", stuck)
    monkeypatch.setattr(isolation, "HARD_KILL_GRACE", 0.5)
    t = time.monotonic()
    reports = run_batch(files, Options(), jobs=1, limits=Limits(timeout=1.0))
    assert time.monotonic() - t < 60
    assert "giới hạn thời gian" in _only_error(reports, "hang.txt")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_that_kills_its_worker_is_the_only_one_blamed(
    files: list[str], monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    _misbehave_on(monkeypatch, "hang.txt", lambda p: os.kill(os.getpid(), signal.SIGKILL))
    reports = run_batch(files, Options(), jobs=jobs, limits=Limits(timeout=60))
    assert [Path(r.path).name for r in reports] == [Path(f).name for f in files]
    assert "SIGKILL" in _only_error(reports, "hang.txt")


def test_a_file_in_flight_when_its_worker_died_is_retried(files: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # the first worker dies (as when the kernel's out-of-memory killer picks it); the file is fine
    marker = tmp_path / "died-once"

    def die_once(_: Path) -> None:
        if not marker.exists():
            marker.write_text("x")
            os.kill(os.getpid(), signal.SIGKILL)

    _misbehave_on(monkeypatch, "hang.txt", die_once)
    reports = run_batch(files, Options(), jobs=2, limits=Limits(timeout=60))
    assert marker.exists()
    assert not [r for r in reports if r.error]


def test_a_file_that_exhausts_memory_gets_an_error_naming_the_limit(files: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def hog(_: Path) -> None:
        blocks = []
        while True:
            blocks.append(bytearray(64 * 2**20))

    _misbehave_on(monkeypatch, "hang.txt", hog)
    reports = run_batch(files, Options(), jobs=1, limits=Limits(timeout=120, memory_mb=1024))
    assert "giới hạn bộ nhớ 1024 MB" in _only_error(reports, "hang.txt")


def test_the_default_memory_limit_is_sized_for_the_machine() -> None:
    one, two = isolation.default_memory_mb(1), isolation.default_memory_mb(2)
    assert isolation.MIN_WORKER_MB <= two <= one <= isolation.MAX_WORKER_MB


def test_cli_timeout_option(files: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _misbehave_on(monkeypatch, "hang.txt", lambda p: time.sleep(600))
    code = main(["check", *files, "--format", "json", "--jobs", "1", "--timeout", "1"])
    assert code == 2
    docs = json.loads(capsys.readouterr().out)["files"]
    assert [Path(f["path"]).name for f in docs if f["error"]] == ["hang.txt"]


@pytest.mark.parametrize("args", [["--timeout", "0"], ["--timeout", "-3"], ["--max-memory", "10"], ["--max-memory", "-1"]])
def test_cli_bad_limit_values(files: list[str], args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", files[0], *args]) == 2
    err = capsys.readouterr().err.strip()
    assert args[0] in err and "\n" not in err


def test_a_short_batch_is_handed_out_largest_first_and_reported_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # five files on two workers: the largest go first, so no worker starts the biggest file while
    # the other is done; a batch longer than the window of results held ahead goes in order
    sizes = {"a.txt": 10, "b.txt": 5000, "c.txt": 300, "d.txt": 9000, "e.txt": 20}
    paths = []
    for name, size in sizes.items():
        (tmp_path / name).write_text("x" * size, encoding="utf-8")
        paths.append(str(tmp_path / name))
    assert isolation.hand_out_order(paths, 2, 16) == [3, 1, 2, 4, 0]
    assert isolation.hand_out_order(paths, 1, 8) == [0, 1, 2, 3, 4]  # one worker: the order is the finish
    assert isolation.hand_out_order(paths, 2, 4) == [0, 1, 2, 3, 4]  # past the window: in order
    assert isolation.hand_out_order([*paths, str(tmp_path / "missing.txt")], 2, 16)[-1] == 5
    handed: list[str] = []  # what this process sends to its workers, in order
    real_send = isolation._Channel.send

    def send(self: isolation._Channel, obj: object) -> None:
        if isinstance(obj, tuple) and isinstance(obj[1], str):
            handed.append(Path(obj[1]).name)
        real_send(self, obj)

    monkeypatch.setattr(isolation._Channel, "send", send)
    out = list(isolation.run_isolated(paths, lambda p: FileReport(path=p, format="txt"), 2))
    assert [i for i, _ in out] == [0, 1, 2, 3, 4] and [r.path for _, r in out] == paths
    assert handed == ["d.txt", "b.txt", "c.txt", "e.txt", "a.txt"]


def test_a_worker_with_nothing_left_is_stopped_at_once_and_reaped_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the command line (defer_reaping) does not wait for each worker's teardown: a worker with no file
    # left is told to stop while the other still checks, and the command reaps both before it exits
    monkeypatch.setattr(isolation, "_reap_at_end", True)
    monkeypatch.setattr(isolation, "_stopping", [])
    gate = tmp_path / "go"

    def work(p: str) -> FileReport:
        if p == "slow":
            deadline = time.monotonic() + 10
            while not gate.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
        return FileReport(path=p, format="txt")

    results = isolation.run_isolated(["slow", "fast"], work, 2)
    stopped_while_busy: list[int | None] = []
    real_collect = isolation._Workers.collect

    def collect(self: isolation._Workers) -> None:
        if self.results and not gate.exists():  # "fast" is back, "slow" still in its worker
            stopped_while_busy.append(len(isolation._stopping))
            isolation._stopping[0].join(5)  # the stopped worker exits on its own
            stopped_while_busy.append(isolation._stopping[0].exitcode)
            gate.write_text("")
        real_collect(self)

    monkeypatch.setattr(isolation._Workers, "collect", collect)
    assert [r.path for _, r in results] == ["slow", "fast"]
    assert stopped_while_busy == [1, 0]
    children = [child.pid for child in isolation._stopping]
    assert len(children) == 2
    isolation.reap_stopped()
    assert isolation._stopping == []
    for pid in children:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_the_command_leaves_no_worker_behind(tmp_path: Path) -> None:
    # the command's own process stops its workers without waiting and reaps them before it exits: run
    # as a child subreaper, this test would inherit any worker the command left running or unreaped
    import subprocess
    import sys

    paths = []
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(SHORT_REPORT, encoding="utf-8")
        paths.append(str(tmp_path / name))
    code = (
        "import ctypes, os, subprocess, sys\n"
        "ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)\n"  # PR_SET_CHILD_SUBREAPER
        "done = subprocess.run([sys.executable, '-m', 'checker.cli', 'check', *sys.argv[1:], '--jobs', '2',\n"
        "                       '--quiet', '--format', 'json', '--fail-on', 'never'], capture_output=True)\n"
        "left = []\n"
        "try:\n"
        "    while True:\n"
        "        pid, _ = os.waitpid(-1, os.WNOHANG)\n"
        "        if pid == 0:\n"
        "            left.append('running')\n"
        "            break\n"
        "        left.append(pid)\n"
        "except ChildProcessError:\n"
        "    pass\n"
        "print(done.returncode, len(done.stdout) > 100, left)\n"
    )
    if sys.platform != "linux":
        pytest.skip("PR_SET_CHILD_SUBREAPER is Linux's")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", code, *paths], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "0 True []"
