"""Date facts: when the report was issued (or the latest it can have been).

Computed once per report (`Context.report_date`; the reporting year itself is `ctx.doc.reporting_year`,
with how it was read) and read by the rules that
compare a date with the report's (TD005 for citations, NG001 for events told as done). Nothing here
decides whether a date is wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from checker.context import Context

# How the report's date was decided: its date line, the last day of the month of a draft's
# "ngày   tháng 12 năm 2023", or the last day of the reporting year.
DateSource = Literal["date", "month", "year"]


@dataclass(frozen=True, slots=True)
class ReportDate:
    """The date the report was issued, else the latest date it can have, and how that was decided
    (messages say "ngày ban hành", "tháng ban hành" or "năm báo cáo")."""

    date: dt.date
    source: DateSource


def report_date(ctx: Context) -> ReportDate | None:
    """The report's date from its date line; a draft's month gives that month's last day; without
    either, the last day of the reporting year (unless that year was read only from the period the body
    names); None when nothing dates the report."""
    line = ctx.doc.header.date_line
    if line is not None and line.date is not None:
        return ReportDate(line.date, "date")
    if line is not None and line.month and line.year and 1 <= line.month <= 12:
        # a draft "ngày   tháng 12 năm 2023": the report is issued at the latest on the month's last day
        nxt = dt.date(line.year + (line.month == 12), line.month % 12 + 1, 1)
        return ReportDate(nxt - dt.timedelta(days=1), "month")
    ry = ctx.doc.reporting_year
    # the period a body names bounds nothing: a text on 2024 may be written (and cite texts) in 2025
    year = ctx.options.year or (ry.year if ry.source != "period" else None)
    if year:
        return ReportDate(dt.date(year, 12, 31), "year")
    return None


def body_date(d: dt.date) -> str:
    """A date the way reports write it in the body: zero for days 1-9 and months 1-2 (NĐ 30/2020)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{d.day:02d}/{month}/{d.year}"
