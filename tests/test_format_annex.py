"""An annex sent as its own Word file ("PHỤ LỤC … (Kèm theo Báo cáo số …)") takes the thể thức of the
document it goes with; an annex of a law, decree or circular is normative and gets no TH finding; a
file that is neither a document nor an annex gets none either."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Mm

from checker import check


def _annex(parent_line: str, heading: str = "PHỤ LỤC", letter: bool = True) -> bytes:
    doc = Document()
    section = doc.sections[0]
    if letter:
        section.page_width, section.page_height = Mm(215.9), Mm(279.4)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    for text in (heading, "SỐ LIỆU TIẾP CÔNG DÂN NĂM 2024 CỦA XÃ MẪU", parent_line):
        doc.add_paragraph(text)
    table = doc.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("STT", "Chỉ tiêu", "Số liệu")):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("1", "Lượt tiếp công dân", "42")):
        cell.text = text
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _th(data: bytes) -> list[str]:
    report = check(data, name="phu-luc.docx", select=["TH"])
    assert report.error is None, report.error
    return [f.rule for f in report.findings]


def test_annex_of_a_report_takes_the_state_page_rules() -> None:
    line = "(Kèm theo Báo cáo số 15/BC-UBND ngày 10 tháng 12 năm 2024 của UBND xã Mẫu)"
    assert "TH001" in _th(_annex(line))
    assert "TH001" not in _th(_annex(line, letter=False))


def test_annex_of_a_party_report_takes_the_party_rules() -> None:
    report = check(_annex("(Kèm theo Báo cáo số 20-BC/HU ngày 05/12/2024 của Huyện ủy Mẫu)"), name="pl.docx", select=["TH"])
    letter = [f for f in report.findings if f.rule == "TH001"]
    assert letter and "36-HD/VPTW" in letter[0].message


def test_annex_of_a_circular_or_decree_is_normative() -> None:
    for line in ("(Kèm theo Thông tư số 05/2024/TT-BNV ngày 01/3/2024 của Bộ Nội vụ)",
                 "(Ban hành kèm theo Nghị định số 12/2024/NĐ-CP ngày 02/02/2024 của Chính phủ)"):
        assert _th(_annex(line)) == [], line


def test_a_table_that_names_no_parent_is_not_judged() -> None:
    assert _th(_annex("Số liệu tổng hợp đến ngày 30/11/2024")) == []
    assert _th(_annex("(Kèm theo Báo cáo số 15/BC-UBND)", heading="BẢNG SỐ LIỆU")) == []
