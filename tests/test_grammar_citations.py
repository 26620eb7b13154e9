"""Citations as the pre-scan and grammar/symbol.lark read them: symbol, form, type code, issuer codes, date.

Expected values are written from the meaning of each string (how a Vietnamese reader reads the
citation), not copied from the checker's output. Strings marked SEED occur in ../shared/seeds; the
rest are variants and malformed forms written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from checker.entities import extract_citations, parse_symbol

D = dt.date

# (text, symbol without spaces, form, type_code, issuer_codes, year_in_symbol, date)
CASES: list[tuple[str, str, str, str | None, list[str], int | None, dt.date | None]] = [
    # -- state form, from the seeds --
    (
        "Công văn số 2880/SNV-XDCQ ngày 30/11/2023",
        "2880/SNV-XDCQ",
        "state",
        "SNV",
        ["XDCQ"],
        None,
        D(2023, 11, 30),
    ),  # SEED
    (
        "Quyết định số 127/2015/QĐ-UBND ngày 08/4/2015",
        "127/2015/QĐ-UBND",
        "state",
        "QĐ",
        ["UBND"],
        2015,
        D(2015, 4, 8),
    ),  # SEED
    (
        "Quyết định số 70/QĐ-UBND ngày 23/01/2021",
        "70/QĐ-UBND",
        "state",
        "QĐ",
        ["UBND"],
        None,
        D(2021, 1, 23),
    ),  # SEED
    (
        "Kế hoạch số 104/KH-UBND ngày 01/6/2016",
        "104/KH-UBND",
        "state",
        "KH",
        ["UBND"],
        None,
        D(2016, 6, 1),
    ),  # SEED
    (
        "Kế hoạch số 104/KH-UBND ngày 01/6/2015",
        "104/KH-UBND",
        "state",
        "KH",
        ["UBND"],
        None,
        D(2015, 6, 1),
    ),  # SEED
    (
        "Chỉ thị số 16/CT-TTg ngày 16/5/2016",
        "16/CT-TTg",
        "state",
        "CT",
        ["TTg"],
        None,
        D(2016, 5, 16),
    ),  # SEED
    (
        "Chỉ thị số 16/CT-TTg của ngày 16/5/2016",
        "16/CT-TTg",
        "state",
        "CT",
        ["TTg"],
        None,
        D(2016, 5, 16),
    ),  # SEED
    (
        "Chỉ thị số 33/CT-TTg ngày 26/11/2021",
        "33/CT-TTg",
        "state",
        "CT",
        ["TTg"],
        None,
        D(2021, 11, 26),
    ),  # SEED
    (
        "Nghị quyết số 01/2022/NQ-HĐND ngày 06/4/2022",
        "01/2022/NQ-HĐND",
        "state",
        "NQ",
        ["HĐND"],
        2022,
        D(2022, 4, 6),
    ),  # SEED
    (
        "Nghị quyết số 09/NQ-HĐND ngày 12/7/2022",
        "09/NQ-HĐND",
        "state",
        "NQ",
        ["HĐND"],
        None,
        D(2022, 7, 12),
    ),  # SEED
    (
        "Thông tư số 01/2016/TT-BNV ngày 13/01/2016",
        "01/2016/TT-BNV",
        "state",
        "TT",
        ["BNV"],
        2016,
        D(2016, 1, 13),
    ),  # SEED
    (
        "Nghị định số 04/2015/NĐ-CP ngày 09/01/2015",
        "04/2015/NĐ-CP",
        "state",
        "NĐ",
        ["CP"],
        2015,
        D(2015, 1, 9),
    ),  # SEED
    ("Nghị định 145/2020/NĐ-CP của Chính phủ", "145/2020/NĐ-CP", "state", "NĐ", ["CP"], 2020, None),  # SEED
    (
        "Nghị quyết số 88/2019/QH14 ngày 18/11/2019",
        "88/2019/QH14",
        "state",
        "QH14",
        [],
        2019,
        D(2019, 11, 18),
    ),  # SEED
    ("Pháp lệnh 34/2007/PL-UBTVQH11", "34/2007/PL-UBTVQH11", "state", "PL", ["UBTVQH11"], 2007, None),  # SEED
    (
        "Công văn số 887/UBND-NC ngày 26/3/2020",
        "887/UBND-NC",
        "state",
        "UBND",
        ["NC"],
        None,
        D(2020, 3, 26),
    ),  # SEED
    (
        "Công văn số 2065/SNV-XDCQ&CTTN ngày 07/10/2020",
        "2065/SNV-XDCQ&CTTN",
        "state",
        "SNV",
        ["XDCQ&CTTN"],
        None,
        D(2020, 10, 7),
    ),  # SEED
    (
        "Chương trình phối hợp số 108a/CTrPH-BDT-SGDĐT ngày 07/3/2019",
        "108a/CTrPH-BDT-SGDĐT",
        "state",
        "CTrPH",
        ["BDT", "SGDĐT"],
        None,
        D(2019, 3, 7),
    ),  # SEED
    (
        "Chương trình số 02/CTr-UBND-BDVHU ngày 28/02/2022",
        "02/CTr-UBND-BDVHU",
        "state",
        "CTr",
        ["UBND", "BDVHU"],
        None,
        D(2022, 2, 28),
    ),  # SEED
    (
        "Kế hoạch 206/KH-BDT ngày 24/03/2023",
        "206/KH-BDT",
        "state",
        "KH",
        ["BDT"],
        None,
        D(2023, 3, 24),
    ),  # SEED
    (
        "Quyết định số 838/QĐ-UBND ngày 03/08/2023",
        "838/QĐ-UBND",
        "state",
        "QĐ",
        ["UBND"],
        None,
        D(2023, 8, 3),
    ),  # SEED
    (
        "Chỉ thị số 02/CT-UBND ngày 5/01/2018",
        "02/CT-UBND",
        "state",
        "CT",
        ["UBND"],
        None,
        D(2018, 1, 5),
    ),  # SEED
    (
        "Quyết định số 1227/QĐ-TTg ngày 14/7/2021",
        "1227/QĐ-TTg",
        "state",
        "QĐ",
        ["TTg"],
        None,
        D(2021, 7, 14),
    ),  # SEED
    (
        "Thông báo số 04/TB-BDT ngày 06/01/2020",
        "04/TB-BDT",
        "state",
        "TB",
        ["BDT"],
        None,
        D(2020, 1, 6),
    ),  # SEED
    ("Báo cáo số 231/BC-BDT về tổng kết", "231/BC-BDT", "state", "BC", ["BDT"], None, None),  # SEED
    (
        "QUYẾT ĐỊNH 274/QĐ-UBND NGÀY 26/5/2017",
        "274/QĐ-UBND",
        "state",
        "QĐ",
        ["UBND"],
        None,
        D(2017, 5, 26),
    ),  # SEED
    # -- Party form, from the seeds --
    (
        "Kết luận số 114-KL/TW ngày 14/7/2015",
        "114-KL/TW",
        "party",
        "KL",
        ["TW"],
        None,
        D(2015, 7, 14),
    ),  # SEED
    (
        "Quyết định số 23-QĐ/TW ngày 30/7/2021",
        "23-QĐ/TW",
        "party",
        "QĐ",
        ["TW"],
        None,
        D(2021, 7, 30),
    ),  # SEED
    ("Nghị quyết số 25-NQ/TW ngày 03/6/2013", "25-NQ/TW", "party", "NQ", ["TW"], None, D(2013, 6, 3)),  # SEED
    (
        "Kế hoạch số 98-KH/BDVTU-BCSĐUBND ngày 17/02/2020",
        "98-KH/BDVTU-BCSĐUBND",
        "party",
        "KH",
        ["BDVTU", "BCSĐUBND"],
        None,
        D(2020, 2, 17),
    ),  # SEED
    (
        "Chương trình phối hợp số 07-CTPH/BDVTU-BDT ngày 03/02/2016",
        "07-CTPH/BDVTU-BDT",
        "party",
        "CTPH",
        ["BDVTU", "BDT"],
        None,
        D(2016, 2, 3),
    ),  # SEED
    (
        "Quy định số 01-QĐi/TU ngày 19/4/2018",
        "01-QĐi/TU",
        "party",
        "QĐi",
        ["TU"],
        None,
        D(2018, 4, 19),
    ),  # SEED
    (
        "Quy định số 01-QĐi/TU ngày 24/4/2018",
        "01-QĐi/TU",
        "party",
        "QĐi",
        ["TU"],
        None,
        D(2018, 4, 24),
    ),  # SEED
    (
        "Công văn số 348a-CV/BDVTW ngày 06/9/2021",
        "348a-CV/BDVTW",
        "party",
        "CV",
        ["BDVTW"],
        None,
        D(2021, 9, 6),
    ),  # SEED
    (
        "Chương trình hành động số 44-CTr/TU ngày 08/8/2013",
        "44-CTr/TU",
        "party",
        "CTr",
        ["TU"],
        None,
        D(2013, 8, 8),
    ),  # SEED
    ("Đề án số 01-ĐA/TU ngày 20/7/2021", "01-ĐA/TU", "party", "ĐA", ["TU"], None, D(2021, 7, 20)),  # SEED
    (
        "Hướng dẫn 01-HD/BDVTW ngày 16/3/2021",
        "01-HD/BDVTW",
        "party",
        "HD",
        ["BDVTW"],
        None,
        D(2021, 3, 16),
    ),  # SEED
    ("Quy chế số 08-QC/HU ngày 31/3/2023", "08-QC/HU", "party", "QC", ["HU"], None, D(2023, 3, 31)),  # SEED
    ("Kế hoạch số 20-KH/HU, ngày 2/4/2021", "20-KH/HU", "party", "KH", ["HU"], None, D(2021, 4, 2)),  # SEED
    (
        "Kết luận số 120-KL/TW, ngày 07/01/2016",
        "120-KL/TW",
        "party",
        "KL",
        ["TW"],
        None,
        D(2016, 1, 7),
    ),  # SEED
    (
        "Công văn số 1162-CV/HU, ngày 18/9/2019",
        "1162-CV/HU",
        "party",
        "CV",
        ["HU"],
        None,
        D(2019, 9, 18),
    ),  # SEED
    ("Chỉ thị 49-CT/TW ngày 20/10/2015", "49-CT/TW", "party", "CT", ["TW"], None, D(2015, 10, 20)),  # SEED
    # -- malformed, from the seeds (the rules judge them; the parse must still be right) --
    ("Kết luận số 01- KL/TW ngày 18/5/2021", "01-KL/TW", "party", "KL", ["TW"], None, D(2021, 5, 18)),  # SEED
    (
        "Kế hoạch số 110 -KH/HU ngày 21/3/2023",
        "110-KH/HU",
        "party",
        "KH",
        ["HU"],
        None,
        D(2023, 3, 21),
    ),  # SEED
    (
        "Quyết định số 1847/QĐ- TTg ngày 27/12/2018",
        "1847/QĐ-TTg",
        "state",
        "QĐ",
        ["TTg"],
        None,
        D(2018, 12, 27),
    ),  # SEED
    (
        "Quyết định số 677/QĐUBND ngày 02/4/2007",
        "677/QĐUBND",
        "state",
        "QĐUBND",
        [],
        None,
        D(2007, 4, 2),
    ),  # SEED
    (
        "Quyết định số 75/2007QĐ-TTg ngày 30/8/2007",
        "75/2007QĐ-TTg",
        "state",
        "2007QĐ",
        ["TTg"],
        None,
        D(2007, 8, 30),
    ),  # SEED
    (
        "Chỉ thị số 16-CT/TTg ngày 16/5/2016",
        "16-CT/TTg",
        "party",
        "CT",
        ["TTg"],
        None,
        D(2016, 5, 16),
    ),  # SEED
    (
        "Chỉ thị số 33-CT/TTg ngày 26/11/2021",
        "33-CT/TTg",
        "party",
        "CT",
        ["TTg"],
        None,
        D(2021, 11, 26),
    ),  # SEED
    ("Kết luận số 120/KL-TU của BTV Tỉnh ủy", "120/KL-TU", "state", "KL", ["TU"], None, None),  # SEED
    ("Kết luận số 54-KH/TU ngày 3/3/2021", "54-KH/TU", "party", "KH", ["TU"], None, D(2021, 3, 3)),  # SEED
    ("Nghị quyết số 85-QC/HU ngày 2/6/2022", "85-QC/HU", "party", "QC", ["HU"], None, D(2022, 6, 2)),  # SEED
    (
        "Kế hoạch số 30-KH/BCSD-BDVTU ngày 18/8/2021",
        "30-KH/BCSD-BDVTU",
        "party",
        "KH",
        ["BCSD", "BDVTU"],
        None,
        D(2021, 8, 18),
    ),  # SEED
    # -- own variants --
    (
        "Quyết định số 05/2024/QĐ-UBND ngày 05 tháng 02 năm 2024",
        "05/2024/QĐ-UBND",
        "state",
        "QĐ",
        ["UBND"],
        2024,
        D(2024, 2, 5),
    ),
    (
        "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020",
        "30/2020/NĐ-CP",
        "state",
        "NĐ",
        ["CP"],
        2020,
        D(2020, 3, 5),
    ),
    ("Hướng dẫn số 36-HD/VPTW ngày 03-4-2018", "36-HD/VPTW", "party", "HD", ["VPTW"], None, D(2018, 4, 3)),
    ("Quy định số 66-QĐ/TW ngày 06.02.2017", "66-QĐ/TW", "party", "QĐ", ["TW"], None, D(2017, 2, 6)),
    ("Luật số 10/2022/QH15 ngày 10/11/2022", "10/2022/QH15", "state", "QH15", [], 2022, D(2022, 11, 10)),
    ("Tờ trình số 89/TTr-SNV ngày 14/4/2017", "89/TTr-SNV", "state", "TTr", ["SNV"], None, D(2017, 4, 14)),
    (
        "Kế hoạch số 15/KH-UBND-MTTQ ngày 10/3/2023",
        "15/KH-UBND-MTTQ",
        "state",
        "KH",
        ["UBND", "MTTQ"],
        None,
        D(2023, 3, 10),
    ),
    ("Thông báo kết luận số 12-TB/TU ngày 04/5/2022", "12-TB/TU", "party", "TB", ["TU"], None, D(2022, 5, 4)),
    (
        "Quyết định số 1234 /QĐ-UBND ngày 12/12/2022",
        "1234/QĐ-UBND",
        "state",
        "QĐ",
        ["UBND"],
        None,
        D(2022, 12, 12),
    ),
    ("Kế hoạch số 45/kh-ubnd ngày 16/3/2023", "45/kh-ubnd", "state", "kh", ["ubnd"], None, D(2023, 3, 16)),
    ("Kế hoạch số 33--KH/TU ngày 16/3/2021", "33--KH/TU", "unknown", None, [], None, D(2021, 3, 16)),
    ("Quyết định số 274 ngày 26/5/2017", "274", "number_only", None, [], None, D(2017, 5, 26)),
    ("Nghị định 68 của Chính phủ", "68", "number_only", None, [], None, None),
    ("Báo cáo số 15/BC-UBND ngày 15/12/2023", "15/BC-UBND", "state", "BC", ["UBND"], None, D(2023, 12, 15)),
    (
        "Quyết định số 12/QĐ-UBND ngày 31/02/2023",
        "12/QĐ-UBND",
        "state",
        "QĐ",
        ["UBND"],
        None,
        None,
    ),  # impossible date
]


@pytest.mark.parametrize(("text", "symbol", "form", "type_code", "issuers", "year", "date"), CASES)
def test_citation_parse(
    text: str,
    symbol: str,
    form: str,
    type_code: str | None,
    issuers: list[str],
    year: int | None,
    date: dt.date | None,
) -> None:
    found = extract_citations(text)
    assert found, f"no citation in {text!r}"
    c = found[0]
    assert c.symbol == symbol
    assert c.form == form
    assert c.type_code == type_code
    assert c.issuer_codes == issuers
    assert c.year_in_symbol == year
    assert c.date == date


def test_enough_cases() -> None:
    assert len(CASES) >= 60


def test_impossible_date_is_marked_invalid() -> None:
    c = extract_citations("Quyết định số 12/QĐ-UBND ngày 31/02/2023")[0]
    assert c.date is None and c.date_valid is False and c.date_text == "31/02/2023"


def test_issuer_is_cut_at_the_subject() -> None:
    c = extract_citations("Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư về dân vận ở cơ sở")[0]
    assert c.issuer == "Ban Bí thư"
    c = extract_citations(
        "Kế hoạch số 76-KH/BDVTU-BCSĐUBND ngày 09/3/2021 giữa Ban Dân vận Tỉnh ủy với Ban cán sự"
    )[0]
    assert c.issuer == "Ban Dân vận Tỉnh ủy"


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch 2023 của đơn vị",  # a year, not a number
        "kế hoạch năm 2024",
        "Quyết định của Chủ tịch UBND tỉnh",
        "Báo cáo kết quả năm 2023",
    ],
)
def test_not_a_citation(text: str) -> None:
    assert extract_citations(text) == []


def test_several_citations_in_one_sentence_keep_their_spans() -> None:
    text = "Chỉ thị số 05-CT/TW và Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị"  # SEED-like
    cs = extract_citations(text)
    assert [c.symbol for c in cs] == ["05-CT/TW", "01-KL/TW"]
    assert cs[0].date is None and cs[1].date == D(2021, 5, 18)
    assert text[cs[1].symbol_start : cs[1].symbol_end] == "01-KL/TW"


@pytest.mark.parametrize(
    ("raw", "number", "groups"),
    [
        ("114-KL/TW", "114", [("-", "KL"), ("/", "TW")]),
        ("04/2015/NĐ-CP", "04", [("/", "2015"), ("/", "NĐ"), ("-", "CP")]),
        ("01- KL/TW", "01", [("-", "KL"), ("/", "TW")]),
        ("33--KH/TU", "33", [("--", "KH"), ("/", "TU")]),
        ("108a/CTrPH-BDT-SGDĐT", "108a", [("/", "CTrPH"), ("-", "BDT"), ("-", "SGDĐT")]),
    ],
)
def test_symbol_grammar(raw: str, number: str, groups: list[tuple[str, str]]) -> None:
    assert parse_symbol(raw) == (number, groups)


def test_citations_of_one_symbol_share_its_reading_but_not_their_lists() -> None:
    # a symbol is read once per process (grammar, interpretation); each citation still owns its lists
    text = "Theo Quyết định số 12/QĐ-UBND và Quyết định số 12/QĐ-UBND ngày 05/01/2024 của UBND tỉnh."
    first, second = extract_citations(text)
    assert (first.codes, first.issuer_codes, first.seps) == (["QĐ", "UBND"], ["UBND"], ["/", "-"])
    assert first.codes == second.codes and first.codes is not second.codes
    assert first.issuer_codes is not second.issuer_codes and first.seps is not second.seps
    assert second.date is not None and first.date is None
