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
from ingest_helpers import docx_to_pdf, make_docx, sample_text, sample_texts

from checker import check
from checker.ingest import IngestError, read_bytes


def _key(report) -> list[tuple[str, str]]:
    return sorted((f.rule, re.sub(r"dòng \d+", "dòng #", f.message)) for f in report.findings)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, bytes]]:
    """Sample name → (its normalised text, the PDF LibreOffice made from its .docx)."""
    out = {}
    for name, raw in sample_texts().items():
        text = read_bytes(raw.encode(), name).text  # Markdown residue gone, as Word would hold it
        work = tmp_path_factory.mktemp("pdf")
        out[name] = (text, docx_to_pdf(make_docx(text, running=True), work))
    return out


def test_same_findings_as_text_up_to_location(pdfs: dict[str, tuple[str, bytes]]) -> None:
    for name, (text, pdf) in pdfs.items():
        base = check(text.encode(), name="r.txt")
        report = check(pdf, name="r.pdf")
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
