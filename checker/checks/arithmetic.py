"""Arithmetic rules (SL): numbers in prose that do not add up.

Precision over recall: when the structure of a sentence is not certain, the rule stays silent.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TypeVar

from checker.context import Context
from checker.engine import Hit, rule
from checker.facts import quantities as qf
from checker.numbers import NUMBER, agrees, format_computed, format_number, percent_figure, quantity
from checker.scan import finditer_at

_NUM = NUMBER
# "31 người làm việc (trong đó 27 công chức và 04 người hợp đồng)"
_TOTAL_PAREN = re.compile(
    rf"(?<![\w.,/])(?P<total>{_NUM})[ ]+(?P<noun>[^\W\d_][^\W\d_ ]*(?:[ ][^\W\d_][^\W\d_ ]*){{0,5}}?"
    # "220 tập thể, cá nhân (…)": two nouns counted together
    r"(?:,[ ][^\W\d_]+(?:[ ][^\W\d_]+)?)?)"
    # '1.856 mô hình "Dân vận khéo" (…)': a quoted name between the noun and the breakdown
    r"(?:[ ]*[\"“][^\"”\n()]{1,60}[\"”])?[ ]*"
    r"\((?P<intro>trong\s+đó|gồm|bao\s+gồm|cụ\s+thể)?\s*:?\s*(?P<body>[^()]{3,400})\)",
    re.IGNORECASE,
)
_PART = re.compile(rf"(?<![\w.,/])(?P<num>{_NUM})(?![\w.,/%]|[ ]?%)[ ]+(?P<unit>[^\W\d_]+)")
# Numbers that are names, not quantities: "Nghị định 68", "năm 2023", "lớp 10", "ngày 15"
_NAME_BEFORE = re.compile(
    r"(?:nghị\s+định|quyết\s+định|nghị\s+quyết|chỉ\s+thị|kết\s+luận|kế\s+hoạch|thông\s+tư|luật|số|năm|ngày|"
    r"tháng|lớp|khóa|khoá|khu|thôn|tổ|đội|phòng|điều|khoản|mục|phần|hợp\s+đồng|giai\s+đoạn|nhiệm\s+kỳ|quý|"
    r"top|hạng|tiêu\s+chí|nội\s+dung|bảng|phụ\s+lục|trang|dòng|chương)\s*$",
    re.IGNORECASE,
)
_NOT_UNITS = {"năm", "tháng", "ngày", "giờ", "tuổi", "lần", "km", "ha", "m", "kg", "tấn"}


def _name_before(before: str) -> bool:
    """`_NAME_BEFORE.search(before)`, searched from the start of the last two words: a match ends at the
    end (its words, then blanks) and its words are one or two, so it starts no earlier. Searched from
    every character, a breakdown's part looked through the whole bracket before it (400 characters,
    dozens of words tried at each) for each of its numbers."""
    rest = before.rsplit(None, 2)  # (from the right, in C: only the last two words are split off)
    return _NAME_BEFORE.search(before, len(rest[0]) if len(rest) == 3 else 0) is not None


def _parts(body: str, base: int) -> list[tuple[Decimal, int, int, str]] | None:
    """Quantities in a parenthetical that look like the parts of a breakdown, or None if unsure."""
    out = []
    for m in _PART.finditer(body):
        if _name_before(body[: m.start()]):
            continue
        q = quantity(m.group("num"))
        if q is None:
            return None
        out.append((q.value, base + m.start("num"), base + m.end("num"), m.group("unit").lower()))
    return out


@rule(
    "SL001",
    name="total-vs-parts",
    severity="warning",
    summary_vi="Tổng số nêu trong câu khác tổng các phần được liệt kê ngay sau đó",
    summary_en="A stated total differs from the sum of the parts listed right after it",
    message_vi="Tổng các phần {parts} = {sum}, nhưng báo cáo ghi tổng {total}; kiểm tra lại số liệu",
    message_en="The parts {parts} add up to {sum}, but the stated total is {total}",
    variants={
        "decimal": (
            "Tổng các phần {parts} = {sum}, báo cáo ghi tổng {total}: có lẽ nhầm dấu thập phân (,) với dấu phân cách hàng nghìn (.)",
            "The parts {parts} add up to {sum} against a total of {total}: a decimal comma used as a thousands separator?",
        ),
        "split": (
            "{parts} = {sum}, nhưng tổng số là {whole} (theo \"{ratio}\"); kiểm tra lại số liệu",
            "{parts} = {sum}, but the whole is {whole} (from \"{ratio}\")",
        ),
    },
    explanation="""
