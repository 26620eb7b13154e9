"""The rule engine: a registry of rules and the loop that runs them.

A rule is a small unit (code, category, severity, summary, explanation, bad and good example,
messages in Vietnamese and English) and a pure function from the `Context` to `Hit`s. The engine
knows nothing about any one rule: modules under `checker/checks/` register themselves with `@rule`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from checker.context import Context

Category = Literal["score", "arithmetic", "citation", "date", "structure", "style"]
Severity = Literal["error", "warning", "info"]
PREFIX = {"DG": "score", "SL": "arithmetic", "TD": "citation", "NG": "date", "VB": "structure", "TT": "style"}
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True)
class Hit:
    """What a check found: a span of the normalised text and the values its message needs."""

    start: int
    end: int
    args: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None  # overrides the rule's default (e.g. info for a lost header)
    fix: str | None = None  # replacement text for [start, end) when the fix is safe
    evidence: str | None = None  # defaults to the line holding `start`
    variant: str | None = None  # key into Rule.variants for a different message


@dataclass(frozen=True)
class Rule:
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


REGISTRY: dict[str, Rule] = {}


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
) -> Callable[[Callable[[Context], Iterable[Hit]]], Callable[[Context], Iterable[Hit]]]:
    """Register a check function as a rule. The category follows from the code prefix."""
    category = PREFIX.get(code[:2])
    if category is None:
        raise ValueError(f"rule code {code!r} has no known prefix")

    def register(func: Callable[[Context], Iterable[Hit]]) -> Callable[[Context], Iterable[Hit]]:
        if code in REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        REGISTRY[code] = Rule(
            code=code,
            name=name,
            category=category,  # type: ignore[arg-type]
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

    return register


def all_rules() -> dict[str, Rule]:
    import checker.checks  # noqa: F401  (importing registers every rule)

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
