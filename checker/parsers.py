"""The grammars shipped in `grammar/` (installed as `checker.grammar`) and their parsers.

Lark is the grammar compiler: the first time, it builds each grammar (`full_parser`: LALR with the
contextual lexer, `LARK_OPTIONS`) and `checker.lalr.tables_from_lark` reads its parse tables out as
plain data, kept in the private cache (checker/cache.py), keyed by the bytes of every grammar file,
Lark's version, the options and the code that makes and runs the tables (this module and
checker/lalr.py), so an edited grammar or another Lark is never answered from a stale entry. Every
later start runs those tables with checker/lalr.py alone: no `lark` module is imported (its runtime
brings `inspect` and `logging`, ~15 ms of every start with its own code). tests/test_lalr.py holds
the runtime to Lark's own parser, tree for tree.

Checker code takes `Token`, `Tree`, `Transformer` and the `ParseError` a span that is not in its
grammar raises from here.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from checker.lalr import ParseError, Parser, Token, Transformer, Tree, tables_from_lark

__all__ = ["ParseError", "Parser", "Token", "Transformer", "Tree", "forget_parsers", "full_parser",
           "grammar_folder", "grammar_names", "grammar_text", "parser"]

# the options every grammar is built with (checker/lalr.py runs the tables of no other configuration)
LARK_OPTIONS: dict[str, Any] = {"parser": "lalr", "lexer": "contextual"}


def grammar_folder() -> Path:
    # the package's own folder, as importlib.resources.files("checker.grammar") finds it, without
    # its readers (~2 ms of a start, for five small files read on every run to key the cache)
    return Path(__file__).with_name("grammar")


def grammar_text(name: str) -> str:
    return grammar_folder().joinpath(f"{name}.lark").read_text(encoding="utf-8")


def grammar_names() -> list[str]:
    return sorted(n.removesuffix(".lark") for n in os.listdir(grammar_folder()) if n.endswith(".lark"))


def full_parser(name: str) -> Any:  # noqa: ANN401 - a lark.Lark, whose import is what is avoided here
    """The grammar compiled by Lark itself (imports `lark.lark`): where the tables come from, and the
    reference the tests compare the loaded parser with."""
    from lark import Lark

    # a grammar may %import another one's terminals (breakdown.lark takes number.lark's): from this folder
    imports = [str(grammar_folder())]
    return Lark(grammar_text(name), import_paths=imports, **LARK_OPTIONS)


def parse_tables(name: str) -> dict[str, Any]:
    """`full_parser(name)`'s tables as checker/lalr.py runs them (plain data)."""
    return tables_from_lark(full_parser(name))


def _cache_inputs(name: str) -> list[bytes]:
    """What a parser's tables are made from: every grammar file (one may %import another), Lark's
    version (Lark builds them), the options, and the code that reads them out and runs them."""
    own = []
    for path in _code():
        with open(path, "rb") as fh:
            own.append(fh.read())
    return [f"{name}|{sorted(LARK_OPTIONS.items())}".encode(), *own, *_sources()]


def _code() -> list[str]:
    from checker import lalr

    return [__file__, lalr.__file__]


@functools.cache
def _lark_init() -> str:
    """lark/__init__.py (it holds __version__), found as `import lark` would find it, without importing
    it: the runs that find their tables in the cache import no `lark` module at all."""
    import importlib.machinery

    spec = importlib.machinery.PathFinder.find_spec("lark")
    return (spec.origin or "") if spec is not None else ""


@functools.cache
def _sources() -> tuple[bytes, ...]:
    """The grammar files and lark/__init__.py, read once per process."""
    folder = grammar_folder()
    inputs = [f"{g}.lark|".encode() + (folder / f"{g}.lark").read_bytes() for g in grammar_names()]
    lark_init = _lark_init()
    if lark_init:
        with open(lark_init, "rb") as fh:
            inputs.append(fh.read())
    return tuple(inputs)


def forget_parsers() -> None:
    """Drop this process's parsers and grammar sources: the next `parser()` reads them again, as a new
    process does (for tests that edit a copy of the grammars)."""
    parser.cache_clear()
    _sources.cache_clear()
    _watched.cache_clear()


@functools.cache
def _watched() -> tuple[str, ...]:
    """The files whose stats key every grammar's tables (one may %import another), listed once per
    process rather than for each grammar."""
    folder = str(grammar_folder())
    return (*_code(), *(os.path.join(folder, f"{g}.lark") for g in grammar_names()), _lark_init())


def _build_tables(name: str) -> dict[str, Any]:
    from checker.cache import cache_dir

    folder = cache_dir()
    if folder is not None:  # the whole Lark parser its own cache kept before: never read again
        try:
            (folder / f"{name}.lark.cache").unlink(missing_ok=True)
        except OSError:
            pass
    return parse_tables(name)


@functools.cache
def parser(name: str) -> Parser:
    from checker.cache import cached

    # while neither the grammar files, lark/__init__.py nor the code making and running the tables
    # changed their stats, the entry is found without reading or hashing them
    tables = cached(f"lark-{name}", lambda: _cache_inputs(name), lambda: _build_tables(name), files=_watched())
    try:
        return Parser(tables)
    except Exception:  # noqa: BLE001 - an entry that is no parse table after all: from the grammar
        return Parser(parse_tables(name))
