"""Score facts: the self-scoring table regrouped, the scores and claims written in prose, the final figures.

Computed once per report (`Context.score`, a `ScoreFacts`) and read by the DG rules and by the JSON
report's summary (self-assessed total, classification). Nothing here decides whether something is
wrong: that is the rules' job (`checker/checks/score.py`).
"""

from __future__ import annotations

import functools
import re
import weakref
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from checker.model import MadeOnReadList, ScoreRow, ScoreTable, Span
from checker.numbers import SCORE, decimals_written, format_score, score_value
from checker.parsers import parser
from checker.ruledata import Framework
from checker.scan import (
    anchors,
    finditer_at,
    finditer_literals,
    line_windows,
    literal_starts,
)
from checker.source import fold

if TYPE_CHECKING:
    from checker.context import Context

Column = Literal["self", "inspector", "cap"]

# Numbers as reports write scores: "89", "4,5", "4.5", "5,0" (never thousands in a score).
SCORE_NUM = SCORE
# a score standing alone: not part of a longer number, a date or a fraction
STANDALONE_SCORE = rf"(?<![\d.,/]){SCORE_NUM}(?![\d/]|[.,]\d)"


def row_label(row: ScoreRow) -> str:
    """How messages name a row: "Tiêu chí 2, Nội dung 1" for an item."""
    if row.kind == "item" and row.criterion:
        return f"Tiêu chí {row.criterion}, {row.label}"
    return row.label


def cell_span(row: ScoreRow, column: Column) -> tuple[int, int]:
    """The cell at fault, or the row when that cell is empty."""
    span = {"self": row.self_span, "inspector": row.inspector_span, "cap": row.cap_span}[column]
    return (span.start, span.end) if span is not None else (row.start, row.end)


def cell(row: ScoreRow, column: Column) -> tuple[Decimal | None, str | None]:
    """(value, text as written) of one score cell."""
    return {
        "self": (row.self_score, row.self_text),
        "inspector": (row.inspector, row.inspector_text),
        "cap": (row.cap, row.cap_text),
    }[column]


# The three score columns rules compare: (column, how Vietnamese messages name it, English).
COLUMNS: tuple[tuple[Column, str, str], ...] = (
    ("self", "tự chấm", "self"),
    ("inspector", "Tổ kiểm tra chấm", "inspector"),
    ("cap", "chuẩn", "cap"),
)


def single(rows: list[ScoreRow], column: Column) -> tuple[Decimal | None, int, bool]:
    """(value, decimals, conflict) of a cell that may be written on duplicate rows.

    Duplicates that agree count once; duplicates that disagree are a conflict (reported as such) and
    the value is not used, so no sum is built on a figure the table itself contradicts.
    """
    values = [(v, decimals_written(t)) for v, t in (cell(r, column) for r in rows) if v is not None]
    if not values:
        return None, 0, False
    if any(v != values[0][0] for v, _ in values):
        return None, 0, True
    return values[0][0], max(d for _, d in values), False


# ----------------------------------------------------------------------------------------------
# The score sheet: the table regrouped into criteria with their items, the total, the bonus
# ----------------------------------------------------------------------------------------------
class RowsAt(MadeOnReadList[ScoreRow]):
    """Some rows of a table, as their indices in `table.rows` (4 bytes each): each read from the table
    when read here. A list of the rows themselves held every row of a long sheet made at once (the
    table's rows are offsets into the text, `scoretable.ScoreRows`)."""

    __slots__ = ("_rows", "_at")

    def __init__(self, rows: Sequence[ScoreRow] = (), at: Iterable[int] = ()) -> None:
        self._rows = rows
        self._at = array("I", at)

    def append(self, index: int) -> None:
        self._at.append(index)

    def __len__(self) -> int:
        return len(self._at)

    def _make(self, i: int) -> ScoreRow:
        return self._rows[self._at[i]]


