"""The PDF content-stream cap: a small PDF whose page content inflates to megabytes of operators is
refused with one line before pdfminer parses it, the pre-scan itself holding only a chunk at a time;
image XObjects are not counted; real PDFs still read."""

from __future__ import annotations

import tracemalloc
import zlib
from pathlib import Path

import pytest
from ingest_helpers import pdf_from_objects

from checker import check
from checker.ingest import pdf

FILES = Path(__file__).resolve().parents[1].parent / "shared" / "files"
if not FILES.is_dir():
    FILES = Path("/work/shared/files")

# a line of text operators as a report exporter writes them, in my own words
_TEXT_LINE = b"BT /F1 11 Tf 72 700 Td (Ket qua thuc hien nhiem vu nam nay) Tj ET\n"


def _stream(body: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(body, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


def _pdf(content: bytes, xobject: bytes | None = None) -> bytes:
    """One page with a deflated content stream and, when given, one XObject `/X1` (object 6)."""
    resources = b"/Font << /F1 5 0 R >>" + (b" /XObject << /X1 6 0 R >>" if xobject else b"")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << %s >> >>" % resources,
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if xobject:
        objects.append(xobject)
    return pdf_from_objects(objects)


def _text_operators(megabytes: float) -> bytes:
    return _TEXT_LINE * int(megabytes * 2**20 / len(_TEXT_LINE))


def _one_line_error(report) -> str:  # noqa: ANN001
    assert report.error, "expected a clear error"
    assert "\n" not in report.error and len(report.error) < 300
    return report.error


@pytest.fixture
def no_pdfminer(monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfplumber (pdfminer) must not be reached: it would inflate the stream whole and take minutes."""
    import pdfplumber

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pdfminer was asked to parse a PDF the pre-scan should have refused")

    monkeypatch.setattr(pdfplumber, "open", refuse)


def test_small_pdf_inflating_to_megabytes_of_text_operators_is_refused_before_pdfminer(no_pdfminer: None) -> None:
    data = _pdf(_text_operators(6))
    assert len(data) < 64 * 1024  # a small file on disk
    error = _one_line_error(check(data, name="phong-to.pdf"))
    assert "giải nén vượt 4 MB" in error and "trang 1" in error


def test_whole_file_limit(monkeypatch: pytest.MonkeyPatch, no_pdfminer: None) -> None:
    # under the page limit, over the file's (lowered here: reaching 64 MB takes many generated pages)
    monkeypatch.setattr(pdf, "MAX_PDF_CONTENT_BYTES", 2 * 2**20)
    error = _one_line_error(check(_pdf(_text_operators(3)), name="nhieu-trang.pdf"))
    assert "giải nén vượt 2 MB" in error


def test_the_pre_scan_holds_a_chunk_not_the_stream() -> None:
    data = _pdf(_text_operators(3.5))  # under the limits: the whole stream is inflated and counted
    pdf.check_content_size(_pdf(_TEXT_LINE))  # pypdf's modules imported before counting
    tracemalloc.start()
    try:
        pdf.check_content_size(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1 * 2**20, f"the pre-scan held {peak} bytes for a 3.5 MB stream"


def test_a_form_xobject_counts_with_the_page(no_pdfminer: None) -> None:
    form = _stream(_text_operators(5), b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] ")
    error = _one_line_error(check(_pdf(b"/X1 Do\n", form), name="bieu-mau.pdf"))
    assert "giải nén vượt 4 MB" in error


def test_an_image_xobject_is_not_counted() -> None:
    pixels = b"\x80" * (6 * 2**20)  # 6 MB of grey pixels: not operators pdfminer parses
    image = _stream(pixels, b"/Type /XObject /Subtype /Image /Width 2048 /Height 3072 "
                            b"/ColorSpace /DeviceGray /BitsPerComponent 8 ")
    data = _pdf(b"q 100 0 0 150 72 600 cm /X1 Do Q\n" + _TEXT_LINE, image)
    pdf.check_content_size(data)  # no error
    report = check(data, name="anh.pdf")
    assert report.error is None or "giải nén" not in report.error


def test_a_pdf_with_a_normal_page_still_reads() -> None:
    report = check(_pdf(_TEXT_LINE * 40), name="binh-thuong.pdf")
    assert report.error is None


def _real_pdfs() -> list[Path]:
    return sorted((FILES / "pdf").glob("*.pdf")) + sorted((FILES / "pdf-scanned").glob("*.pdf"))


@pytest.mark.skipif(not _real_pdfs(), reason="../shared/files/pdf không có: bỏ qua PDF thật")
def test_real_pdfs_pass_the_pre_scan() -> None:
    for path in _real_pdfs():
        data = path.read_bytes()
        data = data[data.find(b"%PDF"):]  # one scan starts with junk bytes, as the reader allows
        pdf.check_content_size(data)  # raises ContentTooLarge when a real file would be refused
