"""Compiled regular expressions kept between runs of the command line.

Compiling the ~300 patterns of the rules, the lexicon and the grammars' lexers is about a third of the
command's start: Python's `re` parses each pattern and builds its matcher code in Python, every
process again. The matcher code is plain data (a list of integers, the group names), so it is kept
in the user's private cache folder (`checker/cache.py`: `cache_dir`) and handed back to `_sre`, the
C matcher, which builds the same pattern object from it in microseconds.

Only the command line installs this (`install()` in `checker/cli.py`): the library leaves `re` alone
in the programs that import it. The file is `marshal` data (it can hold no code to run), keyed by the
Python version and `_sre.MAGIC` (the matcher's format); a pattern is looked up by its text and flags,
so the pattern object is the one `re` would have built. The command and each of its worker processes
merge what they compiled into it (`checker.cache.KeptMarshal`). Anything unexpected (Python 3.10's
older internals, a damaged file, a read-only folder) falls back to `re`'s own compiling.
"""

from __future__ import annotations

import atexit
import os
import sys
from array import array
from collections.abc import Callable
from typing import Any

from checker import __version__
from checker.cache import KeptMarshal, cache_dir

# Patterns kept at most: those of the rule modules, rule data and grammars (~300) with room for a
# document's own (a few per report), so a long batch does not grow the file without end.
MAX_ENTRIES = 2000

_store: KeptMarshal | None = None


def install() -> None:
    """From now on, compile regular expressions from the kept matcher code when it is there."""
    global _store
    if _store is not None:
        return
    try:
        import _sre
        from re import _compiler, _constants, _parser  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10: compile as usual
        return
    folder = cache_dir()
    if folder is None:
        return
    if _sre.CODESIZE != array("I").itemsize:  # pragma: no cover - a platform whose C int is not SRE_CODE
        return
    store = _store = KeptMarshal(folder, file_name(), "regex", MAX_ENTRIES)
    stored, used = store.stored, store.used
    plain_compile = _compiler.compile

    def compile_kept(p: Any, flags: int = 0) -> Any:  # noqa: ANN401 - re's own signature
        if not isinstance(p, str | bytes) or flags & _constants.SRE_FLAG_DEBUG:
            return plain_compile(p, flags)
        key = (isinstance(p, str), p, flags)
        entry = stored.get(key)
        if entry is not None:
            try:
                pattern = _sre.compile(p, entry[0], _code_of(entry[1]), entry[2], dict(entry[3]), tuple(entry[4]))
            except Exception:  # noqa: BLE001 - an entry _sre does not take: compile it as re does
                pass
            else:
                used[key] = entry
                return pattern
        # what re._compiler.compile does, keeping its intermediate results
        parsed = _parser.parse(p, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are an int subclass: plain ints
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        entry = (flags | parsed.state.flags, _words(code), parsed.state.groups - 1, groupindex, tuple(indexgroup))
        if len(used) < MAX_ENTRIES:
            used[key] = entry
        return _sre.compile(p, entry[0], code, entry[2], groupindex, entry[4])

    _compiler.compile = compile_kept
    pid = os.getpid()
    atexit.register(lambda: save() if os.getpid() == pid else None)  # the command; a worker calls save()


def file_name() -> str:
    """The kept file of this Python and this version (`_sre.MAGIC`: the matcher code's format); the
    cache's pruning keeps it (checker/cache.py: `prune_unused`)."""
    import _sre

    ver = ".".join(str(v) for v in sys.version_info[:3])
    return f"regex-{ver}-{_sre.MAGIC}-{__version__}.marshal"


def kept_text(key: tuple[str, ...], build: Callable[[], str]) -> str:
    """`build()`, the text of a pattern built from data (`checker/scan.py`'s alternations of the rule
    data's words), or the text an earlier run built for the same `key` (the data it is built from, in
    full). Kept with the compiled patterns, which `re` then reads back in its turn; without `install()`
    (the library) it is simply built."""
    store = _store
    if store is None:
        return build()
    entry = ("text", *key)
    text = store.stored.get(entry)
    if not isinstance(text, str):
        text = build()
    if len(store.used) < MAX_ENTRIES:
        store.used[entry] = text
    return text


def _words(code: list[int]) -> bytes:
    """The matcher code as the bytes of its 32-bit words: `marshal` reads a bytes object back in one
    copy, where a list of ints is one object per word (~450 KB of them, ~2 ms of every start)."""
    return array("I", code).tobytes()


def _code_of(words: bytes) -> list[int]:
    code = array("I")
    code.frombytes(words)
    return code.tolist()


def save() -> None:
    """Merge the patterns this process compiled into the kept file (at the command's exit, and by each
    worker process when it stops: a worker leaves without running atexit, and what it compiled for
    the files it checked would otherwise be compiled again by every run's worker)."""
    if _store is not None:
        _store.save()
