"""Entities found in the prose: citations of other documents, dates, periods, numbers.

Each extractor is a compiled regex pre-scan that delimits a candidate span, then the LALR grammar of
`grammar/` parses exactly that substring; offsets are the span start plus the token position.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import re
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from checker.model import MadeOnReadList
from checker.parsers import ParseError, Token, Transformer, Tree, parser
from checker.ruledata import from_rule_data, load_doctypes
from checker.scan import anchors, exotic_case, finditer_anchored, finditer_at, literal_starts, word_trie
from checker.source import lower

# -- citations ------------------------------------------------------------------------------------
# A symbol: a number then groups joined by "/" or "-", a stray space allowed on one side of a joiner;
# a doubled hyphen ("33--KH/TU") is kept so that TD001 can report it.
# Code characters: word characters except "_" and superscript digits, which are footnote markers
# glued to the symbol ("43-KL/TW¹") and Python counts as \w.
_CODE_CH = r"[^\W_⁰¹²³⁴⁵⁶⁷⁸⁹]"
_SYM = rf"\d{{1,5}}[a-zA-Z]?(?:(?:[ ]?(?:--|[/-])(?![ ]?\d{{1,2}}[/-]\d)[ ]?|[/-]){_CODE_CH}(?:{_CODE_CH}|&)*)*"
_DATE_IN_CIT = (
    r"(?P<date>(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2})|(?:\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(?:19|20)\d{2}))"
)
_ISSUER_STOP = (
    r"(?=\s+(?:về|v/v|ban\s+hành|về\s+việc|tại|đối\s+với|trong|nhằm|triển\s+khai|thực\s+hiện|và|với|giữa|"
    r"quy\s+định|hướng\s+dẫn|phê\s+duyệt|sửa\s+đổi|công\s+bố|nâng\s+cao|tiếp\s+tục|tăng\s+cường)\b|[;,.:()\"“”\n]|$)"
)


@from_rule_data
def citation_pattern() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(the citation pre-scan, where a citation can start: a type word at a word start, for the fast
    scan of checker/scan.py). The type words are those of rules/doctypes.toml: every type's and every
    code-less type's words, and `citation_words` (cited documents that have no type code of their own)."""
    doctypes = load_doctypes()
    words = [w for t in doctypes.types for w in t.words]
    words += [w for u in doctypes.uncoded for w in u.words]
    words += doctypes.citation_words
    words = list(dict.fromkeys(words))
    regex = re.compile(
        rf"(?P<type>(?<![\w]){word_trie(w.lower() for w in words)})(?P<gap>(?:[ \t]+số)?[ \t]*:?[ \t]*)"
        rf"(?P<sym>(?<![\w/]){_SYM})(?!{_CODE_CH}|/)"
        rf"(?:(?P<dategap>,?[ \t]+(?:(?:của|ngày)[ \t]+)?ngày[ \t]+){_DATE_IN_CIT})?"
        rf"(?:[ \t]+(?:của|giữa)[ \t]+(?P<issuer>[^;,.:()\n\"“”]{{2,90}}?){_ISSUER_STOP})?",
        re.IGNORECASE,
    )
    return regex, anchors([w.lower() for w in words], not_after=r"\w")


# CitationRef and DateRef are plain value objects, not pydantic models: a report yields hundreds of
# them, every field is already typed by the pre-scan and the grammar, and building pydantic models
# was a third of entity extraction.
@dataclass(slots=True, kw_only=True)
class CitationRef:
    """A citation of another document in the text ("Kế hoạch số 12/KH-UBND ngày …"), as read."""
    type_word: str
    has_so: bool
    symbol_raw: str  # as written, spaces included
    symbol: str  # spaces removed
    number: str
    seps: list[str]
    codes: list[str]
    form: Literal["state", "party", "number_only", "unknown"]
    year_in_symbol: int | None = None
    type_code: str | None = None  # QĐ in 274/QĐ-UBND, KL in 114-KL/TW
    issuer_codes: list[str] = field(default_factory=list)
    date: dt.date | None = None
    date_text: str | None = None
    date_valid: bool = True
    issuer: str | None = None
    start: int
    end: int
    symbol_start: int
    symbol_end: int
    date_start: int | None = None
    date_end: int | None = None
    issuer_start: int | None = None
    issuer_end: int | None = None
    # what `facts.citations.document_id` read, kept: the TD rules ask it again for every pair compared
    identity: object = field(default=None, init=False, repr=False, compare=False)


