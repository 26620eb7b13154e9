"""VB092: a damaged text layer is said once per file (look-alike letters, hyphens lost from every symbol),
and the per-symbol "missing hyphen" of TD001 gives way to it only when every symbol lost its hyphen."""

from __future__ import annotations

import pytest

from checker import check

HEAD = "ỦY BAN NHÂN DÂN HUYỆN ĐÔNG SƠN\n\nSố: 41/BC-UBND\n\nĐông Sơn, ngày 12 tháng 3 năm 2024\n\nBÁO CÁO\n\n"
GLUED = (
    "Thực hiện Quyết định số 12/QĐUBND ngày 05/3/2024, Kế hoạch số 15/KHUBND ngày 06/3/2024 và "
    "Thông báo số 30/TBUBND ngày 07/3/2024, huyện đã tổ chức triển khai.\n"
)


def findings(text: str, select: str = "VB092,TD001") -> list:
    report = check(text.encode("utf-8"), name="t.txt", select=select.split(","))
    assert report.error is None, report.error
    return report.findings


def _no_own_number(text: str) -> str:
    return text.replace("Số: 41/BC-UBND\n\n", "")


def test_every_symbol_without_its_hyphen_is_one_note() -> None:
    got = findings(_no_own_number(HEAD) + GLUED)
    assert [f.rule for f in got] == ["VB092"]
    assert "3 ký hiệu" in got[0].message and "12/QĐUBND" in got[0].message and got[0].severity == "info"


def test_a_glued_symbol_among_hyphenated_ones_is_the_writers_slip() -> None:
    text = HEAD + GLUED + "Theo Chỉ thị số 08/CT-UBND ngày 09/3/2024.\n"
    rules = [f.rule for f in findings(text)]
    assert "VB092" not in rules and rules.count("TD001") == 3  # each glued symbol named


def test_two_glued_symbols_are_not_enough_to_call_the_layer_damaged() -> None:
    text = _no_own_number(HEAD) + "Theo Quyết định số 12/QĐUBND ngày 05/3/2024 và Kế hoạch số 15/KHUBND ngày 06/3/2024.\n"
    assert [f.rule for f in findings(text)] == ["TD001", "TD001"]


@pytest.mark.parametrize(
    "word",
    [
        "Thông tư số 105/2025/TT-BT\u0421",  # Cyrillic Es in the issuer code
        "công t\u0430c dân vận",  # Cyrillic a
        "h\u043ei nghị",  # Cyrillic o
        "kết qu\u03b1 tốt",  # Greek alpha
        "\u0420hòng Nội vụ",  # Cyrillic Er
    ],
)
def test_lookalike_letters_inside_a_latin_word_are_one_note(word: str) -> None:
    got = findings(HEAD + f"Năm nay {word} được triển khai; {word} tiếp tục.\n", "VB092")
    assert len(got) == 1 and "2 chữ" in got[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Đoàn công tác làm việc với đối tác Liên bang Nga (Россия) về hợp tác.",  # a Cyrillic word of its own
        "Hệ số α = 0,5 và β = 0,3 theo phụ lục.",  # Greek letters as symbols
        "Nồng độ bụi dưới 40 μg/m3, điện trở 10 kΩ.",  # unit signs
        "Theo Quyết định số 12/QĐ-UBND ngày 05/3/2024 và Kế hoạch số 15/KH-UBND.",
    ],
)
def test_sound_text_has_no_note(text: str) -> None:
    assert findings(HEAD + text + "\n", "VB092") == []


def test_latin_oi_for_u_horn_is_read_back_and_noted_once() -> None:
    text = HEAD + "Đ\u01a3ợc sự quan tâm của tỉnh, các x\u00e3 đ\u01a3ợc hỗ trợ; Ủy ban nhân dân h\u01a3ớng dẫn.\n"
    report = check(text.encode("utf-8"), name="t.txt", select=["VB092"])
    assert [f.rule for f in report.findings] == ["VB092"] and "3 chữ Ƣ/ƣ" in report.findings[0].message
    from checker.ingest import read_bytes

    assert "được" in read_bytes(text.encode("utf-8"), "t.txt").text


def test_sound_text_counts_no_latin_oi() -> None:
    report = check((HEAD + "Được sự quan tâm của tỉnh.\n").encode("utf-8"), name="t.txt", select=["VB092"])
    assert report.findings == []


def test_ocr_text_with_latin_oi_gets_the_note_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # the OCR reader counts look-alikes as the PDF and Word readers do (the page text stands in for Tesseract's)
    from checker.ingest import ocr

    page = HEAD + "Các x\u00e3 đ\u01a3ợc hỗ trợ kinh phí; Ủy ban nhân dân h\u01a3ớng dẫn thực hiện.\n"
    monkeypatch.setattr(ocr, "ocr_pages", lambda data, page_seconds=None: [page])
    src = ocr.read_ocr(b"%PDF-1.4 scan", "scan.pdf")
    assert src.lookalikes == 2 and "được" in src.text and "\u01a3" not in src.text
    monkeypatch.setattr(ocr, "ocr_pages", lambda data, page_seconds=None: [page.replace("\u01a3", "ư")])
    assert ocr.read_ocr(b"%PDF-1.4 scan", "scan.pdf").lookalikes == 0
