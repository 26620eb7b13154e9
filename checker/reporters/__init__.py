"""Reporters turn a list of `FileReport`s into text for a terminal, a program or a browser.

Each reporter is a function `(reports, lang, color) -> str`, registered in `REPORTERS` by format name.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from checker.report import FileReport
from checker.reporters.text import render_text

Reporter = Callable[[list[FileReport], str, bool], str]


def _lazy(name: str, module_name: str | None = None) -> Reporter:
    """A reporter whose module (checker.reporters.<name>) is imported when it is first used: a hook
    run printing JSON need not load the HTML page's template or the SARIF rule table, a text run not
    even `json`."""

    def render(reports: list[FileReport], lang: str, color: bool) -> str:
        module = importlib.import_module(f"checker.reporters.{module_name or name}")  # registers the real function
        return getattr(module, f"render_{name}")(reports, lang, color)

    return render


REPORTERS: dict[str, Reporter] = {
    "text": render_text,
    "json": _lazy("json", "json_out"),
    "sarif": _lazy("sarif"),
    "github": _lazy("github"),
    "html": _lazy("html"),
}


def register(name: str, func: Reporter) -> None:
    REPORTERS[name] = func