@dataclass
class CriterionRows:
    """One criterion of the score table: its own row(s) (more than one = written twice) and its items."""

    number: int
    rows: Sequence[ScoreRow] = field(default_factory=RowsAt)
    items: dict[int, Sequence[ScoreRow]] = field(default_factory=dict)  # item number → row(s)
    # third tier: item number → {sub-item number → row(s)} ("1.2.3" is sub-item 3 of item 2)
    subitems: dict[int, dict[int, Sequence[ScoreRow]]] = field(default_factory=dict)

    @property
    def unscored(self) -> bool:
        """The criterion is "không chấm" (its own row, or every item, says so): out of the sums."""
        if self.rows:
            return all(r.unscored for r in self.rows)
        return bool(self.items) and all(r.unscored for rows in self.items.values() for r in rows)

    def unscored_items(self) -> list[int]:
        return [n for n, rows in self.items.items() if rows and all(r.unscored for r in rows)]

    def value(self, column: Column) -> tuple[Decimal | None, int]:
        """The criterion's figure: its own row, else the sum of its items (tables that score only items)."""
        value, dec, conflict = single(self.rows, column)
        if value is not None or conflict:
            return value, dec
        total, dec, any_item = Decimal(0), 0, False
        for rows in self.items.values():
            v, d, c = single(rows, column)
            if c:
                return None, 0
            if v is not None:
                total, dec, any_item = total + v, max(dec, d), True
        return (total, dec) if any_item else (None, 0)

    def item_parts(self, column: Column) -> list[tuple[Decimal, int]]:
        """(value, decimals) of each item in `column`; [] when an item has no usable figure (an empty
        cell or a contradicting duplicate): then there is no sum to compare."""
        parts: list[tuple[Decimal, int]] = []
        skip = set(self.unscored_items()) if column != "cap" else set()
        for number in sorted(self.items):
            if number in skip:
                continue  # "không chấm": not part of the self-scored sum
            value, dec, conflict = single(self.items[number], column)
            if conflict or value is None:
                return []
            parts.append((value, dec))
        return parts


@dataclass
class ScoreSheet:
    """The score table regrouped: criteria with their items, the total rows, the bonus rows."""

    table: ScoreTable
    criteria: dict[int, CriterionRows] = field(default_factory=dict)
    order: list[int] = field(default_factory=list)  # criterion numbers in table order, repeats kept
    totals: Sequence[ScoreRow] = field(default_factory=RowsAt)
    bonus: Sequence[ScoreRow] = field(default_factory=RowsAt)  # the "Điểm thưởng" row and its content rows
    penalty: Sequence[ScoreRow] = field(default_factory=RowsAt)  # the "Điểm trừ" row(s)
    bonus_first: bool = False  # a bonus row came before the first total row
    from_prose: bool = False  # read from sentences ("Nhóm tiêu chí chung: 28/30 điểm"), not from a table

    @classmethod
    def of(cls, table: ScoreTable, from_prose: bool = False) -> ScoreSheet:
        rows = table.rows
        out = cls(table=table, from_prose=from_prose)
        totals, bonus, penalty = RowsAt(rows), RowsAt(rows), RowsAt(rows)
        out.totals, out.bonus, out.penalty = totals, bonus, penalty
        for i, row in enumerate(rows):
            if row.kind == "criterion" and row.criterion is not None:
                crit = out.criteria.setdefault(row.criterion, CriterionRows(row.criterion, RowsAt(rows)))
                crit.rows.append(i)  # type: ignore[attr-defined] - a RowsAt
                out.order.append(row.criterion)
            elif row.kind == "item" and row.criterion is not None and row.item is not None:
                crit = out.criteria.setdefault(row.criterion, CriterionRows(row.criterion, RowsAt(rows)))
                if row.sub is not None:
                    crit.subitems.setdefault(row.item, {}).setdefault(row.sub, RowsAt(rows)).append(i)  # type: ignore[attr-defined]
                else:
                    crit.items.setdefault(row.item, RowsAt(rows)).append(i)  # type: ignore[attr-defined]
            elif row.kind == "penalty":
                penalty.append(i)
            elif row.kind == "total":
                totals.append(i)
            elif row.kind in ("bonus", "bonus_text"):
                if not totals and row.kind == "bonus":
                    out.bonus_first = True
                bonus.append(i)
        return out

    def bonus_value(self, column: Column = "self") -> tuple[Decimal | None, int, ScoreRow | None]:
        """The bonus awarded: the "Điểm thưởng" row's figure, else its content rows' sum.

        Tables often repeat the bonus on the row holding its description (10 on both rows): equal
        figures count once.
        """
        heads = [r for r in self.bonus if r.kind == "bonus"]
        texts = [r for r in self.bonus if r.kind == "bonus_text"]
        value, dec, conflict = single(heads, column)
        if value is not None:
            return value, dec, heads[0]
        if conflict:
            return None, 0, None
        parts = [(v, decimals_written(t), r) for r in texts for v, t in [cell(r, column)] if v is not None]
        if not parts:
            return None, 0, None
        return sum((v for v, _, _ in parts), Decimal(0)), max(d for _, d, _ in parts), parts[0][2]

    def penalty_value(self, column: Column = "self") -> tuple[Decimal | None, int, ScoreRow | None]:
        """The points taken off ("Điểm trừ" row; written 2 or −2 alike), or None without a figure."""
        value, dec, _ = single(self.penalty, column)
        return (abs(value), dec, self.penalty[0]) if value is not None else (None, 0, None)

    def scored_criteria(self) -> list[CriterionRows]:
        """The criteria that count in the self-scored sums (not "không chấm")."""
        return [c for c in self.criteria.values() if not c.unscored]

    def unscored_cap(self) -> Decimal:
        """The caps left out of the self-scored maximum: "không chấm" criteria and items."""
        total = Decimal(0)
        for crit in self.criteria.values():
            if crit.unscored:
                cap, _ = crit.value("cap")
                total += cap or 0
                continue
            for number in crit.unscored_items():
                cap, _, _ = single(crit.items[number], "cap")
                total += cap or 0
        return total

    def total(self, column: Column = "self") -> tuple[Decimal | None, int, ScoreRow | None]:
        """The table's total before the bonus (the first "Tổng cộng" row)."""
        if not self.totals:
            return None, 0, None
        row = self.totals[0]
        value, text = cell(row, column)
        return value, decimals_written(text), row

    def finals(self) -> list[tuple[Decimal, int]]:
        """The self-scored figures a prose total may quote: the total, and the total plus the bonus."""
        total, dec, _ = self.total()
        if total is None:
            values = [c.value("self") for c in self.scored_criteria()]
            if not values or any(v is None for v, _ in values):
                return []
            total = sum((v for v, _ in values if v is not None), Decimal(0))
            dec = max(d for _, d in values)
        out = [(total, dec)]
        bonus, bonus_dec, _ = self.bonus_value()
        penalty, penalty_dec, _ = self.penalty_value()
        if bonus is not None:
            out.append((total + bonus, max(dec, bonus_dec)))
        if penalty is not None:
            out.append((total + (bonus or 0) - penalty, max(dec, bonus_dec, penalty_dec)))
        return out


