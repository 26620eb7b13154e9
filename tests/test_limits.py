"""Time limits on external programs (checker/limits.py): the whole process group ends."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from checker.limits import SubprocessTimeout, run_limited


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead for our purpose
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_stuck_program_is_killed_with_its_children(tmp_path: Path) -> None:
    pidfile = tmp_path / "child.pid"
    t = time.monotonic()
    with pytest.raises(SubprocessTimeout, match="giới hạn thời gian"):
        run_limited(["sh", "-c", f"sleep 60 & echo $! > {pidfile}; wait"], timeout=0.5)
    assert time.monotonic() - t < 10
    child = int(pidfile.read_text())
    for _ in range(50):
        if not _alive(child):
            break
        time.sleep(0.05)
    assert not _alive(child), "the forked child outlived the time limit"


def test_finished_program_returns_its_output() -> None:
    res = run_limited(["sh", "-c", "cat; echo done >&2"], input=b"abc", timeout=10)
    assert res.returncode == 0 and res.stdout == b"abc" and res.stderr == b"done\n"
