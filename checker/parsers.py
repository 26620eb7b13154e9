"""Load the Lark grammars shipped in `grammar/` (installed as `checker.grammar`).

LALR with the contextual lexer. The grammars are the one source: Lark builds each parser from its
grammar (`full_parser`) the first time, and its parse tables (`Lark.memo_serialize`: plain dicts and
lists, no code) are kept in the private cache (checker/cache.py), keyed by the bytes of every grammar
file and Lark's version, so an edited grammar or another Lark is never answered from a stale entry.
Every later start rebuilds the parser from those tables with Lark's runtime modules only (lexer, LALR
parser, tree builder: what `Lark.load` does), without `lark.lark`, which imports the grammar compiler
and the Earley, XEarley and CYK parsers (`lark.load_grammar` and `lark.parser_frontends`, 14-20 ms of
every start) for parsers the checker never uses.

`lark/__init__` itself imports `lark.lark`, so `lark` is registered as a package whose own module is
run only when one of its names is first asked for (`_lark_package_on_demand`): `lark.lexer` and the
other runtime modules load without it, while `import lark; lark.Lark(...)` in the same process (a
test, a program using the checker as a library) still works and gets the real package.
Checker code takes Lark's names from here (`from checker.parsers import Token, Tree, ...`): a
`from lark import Token` would run the whole `lark/__init__`.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from pathlib import Path
from typing import Any


def _lark_package_on_demand() -> None:
    """Register `lark` so that `lark.<submodule>` imports without running `lark/__init__`, which
    runs on first access of a name of the package (`lark.Lark`, `from lark import Tree`). Nothing
    to do when Lark is loaded already or is not installed (the import below then fails as usual)."""
    if "lark" in sys.modules:
        return
    import importlib.util
    from _thread import RLock

    spec = importlib.util.find_spec("lark")
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        return
    package = importlib.util.module_from_spec(spec)  # __path__, __spec__, __file__: not yet run
    lock = RLock()  # a second thread waits for the first one's run; the same thread may re-enter
    started: list[bool] = []

    def __getattr__(name: str) -> Any:  # noqa: ANN401 - any of the package's names
        with lock:
            if not started:
                started.append(True)
                spec.loader.exec_module(package)  # lark/__init__ as `import lark` runs it
        try:
            return package.__dict__[name]
        except KeyError:
            raise AttributeError(f"module 'lark' has no attribute {name!r}") from None

    package.__getattr__ = __getattr__  # type: ignore[attr-defined] - PEP 562
    sys.modules["lark"] = package


_lark_package_on_demand()

# Lark's runtime: what a parser loaded from its tables needs, and the names checker code uses
from lark.common import LexerConf  # noqa: E402
from lark.exceptions import LarkError, UnexpectedInput  # noqa: E402
from lark.grammar import Rule  # noqa: E402
from lark.lexer import ContextualLexer, LexerThread, TerminalDef, Token  # noqa: E402
from lark.parse_tree_builder import ParseTreeBuilder  # noqa: E402
from lark.parsers.lalr_parser import LALR_Parser  # noqa: E402
from lark.tree import Tree  # noqa: E402
from lark.utils import SerializeMemoizer  # noqa: E402
from lark.visitors import Transformer  # noqa: E402

__all__ = ["LalrParser", "LarkError", "Token", "Transformer", "Tree", "UnexpectedInput",
           "forget_parsers", "full_parser", "grammar_folder", "grammar_names", "grammar_text", "parser"]

# the options every grammar is built with; `LalrParser` rebuilds exactly this configuration
LARK_OPTIONS: dict[str, Any] = {"parser": "lalr", "lexer": "contextual"}
# and what it does not rebuild: serialised tables with other values are refused
_LARK_DEFAULTS: dict[str, Any] = {"postlex": None, "transformer": None, "lexer_callbacks": {}, "regex": False,
                                  "tree_class": None, "_plugins": {}}


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
    """`full_parser(name)`'s tables as Lark serialises them (`Lark.save` writes the same dict)."""
    data, memo = full_parser(name).memo_serialize([TerminalDef, Rule])
    return {"data": data, "memo": memo}


