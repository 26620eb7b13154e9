"""Word 97–2003 (.doc), OpenDocument (.odt) and RTF files, read through LibreOffice into the .docx reader.

Why a converter and not a Python reader: no maintained pure-Python package reads .doc's binary
(`olefile` gives the streams, not the text with its tables and footnotes); `striprtf` flattens an RTF
to text and loses table cells (a score table's rows) and footnotes; `odfpy` would read .odt but give a
third reader with its own idea of locations. LibreOffice's `--convert-to docx` keeps paragraphs, table
cells, footnotes and the run fonts (`.VnTime`, `VNI-Times`: TCVN3/VNI runs are converted as in a
.docx), and the .docx reader then gives the same `location`s (`đoạn 12`, `bảng 1, hàng 5, cột 4`).
Measured on the 26 .doc and 3 .rtf of ../shared/files: about 3 s per file once LibreOffice's profile
exists (5 s for the first), all of it LibreOffice's start-up; results are cached by file hash in the
user's cache folder, so a second run over the same files reads them in milliseconds.

Each process has its own LibreOffice profile folder (two instances sharing one would hand the work to
each other or refuse to start), conversions in a process run one at a time, each with a time limit,
and a conversion that overruns is killed with its whole process group (soffice starts soffice.bin;
`checker.limits.run_limited`).
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
import threading
from pathlib import Path

from checker.limits import CONVERT_SECONDS, SubprocessTimeout, run_limited

OFFICE_FORMATS = ("doc", "odt", "rtf")
INSTALL_HINT = "cài LibreOffice Writer (Debian/Ubuntu: sudo apt-get install libreoffice-writer)"
INSTALL_HINT_CALC = "cài LibreOffice Calc (Debian/Ubuntu: sudo apt-get install libreoffice-calc)"

_lock = threading.Lock()
_profile: dict[int, str] = {}  # pid → profile folder: a forked worker makes its own


class ConverterMissing(ValueError):
    """LibreOffice is not installed; str() says what to install."""


def soffice() -> str | None:
    """The LibreOffice command, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _profile_dir() -> str:
    pid = os.getpid()
    folder = _profile.get(pid)
    if folder is None or not os.path.isdir(folder):
        folder = tempfile.mkdtemp(prefix="baocao-lint-lo-")
        _profile[pid] = folder
        atexit.register(_drop_profile, pid)
        try:  # a pool worker leaves through multiprocessing, which skips atexit
            from multiprocessing import util

            util.Finalize(None, _drop_profile, args=(pid,), exitpriority=10)
        except Exception:  # noqa: BLE001 - cleanup is a courtesy
            pass
    return folder


def _drop_profile(pid: int) -> None:
    folder = _profile.pop(pid, None)
    if folder and pid == os.getpid():
        shutil.rmtree(folder, ignore_errors=True)


def to_docx(data: bytes, fmt: str, timeout: float | None = None) -> bytes:
    """The .docx LibreOffice makes of `data` (a .doc, .odt or .rtf), cached by the bytes' hash."""
    return convert(data, fmt, "docx", timeout)


def convert(data: bytes, fmt: str, target: str, timeout: float | None = None) -> bytes:
    """`data` (a .`fmt` file) saved by LibreOffice as .`target`, cached by the bytes' hash."""
    from checker.cache import cached_blob

    return cached_blob(f"{target}-from-office", hashlib.sha256(data).digest(), lambda: _convert(data, fmt, timeout, target))


def _convert(data: bytes, fmt: str, timeout: float | None, target: str = "docx") -> bytes:
    command = soffice()
    hint = INSTALL_HINT if target == "docx" else INSTALL_HINT_CALC
    if command is None:
        raise ConverterMissing(f"cần LibreOffice để đọc tệp .{fmt}: {hint}")
    limit = timeout or CONVERT_SECONDS
    with _lock, tempfile.TemporaryDirectory(prefix="baocao-lint-conv-") as work:
        source = Path(work) / f"vanban.{fmt}"
        source.write_bytes(data)
        out_dir = Path(work) / "out"
        profile = _profile_dir()
        args = [
            command, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
            "--nologo", "--nolockcheck", "--convert-to", target, "--outdir", str(out_dir), str(source),
        ]
        try:
            done = run_limited(args, timeout=limit, env={**os.environ, "HOME": profile})
        except SubprocessTimeout:
            _drop_profile(os.getpid())  # a killed instance may leave its profile locked
            raise ValueError(
                f"LibreOffice chuyển đổi tệp .{fmt} quá {limit:.0f} giây nên đã bị dừng (tệp quá lớn hoặc hỏng)"
            ) from None
        except OSError as exc:
            raise ConverterMissing(f"không chạy được LibreOffice ({exc.strerror or exc}): {hint}") from exc
        err = done.stderr
        result = out_dir / f"vanban.{target}"
        if not result.is_file():
            why = "tệp hỏng, có mật khẩu hoặc không phải văn bản"
            if b"Error" in err or b"error" in err:
                why += f"; LibreOffice báo: {err.decode('utf-8', 'replace').strip().splitlines()[-1][:120]}"
            raise ValueError(f"LibreOffice không chuyển được tệp .{fmt} ({why})")
        return result.read_bytes()


def looks_like(data: bytes) -> str | None:
    """What an office file really is, whatever its name says: docx (zip), rtf, doc (OLE), odt."""
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if data.startswith(b"PK\x03\x04"):
        head = data[:200]
        if b"mimetypeapplication/vnd.oasis.opendocument.text" in head:
            return "odt"
        return "docx"
    return None