class _SymbolTx(Transformer):
    def number(self, items: list[Token]) -> str:
        return str(items[0])

    def group(self, items: list[Token]) -> tuple[str, str]:
        return str(items[0]), str(items[1])

    def start(self, items: list) -> tuple[str, list[tuple[str, str]]]:
        return items[0], list(items[1:])


@functools.lru_cache(maxsize=4096)
def parse_symbol(raw: str) -> tuple[str, list[tuple[str, str]]] | None:
    """`114-KL/TW` → ("114", [("-", "KL"), ("/", "TW")]) using grammar/symbol.lark."""
    try:
        tree = parser("symbol").parse(raw)
    except ParseError:
        return None
    return _SymbolTx().transform(tree)


_YEAR = re.compile(r"(19|20)\d{2}")
_SO = re.compile(r"số", re.I)
_SPACES = re.compile(r"\s+")


def _interpret(number: str, groups: list[tuple[str, str]]) -> dict:
    seps = [s for s, _ in groups]
    codes = [c for _, c in groups]
    out: dict = {"seps": seps, "codes": codes, "type_code": None, "issuer_codes": [], "year_in_symbol": None}
    if not groups:
        out["form"] = "number_only"
        return out
    if seps[0] == "-" and "/" in seps:
        slash = seps.index("/")
        out["form"] = "party"
        out["type_code"] = "-".join(codes[:slash])  # 07-CTPH/... ; usually one code
        out["issuer_codes"] = codes[slash:]
        return out
    if seps[0] == "/":
        rest = list(zip(seps, codes))
        if _YEAR.fullmatch(codes[0]) and len(codes) > 1:
            out["year_in_symbol"] = int(codes[0])
            rest = rest[1:]
        out["form"] = "state"
        if rest:
            out["type_code"] = rest[0][1]
            out["issuer_codes"] = [c for _, c in rest[1:]]
        return out
    out["form"] = "unknown"
    return out


_DATE_PARTS = re.compile(r"(\d{1,2})\s*(?:[/.-]|\s+tháng\s+)(\d{1,2})\s*(?:[/.-]|\s+năm\s+)(\d{4})")


@functools.lru_cache(maxsize=4096)
def _parse_date_text(text: str) -> tuple[dt.date | None, bool]:
    """(the date, whether it exists) of a citation's date as written; read once per process."""
    m = _DATE_PARTS.match(text)
    if not m:
        return None, True
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))), True
    except ValueError:
        return None, False


# A date that opens the clause whose verb issues the cited document: "Ngày 06/01/2023, UBND huyện (đã)
# ban hành Quyết định số …". Only with "ban hành" right before the type word, and within one clause
# (no . ; or line break between), so that a date of some other event is never read as the document's.
_DATE_BEFORE_REACH = 160
_DATE_BEFORE = re.compile(
    rf"[Nn](?<![\w/][Nn])gày[ \t]+{_DATE_IN_CIT}[ \t]*,[^.;\n]{{0,120}}?\bban[ \t]+hành[ \t]+\Z"
)


def _after_ban_hanh(text: str, at: int) -> bool:
    """Whether the part of the text `_DATE_BEFORE` reads before `at` ends with "hành" and blanks, as
    every match of it does: a citation without it is not searched (most are not)."""
    before = text[max(0, at - _DATE_BEFORE_REACH) : at]
    kept = before.rstrip(" \t")
    return len(kept) < len(before) and kept.endswith("hành")


