"""The document model: header, kind, reporting year, sections, score table, footnotes, closing.

Seed expectations were read off the seed files by eye (header lines, the scoring table of 000, the
signature blocks); counts such as footnotes are recomputed here from the raw file with an independent
regex rather than copied from the checker's output.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from checker.document import build_document, classify_heading
from checker.ingest import read_bytes, read_path
from checker.model import Document

SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def doc_of(text: str, name: str = "t.txt") -> Document:
    return build_document(read_bytes(text.encode("utf-8"), name))


def seed_doc(seeds: dict[str, Path], key: str) -> Document:
    return build_document(read_path(seeds[key]))


# -- header on texts written here -----------------------------------------------------------------
STATE_HEAD = """UBND TỈNH BẮC GIANG
BAN DÂN TỘC
Số: 15/BC-BDT

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Bắc Giang, ngày 15 tháng 12 năm 2023

BÁO CÁO
Công tác dân vận chính quyền của Ban năm 2023

Theo Công văn số 2880/SNV-XDCQ ngày 30/11/2023 của Sở Nội vụ, Ban Dân tộc báo cáo như sau:

I. KẾT QUẢ ĐẠT ĐƯỢC

1. Công tác lãnh đạo

Nội dung báo cáo.

Nơi nhận:
- Sở Nội vụ;
- Lưu: VT.

KT. TRƯỞNG BAN
PHÓ TRƯỞNG BAN



Nguyễn Văn An
"""


def test_state_header_fields() -> None:
    doc = doc_of(STATE_HEAD)
    h = doc.header
    assert h.issuer == "UBND TỈNH BẮC GIANG BAN DÂN TỘC"
    assert h.national_motto and not h.party_motto
    assert h.number is not None
    assert (h.number.number, h.number.symbol, h.number.blank) == ("15", "BC-BDT", False)
    assert h.date_line is not None
    assert h.date_line.place == "Bắc Giang"
    assert h.date_line.date is not None and h.date_line.date.isoformat() == "2023-12-15"
    assert not h.date_line.blank
    assert h.doc_type == "BÁO CÁO"
    assert h.summary == "Công tác dân vận chính quyền của Ban năm 2023"
    assert doc.kind == "state"
    # Spans point at the text they describe.
    src_text = STATE_HEAD
    assert src_text[h.number.start : h.number.end] == "Số: 15/BC-BDT"
    assert h.summary_span is not None and src_text[h.summary_span.start : h.summary_span.end] == h.summary


def test_state_closing_block() -> None:
    doc = doc_of(STATE_HEAD)
    assert doc.recipients is not None
    assert doc.recipients.items == ["Sở Nội vụ;", "Lưu: VT."]
    assert doc.recipients.has_archive
    assert doc.signer is not None
    assert doc.signer.authority == "KT."
    assert doc.signer.title_lines == ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
    assert doc.signer.name == "Nguyễn Văn An"
    # The body ends where Nơi nhận begins; nothing after it is body text.
    assert STATE_HEAD[doc.body_end:].startswith("Nơi nhận")


PARTY_HEAD = """ĐẢNG BỘ TỈNH BẮC GIANG
HUYỆN ỦY YÊN THẾ
*
Số 120-BC/HU

ĐẢNG CỘNG SẢN VIỆT NAM

Yên Thế, ngày   tháng 12 năm 2023

BÁO CÁO
tổng kết công tác dân vận năm 2023

Nơi nhận:
- Ban Dân vận Tỉnh ủy,
- Lưu Văn phòng Huyện ủy.

T/M BAN THƯỜNG VỤ
BÍ THƯ

