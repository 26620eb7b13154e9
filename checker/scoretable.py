"""Find and read the self-scoring table (bảng chấm điểm), whatever shape it arrived in.

Shapes handled: tab-separated rows from Word/PDF export whose cells were broken across a page break
(a row `Nội` … followed by a row `dung 1` …, or a row with only a text continuation), Markdown pipe
tables, .docx tables (which ingest renders as tab-separated rows), scores written `5`, `5,0`, `4.5`,
an empty inspector column, the bonus row after `Tổng cộng`, criteria named `Tiêu chí 1` or only `1`.
"""

from __future__ import annotations

import functools
import re
from array import array
from itertools import islice
from typing import Any

from checker.model import ExtraScore, MadeOnReadList, ScoreRow, ScoreTable, Span, Table, TableCell
from checker.numbers import score_cell
from checker.source import SourceText

_CRITERION = re.compile(r"^Tiêu\s+chí\s+(\d{1,2})\b", re.I)
_ITEM = re.compile(r"^Nội\s+dung(?:\s+(\d{1,2}))?\b", re.I)
_TOTAL = re.compile(r"^Tổng\s+(?:cộng|số|điểm)", re.I)
_BONUS = re.compile(r"^Điểm\s+thưởng", re.I)
# a penalty row: "Điểm trừ", "Trừ điểm", "Điểm phạt" (taken off the total: final = total + bonus − penalty)
_PENALTY = re.compile(r"^(?:Điểm\s+trừ|Trừ\s+điểm|Điểm\s+phạt)", re.I)
# a self cell left out on purpose: the item is not self-scored (survey, not applicable to the body)
_UNSCORED = re.compile(r"^\s*(?:không\s+chấm|không\s+tự\s+chấm|không\s+đánh\s+giá|không\s+áp\s+dụng|KCĐ|ĐTXHH)\b", re.I)
_YEAR = re.compile(r"NĂM\s+((?:19|20)\d{2})", re.I)


_KINDS = ("criterion", "item", "total", "bonus", "bonus_text", "penalty", "other")
_NO_NUMBER = -1  # criterion, item or sub not given
_KEEP_ROWS = 512  # rows kept once made: all of a real sheet (under 200 rows), the last ones read of a longer one


@functools.lru_cache(maxsize=1024)
def _score_of(text: str) -> Any:  # noqa: ANN401 - Decimal | None; a score cell is a few characters
    return score_cell(text)


