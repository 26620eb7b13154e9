"""The one list of rule categories: name, code prefix, the modules that hold its rules, and labels.

Everything else reads it: the engine (a code's category follows from its prefix), the registry (which
modules to read rules from), the reporters and the tests. A new category is one entry here and its
module under `checker/checks/`; a new rule touches only its module (see docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """A category of the JSON contract: its name, rule-code prefix, rule modules and labels."""
    name: str  # the JSON contract's `category` ("score")
    prefix: str  # the two letters of its rule codes ("DG")
    modules: tuple[str, ...]  # modules of checker.checks whose RULES lists hold its rules
    label_vi: str
    label_en: str


CATEGORIES: tuple[Category, ...] = (
    Category("score", "DG", ("score", "companion"), "điểm tự chấm", "self-scoring"),
    Category("arithmetic", "SL", ("arithmetic",), "số liệu", "figures"),
    Category("citation", "TD", ("citation",), "trích dẫn", "citations"),
    Category("date", "NG", ("date", "signing"), "ngày tháng", "dates"),
    Category("structure", "VB", ("structure", "provenance"), "bố cục", "structure"),
    Category("style", "TT", ("style",), "trình bày", "style"),
    # thể thức of a Word or PDF file (issue 17)
    Category("format", "TH", ("format", "format_body"), "thể thức", "layout"),
)

NAMES: tuple[str, ...] = tuple(c.name for c in CATEGORIES)
PREFIX: dict[str, str] = {c.prefix: c.name for c in CATEGORIES}
BY_NAME: dict[str, Category] = {c.name: c for c in CATEGORIES}
