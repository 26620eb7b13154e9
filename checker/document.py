"""Build the `Document` model from a `SourceText`: header, paragraphs, sections, tables, footnotes,
recipients and signer. Pure functions over offsets; nothing here knows about rules.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from checker.limits import MAX_FOOTNOTE_DIGITS
from checker.model import (
    DateLine,
    DocNumber,
    Document,
    Footnote,
    FootnoteMarker,
    Header,
    Kind,
    MadeOnRead,
    Paragraph,
    Paragraphs,
    Recipients,
    ReportingYear,
    Section,
    Signer,
    Span,
    Table,
    TableRows,
    TableRowStore,
)
from checker.ruledata import from_rule_data, load_lexicon, phrase_pattern
from checker.scan import (
    EXOTIC_CASE,
    anchors,
    finditer_anchored,
    finditer_at,
    finditer_lines,
    occurrences_of_any,
)
from checker.scoretable import find_score_table
from checker.source import SourceText
from checker.symbols import written_system
from checker.thresholds import HEADER_LINES, REQUEST_CHARS

if TYPE_CHECKING:
    from checker.ruledata import DocKind, DocKinds

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_INT = {c: i for i, c in enumerate(SUPERSCRIPT_DIGITS)}

_NATIONAL = re.compile(r"CỘNG\s+H[OÒ][ÀA]\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.I)
_PARTY = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")
_MOTTO = re.compile(r"Độc\s+lập\s*-\s*Tự\s+do\s*-\s*Hạnh\s+phúc", re.I)
_SO_LINE = re.compile(
    r"^\s*Số\s*:?[ \t]*(?P<num>\d+[a-z]?)?[ \t]*(?P<sep>[/-])?[ \t]*(?P<sym>[A-ZĐa-zđ][\w&./ -]*?)?[ \t]*$"
)
_DATE_LINE = re.compile(
    r"^\s*(?P<place>[^,\n\d]{2,60}),\s*ngày[ \t]*(?P<d>\d{1,2})?[ \t]*(?:tháng|/)[ \t]*(?P<m>\d{1,2})?[ \t]*"
    r"(?:năm|/)[ \t]*(?P<y>\d{4})?\s*$",
    re.I,
)
_DOC_TYPE = re.compile(r"^\s*(BÁO\s+CÁO|TỜ\s+TRÌNH|KẾ\s+HOẠCH|QUYẾT\s+ĐỊNH|THÔNG\s+BÁO|CÔNG\s+VĂN)\s*$")

_PART_WORDS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
_HEAD_PART = re.compile(r"^(?P<tok>(?:Phần|PHẦN)\s+(?:thứ|THỨ)\s+(?P<w>\w+)|(?:Phần|PHẦN)\s+(?P<r>[IVX]+))\b")
# "Phần thứ hai bao gồm từ “Nơi nhận” …": a sentence that names a part, not a part heading (a heading stands
# alone or is followed by its title, written in capitals or after a separator).
_PART_IN_SENTENCE = re.compile(r"[ \t]+[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")
_HEAD_ROMAN = re.compile(r"^(?P<tok>(?P<num>[IVXL]{1,6})[ \t]*(?P<sep>[.\-:]))[ \t]+(?=\S)")
_HEAD_ARABIC = re.compile(r"^(?P<tok>(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})(?P<sep>\.|\)|(?<=\d)(?=[ \t])))[ \t]+(?=\S)")
_HEAD_LETTER = re.compile(r"^(?P<tok>(?P<num>[a-zđ])\))[ \t]+(?=\S)")
_HEAD_CRITERION = re.compile(r"^(?P<tok>Tiêu\s+chí\s+(?P<num>\d{1,2}))\b", re.I)
_CRITERION_IN = re.compile(r"\bTiêu\s+chí\s+(\d{1,2})\b", re.I)
_ITEM_IN = re.compile(r"\bNội\s+dung\s+(\d{1,2})\b", re.I)
# a word each of those two holds, lower-cased (none of its letters matches another without case)
_CRITERION_WORD, _ITEM_WORD = "chí", "dung"
_LETTERS = "abcdđeghiklmnopqrstuvxy"
# what a heading's first two characters can be (`_may_head`)
_ROMAN_SECOND = frozenset("IVXL \t.-:")
_TIEU_SECOND = frozenset("iIİı")  # what matches i without case
_HEAD_SECOND = {"P": frozenset("hH"), "I": _ROMAN_SECOND, "V": _ROMAN_SECOND, "X": _ROMAN_SECOND, "L": _ROMAN_SECOND,
                "T": _TIEU_SECOND, "t": _TIEU_SECOND}
_HEAD_FIRST = frozenset(_HEAD_SECOND)

_NOTE_FIRST = frozenset("⁽" + SUPERSCRIPT_DIGITS)  # what a footnote's line starts with
_FOOTNOTE_LINE = re.compile(r"^(?P<mark>[⁰¹²³⁴⁵⁶⁷⁸⁹]+|⁽[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁾)[ \t]*(?=\S)")
# "⁽¹²⁾" or "¹²" after no blank, superscript or "⁽". Written to start with a character class (the
# lookbehind after it), so `re` skips to superscripts in C instead of trying every character.
_MARKER = re.compile(r"[⁽⁰¹²³⁴⁵⁶⁷⁸⁹](?<![\s⁰¹²³⁴⁵⁶⁷⁸⁹⁽].)(?:(?<=⁽)[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁾|(?<!⁽)[⁰¹²³⁴⁵⁶⁷⁸⁹]*)")
# the lookbehind after the first superscript digit (a pattern led by one is tried at every character)
_SPACED_MARKER = re.compile(r"([⁰¹²³⁴⁵⁶⁷⁸⁹](?<=[^\s⁰¹²³⁴⁵⁶⁷⁸⁹] [⁰¹²³⁴⁵⁶⁷⁸⁹])[⁰¹²³⁴⁵⁶⁷⁸⁹]{0,2})(?=[\s.,;:)]|$)")
_UNIT_BEFORE = re.compile(r"(?:^|[\d\s.,])(?:[kcd]?m|ha)$")  # km², m³: a unit, not a footnote marker

_RECIPIENTS = re.compile(r"^\s*Nơi\s+nhận\s*:?", re.I)
# "Nơi nhận được trình bày tại ô số 9 …": a sentence about the part (a guide on layout), not its title
_RECIPIENTS_SENTENCE = re.compile(r"^\s*(?i:Nơi\s+nhận)[ \t]+(?P<next>\w)")


def _recipients_title(line: str) -> bool:
    m = _RECIPIENTS.match(line)
    if m is None:
        return False
    sentence = _RECIPIENTS_SENTENCE.match(line)
    return sentence is None or not sentence.group("next").islower()
_ARCHIVE = re.compile(r"\bLưu\b", re.I)
# Authority marks and titles of the signature block: rules/lexicon/signer-titles.toml.
@from_rule_data
def _signer_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(authority + rest of the line, a whole line that is a signer's title)."""
    words = load_lexicon().signer_titles
    auth = "|".join(re.escape(a) for a in words.authorities)
    authority = re.compile(rf"^\s*(?P<auth>{auth})\s*(?P<rest>.*)$")
    title = re.compile(rf"^\s*(?:{auth})?\s*(?:PHÓ\s+)?(?:{phrase_pattern(words.titles)})\b[^a-zà-ỹ]*$")
    return authority, title
# "đến năm 2020" / "tầm nhìn đến năm 2030" in a title is a horizon, not the year reported on
_YEAR_IN_TITLE = re.compile(r"(?<!tháng )(?<!/)(?<!đến )(?<!tới )\bnăm[ \t]+((?:19|20)\d{2})\b(?![/-]\d)", re.I)




def sup_to_int(mark: str) -> int:
    digits = "".join(str(_SUP_TO_INT[c]) for c in mark if c in _SUP_TO_INT)
    return int(digits) if digits else 0


def _is_footnote_mark(mark: str) -> bool:
    return sum(c in _SUP_TO_INT for c in mark) <= MAX_FOOTNOTE_DIGITS


def build_document(src: SourceText, year_override: int | None = None) -> Document:
    text = src.text
    lines = _lines(src)
    tables, table_lines = _tables(text, lines)
    paragraphs = _paragraphs(text, lines, table_lines)
    header = _header(lines, paragraphs, ocr=src.encoding == "ocr", lowered=src.lowered)
    body_from = (header.doc_type_span or header.subject_span or header.number or Span(start=0, end=0)).end
    recipients, signer, body_end = _closing(lines, text, text.count("\n", 0, body_from))
    footnotes = _footnotes(paragraphs)
    markers = _markers(text, {f.start for f in footnotes}, {f.number for f in footnotes})
    sections = _sections(paragraphs, {f.start for f in footnotes}, len(text))
    score_table = find_score_table(src, tables)
    kind, kind_source = _kind(header, signer, text)
    doctype, doctype_source = _doctype(header, text)
    frame = _frame(header, recipients, signer)
    excerpt = not frame and _is_excerpt(sections, text)
    doc = Document(
        kind=kind,
        kind_source=kind_source,
        doctype=doctype.name if doctype else None,
        doctype_id=doctype.id if doctype else None,
        doctype_source=doctype_source,
        is_document=bool(frame),
        frame=frame,
        end_missing=_end_missing(text, header, recipients, signer),
        excerpt=excerpt,
        annex_of=_annex_of(text) or (TABLE_SHEET if _table_sheet(lines, table_lines, header, recipients, signer) else None),
        header=header,
        paragraphs=paragraphs,
        sections=sections,
        tables=tables,
        score_table=score_table,
        footnotes=footnotes,
        footnote_markers=markers,
        recipients=recipients,
        signer=signer,
        body_end=body_end,
    )
    doc.reporting_year = _reporting_year(doc, paragraphs, year_override, text, src.lowered)
    return doc


