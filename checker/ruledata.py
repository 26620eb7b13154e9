"""Typed access to the rule pack: document types, the citation registry, scoring frameworks, templates.

The Vietnamese facts the checks rely on live in TOML files under the repository's `rules/` folder
(shipped as the package `checker.rules`), so that a reviewer who knows the domain but not Python can
correct or extend them.  `checker/ruledata_schema.py` validates those files with pydantic and turns
every problem into one `RuleDataError` line naming the file and the field, because a reviewer editing
TOML needs to know *where* the mistake is, not a Python traceback. What the rules read are the plain
dataclasses of this module: validated data are kept in the cache as these (`checker/cache.py`), so a
check whose rule data comes from the cache never imports pydantic (a third of the cold start).

Shipped files are loaded once (functools.lru_cache); files from extra folders are read on every
call, so a user editing their own framework sees the change at once.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from checker.cache import cached
from checker.scan import leading_literals, required_literals, search_led
from checker.source import LineTexts, fold, lower
from checker.symbols import WELL_FORMED_STATE, System, symbol_key, well_formed_system

if TYPE_CHECKING:
    from importlib.abc import Traversable

T = TypeVar("T")

# Zones used by template parts (`where`): counted in lines of the normalised text.
HEADER_LINES = 25
END_LINES = 40


# ----------------------------------------------------------------------------------------------
# Errors
# ----------------------------------------------------------------------------------------------
class RuleDataError(Exception):
    """A rule-pack file is unreadable or invalid. `str(e)` is one line: "<file>: <field>: <problem>"."""

    def __init__(self, file: str, field: str, problem: str) -> None:
        self.file = file
        self.field = field or "<root>"
        # Keep the message on one line whatever the underlying library printed.
        self.problem = " ".join(problem.split())
        super().__init__(f"{self.file}: {self.field}: {self.problem}")


class _FieldError(ValueError):
    """Raised inside model validators to point at a sub-field (pydantic only knows the model's loc)."""

    def __init__(self, path: str | Sequence[str | int], message: str) -> None:
        super().__init__(message)
        self.path = [path] if isinstance(path, str) else list(path)


# ----------------------------------------------------------------------------------------------
# Shared helpers
# ----------------------------------------------------------------------------------------------
def _nfc(value: Any) -> Any:
    """NFC-normalise every string in a parsed TOML value (files saved on macOS may be NFD)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    return value


@functools.lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Every rule-pack regex is case-insensitive; use `(?-i:...)` inside a pattern to demand capitals."""
    return re.compile(pattern, re.IGNORECASE)


# --- Rule-file patterns that cannot blow up -------------------------------------------------------
# Patterns from TOML run on Python's backtracking `re` (google-re2 lacks the lookarounds and the
# Unicode \b and \w the shipped patterns rely on). The shapes that take exponential time are refused
# at load instead, with the file and field named.
try:
    import re._parser as _sre_parse  # Python 3.11+
    from re._constants import MAXREPEAT as _MAXREPEAT
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]
    from sre_constants import MAXREPEAT as _MAXREPEAT  # type: ignore[no-redef]

_REPEATS = ("MAX_REPEAT", "MIN_REPEAT")
# Characters the overlap test tries: enough of each class a pattern is likely to name.
_PROBE = (
    "aAbBcdeghiklmnopqrstuvxyzZ_019 \t\n.,;:!?-–/()[]%*#+=×÷'\""
    "ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ\u0301\u0300²"
)
_WORD = re.compile(r"\w")
_CATEGORIES: dict[str, Callable[[str], bool]] = {
    "CATEGORY_DIGIT": str.isdecimal,
    "CATEGORY_NOT_DIGIT": lambda c: not c.isdecimal(),
    "CATEGORY_SPACE": str.isspace,
    "CATEGORY_NOT_SPACE": lambda c: not c.isspace(),
    "CATEGORY_WORD": lambda c: bool(_WORD.match(c)),
    "CATEGORY_NOT_WORD": lambda c: not _WORD.match(c),
}


@dataclass(frozen=True)
class _Piece:
    """What a part of a pattern can start and end with, and whether its length varies."""
    first: frozenset[str]  # the probe characters it can start with
    last: frozenset[str]  # … and end with
    varying: bool  # can match a varying number of characters
    optional: bool  # can match nothing
    ambiguous: bool = False  # a group whose own parts can split one text several ways
    units: bool = False  # a repeated group: it can hand whole rounds of its own to the next part


def _char_piece(chars: frozenset[str], varying: bool, optional: bool) -> _Piece:
    return _Piece(chars, chars, varying, optional)


def _group_piece(inner: list[_Piece], optional: bool) -> _Piece:
    if not inner:
        return _char_piece(frozenset(), False, True)
    first: frozenset[str] = frozenset()
    for p in inner:  # what it can start with: up to the first part that cannot be empty
        first |= p.first
        if not p.optional:
            break
    last: frozenset[str] = frozenset()
    for p in reversed(inner):
        last |= p.last
        if not p.optional:
            break
    varying = any(p.varying or p.optional for p in inner)
    return _Piece(first, last, varying, optional or all(p.optional for p in inner),
                  any(p.ambiguous for p in inner) or _ambiguous(inner, cyclic=False))


def backtracking_risk(pattern: str) -> str | None:
    """Why `pattern` could take exponential time in `re`, or None.

    Inside an unbounded repeat, a part of varying length followed (within the round, or at the start
    of the next round, skipping what may match nothing) by a part that can take the same character
    lets the rounds share out one text in exponentially many ways: `(\\w+\\s?)+`, `(a*)*`, `(x+x+)+`,
    `(a|ab)+`. `(?:\\s+\\w+)*` or `\\d+(?:[.,]\\d+)*` pass: the boundary of each part is forced.
    """
    try:
        tree = _sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return None  # the compile check says what is wrong
    return _risk(list(tree))


def _risk(items: list[Any]) -> str | None:
    for op, av in items:
        name = str(op)
        subs: list[list[Any]] = []
        if name in _REPEATS:
            lo, hi, body = av
            if (hi == _MAXREPEAT or hi > 50) and _ambiguous_rounds(list(body)):
                return "lặp lồng trong một lặp không giới hạn (như (\\w+\\s?)+): có thể chạy hàng giờ trên một dòng dài"
            subs = [list(body)]
        elif name == "SUBPATTERN":
            subs = [list(av[-1])]
        elif name == "BRANCH":
            subs = [list(b) for b in av[1]]
        elif name in ("ASSERT", "ASSERT_NOT"):
            subs = [list(av[1])]
        for sub in subs:
            why = _risk(sub)
            if why:
                return why
    return None


def _ambiguous_rounds(body: list[Any]) -> bool:
    if len(body) == 1 and str(body[0][0]) in _CHAR_OPS:
        return False  # `\s+`, `[a-z]*`: one character per round, one way to split
    pieces = _pieces(body, optional=False)
    return any(p.ambiguous for p in pieces) or _ambiguous(pieces, cyclic=True)