@from_rule_data
def _citation_reverse() -> tuple[re.Pattern[str], dict[str, tuple[int, ...]]]:
    """(a pattern read backwards from a symbol's first digit, in the reversed lower-cased text: the gap
    and the longest type word before it, not after a word character; for each type word, the lengths
    of the type words it ends with: "thông báo kết luận" → "kết luận", "bộ luật" → "luật")."""
    doctypes = load_doctypes()
    words = [w for t in doctypes.types for w in t.words]
    words += [w for u in doctypes.uncoded for w in u.words]
    words += doctypes.citation_words
    lowered = sorted({w.lower() for w in words})
    gap = r"[ \t]*:?[ \t]*(?:ốs[ \t]+)?"  # (?:[ \t]+số)?[ \t]*:?[ \t]* read backwards
    regex = re.compile(rf"{gap}(?P<word>{word_trie(w[::-1] for w in lowered)})(?!\w)")
    ends = {w: tuple(len(v) for v in lowered if v != w and w.endswith(v)) for w in lowered}
    return regex, ends


# `_citation_starts` reads the lower-cased text backwards a block at a time, not as one reversed copy
# of it (with the text, its lower-cased and folded copies, a fourth copy at the peak of a long report):
# a block starts `_BACK_REACH` characters before the first number start it serves, and a match read
# in it is the one read in the whole reversed text unless the gap and the type word could reach past
# the block's start (a run of blanks longer than that), which is read in the text before it instead
_BACK_BLOCK = 1 << 16
_BACK_REACH = 1024
_GAP_RUN = re.compile(r"[ \t:ốs]*")  # every character the pattern's gap can take, read backwards


def _citation_starts(text: str, low: str, number_starts: Sequence[int]) -> list[int]:
    """Every place where the citation pattern can match, found from the places a symbol can start.

    A citation's symbol starts with a digit after a blank or a colon (`(?<![\\w/])`, after the gap), so
    it is a number start; read backwards from it, the gap and a type word give where the citation
    starts: the longest type word, and the shorter ones it ends with (when the longer one's match
    fails, a shorter one's may not). The anchored scan of `citation_pattern` tried a type word at
    every c, n, t, k, q… of the text."""
    reverse, ends = _citation_reverse()
    longest = max(map(len, ends), default=0)
    out: set[int] = set()
    lo = hi = 0  # the block: low[lo:hi] reversed
    back = ""
    for at in number_starts:
        if at == 0 or text[at - 1] not in " \t:":
            continue
        if at > hi:
            lo = max(0, at - _BACK_REACH)
            hi = min(len(low), lo + _BACK_BLOCK)
            back = low[hi - 1 : lo - 1 : -1] if lo else low[hi - 1 :: -1]
        pos, base = hi - at, hi
        # what the match may read: the gap's run, the longest type word and the character after it
        if lo and _GAP_RUN.match(back, pos).end() - pos + longest + 2 > at - lo:
            m = reverse.match(low[at - 1 :: -1])  # a long blank run: the whole text before it
            base = at
        else:
            m = reverse.match(back, pos)
        if m is None:
            continue
        end, start = base - m.start("word"), base - m.end("word")
        out.add(start)
        out.update(end - k for k in ends[low[start:end]])
    return sorted(out)


