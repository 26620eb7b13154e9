"""Scanned PDFs: OCR with Tesseract (`-l vie`) page by page, findings located `trang N, dòng M (OCR)`,
rules that OCR errors mislead lowered to info, a damaged OCR layer read again by OCR, junk bytes
before `%PDF` tolerated, the OCR text cached by the file's hash.

The scan is made here: the report's lines drawn with PIL at 300 dpi and saved as an image-only PDF.
Tests that need Tesseract skip with the packages to install when it (or its Vietnamese model) is missing.
"""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest

from checker import check
from checker.ingest import ocr, read_bytes

NEEDS_OCR = pytest.mark.skipif(ocr.missing_tools() is not None, reason=ocr.missing_tools() or "")

# A short report in our own words, with planted defects the OCR must carry through: a doubled word
# (TT001, style: lowered to info), an impossible date (NG001: lowered), and a count that does not add
# up (SL001, arithmetic: kept as it is).
SCANNED_REPORT = """UBND HUYỆN MINH SƠN
PHÒNG VĂN HÓA VÀ THÔNG TIN

Số: 45/BC-PVHTT

Minh Sơn, ngày 20 tháng 11 năm 2024

BÁO CÁO

Kết quả công tác thông tin cơ sở năm 2024

Trong năm, Phòng đã đã tổ chức tuyên truyền tại các xã.

Tổng số 15 đài truyền thanh được nâng cấp, gồm 6 đài ở thị trấn và 7 đài ở các xã.

Hội nghị sơ kết được tổ chức ngày 31/02/2024 tại hội trường huyện.

Nơi nhận:
- UBND huyện;
- Lưu: VT.

TRƯỞNG PHÒNG

Nguyễn Văn Bình
"""


def rasterised_pdf(text: str) -> bytes:
    """An image-only PDF of `text` (A4 at 300 dpi, DejaVu Serif 12 pt), as a scanner would give."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
    if not Path(font_path).is_file():
        pytest.skip("không có phông DejaVu Serif để dựng bản quét thử")
    font = ImageFont.truetype(font_path, 50)
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    y = 250
    for line in text.split("\n"):
        if line:
            draw.text((250, y), line, font=font, fill=0)
        y += 75
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=300)
    return out.getvalue()


@pytest.fixture(scope="module")
def scan() -> bytes:
    return rasterised_pdf(SCANNED_REPORT)


@pytest.fixture(scope="module")
def private_cache(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("ocr-cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(scope="module")
def scanned_report(scan: bytes, private_cache):  # noqa: ANN001, ANN201
    if ocr.missing_tools():
        pytest.skip(ocr.missing_tools() or "")
    return check(scan, name="bao-cao-quet.pdf")


@NEEDS_OCR
def test_a_scan_gives_the_findings_of_the_txt(scanned_report) -> None:  # noqa: ANN001
    expected = check(SCANNED_REPORT.encode(), name="bao-cao.txt")
    assert scanned_report.error is None, scanned_report.error
    assert scanned_report.report is not None and scanned_report.report.encoding == "ocr"
    planted = {"TT001", "NG001", "SL001"}
    assert planted <= {f.rule for f in expected.findings}
    got = {(f.rule, f.message) for f in scanned_report.findings if f.rule in planted}
    assert got == {(f.rule, f.message) for f in expected.findings if f.rule in planted}


@NEEDS_OCR
def test_findings_say_the_text_came_from_ocr(scanned_report) -> None:  # noqa: ANN001
    assert all((f.location or "").endswith("(OCR)") for f in scanned_report.findings if f.rule != "VB091")
    assert [f.rule for f in scanned_report.findings].count("VB091") == 1
    doubled = next(f for f in scanned_report.findings if f.rule == "TT001")
    assert doubled.location.startswith("trang 1, dòng ")


@NEEDS_OCR
def test_rules_ocr_would_mislead_are_lowered_to_info(scanned_report) -> None:  # noqa: ANN001
    severity = {f.rule: f.severity for f in scanned_report.findings}
    assert severity["NG001"] == "info"  # an impossible date may be a misread digit
    assert severity["SL001"] == "warning"  # arithmetic keeps its severity


@NEEDS_OCR
def test_junk_before_the_pdf_header_is_skipped(scan: bytes, scanned_report, private_cache) -> None:  # noqa: ANN001
    got = check(b"\x00junk from a mail gateway\r\n" + scan, name="bao-cao-quet.pdf")
    assert got.error is None, got.error
    assert sorted(f.rule for f in got.findings) == sorted(f.rule for f in scanned_report.findings)


@NEEDS_OCR
def test_ocr_text_is_cached_by_file_hash(scan: bytes, scanned_report, private_cache, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(ocr, "_ocr", lambda *a: pytest.fail("OCR ran again for a file already read"))
    started = time.perf_counter()
    assert read_bytes(scan, "lai.pdf").text == scanned_report.text
    assert time.perf_counter() - started < 2


def test_missing_tesseract_says_what_to_install(scan: bytes, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    report = check(scan, name="quet.pdf")
    assert report.error and "tesseract-ocr-vie" in report.error and "\n" not in report.error


def test_a_page_that_overruns_its_time_is_stopped(scan: bytes, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if ocr.missing_tools():
        pytest.skip(ocr.missing_tools() or "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    with pytest.raises(ValueError, match="quá 0.01 giây"):
        ocr.ocr_pages(scan, page_seconds=0.01)


def test_a_damaged_ocr_layer_is_recognised() -> None:
    from checker.ingest import damaged_text_layer

    good = "Ủy ban nhân dân tỉnh đã ban hành kế hoạch thực hiện cải cách hành chính năm 2024 " * 20
    garbled = "UY BAN NHAN DAN tinh dâ ban hành ké hoach thirc hin cài cách hành chInh nám 2024 " * 20
    english = "The committee adopted the annual plan for administrative reform in 2024 " * 20
    assert not damaged_text_layer(good)
    assert damaged_text_layer(garbled)
    assert not damaged_text_layer(english)  # not Vietnamese at all: nothing OCR would fix
    assert not damaged_text_layer("Bảng giá 2024")  # too short to judge