def _ambiguous(pieces: list[_Piece], *, cyclic: bool) -> bool:
    """A part of varying length whose last character the next part (in this round or, `cyclic`, the
    next one; skipping parts that may be empty) can also take."""
    n = len(pieces)
    for i, p in enumerate(pieces):
        if not p.varying:
            continue
        for k in range(1, n + 1):
            if not cyclic and i + k >= n:
                break
            q = pieces[(i + k) % n]
            if p.last & q.first or (p.units and p.first & q.first):
                return True
            if not q.optional:
                break
    return False


def _pieces(items: list[Any], optional: bool) -> list[_Piece]:
    out: list[_Piece] = []
    for op, av in items:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero width
        if name in _REPEATS:
            lo, hi, body = av
            body = list(body)
            if len(body) == 1 and str(body[0][0]) in _CHAR_OPS:
                out.append(_char_piece(_probe(body[0]), lo != hi, optional or lo == 0))
            elif lo == hi == 1:
                out += _pieces(body, optional)
            elif hi <= 1:
                out.append(_group_piece(_pieces(body, False), True))
            else:  # a repeated group: its own rounds are checked when _risk reaches it
                whole = _group_piece(_pieces(body, False), optional or lo == 0)
                out.append(_Piece(whole.first, whole.last, True, whole.optional, whole.ambiguous, units=True))
        elif name == "SUBPATTERN":
            out += _pieces(list(av[-1]), optional)
        elif name == "BRANCH":
            alternatives = [_group_piece(_pieces(list(b), False), False) for b in av[1]]
            first = frozenset().union(*(a.first for a in alternatives))
            last = frozenset().union(*(a.last for a in alternatives))
            widths = {tuple(b.getwidth()) for b in av[1]}
            varying = len(widths) > 1 or any(lo != hi for lo, hi in widths)
            out.append(_Piece(first, last, varying, optional or any(a.optional for a in alternatives),
                              any(a.ambiguous for a in alternatives)))
        elif name in _CHAR_OPS:
            out.append(_char_piece(_probe((op, av)), False, optional))
        else:  # a back-reference or anything unusual: assume the worst
            out.append(_char_piece(frozenset(_PROBE), True, optional))
    return out


_CHAR_OPS = ("LITERAL", "NOT_LITERAL", "IN", "ANY", "CATEGORY")


def _probe(item: Any) -> frozenset[str]:  # noqa: ANN401 - an sre_parse node
    return _probe_cached(repr(item), item)


_PROBES: dict[str, frozenset[str]] = {}


def _probe_cached(key: str, item: Any) -> frozenset[str]:  # noqa: ANN401 - an sre_parse node
    found = _PROBES.get(key)
    if found is None:
        found = _PROBES[key] = frozenset(c for c in _PROBE if _accepts(item, c))
    return found


def _accepts(item: Any, ch: str) -> bool:  # noqa: ANN401 - an sre_parse node
    """Whether the single-character test `item` accepts `ch`, case-insensitively."""
    op, av = item
    name = str(op)
    low, up = ch.lower(), ch.upper()
    if name == "LITERAL":
        return chr(av).lower() == low
    if name == "NOT_LITERAL":
        return chr(av).lower() != low
    if name == "CATEGORY":
        return _CATEGORIES.get(str(av), lambda c: True)(ch)
    if name == "IN":
        negate = any(str(o) == "NEGATE" for o, _ in av)
        hit = False
        for o, a in av:
            kind = str(o)
            if kind == "LITERAL" and chr(a).lower() == low:
                hit = True
            elif kind == "RANGE" and (a[0] <= ord(low) <= a[1] or a[0] <= ord(up[0]) <= a[1]):
                hit = True
            elif kind == "CATEGORY" and _CATEGORIES.get(str(a), lambda c: True)(ch):
                hit = True
        return hit != negate
    return True  # ANY


def _check_regex(pattern: str) -> str:
    try:
        compile_pattern(pattern)
    except re.error as exc:
        raise ValueError(f"invalid regular expression: {exc}") from None
    why = backtracking_risk(pattern)
    if why:
        raise ValueError(f"biểu thức chính quy bị từ chối: {why}; hãy viết lại cho mỗi đoạn chỉ khớp một cách")
    return pattern


Regex = str  # a pattern `_check_regex` accepted (checker/ruledata_schema.py validates it)



def word_key(text: str) -> str:
    """Comparison key for Vietnamese words: NFC, case-folded, one tone style, single spaces."""
    # Type words and issuer names recur in every report and are cached; a long text (a report's
    # first page) is not, or a batch of thousands of reports would fill the cache with pages.
    return _word_key_short(text) if len(text) <= 200 else _word_key(text)


@functools.lru_cache(maxsize=8192)  # called for every citation against every type word
def _word_key_short(text: str) -> str:
    return _word_key(text)


def _word_key(text: str) -> str:
    # old- and new-style tone placement (hòa/hoà, thủy/thuỷ) look the same: the one folding, source.fold
    return " ".join(fold(unicodedata.normalize("NFC", text)).split())




# ----------------------------------------------------------------------------------------------
# doctypes.toml
# ----------------------------------------------------------------------------------------------
@dataclass(kw_only=True)
class DocType:
    """One type code of a document symbol ("QĐ" in 274/QĐ-UBND, "KL" in 114-KL/TW)."""

    code: str
    name: str
    words: list[str]  # type words that announce it in prose ("Quyết định")
    systems: list[System]  # where the code is valid
    normative: bool = False  # QPPL code: the number MAY carry a year (07/2023/QĐ-UBND)
    year_required: bool = False  # always QPPL: the number MUST carry a year (30/2020/NĐ-CP)
    verified: bool = True  # False = code only reported by unverified sources: flag it at info level
    note: str = ""
    source: str


@dataclass(kw_only=True)
class IssuerCode:
    """One issuer abbreviation after the type code (state) or after the slash (Party)."""

    code: str
    name: str
    system: System
    verified: bool = True
    note: str = ""
    source: str


@dataclass(kw_only=True)
class UncodedType:
    """A type of document whose symbol carries no type code (state Công văn, Luật of Quốc hội)."""

    name: str
    words: list[str]
    systems: list[System]
    symbol_form: str  # e.g. "ISSUER-UNIT" (887/UBND-NC) or "number/year/QH<khóa>" (10/2022/QH15)
    note: str = ""
    source: str