def extract_citations(
    text: str, lowered: str | None = None, number_starts: Sequence[int] | None = None
) -> list[CitationRef]:
    """Citations in text order; `lowered` is `source.lower(text)` when the caller has it already,
    `number_starts` the report's `Context.number_starts` (found once for many rules): the citations
    are then looked for only where a symbol can start (`_citation_starts`)."""
    out: list[CitationRef] = []
    regex, starts = citation_pattern()
    low = lowered or lower(text)
    if number_starts is None:
        found = finditer_anchored(regex, starts, text, low)
    else:
        found = finditer_at(regex, text, _citation_starts(text, low, number_starts))
    for m in found:
        raw = m.group("sym")
        reading = _symbol_reading(raw)
        if reading is None:
            continue
        number, has_groups, digit_codes, fields, lists = reading
        if digit_codes:
            continue  # "hướng dẫn 37/41 đơn", "tháng 12/2023": a ratio or a date, not a symbol
        if m.group("type")[0].islower() and not has_groups:
            continue  # "quyết định 5 nội dung": a lower-case verb followed by a bare number
        has_so = bool(_SO.search(m.group("gap")))
        if fields["form"] == "number_only" and not has_so:
            # "Quyết định 274" is a short mention; a bare "Kế hoạch 2023" is not a citation
            if _YEAR.fullmatch(number):
                continue
        date, valid = (None, True)
        date_text, date_span = m.group("date"), (m.span("date") if m.group("date") else None)
        if not date_text and _after_ban_hanh(text, m.start()):
            # "Ngày 06/01/2023, UBND huyện ban hành Quyết định số 04/QĐ-UBND": the date opens the clause
            before = _DATE_BEFORE.search(text, max(0, m.start() - _DATE_BEFORE_REACH), m.start())
            if before:
                date_text, date_span = before.group("date"), before.span("date")
        if date_text:
            date, valid = _parse_date_text(date_text)
        issuer = m.group("issuer").strip() if m.group("issuer") else None
        out.append(
            CitationRef(
                type_word=m.group("type"),
                has_so=has_so,
                **fields,
                # lists of their own: the reading is shared by every citation of the same symbol
                seps=list(lists[0]),
                codes=list(lists[1]),
                issuer_codes=list(lists[2]),
                date=date,
                date_text=date_text,
                date_valid=valid,
                issuer=issuer,
                start=m.start(),
                end=m.end(),
                symbol_start=m.start("sym"),
                symbol_end=m.end("sym"),
                date_start=date_span[0] if date_span else None,
                date_end=date_span[1] if date_span else None,
                issuer_start=m.start("issuer") if issuer else None,
                issuer_end=m.start("issuer") + len(issuer) if issuer else None,
            )
        )
    return out


@functools.lru_cache(maxsize=4096)
def _symbol_reading(
    raw: str,
) -> tuple[str, bool, bool, dict, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] | None:
    """(number, whether it has groups, whether every group is digits, the other `_symbol_fields`, and
    its seps, codes and issuer codes) of a symbol as written, or None when it does not parse: a report
    cites the same symbols again and again, and reading one (grammar, interpretation, fields) cost more
    than the rest of its citation."""
    parsed = parse_symbol(raw)
    if parsed is None:
        return None
    number, groups = parsed
    digit_codes = bool(groups) and all(code.isdigit() for _, code in groups)
    fields = _symbol_fields(raw, number, _interpret(number, groups))
    lists = (tuple(fields.pop("seps")), tuple(fields.pop("codes")), tuple(fields.pop("issuer_codes")))
    return number, bool(groups), digit_codes, fields, lists


def _symbol_fields(raw: str, number: str, info: dict) -> dict:
    """The fields of a `CitationRef` that its symbol gives (as written, without spaces, and as
    `_interpret` read it): the same for a citation in the prose and for the report's own number."""
    return {
        "symbol_raw": raw,
        "symbol": _SPACES.sub("", raw),
        "number": number,
        "form": info["form"],
        "seps": info["seps"],
        "codes": info["codes"],
        "year_in_symbol": info["year_in_symbol"],
        "type_code": info["type_code"],
        "issuer_codes": info["issuer_codes"],
    }


def citation_of_symbol(type_word: str, raw: str, start: int) -> CitationRef | None:
    """A citation built from a symbol written alone (the report's own `Số:` line: "45  /BC-UBND" at
    offset `start`), so that the citation rules judge it like any other; None when it does not parse."""
    symbol_raw = raw.strip()
    if not symbol_raw or not symbol_raw[0].isdigit():
        return None
    parsed = parse_symbol(symbol_raw)
    if parsed is None:
        return None
    number, groups = parsed
    info = _interpret(number, groups)
    sym_start = start + raw.index(symbol_raw)
    return CitationRef(
        type_word=type_word,
        has_so=True,
        **_symbol_fields(symbol_raw, number, info),
        start=sym_start,
        end=sym_start + len(symbol_raw),
        symbol_start=sym_start,
        symbol_end=sym_start + len(symbol_raw),
    )


