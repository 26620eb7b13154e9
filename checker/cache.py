"""A private on-disk cache for what every command start would otherwise rebuild.

Kept here: the Lark parsers built from `grammar/` and the validated rule data of `rules/`
(parsing and validating the TOML is ~25 ms of a ~400 ms cold start; reading it back is ~1 ms), and,
for the command line, compiled regexes and dataclass methods (`KeptMarshal`). The first two are
pickles, and a pickle runs code when it is loaded, so the folder is the user's own
(`$XDG_CACHE_HOME/baocao-lint` or `~/.cache/baocao-lint`), created private (0700) and used only while
it is owned by this user and writable by nobody else; never the shared temporary folder. No folder
fits (read-only home, another owner): nothing is cached and everything still works.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from checker import __version__

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The private cache folder, created if needed; None when there is no safe one."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "baocao-lint"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return None
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    return folder


def cached(kind: str, inputs: Iterable[bytes], build: Callable[[], T]) -> T:
    """`build()`, or its result from an earlier run with the same `inputs` (the bytes it is built from).

    The key hashes the inputs with this package's and Python's versions, so an edited rule file or an
    upgrade is never answered from a stale entry (a caller whose value holds a library's objects puts
    that library's version in `inputs`: the rule data are plain dataclasses, the-thuc's pydantic
    models). A missing, damaged or unreadable entry is rebuilt; an error in `build()` (a broken rule
    file) propagates and nothing is stored.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    digest = hashlib.sha256(f"{__version__}|{sys.version}|{kind}".encode())
    for chunk in inputs:
        digest.update(len(chunk).to_bytes(8, "little"))
        digest.update(chunk)
    path = folder / f"{kind}-{digest.hexdigest()[:32]}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)  # noqa: S301 - our own private folder (see cache_dir)
    except Exception:  # noqa: BLE001 - absent, truncated, from another version: build it again
        pass
    value = build()
    _store(folder, path, kind, value)
    return value


def _store(folder: Path, path: Path, kind: str, value: object) -> None:
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{kind}-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # whole or not at all: a parallel run never reads half a file
    except Exception:  # noqa: BLE001 - a full disk or an unpicklable value: just do not cache
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return
    # an entry for older rule files or an older version is never read again: keep one per kind
    for old in folder.glob(f"{kind}-*.pickle"):
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass


MAX_BLOB_ENTRIES = 400  # converted documents and OCR texts: a few MB each at most, oldest go first


def cached_blob(kind: str, key: bytes, build: Callable[[], bytes]) -> bytes:
    """`build()`'s bytes, or the bytes it gave for the same `key` (a file's hash) in an earlier run.

    For slow external tools (LibreOffice conversions, OCR): plain bytes, never a pickle, so reading an
    entry runs no code. Errors in `build()` propagate and nothing is stored.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    digest = hashlib.sha256(f"{__version__}|{kind}|".encode() + key).hexdigest()[:40]
    path = folder / f"blob-{kind}-{digest}.bin"
    try:
        data = path.read_bytes()
        os.utime(path)  # recently used: kept when older entries are pruned
        return data
    except OSError:
        pass
    value = build()
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".blob-{kind}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(value)
        os.replace(tmp, path)
    except OSError:
        return value
    entries = sorted(folder.glob("blob-*.bin"), key=lambda p: p.stat().st_mtime if p.exists() else 0)
    for old in entries[:-MAX_BLOB_ENTRIES]:
        try:
            old.unlink()
        except OSError:
            pass
    return value


class KeptMarshal:
    """A dict kept between runs as `marshal` data in the private cache folder (it can hold no code to
    run when it is read): compiled regexes (`checker/recache.py`), dataclass methods' code
    (`checker/codecache.py`). `stored` is what the file held when this process read it; a process
    puts what it used in `used` and `save()` merges it into the file as it is then (another run or a
    worker may have added entries meanwhile), so nothing a worker or an earlier run compiled is
    dropped; past `limit` entries only this run's are kept. Files of the same `family` with another
    name (another Python, another version) are removed: they would never be read again."""

    def __init__(self, folder: Path, name: str, family: str, limit: int) -> None:
        self.folder, self.path, self.family, self.limit = folder, folder / name, family, limit
        self.stored: dict[Any, Any] = self._read()
        self.used: dict[Any, Any] = {}

    def _read(self) -> dict[Any, Any]:
        try:
            stored = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        return stored if isinstance(stored, dict) else {}

    def save(self) -> None:
        if self.used.keys() <= self.stored.keys():
            return  # nothing new: the file stays as it is
        merged = {**self._read(), **self.used}
        if len(merged) > self.limit:
            merged = dict(self.used)
        try:
            data = marshal.dumps(merged)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{self.family}-", suffix=".tmp")
        except (OSError, ValueError):
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, self.path)  # whole or not at all: a parallel run never reads half a file
        except OSError:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            return
        self.stored = merged
        for old in self.folder.glob(f"{self.family}-*.marshal"):
            if old != self.path:
                try:
                    old.unlink()
                except OSError:
                    pass