@dataclass(kw_only=True)
class DocTypes:
    """The document types and issuer codes of rules/doctypes.toml."""
    types: list[DocType]
    issuers: list[IssuerCode]
    party_issuer_patterns: list[Regex] = field(default_factory=list)  # Party issuer families not listed one by one
    uncoded: list[UncodedType] = field(default_factory=list)
    # Words that start a citation of a document without a type code of its own ("Hiến pháp năm 2013",
    # "Thông báo kết luận số 318-TB/TU"): found by the citation pre-scan, compared with no code
    citation_words: list[str] = field(default_factory=list)
    _by_word: dict[str, list[DocType]] | None = field(default=None, init=False, repr=False, compare=False)

    def type_by_code(self, code: str, system: str | None = None) -> DocType | None:
        """The type with this exact code; with `system`, only one valid there. State entries come first."""
        code = unicodedata.normalize("NFC", code.strip())
        for t in self.types:
            if t.code == code and (system is None or system in t.systems):
                return t
        return None

    def types_by_word(self, word: str) -> list[DocType]:
        """All types announced by this word (case-insensitive, NFC, either tone style)."""
        if self._by_word is None:  # built once: rules ask this for every citation of every report
            index: dict[str, list[DocType]] = {}
            for t in self.types:
                for key in dict.fromkeys(word_key(w) for w in t.words):
                    index.setdefault(key, []).append(t)
            self._by_word = index
        return list(self._by_word.get(word_key(word), []))

    def uncoded_by_word(self, word: str, system: str | None = None) -> UncodedType | None:
        """The code-less type named by this word (e.g. state "Công văn"), if any."""
        key = word_key(word)
        for u in self.uncoded:
            if (system is None or system in u.systems) and any(word_key(w) == key for w in u.words):
                return u
        return None

    def issuer(self, code: str) -> IssuerCode | None:
        code = unicodedata.normalize("NFC", code.strip())
        for iss in self.issuers:
            if iss.code == code:
                return iss
        # "QH14", "UBTVQH15": the legislature number is appended to the issuer code.
        bare = re.sub(r"\d+$", "", code)
        if bare != code:
            for iss in self.issuers:
                if iss.code == bare:
                    return iss
        return None

    def issuer_system(self, code: str) -> Literal["state", "party"] | None:
        """Which system an issuer code belongs to: listed codes first, then the Party patterns."""
        code = unicodedata.normalize("NFC", code.strip())
        found = self.issuer(code)
        if found is not None:
            return found.system
        for pattern in self.party_issuer_patterns:
            if compile_pattern(pattern).search(code):
                return "party"
        return None


# ----------------------------------------------------------------------------------------------
# registry.toml
# ----------------------------------------------------------------------------------------------
@dataclass(kw_only=True)
class RegistryEntry:
    """One known document of the registry: its symbol, type, date and issuer."""
    symbol: str  # canonical symbol, exactly as in the original ("114-KL/TW", "16/CT-TTg")
    type_word: str  # "Kết luận"
    date: datetime.date
    issuer: str  # "Ban Bí thư"
    issuer_aliases: list[str] = field(default_factory=list)  # other correct names of the same issuer
    wrong_issuers: list[str] = field(default_factory=list)  # issuers reports wrongly give; only when clearly wrong
    title: str = ""
    province: str | None = None  # local document: its number is reused by every other province
    note: str = ""
    verified: bool  # False: rules report disagreements with it at info level only
    source: str

    @property
    def system(self) -> System:
        return "party" if well_formed_system(self.symbol) == "party" else "state"

    @property
    def year_in_symbol(self) -> int | None:
        m = WELL_FORMED_STATE.match(self.symbol)
        return int(m.group("year")) if m and m.group("year") else None

    @property
    def renumbered_yearly(self) -> bool:
        """State numbers restart every year, so "12/NQ-CP" alone does not identify a document."""
        return self.system == "state" and self.year_in_symbol is None


@dataclass(kw_only=True)
class Registry:
    """The registry of known documents, looked up by symbol."""
    entries: list[RegistryEntry]
    _index: dict[str, list[RegistryEntry]] | None = field(default=None, init=False, repr=False, compare=False)

    def find(
        self, symbol: str, *, year: int | None = None, province: str | None = None
    ) -> RegistryEntry | None:
        """The entry for `symbol`, compared with all spaces removed; otherwise exact.

        Pass `year` (the year of the cited date) and `province` (of the report) when known: a state
        number without a year in it is reused every year, and local numbers (274/QĐ-UBND) exist in
        every province, so without them a look-up may return a different document.
        """
        if self._index is None:
            index: dict[str, list[RegistryEntry]] = {}
            for e in self.entries:
                index.setdefault(e.symbol, []).append(e)
            self._index = index
        for e in self._index.get(symbol_key(symbol), []):
            if province is not None and e.province is not None and word_key(e.province) != word_key(province):
                continue
            if year is not None and e.renumbered_yearly and e.date.year != year:
                continue
            return e
        return None


# ----------------------------------------------------------------------------------------------
# frameworks/*.toml
# ----------------------------------------------------------------------------------------------
@dataclass(kw_only=True)
class SubItem:
    """An item of a scoring criterion, with its cap and any deeper items."""
    id: str  # "1", "2": the "Nội dung N" (or "1.2") of the scoring table
    name: str  # label as the table writes it: "Nội dung 1"
    cap: Decimal
    topic: str = ""  # what the item is about, for messages
    items: list[SubItem] = field(default_factory=list)  # a deeper tier (tiêu chí thành phần "1.1.1"); their caps sum to `cap`
    may_be_unscored: bool = False  # the decision lets this item be "không chấm" (excluded from the maximum)


@dataclass(kw_only=True)
class Criterion:
    """One criterion of a scoring framework, with its cap and items."""
    number: int
    name: str
    cap: Decimal
    items: list[SubItem] = field(default_factory=list)
    # how reports name the criterion in prose ("Nhóm tiêu chí chung: 28/30 điểm"): scores written in
    # sentences are linked to the criterion by `name` or one of these (case and tone placement ignored)
    aliases: list[str] = field(default_factory=list)
    may_be_unscored: bool = False  # may be "không chấm" (scored by survey, not applicable to the body)

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass(kw_only=True)
class Condition:
    """A condition a band requires, named in words the report must state to claim the band."""

    name: str  # shown to users: "100% nhiệm vụ hoàn thành, trong đó ít nhất 30% vượt mức"
    patterns: list[Regex]  # any match in the report text = the condition is stated

    def stated_in(self, text: str) -> bool:
        return any(compile_pattern(p).search(text) for p in self.patterns)


@dataclass(kw_only=True)
class Band:
    """A classification band: min <= final score < max (max None = no upper limit), and its conditions."""

    name: str
    min: Decimal
    max: Decimal | None = None
    aliases: list[str] = field(default_factory=list)
    # every criterion must reach this share of its cap (0.85 = 85 %); a score in the band that misses it
    # falls to the next band down whose share it meets
    min_share: Decimal | None = None
    requires: list[Condition] = field(default_factory=list)  # conditions the report must state to claim the band
    quota: str = ""  # a quota on how many may get the band: reported as information only, never checked

    def contains(self, score: Decimal) -> bool:
        return score >= self.min and (self.max is None or score < self.max)

    def is_named(self, label: str) -> bool:
        key = word_key(label.strip(" .;:*"))
        return any(word_key(n) == key for n in [self.name, *self.aliases])


@dataclass(kw_only=True)
class Recognise:
    """How a report is recognised as scored under a framework."""
    decision: str | None = None  # informational: the decision that defines the framework
    province: str | None = None
    patterns: list[Regex] = field(default_factory=list)  # any match in the report text selects this framework


@dataclass(kw_only=True)
class Variant:
    """A variant of the framework for one kind of body scored (sở / huyện / xã), or a reduced scale."""

    id: str  # "cap-xa"
    name: str  # "Ủy ban nhân dân cấp xã"
    patterns: list[Regex]  # any match in the report's header selects the variant
    # criteria this kind of body is not scored on (Quảng Bình: 85 for bodies outside the CCHC index):
    # they are dropped and total_max / final_max shrink by their caps
    excluded: list[int] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)  # the variant's own criteria, when they differ (replace all of them)
    bands: list[Band] = field(default_factory=list)  # the variant's own bands (a smaller scale has its own thresholds)


