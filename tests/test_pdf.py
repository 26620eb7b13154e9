"""PDF with a text layer: same findings as the text version, page/line locations, clear errors otherwise.

The PDFs are made here from the samples: python-docx builds the .docx (with a running header and a
PAGE field in the footer) and LibreOffice exports it, as a reviewer's colleague would. Without
LibreOffice those tests skip; the hand-made PDFs below (pypdf) run everywhere.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from ingest_helpers import docxes_to_pdfs, make_docx, sample_text, sample_texts

from checker import check
from checker.ingest import IngestError, read_bytes


def _key(report) -> list[tuple[str, str]]:
    return sorted((f.rule, re.sub(r"dòng \d+", "dòng #", f.message)) for f in report.findings)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, bytes]]:
    """Sample name → (its normalised text, the PDF LibreOffice made from its .docx)."""
    texts = {}
    for name, raw in sample_texts().items():
        texts[name] = read_bytes(raw.encode(), name).text  # Markdown residue gone, as Word would hold it
    stems = {name: f"sample-{i}" for i, name in enumerate(texts)}  # one LibreOffice start for them all
    made = docxes_to_pdfs({stems[n]: make_docx(t, running=True) for n, t in texts.items()},
                          tmp_path_factory.mktemp("pdf"))
    return {name: (text, made[stems[name]]) for name, text in texts.items()}


def test_same_findings_as_text_up_to_location(pdfs: dict[str, tuple[str, bytes]]) -> None:
    for name, (text, pdf) in pdfs.items():
        base = check(text.encode(), name="r.txt")
        report = check(pdf, name="r.pdf", ignore=["TH"])  # TH reads the PDF's own page and fonts
        assert report.error is None, (name, report.error)
        assert report.format == "pdf"
        assert _key(report) == _key(base), name


def test_findings_point_at_page_and_line(pdfs: dict[str, tuple[str, bytes]]) -> None:
    for _name, (_text, pdf) in pdfs.items():
        report = check(pdf, name="r.pdf")
        for f in report.findings:
            assert re.fullmatch(r"trang \d+, dòng \d+", f.location or ""), f.location


def test_running_header_and_page_numbers_are_dropped(pdfs: dict[str, tuple[str, bytes]]) -> None:
    for _name, (_text, pdf) in pdfs.items():
        src = read_bytes(pdf, "r.pdf")
        assert "Báo cáo công tác dân vận chính quyền" not in src.text.split("\n")[0]
        assert not [ln for ln in src.text.split("\n") if re.fullmatch(r"\s*\d{1,3}\s*", ln)]


def test_score_table_rows_are_tab_separated(pdfs: dict[str, tuple[str, bytes]]) -> None:
    text = sample_text()
    if "\t" not in text:
        pytest.skip("không có mẫu nào có bảng chấm điểm")
    name = next(n for n, t in sample_texts().items() if t == text)
    norm, pdf = pdfs[name]
    base = check(norm.encode(), name="r.txt")
    report = check(pdf, name="r.pdf")
    assert report.report.self_total == base.report.self_total is not None
    rows_txt = [ln for ln in norm.split("\n") if "\t" in ln]
    rows_pdf = [ln for ln in read_bytes(pdf, "r.pdf").text.split("\n") if "\t" in ln]
    assert rows_pdf == rows_txt  # a row split by a page break comes back whole


def test_paragraphs_rejoined_across_lines_and_pages(pdfs: dict[str, tuple[str, bytes]]) -> None:
    for _name, (text, pdf) in pdfs.items():
        # every paragraph of the text (wrapped over several PDF lines, some over a page) is one line again
        got = set(read_bytes(pdf, "r.pdf").text.split("\n"))
        want = [ln for ln in text.split("\n") if ln.strip() and "\t" not in ln]
        missing = [ln for ln in want if ln not in got]
        assert not missing, missing[:3]


# -- PDFs made by hand (no LibreOffice needed) -------------------------------------------------------
def _blank_pdf(pages: int = 1) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_scanned_pdf_without_text_layer_says_so() -> None:
    report = check(_blank_pdf(2), name="scan.pdf")
    assert report.error is not None and "không có lớp chữ" in report.error and "OCR" in report.error


def test_truncated_pdf_is_a_clear_error(pdfs: dict[str, tuple[str, bytes]]) -> None:
    _text, pdf = next(iter(pdfs.values()))
    for cut in (len(pdf) // 2, 100, 8):
        report = check(pdf[:cut], name="cut.pdf")
        assert report.error is not None and "\n" not in report.error
        assert not report.findings


def test_truncated_blank_pdf_without_libreoffice() -> None:
    data = _blank_pdf()
    report = check(data[: len(data) - 40], name="cut.pdf")
    assert report.error is not None and "cắt cụt" in report.error


def test_encrypted_pdf_is_a_clear_error() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_blank_pdf())))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    report = check(out.getvalue(), name="locked.pdf")
    assert report.error is not None and "\n" not in report.error


def test_not_a_pdf_named_pdf() -> None:
    report = check(b"Just some text, not a PDF at all.\n", name="fake.pdf")
    assert report.error is not None and "PDF" in report.error


def test_pdf_suffix_is_collected(tmp_path: Path) -> None:
    from checker.ingest import SUPPORTED_SUFFIXES, collect_paths

    assert ".pdf" in SUPPORTED_SUFFIXES
    (tmp_path / "a.pdf").write_bytes(_blank_pdf())
    assert collect_paths([str(tmp_path)]) == [str(tmp_path / "a.pdf")]


def test_read_bytes_raises_ingest_error_for_a_broken_pdf() -> None:
    with pytest.raises(IngestError):
        read_bytes(b"%PDF-1.7\n garbage \n%%EOF\n", "x.pdf")


# -- A text-layer PDF without LibreOffice: fpdf2 with a DejaVu font ---------------------------------
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")  # Debian fonts-dejavu-core
RUNNING_HEADER = "Báo cáo công tác dân vận chính quyền"


def text_to_pdf(text: str, font: Path = FONT) -> bytes:
    """Lay a report's normalised text out as Word would print it, on small pages so it breaks often.

    A running header and a page number on every page; paragraphs wrapped by the page width; a line
    of tab-separated cells becomes a ruled table row (as the score table is drawn in Word).
    """
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 chưa được cài (extra test)")
    if not font.is_file():
        pytest.skip(f"không có phông {font} (gói fonts-dejavu-core) để viết chữ tiếng Việt vào PDF")

    class Report(fpdf.FPDF):
        def header(self) -> None:
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, RUNNING_HEADER, align="C")
            self.ln(8)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, str(self.page_no()), align="C")

    pdf = Report(format=(148, 210))  # A5: many page breaks, some inside paragraphs and the table
    pdf.add_font("DejaVu", "", str(font))
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_font("DejaVu", size=10)
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        if "\t" in lines[k]:
            rows = []
            while k < len(lines) and "\t" in lines[k]:
                rows.append(lines[k].split("\t"))
                k += 1
            width = max(len(r) for r in rows)
            with pdf.table(text_align="LEFT", line_height=5, first_row_as_headings=False) as table:
                for cells in rows:
                    row = table.row()
                    for cell in cells + [""] * (width - len(cells)):
                        row.cell(cell)
            pdf.ln(3)
            continue
        if lines[k].strip():
            pdf.multi_cell(0, 5, lines[k], align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)  # paragraph spacing: a larger line step starts a paragraph
        k += 1
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def drawn() -> dict[str, tuple[str, bytes]]:
    """Sample name → (its normalised text, a PDF drawn from it with fpdf2)."""
    out = {}
    for name, raw in sample_texts().items():
        text = read_bytes(raw.encode(), name).text
        out[name] = (text, text_to_pdf(text))
    return out


def test_drawn_pdf_gives_the_text_findings(drawn: dict[str, tuple[str, bytes]]) -> None:
    for name, (text, pdf) in drawn.items():
        base = check(text.encode(), name="r.txt")
        report = check(pdf, name="r.pdf", ignore=["TH"])
        assert report.error is None, (name, report.error)
        assert _key(report) == _key(base), name
        assert report.report.self_total == base.report.self_total, name


def test_drawn_pdf_keeps_every_line_and_drops_running_lines(drawn: dict[str, tuple[str, bytes]]) -> None:
    for name, (text, pdf) in drawn.items():
        src = read_bytes(pdf, "r.pdf")
        got = src.text.split("\n")
        # every paragraph comes back whole (rejoined across wrapped lines and page breaks), and so does
        # a bare `2023` wrapped onto the last line of a page: it is not a page number
        missing = [ln for ln in text.split("\n") if ln.strip() and ln not in set(got)]
        assert not missing, (name, missing[:3])
        assert RUNNING_HEADER not in src.text, name
        assert not [ln for ln in got if re.fullmatch(r"\s*\d{1,3}\s*", ln)], name
        assert [ln for ln in got if "\t" in ln] == [ln for ln in text.split("\n") if "\t" in ln], name
        # a table going on over a page break stays one block of rows, with no blank line inside
        for block in re.findall(r"(?:[^\n]*\t[^\n]*(?:\n|$))+", text):
            assert block.strip("\n") in src.text, name


def test_drawn_pdf_has_paragraphs_across_page_breaks(drawn: dict[str, tuple[str, bytes]]) -> None:
    # the layout above must really put paragraphs over a page break, or the rejoin test proves nothing
    crossing = 0
    for _name, (_text, pdf) in drawn.items():
        src = read_bytes(pdf, "r.pdf")
        for start, end in (src.line_span(i) for i in range(src.line_count)):
            if end > start + 1:
                first, last = src.position(start).location, src.position(end - 1).location
                crossing += first.split(",")[0] != last.split(",")[0]
    assert crossing > 0


def test_drawn_pdf_locations_and_running_line_numbers(drawn: dict[str, tuple[str, bytes]]) -> None:
    located = 0
    for name, (_text, pdf) in drawn.items():
        report = check(pdf, name="r.pdf")
        located += len(report.findings)
        order = []
        for f in report.findings:
            m = re.fullmatch(r"trang (\d+), dòng (\d+)", f.location or "")
            assert m, f.location
            order.append(((int(m[1]), int(m[2])), f.line))
        # `line` counts PDF lines through the whole file, so it grows with (page, line on page)
        by_place = [line for _place, line in sorted(order)]
        assert by_place == sorted(by_place), name
    assert located  # the samples plant defects: some finding must carry a location


def test_drawn_pdf_is_never_changed(tmp_path: Path, drawn: dict[str, tuple[str, bytes]]) -> None:
    _text, pdf = next(iter(drawn.values()))
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    check(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.pdf"]


def _renamed_font(tmp: Path, name: str) -> Path:
    """DejaVu under a legacy font's name, as a PDF printed from an old .VnTime/VNI document names it."""
    text_to_pdf("x")  # skips with the reason when fpdf2 or the font is missing
    from fontTools.ttLib import TTFont  # an fpdf2 dependency

    font = TTFont(str(FONT))
    for record in font["name"].names:
        if record.nameID in (1, 4, 6, 16):
            record.string = name
    out = tmp / f"{name.strip('.')}.ttf"
    font.save(str(out))
    return out


