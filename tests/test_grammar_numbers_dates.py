"""Numbers, dates and periods as the Lark grammars of grammar/ parse them after the regex pre-scan.

Expected values are written from the meaning of each string (a Vietnamese reader's reading), never
copied from the checker's output. Strings marked SEED occur verbatim in ../shared/seeds; the rest are
variants and malformed forms written for these tests.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from lark import Lark

from checker.entities import extract_dates, parse_date_span
from checker.ingest import read_bytes
from checker.numbers import STANDALONE_NUMBER, Quantity, quantity
from checker.numbers import parse as parse_number
from checker.parsers import full_parser, grammar_text

# -- numbers: (text, value, decimals written, percent) ----------------------------------------------
NUMBERS: list[tuple[str, str, int, bool]] = [
    ("1.783,39", "1783.39", 2, False),  # SEED
    ("746.184", "746184", 0, False),
    ("05", "5", 0, False),
    ("01", "1", 0, False),
    ("0", "0", 0, False),
    ("77,73 %", "77.73", 2, True),
    ("88,6%", "88.6", 1, True),  # 88,6 means [88,55; 88,65): one decimal kept
    ("100%", "100", 0, True),
    ("1.416.500.000", "1416500000", 0, False),  # SEED
    ("1.585,450", "1585.450", 3, False),  # SEED: trailing zero is a written decimal
    ("10.422,053", "10422.053", 3, False),  # SEED
    ("10,26%", "10.26", 2, True),  # SEED
    ("102,09%", "102.09", 2, True),  # SEED
    ("133,3%", "133.3", 1, True),  # SEED
    ("306,37", "306.37", 2, False),  # SEED (km²)
    ("160.184,7", "160184.7", 1, False),  # SEED (m³)
    ("13.655", "13655", 0, False),  # SEED
    ("12,50", "12.50", 2, False),
    ("0,5", "0.5", 1, False),
    ("5000", "5000", 0, False),  # ungrouped thousands still a number
    ("1,9", "1.9", 1, False),  # SEED ("1,9 triệu người")
    ("3.895", "3895", 0, False),  # SEED (km²): "." groups thousands, never decimals
    ("99,99 %", "99.99", 2, True),
    ("0,05%", "0.05", 2, True),
    ("2.500", "2500", 0, False),
    ("220", "220", 0, False),
    ("15,5", "15.5", 1, False),
    ("7,0", "7.0", 1, False),  # "7,0" claims one decimal: it differs from "7" for interval checks
    ("1.000.000,25", "1000000.25", 2, False),
]

RATIOS: list[tuple[str, str, str]] = [
    ("15/19", "15", "19"),
    ("4.028/4.574", "4028", "4574"),
    ("1139/1182", "1139", "1182"),  # SEED ("1139/1182 hộ")
    ("12/19", "12", "19"),  # SEED
    ("10/10", "10", "10"),  # SEED
    ("1/10", "1", "10"),  # SEED
    ("1.495/4.812", "1495", "4812"),  # SEED
    ("0/5", "0", "5"),
]

NOT_NUMBERS = ["", "abc", "1,2,3", "%", "12%%", "1.2.3", "/5", "5/", "1.78,3.9", "-5"]


@pytest.mark.parametrize(("text", "value", "decimals", "percent"), NUMBERS)
def test_numbers(text: str, value: str, decimals: int, percent: bool) -> None:
    q = parse_number(text)
    assert isinstance(q, Quantity)
    assert isinstance(q.value, Decimal)  # never float
    assert q.value == Decimal(value)
    assert q.decimals == decimals
    assert q.percent is percent
    assert q.text == text
    assert quantity(text) == q


@pytest.mark.parametrize(("text", "num", "den"), RATIOS)
def test_ratios(text: str, num: str, den: str) -> None:
    r = parse_number(text)
    assert isinstance(r, tuple)
    assert (r[0].value, r[1].value) == (Decimal(num), Decimal(den))
    assert f"{r[0].text}/{r[1].text}" == text  # each part keeps its written form
    assert quantity(text) is None  # a ratio is not a single quantity


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_half_unit_is_the_rounding_interval_of_what_was_written() -> None:
    q = quantity("88,6")
    assert q is not None and q.half_unit == Decimal("0.05")
    assert quantity("77,73") is not None and quantity("77,73").half_unit == Decimal("0.005")  # type: ignore[union-attr]
    assert quantity("746.184") is not None and quantity("746.184").half_unit == Decimal("0.5")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("prose", "found"),
    [
        ("diện tích 306,37 km² có 15 xã", ["306,37", "15"]),
        ("kinh phí 1.416.500.000 đồng, đạt 88,6%", ["1.416.500.000", "88,6"]),
        ("ước tính 160.184,7 m³ gỗ", ["160.184,7"]),
        ("tỷ lệ bản đồ 1/500", []),  # a scale, not two numbers
        ("ngày 29/8/2023", []),  # a date's parts are not quantities
        ("Mục 3.2.1 và 1.1.", []),  # heading numbers
    ],
)
def test_number_prescan_delimits_whole_figures(prose: str, found: list[str]) -> None:
    assert [m.group() for m in STANDALONE_NUMBER.finditer(prose)] == found


# -- dates: (text, kind, day, day_end, month, year, year_end, valid) --------------------------------
DateCase = tuple[str, str, "int | None", "int | None", "int | None", int, "int | None", bool]
DATES: list[DateCase] = [
    ("ngày 29/8/2023", "date", 29, None, 8, 2023, None, True),
    ("29/8/2023", "date", 29, None, 8, 2023, None, True),
    ("ngày 14/7/2015", "date", 14, None, 7, 2015, None, True),  # SEED
    ("ngày 07/01/2019", "date", 7, None, 1, 2019, None, True),  # SEED
    ("ngày 03/6/2013", "date", 3, None, 6, 2013, None, True),  # SEED
    ("ngày 28/02/2022", "date", 28, None, 2, 2022, None, True),  # SEED
    ("ngày 30/11/2023", "date", 30, None, 11, 2023, None, True),  # SEED
    ("ngày 03/08/2023", "date", 3, None, 8, 2023, None, True),  # SEED
    ("ngày 5/5/2022", "date", 5, None, 5, 2022, None, True),  # SEED
    ("ngày 29/02/2024", "date", 29, None, 2, 2024, None, True),  # leap year
    ("29.8.2023", "date", 29, None, 8, 2023, None, True),
    ("29-8-2023", "date", 29, None, 8, 2023, None, True),
    ("ngày 29 tháng 8 năm 2023", "date", 29, None, 8, 2023, None, True),  # SEED (004 date line)
    ("ngày 01 tháng 01 năm 2024", "date", 1, None, 1, 2024, None, True),
    ("Ngày 15 tháng 12 năm 2023", "date", 15, None, 12, 2023, None, True),
    ("29-30/11/2023", "range", 29, 30, 11, 2023, None, True),
    ("ngày 29-30/11/2023", "range", 29, 30, 11, 2023, None, True),
    ("01-03/6/2022", "range", 1, 3, 6, 2022, None, True),
    ("tháng 09/2023", "month", None, None, 9, 2023, None, True),
    ("tháng 9/2013", "month", None, None, 9, 2013, None, True),  # SEED
    ("tháng 12/2022", "month", None, None, 12, 2022, None, True),
    ("tháng 8 năm 2023", "month", None, None, 8, 2023, None, True),
    ("năm 2023", "year", None, None, None, 2023, None, True),
    ("Năm 2020", "year", None, None, None, 2020, None, True),
    ("năm 1999", "year", None, None, None, 1999, None, True),
    ("6 tháng đầu năm 2020", "half", None, None, None, 2020, None, True),
    ("06 tháng cuối năm 2021", "half", None, None, None, 2021, None, True),
    ("9 tháng đầu năm 2023", "half", None, None, None, 2023, None, True),
    ("giai đoạn 2021-2025", "period", None, None, None, 2021, 2025, True),  # SEED
    ("giai đoạn 2022-2025", "period", None, None, None, 2022, 2025, True),  # SEED
    ("giai đoạn 2021-2030", "period", None, None, None, 2021, 2030, True),  # SEED
    ("giai đoạn 2021 - 2025", "period", None, None, None, 2021, 2025, True),
    ("giai đoạn 2021 đến 2025", "period", None, None, None, 2021, 2025, True),
    ("giai đoạn từ năm 2016 đến năm 2020", "period", None, None, None, 2016, 2020, True),
    ("nhiệm kỳ 2020-2025", "period", None, None, None, 2020, 2025, True),  # SEED
    ("thời kỳ 2011-2020", "period", None, None, None, 2011, 2020, True),
    ("từ năm 2021 đến năm 2025", "period", None, None, None, 2021, 2025, True),
    ("ngày 10/02/2015", "date", 10, None, 2, 2015, None, True),  # SEED
    ("ngày 31/12/2023", "date", 31, None, 12, 2023, None, True),
    ("ngày 1/1/2000", "date", 1, None, 1, 2000, None, True),
    ("tháng 01/2024", "month", None, None, 1, 2024, None, True),
    ("sáu tháng đầu năm 2022", "half", None, None, None, 2022, None, True),
    ("nhiệm kỳ 2015 - 2020", "period", None, None, None, 2015, 2020, True),
    # impossible dates: parsed (so a rule can point at them) and flagged
    ("31/02/2023", "date", 31, None, 2, 2023, None, False),
    ("ngày 29/02/2023", "date", 29, None, 2, 2023, None, False),  # not a leap year
    ("ngày 31/4/2023", "date", 31, None, 4, 2023, None, False),
    ("ngày 5/13/2023", "date", 5, None, 13, 2023, None, False),
    ("ngày 0/5/2023", "date", 0, None, 5, 2023, None, False),
    ("ngày 32 tháng 1 năm 2023", "date", 32, None, 1, 2023, None, False),
    ("30-31/11/2023", "range", 30, 31, 11, 2023, None, False),
    ("ngày 31/11/2023", "date", 31, None, 11, 2023, None, False),
    ("ngày 31 tháng 6 năm 2022", "date", 31, None, 6, 2022, None, False),
    ("30-29/11/2023", "range", 30, 29, 11, 2023, None, False),  # a range that runs backwards
    ("tháng 13/2023", "month", None, None, 13, 2023, None, False),
    ("tháng 0/2023", "month", None, None, 0, 2023, None, False),
    ("giai đoạn 2025-2021", "period", None, None, None, 2025, 2021, False),
]


@pytest.mark.parametrize(
    ("text", "kind", "day", "day_end", "month", "year", "year_end", "valid"), DATES, ids=[c[0] for c in DATES]
)
def test_dates(
    text: str, kind: str, day: int | None, day_end: int | None, month: int | None, year: int,
    year_end: int | None, valid: bool,
) -> None:
    found = extract_dates(text)
    assert len(found) == 1, found
    d = found[0]
    assert (d.start, d.end) == (0, len(text))  # the pre-scan took the whole expression
    assert (d.kind, d.day, d.day_end, d.month, d.year, d.year_end) == (kind, day, day_end, month, year, year_end)
    assert d.valid is valid
    assert (d.problem is None) is valid
    if kind == "date" and valid:
        assert d.date is not None and (d.date.day, d.date.month, d.date.year) == (day, month, year)


@pytest.mark.parametrize(
    "text",
    [
        "1/500",  # a map scale
        "15/19 xã",  # a ratio of communes
        "10/10 huyện",  # SEED
        "12/19 xã",  # SEED
        "1139/1182 hộ",  # SEED
        "4.028/4.574",
        "đạt 88,6%",
        "3.2.1",  # a heading number
        "2021",  # a bare number is not "năm 2021"
        "Kế hoạch số 38/KH-UBND",
        "Quyết định số 04/2015/NĐ-CP",  # a year inside a symbol
        "tháng 13",  # no year
        "ngày 29/8",  # no year: not a full date (a rule may judge it, the grammar does not guess)
    ],
)
def test_not_dates(text: str) -> None:
    assert extract_dates(text) == []


def test_dates_inside_prose_keep_their_offsets() -> None:
    prose = "Thực hiện Kế hoạch số 38/KH-UBND ngày 04/3/2021 của UBND tỉnh, giai đoạn 2021-2025 và năm 2022."
    found = extract_dates(prose)
    assert [(d.kind, prose[d.start : d.end]) for d in found] == [
        ("date", "ngày 04/3/2021"),
        ("period", "giai đoạn 2021-2025"),
        ("year", "năm 2022"),
    ]


def test_period_with_en_dash_in_the_file() -> None:
    # Word writes "2021 – 2025" with an en dash; ingest folds it so the grammar sees "-", and the
    # finding still points at the original characters.
    original = "Kế hoạch giai đoạn 2021 – 2025 của tỉnh.\n"
    assert "\u2013" in original
    src = read_bytes(original.encode("utf-8"), "p.txt")
    found = extract_dates(src.text)
    assert len(found) == 1
    d = found[0]
    assert (d.kind, d.year, d.year_end, d.valid) == ("period", 2021, 2025, True)
    start, end = src.position(d.start), src.position(d.end)
    assert original[start.column - 1 : end.column - 1] == "giai đoạn 2021 – 2025"


def test_whitespace_inside_a_date_is_collapsed_before_parsing() -> None:
    found = extract_dates("ngày  29   tháng 8\nnăm 2023")
    assert len(found) == 1 and (found[0].day, found[0].month, found[0].year) == (29, 8, 2023)


def test_parse_date_span_rejects_non_dates() -> None:
    assert parse_date_span("hôm qua") is None
    assert parse_date_span("29/8") is None


def test_case_count() -> None:
    # The issue asks for at least 100 string → parse cases over numbers, dates and periods.
    assert len(NUMBERS) + len(RATIOS) + len(NOT_NUMBERS) + len(DATES) >= 100


SEED_STRINGS = [c[0] for c in NUMBERS[:1]] + [
    "1.416.500.000", "1.585,450", "10.422,053", "10,26%", "102,09%", "133,3%", "306,37 km²", "160.184,7 m³",
    "1139/1182 hộ", "12/19 xã", "10/10 huyện", "1/10 huyện", "1.495/4.812",
    "ngày 14/7/2015", "ngày 07/01/2019", "ngày 03/6/2013", "ngày 28/02/2022", "ngày 30/11/2023",
    "ngày 03/08/2023", "ngày 5/5/2022", "ngày 29 tháng 8 năm 2023", "tháng 9/2013",
    "giai đoạn 2021-2025", "giai đoạn 2022-2025", "giai đoạn 2021-2030", "nhiệm kỳ 2020-2025",
]


def test_seed_strings_really_occur_in_the_seeds(seeds: dict[str, Path]) -> None:
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in seeds.values())
    missing = [s for s in SEED_STRINGS if s not in corpus]
    assert missing == []


def test_every_seed_date_parses(seeds: dict[str, Path]) -> None:
    # Every span the pre-scan finds in a real report is accepted by the grammar (no silent drops),
    # and the only invalid ones are real impossibilities.
    from checker.entities import DATE_RE

    for path in seeds.values():
        text = read_bytes(path.read_bytes(), path.name).text
        spans = [m.group() for m in DATE_RE.finditer(text)]
        parsed = extract_dates(text)
        assert len(parsed) == len(spans), path.name
        for d in parsed:
            if not d.valid:
                assert d.problem


# -- grammars ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["date", "number", "symbol"])
def test_grammars_load_with_lalr(name: str) -> None:
    # checker/lalr.py runs the tables of this configuration only
    options = full_parser(name).options
    assert (options.parser, options.lexer) == ("lalr", "contextual")


@pytest.mark.parametrize("name", ["date", "number", "symbol"])
def test_grammars_have_no_terminal_collisions(name: str) -> None:
    # strict=True makes Lark check, with interegular, that no two terminals can match the same text
    # (a collision makes the contextual lexer pick one silently).
    pytest.importorskip("interegular")
    Lark(grammar_text(name), parser="lalr", lexer="contextual", strict=True)


def test_a_date_found_in_the_text_keeps_every_parsed_field() -> None:
    # extract_dates copies the (cached) parse to its place field by field, not with dataclasses.replace
    import dataclasses

    from checker.entities import extract_dates, parse_date_span

    text = "Họp ngày 31/12/2023 và giai đoạn 2021 - 2025, ngày 30/02/2024."
    for ref in extract_dates(text):
        parsed = parse_date_span(" ".join(text[ref.start : ref.end].split()))
        assert ref == dataclasses.replace(parsed, start=ref.start, end=ref.end, text=text[ref.start : ref.end])