@dataclass(kw_only=True)
class Framework:
    """A scoring framework of rules/frameworks/: its decision, validity and criteria."""
    id: str  # = file stem
    name: str
    province: str | None = None  # the province as of valid_from (provinces merged on 01/7/2025)
    decision: str | None = None  # "274/QĐ-UBND"
    decision_date: datetime.date | None = None
    valid_from: datetime.date | None = None  # first day the framework applies (usually its entry into force)
    valid_to: datetime.date | None = None  # last day (replaced, or the province merged); None = still in force
    source: str
    criteria: list[Criterion] = field(default_factory=list)  # empty for the generic fallback or when caps are unknown
    criteria_count: int | None = None  # known number of criteria when caps are not
    total_max: Decimal | None = None  # sum of the criteria caps
    bonus_cap: Decimal = Decimal(0)
    bonus_label: str = "Điểm thưởng"  # row label of the bonus in the scoring table
    penalty_cap: Decimal = Decimal(0)  # most points a "Điểm trừ" row may take off (0 = no penalties)
    penalty_label: str = "Điểm trừ"  # row label of the penalty in the scoring table
    final_max: Decimal | None = None
    final_formula: Literal["sum_plus_bonus", "sum"] = "sum"  # a penalty, when written, is always taken off
    # "không chấm" items: "exclude" = the maximum shrinks by their caps; "rescale" = the score is
    # brought back to total_max (score × total_max / the caps actually scored) before the bands apply
    unscored: Literal["exclude", "rescale"] = "exclude"
    score_columns: list[str] = field(default_factory=list)  # extra score columns by header name ("Thẩm định lần 1", "Giải trình")
    bands: list[Band] = field(default_factory=list)  # applied to the final score
    bands_note: str = ""  # shown to users: why bands are missing or incomplete
    variants: list[Variant] = field(default_factory=list)
    recognise: Recognise = field(default_factory=Recognise)
    caps_from_table: bool = False  # generic fallback: caps come from the table's own "Chuẩn" column
    _variant: str | None = field(default=None, init=False, repr=False, compare=False)

    def for_variant(self, variant: Variant) -> Framework:
        """This framework as it applies to one kind of body: its criteria, caps and maximum."""
        criteria = variant.criteria or [c for c in self.criteria if c.number not in variant.excluded]
        dropped = sum((c.cap for c in self.criteria if c.number in variant.excluded), Decimal(0))
        total = sum((c.cap for c in criteria), Decimal(0)) if variant.criteria else None
        total_max = total if total is not None else (self.total_max - dropped if self.total_max is not None else None)
        final_max = None
        if self.final_max is not None and total_max is not None:
            final_max = total_max + (self.bonus_cap if self.final_formula == "sum_plus_bonus" else 0)
        # excluded criteria keep their numbers: renumbering would tie the table's "Tiêu chí 5" to another
        out = dataclasses.replace(
            self,
            criteria=criteria,
            total_max=total_max,
            final_max=final_max,
            name=f"{self.name} — {variant.name}",
            bands=variant.bands or self.bands,
            variants=[],
        )
        out._variant = variant.id
        return out

    @property
    def variant(self) -> str | None:
        """The variant this copy was made for (`for_variant`), else None."""
        return self._variant

    def criterion_numbers(self) -> list[int]:
        """The criteria a table under this framework must have (a variant may leave some out)."""
        if self.criteria:
            return [c.number for c in self.criteria]
        return list(range(1, (self.criteria_count or 0) + 1))

    def variant_for(self, header: str) -> Variant | None:
        """The variant whose patterns match the report's header (the body that scores itself)."""
        return next((v for v in self.variants if any(compile_pattern(p).search(header) for p in v.patterns)), None)

    def valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or day >= self.valid_from) and (self.valid_to is None or day <= self.valid_to)

    def criterion(self, number: int) -> Criterion | None:
        return next((c for c in self.criteria if c.number == number), None)

    def band_for(self, score: Decimal, shares: dict[int, Decimal] | None = None) -> Band | None:
        """The band holding `score`, or None (then the framework cannot classify it: say nothing).

        With each criterion's share of its cap (`shares`), a band whose `min_share` some criterion
        misses gives way to the next band down whose share is met ("≥ 90 and no criterion below 85 %").
        """
        first = next((b for b in self.bands if b.contains(score)), None)
        if first is None or not shares:
            return first
        for band in self.bands_from(first):
            if band.min_share is None or all(v >= band.min_share for v in shares.values()):
                return band
        return None

    def bands_from(self, band: Band) -> list[Band]:
        """`band` and the bands below it, highest first."""
        return sorted((b for b in self.bands if b.min <= band.min), key=lambda b: b.min, reverse=True)

    def band_below(self, band: Band) -> Band | None:
        below = self.bands_from(band)[1:]
        return below[0] if below else None

    def band_named(self, label: str) -> Band | None:
        return next((b for b in self.bands if b.is_named(label)), None)

    @property
    def report_note(self) -> str:
        """What the JSON report says about this framework: `bands_note`, and that without verified
        bands the classification is not checked against the score."""
        if self.bands:
            return self.bands_note
        not_applied = "Quy tắc DG006 (xếp loại) không được áp dụng vì khung chấm điểm chưa có ngưỡng xếp loại."
        return f"{self.bands_note} {not_applied}" if self.bands_note else not_applied


# ----------------------------------------------------------------------------------------------
# kinds.toml
# ----------------------------------------------------------------------------------------------
@dataclass(kw_only=True)
class DocKind:
    """One kind of document: how it names itself (type line, type code) and which template checks it."""

    id: str
    name: str  # as the document names it: "Báo cáo", "Quyết định", "Công văn"
    type_lines: list[str] = field(default_factory=list)  # the type line in capitals ("QUYẾT ĐỊNH"); empty for a Công văn
    state_codes: list[str] = field(default_factory=list)  # type code in a state symbol (80/2025/QĐ-UBND)
    party_codes: list[str] = field(default_factory=list)  # type code in a Party symbol (442-BC/TU)
    uncoded_state: bool = False  # a state symbol without a type code (887/UBND-NC) means this kind
    own_outline: bool = True  # its headings are its own outline (VB003 checks their numbering)
    template: str  # id of a file in rules/templates/
    source: str


@dataclass(kw_only=True)
class DocKinds:
    """The document kinds of rules/kinds.toml."""
    kinds: list[DocKind]

    def by_id(self, kind_id: str) -> DocKind | None:
        return next((k for k in self.kinds if k.id == kind_id), None)

    def by_type_line(self, line: str) -> DocKind | None:
        key = " ".join(unicodedata.normalize("NFC", line).upper().split())
        for k in self.kinds:
            if any(" ".join(t.split()) == key for t in k.type_lines):
                return k
        return None

    def by_code(self, code: str, system: str) -> DocKind | None:
        code = unicodedata.normalize("NFC", code.strip())
        for k in self.kinds:
            if code in (k.state_codes if system == "state" else k.party_codes):
                return k
        return None

    def uncoded(self) -> DocKind | None:
        return next((k for k in self.kinds if k.uncoded_state), None)


@functools.lru_cache(maxsize=1)
def _shipped_kinds() -> DocKinds:
    f = _shipped_root().joinpath("kinds.toml")
    return _cached_files("kinds", [f], lambda: _validate(DocKinds, _read_toml(f, "rules/kinds.toml"), "rules/kinds.toml"))


