"""A private on-disk cache for what every command start would otherwise rebuild.

Kept here: the Lark parsers built from `grammar/` and the validated rule data of `rules/`
(parsing and validating the TOML is ~25 ms of a ~400 ms cold start; reading it back is ~1 ms), and,
for the command line, compiled regexes and dataclass methods (`KeptMarshal`). The first two are
pickles, and a pickle runs code when it is loaded, so the folder is the user's own
(`$XDG_CACHE_HOME/baocao-lint` or `~/.cache/baocao-lint`), created private (0700) and used only while
it is owned by this user and writable by nobody else; never the shared temporary folder. No folder
fits (read-only home, another owner): nothing is cached and everything still works.

A value built from files (the rule data) is found first by the files' stat key (path, size, mtime and
ctime in nanoseconds, inode, device; what ruff and mypy do), and only when a stat changed by the hash
of their bytes: reading and hashing the 27 rule files, and importing `hashlib` for it, was ~5 ms of
every start. `hashlib` is imported only when something is hashed, and `tempfile` (with `shutil`, `bz2`,
`lzma`, `random`) not at all.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import pickle
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
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


def cached(
    kind: str,
    inputs: Iterable[bytes] | Callable[[], Iterable[bytes]],
    build: Callable[[], T],
    *,
    files: Sequence[str | os.PathLike[str]] | None = None,
) -> T:
    """`build()`, or its result from an earlier run with the same `inputs` (the bytes it is built from).

    The key hashes the inputs with this package's and Python's versions, so an edited rule file or an
    upgrade is never answered from a stale entry (a caller whose value holds a library's objects puts
    that library's version in `inputs`: the rule data are plain dataclasses, the-thuc's pydantic
    models). A missing, damaged or unreadable entry is rebuilt; an error in `build()` (a broken rule
    file) propagates and nothing is stored.

    `files`, when given, are the files `inputs` (then a function, called only when needed) reads:
    while none of their stats changed since an earlier run hashed them, that run's entry is read
    back without reading or hashing the files (`_stat_key`).
    """
    folder = cache_dir()
    if folder is None:
        return build()
    salt = f"{__version__}|{sys.version}|{kind}"
    # the stats are taken before the bytes are read: a file changed in between has a newer stat than
    # the one remembered, so the next run hashes it again
    key = _stat_key(files) if files is not None else None
    if key is not None:
        known = _stat_index(folder).get(_index_name(salt, key))
        if known is not None and known[0] == key:
            value = _load(folder / f"{kind}-{known[1]}.pickle")
            if value is not _MISSING:
                return value
    import hashlib

    digest = hashlib.sha256(salt.encode())
    for chunk in inputs() if callable(inputs) else inputs:
        digest.update(len(chunk).to_bytes(8, "little"))
        digest.update(chunk)
    name = digest.hexdigest()[:32]
    path = folder / f"{kind}-{name}.pickle"
    value = _load(path)
    if value is _MISSING:
        value = build()
        if not _store(folder, path, kind, value):
            return value
    if key is not None and _settled(key):
        _remember_stat(folder, salt, key, name)
    return value


_MISSING: Any = object()


def _load(path: Path) -> Any:  # noqa: ANN401 - whatever was pickled
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)  # noqa: S301 - our own private folder (see cache_dir)
    except Exception:  # noqa: BLE001 - absent, truncated, from another version: build it again
        return _MISSING


# -- the stat key ----------------------------------------------------------------------------------
StatKey = tuple[tuple[str, int, int, int, int, int], ...]

# A file changed this recently (mtime or ctime) is not answered by its stat: a second edit within the
# file system's timestamp granularity (a jiffy on ext4, 2 s on FAT) could leave its stat as it was. Its
# bytes are hashed on every run until it has been left alone this long (as git treats a "racy" entry).
SETTLED_NS = 3 * 10**9
STAT_INDEX = "stat-keys.marshal"
# Stat keys remembered at most: one per kind for each copy of the package that shares the folder (a
# user's install, a clone, a few worktrees), the least recently written go first.
MAX_STAT_ENTRIES = 96
_stat_indexes: dict[str, dict[str, tuple[StatKey, str]]] = {}


def _index_name(salt: str, key: StatKey) -> str:
    """The stat index's name for `salt`'s files at these paths: two copies of the package sharing the
    folder (two worktrees, an install and a clone) each keep their own, where one name for both made
    each rewrite the index, and hash its rule files again, whenever the other had run last."""
    return salt + "|" + "|".join(path for path, *_ in key)


def _stat_key(files: Sequence[str | os.PathLike[str]]) -> StatKey | None:
    """Path, size, mtime and ctime in nanoseconds, inode and device of every file, in order; None
    when one cannot be read (its bytes then decide, and give their own error)."""
    out = []
    for f in files:
        try:
            st = os.stat(f)
        except (OSError, ValueError):
            return None
        out.append((os.fspath(f), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev))
    return tuple(out)


def _settled(key: StatKey) -> bool:
    newest = max((max(mtime, ctime) for _, _, mtime, ctime, _, _ in key), default=0)
    return newest < time.time_ns() - SETTLED_NS


def _read_stat_index(folder: Path) -> dict[str, tuple[StatKey, str]]:
    try:
        index = marshal.loads((folder / STAT_INDEX).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return index if isinstance(index, dict) else {}


def _stat_index(folder: Path) -> dict[str, tuple[StatKey, str]]:
    """The stat keys remembered in `folder`, read once per process."""
    index = _stat_indexes.get(str(folder))
    if index is None:
        index = _stat_indexes[str(folder)] = _read_stat_index(folder)
    return index


def _remember_stat(folder: Path, salt: str, key: StatKey, name: str) -> None:
    """Remember that files with stats `key` hash to the entry `name` (merged into the index as it is
    now on disk: another run may have added its kinds meanwhile)."""
    index = _read_stat_index(folder)
    entry = _index_name(salt, key)
    if index.get(entry) == (key, name):
        _stat_indexes[str(folder)] = index
        return
    index.pop(entry, None)  # written last: kept longest
    index[entry] = (key, name)
    for stale in list(index)[: max(0, len(index) - MAX_STAT_ENTRIES)]:
        del index[stale]
    if _write_atomic(folder, folder / STAT_INDEX, "stat-keys", marshal.dumps(index)):
        _stat_indexes[str(folder)] = index


def _write_atomic(folder: Path, path: Path, prefix: str, data: bytes) -> bool:
    """`data` as the file `path`, whole or not at all; False when it could not be written. The
    temporary file is made as `tempfile.mkstemp` makes one (private, never an existing name) without
    importing tempfile, which brings shutil, bz2, lzma and random (~3 ms of a start)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    for attempt in range(100):
        tmp = os.path.join(folder, f".{prefix}-{os.getpid()}-{time.monotonic_ns()}-{attempt}.tmp")
        try:
            fd = os.open(tmp, flags, 0o600)
            break
        except FileExistsError:
            continue
        except OSError:
            return False
    else:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)  # whole or not at all: a parallel run never reads half a file
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False
    _prune_once(folder)
    return True