Trần Thị Bình
"""


def test_party_header_with_blank_day() -> None:
    doc = doc_of(PARTY_HEAD)
    h = doc.header
    assert h.issuer == "ĐẢNG BỘ TỈNH BẮC GIANG HUYỆN ỦY YÊN THẾ"
    assert h.party_motto and not h.national_motto
    assert h.number is not None and (h.number.number, h.number.symbol, h.number.blank) == ("120", "BC/HU", False)
    d = h.date_line
    assert d is not None and d.blank
    assert (d.day, d.month, d.year, d.date) == (None, 12, 2023, None)
    assert doc.kind == "party"
    assert doc.recipients is not None and doc.recipients.has_archive
    assert doc.signer is not None and doc.signer.authority == "T/M"
    assert doc.signer.title_lines == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]
    assert doc.signer.name == "Trần Thị Bình"


@pytest.mark.parametrize(
    ("line", "number", "symbol", "blank"),
    [
        ("Số: 15/BC-BDT", "15", "BC-BDT", False),
        ("Số: /BC-BDT", None, "BC-BDT", True),
        ("Số:     /BC-UBND", None, "BC-UBND", True),
        ("Số 442-BC/TU", "442", "BC/TU", False),
        ("Số: 98-BC/BDVTU", "98", "BC/BDVTU", False),
        ("Số: 1234/BC-UBND", "1234", "BC-UBND", False),
    ],
)
def test_so_line_forms(line: str, number: str | None, symbol: str, blank: bool) -> None:
    doc = doc_of(f"{line}\n\nBÁO CÁO\nKết quả năm 2023\n")
    assert doc.header.number is not None
    n = doc.header.number
    assert (n.number, n.symbol, n.blank) == (number, symbol, blank)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Số: /BC-BDT", "state"),  # no motto: the symbol's form decides (state: NN/TYPE-ISSUER)
        ("Số 442-BC/TU", "party"),  # party: NN-TYPE/ISSUER
    ],
)
def test_kind_from_symbol_form_when_no_motto(line: str, expected: str) -> None:
    doc = doc_of(f"{line}\n\nBÁO CÁO\nKết quả năm 2023\n")
    assert doc.kind == expected
    assert "ký hiệu" in doc.kind_source


@pytest.mark.parametrize(
    ("date_line", "day", "month", "year", "blank"),
    [
        ("Bắc Giang, ngày 29 tháng 8 năm 2023", 29, 8, 2023, False),
        ("Bắc Giang, ngày   tháng 12 năm 2023", None, 12, 2023, True),
        ("Bắc Giang, ngày   tháng    năm 2023", None, None, 2023, True),
        ("Yên Thế, ngày 05 tháng 01 năm 2024", 5, 1, 2024, False),
        ("Hà Nội, ngày 31 tháng 02 năm 2023", 31, 2, 2023, False),  # read as written; invalid date = None
    ],
)
def test_date_line_forms(date_line: str, day: int | None, month: int | None, year: int | None, blank: bool) -> None:
    doc = doc_of(f"Số: 15/BC-UBND\n\n{date_line}\n\nBÁO CÁO\nVề việc gì đó\n")
    d = doc.header.date_line
    assert d is not None
    assert (d.day, d.month, d.year, d.blank) == (day, month, year, blank)
    if day and month and year and not (day == 31 and month == 2):
        assert d.date is not None and (d.date.day, d.date.month, d.date.year) == (day, month, year)
    else:
        assert d.date is None


# -- reporting year -----------------------------------------------------------------------------------
def test_reporting_year_prefers_title_over_date_line() -> None:
    doc = doc_of("Bắc Giang, ngày 10 tháng 1 năm 2024\n\nBÁO CÁO\nKết quả công tác năm 2023\n\nNội dung.\n")
    ry = doc.reporting_year
    assert (ry.year, ry.source) == (2023, "title")
    assert ry.candidates["date line"] == 2024


def test_reporting_year_from_the_request_when_title_has_none() -> None:
    text = (
        "Bắc Giang, ngày 10 tháng 1 năm 2024\n\nBÁO CÁO\nKết quả công tác dân vận chính quyền\n\n"
        "Thực hiện Công văn số 12/SNV-XDCQ ngày 05/01/2024 của Sở Nội vụ về việc báo cáo kết quả năm 2023, "
        "Ban báo cáo như sau:\n\nNội dung.\n"
    )
    ry = doc_of(text).reporting_year
    assert (ry.year, ry.source) == (2023, "request")


def test_reporting_year_falls_back_to_date_line_then_override() -> None:
    text = "Bắc Giang, ngày 10 tháng 1 năm 2024\n\nBÁO CÁO\nKết quả công tác dân vận chính quyền\n\nNội dung.\n"
    assert (doc_of(text).reporting_year.year, doc_of(text).reporting_year.source) == (2024, "date line")
    src = read_bytes(text.encode(), "t.txt")
    ry = build_document(src, year_override=2022).reporting_year
    assert (ry.year, ry.source) == (2022, "--year")
    assert doc_of("Nội dung không có năm.\n").reporting_year.source == "none"


def test_citation_date_in_title_is_not_the_reporting_year() -> None:
    # The year in "ngày 03/6/2013" belongs to the cited resolution, not to the report.
    doc = doc_of(
        "Bắc Giang, ngày 29 tháng 8 năm 2023\n\nBÁO CÁO\n"
        "Tổng kết 10 năm Nghị quyết số 25-NQ/TW ngày 03/6/2013\n\nNội dung.\n"
    )
    assert doc.reporting_year.year == 2023
    assert doc.reporting_year.source == "date line"


# -- sections -------------------------------------------------------------------------------------------
SECTIONS = """BÁO CÁO
Kết quả năm 2023