# -- dates and periods ----------------------------------------------------------------------------
_Y = r"(?:19|20)\d{2}"
DATE_RE = re.compile(
    r"(?<![\w/.,-])(?:"
    rf"(?P<period>(?:giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ)\s+(?:từ\s+(?:năm\s+)?)?{_Y}\s*(?:-|đến)\s*(?:năm\s+)?{_Y}"
    rf"|từ\s+năm\s+{_Y}\s+đến\s+năm\s+{_Y})"
    rf"|(?P<range>(?:ngày\s+)?\d{{1,2}}\s*-\s*\d{{1,2}}/\d{{1,2}}/{_Y})"
    rf"|(?P<numeric>(?:ngày\s+)?\d{{1,2}}(?P<s>[/.-])\d{{1,2}}(?P=s){_Y})"
    rf"|(?P<worded>(?:ngày\s+)?\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+{_Y})"
    rf"|(?P<month>tháng\s+\d{{1,2}}(?:/|\s+năm\s+){_Y})"
    rf"|(?P<half>(?:6|06|sáu|9|09|chín)\s+tháng\s+(?:đầu|cuối)\s+năm\s+{_Y})"
    rf"|(?P<year>năm\s+{_Y})"
    r")(?![\w/]|[.,-]\d)",
    re.IGNORECASE,
)

# Where DATE_RE can start: each alternative's first word, or a number, after no [\w/.,-]
_DATE_WORDS = ("giai", "nhiệm", "thời", "từ", "ngày", "tháng", "sáu", "chín", "năm")
_DATE_STARTS = anchors(_DATE_WORDS, digits=True, not_after=r"[\w/.,-]")


@dataclass(slots=True, kw_only=True)
class DateRef:
    """A date, range, month, half-year, year or period written in the text, with its offsets."""
    kind: Literal["date", "range", "month", "half", "year", "period"]
    text: str
    start: int
    end: int
    day: int | None = None
    day_end: int | None = None
    month: int | None = None
    year: int | None = None
    year_end: int | None = None  # periods
    period_word: str | None = None
    valid: bool = True
    problem: str | None = None
    date: dt.date | None = None
    date_end: dt.date | None = None


def _ints(tree: Tree) -> list[int]:
    return [int(t) for t in tree.scan_values(lambda v: isinstance(v, Token) and v.type in ("INT", "YEAR"))]


def _check_date(day: int, month: int, year: int) -> tuple[dt.date | None, str | None]:
    if not 1 <= month <= 12:
        return None, f"tháng {month} không tồn tại"
    try:
        return dt.date(year, month, day), None
    except ValueError:
        return None, f"ngày {day}/{month}/{year} không tồn tại"


@functools.lru_cache(maxsize=8192)
def parse_date_span(span: str) -> DateRef | None:
    """Parse one pre-scanned span with grammar/date.lark; offsets are relative (0)."""
    try:
        tree = parser("date").parse(span)
    except ParseError:
        return None
    node = tree.children[0]
    rule = node.data
    values = _ints(node)
    ref = DateRef(kind="date", text=span, start=0, end=len(span))
    if rule == "numeric_date" or rule == "worded_date":
        d, mth, y = values
        ref.day, ref.month, ref.year = d, mth, y
        ref.date, ref.problem = _check_date(d, mth, y)
    elif rule == "numeric_range":
        d1, d2, mth, y = values
        ref.kind = "range"
        ref.day, ref.day_end, ref.month, ref.year = d1, d2, mth, y
        ref.date, p1 = _check_date(d1, mth, y)
        ref.date_end, p2 = _check_date(d2, mth, y)
        ref.problem = p1 or p2
        if not ref.problem and d2 <= d1:
            ref.problem = f"khoảng ngày {d1}-{d2} ngược chiều"
    elif rule == "month_year":
        ref.kind = "month"
        ref.month, ref.year = values
        if not 1 <= ref.month <= 12:
            ref.problem = f"tháng {ref.month} không tồn tại"
    elif rule == "half_year":
        ref.kind = "half"
        ref.year = values[-1]
    elif rule == "year_only":
        ref.kind = "year"
        ref.year = values[0]
    elif rule in ("period", "period_from_to"):
        ref.kind = "period"
        ref.year, ref.year_end = values[-2], values[-1]
        word = next((str(t) for t in node.scan_values(lambda v: isinstance(v, Token) and v.type == "PERIOD_WORD")), None)
        ref.period_word = word.lower() if word else None
        if ref.year_end < ref.year:
            ref.problem = f"giai đoạn {ref.year}-{ref.year_end} ngược chiều"
    ref.valid = ref.problem is None
    return ref


