"""checker/numbers.py: reading, writing and comparing Vietnamese numbers, in one place.

Expected values come from what a Vietnamese reader takes each string to mean, not from the
checker's output. The grammar's own table (figures, percentages, ratios) is in test_grammar_numbers_dates.
"""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest

from checker import numbers

CHECKER = Path(__file__).resolve().parents[1] / "checker"


# -- the interval rule ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("true", "stated", "decimals", "ok"),
    [
        ("88.0586", "88.6", 1, False),
        ("88.0586", "88.1", 1, True),  # rounds
        ("96.7532", "96.7", 1, True),  # truncates
        ("96.7532", "96.8", 1, True),  # rounds
        ("96.1538", "96.3", 1, False),
        ("95.18", "95", 0, True),
        ("99.49", "99.5", 1, True),
        ("31.07", "77.73", 2, False),
        ("12.25", "12.2", 1, True),  # half-even and truncation both give 12,2
        ("12.25", "12.3", 1, True),  # half-up gives 12,3
        ("12.36", "12.2", 1, False),
        ("9.5", "10", 0, True),  # a score of 9,5 written as 10 is a rounding when only whole points are claimed
        ("9.5", "10", 1, False),  # … but not when the writer claims a decimal
    ],
)
def test_round_or_truncate(true: str, stated: str, decimals: int, ok: bool) -> None:
    assert numbers.agrees(Decimal(true), Decimal(stated), decimals) is ok


def test_sum_agrees_allows_the_halves_of_rounded_figures_only() -> None:
    D = Decimal
    # 1,4 + 2,4 = 3,8 but the true parts may be 1,44 + 2,44 = 3,88 → "3,9" is fine
    assert numbers.sum_agrees([(D("1.4"), 1), (D("2.4"), 1)], (D("3.9"), 1))
    assert not numbers.sum_agrees([(D("1.4"), 1), (D("2.4"), 1)], (D("4.1"), 1))
    # counts are exact: 6 + 7 is 13, never 14
    assert numbers.sum_agrees([(D(6), 0), (D(7), 0)], (D(13), 0))
    assert not numbers.sum_agrees([(D(6), 0), (D(7), 0)], (D(14), 0))


def test_half_unit() -> None:
    assert numbers.half_unit(0) == Decimal("0.5")
    assert numbers.half_unit(2) == Decimal("0.005")


# -- reading ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "value"),
    [("7", "7"), ("6,5", "6.5"), ("6.5", "6.5"), ("8,0", "8.0"), ("9 điểm", "9"), ("7,5đ", "7.5"), ("-2", "-2")],
)
def test_score_cell(cell: str, value: str) -> None:
    got = numbers.score_cell(cell)
    assert got is not None and got == Decimal(value) and str(got) == value


@pytest.mark.parametrize("cell", ["", "x", "1.250", "12,345", "Đạt", "1/2", "1234"])
def test_score_cell_refuses_what_is_not_a_score(cell: str) -> None:
    assert numbers.score_cell(cell) is None


@pytest.mark.parametrize(
    ("text", "value", "decimals"), [("64,25", "64.25", 2), ("27.1", "27.1", 1), ("100", "100", 0), ("3,0", "3.0", 1)]
)
def test_percent_figure(text: str, value: str, decimals: int) -> None:
    assert numbers.percent_figure(text) == (Decimal(value), decimals)


@pytest.mark.parametrize(("text", "n"), [("6,5", 1), ("8,0", 1), ("12", 0), (None, 0), ("7,25 điểm", 2), ("3.5đ.", 1)])
def test_decimals_written(text: str | None, n: int) -> None:
    assert numbers.decimals_written(text) == n


def test_score_value_reads_both_separators() -> None:
    assert numbers.score_value(" 6,5 ") == numbers.score_value("6.5") == Decimal("6.5")


# -- writing ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "text"),
    [("2345678.50", "2.345.678,5"), ("1000", "1.000"), ("999", "999"), ("-4321.25", "-4.321,25"), ("0.10", "0,1"), ("0", "0")],
)
def test_format_number(value: str, text: str) -> None:
    assert numbers.format_number(Decimal(value)) == text


@pytest.mark.parametrize(("value", "text"), [("6.5", "6,5"), ("10.0", "10"), ("7.50", "7,50"), ("100", "100")])
def test_format_score(value: str, text: str) -> None:
    assert numbers.format_score(Decimal(value)) == text


@pytest.mark.parametrize(("value", "decimals", "text"), [("66.6666", 1, "66,67"), ("12.3456", 3, "12,346"), ("1250", 0, "1.250")])
def test_format_computed(value: str, decimals: int, text: str) -> None:
    assert numbers.format_computed(Decimal(value), decimals) == text


def test_written_and_read_back() -> None:
    for value in ("1234.5", "0.75", "2000000"):
        q = numbers.quantity(numbers.format_number(Decimal(value)))
        assert q is not None and q.value == Decimal(value)


# -- one home ----------------------------------------------------------------------------------------
def _comma_to_decimal_calls(tree: ast.AST) -> list[int]:
    """Lines where a `Decimal(...)` is built from text whose comma is replaced by a dot."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Decimal":
            for sub in ast.walk(node):
                if (
                    isinstance(sub, ast.Call)
                    and isinstance(sub.func, ast.Attribute)
                    and sub.func.attr == "replace"
                    and sub.args
                    and isinstance(sub.args[0], ast.Constant)
                    and sub.args[0].value == ","
                ):
                    out.append(node.lineno)
    return out


def test_no_module_but_numbers_reads_a_vietnamese_number_itself() -> None:
    found = {}
    for path in CHECKER.rglob("*.py"):
        if path.name == "numbers.py" and path.parent == CHECKER:
            continue
        lines = _comma_to_decimal_calls(ast.parse(path.read_text(encoding="utf-8")))
        if lines:
            found[str(path.relative_to(CHECKER))] = lines
    assert not found, f"read numbers with checker.numbers instead: {found}"
    # the guard itself sees the form it looks for
    assert _comma_to_decimal_calls(ast.parse('Decimal(t.replace(",", "."))')) == [1]