def load_kinds(path: Path | None = None) -> DocKinds:
    """The shipped kinds.toml (cached), or the given file."""
    if path is None:
        return _shipped_kinds()
    return _validate(DocKinds, _read_toml(Path(path), str(path)), str(path))


# ----------------------------------------------------------------------------------------------
# templates/*.toml
# ----------------------------------------------------------------------------------------------
_MD_LEAD = re.compile(r"^\s*(?:#{1,6}\s+|>\s*)+")
_MD_ESC = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")


def clean_line(line: str) -> str:
    """A line as template patterns see it: Markdown residue (`**`, `##`, `\\-`) removed, stripped."""
    # headings and header lines recur from report to report and are cached; paragraphs are not
    return _clean_line_short(line) if len(line) <= 200 else _clean_line(line)


@functools.lru_cache(maxsize=4096)
def _clean_line_short(line: str) -> str:
    return _clean_line(line)


# `_MD_LEAD` at each line start of a joined text ("\n" before the first): led by the line end, so `re`
# jumps from one to the next in C (a `^` in MULTILINE mode is tried at every character), and its
# blanks never reach past the line's own end
_MD_LEAD_LINES = re.compile(r"\n[^\S\n]*(?:#{1,6}[^\S\n]+|>[^\S\n]*)+")


def cleaned_lines(joined: str) -> list[str]:
    """`_clean_line` of each line of `joined` (lines joined by "\\n", no "*" among them), by whole-text
    passes: NFC keeps a line end where it is, and the Markdown residue never spans one."""
    joined = _MD_LEAD_LINES.sub("\n", "\n" + unicodedata.normalize("NFC", joined))
    return list(map(str.strip, _MD_ESC.sub(r"\1", joined).split("\n")[1:]))


def _clean_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line)
    line = _MD_LEAD.sub("", line)
    line = _MD_ESC.sub(r"\1", line)
    if line.strip() != "*":  # keep the Party header's lone asterisk
        line = line.replace("*", "")
    return line.strip()


@dataclass(kw_only=True)
class TemplatePart:
    """A part a report is expected to contain. Each pattern is searched (re.search) in every line."""

    id: str
    name: str  # Vietnamese, shown to users
    patterns: list[Regex]  # anchor with ^…$ to demand the whole line
    where: Literal["header", "body", "end", "anywhere"] = "anywhere"
    severity: Literal["error", "warning", "info"] = "warning"
    header_part: bool = False  # usually lost when Word/PDF becomes text: the message says so
    applies_to: list[System] = field(default_factory=lambda: ["state", "party"])
    # also present when the document model found this field (in any layout): see HEADER_FIELDS
    header_field: HeaderField | None = None

    def matches(self, line: str) -> bool:
        text = clean_line(line)
        return any(compile_pattern(p).search(text) for p in self.patterns)

    def applies(self, kind: str | None) -> bool:
        """Whether to look for this part in a report of `kind` (unknown kind: only parts of both systems)."""
        if kind in ("state", "party"):
            return kind in self.applies_to
        return set(self.applies_to) == {"state", "party"}


# What the document model can tell a template part is present (checker/document.py: fields_present).
HeaderField = Literal[
    "motto", "party_motto", "issuer", "number", "date_line", "type_line", "subject_line",
    "recipients", "archive", "signer", "addressee",
]

DEFAULT_CRITERION_PATTERN = r"^\s*(?:\d+\s*[.)]\s*)?Tiêu\s+chí\s+(?P<n>\d+)\b"


@dataclass(kw_only=True)
class Template:
    """A report template: how its title is recognised and the parts it asks for."""
    id: str
    name: str
    title_patterns: list[Regex] = field(default_factory=list)  # searched in the report's title/summary
    kind: Literal["state", "party", "any"] = "any"
    # the document kinds (ids in rules/kinds.toml) this template is for; a template with
    # title_patterns and doctypes is a specialisation chosen by topic for those kinds only
    doctypes: list[str] = field(default_factory=list)
    extends: str | None = None  # the parts of that template come first
    parts: list[TemplatePart]
    criteria_in_order: bool = False  # self-scoring report: Tiêu chí 1..N must appear in order
    criterion_pattern: Regex = DEFAULT_CRITERION_PATTERN  # heading of a criterion; group "n" = number
    priority: int = 0  # higher wins when several templates match
    # dotted lines the readers fill after the document is sent (a Phiếu trình's opinion cells): not VB002
    filled_after_sending: bool = False

    def parts_for(self, kind: str | None) -> list[TemplatePart]:
        return [p for p in self.parts if p.applies(kind)]


def zone(where: str, line_count: int) -> range:
    """Line indexes a part is looked for in: header = first 25, end = last 40, body = after the header."""
    if where == "header":
        return range(0, min(line_count, HEADER_LINES))
    if where == "end":
        return range(max(0, line_count - END_LINES), line_count)
    if where == "body" and line_count > HEADER_LINES:
        return range(HEADER_LINES, line_count)
    return range(0, line_count)


def locate_parts(
    text: str | Sequence[str],
    template: Template,
    kind: str | None = None,
    present: dict[str, int] | None = None,
) -> dict[str, int | None]:
    """For every part that applies to `kind`: the 0-based index of the first line showing it, or None.

    `present` maps header fields the document model found (`HeaderField`) to their line index: a
    part with that `header_field` is found there, whatever the layout."""
    lines = text.split("\n") if isinstance(text, str) else text
    found: dict[str, int | None] = {}
    pending: list[tuple[TemplatePart, range]] = []
    for part in template.parts_for(kind):
        if present and part.header_field in present:
            found[part.id] = present[part.header_field]
            continue
        found[part.id] = None
        pending.append((part, zone(part.where, len(lines))))
    # The lines are cleaned a block at a time (a list of every cleaned line of a long report was two
    # bytes of memory per input byte); a part is looked for block after block until one shows it.
    for block_start in range(0, len(lines), _LOCATE_BLOCK):
        if not pending:
            break
        block_end = min(len(lines), block_start + _LOCATE_BLOCK)
        cleaned: list[str] | None = None
        waiting: list[tuple[TemplatePart, range]] = []
        for part, rows in pending:
            lo, hi = max(rows.start, block_start), min(rows.stop, block_end)
            if lo >= hi:
                waiting.append((part, rows))
                continue
            if cleaned is None:
                cleaned = _cleaned_block(lines, block_start, block_end)
            first = _first_line_showing(part, cleaned, block_start, lo, hi)
            if first is None:
                waiting.append((part, rows))
            else:
                found[part.id] = first
        pending = waiting
    return found


_LOCATE_BLOCK = 1024  # lines cleaned at a time by locate_parts