Khi báo cáo nêu một tổng số rồi liệt kê các thành phần trong ngoặc ("31 người làm việc (trong đó 27
công chức và 04 người hợp đồng)"), tổng các thành phần phải bằng tổng số. Với "trong đó" (có thể chỉ
nêu một phần), quy tắc chỉ báo khi các phần cộng lại VƯỢT tổng số. Số viết theo kiểu Việt Nam: dấu chấm
phân cách hàng nghìn, dấu phẩy thập phân. Dạng thứ hai: "14/22 trường được xếp loại Tốt, 07 trường loại Khá, 01 trường loại Trung bình": các nhóm
(14 + 7 + 1) phải bằng tổng số 22 (báo khi vượt, hoặc khi thiếu mà nhóm nào cũng là một mức xếp loại).
Khi cấu trúc câu không rõ, quy tắc không báo.
""",
    bad="Phòng đã kiểm tra 09 cơ sở (05 cơ sở theo lịch; 05 cơ sở khi có phản ánh).",
    good="Phòng đã kiểm tra 09 cơ sở (05 cơ sở theo lịch; 04 cơ sở khi có phản ánh).",
)
def check_total_vs_parts(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    for m in finditer_at(_TOTAL_PAREN, text, _bracket_after_starts(ctx)):
        before = text[max(0, m.start() - 20) : m.start()]
        if _name_before(before) and not re.search(r"tổng\s+số\s*$", before, re.I):
            continue  # "Nghị định 68 (…)" names a document; "tổng số 220 (…)" is a total
        total_q = quantity(m.group("total"))
        noun = m.group("noun").lower().split()[0]
        if total_q is None or noun in _NOT_UNITS:
            continue
        parts = _parts(m.group("body"), m.start("body"))
        if not parts or len(parts) < 2:
            continue
        # every part must count the same kind of thing as the total, or be a labelled share
        if any(unit in _NOT_UNITS for _, _, _, unit in parts):
            continue
        body = m.group("body")
        # "tập thể, cá nhân": each noun counted by the total may head a part
        units = {w.split()[0] for w in m.group("noun").lower().split(", ")}
        unit = noun
        if not any(u in units for _, _, _, u in parts):
            continue  # the parts count something else than the total ("3 sao (gồm 6 sản phẩm…)")
        scales = {"tỷ", "triệu", "nghìn", "ngàn", "trăm"}
        if any(u in scales and u != unit for _, _, _, u in parts):
            continue
        if re.match(r"\s*từ\b", body, re.I) or re.search(r"xuống\s+còn|tăng\s+lên|giảm\s+còn", body, re.I):
            continue  # a change ("từ 05 phòng … xuống còn 04 phòng"), not a breakdown
        if "%" in body or "/" in re.sub(r"\d+/\d+/\d+", "", body):
            continue
        total = total_q.value
        parts_sum = sum(v for v, _, _, _ in parts)
        intro = (m.group("intro") or "").lower()
        if parts_sum == total:
            continue
        # "tổng số 220 …": the writer announces a total, so the parts listed must make it up
        announced = bool(re.search(r"tổng\s+(?:số|cộng)\s*(?:là\s*)?$", text[max(0, m.start() - 15) : m.start()], re.I))
        subset_possible = (intro.startswith("trong") or intro == "") and not announced
        if parts_sum < total and subset_possible and not _exhaustive(body):
            continue
        shown = " + ".join(text[s:e] for _, s, e, _ in parts)
        args = {"parts": shown, "sum": format_number(parts_sum), "total": m.group("total")}
        variant = "decimal" if parts_sum * 1000 == total or parts_sum == total * 1000 else None
        yield Hit(m.start("total"), m.end(), args, variant=variant)
    yield from _split_vs_whole(ctx)
    yield from _breakdown_vs_total(ctx)


def _bracket_after_starts(ctx: Context) -> list[int]:
    """The number starts whose next "(" stands on the same line: every place `_TOTAL_PAREN` can match
    (between its number and its bracket stand words, blanks, a comma and a quoted name, never a line end
    nor another bracket). Found from the brackets, a few per report, not at each of its numbers."""
    text, starts = ctx.text, ctx.number_starts
    out: list[int] = []
    after = 0  # just after the previous "("
    bracket = text.find("(")
    while bracket >= 0:
        line_start = text.rfind("\n", after, bracket) + 1  # (only back to the last bracket: linear)
        lo = bisect.bisect_left(starts, max(line_start, after))
        out.extend(starts[lo : bisect.bisect_left(starts, bracket, lo)])
        after = bracket + 1
        bracket = text.find("(", after)
    return out


def _breakdown_vs_total(ctx: Context) -> Iterator[Hit]:
    """SL001's third form: a total and its parts without brackets ("14 lớp, gồm 6 lớp cấp tỉnh và 7 lớp
    cấp huyện"; "95 đảng viên, trong đó nam 60, nữ 30"), judged by `checker.facts.quantities`."""
    text = ctx.text
    seen: set[int] = set()
    for pos in qf.intro_candidates(ctx.lowered):
        intro = qf.intro_match(text, pos)
        if intro is None or intro.start() in seen or ctx.in_table(pos):
            continue
        seen.add(intro.start())
        sentence = qf.sentence_bounds(text, pos)
        if not _figures_around(ctx, intro, sentence):
            continue
        found = qf.breakdown_at(text, intro, sentence)
        if found is None or qf.sums_to(found.parts, found.total):
            continue
        parts_sum = sum(p.value for p in found.parts)
        over = parts_sum > found.total.value
        if not (found.complete or (over and found.disjoint)):
            continue  # a partial list ("trong đó có 12 đảng viên nữ") may add up to less
        shown = " + ".join(p.text for p in found.parts)
        args = {"parts": shown, "sum": format_number(parts_sum), "total": found.total.text}
        yield Hit(found.total.start, found.parts[-1].end, args)


def _figures_around(ctx: Context, intro: re.Match[str], sentence: tuple[int, int]) -> bool:
    """Whether the sentence has a number start before its intro word and two after it: a breakdown's
    total and at least two parts are figures, each at a number start (`qf.breakdown_at` reads them
    there), so without them it finds none. Counted in the report's number starts by bisection; asking
    it was 40 µs a candidate, most of them sentences with no figures to break down."""
    starts = ctx.number_starts
    start, end = sentence
    before = bisect.bisect_left(starts, intro.start()) - bisect.bisect_left(starts, start)
    return before >= 1 and bisect.bisect_left(starts, end) - bisect.bisect_left(starts, intro.end()) >= 2


def _exhaustive(body: str) -> bool:
    """A breakdown whose last part is joined by "và" reads as complete: "21 … và 03 …"."""
    return bool(re.search(r"\svà\s+\d", body)) and body.count(";") == 0


# -- shared helpers for SL002–SL005 ---------------------------------------------------------------
# A percentage as written: Vietnamese "88,6", or the occasional English "27.1" (a dot followed by
# one or two digits cannot be a thousands group, so it is read as a decimal point).
_PCT = r"(?P<pct>\d{1,3}(?:,\d+|\.\d{1,2}(?!\d))?)[ ]?%"


# -- SL001 (second form): "14/22 trường được xếp loại Tốt, 07 trường loại Khá, 01 trường loại Trung bình" --
_RATIO = rf"(?<![\w.,/])(?P<x>{_NUM})/(?P<y>{_NUM})(?![\w/]|[.,]\d)"
_SPLIT_HEAD = re.compile(rf"{_RATIO}[ ]+(?P<noun>[^\W\d_]+)(?P<rest>[^.;\n]{{0,300}})", re.IGNORECASE)
_SPLIT_PART = re.compile(rf"(?:,|;|\svà)\s+(?:có\s+)?(?P<num>{_NUM})[ ]+(?P<noun>[^\W\d_]+)(?P<label>[^,;.\n]{{0,60}})")
# Labels of mutually exclusive grades; "đạt chuẩn" / "đạt chuẩn nâng cao" may be a subset of the first group.
_CLASS_WORD = re.compile(r"\b(?:xếp\s+loại|đạt\s+loại|loại|mức|đánh\s+giá)\b", re.I)


# An X/Y ratio's slash: after a digit, before one (led by the slash, so `re` jumps between slashes in C)
_SLASH_IN_RATIO = re.compile(r"/(?<=\d/)(?=\d)")


def ratio_starts(ctx: Context) -> list[int]:
    """Where an `_RATIO` can start, in order (SL001's X/Y form and SL002 share them): its X is a number
    start followed by digits, dots and commas up to the slash, so it starts where the run of those
    before a slash does. Found from the slashes, not tried at each of a report's numbers."""
    return ctx.fact(_ratio_starts)


def _ratio_starts(ctx: Context) -> list[int]:
    text = ctx.text
    out: list[int] = []
    for m in _SLASH_IN_RATIO.finditer(text):
        start = m.start()
        # (a run never reaches back past the last slash: linear)
        while start > 0 and (text[start - 1] in ".," or text[start - 1].isdecimal()):
            start -= 1
        if text[start].isdecimal():
            out.append(start)
    return out


