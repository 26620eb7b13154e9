"""Where `--output` and `--write-baseline` write, done so that no file the user did not name is harmed.

- A target that is one of the inputs is refused: the report would overwrite the report it checks.
- A target that is not a regular file (a device such as /dev/null, a FIFO) is written in place: replacing
  it by renaming a temporary file over it would, as root, turn the machine's /dev/null into a file.
- A symlink is followed: the file it names is written (atomically), the link stays a link.
- A folder, or a parent folder that does not exist, is a one-line usage error; nothing is created.
- A regular file is written through a temporary file in the same folder and renamed over the target,
  keeping its permission bits, so a reader never sees half a report.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO


class OutputError(Exception):
    """A target that cannot or must not be written; str() is the one-line reason."""


def display_path(path: str) -> str:
    """A path as it can be shown in any output: bytes that are not UTF-8 (kept by Python as lone
    surrogates) become `\\xff` escapes instead of making the UTF-8 writer raise."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


class OutputFile:
    """One output target, checked when made (before any report is checked), written by `open()` and
    put in place by `commit()`; `abort()` leaves the target as it was."""

    def __init__(self, target: str, *, inputs: list[str] = (), option: str = "--output") -> None:  # type: ignore[assignment]
        shown = display_path(target)
        if "\x00" in target:
            raise OutputError(f"{option} {shown!r}: tên tệp chứa ký tự NUL")
        real = os.path.realpath(target)  # a symlink (or a chain of them) is followed to the file it names
        self.target = Path(real)
        self.shown = shown
        self.in_place = False
        self._handle: IO[str] | None = None
        self._tmp: str | None = None
        try:
            st: os.stat_result | None = os.stat(real)
        except FileNotFoundError:
            st = None
        except OSError as exc:
            raise OutputError(f"{option} {shown}: không dùng được: {exc.strerror or exc}") from exc
        if st is not None:
            if stat.S_ISDIR(st.st_mode):
                raise OutputError(f"{option} {shown}: là thư mục, không phải tệp; hãy ghi rõ tên tệp")
            ident = (st.st_dev, st.st_ino)
            if any(_identity(p) == ident for p in inputs):
                raise OutputError(f"{option} {shown}: là một tệp đang được kiểm tra; chọn tệp khác để không ghi đè nó")
            self.in_place = not stat.S_ISREG(st.st_mode)
            self.mode = stat.S_IMODE(st.st_mode)
        else:
            parent = self.target.parent
            if not parent.is_dir():
                raise OutputError(f"{option} {shown}: thư mục {display_path(str(parent))} không tồn tại")
            umask = os.umask(0)  # mkstemp makes 0600; a new report gets the usual mode
            os.umask(umask)
            self.mode = 0o666 & ~umask
        if not self.in_place and not os.access(self.target.parent, os.W_OK | os.X_OK):
            raise OutputError(f"{option} {shown}: không có quyền ghi vào thư mục {display_path(str(self.target.parent))}")

    def open(self) -> IO[str]:
        """A text handle to write the report into (UTF-8)."""
        if self._handle is not None:
            return self._handle
        try:
            if self.in_place:
                # a device or FIFO: written as the shell's `>` would, never replaced
                self._handle = open(self.target, "w", encoding="utf-8")  # noqa: SIM115 - closed by commit/abort
            else:
                import tempfile  # only when there is an --output (with shutil, bz2, lzma: ~3 ms)

                fd, self._tmp = tempfile.mkstemp(dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".tmp")
                self._handle = os.fdopen(fd, "w", encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"{self.shown}: không ghi được: {exc.strerror or exc}") from exc
        return self._handle

    def write(self, content: str) -> None:
        """Write the whole content and put it in place."""
        self.open().write(content)
        self.commit()

    def commit(self) -> None:
        handle = self.open()
        try:
            handle.close()
            if self._tmp is not None:
                os.chmod(self._tmp, self.mode)
                os.replace(self._tmp, self.target)
                self._tmp = None
        except OSError as exc:
            self.abort()
            raise OutputError(f"{self.shown}: không ghi được: {exc.strerror or exc}") from exc

    def abort(self) -> None:
        if self._handle is not None and not self._handle.closed:
            self._handle.close()
        if self._tmp is not None:
            try:
                os.unlink(self._tmp)
            except OSError:
                pass
            self._tmp = None