def _store(folder: Path, path: Path, kind: str, value: object) -> bool:
    """Write `value` as the entry `path`; False when it could not be (a full disk, an unpicklable value)."""
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - an unpicklable value: just do not cache
        return False
    if not _write_atomic(folder, path, kind, data):
        return False
    # entries for older rule files or an older version are rarely read again, but two copies of the
    # package sharing the folder (worktrees, an install and a clone, with different rule files) each
    # need their own: the newest few of each kind are kept, not one (where each copy's run removed the
    # other's, and every start rebuilt its rule data)
    _prune(folder, f"{kind}-*.pickle", KEEP_PER_KIND, keep=path)
    return True


KEEP_PER_KIND = 4


def _prune(folder: Path, pattern: str, count: int, *, keep: Path, max_bytes: int | None = None) -> None:
    """Remove the oldest files matching `pattern` (by modification time) beyond the newest `count`,
    and beyond `max_bytes` in all; `keep` (just written) stays."""
    entries = []
    for p in folder.glob(pattern):
        try:
            st = p.stat()
        except OSError:
            continue
        entries.append((p == keep, st.st_mtime_ns, st.st_size, p))
    entries.sort(reverse=True)  # `keep` first, then the newest
    total = 0
    for i, (_, _, size, p) in enumerate(entries):
        total += size
        if i < 1 or (i < count and (max_bytes is None or total <= max_bytes)):
            continue
        try:
            p.unlink()
        except OSError:
            pass


