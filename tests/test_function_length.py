"""No function in checker/ is longer than 80 lines: a longer one is split where its parts have names.

Measured from the `def` line to the function's last line (docstring and comments included), by the
AST, so a nested function counts inside the one that holds it and on its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

CHECKER = Path(__file__).resolve().parents[1] / "checker"
MOST_LINES = 80

# Functions allowed to be longer, each with the reason. Keep this list short: a reason must say why
# the function reads better whole than split.
ALLOWED: dict[str, str] = {
    "cli.py:build_parser": "one flat declaration of the command line's options, one add_argument a line",
}


def long_functions(source: str, label: str) -> list[tuple[str, int]]:
    """(`file:function`, lines) of every function of `source` longer than MOST_LINES."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > MOST_LINES:
                out.append((f"{label}:{node.name}", lines))
    return out


def test_no_function_in_checker_is_longer_than_80_lines() -> None:
    found = []
    for path in sorted(CHECKER.rglob("*.py")):
        label = path.relative_to(CHECKER).as_posix()
        found += [(name, n) for name, n in long_functions(path.read_text(encoding="utf-8"), label) if name not in ALLOWED]
    assert not found, f"split these functions where their parts have names: {found}"


def test_the_allow_list_names_only_long_functions() -> None:
    """An entry whose function was split (or renamed) goes from the list."""
    still_long = set()
    for path in sorted(CHECKER.rglob("*.py")):
        label = path.relative_to(CHECKER).as_posix()
        still_long |= {name for name, _ in long_functions(path.read_text(encoding="utf-8"), label)}
    assert set(ALLOWED) <= still_long, set(ALLOWED) - still_long


def test_the_measure() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MOST_LINES - 1))
    assert long_functions(f"def ok():\n{body}\n", "m.py") == []  # exactly 80 lines
    assert long_functions(f"def too_long():\n{body}\n    return 1\n", "m.py") == [("m.py:too_long", 81)]
    nested = f"def outer():\n    def inner():\n    {body.replace(chr(10), chr(10) + '    ')}\n        return 1\n    return inner\n"
    assert [name for name, _ in long_functions(nested, "m.py")] == ["m.py:outer", "m.py:inner"]