def _split_vs_whole(ctx: Context) -> Iterator[Hit]:
    """SL001's second form: the groups after an X/Y add up to Y."""
    text = ctx.text
    for m in finditer_at(_SPLIT_HEAD, text, ratio_starts(ctx)):
        if _date_like(text, m) or ctx.in_table(m.start()):
            continue
        x, y = quantity(m.group("x")), quantity(m.group("y"))
        if x is None or y is None or x.value > y.value:
            continue
        noun = m.group("noun").lower()
        first_label = m.group("rest")[: re.search(r"[,;]|\svà\s|$", m.group("rest")).start()]  # type: ignore[union-attr]
        parts: list[tuple[Decimal, str, str]] = []
        pos = m.start("rest") + len(first_label)
        while True:
            p = _SPLIT_PART.match(text, pos)
            if p is None or p.group("noun").lower() != noun:
                break
            q = quantity(p.group("num"))
            if q is None:
                break
            parts.append((q.value, p.group("num"), p.group("label")))
            pos = p.end()
        if len(parts) < 1:
            continue
        total = x.value + sum(v for v, _, _ in parts)
        if total == y.value:
            continue
        labels = [first_label] + [lab for _, _, lab in parts]
        if not all(_CLASS_WORD.search(lab) for lab in labels):
            continue  # "15/19 xã đạt chuẩn, 05 xã đạt chuẩn nâng cao": the groups may overlap or leave some out
        if "%" in text[m.start() : pos]:
            continue
        shown = " + ".join([m.group("x")] + [t for _, t, _ in parts])
        args = {"parts": shown, "sum": format_number(total), "whole": m.group("y"), "ratio": f"{m.group('x')}/{m.group('y')}"}
        yield Hit(m.start(), pos, args, variant="split")


def _at_most(number: str, limit: int) -> bool:
    """`number` is plain digits no greater than `limit`; a run of thousands of digits never is (and
    int() refuses strings of more than 4,300 digits: that used to be an internal error)."""
    return number.isascii() and number.isdigit() and len(number) <= 6 and int(number) <= limit


def _date_like(text: str, m: re.Match[str]) -> bool:
    """`12/2023` (month/year), `30/11` (day/month) or a number inside a citation symbol."""
    x, y = m.group("x"), m.group("y")
    before = text[max(0, m.start() - 12) : m.start()].lower()
    if re.search(r"(?:ngày|tháng|năm|số|quý)\s*$", before):
        return True
    if re.fullmatch(r"(?:19|20)\d{2}", y) and (_at_most(x, 12) or re.fullmatch(r"(?:19|20)\d{2}", x)):
        return True  # "12/2023" (month/year), "2022/2023" (a school or budget year)
    if "." not in x + y and "," not in x + y and _at_most(x, 31) and _at_most(y, 12) and text[m.end() : m.end() + 1] == "/":
        return True
    return False


# -- SL002: X/Y … đạt Z% ---------------------------------------------------------------------------
_RATIO_PCT = re.compile(
    rf"{_RATIO}(?P<between>[^%/;\n]{{0,90}}?)"
    # the link must touch the figure: "đạt trên 90%" (a bound, statcheck's lesson) never matches
    r"(?P<link>(?:,\s*)?(?:đạt|bằng|chiếm|là)(?:\s+tỷ\s+lệ|\s+tỉ\s+lệ)?\s*:?\s*|\(\s*|=\s*|,\s*tỷ\s+lệ\s+)"
    + _PCT,
    re.IGNORECASE,
)


