"""Load the Lark grammars shipped in `grammar/` (installed as `checker.grammar`).

LALR with the contextual lexer and Lark's cache: parsers are built once per process (a few ms from
the cache) and only ever parse the short spans that a regex pre-scan found.
"""

from __future__ import annotations

import functools
from importlib import resources

from lark import Lark

from checker.cache import cache_dir


def grammar_text(name: str) -> str:
    return resources.files("checker.grammar").joinpath(f"{name}.lark").read_text(encoding="utf-8")


@functools.cache
def parser(name: str) -> Lark:
    # Lark's cache is a pickle: it lives in the user's private cache folder, never in the shared
    # temporary folder where another user could plant one (checker/cache.py)
    folder = cache_dir()
    cache: bool | str = str(folder / f"{name}.lark.cache") if folder is not None else False
    # a grammar may %import another one's terminals (breakdown.lark takes number.lark's): from this folder
    imports = [str(resources.files("checker.grammar"))]
    try:
        return Lark(grammar_text(name), parser="lalr", lexer="contextual", cache=cache, import_paths=imports)
    except (OSError, EOFError):  # an unreadable or truncated cache file: build without it
        return Lark(grammar_text(name), parser="lalr", lexer="contextual", import_paths=imports)