def _cleaned_block(lines: Sequence[str], start: int, end: int) -> list[str]:
    """`clean_line` of lines[start:end], the lines cleaned joined, in C: a call of `_clean_line` per
    line was 2.5 ms of VB001's 5.5 on the five seeds. A star is dropped from a line after its Markdown
    residue is (a lone "*" line, the Party header's ornament, is kept): the joined cleaning gives each
    line stripped, and stripping before or after the stars go gives the same line (blanks are no stars),
    so only the lines holding one are read again. (Every star a line at a time, through the cache of
    `clean_line`, was 1.2 ms of the one seed holding a star.)"""
    # (the report's own lines are a span of its text: joined without making each line)
    joined = lines.joined(start, end) if isinstance(lines, LineTexts) else "\n".join(lines[start:end])
    cleaned = cleaned_lines(joined)
    if "*" in joined:
        cleaned = [line.replace("*", "").strip() if "*" in line and line != "*" else line for line in cleaned]
    return cleaned


def _first_line_showing(part: TemplatePart, cleaned: list[str], offset: int, lo: int, hi: int) -> int | None:
    """The first line in [lo, hi) one of `part`'s patterns matches (`cleaned` holds lines from `offset`)."""
    first: int | None = None
    # pattern by pattern, each stopping at the best line so far: same line as `part.matches`
    # line by line, the lines run through `search` by `map` and the first hit picked by
    # `compress`, both in C (a generator per line was most of VB001's time)
    for pattern in part.patterns:
        search = compile_pattern(pattern).search
        stop = hi if first is None else first
        hits = map(search, itertools.islice(cleaned, lo - offset, stop - offset))
        first = next(itertools.compress(itertools.count(lo), hits), first)
    return first


# ----------------------------------------------------------------------------------------------
# lexicon/*.toml: the vocabulary the rules read (one file per list, see rules/lexicon/)
# ----------------------------------------------------------------------------------------------
def _words(value: str) -> str:
    if not value.strip():
        raise ValueError("empty entry")
    return value


Phrase = str  # a non-empty entry (`_words`, applied by checker/ruledata_schema.py)


def _pair(value: str) -> str:
    old, sep, new = value.partition(":")
    if not sep or not old or not new or ":" in new:
        raise ValueError(f"{value!r} is not old:new")
    if old == new:
        raise ValueError(f"{value!r}: both sides are the same")
    return value


Pair = str  # "old:new" (`_pair`, applied by checker/ruledata_schema.py)


@dataclass(kw_only=True)
class FunctionWords:
    """TT001: words reported when doubled alone."""

    note: str = ""
    words: list[Phrase]


@dataclass(kw_only=True)
class Reduplications:
    """TT001: syllables whose doubling is a word ("người người"), never reported when doubled alone."""

    note: str = ""
    words: list[Phrase]


@dataclass(kw_only=True)
class KnownAbbreviation:
    """An abbreviation that may stand without being spelled out, and its meaning."""
    abbreviation: Phrase
    meaning: Phrase


@dataclass(kw_only=True)
class Abbreviations:
    """TT005: abbreviations written as one word."""

    source: str
    known: list[KnownAbbreviation]


@dataclass(kw_only=True)
class CodeBody:
    """A body named by a code, its name, and the names that do not count as naming it."""
    code: Phrase
    name: Phrase
    not_named: list[Phrase]


@dataclass(kw_only=True)
class Body:
    """A body whose name starts with a given phrase."""
    starts: Phrase
    name: Phrase


@dataclass(kw_only=True)
class Issuers:
    """TD003 and TD004: issuer codes against the bodies a sentence names."""

    source: str
    code_bodies: list[CodeBody]
    bodies: list[Body]


@dataclass(kw_only=True)
class PastPlan:
    """NG002: what marks a sentence as telling of something done, or of a plan."""

    note: str = ""
    past: list[Phrase]
    plan: list[Phrase]


@dataclass(kw_only=True)
class Shortfall:
    """DG008: phrases in which an agency admits it has not done something."""

    note: str = ""
    phrases: list[Phrase]


@dataclass(kw_only=True)
class SignerTitles:
    """The signature block: authority marks and titles."""

    source: str
    authorities: list[Phrase]
    titles: list[Phrase]


@dataclass(kw_only=True)
class Tones:
    """Old- and new-style tone placement: the folding table and TT090's word pairs."""

    source: str
    fold: list[Pair]
    words: list[Pair]

    def fold_table(self) -> dict[str, str]:
        return dict(p.split(":") for p in self.fold)

    def old_to_new(self) -> dict[str, str]:
        return dict(p.split(":") for p in self.words)


@dataclass(kw_only=True)
class Lexicon:
    """The word lists of rules/lexicon.toml."""
    function_words: FunctionWords
    reduplications: Reduplications
    abbreviations: Abbreviations
    issuers: Issuers
    past_plan: PastPlan
    shortfall: Shortfall
    signer_titles: SignerTitles
    tones: Tones


# file name (without .toml) in rules/lexicon/ → field of Lexicon
LEXICON_FILES = {f.name.replace("_", "-"): f.name for f in dataclasses.fields(Lexicon)}
# field of Lexicon → the class of its file (the annotations are strings: `from __future__ import annotations`)
LEXICON_TYPES = {f.name: f.type for f in dataclasses.fields(Lexicon)}


def phrase_pattern(phrases: Iterable[str]) -> str:
    """An alternation of whole-word phrases in the order given; a space matches any blank run."""
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)


# ----------------------------------------------------------------------------------------------
# Loading
# ----------------------------------------------------------------------------------------------
def _shipped_root() -> Traversable:
    """The packaged `checker.rules`; from a source checkout that is not installed, the repo's rules/.
    Installed as files (the usual case) it is the folder beside this module, found without importing
    `importlib.resources` (with its readers and zipfile, ~3 ms of a start)."""
    beside = Path(__file__).parent / "rules"
    if (beside / "__init__.py").is_file():
        return beside
    from importlib import resources

    try:
        return resources.files("checker.rules")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "rules"