# ----------------------------------------------------------------------------------------------
# Narrative sections about one criterion or item
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scope:
    """A narrative section about one criterion ("1. Tiêu chí 1") or one of its items ("1.2. Nội dung 2")."""

    start: int
    end: int
    criterion: int
    item: int | None


@dataclass
class Scopes:
    """The criterion sections and their item sections, each level sorted by start.

    Criterion sections do not overlap one another, nor do item sections, so in each level only the
    scope starting just before an offset can hold it: a bisect instead of a scan per sentence (linear
    scans made long reports quadratic).
    """

    criteria: list[Scope]
    items: list[Scope]

    def __bool__(self) -> bool:
        return bool(self.criteria)

    def at(self, offset: int) -> Scope | None:
        """The innermost section holding `offset`: an item beats its criterion."""
        found: Scope | None = None
        for level in (self.criteria, self.items):
            i = bisect_right(level, offset, key=lambda x: x.start)
            hit = next((x for x in reversed(level[max(0, i - 2) : i]) if offset < x.end), None)
            if hit is not None:
                found = hit
        return found


# ----------------------------------------------------------------------------------------------
# Figures written in prose
# ----------------------------------------------------------------------------------------------
@dataclass
class StatedScore:
    """A self-assessed figure written in prose ("tự chấm đạt 95/100 điểm"), with its scale if written."""

    value: Decimal
    text: str
    start: int
    end: int
    scale: Decimal | None
    scale_span: tuple[int, int] | None
    # (criterion, item) when the figure scores one criterion or item rather than the whole report
    scope: tuple[int, int | None] | None = None


@dataclass(frozen=True)
class Figure:
    """One number of a final-figure sum, as written, with its span."""

    value: Decimal
    text: str
    start: int
    end: int

    @property
    def decimals(self) -> int:
        return decimals_written(self.text)


@dataclass(frozen=True)
class FinalFigure:
    """`a (điểm) + b (điểm thưởng) = c điểm` on a line about the score: total, bonus and result."""

    total: Figure
    bonus: Figure
    result: Figure
    start: int
    end: int
    penalty: Figure | None = None  # "89 + 10 − 2 (điểm trừ) = 97"

    @property
    def computed(self) -> Decimal:
        return self.total.value + self.bonus.value - (self.penalty.value if self.penalty is not None else 0)


@dataclass(frozen=True)
class ClassificationClaim:
    """The report's own classification ("Xếp loại: Tốt"), as written, with its span."""

    label: str
    start: int
    end: int


