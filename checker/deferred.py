"""Two standard modules the command imports without loading what they import for rare uses.

- `dataclasses` imports `inspect` and uses it for one thing: the docstring it writes for a class that
  has none (`inspect.signature`; every dataclass of the package has its own, tests/test_start.py
  keeps it so). `inspect` brings `ast`, `dis`, `tokenize`, `linecache` and their data: ~4 ms of a
  one-page check.
- `pathlib` imports `urllib.parse`, which imports `ipaddress` for the bracketed hosts of URLs
  (`urlsplit("http://[::1]/")`), a parse a text check never makes: ~1 ms.

Each is imported with a stand-in for the module it does not need yet, which imports the real module
on its first use; the stand-in is then taken out of `sys.modules`, so nothing else sees it: `import
inspect` anywhere gives the real module, and `dataclasses.inspect.signature(...)` still works.

Only `checker/cli.py` imports this, first, before anything imports `dataclasses` or `pathlib` (the
library leaves the standard modules alone in the programs that import it); in a program that has
imported them already it does nothing.
"""

from __future__ import annotations

import sys
import types


class _Deferred(types.ModuleType):
    """Stands for a module until one of its attributes is asked for: then the real one is imported."""

    def __getattr__(self, name: str) -> object:
        import importlib

        if sys.modules.get(self.__name__) is self:  # asked while the importing module is being imported
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), name)


def import_deferring(module: str, deferred: str) -> None:
    """Import `module`, which does `import deferred` for rare uses only, with `deferred` left unloaded."""
    if module in sys.modules or deferred in sys.modules:
        return
    stand_in = sys.modules[deferred] = _Deferred(deferred)
    try:
        __import__(module)
    finally:
        if sys.modules.get(deferred) is stand_in:
            del sys.modules[deferred]


import_deferring("dataclasses", "inspect")
import_deferring("urllib.parse", "ipaddress")
