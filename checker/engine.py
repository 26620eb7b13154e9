"""The rule engine: a registry of rules and the loop that runs them.

A rule is a small unit (code, category, severity, summary, explanation, bad and good example,
messages in Vietnamese and English) and a pure function from the `Context` to `Hit`s. The engine
knows nothing about any one rule. `@rule` describes a check function; each module under
`checker/checks/` lists its rules in `RULES`, and the registry reads those lists from the modules that
`checker.categories` names for each category (no import side effects: a rule not listed is not run,
and tests/test_engine.py fails on a decorated function left out of its module's list).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from checker.categories import CATEGORIES, PREFIX
from checker.categories import Category as CategoryInfo

if TYPE_CHECKING:
    from checker.context import Context

Category = str  # a name in checker.categories.CATEGORIES
Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True)
class Hit:
    """What a check found: a span of the normalised text and the values its message needs."""

    start: int
    end: int
    args: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None  # overrides the rule's default (e.g. info for a lost header)
    fix: str | None = None  # replacement text for [start, end) when the fix is safe
    # more (start, end, replacement) spans the same fix applies to: one finding per word, every occurrence fixed
    also_fix: tuple[tuple[int, int, str], ...] = ()
    evidence: str | None = None  # defaults to the line holding `start`
    variant: str | None = None  # key into Rule.variants for a different message


@dataclass(frozen=True)
class Rule:
    """One rule of the registry: its code, category, severity, messages and the function that checks."""
    code: str
    name: str
    category: Category
    severity: Severity
    summary_vi: str
    summary_en: str
    message_vi: str
    message_en: str
    explanation: str
    bad: str
    good: str
    check: Callable[[Context], Iterable[Hit]]
    variants: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (vi, en) message
    fixable: bool = False

    def message(self, hit: Hit, lang: str) -> str:
        vi, en = self.message_vi, self.message_en
        if hit.variant and hit.variant in self.variants:
            vi, en = self.variants[hit.variant]
        template = en if lang == "en" else vi
        try:
            return template.format(**hit.args)
        except (KeyError, IndexError, ValueError):
            return template


CheckFunction = Callable[["Context"], Iterable[Hit]]


def rule(
    code: str,
    *,
    name: str,
    severity: Severity,
    summary_vi: str,
    summary_en: str,
    message_vi: str,
    message_en: str,
    explanation: str,
    bad: str,
    good: str,
    variants: dict[str, tuple[str, str]] | None = None,
    fixable: bool = False,
) -> Callable[[CheckFunction], CheckFunction]:
    """Describe a check function as a rule (its `Rule` is kept as `func.rule`); listing the function in
    its module's `RULES` registers it. The category follows from the code prefix."""
    category = PREFIX.get(code[:2])
    if category is None:
        raise ValueError(f"rule code {code!r} has no known prefix")

    def describe(func: CheckFunction) -> CheckFunction:
        func.rule = Rule(  # type: ignore[attr-defined]
            code=code,
            name=name,
            category=category,
            severity=severity,
            summary_vi=summary_vi,
            summary_en=summary_en,
            message_vi=message_vi,
            message_en=message_en,
            explanation=explanation.strip(),
            bad=bad,
            good=good,
            check=func,
            variants=variants or {},
            fixable=fixable,
        )
        return func

    return describe


def rules_of(module: object) -> list[Rule]:
    """The rules a module lists in `RULES` (functions decorated with `@rule`)."""
    out = []
    for func in getattr(module, "RULES", ()):
        described = getattr(func, "rule", None)
        if not isinstance(described, Rule):
            raise TypeError(f"{getattr(module, '__name__', module)}.RULES: {func!r} is not decorated with @rule")
        out.append(described)
    return out


def build_registry(categories: Sequence[CategoryInfo] = CATEGORIES) -> dict[str, Rule]:
    """Every rule of every category, read from the `RULES` of the category's modules, by code."""
    registry: dict[str, Rule] = {}
    for cat in categories:
        for module_name in cat.modules:
            module = importlib.import_module(f"checker.checks.{module_name}")
            for r in rules_of(module):
                if r.category != cat.name:
                    raise ValueError(
                        f"rule {r.code} is listed in checker.checks.{module_name} ({cat.name}) "
                        f"but its prefix {r.code[:2]} is the category {r.category}"
                    )
                if r.code in registry:
                    raise ValueError(f"rule code {r.code} registered twice")
                registry[r.code] = r
    return dict(sorted(registry.items()))


# Built on first use; tests may add a throw-away rule to it (and remove it again).
REGISTRY: dict[str, Rule] = {}


def all_rules() -> dict[str, Rule]:
    if not REGISTRY:
        REGISTRY.update(build_registry())
    return dict(sorted(REGISTRY.items()))


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """Codes or prefixes (`DG`, `TD0`, `SL001`); an empty select means all."""
    sel = [s.strip().upper() for s in select if s.strip()]
    ign = [s.strip().upper() for s in ignore if s.strip()]
    out = []
    for code, r in all_rules().items():
        if sel and not any(code.startswith(s) for s in sel):
            continue
        if any(code.startswith(s) for s in ign):
            continue
        out.append(r)
    return out


def unknown_codes(codes: Iterable[str]) -> list[str]:
    known = all_rules()
    return [c for c in codes if c.strip() and not any(k.startswith(c.strip().upper()) for k in known)]