# -- lines, tables, paragraphs ------------------------------------------------------------------
class _Lines(MadeOnRead[tuple[int, int, str]]):
    """(start, end, text) of every line of the normalised text, made when asked: a list of them held a
    tuple, two ints and a copy of each line (60 bytes a line on top of the text)."""

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str, starts: Sequence[int]) -> None:
        self._text = text
        self._starts = starts  # the source's line starts (`SourceText.line_start_offsets`)

    def __len__(self) -> int:
        return len(self._starts)

    def _make(self, index: int) -> tuple[int, int, str]:
        start = self._starts[index]
        end = self._starts[index + 1] - 1 if index + 1 < len(self._starts) else len(self._text)
        return start, end, self._text[start:end]

    @property
    def starts(self) -> Sequence[int]:
        return self._starts

    def start(self, index: int) -> int:
        """Where line `index` starts."""
        return self._starts[index]

    def index_at(self, offset: int) -> int:
        """The line that holds `offset`."""
        return bisect.bisect_right(self._starts, offset) - 1

    def text_through(self, index: int) -> str:
        """The text of lines 0 … `index` (the last line when beyond), as one slice: their "\\n".join."""
        index = min(index, len(self._starts) - 1)
        return self._text[: self._make(index)[1]]


def _lines(src: SourceText) -> _Lines:
    """(start, end, text) of every line of the normalised text."""
    return _Lines(src.text, src.line_start_offsets)


