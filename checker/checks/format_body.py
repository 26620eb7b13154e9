"""Format rules (TH02x, TH030) for the body text and the page numbers: written next."""

from __future__ import annotations

from collections.abc import Iterator

from checker.ruledata_format import FormatRules


def body_requirements(code: str, rules: FormatRules, lang: str) -> Iterator[tuple[str, str, str, bool]]:
    return iter(())
