"""Reporters turn a list of `FileReport`s into text for a terminal, a program or a browser.

Each reporter is a function `(reports, lang, color) -> str`, registered in `REPORTERS` by format name.
"""

from __future__ import annotations

from collections.abc import Callable

from checker.report import FileReport
from checker.reporters.json_out import render_json
from checker.reporters.text import render_text

Reporter = Callable[[list[FileReport], str, bool], str]

REPORTERS: dict[str, Reporter] = {
    "text": render_text,
    "json": render_json,
}


def register(name: str, func: Reporter) -> None:
    REPORTERS[name] = func


def _load_optional() -> None:
    """Reporters in their own modules register themselves when present."""
    import importlib

    for module in ("sarif", "github", "html"):
        try:
            importlib.import_module(f"checker.reporters.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"checker.reporters.{module}":
                raise


_load_optional()
