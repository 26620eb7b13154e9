"""Limits on what one file may cost: time, memory, and the external programs it starts.

Readers that call an external program (LibreOffice, Tesseract, pdftoppm …) go through
`run_limited`: the program runs in its own process group and, when its time is up, the whole
group is killed (soffice forks a child that outlives a plain `Popen.kill`).
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Sequence

# What a conversion or an OCR pass of one file may take, unless the caller says otherwise.
DEFAULT_SUBPROCESS_SECONDS = 120.0


class SubprocessTimeout(Exception):
    """The program did not finish in time; its process group was killed. str() is one line."""


def run_limited(
    cmd: Sequence[str],
    *,
    timeout: float = DEFAULT_SUBPROCESS_SECONDS,
    input: bytes | None = None,  # noqa: A002 - the name subprocess.run uses
    cwd: str | os.PathLike[str] | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run `cmd` (stdout/stderr captured as bytes) in its own process group, killed with all its
    children after `timeout` seconds (raises `SubprocessTimeout`).

    Use this for every external program a reader starts, so that a stuck conversion ends with its
    process group and the file gets a one-line error naming the limit.
    """
    proc = subprocess.Popen(
        list(cmd),
        stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=env,
        start_new_session=True,  # its own process group: killpg reaches the children too
    )
    try:
        out, err = proc.communicate(input, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise SubprocessTimeout(
            f"chương trình {os.path.basename(cmd[0])} chạy quá {timeout:g} giây, đã dừng (giới hạn thời gian)"
        ) from None
    except BaseException:
        _kill_group(proc)
        raise
    finally:
        # the leader may have exited while a child it forked still runs in the group
        _kill_group(proc, only_children=True)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _kill_group(proc: subprocess.Popen[bytes], *, only_children: bool = False) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if not only_children:
        try:
            proc.communicate(timeout=5)
        except (subprocess.TimeoutExpired, ValueError, OSError):
            pass