_SELF = re.compile(r"tự\s+(?:chấm|đánh\s+giá)(?:\s+(?:chấm\s+)?điểm)?", re.IGNORECASE)
# what every match of `_SELF` starts with, in the lower-cased text (t and ự have no other case-insensitive
# match than T and Ự): looked for as a literal, as the pattern itself enters the matcher at every t and T
_SELF_LITERAL = ("tự",)
# the figure may carry its scale ("95/100 điểm"), so a "/" may follow it here
_SELF_FIGURE = re.compile(
    rf"(?P<n>(?<![\d.,/]){SCORE_NUM}(?!\d|[.,]\d))(?:\s*/\s*(?P<d>{SCORE_NUM}(?!\d)))?\s*điểm\b",
    re.IGNORECASE,
)
_FINAL = re.compile(
    rf"(?P<a>{STANDALONE_SCORE})\s*(?:điểm\s*)?\+\s*(?P<b>{STANDALONE_SCORE})\s*(?:điểm\s*)?"
    rf"(?:\(?\s*(?:điểm\s+)?thưởng\s*\)?\s*)?"
    rf"(?:[-−]\s*(?P<p>{STANDALONE_SCORE})\s*(?:điểm\s*)?(?:\(?\s*(?:điểm\s+)?(?:trừ|phạt)\s*\)?\s*)?)?"
    rf"=\s*(?P<c>{STANDALONE_SCORE})\s*điểm\b",
    re.IGNORECASE,
)
_FINAL_STARTS = anchors(digits=True, not_after=r"[\d.,/]")
# What a `_FINAL` match holds before its first "+": the figure (decimal digits, "." and ","), blanks and
# "điểm" (every character that matches one of its letters without case)
_BEFORE_PLUS = frozenset(".,đĐiIİıểỂmM")


def final_starts(text: str) -> Iterator[int]:
    """The places of `_FINAL_STARTS` where a `_FINAL` match can start, in order: only those in the run of
    figure characters, blanks and "điểm" letters just before a "+" (a match's text before its first
    "+"), not every number of the report. The runs stop at the "+" before them: apart, in text order."""
    search = _FINAL_STARTS.search
    plus = text.find("+")
    while plus >= 0:
        lo = plus
        while lo > 0 and ((c := text[lo - 1]) in _BEFORE_PLUS or c.isdecimal() or c.isspace()):
            lo -= 1
        while (m := search(text, lo, plus)) is not None:
            yield m.start()
            lo = m.start() + 1
        plus = text.find("+", plus + 1)


# where a `_CLASS` match can start, in the lower-cased text: its "tự", "đề" or "," before the blanks and the
# "xếp" that follow them, or a line start (the character after a "\n", or the window's start) before the
# marks and the "xếp". Each branch is led by its literal and takes only it, so no place is passed over
_CLASS_LEADS = re.compile(r"tự(?=\s+xếp)|đề(?=\s+(?:nghị|xuất)\s+xếp)|,(?=\s*xếp)|\n(?=[ \t\-+•*]*xếp)")