class ScoreRows(MadeOnReadList[ScoreRow]):
    """The rows of a score table kept as offsets into the text, each made as a `ScoreRow` when read.

    A list of `ScoreRow`s held, for each row, the object, its label, content and score texts, two
    Decimals and two spans: ~10 bytes per byte of a long sheet's text. Here a row is ~70 bytes of
    arrays: every text field is a span of the text (found in the row's span when the row was read:
    `text[s:e]` is then the same string), the score cells' texts and spans are one (start, end), and
    a score is `score_cell` of its cell's text, as the reader computed it; a field that is not so
    (a label made up, content joined from several cells, extra score columns) is kept aside as it was.
    The last `_KEEP_ROWS` rows made are kept, so a real sheet's rows are each made once, the same
    object at every read, as in a list; a longer one's rules, reading a criterion's rows once per
    column, still find them made.
    """

    __slots__ = ("_text", "_kinds", "_flags", "_numbers", "_bounds", "_spans", "_aside", "_made", "_inspected")

    def __init__(self, text: str) -> None:
        self._text = text
        self._kinds = bytearray()
        self._flags = bytearray()  # 1: unscored
        self._numbers = array("i")  # criterion, item, sub of each row (_NO_NUMBER for None)
        self._bounds = array("I")  # start, end of each row
        self._spans = array("i")  # (start, end) of label, content, note, cap, self, inspector; -1: aside/None
        self._aside: dict[tuple[int, str], Any] = {}
        self._made: dict[int, ScoreRow] = {}
        self._inspected = False  # a row has an inspector's score text

    def __len__(self) -> int:
        return len(self._kinds)

    def add(self, row: ScoreRow) -> None:
        """Keep `row` (as read from the table) as the next row."""
        i = len(self._kinds)
        self._inspected = self._inspected or bool(row.inspector_text)
        self._kinds.append(_KINDS.index(row.kind))
        self._flags.append(1 if row.unscored else 0)
        numbers = (row.criterion, row.item, row.sub)
        if all(n is None or 0 <= n < 2**31 for n in numbers):
            self._numbers.extend([_NO_NUMBER if n is None else n for n in numbers])
        else:
            self._numbers.extend((_NO_NUMBER, _NO_NUMBER, _NO_NUMBER))
            self._aside[(i, "numbers")] = numbers
        start, end = row.start, row.end
        self._bounds.extend((start, end))
        spans = self._spans
        inside = start < end <= len(self._text)
        for name, value in (("label", row.label), ("content", row.content), ("note", row.note)):
            at = self._text.find(value, start, end) if value and inside else -1
            if at >= 0:
                spans.extend((at, at + len(value)))
            elif value == "":
                spans.extend((0, 0))
            else:
                spans.extend((-1, -1))
                self._aside[(i, name)] = value
        for name, value, written, span in (
            ("cap", row.cap, row.cap_text, row.cap_span),
            ("self_score", row.self_score, row.self_text, row.self_span),
            ("inspector", row.inspector, row.inspector_text, row.inspector_span),
        ):
            if written is None and span is None and value is None:
                spans.extend((-1, -1))
            elif (written is not None and span is not None and 0 <= span.start <= span.end <= len(self._text)
                  and self._text[span.start : span.end] == written and _score_of(written) is value):
                spans.extend((span.start, span.end))
            else:
                spans.extend((-1, -1))
                self._aside[(i, name)] = (value, written, span)
        if row.extra:
            self._aside[(i, "extra")] = row.extra

    def has_inspector_text(self) -> bool:
        return self._inspected

    def _make(self, i: int) -> ScoreRow:
        made = self._made.get(i)
        if made is not None:
            return made
        text, aside = self._text, self._aside
        k = 12 * i
        ls, le, cs, ce, ns, ne, a, b, c, d, e, f = self._spans[k : k + 12]
        label = text[ls:le] if ls >= 0 else aside[(i, "label")]
        content = text[cs:ce] if cs >= 0 else aside[(i, "content")]
        note = text[ns:ne] if ns >= 0 else aside[(i, "note")]
        cap, cap_text, cap_span = self._cell(i, "cap", a, b)
        own, own_text, own_span = self._cell(i, "self_score", c, d)
        insp, insp_text, insp_span = self._cell(i, "inspector", e, f)
        crit, item, sub = self._numbers[3 * i : 3 * i + 3]
        if aside and (i, "numbers") in aside:
            crit, item, sub = aside[(i, "numbers")]
        row = ScoreRow(
            kind=_KINDS[self._kinds[i]],  # type: ignore[arg-type] - one of the Literal's values
            label=label,
            criterion=None if crit == _NO_NUMBER else crit,
            item=None if item == _NO_NUMBER else item,
            sub=None if sub == _NO_NUMBER else sub,
            unscored=bool(self._flags[i]),
            content=content,
            cap=cap,
            cap_text=cap_text,
            self_score=own,
            self_text=own_text,
            inspector=insp,
            inspector_text=insp_text,
            note=note,
            start=self._bounds[2 * i],
            end=self._bounds[2 * i + 1],
            cap_span=cap_span,
            self_span=own_span,
            inspector_span=insp_span,
            extra=list(aside.get((i, "extra"), ())) if aside else [],
        )
        made_rows = self._made
        if len(made_rows) >= _KEEP_ROWS:  # a long sheet: the rows made longest ago go
            del made_rows[next(iter(made_rows))]
        made_rows[i] = row
        return row

    def _cell(self, i: int, name: str, start: int, end: int) -> tuple[Any, str | None, Span | None]:
        """(score, text, span) of one score cell of row `i`."""
        if start >= 0:
            written = self._text[start:end]
            return _score_of(written), written, Span(start=start, end=end)
        return self._aside.get((i, name), _NO_CELL) if self._aside else _NO_CELL


_NO_CELL: tuple[Any, str | None, Span | None] = (None, None, None)


def _columns(rows: list[list[TableCell]]) -> tuple[int, int, int | None, int | None, int] | None:
    """Indices of (cap, self, inspector, note) columns and the number of header rows."""
    for r, cells in enumerate(rows[:4]):
        texts = [c.text.lower() for c in cells]
        cap = next((i for i, t in enumerate(texts) if re.search(r"chuẩn|tối\s+đa|điểm\s+chuẩn", t)), None)
        own = next((i for i, t in enumerate(texts) if re.search(r"tự\s+chấm|tự\s+đánh\s+giá|tự\s+chấm\s+điểm", t)), None)
        if cap is None or own is None:
            continue
        insp = next((i for i, t in enumerate(texts) if re.search(r"kiểm\s+tra|thẩm\s+định|tổ\s+chấm|đoàn", t)), None)
        note = next((i for i, t in enumerate(texts) if "ghi chú" in t), None)
        return cap, own, insp, note, r + 1
    return None


# Further score columns: a second appraisal, the score after an explanation, a council's score.
_EXTRA_COLUMN = re.compile(r"thẩm\s+định|lần\s+\d|giải\s+trình|hội\s+đồng|đoàn|kiểm\s+tra", re.I)


