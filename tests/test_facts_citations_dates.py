"""Citation and date facts on Context: the report's date and year, the documents its citations name.

Texts written for these tests (shapes of real reports, no real text).
"""

from __future__ import annotations

import datetime as dt

from checker.context import Context, Options
from checker.document import build_document
from checker.facts.citations import DocumentId, document_id
from checker.facts.dates import ReportDate, body_date
from checker.ingest import read_bytes

HEADER = "ỦY BAN NHÂN DÂN XÃ AN PHÚ\nSố: 41/BC-UBND\n{date_line}\nBÁO CÁO\nKết quả công tác cải cách hành chính năm 2024\n\n"


def ctx_of(text: str, year: int | None = None) -> Context:
    src = read_bytes(text.encode("utf-8"), "t.txt")
    return Context(src, build_document(src, year), Options(year=year))


def test_report_date_from_the_date_line() -> None:
    ctx = ctx_of(HEADER.format(date_line="An Phú, ngày 09 tháng 12 năm 2024") + "Ủy ban đã họp 04 lần.\n")
    assert ctx.report_date == ReportDate(dt.date(2024, 12, 9), "date")


def test_a_draft_month_gives_the_last_day_of_that_month() -> None:
    ctx = ctx_of(HEADER.format(date_line="An Phú, ngày    tháng 02 năm 2024") + "Ủy ban đã họp 04 lần.\n")
    assert ctx.report_date == ReportDate(dt.date(2024, 2, 29), "month")


def test_no_date_line_falls_back_on_the_reporting_year() -> None:
    ctx = ctx_of("BÁO CÁO\nKết quả công tác năm 2023\n\nỦy ban đã họp 04 lần.\n")
    assert ctx.doc.reporting_year.year == 2023
    assert ctx.report_date == ReportDate(dt.date(2023, 12, 31), "year")
    assert ctx_of("Ghi chép họp tổ.\n").report_date is None


def test_body_date_writes_a_leading_zero_for_days_and_for_january_and_february() -> None:
    assert body_date(dt.date(2024, 2, 5)) == "05/02/2024"
    assert body_date(dt.date(2024, 11, 5)) == "05/11/2024"


def test_citations_naming_one_document_share_its_identity() -> None:
    ctx = ctx_of(
        HEADER.format(date_line="An Phú, ngày 09 tháng 12 năm 2024")
        + "Thực hiện Kế hoạch số 15/KH-UBND ngày 02/01/2024 và Kế hoạch số 15/kh-ubnd ngày 02/01/2024 "
        "cùng Quyết định 274.\n"
    )
    facts = ctx.citation_facts
    assert ctx.citation_facts is facts  # computed once per report
    assert [c.symbol for c in facts.own] == ["41/BC-UBND"]
    ids = [document_id(c) for c in facts.with_symbol]
    assert ids == [DocumentId("15", "KH", ("UBND",))] * 2
    assert all(c.form in ("state", "party") for c in facts.with_symbol)  # the bare "Quyết định 274" is not one


def test_a_blank_draft_number_is_no_citation() -> None:
    ctx = ctx_of(HEADER.replace("41/BC-UBND", "   /BC-UBND").format(date_line="ngày 09 tháng 12 năm 2024"))
    assert ctx.citation_facts.own == []


def test_document_identity_is_read_once_and_stays_the_same() -> None:
    from checker.entities import extract_citations
    from checker.facts.citations import document_id

    named, bare = extract_citations("Thực hiện Quyết định số 12/QĐ-UBND và Quyết định 274 của tỉnh.")
    first = document_id(named)
    assert first == ("12", "QĐ", ("UBND",)) and document_id(named) is first
    assert document_id(bare) is None and document_id(bare) is None  # kept "no identity" reads as None