_PDF_GLYPHS = str.maketrans({"\xad": "\u2212", "\xb7": "\u2219"})


@pytest.mark.parametrize(("encoding", "font_name"), [("vni", "VNI-Times"), ("tcvn3", ".VnTime")])
def test_legacy_font_pdf_gives_the_unicode_findings(tmp_path: Path, encoding: str, font_name: str) -> None:
    from checker.ingest.legacy import available, to_legacy

    if not available():
        pytest.skip("viparse (bảng chuyển mã TCVN3/VNI) chưa cài")
    font = _renamed_font(tmp_path, font_name)
    texts = {n: read_bytes(raw.encode(), n).text for n, raw in sample_texts().items()}
    # TCVN3 has no byte for ¹ (it is ạ there): a .VnTime document writes footnote numbers as digits
    colliding = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰⁽⁾", "1234567890()")
    for name, text in texts.items():
        text = text.translate(colliding)
        # a .VnTime text layer gives ư (byte 0xAD) as U+2212 and ã (0xB7) as U+2219 (legacy.py); fpdf2
        # would drop a soft hyphen 0xAD, so the test draws what a real legacy PDF holds
        legacy_pdf = text_to_pdf(to_legacy(text, encoding).translate(_PDF_GLYPHS if encoding == "tcvn3" else {}), font)
        base = check(text.encode(), name="r.txt")
        report = check(legacy_pdf, name="r.pdf", ignore=["TH"])
        assert report.error is None, (name, report.error)
        assert report.report.encoding == encoding, name
        # the score table's cells too: they come out of the table finder without fonts
        assert [k for k in _key(report) if k[0] != "VB090"] == _key(base), name
        assert [f.rule for f in report.findings].count("VB090") == 1


def test_a_total_row_after_a_page_break_is_not_glued_to_the_row_above() -> None:
    from checker.ingest.pdf import _continues

    last = ["", "Biểu dương, khen thưởng điển hình", "5", "5", "", ""]
    assert not _continues(last, ["", "Tổng cộng", "90", "89", "", ""])
    # the rest of a description wrapped over the break still joins its row
    assert _continues(last, ["", "\"Dân vận khéo\"", "", "", "", ""])
