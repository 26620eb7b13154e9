"""Issue 12, precision on real prose: the shapes that made citation, date and style rules fire wrongly on the
corpus (web copies, hard-wrapped lines, damaged text layers), each on sentences written for this test, with
the defect next to the harmless shape that looks like it."""

from __future__ import annotations

import pytest

from checker import check
from checker.checks.style import damaged_text
from checker.entities import extract_citations
from checker.report import Finding

HEAD = (
    "ỦY BAN NHÂN DÂN HUYỆN TÂN LẬP\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Số: 21/BC-UBND\n\nTân Lập, ngày 12 tháng 12 năm 2024\n\nBÁO CÁO\nKết quả công tác năm 2024\n\n"
)


def run(text: str, code: str, head: str = HEAD) -> list[Finding]:
    report = check((head + text).encode("utf-8"), name="t.txt", select=[code])
    assert report.error is None
    return [f for f in report.findings if f.rule == code]


# -- TD001: codes in the wrong case or with Ư; công văn symbols; a dash before a title -------------------
@pytest.mark.parametrize(
    ("sentence", "wrong", "right"),
    [
        ("Thực hiện Chỉ thị số 07/CT-TTG ngày 03/02/2024 của Thủ tướng Chính phủ.", "TTG", "07/CT-TTg"),
        ("Quán triệt Nghị quyết số 19-NQ/TƯ ngày 16/6/2022 của Ban Chấp hành Trung ương.", "TƯ", "19-NQ/TW"),
        ("Căn cứ Quyết định số 88/Qđ-UBND ngày 02/3/2024 của Ủy ban nhân dân huyện.", "Qđ", "88/QĐ-UBND"),
    ],
)
def test_miswritten_code_is_named_with_its_right_form(sentence: str, wrong: str, right: str) -> None:
    found = run(sentence, "TD001")
    assert len(found) == 1 and wrong in found[0].message and right in found[0].message


@pytest.mark.parametrize(
    "sentence",
    [
        "Thực hiện Công văn số 412/STP-VP ngày 05/3/2024 của Sở Tư pháp.",  # công văn: issuer-unit
        "Theo Văn bản số 95/PGDĐT-GDTH ngày 11/3/2024 của Phòng Giáo dục và Đào tạo.",
        "Thực hiện Quyết định số 02/2024/QĐ-UBND - Xã Tân Hòa ban hành quy chế dân chủ.",  # title after a dash
        "Thực hiện Chỉ thị số 07/CT-TTg ngày 03/02/2024 của Thủ tướng Chính phủ.",  # right case
    ],
)
def test_correct_symbols_do_not_fire(sentence: str) -> None:
    assert run(sentence, "TD001") == []


def test_title_in_capitals_says_nothing_about_case() -> None:
    title = "TỔNG KẾT THỰC HIỆN QUY ĐỊNH SỐ 09-QĐI/TW, NGÀY 12/5/2019 CỦA BỘ CHÍNH TRỊ\n\nNội dung tổng kết."
    assert run(title, "TD001") == []


# -- TD002: BCT in a state symbol is Bộ Công Thương ---------------------------------------------------------
def test_state_symbol_of_bo_cong_thuong_is_not_a_party_symbol() -> None:
    text = "Căn cứ Quyết định số 1200/QĐ-BCT ngày 04/5/2024 của Bộ trưởng Bộ Công Thương."
    assert run(text, "TD002") == []


def test_party_symbol_in_state_form_still_fires() -> None:
    assert len(run("Thực hiện Kết luận số 21/KL-TW ngày 03/4/2024 của Bộ Chính trị.", "TD002")) == 1


# -- a date written before the symbol is that document's date ------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Ngày 08/01/2024, Ủy ban nhân dân huyện ban hành Quyết định số 05/QĐ-UBND về việc kiện toàn tổ công tác.",
        "Ngày 8 tháng 01 năm 2024, UBND huyện đã ban hành Quyết định số 05/QĐ-UBND kiện toàn tổ công tác.",
        "Ngày 08/01/2024, Chủ tịch UBND huyện ký ban hành Quyết định số 05/QĐ-UBND.",
    ],
)
def test_date_before_the_symbol_is_the_documents_date(sentence: str) -> None:
    (cit,) = [c for c in extract_citations(sentence) if c.number == "05"]
    assert cit.date is not None and (cit.date.year, cit.date.month, cit.date.day) == (2024, 1, 8)


