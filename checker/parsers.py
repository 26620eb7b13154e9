"""Load the Lark grammars shipped in `grammar/` (installed as `checker.grammar`).

LALR with the contextual lexer and `cache=True`: parsers are built once per process (a few ms from
the cache) and only ever parse the short spans that a regex pre-scan found.
"""

from __future__ import annotations

import functools
import tempfile
from importlib import resources
from pathlib import Path

from lark import Lark


def grammar_text(name: str) -> str:
    return resources.files("checker.grammar").joinpath(f"{name}.lark").read_text(encoding="utf-8")


@functools.cache
def parser(name: str) -> Lark:
    cache_dir = Path(tempfile.gettempdir()) / "baocao-lint-cache"
    try:
        cache_dir.mkdir(exist_ok=True)
        cache: bool | str = str(cache_dir / f"{name}.lark.cache")
    except OSError:
        cache = False
    try:
        return Lark(grammar_text(name), parser="lalr", lexer="contextual", cache=cache)
    except (OSError, EOFError):  # an unreadable or truncated cache file: build without it
        return Lark(grammar_text(name), parser="lalr", lexer="contextual")