def class_matches(text: str, lowered: str, windows: Iterable[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """`finditer_windows(_CLASS, text, windows)` (windows that start at a line start), trying `_CLASS`
    only where one of its leads is (`_CLASS_LEADS`), not at every character of the windows: none of the
    letters of those words has a case-insensitive match other than its capital, so the lower-cased text
    shows them."""
    for start, end in windows:
        leads = {start}
        for m in _CLASS_LEADS.finditer(lowered, start, end):
            leads.add(m.end() if m.group() == "\n" else m.start())
        last = start
        for at in sorted(leads):
            if at < last or at >= end:
                continue
            m = _CLASS.match(text, at, end)
            if m is not None:
                yield m
                last = m.end()

# Where a report states its own class: at the start of a line ("- Xếp loại: Tốt"), after "tự" /
# "đề nghị", or after a comma in the sentence that gives the total ("…đạt 95 điểm, xếp loại Tốt").
# "12 xã xếp loại Tốt" (others' results) and "xếp loại người đứng đầu" are not the report's own class.
_CLASS = re.compile(
    r"(?:^[ \t\-+•*]*|(?:tự|đề\s+nghị|đề\s+xuất)\s+|,\s*)xếp\s+loại(?:\s+mức\s+chất\s+lượng)?\s*:?\s*"
    r"(?P<label>[^\n.,;()]{2,60})",
    re.IGNORECASE | re.MULTILINE,
)
_XEP = re.compile("xếp")
_CLASS_WORD = re.compile(
    r"^(?:hoàn\s+thành|không\s+hoàn\s+thành|xuất\s+sắc|tốt|khá|trung\s+bình|yếu|kém|đạt|không\s+đạt|loại)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ProseLine:
    """A score written in a sentence after the name of a criterion or of the total
    ("Nhóm tiêu chí chung: 28/30 điểm", "Tổng điểm: 88/100"): the score, and the scale when written."""

    criterion: int | None  # the framework's criterion; None = the total
    name: str  # the name as the report writes it
    score: Figure
    scale: Figure | None
    start: int  # where the name starts
    end: int  # where the score phrase ends


# How reports name the total in prose; the score follows ("Tổng điểm tự đánh giá: 88 điểm").
_TOTAL_NAMES = ("tổng số điểm", "tổng điểm", "tổng cộng")
_SCORE_WORDS = r"tự\s+chấm(?:\s+điểm)?|tự\s+đánh\s+giá(?:\s+chấm\s+điểm)?|đạt(?:\s+được)?|được|là|tổng\s+cộng|tổng\s+số|tổng"
# The pre-scan for a score phrase right after a name (the grammar then says which number is which):
# an optional written cap "(30 điểm)", then words and a colon, the score, its unit, its scale.
_CAP_NOTE = re.compile(rf"[ \t]*\([ \t]*(?:tối\s+đa[ \t]*:?[ \t]*)?(?P<cap>{SCORE_NUM})[ \t]*điểm[ \t]*\)", re.I)
_PHRASE = re.compile(
    rf"(?:[ \t]*+(?:[:\-]|{_SCORE_WORDS}))*+[ \t]*+(?P<n>{SCORE_NUM})(?![\d%]|[.,]\d)(?P<u>[ \t]*điểm)?"
    rf"(?P<s>[ \t]*/[ \t]*{SCORE_NUM}(?![\d%]|[.,]\d)(?:[ \t]*điểm)?)?",
    re.I,
)
# Before the name on its line: only a list mark or a heading number ("1.", "II.", "a)", "-").
_LINE_LEAD = re.compile(r"[ \t\-+•*]*(?:(?:\d{1,2}|[ivx]{1,4})[.)][ \t]*|[a-zđ]\)[ \t]*)?")
# After a bare number (no "điểm", no scale) the phrase must end: "…chung: 28." not "…chung: 28 đảng viên".
_BARE_END = re.compile(r"[ \t]*(?:$|[.;,)])", re.M)


@functools.lru_cache(maxsize=512)
def _name_pattern(name: str) -> re.Pattern[str]:
    words = fold(name).split()
    # led by the name's first letter, the lookbehind after it (= `(?<!\w)` before it): a pattern led
    # by a lookbehind is tried at every character of the report, this one only where the letter is
    first, rest = words[0][:1], [words[0][1:], *words[1:]]
    body = re.escape(first) + r"(?<!\w.)" + r"\s+".join(re.escape(w) for w in rest)
    return re.compile(body + r"(?!\w)")


def prose_lines(ctx: Context, fw: Framework) -> list[ProseLine]:
    """Scores written in prose after the names of the framework's criteria and of the total, outside
    tables, in text order. A name counts only at the start of its line (after a list mark or number)."""
    text, folded = ctx.text, ctx.folded
    names: list[tuple[str, int | None]] = [(n, c.number) for c in fw.criteria for n in c.names()]
    names += [(n, None) for n in _TOTAL_NAMES]
    names.sort(key=lambda x: -len(x[0]))  # "nhóm tiêu chí chung" before "tiêu chí chung"
    taken: list[tuple[int, int]] = []
    out: list[ProseLine] = []
    # where each first word stands, found once: a name's pattern is tried only there (scanning the
    # report once per name entered the matcher at every letter its first word starts with)
    places: dict[str, list[int]] = {}
    for name, number in names:
        key = fold(name).split()[0]
        if key not in folded:
            continue  # a cheap test before the pattern
        if key not in places:
            places[key] = literal_starts(folded, (key,))
        for m in finditer_at(_name_pattern(name), folded, places[key]):
            if any(a <= m.start() < b for a, b in taken) or ctx.in_table(m.start()):
                continue
            line_start = folded.rfind("\n", 0, m.start()) + 1
            if not _LINE_LEAD.fullmatch(folded, line_start, m.start()):
                continue
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
            pos = m.end()
            cap_note = _CAP_NOTE.match(text, pos, line_end)
            if cap_note is not None:
                pos = cap_note.end()
            phrase = _PHRASE.match(text, pos, line_end)
            if phrase is None:
                continue
            if not phrase["u"] and not phrase["s"] and not _BARE_END.match(text, phrase.end(), line_end):
                continue
            found = _parse_phrase(text, phrase.start(), phrase.end())
            if found is None:
                continue
            score, scale = found
            if scale is None and cap_note is not None:
                scale = Figure(score_value(cap_note["cap"]), cap_note["cap"], cap_note.start("cap"), cap_note.end("cap"))
            taken.append((m.start(), phrase.end()))
            out.append(ProseLine(number, text[m.start() : m.end()], score, scale, m.start(), phrase.end()))
    out.sort(key=lambda x: x.start)
    return out


def _parse_phrase(text: str, start: int, end: int) -> tuple[Figure, Figure | None] | None:
    """(score, scale) of a pre-scanned phrase, read by grammar/prose_score.lark; None if it does not parse."""
    from checker.parsers import ParseError, Token, Tree

    try:
        tree = parser("prose_score").parse(text[start:end])
    except ParseError:
        return None
    figures: dict[str, Figure] = {}
    for sub in tree.iter_subtrees():
        if sub.data in ("score", "scale"):
            tok = next(t for t in sub.children if isinstance(t, Token) and t.type == "NUMBER")
            figures[str(sub.data)] = Figure(score_value(tok), str(tok), start + tok.start_pos, start + tok.end_pos)
    if "score" not in figures or not isinstance(tree, Tree):
        return None
    return figures["score"], figures.get("scale")


def prose_sheet(ctx: Context, fw: Framework, lines: list[ProseLine], totals: list[StatedScore]) -> ScoreSheet | None:
    """The scores written in prose as a score sheet, so the table checks run on a report without a table.

    Built only when at least one criterion of the framework is scored in prose; a criterion written
    twice with different scores gives no sheet (which one the report means is not certain).
    """
    by_criterion: dict[int | None, ProseLine] = {}
    for line in lines:
        seen = by_criterion.get(line.criterion)
        if seen is None:
            by_criterion[line.criterion] = line
        elif seen.score.value != line.score.value:
            return None
    if not any(k is not None for k in by_criterion):
        return None
    rows: list[ScoreRow] = []
    prose_total_starts = {t.start for t in totals}
    for number, line in sorted(by_criterion.items(), key=lambda kv: kv[1].start):
        spec = fw.criterion(number) if number is not None else None
        if number is not None and spec is None:
            continue
        framework_value = spec.cap if spec is not None else fw.total_max
        if number is None and line.score.start in prose_total_starts:
            framework_value = None  # a prose total already checked against the maximum (DG005)
        cap = line.scale.value if line.scale is not None else framework_value
        rows.append(
            ScoreRow(
                kind="criterion" if number is not None else "total",
                label=line.name,
                criterion=number,
                cap=cap,
                cap_text=line.scale.text if line.scale is not None else None,
                self_score=line.score.value,
                self_text=line.score.text,
                start=line.start,
                end=line.end,
                cap_span=Span(start=line.scale.start, end=line.scale.end) if line.scale is not None else None,
                self_span=Span(start=line.score.start, end=line.score.end),
            )
        )
    # the total comes last, as in a table
    rows.sort(key=lambda r: (r.kind == "total", r.start))
    table = ScoreTable(rows=rows, start=min(r.start for r in rows), end=max(r.end for r in rows), has_inspector_column=False)
    return ScoreSheet.of(table, from_prose=True)


def framework_cap(fw: Framework | None, criterion: int, item: int | None) -> Decimal | None:
    """The framework's cap of a criterion or one of its items (None for the generic framework)."""
    spec = fw.criterion(criterion) if fw is not None and not fw.caps_from_table else None
    if spec is None:
        return None
    if item is None:
        return spec.cap
    found = next((i for i in spec.items if i.id == str(item)), None)
    return found.cap if found is not None else None


def framework_max(fw: Framework | None) -> Decimal | None:
    """The framework's maximum final score, when known."""
    return fw.final_max if fw is not None and fw.final_max is not None else None


class ScoreFacts:
    """Everything about one report's self-score, each part computed on first use and then kept."""

    def __init__(self, ctx: Context) -> None:
        # a proxy, not the context itself: the context keeps these facts (`Context.score`), and a strong
        # reference back made every checked report a reference cycle, its whole context (text, model,
        # citations, dates) freed only when the collector next ran, and walked by every pass until then
        self._ctx = weakref.proxy(ctx)

    @functools.cached_property
    def sheet(self) -> ScoreSheet | None:
        """The score table regrouped; without a table, the scores written in prose after the framework's
        criterion names (`prose_lines`); None when the report has neither."""
        table = self._ctx.doc.score_table
        if table is not None:
            return ScoreSheet.of(table)
        fw = self._ctx.framework
        if fw is None or fw.caps_from_table or not self.prose_lines:
            return None
        return prose_sheet(self._ctx, fw, self.prose_lines, self.prose_totals)

    @functools.cached_property
    def prose_lines(self) -> list[ProseLine]:
        """Scores written after a criterion's (or the total's) name, when the report has no score table."""
        fw = self._ctx.framework
        if self._ctx.doc.score_table is not None or fw is None or not fw.criteria:
            return []
        return prose_lines(self._ctx, fw)

    @functools.cached_property
    def scopes(self) -> Scopes:
        """The narrative sections about one criterion (and their item sub-sections), outside the table."""
        criteria: list[Scope] = []
        items: list[Scope] = []
        table = self._ctx.doc.score_table
        for section in self._ctx.doc.iter_sections():
            if section.criterion is None:
                continue
            if table is not None and table.start <= section.start <= table.end:
                continue
            criteria.append(Scope(section.start, section.body_end or section.end, section.criterion, None))
            # item sub-sections ("1.2. Nội dung 2" or plain "1.2.") say which item a sentence is about
            for child in section.children:
                number = child.item if child.item is not None else (child.numbers[-1] if child.numbers else None)
                if number is not None:
                    items.append(Scope(child.start, child.body_end or child.end, section.criterion, number))
        return Scopes(sorted(criteria, key=lambda x: x.start), sorted(items, key=lambda x: x.start))

    @functools.cached_property
    def prose_scores(self) -> list[StatedScore]:
        """Self-assessed figures in prose, in text order, each the report's total or one criterion's/item's.

        A total: the phrase names the total ("Tổng số điểm … tự đánh giá: 94 điểm"), or the figure follows
        "đạt" or carries a scale ("tự chấm … đạt 95/100 điểm"). A criterion's score: the phrase names it
        ("Tiêu chí 2 tự chấm 9 điểm"), or it stands inside that criterion's narrative section ("Tự chấm:
        10/10 điểm" under "1. Tiêu chí 1") — unless its scale or size is the whole report's, as a closing
        "tự chấm đạt 95/100 điểm" that falls, unheaded, inside the last criterion's section.
        """
        return list(self._find_prose_scores())

    def _find_prose_scores(self) -> Iterator[StatedScore]:
        ctx = self._ctx
        text, folded = ctx.text, ctx.folded
        scopes = self.scopes
        fw = ctx.framework
        maximum = framework_max(fw)
        for m in finditer_literals(_SELF, _SELF_LITERAL, text, ctx.lowered):
            if ctx.in_table(m.start()):
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
            window_end = min(line_end, m.end() + 120)
            f = _SELF_FIGURE.search(text, m.end(), window_end)
            if f is None:
                continue
            before = folded[line_start : m.start()]
            between = folded[m.end() : f.start()]
            if re.search(r"[.;]\s", between):
                continue  # the figure belongs to another sentence
            if re.match(r"\s*(?:điểm\s*)?\+", text[f.end() : f.end() + 12]) or re.match(r"\s*\+", text[f.end("n") :]):
                continue  # "89 điểm + 10 điểm thưởng = 99 điểm" is a final figure
            value = score_value(f["n"])
            scale = score_value(f["d"]) if f["d"] else None
            stated = StatedScore(
                value=value,
                text=f["n"],
                start=f.start("n"),
                end=f.end("n"),
                scale=scale,
                scale_span=(f.start("d"), f.end("d")) if f["d"] else None,
            )
            named = re.search(r"tiêu\s+chí\s+(\d{1,2})(?:\D{0,40}?nội\s+dung\s+(\d{1,2}))?", before + between)
            total_words = re.search(r"tổng", before + between)
            if named:
                stated.scope = (int(named.group(1)), int(named.group(2)) if named.group(2) else None)
                yield stated
                continue
            if re.search(r"tiêu\s+chí|nội\s+dung", before + between):
                continue  # an unnumbered criterion's or item's score: neither the total nor placeable
            scope = scopes.at(m.start()) if not total_words else None
            if scope is not None:
                cap = framework_cap(fw, scope.criterion, scope.item)
                whole = (scale is not None and maximum is not None and scale >= maximum) or (
                    cap is not None and value > cap and maximum is not None and value <= maximum
                )
                if not whole:
                    stated.scope = (scope.criterion, scope.item)
                    yield stated
                    continue
            if not (total_words or re.search(r"đạt\s*:?\s*$", between) or f["d"]):
                continue
            yield stated

    @functools.cached_property
    def prose_totals(self) -> list[StatedScore]:
        """Self-assessed totals in prose: "Tổng số điểm … tự đánh giá: 94 điểm", "tự chấm … đạt 95/100 điểm"."""
        return [s for s in self.prose_scores if s.scope is None]

    @functools.cached_property
    def final_figures(self) -> list[FinalFigure]:
        """`a (điểm) + b (điểm thưởng) = c điểm` on lines about the score, outside tables."""
        ctx = self._ctx
        out: list[FinalFigure] = []
        if "+" not in ctx.text:
            return out
        for m in finditer_at(_FINAL, ctx.text, final_starts(ctx.text)):
            if ctx.in_table(m.start()):
                continue
            line_start = ctx.text.rfind("\n", 0, m.start()) + 1
            line_end = ctx.text.find("\n", m.end())
            line = ctx.folded[line_start : line_end if line_end >= 0 else len(ctx.text)]
            if re.search(r"tổng|thưởng|tự\s+chấm|tự\s+đánh\s+giá|đạt\s+được", line):
                a, b, c = (Figure(score_value(m[g]), m[g], m.start(g), m.end(g)) for g in ("a", "b", "c"))
                p = Figure(score_value(m["p"]), m["p"], m.start("p"), m.end("p")) if m["p"] else None
                out.append(FinalFigure(total=a, bonus=b, result=c, start=m.start(), end=m.end(), penalty=p))
        return out

    @functools.cached_property
    def claims(self) -> list[ClassificationClaim]:
        """The report's own classification claims, in text order."""
        ctx = self._ctx
        out = []
        # _CLASS needs "xếp loại": searched only on the lines saying "xếp" and the two above (where a
        # "tự" or "," may sit), not from every character of the report
        xep = (m.start() for m in _XEP.finditer(ctx.lowered))
        for m in class_matches(ctx.text, ctx.lowered, line_windows(ctx.text, xep, lines_before=2)):
            if ctx.in_table(m.start()):
                continue
            label = m["label"].strip(" *:\t")
            if not _CLASS_WORD.match(label):
                continue
            start = m.start("label") + (len(m["label"]) - len(m["label"].lstrip(" *:\t")))
            out.append(ClassificationClaim(label=label, start=start, end=start + len(label)))
        return out

    # -- derived figures ----------------------------------------------------------------------------
    def table_final(self) -> Decimal | None:
        """The table's final self score by the framework's formula (total, or total + bonus)."""
        if self.sheet is None:
            return None
        finals = self.sheet.finals()
        if not finals:
            return None
        fw = self._ctx.framework
        value = finals[0][0]
        bonus, _, _ = self.sheet.bonus_value()
        if bonus is not None and (fw is None or fw.final_formula == "sum_plus_bonus" or fw.caps_from_table):
            value += bonus
        penalty, _, _ = self.sheet.penalty_value()
        return value - penalty if penalty is not None else value

    def criterion_shares(self) -> dict[int, Decimal] | None:
        """Each criterion's self score as a share of its cap (for bands with a per-criterion floor);
        None unless every criterion of the sheet has both figures."""
        if self.sheet is None or not self.sheet.criteria:
            return None
        fw = self._ctx.framework
        out: dict[int, Decimal] = {}
        for crit in self.sheet.scored_criteria():
            number = crit.number
            value, _ = crit.value("self")
            cap, _ = crit.value("cap")
            if cap is None:
                cap = framework_cap(fw, number, None)
            if value is None or cap is None or cap <= 0:
                return None
            out[number] = value / cap
        return out

    def band_score(self, offset: int) -> Decimal | None:
        """The score the bands apply to for a classification at `offset` (`score_for`); under a
        framework that rescales "không chấm" items, brought back to its full scale first."""
        score = self.score_for(offset)
        fw = self._ctx.framework
        if score is None or fw is None or fw.unscored != "rescale" or fw.total_max is None or self.sheet is None:
            return score
        left_out = self.sheet.unscored_cap()
        if left_out <= 0 or left_out >= fw.total_max:
            return score
        return (score * fw.total_max / (fw.total_max - left_out)).quantize(Decimal("0.01"))

    def score_for(self, offset: int) -> Decimal | None:
        """The score a classification at `offset` refers to: the last prose total before it, else the
        table's final score."""
        totals = self.prose_totals  # in text order
        i = bisect_right(totals, offset, key=lambda s: s.end)
        if i:
            return totals[i - 1].value
        return self.table_final()

    @property
    def stated_total(self) -> str | None:
        """The self-assessed total a reviewer's summary shows, as written ("94", "95/100").

        The last total written in prose; a final figure after it ("Tổng đạt được: 89 điểm + 10 điểm
        thưởng = 99 điểm") is the figure the report is classified by, so its result wins; the table's
        Tổng cộng when the prose is silent.
        """
        found = self.prose_totals
        final = self.final_figures[-1] if self.final_figures else None
        if final is not None and (not found or final.end >= found[-1].start):
            return final.result.text
        if found:
            last = found[-1]
            return f"{last.text}/{format_score(last.scale)}" if last.scale is not None else last.text
        if self.sheet is not None:
            total = next((r for r in self.sheet.table.rows if r.kind == "total"), None)
            if total is not None and total.self_text:
                return total.self_text
        return None

    @property
    def classification(self) -> str | None:
        """The report's own classification ("Hoàn thành xuất sắc"), the last one stated."""
        return self.claims[-1].label if self.claims else None
