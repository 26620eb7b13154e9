"""Quantities in prose and the relations Vietnamese reports write between them (issue 12).

A `Figure` is a written count: its value (Decimal, with the decimals the writer gave), the head noun it
counts (`lớp`, `đảng viên`, `đơn`) and the qualifier words around it (`cấp tỉnh`, `nữ`, `đã giải quyết`).
The relations found here are:

- `breakdowns`: a total and its parts without brackets — `14 lớp, gồm 6 lớp cấp tỉnh và 7 lớp cấp huyện`,
  `95 đảng viên, trong đó nam 60, nữ 30` (bracketed breakdowns are SL001's first form);
- `remainders`: `tiếp nhận 150 đơn, đã giải quyết 120 đơn, còn lại 25 đơn`;
- `changes`: `giảm 12 hộ so với năm trước (từ 140 xuống 126)`;
- `shares`: `toàn huyện có 512 chi bộ … 388 chi bộ đạt … (chiếm 74,8%)`;
- `plan shares`: `thu 45 tỷ đồng, đạt 90% kế hoạch 50 tỷ đồng` (a share of a target written beside it).

Each relation is found only where its marker word stands (a cheap `in`/anchor pre-scan), inside one
sentence, and only when its structure is certain: parts count the same head noun as the total, no
percentage, no year, one figure per part. Whether a breakdown is the whole is judged from structure
(`rules/partitions.toml`: qualifiers that split a count with no overlap), not from the marker word.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from checker.cache import cached
from checker.numbers import NUMBER, Quantity, quantity, sum_agrees
from checker.scan import NUMBER_STARTS, exotic_case, finditer_literals, occurrences_of_any
from checker.source import lower

NUM = NUMBER
_WORD = r"[^\W\d_]+"
# A figure: not part of a symbol, a date, a ratio or a longer number; not a percentage.
_FIGURE = re.compile(rf"(?<![\w.,/-])(?P<num>{NUM})(?![\w/%]|[.,]\d|[ ]?%|[/-]\d)")
# Words before a number that make it a name, not a count ("năm 2023", "Điều 5", "lớp 10").
_NAME_BEFORE = re.compile(
    r"(?:năm|ngày|tháng|quý|số|điều|khoản|mục|phần|lớp|khóa|khoá|thôn|tổ|đội|khu|giai\s+đoạn|nhiệm\s+kỳ|"
    r"phụ\s+lục|trang|kỳ|lần\s+thứ|thứ|top|hạng|chương|quyết\s+định|nghị\s+định|nghị\s+quyết|kế\s+hoạch|"
    r"thông\s+tư|chỉ\s+thị|kết\s+luận|công\s+văn|luật)[ \t]*:?[ \t]*$",
    re.IGNORECASE,
)
_TOTAL_BEFORE = re.compile(r"tổng[ \t]+số[ \t]*(?:là[ \t]*)?:?[ \t]*$", re.IGNORECASE)
# Nouns that measure time or are units where "parts" of a total do not add (ages, years).
_NOT_COUNTS = {"năm", "tháng", "ngày", "giờ", "phút", "tuổi", "lần", "%", "điểm"}
# Scale words: "1,2 tỷ đồng" — the head noun is the scale plus the unit.
_SCALES = {"tỷ", "triệu", "nghìn", "ngàn", "trăm"}
# Words that are no head noun: a part written "nam 60, nữ 30" has none after its number.
_FUNCTION = {
    "và", "với", "của", "là", "có", "đã", "được", "trong", "đó", "gồm", "bao", "cụ", "thể", "chia", "ra",
    "còn", "lại", "so", "từ", "xuống", "lên", "tăng", "giảm", "đạt", "chiếm", "tại", "ở", "theo", "người",
}


@dataclass(frozen=True, slots=True)
class Figure:
    """One count written in the text (offsets into `SourceText.text`)."""

    value: Decimal
    decimals: int
    text: str
    start: int
    end: int
    noun: str  # head noun after the number, lower case ("lớp", "đảng viên", "tỷ đồng"), "" if none
    before: str  # the words of the clause before the number, lower case ("trong đó nam", "đã giải quyết")
    after: str  # the words after the noun up to the next separator, lower case ("cấp tỉnh")


def _fold(s: str) -> str:
    return unicodedata.normalize("NFC", s).lower()


_CLAUSE_SEP = re.compile(r"[,;:()]|\svà\s")
_WORDS_AFTER = re.compile(rf"(?:[ ]+(?:{_WORD}))*")
_WORD_AFTER = re.compile(r"[ ]+" + _WORD)


def _figures_in(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """`_FIGURE.finditer(text, start, end)`, tried only at the number starts (a figure starts at a
    digit after no [\\w.,/-], a number start's condition and more): led by a lookbehind, `_FIGURE`
    is tried at every character of the sentence, `NUMBER_STARTS` jumps between digits in C."""
    match = _FIGURE.match
    last = start
    for n in NUMBER_STARTS.finditer(text, start, end):
        at = n.start()
        if at < last:
            continue
        m = match(text, at, end)
        if m is not None:
            yield m
            last = m.end()


def figures(text: str, start: int, end: int) -> list[Figure]:
    """The counts in text[start:end] (a sentence): no names ("năm 2023"), no percentages, no years."""
    out: list[Figure] = []
    seps: list[int] | None = None  # ends of the clause separators of the sentence, found at the first figure
    for m in _figures_in(text, start, end):
        counted = _counted(text, m, start, end)
        if counted is None:
            continue
        if seps is None:
            seps = _clause_ends(text, start, end)
        out.append(_made(text, m, start, counted, seps))
    return out


def last_figure(text: str, start: int, end: int) -> Figure | None:
    """`figures(text, start, end)[-1]`, or None when there is none, read from the end (a total before
    its breakdown's intro word is the last count of the words before it; the counts before it are
    not made). A figure is one number, so no match of `_FIGURE` holds another number start: the
    figures are the matches at the number starts, whichever way they are read."""
    for at in reversed([n.start() for n in NUMBER_STARTS.finditer(text, start, end)]):
        m = _FIGURE.match(text, at, end)
        if m is None:
            continue
        counted = _counted(text, m, start, end)
        if counted is not None:
            return _made(text, m, start, counted, _clause_ends(text, start, end))
    return None


def _counted(text: str, m: re.Match[str], start: int, end: int) -> tuple[Quantity, str, str] | None:
    """(the quantity, its head noun, the words after it) of a figure of text[start:end] that counts
    something; None for a name ("năm 2023", "Điều 5") or a bare year."""
    lead = text[max(start, m.start() - 24) : m.start()]
    if _NAME_BEFORE.search(lead) and not _TOTAL_BEFORE.search(lead):
        return None  # "năm 2023", "Điều 5" name things; "tổng số 95" counts
    q = quantity(m.group("num"))
    if q is None:
        return None
    if q.decimals == 0 and 1900 <= q.value <= 2100 and not _WORD_AFTER.match(text, m.end(), end):
        return None  # a bare year
    words = _WORDS_AFTER.match(text, m.end(), end).group()  # type: ignore[union-attr] - the words up to the next mark
    noun, after = _split_noun(words.split())
    return q, noun, after


def _clause_ends(text: str, start: int, end: int) -> list[int]:
    """Ends of the clause separators of text[start:end]."""
    return [s.end() for s in _CLAUSE_SEP.finditer(text, start, end)]


def _made(text: str, m: re.Match[str], start: int, counted: tuple[Quantity, str, str], seps: list[int]) -> Figure:
    q, noun, after = counted
    # the clause before the number: after the last separator before it (a separator holds no
    # digit, so the sentence's separators ending before the number are those of the text before it)
    k = bisect.bisect_right(seps, m.start())
    clause = text[seps[k - 1] if k else start : m.start()]
    return Figure(
        value=q.value,
        decimals=q.decimals,
        text=m.group("num"),
        start=m.start(),
        end=m.end(),
        noun=noun,
        before=_fold(clause).strip(),
        after=after,
    )


def _split_noun(words: list[str]) -> tuple[str, str]:
    """("lớp", "cấp tỉnh") from ["lớp", "cấp", "tỉnh"]; a scale takes its unit ("tỷ đồng")."""
    low = [_fold(w) for w in words]
    if not low or low[0] in _FUNCTION:
        return "", " ".join(low)
    if low[0] in _SCALES and len(low) > 1:
        return " ".join(low[:2]), " ".join(low[2:])
    if len(low) > 1 and low[:2] in (["đảng", "viên"], ["hội", "nghị"], ["cán", "bộ"], ["học", "sinh"]):
        return " ".join(low[:2]), " ".join(low[2:])  # two-syllable heads a report counts often
    return low[0], " ".join(low[1:])


# -- partitions (rules/partitions.toml) -------------------------------------------------------------------
@dataclass
class Partition:
    """A named set of groups that divide a whole (rules/partitions.toml), their names folded."""
    name: str
    members: list[str]  # folded and stripped
    note: str = ""


def _validated_partitions(raw: str) -> tuple[Partition, ...]:
    """rules/partitions.toml validated by pydantic (imported only here: the result is cached)."""
    from pydantic import BaseModel, Field, ValidationError, field_validator

    try:
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10 with the tomli backport
        import tomli as tomllib  # type: ignore[no-redef]

    class PartitionModel(BaseModel):
        name: str
        members: list[str] = Field(min_length=2)
        note: str = ""

        @field_validator("members")
        @classmethod
        def _nfc(cls, v: list[str]) -> list[str]:
            return [_fold(m).strip() for m in v]

    class PartitionFile(BaseModel):
        partitions: list[PartitionModel]

    try:
        parsed = PartitionFile.model_validate(tomllib.loads(raw))
    except (ValidationError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"rules/partitions.toml: {exc}") from exc
    return tuple(Partition(name=p.name, members=p.members, note=p.note) for p in parsed.partitions)


@functools.lru_cache(maxsize=1)
def partitions() -> tuple[Partition, ...]:
    """The groups of rules/partitions.toml, validated; a bad file names itself and the field."""
    from checker.ruledata import _shipped_root

    source = _shipped_root().joinpath("partitions.toml")

    def inputs() -> list[bytes]:
        try:
            code = Path(__file__).read_bytes()  # the validator: changed code, new cache entry
        except OSError:
            code = b""
        return [code, source.read_bytes()]

    # found by the two files' stats while they are unchanged (checker/cache.py), else by their bytes
    watched = [Path(__file__), source] if isinstance(source, Path) else None
    return cached("partitions", inputs, lambda: _validated_partitions(source.read_bytes().decode("utf-8")),
                  files=watched)


def member_of(qualifier: str) -> tuple[int, str] | None:
    """(index of the group, member) when the qualifier starts with a member of one group."""
    q = _fold(qualifier).strip()
    for i, group in enumerate(partitions()):
        for member in group.members:
            if q == member or q.startswith(member + " "):
                return i, member
    return None


# -- relations ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Breakdown:
    """A total and the parts the text says it is made of."""
    total: Figure
    parts: tuple[Figure, ...]
    complete: bool  # the parts are the whole: their sum must equal the total
    disjoint: bool  # the parts do not overlap: their sum may not exceed the total


_INTRO = re.compile(
    r",?[ \t]*(?P<intro>trong[ \t]+đó(?:[ \t]+có)?|bao[ \t]+gồm|gồm(?:[ \t]+có)?|cụ[ \t]+thể(?:[ \t]+là)?|chia[ \t]+ra)"
    r"[ \t]*:?[ \t]*",
    re.IGNORECASE,
)
_INTRO_WORDS = ("trong đó", "gồm", "cụ thể", "chia ra")


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around pos: from after the last '.', '!', '?' or line break to the next one (a '.'
    between digits is a thousands mark, not an end). Each end is found with `find`/`rfind` inside the
    line, each mark's nearest place kept until it is passed (a loop over the characters cost ~30 µs a
    sentence; looking for every mark again after each thousands mark was quadratic in a line of figures)."""
    line_start = text.rfind("\n", 0, pos) + 1
    start = line_start
    before = {c: text.rfind(c, line_start, pos) for c in ".!?"}
    while True:
        mark = max(before, key=before.__getitem__)
        k = before[mark]
        if k < 0:
            break
        if not (k >= 1 and text[k - 1].isdigit() and text[k + 1 : k + 2].isdigit()):
            start = k + 1
            break
        before[mark] = text.rfind(mark, line_start, k)  # a thousands mark: look further back
    n = len(text)
    line_end = text.find("\n", pos)
    line_end = n if line_end < 0 else line_end
    end = line_end
    after = {c: text.find(c, pos, line_end) for c in ".!?"}
    while True:
        found = [k for k in after.values() if k >= 0]
        if not found:
            break
        k = min(found)
        if not (k > 0 and text[k - 1].isdigit() and k + 1 < n and text[k + 1].isdigit()):
            end = k
            break
        mark = text[k]
        after[mark] = text.find(mark, k + 1, line_end)
    return start, end


def breakdown_at(text: str, intro: re.Match[str], sent: tuple[int, int]) -> Breakdown | None:
    """The total right before an intro word and the parts after it, or None when unsure."""
    s_start, s_end = sent
    if text.count("(", s_start, intro.start()) > text.count(")", s_start, intro.start()):
        return None  # inside brackets: SL001's first form judges those
    total = last_figure(text, s_start, intro.start())
    if total is None:
        return None
    between = text[total.end : intro.start()]
    if len(between) > 80 or not total.noun or total.noun in _NOT_COUNTS or re.search(r"[;:%]", between):
        return None
    # the parts: up to the end of the sentence (or a bracket or a colon that opens something else)
    tail_end = s_end
    for stop in ("(", ":"):
        k = text.find(stop, intro.end(), s_end)
        if k >= 0:
            tail_end = min(tail_end, k)
    if "%" in text[intro.end() : tail_end]:
        return None
    parts = figures(text, intro.end(), tail_end)
    if len(parts) < 2:
        return None
    items = parse_parts(text, intro.end(), tail_end)
    if items is None:
        return None  # an item with two numbers, a dash, a quotation: not a plain list of parts
    counted = [item for item in items if item.figure_start is not None]
    if [item.figure_start for item in counted] != [p.start for p in parts]:
        return None  # a figure the list holds is a name ("lớp 10", "năm 2023"): not a plain breakdown
    uncounted = len(counted) != len(items)  # "… và các xã còn lại": a part the writer did not count
    for p in parts:
        if p.noun and p.noun != total.noun:
            return None  # a part counts something else ("14 lớp, gồm 320 học viên")
    quals = [_item_qualifier(item, p) for item, p in zip(counted, parts)]
    if any(not p.noun and not member_of(q) for p, q in zip(parts, quals)):
        return None  # "nam 60": a part without a noun must at least name a member of a partition
    groups = [member_of(q) if q else None for q in quals]
    same_group = all(g is not None for g in groups) and len({g[0] for g in groups if g}) == 1
    members = {g[1] for g in groups if g}
    whole_group = same_group and len(members) == len(parts) and members == set(partitions()[groups[0][0]].members)
    distinct = len(set(quals)) == len(quals) and all(quals)
    word = _fold(intro.group("intro"))
    subset_intro = word.startswith("trong")
    complete = not uncounted and (whole_group or (not subset_intro and distinct and len(parts) >= 2))
    disjoint = complete or (same_group and len(members) == len(parts))
    return Breakdown(total=total, parts=tuple(parts), complete=complete, disjoint=disjoint)


@dataclass(frozen=True, slots=True)
class PartItem:
    """One item of a parsed list of parts (grammar/breakdown.lark): the words before its figure, the
    figure's offset in the text (None for an item the writer did not count) and the words after it."""

    before: tuple[str, ...]
    figure_start: int | None
    after: tuple[str, ...]


def parse_parts(text: str, start: int, end: int) -> list[PartItem] | None:
    """The items of text[start:end], the span after a breakdown's intro word, parsed by the Lark grammar;
    None when the span is no plain list (the pre-scan found the span, the grammar judges its structure)."""
    from checker.parsers import ParseError, parser

    try:
        tree = parser("breakdown").parse(text[start:end])
    except ParseError:
        return None
    out: list[PartItem] = []
    for node in tree.children:
        if node.data == "rest":
            out.append(PartItem(tuple(_fold(t) for t in node.children[0].children), None, ()))
            continue
        before: tuple[str, ...] = ()
        after: tuple[str, ...] = ()
        fig: int | None = None
        for child in node.children:
            words = tuple(_fold(t) for t in child.children)
            if child.data == "figure":
                fig = start + child.children[0].start_pos
            elif fig is None:
                before = words
            else:
                after = words
        out.append(PartItem(before, fig, after))
    return out


def _item_qualifier(item: PartItem, p: Figure) -> str:
    """What sets a part apart: the words after its noun, or for "nam 60" the words before the number."""
    after = list(item.after)
    noun = p.noun.split()
    if noun and after[: len(noun)] == noun:
        after = after[len(noun) :]
    if after:
        return " ".join(after)
    before = " ".join(item.before)
    return re.sub(r"^(?:có|là)\s+", "", before).strip()


def sums_to(parts: tuple[Figure, ...] | list[Figure], total: Figure) -> bool:
    """The interval rule over a sum: each written figure stands for a value within half its last unit,
    so the parts may miss the total by the sum of those halves (rounded parts, rounded total)."""
    return sum_agrees([(p.value, p.decimals) for p in parts], (total.value, total.decimals))


@dataclass(frozen=True, slots=True)
class Remainder:
    """A whole, the part taken from it and what the text says is left."""
    whole: Figure
    taken: Figure
    left: Figure


_LEFT = re.compile(r"còn[ \t]+lại[ \t]*:?[ \t]*", re.IGNORECASE)


def remainder_at(text: str, left: re.Match[str], sent: tuple[int, int]) -> Remainder | None:
    """`150 đơn, đã giải quyết 120 đơn, còn lại 25 đơn`: exactly two counts of the same noun before
    "còn lại" in the sentence and one right after it."""
    s_start, s_end = sent
    before = figures(text, s_start, left.start())
    after = figures(text, left.end(), s_end)
    if len(before) != 2 or not after or after[0].start - left.end() > 2:
        return None
    whole, taken, rest = before[0], before[1], after[0]
    nouns = {whole.noun, taken.noun, rest.noun}
    if len(nouns) != 1 or not whole.noun or whole.noun in _NOT_COUNTS:
        return None
    if "%" in text[s_start:s_end] or re.search(r"\b(?:tăng|giảm|so\s+với)\b", text[s_start:s_end], re.I):
        return None  # a change or a share, not a remainder
    if not taken.value < whole.value:
        return None
    return Remainder(whole=whole, taken=taken, left=rest)


@dataclass(frozen=True, slots=True)
class Change:
    """A rise or fall the text states, from an old figure to a new one by an amount."""
    direction: str  # "tăng" | "giảm"
    amount: Figure
    old: Figure
    new: Figure
    written: str  # "xuống" | "lên"


_CHANGE = re.compile(
    rf"(?P<dir>tăng|giảm)(?:[ \t]+thêm)?[ \t]+(?P<amount>{NUM})(?![\d%]|[ ]?%|[.,]\d)(?P<mid>[^.;%\n]{{0,80}}?)"
    rf"từ[ \t]+(?:mức[ \t]+)?(?P<old>{NUM})(?P<oldunit>[ \t]+{_WORD}(?:[ \t]+{_WORD})?)?[ \t]+(?P<to>xuống|lên)"
    rf"[ \t]+(?:còn[ \t]+|mức[ \t]+)?(?P<new>{NUM})(?![\d%]|[ ]?%|[.,]\d)",
    re.IGNORECASE,
)
_CHANGE_VERBS = ("tăng", "giảm")  # where `_CHANGE` can start, lower-cased


def change_at(text: str, m: re.Match[str]) -> Change | None:
    """`giảm 12 hộ so với năm trước (từ 140 xuống 126)` and its phrasings; None when unsure."""
    amount, old, new = (quantity(m.group(k)) for k in ("amount", "old", "new"))
    if amount is None or old is None or new is None:
        return None
    scale = re.match(rf"[ \t]*({_WORD})", m.group("mid"))
    old_scale = re.match(rf"[ \t]*({_WORD})", m.group("oldunit") or "")
    if scale and _fold(scale.group(1)) in _SCALES and not (
        old_scale and _fold(old_scale.group(1)) == _fold(scale.group(1))
    ):
        return None  # "tăng 1,5 nghìn, từ 15.400 lên 16.900": the amount is in another scale
    if re.search(r"\d", re.sub(r"(?:năm|kỳ)[ \t]+(?:19|20)\d{2}", "", m.group("mid"), flags=re.I)):
        return None  # another figure between the change and its "từ … xuống …"

    def fig(key: str, q) -> Figure:
        return Figure(q.value, q.decimals, m.group(key), m.start(key), m.end(key), "", "", "")

    return Change(
        direction=_fold(m.group("dir")),
        amount=fig("amount", amount),
        old=fig("old", old),
        new=fig("new", new),
        written=_fold(m.group("to")),
    )


def change_candidates(text: str, start: int = 0, lowered: str | None = None) -> list[re.Match[str]]:
    """Where `_CHANGE` matches: only in a text where "xuống" or "lên" stands (cheap pre-scan), and only
    tried where its verb stands (`lowered`: `source.lower(text)`, computed when not given)."""
    if "xuống" not in text and "lên" not in text:
        return []
    return list(finditer_literals(_CHANGE, _CHANGE_VERBS, text, lowered or lower(text), start))


def intro_candidates(lowered: str) -> list[int]:
    """Offsets of the intro words (in the lower-cased text, same offsets)."""
    return occurrences_of_any(lowered, _INTRO_WORDS)


def intro_match(text: str, pos: int) -> re.Match[str] | None:
    """The intro marker starting at (or right before, for its comma) pos."""
    back = pos - 1 if pos > 0 and text[pos - 1] == "," else pos
    while back > 0 and text[back - 1] in " \t,":
        back -= 1
    return _INTRO.match(text, back) or _INTRO.match(text, pos)


def left_candidates(text: str, lowered: str | None = None) -> list[re.Match[str]]:
    """Where `_LEFT` matches (`lowered` as for `change_candidates`)."""
    if exotic_case(text):  # lower-cased offsets would miss a match: the plain scan
        return list(_LEFT.finditer(text)) if "còn lại" in text.lower() else []
    lowered = lowered or lower(text)
    if "còn lại" not in lowered:
        return []
    return list(finditer_literals(_LEFT, ("còn",), text, lowered))


@dataclass(frozen=True, slots=True)
class Share:
    """A percentage the text gives of a part in a total."""
    part: Figure
    total: Figure
    percent: Decimal
    decimals: int
    percent_text: str
    percent_start: int
    percent_end: int


_SHARE = re.compile(
    r"chiếm[ \t]+(?:tỷ[ \t]+lệ[ \t]+|tỉ[ \t]+lệ[ \t]+)?(?P<pct>\d{1,3}(?:,\d+)?)[ \t]?%",
    re.IGNORECASE,
)
# A total the writer announces: "tổng số 512 chi bộ", "toàn huyện có 512 chi bộ", "có 512 chi bộ, trong đó"
_ANNOUNCED = re.compile(r"(?:tổng[ \t]+số|toàn[ \t]+[^\W\d_]+(?:[ \t]+[^\W\d_]+)?[ \t]+có|trên[ \t]+tổng[ \t]+số)[ \t]*:?[ \t]*$", re.I)


def share_candidates(text: str, lowered: str | None = None) -> list[re.Match[str]]:
    """Where `_SHARE` matches (`lowered` as for `change_candidates`)."""
    if exotic_case(text):  # lower-cased offsets would miss a match: the plain scan
        return list(_SHARE.finditer(text)) if "chiếm" in text.lower() else []
    lowered = lowered or lower(text)
    if "chiếm" not in lowered:
        return []
    return list(finditer_literals(_SHARE, ("chiếm",), text, lowered))


def share_at(text: str, m: re.Match[str], sent: tuple[int, int]) -> Share | None:
    """`toàn huyện có 512 chi bộ, … 388 chi bộ đạt trong sạch vững mạnh (chiếm 74,8%)`: the part right
    before "chiếm", and a total of the same noun announced earlier in the sentence (tổng số, toàn … có,
    or followed by "trong đó"), with no other count of that noun in between."""
    s_start, _ = sent
    if re.match(r"[^.;\n]{0,3}(?:trên|so\s+với|của|tổng|số)\b", text[m.end() : m.end() + 12], re.I):
        return None  # "chiếm 20% trên tổng …", "chiếm 20% của …": the base is named after the share
    before = figures(text, s_start, m.start())
    if len(before) < 2:
        return None
    part = before[-1]
    between = text[part.end : m.start()].rstrip(" \t(")
    if not part.noun or part.noun in _NOT_COUNTS or len(between) > 60 or re.search(r"[()\[\];:]", between):
        return None  # the share must follow its part in the same clause ("388 chi bộ đạt … (chiếm …")
    same = [f for f in before[:-1] if f.noun == part.noun]
    if len(same) != 1:
        return None  # no total, or siblings ("1.200 ha lúa, 300 ha màu (chiếm 20%)"): whose share?
    total = same[0]
    if not total.value > part.value:
        return None
    lead = text[max(s_start, total.start - 30) : total.start]
    after_total = text[total.end : total.end + 40]
    announced = _ANNOUNCED.search(lead) or re.match(rf"[ \t]+{part.noun}[^,;]{{0,30}},?[ \t]*trong[ \t]+đó", after_total, re.I)
    if not announced:
        return None
    pct_text = m.group("pct")
    q = quantity(pct_text)
    if q is None:
        return None
    return Share(part, total, q.value, q.decimals, pct_text, m.start("pct"), m.end("pct") + 1)


@dataclass(frozen=True, slots=True)
class PlanShare:
    """`thu 45 tỷ đồng, đạt 90% kế hoạch 50 tỷ đồng`: what was done, the share stated, and the target."""

    done: Figure
    target: Figure
    percent: Decimal
    decimals: int
    percent_text: str
    plan: str  # the target word as written, lower case: "kế hoạch", "dự toán", "chỉ tiêu"


# "đạt 90% kế hoạch", "bằng 80% dự toán giao", "đạt 110% chỉ tiêu", "đạt 95% so với kế hoạch năm": the
# percentage touches its verb (an estimate, "đạt khoảng 90%", "đạt trên 90%", is never judged)
_PLAN_SHARE = re.compile(
    r"(?:đạt|bằng)[ \t]+(?P<pct>\d{1,3}(?:,\d+)?)[ \t]?%[ \t]+(?:so[ \t]+với[ \t]+)?(?P<plan>kế[ \t]+hoạch|dự[ \t]+toán|chỉ[ \t]+tiêu)",
    re.IGNORECASE,
)
# between the target word and its figure: what qualifies the target ("năm 2024", "giao", "được giao",
# "đề ra", "vốn", "tỉnh giao"), an opening bracket, "là" or a colon; nothing holding another figure but a year
_PLAN_GAP = re.compile(r"(?:[ \t]+(?:năm[ \t]+(?:19|20)\d{2}|[^\W\d_]+)){0,4}?[ \t]*(?:\(|là|:)?[ \t]*$", re.IGNORECASE)
_PLAN_WORDS = ("kế hoạch", "dự toán", "chỉ tiêu")


def plan_share_candidates(lowered: str) -> list[re.Match[str]]:
    """Where `_PLAN_SHARE` matches: only tried in a text that has a target word and a "%" (pre-scan)."""
    if "%" not in lowered or not any(w in lowered for w in _PLAN_WORDS):
        return []
    return list(finditer_literals(_PLAN_SHARE, ("đạt", "bằng"), lowered))


def plan_share_at(text: str, m: re.Match[str], sent: tuple[int, int]) -> PlanShare | None:
    """The figure done right before "đạt P% kế hoạch" and the target written right after it, of the same
    head noun; None when unsure (the target or what was done not given, a sibling figure of that noun)."""
    s_start, s_end = sent
    clause_end = s_end
    for stop in (";", "%"):
        k = text.find(stop, m.end(), s_end)
        if k >= 0:
            clause_end = min(clause_end, k)
    after = figures(text, m.end(), clause_end)
    if not after or not after[0].noun or after[0].noun in _NOT_COUNTS:
        return None
    target = after[0]
    if not _PLAN_GAP.match(text[m.end() : target.start]):
        return None  # the figure is not the target's ("đạt 90% kế hoạch, trong đó 12 xã …")
    before = figures(text, s_start, m.start())
    if not before:
        return None
    done = before[-1]
    between = text[done.end : m.start()]
    if done.noun != target.noun or len(between) > 60 or re.search(r"[;:()%]|trong[ \t]+đó", between, re.I):
        return None
    if sum(1 for f in before if f.noun == target.noun) != 1:
        return None  # "thu 45 tỷ đồng, trong đó nội địa 30 tỷ đồng, đạt …": which one reached the target?
    clause_start = max(text.rfind(", ", s_start, done.start), text.rfind(";", s_start, done.start), s_start)
    if any(f.start >= clause_start for f in before[:-1]):
        return None  # "sửa 45 phòng học với 12 tỷ đồng, đạt …": the clause counts two things
    if target.value == 0:
        return None
    q = quantity(m.group("pct"))
    if q is None:
        return None
    return PlanShare(done, target, q.value, q.decimals, m.group("pct"), re.sub(r"\s+", " ", m.group("plan")))
