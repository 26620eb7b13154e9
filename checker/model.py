"""The document model: what the checker understood of a report.

All positions are offsets into `SourceText.text` (the normalised text); reporters turn them into the
original line and column. Models are plain dataclasses (no validation: every field is typed by the
code that builds it, once, in `checker.document` and `checker.entities`), read by rules; `to_json`
gives the JSON form (`baocao-lint inspect --json`).
"""

from __future__ import annotations

import bisect
import datetime as dt
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from decimal import Decimal
from typing import Any, Literal, TypeVar, overload

Kind = Literal["state", "party", "unknown"]



T = TypeVar("T")

@dataclass(kw_only=True, slots=True)
class Span:
    """A range of offsets in the source text."""
    start: int
    end: int


@dataclass(kw_only=True, slots=True)
class Paragraph:
    """A logical paragraph: one or more non-blank lines; text broken by a page break is rejoined.
    Slotted, as the table cells and rows and spans: a report has one per line (memory per input byte)."""

    start: int
    end: int
    line: int  # 0-based index of its first line in the normalised text
    text: str
    in_table: bool = False


class MadeOnRead(Sequence[T]):
    """A read-only sequence kept as arrays of offsets into the one text, each item made when it is read
    (lines, paragraphs, table rows, dates: a copy of the text per item cost more than the text itself).
    A subclass gives `__len__` and `_make(i)`; indexing, slicing and iteration are here."""

    __slots__ = ()

    def _make(self, i: int) -> T:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._make(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._make(index)

    def __iter__(self) -> Iterator[T]:
        return map(self._make, range(len(self)))


class MadeOnReadList(MadeOnRead[T]):
    """A `MadeOnRead` that stands for a list in the model: equal to a list of the same items."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, MadeOnReadList | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment] - equal by items, as a list

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"


class Paragraphs(MadeOnReadList[Paragraph]):
    """The paragraphs of a text kept as offsets into it, each made as a `Paragraph` when read.

    A list of `Paragraph`s held a slotted object, three ints and a copy of each paragraph's text: 170
    bytes a line on top of the text, 5 bytes of memory per input byte on a report of short lines. Here
    a paragraph is 12 bytes; its text is its span of the text without the trailing blanks, or, for one
    rejoined across a page break, the joined text kept aside. Each read makes a new object (equal to
    the last one made, not the same): a paragraph is read, never changed, after the model is built.
    """

    __slots__ = ("_text", "_starts", "_ends", "_lines", "_joined")

    def __init__(self, text: str = "") -> None:
        self._text = text
        self._starts = array("I")
        self._ends = array("I")
        self._lines = array("I")
        self._joined: dict[int, str] = {}

    def append(self, start: int, end: int, line: int) -> None:
        """A paragraph whose text is `text[start:end]` without trailing blanks (`start` at its first letter)."""
        self._starts.append(start)
        self._ends.append(end)
        self._lines.append(line)

    def rejoin_last(self, end: int, text: str) -> None:
        """The last paragraph goes on to `end`, its text being `text` (lines joined by a space)."""
        self._ends[-1] = end
        self._joined[len(self._starts) - 1] = text

    def __len__(self) -> int:
        return len(self._starts)

    def _make(self, i: int) -> Paragraph:
        start, end = self._starts[i], self._ends[i]
        text = self._joined.get(i)
        if text is None:
            text = self._text[start:end].rstrip()
        return Paragraph(start=start, end=end, line=self._lines[i], text=text)

    def heads(self) -> Iterator[tuple[int, str]]:
        """(index, first two characters) of each paragraph, without making it (a paragraph starts at
        its first letter; its second character is the text's next one): what a step looking for a few
        kinds of paragraph (footnotes, headings) tests before it reads one."""
        text = self._text
        for i, start in enumerate(self._starts):
            yield i, text[start : start + 2]

    def holding(self, offsets: Sequence[int]) -> list[int]:
        """Indexes, in order and once each, of the paragraphs whose [start, end) holds one of `offsets`
        (sorted), found by bisection without making a paragraph."""
        starts, ends = self._starts, self._ends
        out: list[int] = []
        for at in offsets:
            i = bisect.bisect_right(starts, at) - 1
            if i >= 0 and at < ends[i] and (not out or out[-1] != i):
                out.append(i)
        return out

    def at(self, offset: int) -> Paragraph | None:
        """The paragraph whose span [start, end] holds `offset` (paragraphs are in text order, apart)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return self._make(i) if i >= 0 and offset <= self._ends[i] else None


@dataclass(kw_only=True)
class Section:
    """A numbered heading or numbered paragraph, placed in the tree by its numbering style."""

    token: str  # the numbering as written: "I.", "II-", "1.", "1.1.", "a)", "Phần thứ nhất", "Tiêu chí 3"
    style: str  # "part", "roman", "arabic", "arabic2", "arabic3", "arabic4", "letter", "criterion", "item"
    level: int  # depth in the tree, 1 = top
    numbers: list[int]  # numeric value(s) of the token: "1.2." -> [1, 2]; "b)" -> [2]; "IV-" -> [4]
    separator: str = ""  # "." or "-" or ")" as written after the number
    title: str
    start: int
    end: int  # end of the heading line
    body_end: int = 0  # end of the section's content (start of the next section at the same or higher level)
    criterion: int | None = None  # "Tiêu chí N" named in the heading
    item: int | None = None  # "Nội dung N" named in the heading
    children: list[Section] = field(default_factory=list)


@dataclass(kw_only=True)
class DocNumber:
    """The `Số` line: number and symbol of the report itself."""

    raw: str
    number: str | None  # None when left blank in a draft ("Số: /BC-BDT")
    symbol: str | None  # "BC-BDT", "BC/TU" ...
    blank: bool
    start: int
    end: int
    value: str | None = None  # number and symbol without blanks: "80/2025/QĐ-UBND", "442-BC/TU"
    source: str = ""  # how it was read: "dòng Số", "dòng Số và dòng sau (xuống dòng)"


@dataclass(kw_only=True)
class DateLine:
    """`<Địa danh>, ngày DD tháng MM năm YYYY`, possibly with blanks in a draft."""

    raw: str
    place: str | None
    day: int | None
    month: int | None
    year: int | None
    day_text: str | None = None
    month_text: str | None = None
    blank: bool
    date: dt.date | None = None
    start: int
    end: int
    source: str = ""  # how it was read: "một dòng", "xuống dòng sau “ngày”"


@dataclass(kw_only=True)
class Header:
    """The header block of a document: issuer, mottos, number, place and date, title."""
    issuer: str | None = None
    issuer_span: Span | None = None
    national_motto: bool = False  # CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    party_motto: bool = False  # ĐẢNG CỘNG SẢN VIỆT NAM
    number: DocNumber | None = None
    date_line: DateLine | None = None
    doc_type: str | None = None  # the type line as written, blanks collapsed: "BÁO CÁO"
    doc_type_span: Span | None = None
    subject: str | None = None  # a Công văn's "V/v …" line under the number
    subject_span: Span | None = None
    addressee_span: Span | None = None  # "Kính gửi:" in the header, before any type line
    draft: bool = False  # "DỰ THẢO" in the header
    draft_span: Span | None = None
    summary: str | None = None  # trích yếu
    summary_span: Span | None = None


@dataclass(kw_only=True)
class ReportingYear:
    """The year a report is about, where it was read from, and every candidate seen."""
    year: int | None
    source: str  # "title", "request", "score table", "date line", "period", "--year", "none"
    evidence: str = ""
    candidates: dict[str, int] = field(default_factory=dict)  # every place a year was read from


@dataclass(kw_only=True, slots=True)
class TableCell:
    """One cell of a text table, with its offsets."""
    text: str
    start: int
    end: int


@dataclass(kw_only=True, slots=True)
class TableRow:
    """One row of a text table: its cells, offsets and line numbers."""
    cells: list[TableCell]
    start: int
    end: int
    line: int
    continuation_lines: list[int] = field(default_factory=list)


def row_cells(line_start: int, line: str, pipe: bool) -> list[tuple[int, int]]:
    """(start, end) of each cell of a table row `line` starting at `line_start`, without the blanks
    around its text: the pieces between tabs, or between the `|` of a pipe row."""
    cells: list[tuple[int, int]] = []
    if pipe:
        body_start = line.index("|") + 1
        body_end = line.rindex("|")
        content = line[body_start:body_end]
        base = line_start + body_start
        sep = "|"
    else:
        content, base, sep = line, line_start, "\t"
    pos = 0
    for piece in content.split(sep):
        lead = len(piece) - len(piece.lstrip())
        start = base + pos + lead
        cells.append((start, start + len(piece.strip())))
        pos += len(piece) + 1
    return cells


class TableRowStore:
    """The rows of every table of a text, as the numbers of their lines: one array for all the tables
    (arrays of their own cost a table 600 bytes, more than a short table's text). A row is a whole
    line; its span comes from the text's line starts (`line_starts`, the source's own array)."""

    __slots__ = ("text", "line_starts", "lines")

    def __init__(self, text: str = "", line_starts: Sequence[int] | None = None) -> None:
        self.text = text
        self.line_starts = array("I", [0]) if line_starts is None else line_starts
        self.lines = array("I")

    def span(self, line: int) -> tuple[int, int]:
        """(start, end) of line `line`, without its line break."""
        starts = self.line_starts
        return starts[line], starts[line + 1] - 1 if line + 1 < len(starts) else len(self.text)


class TableRows(MadeOnReadList[TableRow]):
    """The rows of a table kept as the numbers of their lines, each made as a `TableRow` when read.

    A list of `TableRow`s held, for each cell, a slotted object, two ints and a copy of the cell's
    text (about 200 bytes a cell: 30 bytes of memory per input byte on an annex of tab tables).
    Here a row is 4 bytes, in a store the text's tables share (a table is rows `lo` … `hi` - 1 of
    it): its span is its line's, and its cells are found again in its text when it is read
    (`row_cells`: the pieces between tabs or `|`), as they were when the table was found. Offsets kept
    for each row and cell (20 bytes a row of four cells) were more than a short tab row's text. Each
    read makes new objects, equal to the last ones made: rows are read, never changed.
    """

    __slots__ = ("_store", "_lo", "_hi", "_pipe")

    def __init__(self, store: TableRowStore | None = None, pipe: bool = False) -> None:
        self._store = TableRowStore() if store is None else store
        self._lo = self._hi = len(self._store.lines)
        self._pipe = pipe

    def append(self, line: int) -> None:
        """Line `line` as the next row (the table being the last one of its store: its rows are
        contiguous); its cells are `row_cells` of its text."""
        store = self._store
        if self._hi != len(store.lines):
            raise ValueError("rows are added to the last table of the store")
        store.lines.append(line)
        self._hi += 1

    def __len__(self) -> int:
        return self._hi - self._lo

    def _make(self, i: int) -> TableRow:
        store = self._store
        line = store.lines[self._lo + i]
        start, end = store.span(line)
        text = store.text
        cells = [TableCell(text=text[s:e], start=s, end=e) for s, e in row_cells(start, text[start:end], self._pipe)]
        return TableRow(cells=cells, start=start, end=end, line=line)


@dataclass(kw_only=True)
class Table:
    """A table written in the text with tabs or pipes."""
    rows: TableRows
    start: int
    end: int
    source: Literal["tab", "pipe"]


@dataclass(kw_only=True)
class ExtraScore:
    """A score in a further column of the table, named by its header ("Thẩm định lần 2", "Giải trình")."""

    name: str
    value: Decimal | None  # None when the cell holds words (an explanation), not a score
    text: str
    span: Span


@dataclass(kw_only=True, slots=True)
class ScoreRow:
    """A row of a self-scoring table, after rows broken across page breaks were rejoined."""

    kind: Literal["criterion", "item", "total", "bonus", "bonus_text", "penalty", "other"]
    label: str  # "Tiêu chí 3", "Nội dung 1", "Tổng cộng", "Điểm thưởng", "Điểm trừ"
    criterion: int | None = None
    item: int | None = None
    sub: int | None = None  # third tier: the "3" of "1.2.3" (tiêu chí thành phần of item 2)
    unscored: bool = False  # the self cell says "Không chấm" (excluded, not a missing score)
    content: str = ""
    cap: Decimal | None = None
    cap_text: str | None = None
    self_score: Decimal | None = None
    self_text: str | None = None
    inspector: Decimal | None = None
    inspector_text: str | None = None
    note: str = ""
    start: int
    end: int
    cap_span: Span | None = None
    self_span: Span | None = None
    inspector_span: Span | None = None
    extra: list[ExtraScore] = field(default_factory=list)  # further score columns, left to right


@dataclass(kw_only=True)
class ScoreTable:
    """A scoring table (bảng tự chấm điểm): its rows and what its title says."""
    rows: Sequence[ScoreRow]  # a list, or scoretable.ScoreRows (offsets into the text)
    start: int
    end: int
    has_inspector_column: bool = True
    year: int | None = None  # year in the table's own title ("… NĂM 2023")


@dataclass(kw_only=True)
class Footnote:
    """A footnote's text, by number, with its offsets."""
    number: int
    text: str
    start: int
    end: int


@dataclass(kw_only=True)
class FootnoteMarker:
    """A footnote mark in the body text, with its offsets."""
    number: int
    start: int
    end: int


@dataclass(kw_only=True)
class Signer:
    """The signature block: authority, title lines and the signer's name."""
    authority: str | None = None  # "KT.", "TM.", "T/M", "TL.", "Q.", "K/T", "T/L", "TUQ."
    title_lines: list[str] = field(default_factory=list)
    name: str | None = None
    start: int
    end: int


@dataclass(kw_only=True)
class Recipients:
    """The "Nơi nhận" block: its items and whether it keeps an archive copy."""
    items: list[str]
    has_archive: bool  # "Lưu: VT" / "Lưu Văn phòng"
    start: int
    end: int


@dataclass(kw_only=True)
class Document:
    """The parsed structure of one document, as the rules read it."""
    kind: Kind = "unknown"
    kind_source: str = ""
    doctype: str | None = None  # the type as the document names it: "Báo cáo", "Công văn" (rules/kinds.toml)
    doctype_id: str | None = None  # its id in rules/kinds.toml: "bao-cao", "cong-van"
    doctype_source: str = ""  # how it was decided: the type line, the V/v line, the symbol's type code
    # False for a text with no administrative frame (no Quốc hiệu, number, type line or signer): a
    # news article or a web page; structure rules then say so once and check nothing else
    is_document: bool = True
    frame: list[str] = field(default_factory=list)  # the frame parts that were found
    end_missing: bool = False  # the text stops before its end (no Nơi nhận, signer or "./.")
    # the text starts and stops inside a document: no frame at all (is_document is False), but a
    # document's numbered parts ("I. KẾT QUẢ …", "II. NHIỆM VỤ …"): one excerpt info instead of VB007
    excerpt: bool = False
    # an annex or a form sent as its own file ("Phụ lục I … (Kèm theo Nghị định số …)"): what it goes
    # with; its header and closing are its parent's
    annex_of: str | None = None
    header: Header = field(default_factory=Header)
    reporting_year: ReportingYear = field(default_factory=lambda: ReportingYear(year=None, source="none"))
    paragraphs: Paragraphs = field(default_factory=Paragraphs)
    sections: list[Section] = field(default_factory=list)  # tree roots
    tables: list[Table] = field(default_factory=list)
    score_table: ScoreTable | None = None
    footnotes: list[Footnote] = field(default_factory=list)
    footnote_markers: list[FootnoteMarker] = field(default_factory=list)
    recipients: Recipients | None = None
    signer: Signer | None = None
    body_end: int = 0  # where the report body ends (Nơi nhận / signer); annexes follow

    def iter_sections(self) -> list[Section]:
        """Every section, each before its children (depth first, in text order). Walked with a stack:
        a nested function calling itself is a reference cycle (the function and its cell) that only
        the collector frees, one for every call."""
        out: list[Section] = []
        stack = self.sections[::-1]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out


def to_json(value: Any) -> Any:  # noqa: ANN401 - a model, a list or dict of them, or a field's value
    """The JSON form of a model (as pydantic's `model_dump(mode="json")` gave it): fields in their
    order, Decimal as its string, dates in ISO form; a field with `metadata={"json": False}` is left out."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in fields(value) if f.metadata.get("json", True)}
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):  # lists, tuples, Paragraphs
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
