"""Date rules (NG): invalid dates, dates after the report, wrong reporting year, periods."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from checker.context import Context
from checker.engine import Hit, rule
from checker.entities import DateRef
from checker.facts.dates import body_date
from checker.ruledata import from_rule_data, load_lexicon, phrase_pattern
from checker.source import fold
from checker.thresholds import REQUEST_YEAR_CHARS


@rule(
    "NG001",
    name="impossible-date",
    severity="error",
    summary_vi="Ngày tháng không tồn tại (31/02, tháng 13, khoảng ngày 30-31/11)",
    summary_en="Impossible date or date range",
    message_vi='Ngày tháng "{text}" không hợp lệ: {problem}; kiểm tra lại ngày tháng',
    message_en='Invalid date "{text}": {problem}',
    explanation="""
Một ngày ghi trong báo cáo phải có thật: tháng từ 1 đến 12, ngày không vượt số ngày của tháng (tháng 2
có 28 hoặc 29 ngày; tháng 4, 6, 9, 11 có 30 ngày). Áp dụng cho mọi cách viết: 31/02/2023,
ngày 31 tháng 02 năm 2023, 30-31/11/2023, tháng 13/2023, và dòng địa danh, ngày tháng.
""",
    bad="Hội nghị tổ chức ngày 31/02/2023.",
    good="Hội nghị tổ chức ngày 28/02/2023.",
)
def check_impossible_dates(ctx: Context) -> Iterator[Hit]:
    for d in ctx.dates.matching(_impossible):  # (only those are made)
        yield Hit(d.start, d.end, {"text": d.text, "problem": d.problem})
    line = ctx.doc.header.date_line
    if line and not line.blank and line.date is None and line.day and line.month and line.year:
        # the header line is not found by the date scan when it has the place name in front
        if not any(d.start >= line.start and d.end <= line.end for d in ctx.dates):
            yield Hit(
                line.start,
                line.end,
                {"text": line.raw, "problem": f"ngày {line.day}/{line.month}/{line.year} không tồn tại"},
            )


def _impossible(d: DateRef) -> bool:
    return bool(d.problem) and d.kind in ("date", "range", "month")


# ------------------------------------------------------------------------------------------------
# Shared: where the report's own results end and its tasks for the next period begin
# ------------------------------------------------------------------------------------------------
_TASKS_HEADING = re.compile(
    r"^(?:phần\s+thứ\s+\w+\s*)?(?:[ivxlc]+[.-]\s*|\d+[.-]\s*)?"
    r"(?:phương\s+hướng|nhiệm\s+vụ|kế\s+hoạch\s+(?:năm|thời\s+gian\s+tới|công\s+tác\s+năm))",
)


def tasks_start(ctx: Context) -> int:
    """Offset where the part about next year's tasks starts (or the end of the body).

    A heading such as "III. NHIỆM VỤ, GIẢI PHÁP", "V. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024" or a bare
    "Phần thứ hai" followed by such a line: from there on, the next year is named on purpose.
    """
    body_start, body_end = ctx.body_text_range()
    for s in ctx.doc.iter_sections():
        if s.start < body_start:
            continue
        title = s.title.strip()
        if not title:
            # "Phần thứ hai" on its own line: its title is the next non-empty line
            nxt = ctx.text[s.end : s.end + 300].strip().split("\n", 1)[0]
            title = nxt
        if _TASKS_HEADING.match(fold(title).strip()):
            return s.start
    return body_end


def _sentence(ctx: Context, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): between the nearest sentence/clause breaks."""
    text = ctx.text
    left = max(text.rfind(ch, 0, start) for ch in ".;\n")
    right_candidates = [i for i in (text.find(ch, end) for ch in ".;\n") if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return left + 1, right


# ------------------------------------------------------------------------------------------------
# NG002
# ------------------------------------------------------------------------------------------------
# What marks a clause as telling of something done, or of a plan (rules/lexicon/past-plan.toml); matched
# in the folded text, so the phrases are folded too.
@from_rule_data
def _past_and_plan() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = load_lexicon().past_plan
    past = phrase_pattern(fold(p) for p in words.past)
    plan = phrase_pattern(fold(p) for p in words.plan)
    return re.compile(rf"\b(?:{past})\b"), re.compile(rf"\b(?:{plan})\b")


def _datable(d: DateRef) -> bool:
    """A date that NG002 can compare with the report's: a valid day, range, or month of a year."""
    return not d.problem and (d.kind in ("date", "range") or (d.kind == "month" and bool(d.month and d.year)))


@rule(
    "NG002",
    name="event-after-report",
    severity="warning",
    summary_vi="Sự việc đã diễn ra được ghi ngày sau ngày của báo cáo",
    summary_en="An event reported as done is dated after the report",
    message_vi='"{text}" ghi một việc đã diễn ra nhưng sau {limit_vi} ({limit}); kiểm tra lại ngày tháng',
    message_en='"{text}" is given for something already done, but it is after {limit_en} ({limit}); check the date',
    explanation="""
Báo cáo chỉ kể được những việc đã làm trước ngày ký. Một câu ghi "ngày 15/01/2024 đã tổ chức …" trong
báo cáo ký tháng 12/2023 là ngày bị gõ sai (thường sai năm). Kế hoạch, dự kiến, thời hạn cho năm sau
("kế hoạch năm 2024", "trước ngày 15/01/2024", phần nhiệm vụ năm tới) không bị báo. Khi báo cáo không
ghi ngày, mốc so sánh là ngày cuối của tháng ở dòng ngày tháng hoặc ngày cuối của năm báo cáo.
""",
    bad="BÁO CÁO\nKết quả công tác dân vận năm 2023\n\nNgày 15/01/2024, Ban đã tổ chức hội nghị tổng kết.",
    good="BÁO CÁO\nKết quả công tác dân vận năm 2023\n\nNgày 15/01/2023, Ban đã tổ chức hội nghị tổng kết.",
)
def check_event_after_report(ctx: Context) -> Iterator[Hit]:
    issued = ctx.report_date
    if issued is None:
        return
    limit = issued.date
    labels = {
        "date": ("ngày ban hành báo cáo", "the report's date"),
        "month": ("tháng ban hành báo cáo", "the report's month"),
        "year": ("năm báo cáo", "the reporting year"),
    }
    vi, en = labels[issued.source]
    body_start, _ = ctx.body_text_range()
    end = tasks_start(ctx)
    folded = ctx.folded
    for d in ctx.dates.matching(_datable):
        if d.start < body_start or d.start >= end or d.problem or ctx.overlaps_citation(d.start, d.start + 1):
            continue
        if d.kind in ("date", "range"):
            first = d.date
        elif d.kind == "month" and d.month and d.year:
            first = dt.date(d.year, d.month, 1)
        else:
            continue
        if first is None or first <= limit:
            continue
        s, e = _sentence(ctx, d.start, d.end)
        clause = folded[s:e]
        past, plan = _past_and_plan()
        if not past.search(clause) or plan.search(clause):
            continue
        # without a date line the report may be signed early next year: an event of January is then
        # possible, so only an info; against a real date (or month) it is a warning
        severity = "info" if issued.source == "year" else None
        yield Hit(
            d.start,
            d.end,
            {"text": d.text, "limit": body_date(limit), "limit_vi": vi, "limit_en": en},
            severity=severity,
        )


# ------------------------------------------------------------------------------------------------
# NG003
# ------------------------------------------------------------------------------------------------
_PLACE_NAMES = {
    "title": "trích yếu",
    "request": "văn bản yêu cầu báo cáo",
    "score table": "bảng chấm điểm",
    "date line": "dòng ngày tháng",
}
_PLACE_EN = {"title": "title", "request": "request", "score table": "score table", "date line": "date line"}


def _single_year_report(ctx: Context) -> int | None:
    """The reporting year of a report about one year; None for multi-year reviews (tổng kết 10 năm)."""
    ry = ctx.doc.reporting_year
    if ry.year is None or ry.source not in ("title", "request", "score table", "--year"):
        return None
    title = fold(ctx.doc.header.summary or "")
    if re.search(r"giai\s+đoạn|nhiệm\s+kỳ|\d+\s+năm\b|tháng\s+đầu|tháng\s+cuối|quý", title):
        return None
    return ry.year


@rule(
    "NG003",
    name="wrong-reporting-year",
    severity="warning",
    summary_vi="Năm báo cáo không thống nhất (trích yếu, văn bản yêu cầu, dòng ngày tháng, bảng điểm, kết quả)",
    summary_en="The reporting year disagrees between title, request, date line, score table or results",
    message_vi="{place} ghi năm {year}, nhưng báo cáo là của năm {report_year} (theo {source}); sửa năm cho thống nhất",
    message_en="The {place_en} names {year}, but the report is about {report_year} (from the {source_en}); make them agree",
    variants={
        "results": (
            'Phần kết quả của báo cáo năm {report_year} lại ghi "{text}"; nếu là kết quả năm {report_year} thì sửa năm, '
            "nếu là số liệu năm {year} thì ghi rõ để so sánh",
            'The results part of the {report_year} report says "{text}"; fix the year, or make clear it is a comparison',
        ),
    },
    explanation="""
Báo cáo năm chỉ có một năm báo cáo: trích yếu ("… năm 2023"), văn bản yêu cầu báo cáo (Công văn số
2880/SNV-XDCQ … báo cáo kết quả … năm 2023), bảng tự chấm điểm ("… NĂM 2023") và dòng ngày tháng (năm
đó hoặc đầu năm sau) phải khớp nhau. Trong phần kết quả, câu "Trong năm 2022, Ban đã …" của báo cáo năm
2023 thường là đoạn chép lại từ báo cáo năm trước. Phần nhiệm vụ năm sau ("nhiệm vụ … năm 2024") và
các so sánh ("so với năm 2022") không bị báo; báo cáo tổng kết nhiều năm cũng không.
""",
    bad="BÁO CÁO\nKết quả công tác dân vận năm 2023\n\nTrong năm 2022, Ban đã tổ chức 12 hội nghị.",
    good="BÁO CÁO\nKết quả công tác dân vận năm 2023\n\nTrong năm 2023, Ban đã tổ chức 12 hội nghị.",
)
def check_reporting_year(ctx: Context) -> Iterator[Hit]:
    ry = ctx.doc.reporting_year
    year = ry.year
    if year is None:
        return
    spans = _candidate_spans(ctx)
    for place, value in ry.candidates.items():
        if place == ry.source or place not in spans or place not in _PLACE_NAMES:
            continue
        ok = value == year
        if place == "date line":
            line = ctx.doc.header.date_line
            # a report on 2023 is often signed in the first months of 2024
            ok = ok or (value == year + 1 and line is not None and (line.month or 1) <= 3)
        if not ok:
            s, e = spans[place]
            yield Hit(
                s,
                e,
                {
                    "place": _PLACE_NAMES[place].capitalize(),
                    "place_en": _PLACE_EN[place],
                    "year": value,
                    "report_year": year,
                    "source": _PLACE_NAMES.get(ry.source, ry.source),
                    "source_en": _PLACE_EN.get(ry.source, ry.source),
                },
            )
    single = _single_year_report(ctx)
    if single is None:
        return
    body_start, _ = ctx.body_text_range()
    end = tasks_start(ctx)
    for m in _RESULTS_YEAR.finditer(ctx.folded, body_start, end):
        other = int(m.group(2))
        if other == single or ctx.in_table(m.start()):
            continue
        # a comparison with last year ("… so với cùng kỳ") is not this year's result under a wrong year
        if not re.search(r"\bđã\b", m.group(1)) or re.search(r"so\s+với|cùng\s+kỳ", m.group(1)):
            continue
        s = m.start(1)
        e = s + len(re.match(r"trong\s+năm\s+\d{4}", m.group(1)).group())  # type: ignore[union-attr]
        yield Hit(s, e, {"text": ctx.text[s:e], "year": other, "report_year": single}, variant="results")


# "Trong năm 2022, đã …" opening a line or a sentence. Led by its word, the lookbehinds after it (a line
# start: no character but a newline before; a sentence start: a mark and a blank): a pattern led by
# assertions is tried at every character of the body (~6 ms on the five seeds).
_RESULTS_YEAR = re.compile(
    r"(trong(?:(?<![^\n]trong)|(?<=[.;:!?]\strong))\s+năm\s+((?:19|20)\d{2})\s*,[^.;\n]{0,200})"
)


def _candidate_spans(ctx: Context) -> dict[str, tuple[int, int]]:
    h = ctx.doc.header
    out: dict[str, tuple[int, int]] = {}
    if h.summary_span:
        out["title"] = (h.summary_span.start, h.summary_span.end)
    if h.date_line:
        out["date line"] = (h.date_line.start, h.date_line.end)
    if ctx.doc.score_table:
        out["score table"] = (ctx.doc.score_table.start, ctx.doc.score_table.start + 1)
    m = re.search(
        r"(?:công\s+văn|văn\s+bản|kế\s+hoạch|hướng\s+dẫn)\s+số[^\n]{0,300}?báo\s+cáo[^\n]{0,120}?năm\s+\d{4}",
        ctx.folded[:REQUEST_YEAR_CHARS],
    )
    if m:
        out["request"] = (m.start(), m.end())
    return out


# ------------------------------------------------------------------------------------------------
# NG004
# ------------------------------------------------------------------------------------------------
_PROGRAMME = re.compile(
    r"(?:chương\s+trình|đề\s+án|dự\s+án|chiến\s+lược|quy\s+hoạch|phong\s+trào|kế\s+hoạch|đại\s+hội)\b"
)


def _programme_key(ctx: Context, start: int) -> tuple[str, int] | None:
    """The programme named just before a period: from its head word to the period, normalised."""
    s, _ = _sentence(ctx, start, start)
    window = ctx.folded[max(s, start - 220) : start]
    heads = list(_PROGRAMME.finditer(window))
    if not heads:
        return None
    head = heads[-1]
    name = window[head.start() :]
    if re.search(r"[;:()]", name):
        return None
    words = re.sub(r"[^\w&]+", " ", name.replace("kt-xh", "kinh tế xã hội")).split()
    words = [w for w in words if w not in ("tỉnh", "huyện")] if len(words) > 12 else words
    if len(words) < 5:
        return None  # "Chương trình giai đoạn 2021-2025": too short to identify a programme
    return " ".join(words), max(s, start - 220) + head.start()


def _period(d: DateRef) -> bool:
    return d.kind == "period" and not d.problem and d.year is not None and d.year_end is not None


@rule(
    "NG004",
    name="programme-period",
    severity="warning",
    summary_vi="Cùng một chương trình, đề án, nhiệm kỳ được ghi với hai giai đoạn khác nhau",
    summary_en="The same programme or term is named with different periods",
    message_vi='"{name}" ghi {period}, nhưng ở dòng {first_line} ghi {first_period}; thống nhất giai đoạn đúng',
    message_en='"{name}" is given {period} here but {first_period} on line {first_line}; use the correct period',
    explanation="""
Một chương trình, đề án hay nhiệm kỳ có một giai đoạn xác định (một chương trình mục tiêu quốc gia ghi
"giai đoạn 2021-2030" là một giai đoạn). Khi cùng một
tên được ghi với hai giai đoạn chồng lên nhau nhưng khác nhau (2021-2025 và 2021-2030), một chỗ đã ghi
sai. Hai giai đoạn nối tiếp nhau (2016-2020 và 2021-2025) là hai giai đoạn khác nhau và không bị báo.
""",
    bad="Đề án nước sạch nông thôn giai đoạn 2021-2025 đã về đích sớm … Đề án nước sạch nông thôn giai đoạn 2021-2030",
    good="Đề án nước sạch nông thôn giai đoạn 2021-2025 đã về đích sớm (cả hai chỗ)",
)
def check_programme_period(ctx: Context) -> Iterator[Hit]:
    seen: dict[str, tuple[int, int, str, int]] = {}
    reported: set[tuple[str, int, int]] = set()
    for d in ctx.dates.matching(_period):
        if d.kind != "period" or d.problem or d.year is None or d.year_end is None:
            continue
        found = _programme_key(ctx, d.start)
        if found is None:
            continue
        key, head_start = found
        key = f"{d.period_word or ''}|{key}"
        if key not in seen:
            seen[key] = (d.year, d.year_end, d.text, d.start)
            continue
        y1, y2, text, first_start = seen[key]
        overlap = d.year <= y2 and y1 <= d.year_end
        if overlap and (d.year, d.year_end) != (y1, y2) and (key, d.year, d.year_end) not in reported:
            reported.add((key, d.year, d.year_end))
            name = ctx.text[head_start : d.start].strip().rstrip(",")
            yield Hit(
                d.start,
                d.end,
                {
                    "name": name,
                    "period": d.text,
                    "first_period": text,
                    "first_line": ctx.src.position(first_start).line,
                },
            )


# The rules of this module: the engine registers exactly these (checker/categories.py names the module).
RULES = [
    check_impossible_dates,  # NG001
    check_event_after_report,  # NG002
    check_reporting_year,  # NG003
    check_programme_period,  # NG004
]