@rule(
    "SL002",
    name="ratio-vs-percent",
    severity="warning",
    summary_vi="Tỷ lệ phần trăm không khớp với phân số X/Y đứng trước",
    summary_en="A percentage does not match the X/Y ratio it is given for",
    message_vi="{x}/{y} = {computed}%, báo cáo ghi {stated}%; sửa tỷ lệ hoặc số liệu",
    message_en="{x}/{y} = {computed}%, the report says {stated}%; fix the percentage or the figures",
    explanation="""
"4.028/4.574 trường hợp, đạt 88,6%": 4.028/4.574 = 88,06%, không phải 88,6%. Quy tắc tính lại X/Y×100
và so với tỷ lệ ghi trong câu ("đạt Z%", "(Z%)", "= Z%"). Tỷ lệ ghi với d chữ số thập phân được coi là
đúng nếu giá trị thật làm tròn HOẶC cắt bớt về đúng số đó (quy tắc khoảng của statcheck và XBRL
Calculations 1.1), nên "149/154 (96,7%)" (= 96,75%) không bị báo. Phân số không phải tỷ lệ phần trăm
("196.878 khẩu/52.001 hộ"), ngày tháng ("12/2023") và tỷ lệ ước lượng ("đạt trên 90%") không bị xét.
Cũng xét tỷ lệ ghi trước phân số ("đạt 92% (45/50 xã)") và phân số viết thành lời ("45 xã trên tổng số
50 xã, đạt 90%", cùng danh từ).
""",
    bad="Đã giải quyết 45/52 hồ sơ, đạt 86,7%.",
    good="Đã giải quyết 45/52 hồ sơ, đạt 86,5%.",
)
def check_ratio_percent(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    for m in finditer_at(_RATIO_PCT, text, ratio_starts(ctx)):
        if _date_like(text, m) or ctx.in_table(m.start()) or ctx.overlaps_citation(m.start(), m.end()):
            continue
        between = m.group("between")
        if re.search(r"[.!?]\)?\s", between):
            continue  # the percentage is in the next sentence
        # another figure's percentage or a comparison sits between: the % may not be this ratio's
        if re.search(r"trong\s+đó|tăng|giảm|so\s+với|\d+\s*/\s*\d|khác|còn\s+lại|riêng|bình\s+quân|trung\s+bình|tổng", between, re.I):
            continue
        # the clause holding the percentage: after the last ", " (a decimal comma has no space after it)
        clause = "" if m.group("link").lstrip().startswith(",") else re.split(r",\s", between)[-1]
        if re.search(r"\d", clause):
            continue  # "3/5 chỉ tiêu đạt, 2 chỉ tiêu đạt 90%": the % belongs to the nearer figure
        if m.group("link").startswith("(") and between.count("(") != between.count(")"):
            continue
        if re.match(r"\s*(?:so\s+với|kế\s+hoạch|KH\b)", text[m.end() : m.end() + 20], re.I):
            continue  # "đạt 99% kế hoạch": the percentage is of a plan, not of this ratio
        x, y = quantity(m.group("x")), quantity(m.group("y"))
        if x is None or y is None or y.value == 0:
            continue
        stated, decimals = percent_figure(m.group("pct"))
        true = x.value * 100 / y.value
        if agrees(true, stated, decimals):
            continue
        args = {"x": m.group("x"), "y": m.group("y"), "computed": format_computed(true, decimals), "stated": m.group("pct")}
        yield Hit(m.start(), m.end(), args)
    yield from _percent_then_ratio(ctx)
    yield from _part_of_stated_total(ctx)


# "Tỷ lệ xã đạt chuẩn 92% (45/50 xã)", "đạt 92% (45/50)": the percentage first, its ratio in brackets right
# after it; the percentage touches its link word (an estimate, "đạt trên 90%", is never judged)
_PCT_THEN_RATIO = re.compile(
    r"(?:đạt|chiếm|bằng|là|(?P<rate>tỷ\s+lệ|tỉ\s+lệ)(?P<of>(?:[ ]+[^\W\d_]+){0,5}?)(?:[ ]+(?:là|đạt))?)"
    r"(?:\s+tỷ\s+lệ|\s+tỉ\s+lệ)?[ ]*:?[ ]*" + _PCT
    + rf"[ ]*\([ ]*{_RATIO}(?:[ ]+[^\W\d_]+(?:[ ][^\W\d_]+){{0,3}})?[ ]*\)",
    re.IGNORECASE,
)
# Where `_PCT_THEN_RATIO` can start: its link words at a word start (as `anchors` finds them), "đạt",
# "chiếm", "bằng", "là" with the percentage's first digit after them, "tỷ", "tỉ" with "lệ" after them
_PCT_THEN_RATIO_STARTS = tuple(
    re.compile(rf"{w}(?<!\w{w})(?=(?:\s+t[ỷỉ]\s+lệ)?[ ]*:?[ ]*\d)") for w in ("đạt", "chiếm", "bằng", "là")
) + tuple(re.compile(rf"{w}(?<!\w{w})(?=\s+lệ)") for w in ("tỷ", "tỉ"))
# "45 xã trên tổng số 50 xã, đạt 90%", "giải quyết 45 trong tổng số 50 hồ sơ (90%)": the part, the total
# after "trên/trong tổng số", then the percentage in the same clause
_PART_OF_TOTAL = re.compile(
    rf"(?<![\w.,/])(?P<x>{_NUM})(?![\w/%]|[.,]\d)(?P<xnoun>(?:[ ]+[^\W\d_]+){{0,4}}?)[ ]+(?:trên|trong)[ ]+tổng[ ]+số[ ]+"
    rf"(?P<y>{_NUM})(?![\w/%]|[.,]\d)[ ]+(?P<ynoun>[^\W\d_]+)(?P<between>[^\d%;.()\n]{{0,60}}?)"
    r"(?:,[ ]*(?:đạt|chiếm|bằng)(?:[ ]+tỷ[ ]+lệ|[ ]+tỉ[ ]+lệ)?[ ]*:?[ ]*|[ ]*\([ ]*(?:đạt[ ]+|chiếm[ ]+)?)" + _PCT,
    re.IGNORECASE,
)


def _word_starts(lowered: str, patterns: tuple[re.Pattern[str], ...]) -> list[int]:
    """Where one of `patterns` (each led by a literal word) matches in the lower-cased text, in order."""
    return list(heapq.merge(*([m.start() for m in p.finditer(lowered)] for p in patterns)))


_PCT_THEN_BRACKET = re.compile(r"%[ ]*\([ ]*\d")
# "… trên tổng số …", "… trong tổng số …": in every match of `_PART_OF_TOTAL` (searched lower-cased)
_IN_TOTAL = re.compile(r"tr(?:ên|ong)[ ]+tổng")


def _percent_then_ratio(ctx: Context) -> Iterator[Hit]:
    """SL002 with the percentage first and its ratio in brackets: "đạt 92% (45/50 xã)"."""
    text = ctx.text
    if not _PCT_THEN_BRACKET.search(text):
        return  # every match holds a percentage, then its ratio's first digit in brackets: most reports have none
    for m in finditer_at(_PCT_THEN_RATIO, text, _word_starts(ctx.lowered, _PCT_THEN_RATIO_STARTS)):
        if _date_like(text, m) or ctx.in_table(m.start()) or ctx.overlaps_citation(m.start(), m.end()):
            continue
        if re.match(r"\s*(?:so\s+với|kế\s+hoạch)", text[m.end("pct") + 1 : m.end("pct") + 20], re.I):
            continue
        if m.group("of") and re.search(r"\b(?:tăng|giảm|còn|trên|dưới|khoảng|gần|hơn|so|bình|trung)\b", m.group("of"), re.I):
            continue  # "tỷ lệ hộ nghèo giảm 2%": a change or an estimate, not this ratio's share
        yield from _ratio_hit(m, m.group("x"), m.group("y"), m.group("pct"))


def _part_of_stated_total(ctx: Context) -> Iterator[Hit]:
    """SL002 with the ratio written out: "45 xã trên tổng số 50 xã, đạt 90%" (same noun, or none for the part)."""
    text = ctx.text
    if "tổng số" not in ctx.lowered or "%" not in text or not _IN_TOTAL.search(ctx.lowered):
        return
    for m in ctx.scan(_PART_OF_TOTAL):  # only where a number starts
        if ctx.in_table(m.start()) or ctx.overlaps_citation(m.start(), m.end()):
            continue
        lead = text[max(0, m.start() - 16) : m.start()]
        if _name_before(lead) or re.search(r"(?:mức|cấp|loại|độ|bậc|\d[ ]*(?:,|và|-))[ ]*$", lead, re.I):
            continue  # "tài khoản mức 1, 2 trên tổng số …": the number is a name or one of a list
        x_words = m.group("xnoun").split()
        if x_words and x_words[0].lower() != m.group("ynoun").lower():
            continue  # "45 học viên trên tổng số 12 lớp": a share of another thing
        if re.search(r"trong\s+đó|tăng|giảm|so\s+với|khác|còn\s+lại|riêng|bình\s+quân|trung\s+bình", m.group("between"), re.I):
            continue
        yield from _ratio_hit(m, m.group("x"), m.group("y"), m.group("pct"))


def _ratio_hit(m: re.Match[str], x_text: str, y_text: str, pct: str) -> Iterator[Hit]:
    x, y = quantity(x_text), quantity(y_text)
    if x is None or y is None or y.value == 0 or x.value > y.value:
        return
    stated, decimals = percent_figure(pct)
    true = x.value * 100 / y.value
    if agrees(true, stated, decimals):
        return
    args = {"x": x_text, "y": y_text, "computed": format_computed(true, decimals), "stated": pct}
    yield Hit(m.start(), m.end(), args)


# -- SL003: "05 huyện Sơn Động, Lục Ngạn, …" -------------------------------------------------------
# Nouns whose items are proper names, so a list of capitalised names right after them names them.
_PLACE_NOUNS = (
    r"xã|huyện|tỉnh|thôn|bản|phường|thị\s+trấn|thành\s+phố|quận|thị\s+xã|xã,\s+thị\s+trấn|xã,\s+phường|"
    r"tổ\s+dân\s+phố|làng|buôn|ấp|phòng|sở|trường|đơn\s+vị|cơ\s+quan|dân\s+tộc|nước|quốc\s+gia"
)
_NAME = r"(?:TT\.?\s+|TP\.?\s+)?[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:[ ](?:[A-ZĐÀ-Ỹ0-9][\wÀ-ỹ]*))*"
_COUNT_LIST = re.compile(
    rf"(?<![\w.,/])(?P<n>0?\d{{1,2}})[ ]+(?P<noun>{_PLACE_NOUNS})\b"
    # "6 xã đạt chuẩn, gồm: …": what the counted items share, before an opener that must then stand
    r"(?P<qual>(?:[ ](?!gồm\b|là\b|như\b|trong\b|tại\b|ở\b|của\b)[a-zđà-ỹ]+){1,6},?[ ]*(?=gồm|:|\())?"
    r"[ ]*(?P<open>\(|:[ ]*|gồm(?![ ]+cả\b)(?:[ ]+có)?:?[ ]*|là:?[ ]*)?"
    rf"(?P<list>{_NAME}(?:\s*,\s*{_NAME})+(?:,?\s+và\s+{_NAME})?)(?P<close>\s*,?\s*\)|\s*[.;:]|\s*$"
    # ", với diện tích …" ends the list; ", huyện Lục Nam và xã …" may go on naming places
    r"|\s*,\s+(?!(?:huyện|xã|tỉnh|thị|thành|phường|quận|thôn|bản|tổ|và|cùng)\b)[a-zđà-ỹ])",
    re.MULTILINE,
)
_NOT_LIST_BEFORE = re.compile(r"(?:như|gồm\s+cả|kể\s+cả|trong\s+đó\s+có|điển\s+hình)\s*$", re.I)


@rule(
    "SL003",
    name="count-vs-list",
    severity="warning",
    summary_vi="Số lượng nêu trong câu khác số mục được liệt kê ngay sau đó",
    summary_en="A count differs from the number of items listed right after it",
    message_vi="Ghi {n} {noun} nhưng liệt kê {k}: {items}; sửa số lượng hoặc danh sách",
    message_en="Says {n} {noun} but lists {k}: {items}; fix the count or the list",
    explanation="""
"05 huyện Sơn Động, Lục Ngạn, Lục Nam, Yên Thế" chỉ liệt kê 4 huyện. Quy tắc chỉ xét khi danh sách tên
riêng đứng ngay sau danh từ được đếm (hoặc trong ngoặc, sau "gồm", dấu hai chấm) và kết thúc rõ ràng;
danh sách mở ("như…", "…", "v.v.") hay liệt kê thứ khác ("05 khu … tại các xã A, B") không bị xét.
""",
    bad="Tổ chức tại 04 xã: Tam Tiến, Xuân Lương, Canh Nậu.",
    good="Tổ chức tại 03 xã: Tam Tiến, Xuân Lương, Canh Nậu.",
)
def check_count_vs_list(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    for m in ctx.scan(_COUNT_LIST):  # only where a number starts
        if ctx.in_table(m.start()) or _name_before(text[max(0, m.start() - 20) : m.start()]):
            continue
        if _NOT_LIST_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        opened = (m.group("open") or "").strip()
        if opened == "(" and ")" not in m.group("close"):
            continue
        if m.group("qual") and not opened:
            continue  # "5 xã đạt chuẩn Tam Tiến …": no opener after the qualifier, not certainly a list
        after = text[m.end("list") : m.end("list") + 8]
        if re.match(r"\s*,?\s*(?:\.\.\.|…|v\.v|vv)", after):
            continue  # an open list
        items = [i.strip() for i in re.split(r"\s*,\s*|,?\s+và\s+", m.group("list")) if i.strip()]
        if any(len(i.split()) > 4 for i in items):
            continue  # a long capitalised run is a sentence, not a list of names
        n = int(m.group("n"))
        if n == len(items) or n < 2:
            continue
        noun = re.sub(r"\s+", " ", m.group("noun"))
        args = {"n": m.group("n"), "noun": noun, "k": len(items), "items": ", ".join(items)}
        yield Hit(m.start(), m.end("list"), args)


# -- SL004: products and unit sums -------------------------------------------------------------------
_SCALE = {"đồng": Decimal(1), "nghìn": Decimal(10) ** 3, "ngàn": Decimal(10) ** 3, "triệu": Decimal(10) ** 6, "tỷ": Decimal(10) ** 9}
_MONEY = r"(?P<{0}unit>(?:nghìn|ngàn|triệu|tỷ)?\s*đồng)"
_PRODUCT = re.compile(
    rf"(?<![\w.,/])(?P<n>{_NUM})[ ]+(?P<noun>[^\W\d_]+(?:[ ][^\W\d_]+){{0,2}})(?:,\s*|[ ]*(?P<open>\()[ ]*)mỗi[ ]+(?P<each>[^\W\d_]+(?:[ ][^\W\d_]+){{0,2}}?)"
    rf"[ ]+(?:trị\s+giá|là|được|có|hỗ\s+trợ|kinh\s+phí)?[ ]*(?P<m>{_NUM})[ ]*{_MONEY.format('m')}"
    # "(mỗi hộ 5 triệu đồng), tổng …" and "…; tổng kinh phí …": the total right after, bracket or semicolon between
    rf"(?(open)[ ]*\)?)(?:[ ]*;)?[^.;\d()]{{0,20}}?tổng(?:\s+số)?(?:\s+tiền|\s+kinh\s+phí|\s+giá\s+trị|\s+cộng)?(?:\s+là)?\s*:?\s*(?P<t>{_NUM})[ ]*{_MONEY.format('t')}",
    re.IGNORECASE,
)
_EACH_COUNT = re.compile(
    rf"(?<![\w.,/])(?P<n>{_NUM})[ ]+(?P<noun>[^\W\d_]+)(?:[ ][^\W\d_]+){{0,3}},\s*mỗi[ ]+(?P<each>[^\W\d_]+)[ ]+(?:là[ ]+|được[ ]+|có[ ]+)?"
    rf"(?P<m>{_NUM})[ ]+(?P<thing>[^\W\d_]+(?:[ ][^\W\d_]+)?)",
    re.IGNORECASE,
)


# "12 lớp, mỗi lớp 40 học viên, tổng cộng 500 học viên", "8 đoàn (mỗi đoàn 5 người), tổng số 45 người": the
# total of the things counted per unit stated right after the product, with the same noun
_EACH_THEN_TOTAL = re.compile(
    rf"(?<![\w.,/])(?P<n>{_NUM})[ ]+(?P<noun>[^\W\d_]+)(?:[ ][^\W\d_]+){{0,3}}[ ]*(?:,[ ]*|\([ ]*)mỗi[ ]+(?P<each>[^\W\d_]+)"
    rf"(?:[ ][^\W\d_]+){{0,2}}?[ ]+(?:là[ ]+|được[ ]+|có[ ]+|gồm[ ]+)?(?P<m>{_NUM})(?![\w/%]|[.,]\d)[ ]+"
    rf"(?P<thing>[^\W\d_]+(?:[ ][^\W\d_]+)?)[ ]*\)?[ ]*[,;]?[ ]*(?:với[ ]+)?tổng(?:[ ]+cộng|[ ]+số)?(?:[ ]+là)?[ ]*:?[ ]*"
    rf"(?P<t>{_NUM})(?![\w/%]|[.,]\d)[ ]+(?P<tthing>[^\W\d_]+(?:[ ][^\W\d_]+)?)",
    re.IGNORECASE,
)


_NOT_PER_UNIT = {"năm", "tháng", "ngày", "giờ", "phút", "tuổi", "lần", "lượt", "đồng"}


def _each_then_total(ctx: Context, m: re.Match[str]) -> Hit | None:
    """A Hit (empty args when the product agrees) for `_EACH_THEN_TOTAL`, or None when unsure."""
    text = ctx.text
    if ctx.in_table(m.start()) or m.group("each").lower() != m.group("noun").lower():
        return None
    thing = m.group("thing").lower()
    if thing.split()[0] in _SCALE or thing.split()[0] in _NOT_PER_UNIT:
        return None  # money is the first form's; days, ages and visits ("lượt") do not add up this way
    tthing = m.group("tthing").lower()
    if tthing != thing and tthing.split()[0] != thing.split()[0]:
        return None  # "… 40 học viên, tổng cộng 500 lượt": another noun
    if "(" in m.group(0) and m.group(0).count("(") != m.group(0).count(")"):
        return None
    if re.match(r"[ ]*(?:,[ ]*)?(?:và|cùng|kể\s+cả|cộng|bao\s+gồm|gồm)\b", text[m.end() : m.end() + 16], re.I):
        return None  # "tổng cộng 500 học viên và giảng viên": the total counts more than the product
    lead = text[max(0, m.start() - 20) : m.start()].lower()
    if re.search(r"(?:bình\s+quân|trung\s+bình|khoảng|gần|hơn|trên)\s*$", lead):
        return None
    if re.search(r"bình\s+quân|trung\s+bình|khoảng|tối\s+đa|tối\s+thiểu|ít\s+nhất|trở\s+lên", m.group(0), re.I):
        return None  # an average or a bound: the product is no exact total
    n, each, total = quantity(m.group("n")), quantity(m.group("m")), quantity(m.group("t"))
    if n is None or each is None or total is None:
        return None
    product = n.value * each.value
    if agrees(product, total.value, total.decimals):
        return Hit(m.start(), m.end(), {})
    args = {"n": m.group("n"), "m": m.group("m"), "product": f"{format_number(product)} {thing}", "total": f"{m.group('t')} {tthing}"}
    return Hit(m.start(), m.end(), args)


# What every SL004 pattern holds from its first number on: a count, one to four words, then ", mỗi" or
# "(mỗi". Matched once at each number start, it leaves the three patterns a handful of places to try.
_PER_UNIT_HEAD = re.compile(rf"(?:{_NUM})[ ]+[^\W\d_]+(?:[ ][^\W\d_]+){{0,3}}[ ]*(?:,\s*|\([ ]*)mỗi", re.IGNORECASE)


def _per_unit_starts(ctx: Context) -> list[int]:
    """The number starts where one of SL004's patterns can match (none in a text without "mỗi").

    Between a head's number and its "mỗi" stand only blanks, letters, a comma or a bracket: no digit,
    so its number is the last number start before the "mỗi". The head is tried there only, for each
    "mỗ" of the lower-cased text ("mỗ": an "i" may be matched by a dotless ı, case ignored), not at
    every number of a report that writes "mỗi" once."""
    lowered, starts = ctx.lowered, ctx.number_starts
    match, text = _PER_UNIT_HEAD.match, ctx.text
    out: list[int] = []
    each = lowered.find("mỗ")
    while each >= 0:
        i = bisect.bisect_left(starts, each) - 1
        if i >= 0 and (not out or out[-1] != starts[i]) and match(text, starts[i]):
            out.append(starts[i])
        each = lowered.find("mỗ", each + 1)
    return out


@rule(
    "SL004",
    name="product",
    severity="warning",
    summary_vi="Tích số lượng × đơn giá (hoặc × số mỗi đơn vị) khác tổng ghi trong câu",
    summary_en="A count times a per-unit figure differs from the stated total",
    message_vi="{n} × {m} = {product}, nhưng báo cáo ghi {total}; kiểm tra lại số liệu",
    message_en="{n} × {m} = {product}, but the report says {total}",
    explanation="""
"Làm 15 cây cầu dân sinh, mỗi cây cầu 40 triệu đồng, tổng kinh phí 600 triệu đồng": 15 × 40 = 600.
Quy tắc nhân số lượng với giá trị "mỗi …" và so với tổng ghi ngay sau đó (cùng câu, đổi đơn vị nghìn,
triệu, tỷ đồng); với "06 huyện, mỗi huyện 02 ngôi nhà", tích được so với số "ngôi nhà" nêu trước đó
trong cùng đoạn nếu chỉ có một số như vậy, hoặc với tổng ghi ngay sau ("12 lớp, mỗi lớp 40 học viên, tổng
cộng 480 học viên"; số bình quân, ước lượng, "tối đa" và tổng gồm cả thứ khác không bị xét).
""",
    bad="Xây 14 ngôi nhà, mỗi ngôi nhà 45 triệu đồng, tổng số tiền là 600 triệu đồng.",
    good="Xây 14 ngôi nhà, mỗi ngôi nhà 45 triệu đồng, tổng số tiền là 630 triệu đồng.",
)
def check_products(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    starts = _per_unit_starts(ctx)
    for m in finditer_at(_PRODUCT, text, starts):  # only where a number starts and "mỗi" follows
        if ctx.in_table(m.start()) or m.group("each").split()[0].lower() != m.group("noun").split()[0].lower():
            continue
        n, each, total = quantity(m.group("n")), quantity(m.group("m")), quantity(m.group("t"))
        if n is None or each is None or total is None:
            continue
        unit_m = _SCALE[m.group("munit").split()[0].lower()]
        unit_t = _SCALE[m.group("tunit").split()[0].lower()]
        product = n.value * each.value * unit_m / unit_t
        if agrees(product, total.value, total.decimals):
            continue
        args = {
            "n": m.group("n"),
            "m": f"{m.group('m')} {m.group('munit')}",
            "product": f"{format_number(product)} {m.group('tunit')}",
            "total": f"{m.group('t')} {m.group('tunit')}",
        }
        yield Hit(m.start(), m.end(), args)
    judged: set[int] = set()
    for m in finditer_at(_EACH_THEN_TOTAL, text, starts):
        hit = _each_then_total(ctx, m)
        if hit is not None:
            judged.add(m.start())
            if hit.args:
                yield hit
    for m in finditer_at(_EACH_COUNT, text, starts):
        if m.start() in judged or ctx.in_table(m.start()) or m.group("each").lower() != m.group("noun").lower():
            continue
        thing = m.group("thing").lower()
        if thing.split()[0] in _SCALE or thing.split()[0] in _NOT_UNITS:
            continue
        para = ctx.doc.paragraphs.at(m.start())  # found by bisection, not by a walk from the first
        if para is None:
            continue
        before = text[para.start : m.start()]
        mentions = [
            b for b in re.finditer(rf"(?<![\w.,/])({_NUM})[ ]+{re.escape(thing)}\b", before, re.IGNORECASE)
        ]
        if len(mentions) != 1:
            continue  # no stated total, or several: which one the product should match is not certain
        n, each, stated = quantity(m.group("n")), quantity(m.group("m")), quantity(mentions[0].group(1))
        if n is None or each is None or stated is None:
            continue
        product = n.value * each.value
        if product == stated.value:
            continue
        args = {"n": m.group("n"), "m": m.group("m"), "product": f"{format_number(product)} {thing}", "total": f"{mentions[0].group(1)} {thing}"}
        yield Hit(m.start(), m.end(), args)


# -- SL005: from A to B, a change of Z% --------------------------------------------------------------
_CHANGE = re.compile(
    rf"(?:\btừ|\bcó|\blà)[ ]+(?P<a>{_NUM})[ ]+(?P<noun>[^\W\d_]+(?:[ ][^\W\d_]+)?)"
    rf"(?P<mid>[^;%\n]{{0,80}}?)\b(?:xuống\s+còn|giảm\s+(?:xuống\s+)?còn|còn(?:\s+lại)?|lên|tăng\s+lên|lên\s+đến|lên\s+tới)[ ]+"
    rf"(?P<b>{_NUM})[ ]+(?P<noun2>[^\W\d_]+)(?P<gap>[^;%\n]{{0,80}}?)\b(?P<dir>giảm|tăng)(?:\s+được)?\s*:?\s*{_PCT}",
    re.IGNORECASE,
)

# Where `_CHANGE` can start: one of its words at a word start (as `anchors` finds them) with a number
# after its blanks, checked in the same search. One pattern per word, each led by its word: `re` skips
# to it in C (an alternation of common words was tried at every "t", "c" and "l", then from Python).
_CHANGE_STARTS = tuple(re.compile(rf"{w}(?<!\w{w})(?=[ ]+\d)") for w in ("từ", "có", "là"))



def _change_starts(lowered: str) -> list[int]:
    """`_CHANGE_STARTS`' places where `_CHANGE` can match: nothing between the start and the match's
    "%" is a "%" or a ";", and a "giảm" or "tăng" stands there ("ảm": an "i" may be a dotless ı). The
    pattern's two lazy gaps make a failing try long: most places are dismissed by three `find`s."""
    out = []
    for at in _word_starts(lowered, _CHANGE_STARTS):
        pct = lowered.find("%", at)
        if pct < 0:
            break
        if lowered.find(";", at, pct) < 0 and (lowered.find("ảm", at, pct) >= 0 or lowered.find("tăng", at, pct) >= 0):
            out.append(at)
    return out


@rule(
    "SL005",
    name="percent-change",
    severity="warning",
    summary_vi="Phần trăm tăng/giảm không khớp với hai số liệu trong cùng câu",
    summary_en="A percentage change does not match the two figures in the same sentence",
    message_vi="Từ {a} đến {b} là {dir} {computed}% (|{b} − {a}|/{a}), báo cáo ghi {dir} {stated}%; kiểm tra lại",
    message_en="From {a} to {b} is a change of {computed}% (|{b} − {a}|/{a}), the report says {dir} {stated}%",
    explanation="""
"Năm 2016 có 42 người, nay còn 32 người, giảm 23,8%": (42 − 32)/42 = 23,81%. Quy tắc chỉ
xét khi cả hai số liệu và tỷ lệ tăng/giảm nằm trong cùng một câu, cùng đơn vị đếm, và hướng (tăng/giảm)
khớp với hai số liệu; tỷ lệ được coi là đúng nếu giá trị thật làm tròn hoặc cắt bớt về đúng số đó.
""",
    bad="Năm 2015 có 21 biên chế, đến nay còn 16 biên chế, giảm 28,3%.",
    good="Năm 2015 có 21 biên chế, đến nay còn 16 biên chế, giảm 23,8%.",
)
def check_percent_change(ctx: Context) -> Iterator[Hit]:
    for m in finditer_at(_CHANGE, ctx.text, _change_starts(ctx.lowered)):
        if ctx.in_table(m.start()):
            continue
        if m.group("noun").split()[0].lower() != m.group("noun2").lower():
            continue
        between = re.sub(r"\b(?:19|20)\d{2}\b", "", m.group("mid") + m.group("gap"))  # "năm 2023 còn …"
        if re.search(r"\d", between) or re.search(r"[.!?]\s+[A-ZĐ]", m.group(0)):
            continue  # another figure in between, or the figures are in different sentences
        if m.group("noun2").lower() in _NOT_UNITS:
            continue
        a, b = quantity(m.group("a")), quantity(m.group("b"))
        if a is None or b is None or a.value == 0:
            continue
        direction = m.group("dir").lower()
        if (direction == "giảm") != (b.value < a.value) or a.value == b.value:
            continue  # the change named is not the one between these two figures
        stated, decimals = percent_figure(m.group("pct"))
        true = abs(b.value - a.value) * 100 / a.value
        if agrees(true, stated, decimals):
            continue
        args = {
            "a": m.group("a"),
            "b": m.group("b"),
            "computed": format_computed(true, decimals),
            "dir": m.group("dir"),
            "stated": m.group("pct"),
        }
        yield Hit(m.start("a"), m.end(), args)


# -- relations of checker.facts.quantities (SL006, SL008, SL009) ------------------------------------------
_Relation = TypeVar("_Relation")


def _relations(
    ctx: Context,
    candidates: list[re.Match[str]],
    at: Callable[[str, re.Match[str], tuple[int, int]], _Relation | None],
) -> Iterator[_Relation]:
    """The relations found at each candidate marker outside tables, read in the marker's sentence."""
    text = ctx.text
    for m in candidates:
        if ctx.in_table(m.start()):
            continue
        found = at(text, m, qf.sentence_bounds(text, m.start()))
        if found is not None:
            yield found


# -- SL006 -----------------------------------------------------------------------------------------------
@rule(
    "SL006",
    name="remainder",
    severity="warning",
    summary_vi="Số còn lại không bằng tổng số trừ đi phần đã nêu",
    summary_en="The remainder is not the total minus the part stated",
    message_vi="{whole} − {taken} = {diff}, nhưng báo cáo ghi còn lại {left}; kiểm tra lại số liệu",
    message_en="{whole} − {taken} = {diff}, but the remainder is written as {left}",
    explanation="""
"Tiếp nhận 150 đơn, đã giải quyết 120 đơn, còn lại 30 đơn": số còn lại là tổng số trừ phần đã nêu. Quy tắc
chỉ xét câu có đúng hai số đếm cùng một danh từ trước "còn lại" và một số ngay sau nó, không có phần trăm,
không có "tăng/giảm/so với"; số thập phân được so theo quy tắc làm tròn.
""",
    bad="Tiếp nhận 150 đơn, đã giải quyết 120 đơn, còn lại 25 đơn.",
    good="Tiếp nhận 150 đơn, đã giải quyết 120 đơn, còn lại 30 đơn.",
)
def check_remainder(ctx: Context) -> Iterator[Hit]:
    for r in _relations(ctx, qf.left_candidates(ctx.text, ctx.lowered), qf.remainder_at):
        diff = r.whole.value - r.taken.value
        if qf.sums_to([r.taken, r.left], r.whole):
            continue
        args = {"whole": r.whole.text, "taken": r.taken.text, "diff": format_number(diff), "left": r.left.text}
        yield Hit(r.whole.start, r.left.end, args)


# -- SL007 -----------------------------------------------------------------------------------------------
@rule(
    "SL007",
    name="change-from-to",
    severity="warning",
    summary_vi="Mức tăng/giảm khác hiệu của hai số \"từ … xuống/lên …\" trong cùng câu",
    summary_en="An increase/decrease differs from the difference of its \"from … to …\" figures",
    message_vi="Từ {old} {to} {new} là {verb} {diff}, nhưng báo cáo ghi {dir} {amount}; kiểm tra lại số liệu",
    message_en="From {old} to {new} is a change of {diff}, but the report writes {dir} {amount}",
    explanation="""
"Giảm 12 hộ so với năm trước (từ 140 hộ xuống 128 hộ)": mức giảm phải bằng hiệu hai số, và chiều (tăng/lên,
giảm/xuống) phải khớp. Quy tắc không xét phần trăm ("giảm 12%"), và chỉ xét khi không có số nào khác chen
giữa mức tăng/giảm và cụm "từ … xuống/lên …".
""",
    bad="Số hộ nghèo giảm 12 hộ so với năm 2023 (từ 140 hộ xuống còn 126 hộ).",
    good="Số hộ nghèo giảm 14 hộ so với năm 2023 (từ 140 hộ xuống còn 126 hộ).",
)
def check_change_from_to(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    for m in qf.change_candidates(text, lowered=ctx.lowered):
        if ctx.in_table(m.start()):
            continue
        c = qf.change_at(text, m)
        if c is None:
            continue
        diff = abs(c.new.value - c.old.value)
        rises = c.new.value > c.old.value
        wrong_way = (c.direction == "tăng") != rises or (c.written == "lên") != rises
        if not wrong_way and qf.sums_to([c.amount, c.old if rises else c.new], c.new if rises else c.old):
            continue
        if c.new.value == c.old.value:
            continue
        args = {
            "old": c.old.text,
            "new": c.new.text,
            "to": "lên" if rises else "xuống",
            "verb": "tăng" if rises else "giảm",
            "diff": format_number(diff),
            "dir": m.group("dir"),
            "amount": c.amount.text,
        }
        yield Hit(m.start(), m.end(), args)


# -- SL008 -----------------------------------------------------------------------------------------------
@rule(
    "SL008",
    name="share-of-total",
    severity="warning",
    summary_vi="Tỷ lệ \"chiếm … %\" không khớp với phần và tổng số nêu trước đó trong câu",
    summary_en="A \"chiếm … %\" share does not match the part and the total stated before it",
    message_vi="{part}/{total} = {computed}%, báo cáo ghi chiếm {stated}%; sửa tỷ lệ hoặc số liệu",
    message_en="{part}/{total} = {computed}%, the report says {stated}%; fix the share or the figures",
    explanation="""
"Toàn huyện có 512 chi bộ; 388 chi bộ đạt trong sạch vững mạnh (chiếm 74,8%)": 388/512 = 75,78%. Quy tắc chỉ
xét khi tổng số được nêu rõ trước đó trong câu ("tổng số", "toàn … có", hoặc "… trong đó"), cùng danh từ với
phần, và không có số đếm nào khác của danh từ đó chen giữa; tỷ lệ đúng nếu giá trị thật làm tròn hoặc cắt bớt
về đúng số đã ghi.
""",
    bad="Toàn huyện có 512 chi bộ, trong đó 388 chi bộ đạt trong sạch vững mạnh (chiếm 74,8%).",
    good="Toàn huyện có 512 chi bộ, trong đó 388 chi bộ đạt trong sạch vững mạnh (chiếm 75,8%).",
)
def check_share_of_total(ctx: Context) -> Iterator[Hit]:
    for sh in _relations(ctx, qf.share_candidates(ctx.text, ctx.lowered), qf.share_at):
        true = sh.part.value / sh.total.value * 100
        if agrees(true, sh.percent, sh.decimals):
            continue
        args = {
            "part": sh.part.text,
            "total": sh.total.text,
            "computed": format_computed(true, sh.decimals),
            "stated": sh.percent_text,
        }
        yield Hit(sh.total.start, sh.percent_end, args)


# -- SL009 -----------------------------------------------------------------------------------------------
@rule(
    "SL009",
    name="percent-of-plan",
    severity="warning",
    summary_vi="Tỷ lệ \"đạt … % kế hoạch\" không khớp với số đã làm và chỉ tiêu ghi cùng câu",
    summary_en="A \"đạt … % kế hoạch\" share does not match what was done and the target beside it",
    message_vi="{done}/{target} = {computed}% {plan}, báo cáo ghi đạt {stated}%; sửa tỷ lệ hoặc số liệu",
    message_en="{done}/{target} = {computed}% of the target, the report says {stated}%; fix the share or the figures",
    explanation="""
"Thu ngân sách 45 tỷ đồng, đạt 95% kế hoạch 50 tỷ đồng": 45/50 = 90%. Quy tắc chỉ xét khi cả số đã làm
(ngay trước "đạt") và chỉ tiêu (ngay sau "kế hoạch", "dự toán", "chỉ tiêu") được ghi trong cùng câu, cùng danh
từ đếm, và chỉ có một số như vậy trước "đạt"; tỷ lệ đúng nếu giá trị thật làm tròn hoặc cắt bớt về đúng số đã ghi.
""",
    bad="Thu ngân sách 45 tỷ đồng, đạt 95% kế hoạch 50 tỷ đồng.",
    good="Thu ngân sách 45 tỷ đồng, đạt 90% kế hoạch 50 tỷ đồng.",
)
def check_percent_of_plan(ctx: Context) -> Iterator[Hit]:
    for ps in _relations(ctx, qf.plan_share_candidates(ctx.lowered), qf.plan_share_at):
        true = ps.done.value / ps.target.value * 100
        if agrees(true, ps.percent, ps.decimals):
            continue
        args = {
            "done": ps.done.text,
            "target": ps.target.text,
            "computed": format_computed(true, ps.decimals),
            "plan": ps.plan,
            "stated": ps.percent_text,
        }
        yield Hit(ps.done.start, ps.target.end, args)


# The rules of this module: the engine registers exactly these (checker/categories.py names the module).
RULES = [
    check_total_vs_parts,  # SL001
    check_ratio_percent,  # SL002
    check_count_vs_list,  # SL003
    check_products,  # SL004
    check_percent_change,  # SL005
    check_remainder,  # SL006
    check_change_from_to,  # SL007
    check_share_of_total,  # SL008
    check_percent_of_plan,  # SL009
]
