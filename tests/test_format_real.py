"""Format (TH) rules on real Word files of ../shared/files/docx (read, never copied): the defects the
files are known for are found, and files laid out as the decree asks raise no page finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import check

FILES = Path(__file__).resolve().parents[1].parent / "shared" / "files" / "docx"
pytestmark = pytest.mark.slow


def _th(name: str) -> list:
    path = FILES / name
    if not path.is_file():
        pytest.skip(f"{path} không có: bỏ qua kiểm thử trên tệp thật")
    report = check(str(path), select=["TH"])
    assert report.error is None, report.error
    return report.findings


def _has(findings: list, rule: str, *words: str) -> bool:
    return any(f.rule == rule and all(w in f.message for w in words) for f in findings)


def test_bottom_15_and_left_25_millimetres() -> None:
    found = _th("lamdong_bao-cao-tu-cham-diem-par-index-2025.docx")
    assert _has(found, "TH002", "lề dưới 15 mm", "20–25 mm")
    assert _has(found, "TH002", "lề trái 25 mm", "30–35 mm")


def test_bottom_margin_under_twenty_millimetres() -> None:
    assert _has(_th("lamdong_bao-cao-cchc-quy-I-2026.docx"), "TH002", "lề dưới 17,5 mm")
    assert _has(_th("lamdong_ke-hoach-tuyen-truyen-cchc-2026.docx"), "TH002", "lề dưới 18 mm")


def test_letter_paper_appendix() -> None:
    assert _has(_th("lamdong_phu-luc-bieu-mau-bao-cao-cchc-2025.docx"), "TH001", "Letter", "A4")


def test_arial_ten_point_party_guideline_copy() -> None:
    found = _th("vptw_huong-dan-36-the-thuc-van-ban-dang.docx")
    assert _has(found, "TH003", "Arial", "36-HD/VPTW")
    assert _has(found, "TH010", "nội dung", "10 pt", "14–15 pt")


def test_files_inside_the_ranges_have_no_page_finding() -> None:
    for name in ("lamdong_ke-hoach-cchc-nam-2026.docx", "lamdong_quyet-dinh-cong-bo-chi-so-cchc-2025.docx",
                 "lamdong_bao-cao-de-an-06-thang-9-2025.docx"):
        found = _th(name)
        assert not [f.message for f in found if f.rule in ("TH001", "TH002", "TH003")], name


def test_the_decree_s_own_appendices_raise_nothing() -> None:
    for name in ("nd30-phu-luc-I_the-thuc-ky-thuat-trinh-bay.docx", "nd30-phu-luc-III_mau-trinh-bay-van-ban.docx"):
        assert _th(name) == [], name