def _read_toml(source: Traversable | Path, display: str) -> dict[str, Any]:
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise RuleDataError(display, "<file>", f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleDataError(display, "<file>", f"not UTF-8 (byte {exc.start})") from None
    try:  # imported here: a run whose rule data come from the cache parses no TOML
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10 with the tomli backport
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        # parse_float=Decimal: "2.5" stays exactly 2.5 (scores are compared for equality).
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise RuleDataError(display, _syntax_field(text, str(exc)), f"TOML syntax error: {exc}") from None


def _syntax_field(text: str, message: str) -> str:
    """Best guess of the key a TOML syntax error is about: "criteria.cap (line 12)"."""
    m = re.search(r"line (\d+)", message)
    if not m:
        return "<syntax>"
    line_no = int(m.group(1))
    lines = text.splitlines()
    table = ""
    for line in lines[: line_no - 1]:
        h = re.match(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?", line)
        if h:
            table = h.group(1)
    key = ""
    if 0 < line_no <= len(lines):
        k = re.match(r'^\s*([A-Za-z0-9_."-]+)\s*=', lines[line_no - 1])
        key = k.group(1) if k else ""
    name = ".".join(x for x in (table, key) if x)
    return f"{name} (line {line_no})" if name else f"line {line_no}"


def _validate(model: type[T], data: dict[str, Any], display: str) -> T:
    """`data` checked by the pydantic model of the same name (checker/ruledata_schema.py) and returned as
    an instance of `model`, the plain class the rules read. pydantic is imported here only: a run whose
    rule data comes from the cache never imports it."""
    from checker.ruledata_schema import validate

    return validate(model.__name__, data, display)


def _display(source: Traversable | Path, shipped_sub: str | None) -> str:
    return f"rules/{shipped_sub}{source.name}" if shipped_sub is not None else str(source)


def _inputs(files: list[Traversable | Path]) -> list[bytes]:
    """What a cached result of the shipped files depends on: this module's code (the models a pickle
    is read back into: a field added without a version bump must not meet an old pickle), and each
    file's name and bytes (an unreadable file gives b"" here and its own clear error when read)."""
    out: list[bytes] = [_own_code()]
    for f in files:
        out.append(f.name.encode())
        try:
            out.append(f.read_bytes())
        except OSError:
            out.append(b"")
    return out


def _cached_files(kind: str, files: list[Traversable | Path], build: Callable[[], T]) -> T:
    """`build()` of the shipped `files`, kept in the cache (`checker.cache.cached`): found by the stat
    of the files and of this module's code while none changed, else by the hash of `_inputs(files)`."""
    watched: list[Path] | None = None
    if all(isinstance(f, Path) for f in files):
        watched = [*_own_code_files(), *files]  # type: ignore[list-item]
    return cached(kind, lambda: _inputs(files), build, files=watched)


def _own_code_files() -> list[Path]:
    """The files of `_own_code`: this module and its validator."""
    here = Path(__file__)
    return [here, here.with_name("ruledata_schema.py")]


@functools.lru_cache(maxsize=1)
def _own_code() -> bytes:
    """This module (the classes a pickle is read back into) and its validator (what it accepts)."""
    try:
        return b"".join(f.read_bytes() for f in _own_code_files())
    except OSError:  # a zipped or frozen install: the package version still guards the cache
        return b""


def _toml_files(folder: Traversable | Path) -> list[Traversable | Path]:
    if not folder.is_dir():
        return []
    return sorted(
        (f for f in folder.iterdir() if f.name.endswith(".toml") and f.is_file()), key=lambda f: f.name
    )


# -- doctypes / registry --------------------------------------------------------------------------
def _load_doctypes_from(source: Traversable | Path, display: str) -> DocTypes:
    return _validate(DocTypes, _read_toml(source, display), display)


@functools.lru_cache(maxsize=1)
def _shipped_doctypes() -> DocTypes:
    f = _shipped_root().joinpath("doctypes.toml")
    return _cached_files("doctypes", [f], lambda: _load_doctypes_from(f, "rules/doctypes.toml"))


def load_doctypes(path: Path | None = None) -> DocTypes:
    """The shipped doctypes.toml (cached), or the given file."""
    if path is None:
        return _shipped_doctypes()
    return _load_doctypes_from(Path(path), str(path))


@functools.lru_cache(maxsize=1)
def _shipped_registry() -> Registry:
    f = _shipped_root().joinpath("registry.toml")
    return _cached_files(
        "registry", [f], lambda: _validate(Registry, _read_toml(f, "rules/registry.toml"), "rules/registry.toml")
    )


def load_registry(path: Path | None = None) -> Registry:
    """The shipped registry.toml (cached), or the given file."""
    if path is None:
        return _shipped_registry()
    return _validate(Registry, _read_toml(Path(path), str(path)), str(path))


# -- frameworks -------------------------------------------------------------------------------------
def _load_framework(source: Traversable | Path, display: str) -> Framework:
    stem = source.name[: -len(".toml")] if source.name.endswith(".toml") else source.name
    data = _read_toml(source, display)
    data.setdefault("id", stem)
    fw: Framework = _validate(Framework, data, display)
    if fw.id != stem:
        # --framework NAME and the JSON report use the id; the file name is what users see.
        raise RuleDataError(display, "id", f"is {fw.id!r} but must equal the file name {stem!r}")
    return fw


def load_framework_file(path: Path) -> Framework:
    path = Path(path)
    return _load_framework(path, str(path))


# Keys that make a .toml a framework: a reviewer's folder may also hold other TOML (a baocao-lint.toml,
# notes); those are skipped with a note instead of failing the whole run on "name: Field required".
FRAMEWORK_MARKERS = frozenset({"name", "source", "criteria", "criteria_count", "bands", "total_max", "recognise"})
# (file, reason) of every .toml skipped in a framework folder this process; `frameworks` lists them
SKIPPED_FRAMEWORK_FILES: list[tuple[str, str]] = []


def _load_framework_dir(folder: Traversable | Path, shipped_sub: str | None) -> dict[str, Framework]:
    out: dict[str, Framework] = {}
    for f in _toml_files(folder):
        display = _display(f, shipped_sub)
        if shipped_sub is None and not FRAMEWORK_MARKERS & set(_read_toml(f, display)):
            note = (display, "không phải khung chấm điểm (không có name, source, criteria hay bands): bỏ qua")
            if note not in SKIPPED_FRAMEWORK_FILES:
                SKIPPED_FRAMEWORK_FILES.append(note)
            continue
        fw = _load_framework(f, display)
        out[fw.id] = fw
    return out


@functools.lru_cache(maxsize=1)
def _shipped_frameworks() -> dict[str, Framework]:
    folder = _shipped_root().joinpath("frameworks")
    return _cached_files("frameworks", _toml_files(folder), lambda: _load_framework_dir(folder, "frameworks/"))


def _extra_dir(folder: Path | str) -> Path:
    path = Path(folder)
    if not path.is_dir():  # a mistyped folder must not silently mean "no extra rules"
        raise RuleDataError(str(path), "<folder>", "not a folder")
    return path


def load_frameworks(extra_dirs: Sequence[Path] = ()) -> dict[str, Framework]:
    """Shipped frameworks, then each extra folder in turn; a later file with the same id replaces."""
    out = dict(_shipped_frameworks())
    for folder in extra_dirs:
        out.update(_load_framework_dir(_extra_dir(folder), None))
    return out


def detect_framework(
    text: str, frameworks: dict[str, Framework], day: datetime.date | None = None, lowered: str | None = None
) -> Framework | None:
    """The first framework one of whose recognise.patterns occurs in `text`; never the generic one.
    With the report's date, a framework not in force on that day (`valid_from`/`valid_to`) is passed over.
    `lowered`: `source.lower(text)` of an NFC `text`, when the caller has it (a whole report: no copy)."""
    if lowered is None:
        text = unicodedata.normalize("NFC", text)
        lowered = lower(text)
    for fw in frameworks.values():
        if fw.caps_from_table or fw.id == "generic":
            continue
        if day is not None and not fw.valid_on(day):
            continue
        for p in fw.recognise.patterns:
            # a pattern needing "274" cannot match a text without it: one `in` instead of a search
            # (and searched for only where one of the literals it starts with stands)
            if all(lit in lowered for lit in required_literals(p)) and search_led(
                compile_pattern(p), leading_literals(p), text, lowered
            ):
                return fw
    return None


# -- templates --------------------------------------------------------------------------------------
def _load_template(source: Traversable | Path, display: str) -> Template:
    stem = source.name[: -len(".toml")] if source.name.endswith(".toml") else source.name
    data = _read_toml(source, display)
    data.setdefault("id", stem)
    tpl: Template = _validate(Template, data, display)
    if tpl.id != stem:
        raise RuleDataError(display, "id", f"is {tpl.id!r} but must equal the file name {stem!r}")
    return tpl


def _load_template_dir(
    folder: Traversable | Path, shipped_sub: str | None
) -> dict[str, tuple[Template, str]]:
    out: dict[str, tuple[Template, str]] = {}
    for f in _toml_files(folder):
        display = _display(f, shipped_sub)
        tpl = _load_template(f, display)
        out[tpl.id] = (tpl, display)
    return out


def _resolve_extends(raw: dict[str, tuple[Template, str]]) -> dict[str, Template]:
    resolved: dict[str, Template] = {}

    def resolve(tid: str, chain: tuple[str, ...]) -> Template:
        if tid in resolved:
            return resolved[tid]
        tpl, display = raw[tid]
        if tpl.extends is None:
            resolved[tid] = tpl
            return tpl
        if tpl.extends not in raw:
            raise RuleDataError(display, "extends", f"unknown template {tpl.extends!r}")
        if tpl.extends in chain:
            raise RuleDataError(display, "extends", "circular: " + " -> ".join((*chain, tid, tpl.extends)))
        base = resolve(tpl.extends, (*chain, tid))
        own = {p.id: p for p in tpl.parts}
        # Base parts first, in their order; a child part with the same id replaces the base one.
        parts = [own.pop(p.id, p) for p in base.parts] + [p for p in tpl.parts if p.id in own]
        resolved[tid] = dataclasses.replace(tpl, parts=parts)
        return resolved[tid]

    return {tid: resolve(tid, ()) for tid in raw}


@functools.lru_cache(maxsize=1)
def _shipped_templates_raw() -> dict[str, tuple[Template, str]]:
    folder = _shipped_root().joinpath("templates")
    return _cached_files("templates", _toml_files(folder), lambda: _load_template_dir(folder, "templates/"))


@functools.lru_cache(maxsize=1)
def _shipped_templates() -> dict[str, Template]:
    return _resolve_extends(_shipped_templates_raw())


def load_templates(extra_dirs: Sequence[Path] = ()) -> dict[str, Template]:
    """Shipped templates plus extra folders (later ones replace the same id), with `extends` resolved."""
    if not extra_dirs:
        return dict(_shipped_templates())
    raw = dict(_shipped_templates_raw())
    for folder in extra_dirs:
        raw.update(_load_template_dir(_extra_dir(folder), None))
    return _resolve_extends(raw)


def select_template(
    title: str, kind: str, templates: dict[str, Template], doctype: DocKind | None = None
) -> Template:
    """The template for a document of this system (`kind`: state, party, else unknown) and type.

    First a specialisation chosen by topic: the highest-priority template whose kind fits, whose
    `doctypes` name this document's type (any type when the type is unknown) and one of whose
    title_patterns occurs in `title`; ties go to the template listed first (file-name order).
    Else the template the type names in rules/kinds.toml; else the common frame "admin-frame".
    """
    title = unicodedata.normalize("NFC", title)
    best: Template | None = None
    for tpl in templates.values():
        if tpl.kind != "any" and tpl.kind != kind:
            continue
        if not tpl.title_patterns or not any(compile_pattern(p).search(title) for p in tpl.title_patterns):
            continue
        if doctype is not None and tpl.doctypes and doctype.id not in tpl.doctypes:
            continue
        if best is None or tpl.priority > best.priority:
            best = tpl
    if best is not None:
        return best
    if doctype is not None and doctype.template in templates:
        own = templates[doctype.template]
        if own.kind in ("any", kind):
            return own
    if "admin-frame" not in templates:
        raise RuleDataError("rules/templates/admin-frame.toml", "<file>", "the fallback template is missing")
    return templates["admin-frame"]


def iter_patterns(obj: Template | Framework | DocTypes) -> Iterable[str]:
    """Every regex of a loaded object (for tests and `baocao-lint rules`)."""
    if isinstance(obj, Template):
        yield from obj.title_patterns
        yield obj.criterion_pattern
        for part in obj.parts:
            yield from part.patterns
    elif isinstance(obj, Framework):
        yield from obj.recognise.patterns
    else:
        yield from obj.party_issuer_patterns


# -- lexicon ----------------------------------------------------------------------------------------
def _load_lexicon_dir(folder: Traversable | Path, shipped_sub: str | None) -> Lexicon:
    files = {f.name[: -len(".toml")]: f for f in _toml_files(folder)}
    for stem, f in files.items():
        if stem not in LEXICON_FILES:
            raise RuleDataError(
                _display(f, shipped_sub), "<file>", f"unknown lexicon file; expected one of {', '.join(sorted(LEXICON_FILES))}"
            )
    parts: dict[str, Any] = {}
    for stem, field_name in LEXICON_FILES.items():
        if stem not in files:
            where = f"rules/{shipped_sub}{stem}.toml" if shipped_sub is not None else str(Path(str(folder)) / f"{stem}.toml")
            raise RuleDataError(where, "<file>", "missing: every lexicon file is needed by a rule")
        display = _display(files[stem], shipped_sub)
        parts[field_name] = _validate(globals()[LEXICON_TYPES[field_name]], _read_toml(files[stem], display), display)
    return Lexicon(**parts)


@functools.lru_cache(maxsize=1)
def _shipped_lexicon() -> Lexicon:
    folder = _shipped_root().joinpath("lexicon")
    return _cached_files("lexicon", _toml_files(folder), lambda: _load_lexicon_dir(folder, "lexicon/"))


def load_lexicon() -> Lexicon:
    """The vocabulary of rules/lexicon/*.toml (cached): function words, abbreviations, issuer names, …"""
    return _shipped_lexicon()


_DERIVED: list[Any] = []  # values built once from the rule data (compiled patterns, sets): see from_rule_data


def from_rule_data(build: Callable[[], T]) -> Callable[[], T]:
    """Decorate a no-argument function that builds a value from the rule data (a pattern compiled from
    the lexicon): it runs once, and again after `reset_caches()`."""
    once = functools.lru_cache(maxsize=1)(build)
    _DERIVED.append(once)
    return once


def reset_caches() -> None:
    """Forget the shipped rule data and every value built from it, so the next call reads `rules/` again
    (tests point `_shipped_root` at an edited copy; a long-running process could reload)."""
    from checker import source

    for loader in (_shipped_doctypes, _shipped_registry, _shipped_frameworks, _shipped_templates_raw, _shipped_lexicon):
        loader.cache_clear()
    for once in _DERIVED:
        once.cache_clear()
    source.clear_fold_cache()


__all__ = [
    "END_LINES",
    "HEADER_LINES",
    "Band",
    "Criterion",
    "DocType",
    "DocKind",
    "DocKinds",
    "DocTypes",
    "Framework",
    "IssuerCode",
    "Recognise",
    "Registry",
    "RegistryEntry",
    "RuleDataError",
    "SubItem",
    "Template",
    "TemplatePart",
    "UncodedType",
    "clean_line",
    "compile_pattern",
    "detect_framework",
    "load_doctypes",
    "load_framework_file",
    "load_frameworks",
    "load_kinds",
    "load_registry",
    "load_templates",
    "locate_parts",
    "select_template",
    "symbol_key",
    "word_key",
    "Lexicon",
    "load_lexicon",
    "from_rule_data",
    "phrase_pattern",
    "reset_caches",
    "zone",
]