def _extra_columns(header: list[TableCell], used: set[int]) -> list[tuple[int, str]]:
    """(index, header text) of the score columns right of the self column beyond those already read."""
    first = min(used)
    return [
        (i, c.text.strip())
        for i, c in enumerate(header)
        if i > first and i not in used and _EXTRA_COLUMN.search(c.text) and "ghi chú" not in c.text.lower()
    ]


def _is_score_table(table: Table) -> bool:
    joined = " ".join(c.text for row in table.rows[:6] for c in row.cells).lower()
    return ("chuẩn" in joined or "tối đa" in joined) and ("tự chấm" in joined or "tự đánh giá" in joined)


def find_score_table(src: SourceText, tables: list[Table]) -> ScoreTable | None:
    for table in tables:
        if _is_score_table(table):
            found = read_score_table(src, table)
            if found and any(r.kind == "criterion" for r in found.rows):
                return found
    return None


def _cell(cells: list[TableCell], i: int | None) -> TableCell | None:
    if i is None or i >= len(cells):
        return None
    return cells[i]


def _shift(cells: list[TableCell], width: int, cap_i: int, self_i: int) -> int:
    """How far a row's score columns sit from the header's: merged cells (.docx: a header merged across
    two label columns, a "Tổng cộng" merged over TT) make a row wider or narrower than its header, and the
    score columns are the ones at the right. Shifted only when that makes the cap/self cells numbers.
    """
    d = len(cells) - width
    if d == 0 or min(cap_i, self_i) + d < 1:
        return 0

    def fit(s: int) -> int:
        # score cells that read as numbers, less label cells (past TT) that are bare scores
        scores = sum(
            1 for i in (cap_i + s, self_i + s) if 0 <= i < len(cells) and score_cell(cells[i].text) is not None
        )
        stray = sum(1 for c in cells[1 : min(cap_i, self_i) + s] if score_cell(c.text) is not None)
        return scores - stray

    return d if fit(d) > fit(0) else 0


def _continue_previous(prev: ScoreRow, labels: list[str], end: int) -> bool:
    """Join a row whose score cells are all empty to the row before it, when its text continues that
    row ("Nội dung" / "2 …" split by a page break, or content with no label); whether it was joined."""
    first = labels[0] if labels else ""
    if first and not any(p.match(first) for p in (_CRITERION, _TOTAL, _BONUS, _PENALTY)):
        if first[:1].islower() and prev.kind in ("item", "other") and prev.label.lower().startswith("nội"):
            relabelled = f"{prev.label} {first}"
            m = _ITEM.match(relabelled)
            if m:
                prev.label = relabelled
                prev.item = int(m.group(1)) if m.group(1) else prev.item
            prev.content = (prev.content + " " + " ".join(labels[1:])).strip()
            prev.end = end
            return True
    if not first:
        prev.content = (prev.content + " " + " ".join(labels[1:])).strip()
        prev.end = end
        return True
    return False


def _score_cells(
    cells: list[TableCell], cap_i: int, self_i: int, insp_i: int | None, note_i: int | None
) -> dict[str, object]:
    """The ScoreRow fields read from a row's cap, self-score, inspector and note cells."""
    cap_c, self_c, insp_c = _cell(cells, cap_i), _cell(cells, self_i), _cell(cells, insp_i)
    note_c = _cell(cells, note_i)
    return {
        "unscored": bool(self_c and _UNSCORED.match(self_c.text)),
        "cap": _score_of(cap_c.text) if cap_c else None,  # the one object ScoreRows makes again
        "cap_text": cap_c.text if cap_c and cap_c.text else None,
        "self_score": _score_of(self_c.text) if self_c else None,
        "self_text": self_c.text if self_c and self_c.text else None,
        "inspector": _score_of(insp_c.text) if insp_c else None,
        "inspector_text": insp_c.text if insp_c and insp_c.text else None,
        "note": note_c.text if note_c else "",
        "cap_span": Span(start=cap_c.start, end=cap_c.end) if cap_c and cap_c.text else None,
        "self_span": Span(start=self_c.start, end=self_c.end) if self_c and self_c.text else None,
        "inspector_span": Span(start=insp_c.start, end=insp_c.end) if insp_c and insp_c.text else None,
    }