class LalrParser:
    """What the checker uses of a `lark.Lark`: `parse(text)`, giving the same `Tree` or raising the same
    `LarkError` subclass. Built from the serialised tables as `Lark._load` and `ParsingFrontend` build
    a parser read from Lark's own cache, for LALR with the contextual lexer and no transformer,
    post-lexer or lexer callbacks (what `LARK_OPTIONS` builds)."""

    def __init__(self, tables: dict[str, Any]) -> None:
        data = tables["data"]
        options = data["options"]
        if any(options.get(k) != v for k, v in {**LARK_OPTIONS, **_LARK_DEFAULTS}.items()):
            raise ValueError(f"not an LALR parser with the contextual lexer: {options!r}")
        self.parser_type: str = options["parser"]
        self.lexer_type: str = options["lexer"]
        memo = SerializeMemoizer.deserialize(tables["memo"], {"Rule": Rule, "TerminalDef": TerminalDef}, {})
        rules = [Rule.deserialize(r, memo) for r in data["rules"]]
        lexer_conf = LexerConf.deserialize(data["parser"]["lexer_conf"], memo)
        lexer_conf.callbacks = {}
        lexer_conf.re_module = re
        lexer_conf.use_bytes = options["use_bytes"]
        lexer_conf.g_regex_flags = options["g_regex_flags"]
        lexer_conf.skip_validation = True
        lexer_conf.postlex = None
        callbacks = ParseTreeBuilder(
            rules, Tree, options["propagate_positions"], False, options["maybe_placeholders"]
        ).create_callback(None)
        self._parser = LALR_Parser.deserialize(data["parser"]["parser"], memo, callbacks, options["debug"])
        states = {state: list(actions) for state, actions in self._parser._parse_table.states.items()}
        self._lexer = ContextualLexer(lexer_conf, states, always_accept=())
        [self._start] = options["start"]

    def parse(self, text: str) -> Tree:
        return self._parser.parse(LexerThread.from_text(self._lexer, text), self._start)


def _cache_inputs(name: str) -> list[bytes]:
    """What a parser's tables are made from: every grammar file (one may %import another), Lark's
    version (the tables are its own serialisation), the options and this module's code."""
    with open(__file__, "rb") as fh:
        own = fh.read()
    return [f"{name}|{sorted(LARK_OPTIONS.items())}".encode(), own, *_sources()]


@functools.cache
def _sources() -> tuple[bytes, ...]:
    """The grammar files and lark/__init__.py (it holds __version__), read once per process."""
    folder = grammar_folder()
    inputs = [f"{g}.lark|".encode() + (folder / f"{g}.lark").read_bytes() for g in grammar_names()]
    with open(sys.modules["lark"].__file__ or "", "rb") as fh:
        inputs.append(fh.read())
    return tuple(inputs)


def forget_parsers() -> None:
    """Drop this process's parsers and grammar sources: the next `parser()` reads them again, as a new
    process does (for tests that edit a copy of the grammars)."""
    parser.cache_clear()
    _sources.cache_clear()


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
def parser(name: str) -> LalrParser:
    from checker.cache import cached

    # while neither the grammar files, lark/__init__.py nor this module (LARK_OPTIONS, how the tables
    # are made) changed their stats, the entry is found without reading or hashing them
    watched = [__file__, *(grammar_folder() / f"{g}.lark" for g in grammar_names()), sys.modules["lark"].__file__ or ""]
    tables = cached(f"lark-{name}", lambda: _cache_inputs(name), lambda: _build_tables(name), files=watched)
    try:
        return LalrParser(tables)
    except Exception:  # noqa: BLE001 - an entry that is no parse table after all: from the grammar
        return LalrParser(parse_tables(name))