@pytest.mark.parametrize(
    "sentence",
    [
        # another event's date, a clause ends before the citation
        "Ngày 08/01/2024, đoàn kiểm tra làm việc tại xã. Sau đó huyện ban hành Quyết định số 05/QĐ-UBND.",
        # no "ban hành": the date is when something was done under the decision
        "Ngày 08/01/2024, huyện tổ chức hội nghị triển khai Quyết định số 05/QĐ-UBND.",
    ],
)
def test_date_of_another_event_is_not_taken(sentence: str) -> None:
    (cit,) = [c for c in extract_citations(sentence) if c.number == "05"]
    assert cit.date is None


# -- TT003: quotations over several paragraphs, ditto marks, item letters --------------------------------------
def test_quotation_over_several_paragraphs_is_balanced() -> None:
    text = (
        "Sửa đổi Điều 4 như sau:\n\n“Điều 4. Đối tượng áp dụng\n\n1. Cán bộ, công chức cấp xã.\n\n"
        "2. Người hoạt động không chuyên trách ở thôn, tổ dân phố.”\n\nĐiều 2. Hiệu lực thi hành.\n"
    )
    assert run(text, "TT003") == []


def test_two_quotations_in_a_row_each_close() -> None:
    text = (
        "a) Cụm từ “phòng chuyên môn\nthuộc huyện” thay bằng cụm từ “cơ quan\nchuyên môn cấp xã”;\n\n"
        "b) Cụm từ “Trưởng phòng” thay bằng “Thủ trưởng cơ quan”.\n"
    )
    assert run(text, "TT003") == []


def test_unclosed_bracket_still_fires() -> None:
    assert len(run("Hoàn thành tại 04 thôn (Đông, Tây, Nam với 96 hộ tham gia.\n", "TT003")) == 1


def test_ditto_marks_in_a_flattened_table_are_not_quotes() -> None:
    text = 'Cột đơn vị tính\n\nhộ\n\n"\n\n"\n\nngười\n'
    assert run(text, "TT003") == []


def test_letter_then_bracket_closes_an_open_bracket() -> None:
    # "(Ký, ghi rõ họ, n)": the letter before ")" is no item number when a bracket is open
    assert run("Người lập biểu\n\n(Ký, ghi rõ họ, n)\n", "TT003") == []


# -- TT001: "số số N" and repeated header cells ------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Đề nghị xác định mã số số 12-03/CV của công ty.",
        "Luật Chuyển đổi số số 12/2024/QH15 quy định như sau.",
        "Số hộ Số hộ 2021 2022 2023 2024 120 132 140 151",
    ],
)
def test_compound_then_number_is_not_a_doubled_word(text: str) -> None:
    assert run(text + "\n", "TT001") == []


def test_doubled_function_word_still_fires() -> None:
    assert len(run("Giá hầu hết các các mặt hàng ổn định.\n", "TT001")) == 1


# -- TT010: a web page's own dates are not the document's ----------------------------------------------------------
def test_site_stamps_do_not_count_as_a_second_style() -> None:
    text = (
        "Thứ Hai, 05/02/2024, 09:15\n\nNgày đăng: 06/02/2024\n\n| Ngày ban hành | 01/02/2024 |\n\n"
        "Căn cứ Kế hoạch số 10/KH-UBND ngày 5/3/2024 và Công văn số 22/UBND-VP ngày 7/5/2024.\n"
    )
    assert [f for f in run(text, "TT010") if "Dòng ngày tháng" not in f.message] == []


def test_two_styles_in_the_body_still_fire() -> None:
    text = "Căn cứ Kế hoạch số 10/KH-UBND ngày 05/03/2024 và Công văn số 22/UBND-VP ngày 7/5/2024; ngày 8/6/2024.\n"
    assert any("Dòng ngày tháng" not in f.message for f in run(text, "TT010"))