def read_score_table(src: SourceText, table: Table) -> ScoreTable | None:
    raw_rows = [r.cells for r in table.rows[:4]]  # the header is in the first four rows (`_columns`)
    cols = _columns(raw_rows)
    if cols is None:
        return None
    cap_i0, self_i0, insp_i0, note_i0, header_rows = cols
    width = len(raw_rows[header_rows - 1])
    used = {i for i in (cap_i0, self_i0, insp_i0, note_i0) if i is not None}
    extra_cols = _extra_columns(raw_rows[header_rows - 1], used)
    out = ScoreRows(src.text)
    last: ScoreRow | None = None  # the last row read, kept in `out` once the next one is read (a
    # row whose score cells are empty may continue it)
    criterion: int | None = None
    after_bonus = False
    for row in islice(table.rows, header_rows, None):  # one row made at a time (a slice makes them all)
        cells = row.cells
        d = _shift(cells, width, cap_i0, self_i0)
        cap_i, self_i = cap_i0 + d, self_i0 + d
        insp_i = insp_i0 + d if insp_i0 is not None else None
        note_i = note_i0 + d if note_i0 is not None else None
        label_cols = list(range(0, min(cap_i, self_i)))
        numbers_empty = all(
            (c is None or not c.text) for c in (_cell(cells, cap_i), _cell(cells, self_i), _cell(cells, insp_i))
        )
        labels = [cells[i].text for i in label_cols if i < len(cells)]
        # A row whose numbers are all empty continues the previous row's text (broken by a page break).
        if numbers_empty and last is not None and _continue_previous(last, labels, row.end):
            continue
        kind, label, crit_no, item_no, content = _classify(labels, criterion, after_bonus)
        sub_no = None
        if kind == "item" and "." in label and label.count(".") == 2:
            # "1.2.3": the third tier, kept apart from the items (label "1.2.3" from _classify)
            crit_no, item_no, sub_no = (int(x) for x in label.split("."))
            label = f"Nội dung {item_no}.{sub_no}"
        if kind == "criterion":
            criterion = crit_no
        if kind in ("bonus", "penalty"):
            after_bonus = True
            criterion = None
        extra = [
            ExtraScore(name=name, value=score_cell(c.text), text=c.text, span=Span(start=c.start, end=c.end))
            for i, name in extra_cols
            for c in [_cell(cells, i + d)]
            if c is not None and c.text
        ]
        score_row = ScoreRow(
            kind=kind,
            label=label,
            criterion=crit_no,
            item=item_no,
            sub=sub_no,
            content=content,
            start=row.start,
            end=row.end,
            **_score_cells(cells, cap_i, self_i, insp_i, note_i),
            extra=extra,
        )
        if kind == "other" and not (score_row.cap_text or score_row.self_text) and not content:
            continue
        if last is not None:
            out.add(last)
        last = score_row
    if last is not None:
        out.add(last)
    has_inspector = out.has_inspector_text()
    before = src.text[max(0, table.start - 600) : table.start]
    years = _YEAR.findall(before)
    return ScoreTable(
        rows=out,
        start=table.start,
        end=table.end,
        has_inspector_column=has_inspector,
        year=int(years[-1]) if years else None,
    )


def _classify(
    labels: list[str], criterion: int | None, after_bonus: bool
) -> tuple[str, str, int | None, int | None, str]:
    """(kind, label, criterion, item, content) of a table row from its label cells."""
    first = labels[0] if labels else ""
    second = labels[1] if len(labels) > 1 else ""
    rest = " ".join(labels[1:]).strip()
    for text, content in ((first, rest), (second, " ".join(labels[2:]).strip())):
        if _CRITERION.match(text):
            return "criterion", _CRITERION.match(text).group(0), int(_CRITERION.match(text).group(1)), None, content
        if _PENALTY.match(text):
            return "penalty", _PENALTY.match(text).group(0), None, None, content
        if _BONUS.match(text):
            return "bonus", "Điểm thưởng", None, None, content
        if _TOTAL.match(text):
            return "total", _TOTAL.match(text).group(0), None, None, content
    m = _ITEM.match(first)
    if not m and not first and _ITEM.match(second):
        # "| | Nội dung 1 | 5 | …": the TT column is empty and the label sits in the content column
        first, rest = second, " ".join(labels[2:]).strip()
        m = _ITEM.match(first)
    if m or first.lower() == "nội":
        item = int(m.group(1)) if m and m.group(1) else (1 if m else None)
        return "item", first, criterion, item, rest
    # criteria written by number only: "1 | Lãnh đạo …"; sub-items "1.1 | …"
    m = re.fullmatch(r"(\d{1,2})\.?", first)
    if m and not after_bonus:
        return "criterion", f"Tiêu chí {m.group(1)}", int(m.group(1)), None, rest
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.?", first)
    if m:
        return "item", f"Nội dung {m.group(2)}", int(m.group(1)), int(m.group(2)), rest
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{1,2})\.?", first)
    if m and not after_bonus:
        return "item", ".".join(m.groups()), int(m.group(1)), int(m.group(2)), rest
    if after_bonus:
        return "bonus_text", "Điểm thưởng", None, None, " ".join(labels).strip()
    return "other", first, criterion, None, rest
