"""The compiled code of the dataclasses' generated methods, kept between runs of the command line.

`@dataclass` writes the source of each class's `__init__`, `__repr__`, `__eq__` … and compiles it with
`exec` when the class is defined: ~400 small functions for the ~100 dataclasses a check imports, and
compiling them was about a fifth of the command's start. The source depends only on the class's
fields, so the code object compiled from it is kept in the user's private cache folder
(`checker/cache.py`: `cache_dir`) and `exec` runs that instead: the same functions, not compiled again.

Like `checker/recache.py`, only the command line installs this (`install()` in `checker/cli.py`); the
library leaves `dataclasses` alone in the programs that import it. The file is `marshal` data keyed by
the exact Python build (code objects are specific to it), a source is looked up by its whole text;
anything unexpected (a damaged file, a read-only folder) falls back to compiling as usual.
"""

from __future__ import annotations

import atexit
import builtins
import marshal
import os
import sys
from types import CodeType
from typing import Any

from checker import __version__
from checker.cache import KeptMarshal, cache_dir

# Sources kept at most (a check defines ~400 methods): a bound so the file cannot grow without end.
MAX_ENTRIES = 4000

_store: KeptMarshal | None = None


def install() -> None:
    """From now on, `dataclasses` runs the kept code of a method whose source it compiled before."""
    global _store
    if _store is not None:
        return
    folder = cache_dir()
    if folder is None:
        return
    import dataclasses

    store = _store = KeptMarshal(folder, file_name(), "dataclass-code", MAX_ENTRIES)
    stored, used = store.stored, store.used
    plain_exec = builtins.exec

    def exec_kept(source: Any, globals: Any = None, locals: Any = None) -> None:  # noqa: ANN401, A002 - exec's own
        if isinstance(source, str):
            entry = stored.get(source)
            code = _code_of(entry) if isinstance(entry, bytes) else None
            if code is None:
                # what exec(source) compiles: dataclasses.py has no __future__ import to inherit
                code = compile(source, "<string>", "exec", dont_inherit=True)
                entry = marshal.dumps(code)
            if len(used) < MAX_ENTRIES:
                used[source] = entry
            source = code
        plain_exec(source, globals, locals)

    # `exec` as dataclasses' functions see it (a module global shadows the builtin); nothing else changes
    dataclasses.exec = exec_kept  # type: ignore[attr-defined]
    pid = os.getpid()
    atexit.register(lambda: save() if os.getpid() == pid else None)  # the command; a worker calls save()


def _code_of(entry: bytes) -> CodeType | None:
    try:
        code = marshal.loads(entry)
    except (EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def file_name() -> str:
    """The kept file of this exact Python build and this version; the cache's pruning keeps it
    (checker/cache.py: `prune_unused`). Each method's code is kept as its own marshal bytes ("-b"),
    read back when a class asks for it: a check defines ~340 of the file's ~550 (the others are for
    the .docx reader, the web desk …), and reading all of them as code objects at every start was
    ~2 ms and 1.4 MB (files without the suffix held code objects)."""
    build = 0x811C9DC5  # FNV-1a of the build's version string: a crc32 imported zlib (~0.5 ms) for it
    for byte in sys.version.encode():
        build = ((build ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"dataclass-code-{sys.implementation.cache_tag}-{build:08x}-{__version__}-b.marshal"


def save() -> None:
    """Merge the methods this process compiled into the kept file (at the command's exit, and by each
    worker process when it stops: a module a worker imports for its files, a .docx reader's, say,
    would otherwise be compiled again by every run's worker)."""
    if _store is not None:
        _store.save()