Phần thứ nhất
KẾT QUẢ

I- ĐẶC ĐIỂM TÌNH HÌNH

1. Công tác chỉ đạo

1.1. Ban hành văn bản

1.1.1. Kế hoạch năm

a) Cải cách thể chế

b) Cải cách thủ tục

đ) Tài chính công

1.2. Kiểm tra

2. Kết quả

II. HẠN CHẾ

Tiêu chí 3: Phát triển kinh tế

Phần thứ hai
NHIỆM VỤ

I. NHIỆM VỤ
"""


def test_section_tree_tokens_styles_and_levels() -> None:
    doc = doc_of(SECTIONS)
    flat = [(s.token, s.style, s.level, s.numbers) for s in doc.iter_sections()]
    assert flat == [
        ("Phần thứ nhất", "part", 1, [1]),
        ("I-", "roman", 2, [1]),
        ("1.", "arabic", 3, [1]),
        ("1.1.", "arabic2", 4, [1, 1]),
        ("1.1.1.", "arabic3", 5, [1, 1, 1]),
        ("a)", "letter", 6, [1]),
        ("b)", "letter", 6, [2]),
        ("đ)", "letter", 6, [5]),  # Vietnamese alphabet: a b c d đ
        ("1.2.", "arabic2", 4, [1, 2]),
        ("2.", "arabic", 3, [2]),
        ("II.", "roman", 2, [2]),
        ("Tiêu chí 3", "criterion", 3, [3]),
        ("Phần thứ hai", "part", 1, [2]),
        ("I.", "roman", 2, [1]),
    ]
    roots = doc.sections
    assert [r.token for r in roots] == ["Phần thứ nhất", "Phần thứ hai"]
    first_roman = roots[0].children[0]
    assert first_roman.separator == "-" and first_roman.title == "ĐẶC ĐIỂM TÌNH HÌNH"
    crit = [s for s in doc.iter_sections() if s.style == "criterion"][0]
    assert crit.criterion == 3


def test_section_body_end_is_the_next_heading_of_same_or_higher_rank() -> None:
    doc = doc_of(SECTIONS)
    by_token = {}
    for s in doc.iter_sections():
        by_token.setdefault(s.token, s)
    one = by_token["1."]
    two = by_token["2."]
    assert one.body_end == two.start
    assert SECTIONS[one.start : one.body_end].count("1.1.1.") == 1
    assert by_token["Phần thứ nhất"].body_end == by_token["Phần thứ hai"].start


@pytest.mark.parametrize(
    ("text", "token", "style", "numbers"),
    [
        ("I. KẾT QUẢ", "I.", "roman", [1]),
        ("IV- HẠN CHẾ", "IV-", "roman", [4]),
        ("XII. KHÁC", "XII.", "roman", [12]),
        ("3. Việc cụ thể hóa", "3.", "arabic", [3]),
        ("3.4. Ban Dân tộc", "3.4.", "arabic2", [3, 4]),
        ("4.2.3. Tỷ lệ giảm biên chế", "4.2.3.", "arabic3", [4, 2, 3]),
        ("c) Cải cách tổ chức bộ máy", "c)", "letter", [3]),
        ("Tiêu chí 3: nội dung", "Tiêu chí 3", "criterion", [3]),
        ("Phần thứ hai", "Phần thứ hai", "part", [2]),
        ("PHẦN THỨ BA", "PHẦN THỨ BA", "part", [3]),
    ],
)
def test_classify_heading(text: str, token: str, style: str, numbers: list[int]) -> None:
    found = classify_heading(text)
    assert found is not None
    assert found[:3] == (token, style, numbers)


@pytest.mark.parametrize(
    "text",
    [
        "2023 là năm bản lề",  # a year opening a sentence is not a heading
        "Ivan đến thăm",  # a word that starts with roman letters
        "IIII. Sai",  # not a roman numeral
        "Phần thứ mười lăm",  # a word the checker does not know
        "Năm 2023, tình hình ổn định",
    ],
)
def test_not_headings(text: str) -> None:
    assert classify_heading(text) is None


# -- footnotes -------------------------------------------------------------------------------------------
def test_footnotes_markers_link_to_texts_and_units_are_not_markers() -> None:
    text = (
        "BÁO CÁO\nKết quả năm 2023\n\n"
        "Diện tích 306,37 km² và 13.655 m³ gỗ¹; hiến 600m² đất⁽²⁾.\n\n"
        "Nơi nhận:\n- Lưu: VT.\n\n"
        "¹ Số liệu của Hạt Kiểm lâm.\n"
        "⁽²⁾ Theo báo cáo của UBND xã.\n"
    )
    doc = doc_of(text)
    assert [(f.number, f.text) for f in doc.footnotes] == [
        (1, "Số liệu của Hạt Kiểm lâm."),
        (2, "Theo báo cáo của UBND xã."),
    ]
    assert [m.number for m in doc.footnote_markers] == [1, 2]
    assert [text[m.start : m.end] for m in doc.footnote_markers] == ["¹", "⁽²⁾"]


# -- Markdown pipe score table -------------------------------------------------------------------------
PIPE = """BÁO CÁO
Kết quả tự chấm điểm năm 2023