# Every form of DATE_RE holds a number start (its first digits: at the match's start, or after a blank),
# and what can stand before that number within a match is one of a few runs of words: read backwards
# from the number (in the reversed lower-cased text) they give the places a date starts at a word. One
# optional lookahead per run (a place is kept for each that is there), in the order of DATE_RE's forms.
_DATE_BACK = re.compile(
    r"(?=(?P<day>\s+yàgn))?"  # ngày 5/3/2024, ngày 5 tháng 3 năm 2024, ngày 5-7/3/2024
    r"(?=(?P<month>\s+gnáht))?"  # tháng 3/2024, tháng 3 năm 2024
    r"(?=(?P<year>\s+măn))?"  # năm 2024
    r"(?=(?P<since>\s+măn\s+ừt))?"  # từ năm 2020 đến năm 2025
    r"(?=(?P<period>\s+(?:(?:măn\s+)?ừt\s+)?(?:nạođ\s+iaig|ỳk\s+mệihn|ỳk\s+iờht)))?"  # giai đoạn (từ (năm)) 2021
    r"(?=(?P<half>\s+măn\s+(?:uầđ|iốuc)\s+gnáht\s+(?:uás|níhc)))?"  # sáu tháng đầu năm 2024
)
_DATE_BACK_FORMS = ("day", "month", "year", "since", "period", "half")
# their group numbers: a match's spans are read at once (`Match.regs`), not one `group` call per form
_DATE_BACK_GROUPS = tuple(_DATE_BACK.groupindex[form] for form in _DATE_BACK_FORMS)
# the last letters of the words right before a number in those runs (ngày, tháng, năm, từ, đoạn, kỳ):
# each run is blanks then such a word, read backwards, and a literal stands only after the whole blank run
_DATE_WORD_LAST = frozenset("ygmừnỳ")


# how far back `_DATE_BACK` may read from a place, at most: each run of blanks whole, and the five
# characters of a word and the one after them, for its four words
_DATE_BACK_READS = re.compile(r"(?:\s*+\S{0,6}){5}")


def _date_starts(low: str, number_starts: Sequence[int]) -> Iterator[int]:
    """Every place where DATE_RE can match in a text whose lower-cased form is `low` (a superset, in
    order), found from its number starts: each number start, after the places its words start at.
    The words before a number hold no digit, so those places come after the number start before it.
    The text is read backwards a block at a time, as by `_citation_starts` (a match that could read
    past the block's start is read in the whole text before it). (A text with a letter of
    `scan.EXOTIC_CASE` is scanned as before: its words are not all found by lower-cased literals.)"""
    match = _DATE_BACK.match
    lo = hi = 0  # the block: low[lo:hi] reversed
    back = ""
    for at in number_starts:
        if at and low[at - 1].isspace():
            k = at - 2
            while k >= 0 and low[k].isspace():
                k -= 1
            if k < 0 or low[k] not in _DATE_WORD_LAST:
                yield at  # (the word before the blanks cannot end one of the runs: none is there)
                continue
            if at > hi:
                lo = max(0, at - _BACK_REACH)
                hi = min(len(low), lo + _BACK_BLOCK)
                back = low[hi - 1 : lo - 1 : -1] if lo else low[hi - 1 :: -1]
            pos, base = hi - at, hi
            if lo and _DATE_BACK_READS.match(back, pos).end() >= len(back):  # type: ignore[union-attr]
                m = match(low[at - 1 :: -1])  # long blank runs: the whole text before it
                base = at
            else:
                m = match(back, pos)
            # (every run is optional: the match is empty, and has no group, when none is there)
            if m.lastindex is not None:  # type: ignore[union-attr]
                regs = m.regs  # type: ignore[union-attr]  # (-1, -1) for a form that is not there
                found = {base - regs[g][1] for g in _DATE_BACK_GROUPS if regs[g][0] >= 0}
                yield from sorted(found)
        yield at


