"""Vietnamese numbers: the one place that reads them, writes them and says when two of them agree.

Reports write numbers the Vietnamese way: "." groups thousands and "," marks decimals
(`1.234.567,5`); a score is small and never grouped, so there the occasional English "4.5" is a
decimal too. A written figure also says how precise the writer was: "7,0" claims one decimal where
"7" claims none, and that is what the interval rule compares against.

- Reading: `parse` (the grammar `grammar/number.lark`: a figure, a percentage or a ratio "15/19"),
  `quantity` (a single figure), `score_value`/`score_cell` (a score as written in prose or in a
  table cell), `percent_figure` (the figure before a "%"), `decimals_written`.
- Writing: `format_number` (`1.234.567,5`), `format_score` (`4,5`, `10`), `format_computed`
  (a computed value shown at the writer's precision or two decimals).
- Comparing: `agrees`, the interval rule, and `sum_agrees`, its form for a sum of rounded figures.

Values are always `Decimal`, never float: "0,1 + 0,2" must be "0,3".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# A number in prose: grouped thousands ("1.234.567,5") or plain digits with decimals ("5000", "88,6").
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
# A figure standing alone: not a fragment of a ratio or date ("1/500", "29/8/2023"), a heading number or a code.
STANDALONE_NUMBER = re.compile(
    r"(?<![\w.,/])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\w.,/]\d)|(?<![\w.,/])\d+(?:,\d+)?(?![\w]|[.,/]\d)"
)
# A score as reports write it: "89", "4,5", "4.5", "5,0" (never thousands in a score).
SCORE = r"\d{1,3}(?:[.,]\d{1,2})?"
_SCORE_CELL = re.compile(r"^[+-]?\d{1,3}(?:[.,]\d{1,2})?$")
_SCORE_UNIT = re.compile(r"\s*(?:điểm|đ)\.?$", re.IGNORECASE)
_LAST_DECIMALS = re.compile(r"[.,](\d+)\s*(?:điểm|đ)?\.?\s*$", re.IGNORECASE)


# -- reading ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Quantity:
    """A written number: its value and how many decimals the writer gave (for the interval rule)."""

    value: Decimal
    decimals: int
    text: str
    percent: bool = False

    @property
    def half_unit(self) -> Decimal:
        """Half the last written unit: "88,6" stands for [88,55; 88,65]."""
        return half_unit(self.decimals)


def _figure(integer: str, decimal: str | None) -> Quantity:
    if decimal:
        digits = decimal.lstrip(",")
        return Quantity(value=Decimal(f"{integer}.{digits}"), decimals=len(digits), text=f"{integer},{digits}")
    return Quantity(value=Decimal(integer), decimals=0, text=integer)


def _transformer():  # noqa: ANN202 - lark is imported when a number is first parsed
    from checker.parsers import Token, Transformer

    class NumberTx(Transformer):
        def grouped(self, items: list[Token]) -> Quantity:
            q = _figure(str(items[0]).replace(".", ""), str(items[1]) if len(items) > 1 else None)
            # keep the figure as written ("4.028", not "4028"): ratio parts are quoted in messages
            return replace(q, text="".join(str(t) for t in items))

        def plain(self, items: list[Token]) -> Quantity:
            return _figure(str(items[0]), str(items[1]) if len(items) > 1 else None)

        def percent(self, items: list[Quantity]) -> Quantity:
            return replace(items[0], percent=True)

        def ratio(self, items: list[Quantity]) -> tuple[Quantity, Quantity]:
            return items[0], items[1]

        def start(self, items: list[Quantity | tuple[Quantity, Quantity]]) -> Quantity | tuple[Quantity, Quantity]:
            return items[0]

    return NumberTx()


@functools.cache
def _number_tx():  # noqa: ANN202 - see _transformer
    return _transformer()


@functools.lru_cache(maxsize=8192)
def parse(text: str) -> Quantity | tuple[Quantity, Quantity] | None:
    """`1.783,39` → 1783.39 (2 decimals); `77,73 %` → a percentage; `15/19` → (15, 19); else None."""
    from checker.parsers import ParseError, parser

    try:
        tree = parser("number").parse(text.strip())
    except ParseError:
        return None
    result = _number_tx().transform(tree)
    if isinstance(result, Quantity):
        return replace(result, text=text.strip())
    return result


def quantity(text: str) -> Quantity | None:
    """A single figure (a percentage included); a ratio or anything else → None."""
    q = parse(text)
    return q if isinstance(q, Quantity) else None


def score_value(text: str) -> Decimal:
    """A score already matched as `SCORE` ("4,5", "4.5", "10") → Decimal."""
    return Decimal(text.strip().replace(",", "."))


def score_cell(text: str) -> Decimal | None:
    """A table cell holding a score: `5` → 5, `4,5` and `4.5` → 4.5, `5,0` → 5.0, `9 điểm` → 9; else None."""
    # a unit written in the cell ("10 điểm", "9đ") is still the number
    t = _SCORE_UNIT.sub("", text.strip()).replace(" ", "")
    if not _SCORE_CELL.match(t):
        return None
    try:
        return Decimal(t.replace(",", "."))
    except InvalidOperation:
        return None


def percent_figure(text: str) -> tuple[Decimal, int]:
    """Value and decimals written of the figure before a "%": Vietnamese "88,6" → (88.6, 1), and the
    occasional English "27.1" → (27.1, 1) (a dot before one or two digits cannot group thousands)."""
    if "," in text:
        whole, frac = text.split(",", 1)
    elif "." in text:
        whole, frac = text.split(".", 1)
    else:
        whole, frac = text, ""
    return Decimal(f"{whole}.{frac}" if frac else whole), len(frac)


def decimals_written(text: str | None) -> int:
    """Digits written after the decimal separator: "4,5" → 1, "5,0" → 1, "10" → 0, "4,5 điểm" → 1."""
    if not text:
        return 0
    m = _LAST_DECIMALS.search(text.strip())
    return len(m.group(1)) if m else 0


# -- writing ----------------------------------------------------------------------------------------
def format_number(value: Decimal) -> str:
    """Vietnamese rendering of a computed figure: 1234567.50 → "1.234.567,5" (trailing zeros dropped)."""
    sign = "-" if value < 0 else ""
    integer, _, frac = format(abs(value), "f").partition(".")
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    frac = frac.rstrip("0")
    return sign + ".".join(groups) + ("," + frac if frac else "")


def format_score(value: Decimal) -> str:
    """Vietnamese rendering of a score: 4.5 → "4,5"; 10.0 → "10"; 4.50 keeps its "4,50" (no grouping:
    a score is never in the thousands)."""
    text = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    return text.replace(".", ",")


def format_computed(value: Decimal, decimals: int) -> str:
    """A computed value as a message shows it beside a stated one: rounded half up to the writer's
    decimals, or two when the writer gave fewer (so that "88,06" explains a stated "88,6")."""
    places = max(2, decimals)
    return format_number(value.quantize(Decimal(10) ** -places, rounding=ROUND_HALF_UP))


# -- comparing: the interval rule ----------------------------------------------------------------------
def half_unit(decimals: int) -> Decimal:
    """Half the last unit of a figure written with `decimals` digits: 1 → 0,05; 0 → 0,5."""
    return Decimal(5) * Decimal(10) ** (-(decimals + 1))


def agrees(true: Decimal, stated: Decimal, places: int) -> bool:
    """The interval rule (anchors-parsing.md §3): a figure written with `places` decimals is right when
    the true value rounds OR truncates to it.

    Rounding: true ∈ [stated − ½u, stated + ½u] (closed, so both half-up and half-even pass);
    truncation: true ∈ [stated, stated + u) — XBRL Calculations 1.1 `rangeValue`, statcheck. Callers
    pass the precision the figure claims; for scores, the larger of the stated figure's and the
    addends' (scores are awarded, not measured: "10" for 4,5 + 5 is not a rounding).
    """
    unit = Decimal(10) ** -places
    if stated - unit / 2 <= true <= stated + unit / 2:
        return True
    return stated <= true < stated + unit


def sum_agrees(parts: list[tuple[Decimal, int]], total: tuple[Decimal, int]) -> bool:
    """The interval rule over a sum of (value, decimals) figures: each stands for a value within half its
    last unit, so the parts may miss the total by the sum of those halves. A whole number is a count and
    stands for itself (no slack)."""
    s = sum((v for v, _ in parts), Decimal(0))
    slack = sum((half_unit(d) for _, d in (*parts, total) if d), Decimal(0))
    return abs(s - total[0]) <= slack
