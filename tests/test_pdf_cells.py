"""PDF table cells: a cell's wrapped lines are joined inside the cell before any rule reads them
(`104/KH-` | `UBND` is one symbol), so the PDF of a report gives the findings of its .docx."""

from __future__ import annotations

import io

import pytest
from ingest_helpers import docx_to_pdf

from checker import check
from checker.ingest.pdf import _cell_text

REPORT = """UBND HUYỆN MINH SƠN
PHÒNG NỘI VỤ

Số: 52/BC-PNV

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Minh Sơn, ngày 12 tháng 12 năm 2024

BÁO CÁO

Kết quả thực hiện các văn bản chỉ đạo năm 2024

Phòng Nội vụ báo cáo việc thực hiện các văn bản sau.
"""
ROWS = [
    ("STT", "Văn bản", "Kết quả"),
    ("1", "Kế hoạch số 104/KH-UBND ngày 10/02/2024 của UBND huyện", "Đã hoàn thành"),
    ("2", "Quyết định số 2155/QĐ-UBND ngày 15/3/2024 của UBND huyện", "Đã hoàn thành"),
    ("3", "Công văn số 318/UBND-NV ngày 20/4/2024 của UBND huyện", "Đang thực hiện"),
]
CLOSING = """Nơi nhận:
- UBND huyện;
- Lưu: VT.

TRƯỞNG PHÒNG

Lê Văn Minh
"""


@pytest.mark.parametrize(
    ("cell", "joined"),
    [
        ("Kế hoạch số 104/KH-\nUBND ngày 10/02/2024", "Kế hoạch số 104/KH-UBND ngày 10/02/2024"),
        ("Quyết định số\n2155/QĐ-UBND", "Quyết định số 2155/QĐ-UBND"),
        ("kinh tế -\nxã hội", "kinh tế - xã hội"),  # a dash between words stays a dash with spaces
        ("Đã hoàn\nthành", "Đã hoàn thành"),
        (None, ""),
    ],
)
def test_cell_lines_are_joined_inside_the_cell(cell: str | None, joined: str) -> None:
    assert _cell_text(cell) == joined


def _narrow_table_docx() -> bytes:
    import docx
    from docx.shared import Cm

    document = docx.Document()
    for block in REPORT.strip().split("\n\n"):
        for line in block.split("\n"):
            document.add_paragraph(line)
    table = document.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    table.autofit = False
    for row in ROWS:
        cells = table.add_row().cells
        for cell, value, width in zip(cells, row, (Cm(1.2), Cm(3.2), Cm(3.0))):
            cell.width = width
            cell.paragraphs[0].add_run(value)
    for block in CLOSING.strip().split("\n\n"):
        for line in block.split("\n"):
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_pdf_of_a_report_with_wrapped_cells_gives_its_docx_findings(tmp_path) -> None:  # noqa: ANN001
    data = _narrow_table_docx()
    pdf = docx_to_pdf(data, tmp_path)  # skips without LibreOffice
    from_docx = check(data, name="bao-cao.docx", ignore=["TH"])  # TH reads each file's own page and fonts
    from_pdf = check(pdf, name="bao-cao.pdf", ignore=["TH"])
    assert from_pdf.error is None, from_pdf.error
    assert "104/KH-UBND" in (from_pdf.text or "")
    assert sorted((f.rule, f.message) for f in from_pdf.findings) == sorted((f.rule, f.message) for f in from_docx.findings)