def extract_dates(text: str, lowered: str | None = None, number_starts: Sequence[int] | None = None) -> DateRefs:
    """Dates and periods in text order; `lowered` as for `extract_citations`. `number_starts` (the
    report's `Context.number_starts`, found once for many rules) are the places a date can start at
    a digit: then the places it starts at a word are read back from them (`_date_starts`), instead
    of the class scan of `_DATE_STARTS` tried at every g, n, t, s, c and digit, or one literal scan
    of the text per leading word."""
    out = DateRefs(text)
    low = lowered or lower(text)
    if number_starts is None:
        found = finditer_anchored(DATE_RE, _DATE_STARTS, text, low)
    else:
        # `_DATE_STARTS`' digits are those of a number start ([\w/.,-] before them is a stronger
        # condition than number_starts' [\w.,/]): the union is a superset of its places
        # merged as they come (finditer_at passes over a place tried already), not a set of them all
        if exotic_case(text):
            found = finditer_at(DATE_RE, text, heapq.merge(number_starts, literal_starts(low, _DATE_WORDS)))
        else:
            found = finditer_at(DATE_RE, text, _date_starts(low, number_starts))
    for m in found:
        written = m.group()
        ref = _parse_written(written)
        if ref is None:
            continue
        out.add(ref, m.start(), m.end())
    return out


@functools.lru_cache(maxsize=8192)
def _parse_written(written: str) -> DateRef | None:
    """`parse_date_span` of a date as written (runs of blanks as one space): a report writes the same
    "năm 2023" dozens of times."""
    return parse_date_span(_SPACES.sub(" ", written))


def _placed(ref: DateRef, start: int, end: int, text: str) -> DateRef:
    """A copy of the parsed (cached) `ref` at its place in the report: `dataclasses.replace` walks the
    fields' metadata on every call, three times slower for the hundreds of dates of a report."""
    return DateRef(
        kind=ref.kind, text=text, start=start, end=end, day=ref.day, day_end=ref.day_end, month=ref.month,
        year=ref.year, year_end=ref.year_end, period_word=ref.period_word, valid=ref.valid,
        problem=ref.problem, date=ref.date, date_end=ref.date_end,
    )


class DateRefs(MadeOnReadList[DateRef]):
    """The dates of a text in text order, kept as (start, end, parsed form) and made as `DateRef`s when
    read. A list of them held a 14-slot object, two ints and a copy of the written date for every
    date: 280 bytes each, 4 bytes of memory per input byte in a report that dates every line. Here a
    date is 12 bytes and the parsed forms are shared (the parse of a span is cached: "năm 2023" is one).
    Each read makes a new object, equal to the last one made."""

    __slots__ = ("_text", "_starts", "_ends", "_forms", "_parsed", "_form_of")

    def __init__(self, text: str = "") -> None:
        self._text = text
        self._starts = array("I")
        self._ends = array("I")
        self._forms = array("I")  # index into _parsed
        self._parsed: list[DateRef] = []
        self._form_of: dict[int, int] = {}  # id of a parsed form → its index (forms are kept alive here)

    def add(self, ref: DateRef, start: int, end: int) -> None:
        """The parsed `ref` (relative offsets) found at text[start:end]."""
        k = self._form_of.get(id(ref))
        if k is None:
            k = self._form_of[id(ref)] = len(self._parsed)
            self._parsed.append(ref)
        self._starts.append(start)
        self._ends.append(end)
        self._forms.append(k)

    def __len__(self) -> int:
        return len(self._starts)

    def _make(self, i: int) -> DateRef:
        start, end = self._starts[i], self._ends[i]
        return _placed(self._parsed[self._forms[i]], start, end, self._text[start:end])

    def matching(self, keep: Callable[[DateRef], bool]) -> Iterator[DateRef]:
        """The dates whose parsed form passes `keep`, in text order, and only those made: a rule that
        wants a few kinds of date (the impossible ones, the periods) read every date as a new object.
        `keep` reads what the parse gives (kind, day, month, year, problem …), not the date's place
        (a parsed form is shared by every date written the same way; its offsets are its own)."""
        verdicts = [keep(ref) for ref in self._parsed]  # once per distinct form
        for i, k in enumerate(self._forms):
            if verdicts[k]:
                yield self._make(i)


# numbers (figures, percentages, ratios) are read by checker/numbers.py