def _is_pipe_row(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.count("|") >= 3


def _tables(text: str, lines: _Lines) -> tuple[list[Table], bytearray]:
    """Tab-separated rows (Word/PDF export) and Markdown pipe tables; blank lines inside are allowed.
    With them, a flag per line (1 for a line of a table): a set of line numbers held 60 bytes a line."""
    tables: list[Table] = []
    used = bytearray(len(lines))
    store = TableRowStore(text, lines.starts)
    i = 0
    n = len(lines)
    # a row holds a tab or a "|": the lines between the next of each are passed over unread
    tab_at, bar_at = text.find("\t"), text.find("|")
    while i < n:
        pos = lines.start(i)
        if 0 <= tab_at < pos:
            tab_at = text.find("\t", pos)
        if 0 <= bar_at < pos:
            bar_at = text.find("|", pos)
        if tab_at < 0 and bar_at < 0:
            break
        i = max(i, lines.index_at(min(x for x in (tab_at, bar_at) if x >= 0)))
        start, end, line = lines[i]
        pipe = _is_pipe_row(line)
        if "\t" not in line and not pipe:
            i += 1
            continue
        rows = TableRows(store, pipe)
        j = i
        last_row_index = i
        while j < n:
            s, e, ln = lines[j]
            if not ln.strip():
                j += 1
                continue
            if (pipe and _is_pipe_row(ln)) or (not pipe and "\t" in ln):
                if pipe and re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", ln):
                    used[j] = 1
                    last_row_index = j
                    j += 1
                    continue
                rows.append(j)
                used[j] = 1
                last_row_index = j
                j += 1
                continue
            break
        if rows:
            tables.append(Table(rows=rows, start=rows[0].start, end=rows[-1].end, source="pipe" if pipe else "tab"))
        i = last_row_index + 1
    return tables, used


def _paragraphs(text: str, lines: _Lines, table_lines: bytearray) -> Paragraphs:
    """Non-blank lines; a line that continues a sentence broken by a page break joins the previous one."""
    paras = Paragraphs(text)
    last_text = ""  # the text of the last paragraph
    last_line = -1
    starts = lines.starts
    n = len(starts)
    for idx in range(n):  # (the lines read from their starts: no tuple made for each)
        if table_lines[idx]:
            continue
        start = starts[idx]
        end = starts[idx + 1] - 1 if idx + 1 < n else len(text)
        line = text[start:end]
        stripped = line.strip()
        if not stripped:
            continue
        first = stripped[0]
        if last_line >= 0 and first.islower() and not _HEAD_LETTER.match(stripped):
            if last_text.rstrip()[-1:] not in ".:;!?" and idx - last_line <= 6:
                # rejoin: keep offsets; the paragraph text is the span of the original text
                last_text = last_text + " " + stripped
                paras.rejoin_last(end, last_text)
                continue
        paras.append(start + line.index(first), end, idx)  # (what precedes its first letter is blank)
        last_text, last_line = stripped, idx
    return paras


# -- header ---------------------------------------------------------------------------------------
# The header arrives in many layouts: one field per line (Word → text), the two columns of a .docx
# table joined by a tab, `|` cells of a web page or a legal site, a PDF that interleaves the two
# columns on one line, and fields hard-wrapped over two lines (`Số:` / `125/KH-UBND`, `Hà Nội,
# ngày 25` / `tháng 11 năm 2025`, `**QUYẾT` / `ĐỊNH**`). So the header is read as a sequence of
# cells (pieces of lines between tabs, `|` and wide gaps, with Markdown emphasis removed), and a
# field may continue in the next cell.
_CELL_SPLIT = re.compile(r"\t|\||\s{3,}")
_EMPHASIS = re.compile(r"\*+|_{2,}|^#+\s*|\\(?=[-.*_])")
_RULE_CELL = re.compile(r"^[-_=*~.…\s]*$")
_TIEU_NGU = re.compile(r"Độc\s+lập\s*[-–—]?\s*Tự\s+do\s*[-–—]?\s*Hạnh\s+phúc", re.I)
_NATIONAL_JOINED = re.compile(r"CỘNG\s+H[OÒ][ÀA]\s+XÃ\s+HỘI(?:\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM)?|CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.I)
_NUMBER_CELL = re.compile(r"^(?:Số\s*(?::|(?=\s*$)|(?=\s*[\d/…._]))|số\s*:(?=\s*[\d/…._]))\s*(?P<rest>.*)$")
_NUMBER_VALUE = re.compile(
    r"^(?P<num>\d{1,6}[a-z]?)?[ \t]*(?P<sep>[/-])?[ \t]*(?P<sym>[A-ZĐ0-9][\w&./-]*(?:[ \t]*[-/][ \t]*[\w&]+)*)?[ \t]*[.;,]?$"
)
_DATE_START = re.compile(r"^(?P<place>[^,\n\d|]{2,60}),\s*ngày\b(?P<rest>.*)$", re.I)
_DATE_PARTS = re.compile(
    r"ngày[ \t]*(?P<d>\d{1,2})?[ \t.…_]*(?:tháng|/)[ \t]*(?P<m>\d{1,2})?[ \t.…_]*(?:năm|/)[ \t]*(?P<y>(?:19|20)\d{2})", re.I
)
_GLUED_DATE = re.compile(r"\S\s+([A-ZĐ][^,\d]{1,40},\s*ngày\b.*)$")
_SUBJECT = re.compile(r"^(?:[Vv]/[Vv]|Về\s+việc)\b")
_DRAFT_PREFIX = re.compile(r"DỰ\s+THẢO\s+(?=[A-ZĐ])")
_DRAFT = re.compile(r"^\(?\s*(?:DỰ\s+THẢO|Dự\s+thảo)\b[^a-zà-ỹ]{0,12}$")
_HEADER_SCAN = 400  # lines searched for the document's start (a web page puts its chrome first)
# (the optional | and : take the spaces after them only: two runs of \s* side by side are quadratic on a blank line)
_HEADER_NUMBER = re.compile(r"\s*(?:\|\s*)?Số\s*(?::\s*)?\d")
# the same at the start of any line of a text (its \s kept within the line)
_HEADER_NUMBER_LINE = re.compile(r"^[^\S\n]*(?:\|[^\S\n]*)?Số[^\S\n]*(?::[^\S\n]*)?\d", re.M)


class _Cell:
    __slots__ = ("line", "start", "end", "text")

    def __init__(self, line: int, start: int, end: int, text: str) -> None:
        self.line, self.start, self.end, self.text = line, start, end, text


def _cell_split(line: str) -> list[str]:
    """`_CELL_SPLIT.split(line)`, without the regex on a line that has no tab, `|` or run of three
    blanks (most of a header window's lines are body paragraphs): on a printable line the only
    blank is the space (every other `\\s` character is not printable)."""
    if line.isprintable() and "|" not in line and "   " not in line:
        return [line]
    return _CELL_SPLIT.split(line)


def _unemphasised(piece: str) -> str:
    """`_EMPHASIS.sub(" ", piece)`, without the regex when none of its marks is in `piece`."""
    if "*" in piece or "_" in piece or "\\" in piece or piece.startswith("#"):
        return _EMPHASIS.sub(" ", piece)
    return piece


def squeezed(text: str) -> str:
    """`" ".join(text.split())`, without splitting a text that is already so (printable, so its only
    blank is the space; no two spaces together, none at either end)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def _cells(lines: list[tuple[int, int, str]], first: int, last: int) -> list[_Cell]:
    from checker.ruledata import load_kinds

    type_lines = [t for k in load_kinds().kinds for t in k.type_lines]
    out: list[_Cell] = []
    for idx in range(first, min(last, len(lines))):
        start, _, line = lines[idx]
        pos = 0
        for whole in _cell_split(line):
            at0 = line.find(whole, pos) if whole else -1
            if not whole or at0 < 0:
                continue
            pos = at0 + len(whole)
            cuts = [0, *_flat_header_cuts(whole, type_lines), len(whole)]
            for a, b in zip(cuts, cuts[1:]):
                piece, at = whole[a:b], at0 + a
                text = squeezed(_unemphasised(piece))
                if text and not _RULE_CELL.match(text):
                    lead = len(piece) - len(piece.lstrip(" *#_"))
                    tail = len(piece.rstrip(" *_"))
                    out.append(_Cell(idx, start + at + lead, start + at + max(tail, lead + 1), text))
    return out


# A header flattened into one line (a document's preview on a web page, a PDF whose text layer lost
# its line breaks): "TỈNH ỦY X * Số 101-BC/TU ĐẢNG CỘNG SẢN VIỆT NAM X, ngày 30 tháng 7 năm 2021
# BÁO CÁO Tổng kết …" is cut where each part begins, so that the header is read as in its columns.
_FLAT_NUMBER = re.compile(r"(?<!\w)Số\s*:?\s*(?=[\d/.…_]|$)")
_FLAT_NUMBER_LOWER = re.compile(r"(?<!\w)số\s*:\s*(?=[\d/.…_])")
_FLAT_DATE = re.compile(r",\s*ngày\b[^\n]{0,30}?năm\s*(?:19|20)\d{2}")
_FLAT_MARKS = re.compile(r"(?<!\S)\*(?!\S)|(?<!\w)[Vv]/[Vv]\b|(?<!\w)Kính\s+gửi\b")
_FLAT_MIN_CHARS = 60
# where a flattened title stops: the first sentence, a numbered part, "Căn cứ", "Thực hiện"
_FLAT_TITLE_END = re.compile(r"\.\s|\s(?:[IVX]+|\d+)\s*[.-]\s|\s(?:Phần\s+thứ|PHẦN|Căn\s+cứ|Thực\s+hiện|Kính\s+gửi|-{3,})\b")
_FLAT_TITLE_CHARS = 250


def _place_start(piece: str, comma: int) -> int:
    """Start of the place name before ", ngày": up to four capitalised words ("Lâm Đồng")."""
    start = comma
    for w in reversed(list(re.finditer(r"\S+", piece[:comma]))[-4:]):
        t = w.group()
        if not (t[:1].isupper() and t[1:].islower()):
            break
        start = w.start()
    return start


def _flat_header_cuts(piece: str, type_lines: list[str]) -> list[int]:
    """Offsets in `piece` where the parts of a flattened header begin; [] when it is not one.
    Only a piece that holds a motto, a `Số` and a date line together: a sentence never does."""
    # (each search is gated on a literal it needs, and the cheap ones come first: _FLAT_NUMBER starts
    # with a lookbehind, so it would be tried at every character of every body line of the window)
    number = _FLAT_NUMBER.search(piece) if "Số" in piece else None
    before = piece[: number.start()] if number else ""
    if number and before.strip() and (_is_upper(before) or _FLAT_DATE.search(before)) and len(piece) < 200:
        # "ỦY BAN NHÂN DÂN TỈNH X Số: /BC-UBND", "X, ngày … năm 2022 Số:": two fields in one cell
        if not (_NATIONAL.search(piece) or _PARTY.search(piece)):
            return [number.start()]
    if len(piece) < _FLAT_MIN_CHARS or (date := _FLAT_DATE.search(piece)) is None:
        return []
    # the Tiêu ngữ alone counts: a scan's OCR may keep the Quốc hiệu on the line above and run the
    # Tiêu ngữ, the number, the date and the type line together ("SỞ … Độc lập - Tự do - Hạnh phúc Số: …")
    motto = _NATIONAL.search(piece) or _PARTY.search(piece) or _TIEU_NGU.search(piece)
    if number is None and "số" in piece:
        number = _FLAT_NUMBER_LOWER.search(piece)  # "số: /QĐ-UBND": OCR lower-cased the S
    if not (motto and number):
        return []
    cuts = {number.start(), _place_start(piece, date.start()), date.end()}
    for pattern in (_NATIONAL, _PARTY, _TIEU_NGU):
        for m in pattern.finditer(piece):
            cuts.update((m.start(), m.end()))
    for m in _FLAT_MARKS.finditer(piece):
        cuts.add(m.start())
        if m.group() == "*":
            cuts.add(m.end())
    rest = piece[date.end() :]
    lead = len(rest) - len(rest.lstrip())
    for t in sorted(type_lines, key=len, reverse=True):
        m = re.match(re.escape(t).replace(r"\ ", r"\s+") + r"(?=\s+\S)", rest[lead:])
        if m:
            after = rest[lead + m.end() :].split(None, 1)
            if after and not _is_upper(after[0]):
                cuts.add(date.end() + lead + m.end())  # "BÁO CÁO" | "Tổng kết …": the type line, its title
            break
    return sorted(c for c in cuts if 0 < c < len(piece))


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(not c.islower() for c in letters)


# the `Số` and what follows it on a line (the literal leads: `re` skips to each `Số` in C), and what may
# stand before it at the line's start; together, what `_HEADER_NUMBER_LINE` matches
_HEADER_NUMBER_REST = re.compile(r"Số[^\S\n]*(?::[^\S\n]*)?\d")
_HEADER_NUMBER_LEAD = re.compile(r"[^\S\n]*(?:\|[^\S\n]*)?")


def _header_number_line(window: str) -> re.Match[str] | None:
    """The first match of `_HEADER_NUMBER_LINE` in `window`, found from each `Số` instead of being
    tried at every character (the pattern starts with `^` and blanks)."""
    at = window.find("Số")
    while at >= 0:
        line_start = window.rfind("\n", 0, at) + 1
        if _HEADER_NUMBER_REST.match(window, at) and _HEADER_NUMBER_LEAD.fullmatch(window, line_start, at):
            return _HEADER_NUMBER_LINE.match(window, line_start)
        at = window.find("Số", at + 2)
    return None


def _header_window(lines: _Lines, lowered: str | None = None) -> tuple[int, int]:
    """Lines that hold the header: around the Quốc hiệu / Party title / number, else the first HEADER_LINES."""
    limit = min(len(lines), _HEADER_SCAN)
    # One search over the window first: a line joined with the next is part of it (\s matches the line
    # break as the joining space does), and the Party title needs the word ĐẢNG in it; a report without
    # either finds its "Số" line by one search instead of a join, a substitution and three searches per line.
    window = lines.text_through(limit)
    national = _national_in(window, lowered)
    party = "ĐẢNG" in window
    if not (national or party):
        number = _header_number_line(window)
        if number is not None and (idx := window.count("\n", 0, number.start())) < limit:
            return max(0, idx - 14), idx + 60
    else:
        for idx in range(limit):
            line = lines[idx][2]
            if not line.strip():
                continue
            joined = line + " " + (lines[idx + 1][2] if idx + 1 < len(lines) else "")
            if (
                (national and _NATIONAL.search(joined))
                # (removing emphasis and blanks never makes the literal ĐẢNG the title needs)
                or (party and "ĐẢNG" in joined and _PARTY.search(squeezed(_unemphasised(joined))))
                or _HEADER_NUMBER.match(line)
            ):
                return max(0, idx - 14), idx + 60
    if (idx := _addressee_line(window, limit)) is not None:
        # a page that shows the letter from "Kính gửi" on: its header is not there
        return max(0, idx - 14), idx + 3
    return 0, HEADER_LINES


_ADDRESSEE_LINE = re.compile(r"[\s|*]*Kính(?:\*\*)?\s*$|[\s|*]*Kính\s+gửi\b")


def _addressee_line(window: str, limit: int) -> int | None:
    """The first of the window's `limit` lines that `_ADDRESSEE_LINE` matches at its start, looked for
    only at the lines that hold "Kính" (the pattern needs it) instead of matched at every line."""
    at = window.find("Kính")
    while at >= 0:
        line_start = window.rfind("\n", 0, at) + 1
        line_end = window.find("\n", at)
        if line_end < 0:
            line_end = len(window)
        idx = window.count("\n", 0, line_start)
        if idx >= limit:
            return None
        if _ADDRESSEE_LINE.match(window[line_start:line_end]):
            return idx
        at = window.find("Kính", line_end)
    return None


# what `_NATIONAL` (case-insensitive) needs, in the lower-cased text: a character that matches I
# without case is i, ı or İ (İ keeps its case in `SourceText.lowered`: its lower form is two characters)
_NATIONAL_LOWERED = re.compile(r"cộng\s+h[oò][àa]\s+xã\s+hội\s+chủ\s+nghĩa\s+v[iıİ]ệt\s+nam")


def _national_in(window: str, lowered: str | None) -> bool:
    """Whether `_NATIONAL` is found in `window` (a prefix of the text whose lower-cased form is
    `lowered`): first searched for in `lowered`, led by a literal, as the case-insensitive pattern is
    tried at every character."""
    if lowered is not None and _NATIONAL_LOWERED.search(lowered, 0, len(window)) is None:
        return False
    return _NATIONAL.search(window) is not None


def _header(lines: _Lines, paragraphs: Sequence[Paragraph], ocr: bool = False, lowered: str | None = None) -> Header:
    from checker.ruledata import load_kinds

    kinds = load_kinds()
    header = Header()
    first, last = _header_window(lines, lowered)
    cells = _cells(lines, first, last)
    issuer_cells: list[_Cell] = []
    run_open = True  # the issuer is the run of capitalised cells just before the number / motto
    type_at: int | None = None
    flat_title: _Cell | None = None
    i = 0
    while i < len(cells):
        cell = cells[i]
        text = cell.text
        nxt = cells[i + 1].text if i + 1 < len(cells) else ""
        text, skip_to = _mottos(header, cells, i)
        if skip_to is not None:
            i = skip_to
            continue
        if not text or text == "*":
            i += 1
            continue
        if header.number is None and type_at is None and (m := _NUMBER_CELL.match(text)):
            i = _number_cell(header, m.group("rest"), cell, cells, i)
            run_open = False
            continue
        if header.date_line is None and type_at is None and re.fullmatch(r"[^,\d]{2,40},", text) and nxt.startswith("ngày"):
            cells[i + 1] = _Cell(cells[i + 1].line, cell.start, cells[i + 1].end, text + " " + nxt)
            i += 1  # "Huế," / "ngày 21 tháng 11 năm 2025": the place alone on its line
            continue
        if header.date_line is None and type_at is None and (m := _DATE_START.match(text)):
            header.date_line, i = _date_from_cells(m, cell, cells, i)
            run_open = False
            continue
        if header.subject is None and type_at is None and _SUBJECT.match(text):
            header.subject = text
            header.subject_span = Span(start=cell.start, end=cell.end)
            i += 1
            continue
        if header.addressee_span is None and type_at is None and re.match(r"Kính(?:\s+gửi\b|$)", text):
            header.addressee_span = Span(start=cell.start, end=cell.end)
            break  # the letter's body follows its addressee
        if not header.draft and _DRAFT.match(text):
            header.draft = True
            header.draft_span = Span(start=cell.start, end=cell.end)
            i += 1
            continue
        if type_at is None and _is_upper(text) and (draft := _DRAFT_PREFIX.match(text)):
            # "DỰ THẢO BÁO CÁO CHÍNH TRỊ": a draft's mark run into its type line
            header.draft = True
            header.draft_span = Span(start=cell.start, end=cell.start + draft.end())
            cell = cells[i] = _Cell(cell.line, cell.start + draft.end(), cell.end, text[draft.end() :])
            text = cell.text
        if type_at is None and _is_upper(text):
            found = _type_line(text, cells, i, kinds, ocr)
            if found is not None:
                name, j = found
                header.doc_type = name
                header.doc_type_span = Span(start=cell.start, end=cells[j].end)
                type_at = cells[j].line
                if j + 1 < len(cells) and cells[j + 1].line == type_at:
                    flat_title = cells[j + 1]  # a flattened header: the title runs on in the same line
                break
            if run_open and len(text) < 100:
                issuer_cells.append(cell.__class__(cell.line, cell.start, cell.end, text))
        elif type_at is None and not _is_upper(text) and run_open and issuer_cells and not header.national_motto and not header.party_motto:
            issuer_cells = []  # site chrome or a news lead before the document: not the issuer
        i += 1
    if issuer_cells:
        header.issuer = " ".join(c.text for c in issuer_cells)
        header.issuer_span = Span(start=issuer_cells[0].start, end=issuer_cells[-1].end)
    if flat_title is not None:
        if (flat := _flat_summary(flat_title, lines)) is not None:
            header.summary, header.summary_span = flat
    elif type_at is not None and (summary := _summary(paragraphs, type_at)) is not None:
        header.summary, header.summary_span = summary
    return header


def _mottos(header: Header, cells: list[_Cell], i: int) -> tuple[str, int | None]:
    """The Party's and the national motto at `cells[i]`, set on `header`: returns the cell's text
    without them, and the next cell to read when the motto, broken over two cells, took them whole."""
    text = cells[i].text
    nxt = cells[i + 1].text if i + 1 < len(cells) else ""
    if _PARTY.search(text):
        header.party_motto = True
        text = _PARTY.sub(" ", text).strip()
    elif _PARTY.search(text + " " + nxt) and re.match(r"ĐẢNG(?:\s+CỘNG)?(?:\s+SẢN)?$", text):
        header.party_motto = True  # "ĐẢNG CỘNG" / "SẢN VIỆT NAM": the title broken over two cells
        cells[i + 1].text = _PARTY.sub(" ", text + " " + nxt).strip() or "*"
        return text, i + 1
    if _NATIONAL.search(text):
        header.national_motto = True
    elif _NATIONAL.search(text + " " + nxt) and not _NATIONAL.search(nxt):
        header.national_motto = True  # "CỘNG HÒA XÃ" / "HỘI CHỦ NGHĨA VIỆT NAM": broken over two cells
        return text, i + 2
    bare = _TIEU_NGU.sub(" ", _NATIONAL_JOINED.sub(" ", text))
    if bare != text:  # what is left beside the motto (an interleaved PDF line): the issuer's part
        text = bare.strip(" -")
    return text, None


def _number_cell(header: Header, rest: str, cell: _Cell, cells: list[_Cell], i: int) -> int:
    """The `Số` cell at `cells[i]` (`rest` after "Số:"): sets `header.number`, splitting off a subject
    line or a date run into it; returns the index of the next cell to read."""
    # "Số: 887/UBND-NC V/v …": a Word cell holding the number and the subject line
    subject = re.search(r"\s((?:[Vv]/[Vv])\b.*)$", rest)
    if subject:
        cells.insert(i + 1, _Cell(cell.line, cell.start, cell.end, subject.group(1)))
        rest = rest[: subject.start()]
    # "Số: 111/BC-SGD&ĐT Phú Thọ, ngày 13 …": the date column run into the number's line
    glued = _GLUED_DATE.search(rest)
    if glued:
        date_text = rest[glued.start(1) :]
        rest = rest[: glued.start(1)]
        at = cell.start + cell.text.find(date_text) if date_text in cell.text else cell.end
        cells.insert(i + 1, _Cell(cell.line, max(cell.start, at), cell.end, date_text))
    header.number, i = _number(rest, cell, cells, i)
    if glued:
        header.number.end = max(header.number.start + 2, min(header.number.end, at - 1))
    return i


def _flat_summary(flat_title: _Cell, lines: list[tuple[int, int, str]]) -> tuple[str, Span] | None:
    """A flattened header's trích yếu: what runs on after the type in the same line, up to where the
    body starts; None when that is a V/v subject line or nothing."""
    m = _FLAT_TITLE_END.search(flat_title.text)
    title_text = flat_title.text[: m.start() if m else _FLAT_TITLE_CHARS][:_FLAT_TITLE_CHARS]
    if not title_text or _SUBJECT.match(title_text):
        return None
    # the span ends where the title's last word stands in the line
    last = lines[flat_title.line][2].find(title_text.split()[-1], flat_title.start - lines[flat_title.line][0])
    end = lines[flat_title.line][0] + last + len(title_text.split()[-1]) if last >= 0 else flat_title.end
    return title_text.strip(), Span(start=flat_title.start, end=min(end, flat_title.end))


def _summary(paragraphs: Sequence[Paragraph], type_at: int) -> tuple[str, Span] | None:
    """The trích yếu: the paragraphs after the type line that continue one title (at most four)."""
    after = list(itertools.islice((p for p in paragraphs if p.line > type_at), 4))  # not all of them
    if not after:
        return None
    title = [after[0]]
    for p in after[1:4]:
        prev = title[-1]
        if prev.text.rstrip().endswith((".", ":", ";")) or p.line - prev.line > 2:
            break
        if re.match(r"(?:Căn\s+cứ|Thực\s+hiện|Theo|Kính\s+gửi|Xét|[IVX]+\s*[.-]|\d+\s*\.|Phần\b)", p.text):
            break
        if len(" ".join(t.text for t in title)) + len(p.text) > 400:
            break
        # a title wrapped over lines: the next piece continues it (lower-case start, both in
        # capitals, or the previous one stops on a joining word), it does not start a sentence
        ends_open = re.search(r"(?:,|-|\b(?:và|của|về|năm|tại|trên|cho|đến))$", prev.text.rstrip("* "))
        if not (p.text.lstrip("* ")[:1].islower() or (_is_upper(prev.text) and _is_upper(p.text)) or ends_open):
            break
        title.append(p)
    return " ".join(p.text.strip("* ") for p in title), Span(start=title[0].start, end=title[-1].end)


def _number(rest: str, cell: _Cell, cells: list[_Cell], i: int) -> tuple[DocNumber, int]:
    """The `Số` field: on its own cell, or with its value in the next cell (hard-wrapped)."""
    used = i
    source = "dòng Số"
    value = rest.strip()
    if not value and i + 1 < len(cells) and re.match(r"[\d/.…_-][\d/.…_ -]*[A-ZĐ]", cells[i + 1].text) and len(cells[i + 1].text) < 40:
        used = i + 1
        value = cells[used].text
        if cells[used].line != cell.line:
            source = "dòng Số và dòng sau (xuống dòng)"
    # "80/2025/QĐ-" + "UBND": a symbol broken at a separator continues in the next cell
    if re.search(r"[-/]$", value) and used + 1 < len(cells) and re.fullmatch(r"[A-ZĐ][\w&-]*", cells[used + 1].text):
        used += 1
        value += cells[used].text
        source += ", ký hiệu nối từ dòng sau"
    blank_value = re.sub(r"^[\s.…_]+", "", value)
    m = _NUMBER_VALUE.match(blank_value)
    num = m.group("num") if m else None
    sym = (m.group("sym") or "").strip() or None if m else None
    raw = ("Số: " if re.match(r"Số\s*:", cell.text) else "Số ") + value.strip() if value.strip() else cell.text
    compact = re.sub(r"\s+", "", blank_value).rstrip(".;,")
    number = DocNumber(
        raw=raw,
        number=num,
        symbol=sym,
        blank=num is None,
        start=cell.start,
        end=cells[used].end,
        value=compact if num is not None else None,
        source=source,
    )
    return number, used + 1


def _date_from_cells(m: re.Match[str], cell: _Cell, cells: list[_Cell], i: int) -> tuple[DateLine, int]:
    """`<Địa danh>, ngày …`: the day, month and year may continue in the next cell or two."""
    text = m.group()
    used = i
    source = "một dòng"
    while (
        not re.search(r"năm\s*(?:19|20)\d{2}|/\s*(?:19|20)\d{2}", text)
        and used + 1 < len(cells)
        and used < i + 2
        and re.match(r"(?:\d|tháng\b|năm\b|/)", cells[used + 1].text)
    ):
        used += 1
        text += " " + cells[used].text
        source = "xuống dòng sau “ngày”"
    parts = _DATE_PARTS.search(text)
    d = parts.group("d") if parts else None
    mth = parts.group("m") if parts else None
    y = parts.group("y") if parts else None
    date = None
    if d and mth and y:
        try:
            date = dt.date(int(y), int(mth), int(d))
        except ValueError:
            date = None
    raw = " ".join(text.split())
    if parts:
        raw = raw[: raw.find(parts.group("y"), raw.find("ngày")) + 4]
    line = DateLine(
        raw=raw,
        place=m.group("place").strip(),
        day=int(d) if d else None,
        month=int(mth) if mth else None,
        year=int(y) if y else None,
        day_text=d,
        month_text=mth,
        blank=not (d and mth and y),
        date=date,
        start=cell.start,
        end=cells[used].end,
        source=source,
    )
    return line, used + 1


def without_marks(text: str) -> str:
    """Letters without their tone and vowel marks (Đ kept): how OCR's misread marks are compared."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _type_line(text: str, cells: list[_Cell], i: int, kinds: DocKinds, ocr: bool = False) -> tuple[str, int] | None:
    """A kind's type line at cell i, possibly broken over up to three cells ("QUYẾT" / "ĐỊNH"). On OCR
    text a type line whose marks were misread ("QUYÉT ĐỊNH") is that kind's line, named as it should be."""
    joined = text
    for j in range(i, min(i + 3, len(cells))):
        if j > i:
            if not _is_upper(cells[j].text):
                break
            joined += " " + cells[j].text
        key = " ".join(joined.split()).rstrip(":")
        if kinds.by_type_line(key) is not None:
            return key, j
        if ocr:
            bare = without_marks(key)
            for k in kinds.kinds:
                for t in k.type_lines:
                    if without_marks(" ".join(t.split())) == bare:
                        return " ".join(t.split()), j
    # "BÁO CÁO KẾT QUẢ …": a type line that runs on into its title on the same line
    for k in kinds.kinds:
        for t in k.type_lines:
            if re.match(re.escape(t).replace(r"\ ", r"\s+") + r"\s+\S", text) and not text.rstrip().endswith(":"):
                return t, i
    return None


# -- closing: recipients and signer ---------------------------------------------------------------
def _closing(
    lines: list[tuple[int, int, str]], text: str, body_from: int = 0
) -> tuple[Recipients | None, Signer | None, int]:
    """`Nơi nhận` list and the signer block around it (they sit side by side in Word: one table row
    of two cells, each cell's paragraphs joined on one line; a web page puts them in `|` cells)."""
    rec_idx = None
    for idx in range(len(lines) - 1, max(body_from, 0) - 1, -1):
        line = _clean(lines[idx][2])
        if _recipients_title(line):
            rec_idx = idx
            break
    if rec_idx is None:
        # a page that dropped the "Nơi nhận:" title keeps its list: "- …;" items ending "- Lưu: VT, …"
        for idx in range(len(lines) - 1, max(body_from, 0) - 1, -1):
            if re.match(r"\s*[-–]\s*Lưu\b", _clean(lines[idx][2])):
                rec_idx = idx
                while rec_idx - 1 > body_from and _clean(lines[rec_idx - 1][2]).startswith(("-", "–")):
                    rec_idx -= 1
                rec_idx -= 1 if rec_idx - 1 > body_from and not _clean(lines[rec_idx - 1][2]) else 0
                break
    recipients = None
    body_end = len(text)
    search_from = max(body_from, len(lines) - 60)
    if rec_idx is not None:
        body_end = lines[rec_idx][0]
        items: list[str] = []
        j = rec_idx + 1
        last = rec_idx
        while j < len(lines):
            s = _clean(lines[j][2].split("\t")[0]).strip()
            if not s:
                j += 1
                continue
            if s.startswith(("-", "+", "•")) or _ARCHIVE.match(s):
                items.append(s.lstrip("-+• ").strip())
                last = j
                j += 1
                continue
            break
        # the title line may carry the items ("Nơi nhận: - Sở Nội vụ; - Lưu: VT, NC." in one cell)
        first = _clean(lines[rec_idx][2].split("\t")[0])
        tail = _RECIPIENTS.sub("", first).strip(" -")
        if tail and not _RECIPIENTS.match(first):
            tail = ""
            items.insert(0, first.strip(" -"))
        if tail:
            items[:0] = [x.strip(" -") for x in re.split(r"\s+[-+•]\s+|;\s*(?=[-+•]?\s*\S)", tail) if x.strip(" -")]
        recipients = Recipients(
            items=items,
            # "- Lưu: VT, NC." as its own item, or inside a cell whose items Word joined on one line
            has_archive=any(_ARCHIVE.match(i) or re.search(r"(?:\s[-–+•]\s*|;\s*[-–+•]?\s*)Lưu\b", i) for i in items),
            start=lines[rec_idx][0],
            end=lines[last][1],
        )
        search_from = rec_idx
    signer = _signer(lines, search_from)
    if signer is None and rec_idx is None:
        # a web page puts its own chrome after the document: the signer is the first authority line
        # (KT., TM., T/M …) after the body, wherever the file ends
        authority = _signer_patterns()[0]
        for idx in range(body_from, len(lines)):
            if authority.match(cleaned := _clean(lines[idx][2])) and _is_upper(cleaned):
                signer = _signer(lines, idx)
                break
    if signer is None and recipients is not None:
        signer = _interleaved_signer(text, recipients)
    if signer and rec_idx is None:
        body_end = min(body_end, signer.start)
    return recipients, signer, body_end


# A PDF whose text layer runs the two closing columns into each other: "Nơi nhận: KT. GIÁM ĐỐC - Như
# trên; PHÓ GIÁM ĐỐC - Lãnh đạo Sở; - Lưu: VT. Nguyễn Thị Lan": the authority, its title, and the
# name at the end of the list.
_INLINE_AUTHORITY = re.compile(
    r"(?<!\w)(?P<auth>KT\.|TM\.|TL\.|TUQ\.|Q\.|T/M|K/T|T/L)[ \t]*(?P<title>[^-–;:\n]{3,60}?)[ \t]*(?=[-–]|$)", re.M
)
_INLINE_DEPUTY = re.compile(r"(?<!\w)PHÓ[ \t]+[^-–;:\n]{2,40}?[ \t]*(?=[-–]|$)", re.M)


def _interleaved_signer(text: str, recipients: Recipients) -> Signer | None:
    block = text[max(0, recipients.start - 400) : recipients.end]
    # the mark stands right after "Nơi nhận:" or after a recipient's ";": beside the list, not in the body
    m = next(
        (
            x for x in _INLINE_AUTHORITY.finditer(block)
            if _is_upper(x.group("title")) and re.search(r"(?:Nơi\s+nhận\s*:|;)\s*$", block[: x.start()])
        ),
        None,
    )
    if m is None:
        return None
    titles = [f"{m.group('auth')} {m.group('title').strip()}"]
    deputy = next((x for x in _INLINE_DEPUTY.finditer(block, m.end()) if _is_upper(x.group())), None)
    if deputy:
        titles.append(deputy.group().strip())
    name = None
    for line in reversed(block[m.start() :].split("\n")):
        # the name closes a line of the list, after its last item: "- Lưu: VT. Nguyễn Thị Lan"
        words = re.split(r"[;.]", line)[-1].split()
        name = next((" ".join(words[-k:]) for k in (4, 3, 2) if len(words) >= k and _looks_like_name(" ".join(words[-k:]))), None)
        if name:
            break
    if name is None:
        return None
    base = max(0, recipients.start - 400)
    return Signer(authority=m.group("auth"), title_lines=titles, name=name, start=base + m.start(), end=recipients.end)


# Two closing columns side by side: a tab (a Word table row as text) or a wide run of spaces (a
# .doc or a page that padded the left column: "Nơi nhận:              TRƯỞNG PHÒNG")
_COLUMN_GAP = re.compile(r"\t| {4,}")


def _columns(line: str) -> list[tuple[int, str]]:
    """The non-empty cells of a closing line with their offsets in it."""
    out: list[tuple[int, str]] = []
    pos = 0
    for m in [*_COLUMN_GAP.finditer(line), None]:
        end = m.start() if m else len(line)
        if line[pos:end].strip():
            out.append((pos, line[pos:end]))
        if m:
            pos = m.end()
    return out or [(0, line)]


def _split_signer_cells(lines: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Closing lines as the signer block reads them: a tab row's cells one by one, and a cell that holds
    the whole block ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH (Đã ký) Nguyễn Văn An") split into its lines."""
    out: list[tuple[int, int, str]] = []
    # Nơi nhận beside the signer in a table (rows "Nơi nhận:\tKT. GIÁM ĐỐC", "- Như trên;\tPHÓ GIÁM
    # ĐỐC", "- Lưu: VT.", "Trần Văn An"): the signer is the right column; the recipients' lines that
    # have no right cell are not part of it
    two_columns = sum(1 for _, _, ln in lines[:12] if _COLUMN_GAP.search(ln.strip())) >= 1 and _RECIPIENTS.match(_clean(lines[0][2])) is not None
    for start, _end, line in lines:
        if line.count("\t") >= 2:
            continue  # a row of a data table (a guide's table of examples), not the signer's two columns
        cols = _columns(line)
        if two_columns:
            if len(cols) == 1 and re.match(r"\s*[-–+•]|\s*Lưu\b", _clean(line)):
                continue
            if len(cols) > 1:
                cols = cols[1:]
        for offset, piece in cols:
            at = start + offset
            cleaned = _clean(piece)
            words = cleaned.split()
            upper = next((k for k, w in enumerate(words) if not _is_upper(w)), len(words))
            if 0 < upper < len(words) and _signer_patterns()[1].match(" ".join(words[:upper])) and _looks_like_name(" ".join(words[upper:])):
                # "CHỦ TỊCH       Hồ Văn Mười": the title and the name in one cell, without a signature note
                out.append((at, at + len(piece), " ".join(words[:upper])))
                out.append((at, at + len(piece), " ".join(words[upper:])))
                continue
            if not _signer_patterns()[0].match(cleaned) and not _signer_patterns()[1].match(cleaned.split("(")[0].strip() or "-"):
                out.append((at, at + len(piece), cleaned))
                continue
            m = re.match(r"^(?P<titles>[^a-zà-ỹ(\[]*?)\s*(?P<notes>(?:[(\[][^)\]]*[)\]]\s*)*)(?P<name>[^()\[\]]*)$", cleaned)
            if not m or not m.group("titles"):
                out.append((at, at + len(piece), cleaned))
                continue
            titles = re.split(r"\s+(?=(?:PHÓ|THỨ\s+TRƯỞNG|KT\.|TM\.|TL\.|TUQ\.|Q\.|T/M|K/T|T/L)\s)", m.group("titles").strip())
            for t in titles:
                out.append((at, at + len(piece), t))
            if m.group("notes").strip():
                out.append((at, at + len(piece), m.group("notes").strip()))
            if m.group("name").strip():
                out.append((at, at + len(piece), m.group("name").strip()))
    return out


def _clean(line: str) -> str:
    """A closing line without Markdown emphasis and cell bars (a web page's `**KT. BỘ TRƯỞNG**`)."""
    if "_" in line or "*" in line or "|" in line:  # (the closing is looked for from every line's end)
        line = _UNDERLINE.sub("", line).replace("*", "").replace("|", " ")
    return squeezed(line)


_UNDERLINE = re.compile(r"_{2,}")


_DRAFTER = re.compile(r"^\(\s*[A-ZĐ][^\s()]{1,12}\s*\)$")  # "(Hoài)": the drafter's name after the Lưu line
_SIGN_NOTE = re.compile(r"^\(?\s*(?:Đã\s+ký|đã\s+ký|Ký|ký|Chữ\s+ký|chữ\s+ký|Đóng\s+dấu|đã\s+đóng\s+dấu|Đã\s+đóng\s+dấu|\[)[^)\]]{0,60}[)\]]?\s*$")


def _signer(lines: list[tuple[int, int, str]], search_from: int) -> Signer | None:
    authority_line, title_line = _signer_patterns()
    lines = _split_signer_cells(lines[search_from:])
    search_from = 0
    for idx in range(search_from, len(lines)):
        s = lines[idx][2].strip()
        if not s or not title_line.match(s):
            continue
        auth_m = authority_line.match(s)
        authority = auth_m.group("auth") if auth_m else None
        titles = [s]
        name = None
        end = lines[idx][1]
        j = idx + 1
        while j < len(lines) and j <= idx + 12:
            t = lines[j][2].strip()
            if not t:
                j += 1
                continue
            if _SIGN_NOTE.match(t) or _DRAFTER.match(t):
                j += 1  # "(Đã ký)", "(Đã ký và đóng dấu)", "[daky]": the signature itself, then the name
                continue
            if title_line.match(t) or (_is_upper(t) and len(t) < 60 and name is None and len(titles) < 4 and not re.search(r"\d", t)):
                titles.append(t)
                end = lines[j][1]
            elif _looks_like_name(t):
                name = t
                end = lines[j][1]
                break
            elif j + 1 < len(lines) and _looks_like_name(t + " " + lines[j + 1][2].strip()):
                name = t + " " + lines[j + 1][2].strip()  # "Bùi" / "Xuân Cường": a name broken over two lines
                end = lines[j + 1][1]
                break
            else:
                break
            j += 1
        # a second signer block in an annex (scoring table) is not the report's signer
        return Signer(authority=authority, title_lines=titles, name=name, start=lines[idx][0], end=end)
    return None


def _looks_like_name(s: str) -> bool:
    """A person's name ("Nguyễn Văn An"), after a rank if any ("Thượng tướng Vũ Hải Sản"), or a
    template's placeholder ("Nguyễn Văn A", "[Họ và tên]")."""
    if re.fullmatch(r"[\[(]\s*(?:Họ\s+(?:và\s+)?tên|họ\s+(?:và\s+)?tên)[^\])]{0,30}[\])]", s):
        return True
    words = s.split()
    if not 2 <= len(words) <= 7 or len(s) >= 60 or any(c.isdigit() for c in s):
        return False
    capitalised = [w[:1].isupper() and (not w.isupper() or len(w) == 1) for w in words]
    # every word capitalised, or a lower-case rank first ("Thượng tướng", "Đại tá") then the name
    tail = len(capitalised) - capitalised[::-1].index(False) if False in capitalised else 0
    return all(capitalised) or (len(words) - tail >= 2 and tail <= 3 and capitalised[0])


# -- footnotes ------------------------------------------------------------------------------------
def _footnotes(paragraphs: Paragraphs) -> list[Footnote]:
    notes = []
    for i, head in paragraphs.heads():
        if head[:1] not in _NOTE_FIRST:
            continue  # (a note starts with its superscript mark: the others are not made)
        p = paragraphs[i]
        m = _FOOTNOTE_LINE.match(p.text)
        if m and _is_footnote_mark(m.group("mark")):
            notes.append(Footnote(number=sup_to_int(m.group("mark")), text=p.text[m.end():], start=p.start, end=p.end))
    return notes


def _superscripts(text: str) -> list[int]:
    """Where each superscript digit or "⁽" stands, in order: the only places a footnote marker can
    start (one `find` a character, faster than the class scan of `_MARKER` and `_SPACED_MARKER`)."""
    return occurrences_of_any(text, "⁽" + SUPERSCRIPT_DIGITS)


def _markers(text: str, footnote_starts: set[int], note_numbers: set[int] | None = None) -> list[FootnoteMarker]:
    out = []
    starts = _superscripts(text)
    for m in finditer_at(_MARKER, text, starts):
        if m.start() in footnote_starts or (m.start() == 0 or text[m.start() - 1] == "\n"):
            continue
        if _UNIT_BEFORE.search(text[max(0, m.start() - 5) : m.start()]) or not _is_footnote_mark(m.group()):
            continue
        out.append(FootnoteMarker(number=sup_to_int(m.group()), start=m.start(), end=m.end()))
    # "… cụ thể ²." / "TÊN ĐƠN VỊ ¹": a marker typed after a space, for a note the text has
    seen = {x.number for x in out}
    for m in finditer_at(_SPACED_MARKER, text, starts):
        number = sup_to_int(m.group(1))
        if note_numbers and number in note_numbers and number not in seen and m.start(1) not in footnote_starts:
            if not _UNIT_BEFORE.search(text[max(0, m.start(1) - 6) : m.start(1) - 1]):
                out.append(FootnoteMarker(number=number, start=m.start(1), end=m.end(1)))
                seen.add(number)
    out.sort(key=lambda x: x.start)
    return out


# -- sections -------------------------------------------------------------------------------------
_RANK = {"part": 0, "roman": 1, "criterion": 2, "arabic": 2, "arabic2": 3, "arabic3": 4, "arabic4": 5, "letter": 6}


def _roman(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


def _may_head(head: str) -> bool:
    """Whether a paragraph starting with `head` (its first two characters) can be a heading: a digit
    (`str.isdigit` holds for every `\\d`), a letter before ")", or the first two characters of Phần /
    PHẦN, of a Roman numeral and its separator, of Tiêu chí in any case."""
    first, second = head[:1], head[1:2]
    return first.isdigit() or second == ")" or (first in _HEAD_FIRST and second in _HEAD_SECOND[first])


def classify_heading(text: str) -> tuple[str, str, list[int], str, int] | None:
    """(token, style, numbers, separator, end of token) for a numbered paragraph, else None."""
    if not _may_head(text[:2]):
        return None  # (most paragraphs: no heading starts so; five patterns tried on each cost more)
    m = _HEAD_PART.match(text)
    if m and not _PART_IN_SENTENCE.match(text, m.end()):
        if m.group("w"):
            value = _PART_WORDS.get(m.group("w").lower())
            if value is None:
                return None
        else:
            value = _roman(m.group("r"))
        return m.group("tok"), "part", [value], "", m.end()
    m = _HEAD_ROMAN.match(text)
    if m and re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", m.group("num")):
        return m.group("tok"), "roman", [_roman(m.group("num"))], m.group("sep"), m.end("tok")
    m = _HEAD_ARABIC.match(text)
    if m:
        nums = [int(x) for x in m.group("num").split(".")]
        style = "arabic" if len(nums) == 1 else f"arabic{len(nums)}"
        if len(nums) == 1 and m.group("sep") not in (".", ")"):
            return None
        return m.group("tok"), style, nums, m.group("sep"), m.end("tok")
    m = _HEAD_LETTER.match(text)
    if m:
        letter = m.group("num")
        return m.group("tok"), "letter", [_LETTERS.index(letter) + 1], ")", m.end("tok")
    m = _HEAD_CRITERION.match(text)
    if m:
        return m.group("tok"), "criterion", [int(m.group("num"))], "", m.end("tok")
    return None


def _named_in(head: str) -> tuple[int | None, int | None]:
    """The criterion ("Tiêu chí N") and the item ("Nội dung N") a heading's head names. Each pattern, led
    by \b and matched without case, is tried at every character of the head: it is searched for only
    in a head whose lower-cased form holds its word."""
    lowered = head.lower()
    crit = _CRITERION_IN.search(head) if _CRITERION_WORD in lowered else None
    item = _ITEM_IN.search(head) if _ITEM_WORD in lowered else None
    return int(crit.group(1)) if crit else None, int(item.group(1)) if item else None


def _sections(paragraphs: Paragraphs, footnote_starts: set[int], text_len: int) -> list[Section]:
    roots: list[Section] = []
    stack: list[Section] = []
    flat: list[Section] = []
    for i, head in paragraphs.heads():
        if not _may_head(head):
            continue  # (classify_heading would say None: the paragraph is not made)
        p = paragraphs[i]
        if p.start in footnote_starts:
            continue
        found = classify_heading(p.text)
        if not found:
            continue
        token, style, numbers, sep, tok_end = found
        title = p.text[tok_end:].strip(" :.-")[:200]
        if not title and style == "part" and i + 1 < len(paragraphs) and paragraphs[i + 1].text.isupper():
            title = paragraphs[i + 1].text[:200]  # "Phần thứ nhất" with its title on the next line
        crit, item = _named_in(p.text[:80])
        node = Section(
            token=token,
            style=style,
            level=1,
            numbers=numbers,
            separator=sep,
            title=title,
            start=p.start,
            end=p.end,
            criterion=crit,
            item=item,
        )
        rank = _RANK[style]
        while stack and _RANK[stack[-1].style] >= rank:
            stack.pop()
        node.level = len(stack) + 1
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
        flat.append(node)
    # body_end: the next heading of the same or a higher rank. The headings still open are kept on a
    # stack, their ranks rising: a heading closes those of its rank or lower, from the top (looking
    # through the rest of the list from each heading was quadratic in a long numbered list)
    open_nodes: list[Section] = []
    for node in flat:
        node.body_end = text_len
        rank = _RANK[node.style]
        while open_nodes and _RANK[open_nodes[-1].style] >= rank:
            open_nodes.pop().body_end = node.start
        open_nodes.append(node)
    return roots


# -- document kind (rules/kinds.toml) -------------------------------------------------------------
_STATE_FORM = re.compile(r"^\d{1,6}[a-z]?/(?:(?:19|20)\d{2}/)?(?P<first>[A-Za-zĐđ&]+)(?:-[\w&]+)*$")
_PARTY_FORM = re.compile(r"^\d{1,6}[a-z]?-(?P<first>[A-Za-zĐđ&]+)/[\w&-]+$")
_BLANK_STATE_FORM = re.compile(r"^/(?:(?:19|20)\d{2}/)?(?P<first>[A-Za-zĐđ&]+)(?:-[\w&]+)*$")


def _doctype(header: Header, text: str) -> tuple[DocKind | None, str]:
    """The kind the document names itself: type line, then a V/v line, then its symbol's type code."""
    from checker.ruledata import load_kinds

    kinds = load_kinds()
    if header.doc_type:
        found = kinds.by_type_line(header.doc_type)
        if found is not None:
            return found, f"dòng tên loại “{header.doc_type}”"
    if header.subject:
        found = kinds.uncoded()
        if found is not None:
            return found, f"dòng trích yếu “{header.subject[:40]}” của công văn"
    number = header.number
    if number is not None:
        value = re.sub(r"\s+", "", number.raw.split(":", 1)[-1] if ":" in number.raw else number.raw[2:])
        value = re.sub(r"^[.…_]+", "", value)
        for form, system in ((_STATE_FORM, "state"), (_BLANK_STATE_FORM, "state"), (_PARTY_FORM, "party")):
            m = form.match(value)
            if not m:
                continue
            code = m.group("first")
            found = kinds.by_code(code, system)
            if found is not None:
                return found, f"mã loại {code} trong ký hiệu {value}"
            if system == "state":
                uncoded = kinds.uncoded()
                if uncoded is not None and "-" in value.split("/")[-1]:
                    return uncoded, f"ký hiệu {value} không có mã loại (công văn)"
            break
    if header.addressee_span is not None and not header.doc_type:
        found = kinds.uncoded()
        if found is not None:
            return found, "có “Kính gửi” mà không có dòng tên loại (công văn)"
    return None, ""


def _frame(header: Header, recipients: Recipients | None, signer: Signer | None) -> list[str]:
    """The administrative frame parts found; none means the text is not an administrative document."""
    found = []
    if header.national_motto:
        found.append("Quốc hiệu")
    if header.party_motto:
        found.append("ĐẢNG CỘNG SẢN VIỆT NAM")
    if header.number is not None:
        found.append("số, ký hiệu")
    if header.doc_type:
        found.append("tên loại")
    if header.subject:
        found.append("trích yếu V/v")
    if recipients is not None:
        found.append("nơi nhận")
    if signer is not None and signer.authority:
        found.append("thẩm quyền ký")
    return found


# The numbered parts of an administrative document's body: a report's results and tasks, a plan's
# aims and organisation. Two of them in a frameless text: an excerpt of a document, not a news page.
_DOCUMENT_PART = re.compile(
    r"(?:KẾT\s+QUẢ|TÌNH\s+HÌNH|ĐÁNH\s+GIÁ|ĐẶC\s+ĐIỂM|SƠ\s+LƯỢC|HẠN\s+CHẾ|TỒN\s+TẠI|NGUYÊN\s+NHÂN"
    r"|BÀI\s+HỌC|NHIỆM\s+VỤ|PHƯƠNG\s+HƯỚNG|GIẢI\s+PHÁP|MỤC\s+ĐÍCH|MỤC\s+TIÊU|NỘI\s+DUNG|TỔ\s+CHỨC\s+THỰC\s+HIỆN"
    r"|KIẾN\s+NGHỊ|ĐỀ\s+XUẤT|CÔNG\s+TÁC)\b"
)
EXCERPT_MIN_PARTS = 2


# A speech is whole without a frame: its numbered parts do not make it an excerpt of a document
_SPEECH = re.compile(r"^\s*(?:THAM\s+LUẬN|BÀI\s+PHÁT\s+BIỂU|DIỄN\s+VĂN|Kính\s+thưa)\b", re.M)
SPEECH_OPENING_CHARS = 3000


def _is_excerpt(sections: list[Section], text: str) -> bool:
    if _SPEECH.search(text[:SPEECH_OPENING_CHARS]):
        return False
    parts = [
        s for s in sections
        if s.style in ("roman", "part") and _DOCUMENT_PART.search(s.title.strip(" *:")[:40].upper())
    ]
    return len(parts) >= EXCERPT_MIN_PARTS


_ANNEX_OPENING = re.compile(r"\A\s*(?:Phụ\s+lục|PHỤ\s+LỤC|Mẫu\s+số|MẪU\s+SỐ)\b")
_ANNEX_OF = re.compile(r"\(\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo\s+([^)]{0,300})\)")
_ANNEX_HEAD_CHARS = 1500  # the annex's heading and the line naming its parent open the file


# A blank statistical form (biểu mẫu): "Biểu số: 12c/…" and a "Người lập biểu" to sign it. It has no
# Nơi nhận, and its signer block is filled in by whoever uses it.
BLANK_FORM = "biểu mẫu"
_FORM_CODE = re.compile(r"^\s*Biểu\s+số\s*:?\s*\S", re.M)
_FORM_ID_LINE = re.compile(r"\A\s*((?:Mẫu|MẪU)\s+(?:số\s+)?\d[\w.]*\s*[-/]\s*[\wĐ]+)[ \t]*\n")
_FORM_MAKER = re.compile(r"^\s*Người\s+lập\s+biểu\b", re.M)


# A table sent on its own (a summary table annexed to a letter, a report printed by the document-management
# software): an issuer and a heading over rows of figures, with no number, no date line, no Nơi nhận and no
# signer. It is not an issued document: the frame it lacks is the covering letter's.
TABLE_SHEET = "bảng số liệu"
_TABLE_SHEET_SHARE = 0.6  # of the non-empty lines, at least this many are table rows


def _table_sheet(
    lines: Sequence[tuple[int, int, str]], table_lines: bytearray, header: Header, recipients: Recipients | None, signer: Signer | None
) -> bool:
    # its issuer heads it in the left column of a two-column header row (so the header was not lost on
    # the way), but no number or date goes with it
    if header.number is not None or header.date_line is not None or recipients is not None or signer is not None:
        return False
    if header.issuer_span is None:
        return False
    filled = [i for i, (_, _, line) in enumerate(lines) if line.strip()]
    issuer_line = next((i for i in filled if lines[i][1] >= header.issuer_span.start), None)
    if issuer_line is None or "\t" not in lines[issuer_line][2]:
        return False
    return len(filled) >= 4 and sum(1 for i in filled if table_lines[i]) >= _TABLE_SHEET_SHARE * len(filled)


def _first(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    return next(matches, None)


def _annex_of(text: str) -> str | None:
    """What an annex or a form sent as its own file goes with: "(Kèm theo Nghị định số …)" near the
    start of a text that opens with "Phụ lục" / "Mẫu số", or "(Ban hành kèm theo …)" on its first line;
    BLANK_FORM for a blank statistical form."""
    # (both need their literal; led by ^ and blanks, each is tried only at the starts of lines)
    if "Biểu" in text and _first(finditer_lines(_FORM_CODE, text)) and _first(finditer_lines(_FORM_MAKER, text)):
        return BLANK_FORM
    head = text[:_ANNEX_HEAD_CHARS]
    code = _FORM_ID_LINE.match(head)
    if code:
        return code.group(1)  # "Mẫu 01-ĐGCL" alone on the first line: a form of the rule that set it
    m = _ANNEX_OF.search(head)
    if m is None:
        return None
    # "(Ban hành kèm theo Quyết định số …)" under a regulation's title: issued with that decision
    own_number = re.search(r"^[\s|*]*Số\s*:?\s*\d", head[: m.start()], re.M)
    if _ANNEX_OPENING.match(head) or ("ban hành" in m.group().lower() and not own_number):
        return " ".join(m.group(1).split())
    return None


def _end_missing(text: str, header: Header, recipients: Recipients | None, signer: Signer | None) -> bool:
    """The text stops before its end: no Nơi nhận, no signer and no closing "./." (an excerpt, a page)."""
    if recipients is not None or signer is not None:
        return False
    return not re.search(r"\./\.|\.\s*/\s*\.", text[-3000:])


# -- kind and reporting year ----------------------------------------------------------------------
def _kind(header: Header, signer: Signer | None, text: str) -> tuple[Kind, str]:
    if header.party_motto:
        return "party", "ĐẢNG CỘNG SẢN VIỆT NAM"
    if header.national_motto:
        return "state", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    if header.number and header.number.raw:
        raw = header.number.raw
        system = written_system(raw)
        if system is not None:
            return system, f"ký hiệu {raw}"
    if header.issuer and re.search(r"\b(?:TỈNH|HUYỆN|THÀNH|ĐẢNG)\s+ỦY\b|\bĐẢNG\s+BỘ\b|\bCHI\s+BỘ\b", header.issuer):
        return "party", f"cơ quan ban hành {header.issuer}"
    if header.issuer and re.search(r"\bUBND\b|ỦY\s+BAN\s+NHÂN\s+DÂN|\bSỞ\b|\bBAN\s+DÂN\s+TỘC\b", header.issuer):
        return "state", f"cơ quan ban hành {header.issuer}"
    if signer and signer.authority in ("T/M", "K/T", "T/L"):
        return "party", f"thẩm quyền ký {signer.authority}"
    if signer and signer.authority in ("TM.", "KT.", "TL.", "TUQ.", "Q."):
        return "state", f"thẩm quyền ký {signer.authority}"
    # The request the report answers: a state body's letter (Sở Nội vụ) means a state report.
    head = text[:REQUEST_CHARS]
    if re.search(r"Công\s+văn\s+số\s+\d+\s*/\s*SNV", head) or re.search(r"\bUBND\s+(?:huyện|tỉnh|thành phố)\b[^.\n]{0,80}báo\s+cáo", head):
        return "state", "văn bản yêu cầu báo cáo của cơ quan nhà nước"
    return "unknown", ""


def _reporting_year(
    doc: Document, paragraphs: Sequence[Paragraph], override: int | None, text: str, lowered: str
) -> ReportingYear:
    """The year a report is about. Precedence: the title, the request answered, the score table, the
    date line, the period the body names (before the date line when the date falls in January–March
    of the year after that period). docs/contract.md lists the sources."""
    candidates: dict[str, int] = {}
    evidence: dict[str, str] = {}
    # the year a title names is the reporting year of a report (or of a text without a type line);
    # a decision or a plan names the year it is about, its own year is its date's
    title_counts = doc.doctype_id in (None, "bao-cao")
    if doc.header.summary and title_counts:
        m = _last_year(_period_part(doc.header.summary))
        if m:
            candidates["title"] = m
            evidence["title"] = doc.header.summary[:160]
    # The request the report answers, in the opening paragraph ("... báo cáo kết quả ... năm 2023").
    after = doc.header.summary_span.end if doc.header.summary_span else -1
    opening = list(itertools.islice((p for p in paragraphs if p.start > after), 2))
    for p in opening:
        if re.search(r"Công\s+văn|Kế\s+hoạch|Hướng\s+dẫn|đề\s+nghị", p.text):
            m = _last_year(p.text.split(";")[0])
            if m:
                candidates["request"] = m
                evidence["request"] = p.text[:160]
                break
    if doc.score_table and doc.score_table.year:
        candidates["score table"] = doc.score_table.year
    line = doc.header.date_line
    if line and line.year:
        candidates["date line"] = line.year
        evidence["date line"] = line.raw
    if title_counts:
        named = _period_named(doc, text, lowered)
        if named:
            candidates["period"], evidence["period"] = named
    if override:
        return ReportingYear(year=override, source="--year", candidates=candidates)
    order = ["title", "request", "score table", "date line", "period"]
    # a report on 2024 is often signed in the first months of 2025: there the period the body
    # reports on ("Trong năm 2024, …", "6 tháng cuối năm 2024") is the year, not the date line's
    period = candidates.get("period")
    if line and line.year and period == line.year - 1 and (line.month or 0) in (1, 2, 3):
        order.remove("period")
        order.insert(order.index("date line"), "period")
    for key in order:
        if key in candidates:
            return ReportingYear(year=candidates[key], source=key, evidence=evidence.get(key, ""), candidates=candidates)
    return ReportingYear(year=None, source="none", candidates=candidates)


# The period a report's body says it reports on: "6 tháng đầu năm 2024", "quý III/2024", "quý I năm
# 2024", "trong năm 2023", "Năm 2023, …", a results heading "I. KẾT QUẢ … NĂM 2023". Not the dates of
# citations ("ngày 5 tháng 3 năm 2024"), nor a comparison ("so với năm 2022", "cùng kỳ năm 2022").
_YEAR = r"((?:19|20)\d{2})\b(?![/-]\d)"
_PERIOD_NAMED = re.compile(
    r"(?:\b(?:\d{1,2}|sáu|chín)\s+tháng\s+(?:đầu\s+|cuối\s+)?năm\s+"
    r"|\bquý\s+(?:I{1,3}|IV|[1-4])\s*(?:/\s*|năm\s+|-\s*)"
    r"|\b(?:trong|của|cả|toàn)\s+năm\s+"
    r"|(?:^|(?<=[.;:]\s))năm\s+(?=\d{4}\s*,))" + _YEAR,
    re.I | re.M,
)
# where a period phrase can start (its first words, a number): led by `\b` and an alternation, the
# pattern itself would be tried at every character of the body (a tenth of a report's time)
_PERIOD_STARTS = anchors(["sáu", "chín", "quý", "trong", "của", "cả", "toàn", "năm"], digits=True)
# Faster still: every period phrase ends with a year after a blank, "/" or "-" (one literal scan per
# century), and read backwards from the year (the reversed lower-cased text) each form's words give
# where it can start: `_PERIOD_BACK` holds one optional lookahead per form of `_PERIOD_NAMED`.
_PERIOD_YEARS = (re.compile(r"19(?<=[\s/-]19)\d\d"), re.compile(r"20(?<=[\s/-]20)\d\d"))
_PERIOD_BACK = re.compile(
    r"(?=(?P<months>\s+măn(?:\s+uầđ|\s+iốuc)?\s+gnáht\s+(?:\d\d?|uás|níhc)))?"  # 6 tháng (đầu) năm
    r"(?=(?P<quarter>\s*(?:/\s*|\s+măn|-\s*)\s*(?:i{1,3}|vi|[1-4])\s+ýuq))?"  # quý III/ | quý 2 năm
    r"(?=(?P<within>\s+măn\s+(?:gnort|aủc|ảc|nàot)))?"  # trong/của/cả/toàn năm
    r"(?=(?P<year>\s+măn))?"  # Năm 2023, …
)
# the group numbers of its forms, read at once from a match's spans (`Match.regs`), and whether each is
# "months" (whose place is kept a character later too)
_PERIOD_BACK_GROUPS = tuple((_PERIOD_BACK.groupindex[f], f == "months") for f in ("months", "quarter", "within", "year"))


def _period_starts(lowered: str, start: int, stop: int) -> list[int]:
    """Every place in `lowered[start:stop]` where `_PERIOD_NAMED` can match (a superset), from the years
    it names, as offsets into that part. Read from `lowered` itself and its reversed part (made here and
    dropped on return), not from a slice of it: with the part of the text and its reversal, three copies
    of the body were alive at once, the peak of the whole check on a long report of short lines."""
    back = lowered[stop - 1 : start - 1 : -1] if start else lowered[stop - 1 :: -1] if stop else ""
    n = stop - start
    out: set[int] = set()
    for years in _PERIOD_YEARS:
        for y in years.finditer(lowered, start, stop):
            if y.start() == start and start:
                continue  # its lookbehind saw past the part's start: a slice would not match there
            m = _PERIOD_BACK.match(back, stop - y.start())
            if m.lastindex is None:  # type: ignore[union-attr]  # (every form is optional: none is there)
                continue
            regs = m.regs  # type: ignore[union-attr]  # (-1, -1) for a form that is not there
            for group, months in _PERIOD_BACK_GROUPS:
                if regs[group][0] >= 0:
                    at = n - regs[group][1]
                    out.add(at)
                    if months:
                        out.add(at + 1)  # a one-digit count after a digit that is no part of it
    return sorted(out)


_RESULTS_HEADING = re.compile(r"^\s*(?:[IVX]+|\d+)\s*[.-]\s*(?:KẾT\s+QUẢ|TÌNH\s+HÌNH)\b[^\n]{0,160}?\bNĂM\s+" + _YEAR, re.I | re.M)
_NOT_THE_PERIOD = re.compile(
    r"(?:\b(?:so\s+với|cùng\s+kỳ|phương\s+hướng|dự\s+kiến)\s+(?:\S+\s+){0,2}|\b(?:đến|từ|sau|trước)\s+)$", re.I
)
_NEXT_PART = re.compile(
    r"^\s*(?:Phần\s+thứ\s+\w+\s*)?(?:[IVX]+|\d+)\s*[.-]\s*(?:PHƯƠNG\s+HƯỚNG|NHIỆM\s+VỤ|KẾ\s+HOẠCH\s+NĂM)",
    re.I | re.M,
)
_GROUNDS = re.compile(r"\s*Căn\s+cứ\b")  # a line of the grounds (căn cứ): its years are the cited texts'
PERIOD_MIN_MENTIONS = 2  # one mention is a passing reference; the period a report is about recurs


def _period_named(doc: Document, text: str, lowered: str) -> tuple[int, str] | None:
    """The year of the period the body names most, before its part on next year's tasks; None unless
    that year is named at least twice and more than every other year together."""
    start = doc.header.summary_span.end if doc.header.summary_span else 0
    end = doc.body_end or len(text)
    nxt = _first(finditer_lines(_NEXT_PART, text, start, end))  # (as _NEXT_PART.search: led by ^)
    stop = nxt.start() if nxt else end
    counts: dict[int, int] = {}
    first: dict[int, str] = {}
    # a letter that case-insensitive matching takes for i or s: the full scan
    if any(text.find(c, start, stop) >= 0 for c in EXOTIC_CASE):
        part = text[start:stop]
        period: Iterator[re.Match[str]] = finditer_anchored(_PERIOD_NAMED, _PERIOD_STARTS, part, lowered[start:stop])
    else:
        starts = _period_starts(lowered, start, stop)  # before the part is sliced: one copy alive at a time
        part = text[start:stop]
        period = finditer_at(_PERIOD_NAMED, part, starts)
    for matches in (period, finditer_lines(_RESULTS_HEADING, part)):
        for m in matches:
            line_start = part.rfind("\n", 0, m.start()) + 1
            before = part[max(line_start, m.start() - 40) : m.start()]
            if _NOT_THE_PERIOD.search(before) or _GROUNDS.match(part, line_start):  # (no copy of the rest)
                continue
            year = int(m.group(1))
            counts[year] = counts.get(year, 0) + 1
            first.setdefault(year, part[m.start() : m.end()].strip())
    if not counts:
        return None
    year, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    if n < PERIOD_MIN_MENTIONS or n <= sum(counts.values()) - n:
        return None
    return year, first[year]


_NEXT_PERIOD = re.compile(r"(?:,|\bvà)\s+(?:phương\s+hướng|nhiệm\s+vụ|kế\s+hoạch|định\s+hướng|mục\s+tiêu)\b", re.I)


def _period_part(title: str) -> str:
    """A title without the next period it announces: "… năm 2025 và phương hướng, nhiệm vụ năm 2026"
    is a 2025 report (when nothing precedes the announcement, the title names no reporting year)."""
    m = _NEXT_PERIOD.search(title)
    return title[: m.start()] if m else title


def _last_year(text: str) -> int | None:
    """The year named as `năm YYYY` (or a trailing bare year) in a title, not a citation's date."""
    found = _YEAR_IN_TITLE.findall(text)
    if found:
        return int(found[-1])
    m = re.search(r"(?<!đến năm )(?<!tới năm )\b((?:19|20)\d{2})\W*$", text.strip())
    if m and not re.search(r"[/-]\s*" + m.group(1) + r"\W*$", text.strip()):
        return int(m.group(1))
    return None