# -- files no run of this version uses -------------------------------------------------------------
# The kinds of rule data this version keeps as pickles (`cached`), besides `lark-<grammar>` for each
# grammar of checker/grammar (tests/test_cache.py holds the list to the callers).
PICKLE_KINDS = frozenset({"doctypes", "frameworks", "kinds", "lexicon", "partitions", "registry", "templates",
                          "the-thuc"})
# A file of a kind or version this one never reads (the whole Lark parsers that versions before the
# parse tables kept, another version's or another Python's kept regexes, a grammar since removed) goes
# once no run has read or written it for this long. Until then another copy of the package sharing the
# folder (an older install, a clone of another branch) may be using it: its reads keep the access time
# recent (at least daily on a relatime mount), and the rules the folder already had stay as they were
# (the newest 4 entries of each kind, other versions' kept regexes replaced when this one rewrites its
# own, a grammar's Lark entry removed when its tables are built).
UNUSED_SECONDS = 7 * 86400
# `_write_atomic`'s temporary files live for milliseconds: one this old was left by a run that was killed.
TMP_SECONDS = 3600
_pruned = False


def _prune_once(folder: Path) -> None:
    """`prune_unused` the first time this process writes into the folder. A run that finds everything
    it needs writes nothing and never lists the folder; one that writes lists it once."""
    global _pruned
    if not _pruned:
        _pruned = True
        prune_unused(folder)


def _current_names() -> tuple[frozenset[str], frozenset[str]]:
    """(the pickle kinds, the marshal and lock files) this version uses."""
    from checker import codecache, parsers, recache

    kinds = PICKLE_KINDS | {f"lark-{g}" for g in parsers.grammar_names()}
    files = {STAT_INDEX, recache.file_name(), codecache.file_name(), ".regex.lock", ".dataclass-code.lock"}
    return kinds, frozenset(files)


def _unused_kind(name: str, kinds: frozenset[str], files: frozenset[str]) -> bool:
    """Whether `name` is a file of a kind or version this one never reads. Blobs are bounded by their
    own rule (least recently used first, whatever wrote them); a name that is none of the cache's is
    left alone."""
    if name.endswith(".lark.cache"):
        return True  # Lark's own cache, which no version since the parse tables reads
    if name.endswith(".pickle"):
        return name[: -len(".pickle")].rsplit("-", 1)[0] not in kinds
    if name.endswith(".marshal") or (name.startswith(".") and name.endswith(".lock")):
        return name not in files
    return False


def prune_unused(folder: Path, now: float | None = None) -> int:
    """Remove the files of `folder` of kinds and versions this one does not use, once unused for
    `UNUSED_SECONDS` (neither read nor written), and temporary files left for `TMP_SECONDS`; returns
    how many went. Without this, such files stayed for ever in a long-used folder: nothing of this
    version writes their kind again, and each existing rule prunes only among the files it writes."""
    now = time.time() if now is None else now
    try:
        kinds, files = _current_names()
        entries = list(os.scandir(folder))
    except Exception:  # noqa: BLE001 - pruning is a courtesy: a run never fails for it
        return 0
    removed = 0
    for entry in entries:
        name = entry.name
        if name.startswith(".") and name.endswith(".tmp"):
            idle = TMP_SECONDS
        elif _unused_kind(name, kinds, files):
            idle = UNUSED_SECONDS
        else:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and now - max(st.st_mtime, st.st_atime) >= idle:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


# Converted documents and OCR texts: a few MB each at most, the least recently used go first past
# either bound.
MAX_BLOB_ENTRIES = 400
MAX_BLOB_BYTES = 200 * 2**20
BLOB_TOUCH_SECONDS = 3600


