"""Date rules (NG): invalid dates, dates after the report, wrong reporting year, periods."""

from __future__ import annotations

from collections.abc import Iterator

from checker.context import Context
from checker.engine import Hit, rule


@rule(
    "NG001",
    name="impossible-date",
    severity="error",
    summary_vi="Ngày tháng không tồn tại (31/02, tháng 13, khoảng ngày 30-31/11)",
    summary_en="Impossible date or date range",
    message_vi="Ngày tháng \"{text}\" không hợp lệ: {problem}; kiểm tra lại ngày tháng",
    message_en="Invalid date \"{text}\": {problem}",
    explanation="""
Một ngày ghi trong báo cáo phải có thật: tháng từ 1 đến 12, ngày không vượt số ngày của tháng (tháng 2
có 28 hoặc 29 ngày; tháng 4, 6, 9, 11 có 30 ngày). Áp dụng cho mọi cách viết: 31/02/2023,
ngày 31 tháng 02 năm 2023, 30-31/11/2023, tháng 13/2023, và dòng địa danh, ngày tháng.
""",
    bad="Hội nghị tổ chức ngày 31/02/2023.",
    good="Hội nghị tổ chức ngày 28/02/2023.",
)
def check_impossible_dates(ctx: Context) -> Iterator[Hit]:
    for d in ctx.dates:
        if d.problem and d.kind in ("date", "range", "month"):
            yield Hit(d.start, d.end, {"text": d.text, "problem": d.problem})
    line = ctx.doc.header.date_line
    if line and not line.blank and line.date is None and line.day and line.month and line.year:
        # the header line is not found by the date scan when it has the place name in front
        if not any(d.start >= line.start and d.end <= line.end for d in ctx.dates):
            yield Hit(line.start, line.end, {"text": line.raw, "problem": f"ngày {line.day}/{line.month}/{line.year} không tồn tại"})