| TT | Nội dung | Chuẩn | Tự chấm | Tổ kiểm tra chấm | Ghi chú |
|---|---|---|---|---|---|
| 1 | Tiêu chí 1 | 10 | 9,5 | | |
| | Nội dung 1 | 5 | 4,5 | | |
| | Nội dung 2 | 5 | 5 | | |
| 2 | Tiêu chí 2 | 10 | 10 | | |
| | Tổng cộng | 20 | 19,5 | | |
| 3 | Điểm thưởng | 5 | 2 | | |
"""


def test_markdown_pipe_score_table() -> None:
    doc = doc_of(PIPE, "t.md")
    assert doc.tables and doc.tables[0].source == "pipe"
    st = doc.score_table
    assert st is not None
    rows = [(r.kind, r.criterion, r.item, r.cap, r.self_score) for r in st.rows]
    assert rows == [
        ("criterion", 1, None, Decimal(10), Decimal("9.5")),
        ("item", 1, 1, Decimal(5), Decimal("4.5")),
        ("item", 1, 2, Decimal(5), Decimal(5)),
        ("criterion", 2, None, Decimal(10), Decimal(10)),
        ("total", None, None, Decimal(20), Decimal("19.5")),
        ("bonus", None, None, Decimal(5), Decimal(2)),
    ]
    assert not st.has_inspector_column
    assert st.year == 2023
    # Spans point at the written score so a rule's caret lands on it.
    first = st.rows[0]
    assert first.self_span is not None and PIPE[first.self_span.start : first.self_span.end] == "9,5"


# -- the seeds ------------------------------------------------------------------------------------------
SEED_HEADERS = {
    # key: (Số line raw, number, blank, date-line day/month/year, issuer, kind)
    "000": ("Số: /BC-BDT", None, True, (None, 12, 2023), None, "state"),
    "004": ("Số 442-BC/TU", "442", False, (29, 8, 2023), "TỈNH ỦY BẮC GIANG", "party"),
}


@pytest.mark.parametrize("key", sorted(SEED_HEADERS))
def test_seed_headers(seeds: dict[str, Path], key: str) -> None:
    raw, number, blank, dmy, issuer, kind = SEED_HEADERS[key]
    doc = seed_doc(seeds, key)
    h = doc.header
    assert h.number is not None and (h.number.raw, h.number.number, h.number.blank) == (raw, number, blank)
    assert h.date_line is not None and (h.date_line.day, h.date_line.month, h.date_line.year) == dmy
    assert h.date_line.place == "Bắc Giang"
    assert h.issuer == issuer
    assert doc.kind == kind
    assert h.doc_type == "BÁO CÁO"


@pytest.mark.parametrize(
    ("key", "summary_start", "year", "source"),
    [
        ("000", 'Kết quả thực hiện "Năm Dân vận chính quyền" năm 2023', 2023, "title"),
        ("001", "Kết quả chấm điểm công tác", 2020, "title"),
        ("002", "Kết quả thực hiện công tác dân vận", 2023, "title"),
        ("003", "Kết quả thực hiện công tác dân vận của", 2021, "title"),
        # 004's title names 2013 and 2019 only inside citations; the date line gives the year.
        ("004", "Tổng kết 10 năm thực hiện Nghị quyết số 25-NQ/TW", 2023, "date line"),
    ],
)
def test_seed_summary_and_reporting_year(
    seeds: dict[str, Path], key: str, summary_start: str, year: int, source: str
) -> None:
    doc = seed_doc(seeds, key)
    assert doc.header.summary is not None and doc.header.summary.startswith(summary_start)
    assert (doc.reporting_year.year, doc.reporting_year.source) == (year, source)


def test_seed_000_sections(seeds: dict[str, Path]) -> None:
    doc = seed_doc(seeds, "000")
    assert [s.token for s in doc.sections] == ["I.", "II.", "III.", "IV.", "V."]
    assert all(s.style == "roman" and s.level == 1 for s in doc.sections)
    first = doc.sections[0]
    assert [c.token for c in first.children] == [f"{n}." for n in range(1, 9)]
    three = first.children[2]
    assert [c.token for c in three.children] == [f"3.{n}." for n in range(1, 7)]
    assert {c.level for c in three.children} == {3}


def test_seed_001_bold_markdown_headings_and_letters(seeds: dict[str, Path]) -> None:
    doc = seed_doc(seeds, "001")
    tops = [s for s in doc.sections]
    assert [s.token for s in tops] == [f"{n}." for n in range(1, 10)]
    assert [s.criterion for s in tops] == list(range(1, 10))  # "**1. Tiêu chí 1:**"
    letters = [s for s in doc.iter_sections() if s.style == "letter"]
    assert [s.token for s in letters] == ["a)", "b)", "c)", "d)", "đ)", "e)"]
    assert all(s.level == 4 for s in letters)


def test_seed_004_parts_and_dash_romans(seeds: dict[str, Path]) -> None:
    doc = seed_doc(seeds, "004")
    assert [s.token for s in doc.sections] == ["Phần thứ nhất", "Phần thứ hai"]
    romans = [c for c in doc.sections[0].children]
    assert [r.token for r in romans] == ["I-", "II-", "III-", "IV-", "V-"]
    assert all(r.separator == "-" and r.level == 2 for r in romans)


def test_seed_000_score_table(seeds: dict[str, Path]) -> None:
    doc = seed_doc(seeds, "000")
    st = doc.score_table
    assert st is not None and st.year == 2023
    criteria = [r for r in st.rows if r.kind == "criterion"]
    assert [r.criterion for r in criteria] == list(range(1, 10))
    assert all(r.cap == 10 for r in criteria)
    assert [int(r.self_score) for r in criteria if r.self_score is not None] == [10, 10, 9, 10, 10, 10, 10, 10, 10]
    items: dict[int, list] = {}
    for r in st.rows:
        if r.kind == "item":
            items.setdefault(r.criterion, []).append(r)
    assert {c: len(v) for c, v in items.items()} == {1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2, 7: 1, 8: 2, 9: 2}
    assert items[7][0].cap == 10 and items[7][0].label == "Nội dung"
    # Each criterion's self score is the sum of its items' (the seed is consistent).
    for c in criteria:
        assert sum(i.self_score for i in items[c.criterion]) == c.self_score
        assert sum(i.cap for i in items[c.criterion]) == c.cap
    assert items[3][0].self_score == 4
    # "Nội" / "dung 1" broken across a page break is one row again, content joined.
    broken = items[9][0]
    assert (broken.label, broken.item, broken.cap, broken.self_score) == ("Nội dung 1", 1, 5, 5)
    assert "chức năng nhiệm vụ" in broken.content
    # A text-only continuation line ("mình).") belongs to the row above it.
    assert items[4][0].content.endswith("mình).")
    total = next(r for r in st.rows if r.kind == "total")
    assert (total.label, total.cap, total.self_score) == ("Tổng cộng", 90, 89)
    assert total.self_score == sum(c.self_score for c in criteria)
    bonus = next(r for r in st.rows if r.kind == "bonus")
    assert (bonus.cap, bonus.self_score) == (10, 10)
    assert not st.has_inspector_column


# Footnote texts are lines that start with a superscript number, ¹… or ⁽¹⁾…
_FOOTNOTE_TEXT = re.compile(rf"^(?:[{SUP}]+|⁽[{SUP}]+⁾)\s*\S", re.M)


@pytest.mark.parametrize(("key", "expected"), [("000", 11), ("002", 20), ("004", 38), ("001", 0), ("003", 0)])
def test_seed_footnotes_linked(seeds: dict[str, Path], key: str, expected: int) -> None:
    raw = seeds[key].read_text(encoding="utf-8")
    assert len(_FOOTNOTE_TEXT.findall(raw)) == expected  # the count is a fact of the file
    doc = seed_doc(seeds, key)
    assert len(doc.footnotes) == expected
    numbers = [f.number for f in doc.footnotes]
    assert sorted(numbers) == list(range(1, expected + 1))
    markers = [m.number for m in doc.footnote_markers]
    assert sorted(markers) == numbers if expected else markers == []
    text = read_path(seeds[key]).text
    for m in doc.footnote_markers:
        # a marker is never a unit's exponent (km², m³ in 002 and 004)
        assert not re.search(r"(?:^|[\d\s])(?:k?m|ha)$", text[max(0, m.start - 4) : m.start])


@pytest.mark.parametrize(
    ("key", "last_recipient", "authority", "titles"),
    [
        ("000", "Lưu: VT, HCTH.", None, ["TRƯỞNG BAN"]),
        ("001", "Lưu: VT, Thời.", None, ["TRƯỞNG BAN"]),
        ("002", "Lưu: VT.", None, ["CHỦ TỊCH"]),
        ("003", "Lưu: VT, Thời.", "KT.", ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]),
        ("004", "Lưu Văn phòng Tỉnh ủy.", "T/M", ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]),
    ],
)
def test_seed_recipients_and_signer(
    seeds: dict[str, Path], key: str, last_recipient: str, authority: str | None, titles: list[str]
) -> None:
    doc = seed_doc(seeds, key)
    assert doc.recipients is not None
    assert doc.recipients.items[-1] == last_recipient
    assert doc.recipients.has_archive
    assert doc.signer is not None
    assert (doc.signer.authority, doc.signer.title_lines) == (authority, titles)
    # the signer's name is the first line after the last title line (read from the file: real people's
    # names are not copied into the project)
    lines = [ln.strip().strip("*").strip() for ln in seeds[key].read_text(encoding="utf-8").splitlines()]
    last_title = max(i for i, ln in enumerate(lines) if ln == titles[-1])
    name = next(ln for ln in lines[last_title + 1 :] if ln)
    assert re.fullmatch(r"(?:[A-ZĐ\w][\w]+ ){1,4}[A-ZĐ\w][\w]+", name), name
    assert doc.signer.name == name


# The header is looked for in the first _HEADER_SCAN lines (a web page puts its menus first): found by
# its "Số" line when there is no Quốc hiệu, or by a Quốc hiệu cut over two lines.
_CHROME = "".join(f"Trang chủ | Mục {i}\n" for i in range(40))


def test_header_found_after_page_chrome_by_its_number_line() -> None:
    doc = doc_of(_CHROME + "UBND XÃ AN BÌNH\nSố: 12/BC-UBND\n\nBÁO CÁO\nKết quả tiếp dân năm 2023\n")
    assert doc.header.number is not None and doc.header.number.symbol == "BC-UBND"


def test_header_found_after_page_chrome_by_a_motto_on_two_lines() -> None:
    text = _CHROME + (
        "UBND XÃ AN BÌNH\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số 12/BC-UBND\n\nBÁO CÁO\nKết quả tiếp dân năm 2023\n"
    )
    doc = doc_of(text)
    assert doc.header.national_motto and doc.header.number is not None