# -- damaged text layers are not judged for punctuation ---------------------------------------------------------------
@pytest.mark.parametrize(
    "span",
    [
        '!"# $%"&\'( )*&+ ) ,-)+./,# )0$%"&\'(',  # a legacy font read as ASCII
        "U BAN NH N D N T NH C NG HOÀ X H I CH NGH A VI T NAM",  # letters lost from a PDF
    ],
)
def test_damaged_spans_are_recognised(span: str) -> None:
    assert damaged_text(span, 0, len(span))


@pytest.mark.parametrize(
    "span",
    [
        "Tổ chức 12 hội nghị (có 1.240 lượt người dự), đạt 104% kế hoạch.",
        "Điểm a, b và c khoản 2 Điều 5 Nghị định số 30/2020/NĐ-CP.",
    ],
)
def test_prose_is_not_damaged(span: str) -> None:
    assert not damaged_text(span, 0, len(span))


def test_latin_oi_from_a_pdf_is_read_as_u_horn() -> None:
    from checker.ingest import read_bytes

    src = read_bytes("Kết quả đƣợc Ƣớc tính theo kế hoạch".encode(), "t.txt")
    assert src.text == "Kết quả được Ước tính theo kế hoạch"
    assert src.position(src.text.index("Ước")).column == 14  # offsets still map to the file


# -- the report's own Số line is judged like every citation -------------------------------------------------------
def _own(number_line: str, doc_type: str = "BÁO CÁO") -> list[Finding]:
    head = (
        "ỦY BAN NHÂN DÂN HUYỆN TÂN LẬP\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        f"{number_line}\n\nTân Lập, ngày 12 tháng 12 năm 2024\n\n{doc_type}\nKết quả công tác năm 2024\n\n"
    )
    report = check((head + "Nội dung báo cáo.\n").encode(), name="t.txt", select=["TD001", "TD003"])
    assert report.error is None
    return report.findings


@pytest.mark.parametrize(
    ("line", "doc_type", "rule"),
    [
        ("Số:  45  /BC-UBND", "BÁO CÁO", "TD001"),  # spaces in the symbol
        ("Số: 88/BCUBND", "BÁO CÁO", "TD001"),  # hyphen lost between type and issuer
        ("Số: 12/CT-UBND", "QUYẾT ĐỊNH", "TD003"),  # a Chỉ thị code on a Quyết định
        ("Số: 30-BC/TƯ", "BÁO CÁO", "TD001"),  # Ư for W
    ],
)
def test_own_number_defects_fire(line: str, doc_type: str, rule: str) -> None:
    assert [f.rule for f in _own(line, doc_type)] == [rule]


@pytest.mark.parametrize(
    ("line", "doc_type"),
    [("Số: 12/QĐ-UBND", "QUYẾT ĐỊNH"), ("Số: 07-BC/HU", "BÁO CÁO"), ("Số:    /BC-UBND", "BÁO CÁO"), ("Số 15/BC-UBND", "BÁO CÁO")],
)
def test_correct_or_blank_own_numbers_do_not_fire(line: str, doc_type: str) -> None:
    assert _own(line, doc_type) == []


# -- TD004: the same document with and without the year part of its number --------------------------------------------
def test_number_with_and_without_its_year_fires() -> None:
    text = (
        "Thực hiện Quyết định số 15/2021/QĐ-UBND ngày 04/3/2021 của UBND tỉnh. "
        "Theo Quyết định số 15/QĐ-UBND của UBND tỉnh, các xã triển khai.\n"
    )
    found = run(text, "TD004")
    assert len(found) == 1 and "15/2021/QĐ-UBND" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        # dated in another year: numbers restart each year, so another document
        "Thực hiện Quyết định số 15/2021/QĐ-UBND ngày 04/3/2021 của UBND tỉnh. "
        "Theo Quyết định số 15/QĐ-UBND ngày 08/01/2024 của UBND tỉnh.\n",
        # written the same way twice
        "Thực hiện Quyết định số 15/2021/QĐ-UBND ngày 04/3/2021 của UBND tỉnh; Quyết định số 15/2021/QĐ-UBND.\n",
    ],
)
def test_other_documents_or_one_form_do_not_fire(text: str) -> None:
    assert run(text, "TD004") == []