def cached_blob(kind: str, key: bytes, build: Callable[[], bytes]) -> bytes:
    """`build()`'s bytes, or the bytes it gave for the same `key` (a file's hash) in an earlier run.

    For slow external tools (LibreOffice conversions, OCR): plain bytes, never a pickle, so reading an
    entry runs no code. Errors in `build()` propagate and nothing is stored.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    import hashlib

    digest = hashlib.sha256(f"{__version__}|{kind}|".encode() + key).hexdigest()[:40]
    path = folder / f"blob-{kind}-{digest}.bin"
    try:
        data = path.read_bytes()
        if path.stat().st_mtime < time.time() - BLOB_TOUCH_SECONDS:
            os.utime(path)  # recently used: kept when older entries are pruned (not rewritten each run)
        return data
    except OSError:
        pass
    value = build()
    if not _write_atomic(folder, path, f"blob-{kind}", value):
        return value
    _prune(folder, "blob-*.bin", MAX_BLOB_ENTRIES, keep=path, max_bytes=MAX_BLOB_BYTES)
    return value


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if needed) for the block; without `fcntl` (or a folder
    that refuses the lock file) the block runs unlocked: a lost entry only means compiling it again."""
    try:
        import fcntl

        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except (ImportError, OSError):
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError:
        pass  # a file system without locks: unlocked, as above
    try:
        yield
    finally:
        os.close(fd)  # closing releases the lock


class KeptMarshal:
    """A dict kept between runs as `marshal` data in the private cache folder (it can hold no code to
    run when it is read): compiled regexes (`checker/recache.py`), dataclass methods' code
    (`checker/codecache.py`). `stored` is what the file held when this process read it; a process
    puts what it used in `used` (a forked worker inherits its parent's) and `save()` merges it into
    the file as it is then (another run or a worker may have added entries meanwhile), so nothing a
    worker or an earlier run compiled is dropped at once.

    Bounded: the file counts its rewrites (generations) and when each entry was last used by a run
    that rewrote it; a rewrite drops the entries no run used in the last `KEEP_GENERATIONS` rewrites
    (a pattern or a method of code since edited, of an older install), and past `limit` entries or
    `MAX_BYTES` only this run's are kept. A run that finds everything it uses writes nothing. Files of
    the same `family` with another name (another Python, another version) are removed: they would
    never be read again."""

    FORMAT = 2
    KEEP_GENERATIONS = 8
    MAX_BYTES = 4 * 2**20

    def __init__(self, folder: Path, name: str, family: str, limit: int) -> None:
        self.folder, self.path, self.family, self.limit = folder, folder / name, family, limit
        self.stored: dict[Any, Any] = self._read()[1]
        self.used: dict[Any, Any] = {}

    def _read(self) -> tuple[int, dict[Any, Any], dict[Any, int]]:
        """(generation, entries, the generation each entry was last used in) as the file is now;
        nothing from a damaged file or one of an older format."""
        try:
            kept = marshal.loads(self.path.read_bytes())
            if isinstance(kept, dict) and kept.get("format") == self.FORMAT:
                generation, entries, last_used = kept["generation"], kept["entries"], kept["last_used"]
                if isinstance(generation, int) and isinstance(entries, dict) and isinstance(last_used, dict):
                    return generation, entries, last_used
        except (OSError, EOFError, ValueError, TypeError, KeyError):
            pass
        return 0, {}, {}

    def save(self) -> None:
        if self.used.keys() <= self.stored.keys():
            return  # nothing new: the file stays as it is
        # the command and its workers save as they stop, often in the same millisecond: each merges
        # into the file under a lock, or the last to write drops what another one added, and the next
        # run writes it again
        with _locked(self.folder / f".{self.family}.lock"):
            self._merge()

    def _merge(self) -> None:
        before, entries, last_used = self._read()
        generation = before + 1
        entries.update(self.used)
        last_used.update(dict.fromkeys(self.used, generation))
        oldest = generation - self.KEEP_GENERATIONS
        kept = {k: v for k, v in entries.items() if last_used.get(k, 0) > oldest}
        if len(kept) > self.limit:
            kept = dict(self.used)
        try:
            data = self._dumps(generation, kept, last_used)
            if len(data) > self.MAX_BYTES:
                kept = dict(self.used)
                data = self._dumps(generation, kept, last_used)
        except ValueError:
            return
        if not _write_atomic(self.folder, self.path, self.family, data):
            return
        self.stored = kept
        for old in self.folder.glob(f"{self.family}-*.marshal"):
            if old != self.path:
                try:
                    old.unlink()
                except OSError:
                    pass

    def _dumps(self, generation: int, kept: dict[Any, Any], last_used: dict[Any, int]) -> bytes:
        stamps = {k: last_used[k] for k in kept}
        return marshal.dumps({"format": self.FORMAT, "generation": generation, "entries": kept, "last_used": stamps})
