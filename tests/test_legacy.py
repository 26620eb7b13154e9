"""TCVN3 (.VnTime) and VNI (VNI-Times) input: detected, converted before any rule, findings unchanged."""

from __future__ import annotations

import re

import pytest
from ingest_helpers import make_docx, sample_texts

from checker import check
from checker.ingest import read_bytes
from checker.ingest.legacy import TCVN3, VNI, available, convert, detect, encoding_for_font, to_legacy

pytestmark = pytest.mark.skipif(not available(), reason="viparse (bảng chuyển mã TCVN3/VNI) chưa cài")

# Characters a TCVN3 file cannot hold: their byte is a Vietnamese letter there (¹ is ạ). A real
# .VnTime document writes a footnote number as a formatted digit, so the test text does too.
_COLLIDING = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰⁽⁾", "1234567890()")


def _key(report) -> list[tuple[str, str]]:
    """Findings up to location (messages that cite another line say `dòng N`)."""
    return sorted(
        (f.rule, re.sub(r"dòng \d+", "dòng #", f.message)) for f in report.findings if f.rule != "VB090"
    )


def _prepared() -> dict[str, str]:
    out = {}
    for name, raw in sample_texts().items():
        text = read_bytes(raw.encode(), name).text.translate(_COLLIDING)
        out[name] = text
    return out


SAMPLES = _prepared()


def test_known_strings_convert() -> None:
    assert convert("Uû ban nh©n d©n tØnh B¾c Giang", TCVN3)[0] == "Uỷ ban nhân dân tỉnh Bắc Giang"
    assert convert("UÛy ban nhaân daân tænh Baéc Giang", VNI)[0] == "Ủy ban nhân dân tỉnh Bắc Giang"


def test_fonts_tell_the_encoding() -> None:
    assert encoding_for_font(".VnTime") == TCVN3
    assert encoding_for_font("ABCDEF+.VnTimeH") == TCVN3
    assert encoding_for_font("VNI-Times") == VNI
    assert encoding_for_font("Times New Roman") is None
    assert encoding_for_font(None) is None


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_unicode_samples_are_not_taken_for_legacy(name: str) -> None:
    assert detect(SAMPLES[name]) is None


def test_other_latin_text_is_not_converted() -> None:
    assert detect("Café crème brûlée à la française, naïve façade, señor año, Müller größe") is None


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_legacy_txt_gives_the_unicode_findings(name: str, encoding: str) -> None:
    text = SAMPLES[name]
    legacy_text = to_legacy(text, encoding)
    if encoding == TCVN3:
        # A TCVN3 .txt cannot hold an accented capital inside a mixed-case line (`với Ủy ban`): that
        # needed a `.VnTimeH` run, which plain text does not keep. Capitals of whole lines and words
        # come back; the comparison is with the text as TCVN3 can express it, differing in case only.
        expressible = convert(legacy_text, TCVN3)[0]
        assert expressible.lower() == text.lower()
        text = expressible
    base = check(text.encode("utf-8"), name="r.txt")
    # an old editor saved the file single-byte: the font's code points are the bytes
    legacy_bytes = legacy_text.encode("latin-1")
    report = check(legacy_bytes, name="r.txt")
    assert report.error is None, report.error
    assert report.report.encoding == encoding
    assert _key(report) == _key(base)
    notes = [f for f in report.findings if f.rule == "VB090"]
    assert len(notes) == 1 and notes[0].severity == "info" and notes[0].line == 1


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_legacy_pasted_into_utf8_is_converted_too(encoding: str) -> None:
    text = next(iter(SAMPLES.values()))
    report = check(to_legacy(text, encoding).encode("utf-8"), name="r.txt")
    assert report.report.encoding == encoding
    assert _key(report) == _key(check(text.encode(), name="r.txt"))


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_legacy_body_under_unicode_web_chrome_is_converted(encoding: str) -> None:
    # a page saved from a site: its date and title bar in Unicode, the document itself still in the old font
    chrome = "Thứ Hai, 14 tháng 3, 2011\nTrang thông tin điện tử huyện Hòa An\n\n"
    body = next(iter(SAMPLES.values()))
    report = check((chrome + to_legacy(body, encoding)).encode("utf-8"), name="trang.txt")
    assert report.report.encoding == encoding
    assert [f.rule for f in report.findings].count("VB090") == 1
    assert "Hòa An" in report.text  # the Unicode chrome is left as it was


def test_unicode_text_with_a_few_latin1_names_is_not_converted() -> None:
    # a Unicode report naming foreign partners: Latin-1 letters, but no legacy body behind them
    text = (
        "Đoàn công tác của tỉnh đã làm việc với Hội đồng vùng Île-de-France và ông François Müller "
        "về hợp tác đào tạo nghề; hai bên thống nhất kế hoạch năm 2024.\n"
    ) * 30
    assert detect(text) is None


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_columns_point_into_the_legacy_file(encoding: str) -> None:
    # VNI writes `đã` as `ñaõ` (3 characters for 2): a finding after it must still hit the file column
    line = "Trong năm, Ban đã đã phối hợp với các huyện."
    raw = to_legacy("BÁO CÁO\n\n" + line + "\n", encoding)
    report = check(raw.encode("latin-1"), name="r.txt", select=["TT001"])
    [finding] = report.findings
    legacy_line = raw.split("\n")[2]
    assert finding.line == 3
    assert legacy_line[finding.column - 1 :].startswith(to_legacy("đã đã", encoding))


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
@pytest.mark.parametrize("name", sorted(SAMPLES)[:3])
def test_legacy_docx_runs_give_the_unicode_findings(name: str, encoding: str) -> None:
    text = SAMPLES[name]
    # the fonts differ on purpose (.VnTime/VNI runs): the format (TH) rules are not what is compared
    base = check(make_docx(text), name="r.docx", ignore=["TH"])
    report = check(make_docx(text, legacy=encoding), name="r.docx", ignore=["TH"])
    assert report.error is None, report.error
    assert report.report.encoding == encoding
    assert _key(report) == _key(base)
    assert sum(f.rule == "VB090" for f in report.findings) == 1


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_legacy_docx_without_font_names_is_recognised_by_its_letters(encoding: str) -> None:
    # The .VnTime/VNI-Times runs were restyled (or a converter dropped the fonts): only the bytes are left.
    text = SAMPLES[sorted(SAMPLES)[0]]
    legacy_text = to_legacy(text, encoding)
    if encoding == TCVN3:  # capitals inside mixed-case lines need the lost `H` font (see the .txt test)
        text = convert(legacy_text, TCVN3)[0]
    base = check(make_docx(text), name="r.docx", ignore=["TH"])
    report = check(make_docx(legacy_text), name="r.docx", ignore=["TH"])
    assert report.error is None, report.error
    assert report.report.encoding == encoding
    assert _key(report) == _key(base)
    assert [f.location for f in report.findings if f.rule != "VB090"] == [f.location for f in base.findings]


def test_unicode_docx_has_no_legacy_note() -> None:
    report = check(make_docx(next(iter(SAMPLES.values()))), name="r.docx")
    assert report.report.encoding == "docx"
    assert not [f for f in report.findings if f.rule == "VB090"]


def test_tcvn3_capitals_come_back() -> None:
    raw = to_legacy("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 15/BC-BDT\nBộ Nội vụ", TCVN3)
    text, _ = convert(raw, TCVN3)
    assert text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 15/BC-BDT\nBộ Nội vụ"


# -- TT090: mixed tone placement ----------------------------------------------------------------
def _tt090(text: str) -> list:
    return check(text.encode(), name="r.txt", select=["TT090"]).findings


def test_mixed_tone_placement_reports_the_minority_form() -> None:
    findings = _tt090("Ủy ban nhân dân tỉnh.\n\nCộng hòa, hòa giải, thủy lợi; hoà nhập.\n")
    line = "Cộng hòa, hòa giải, thủy lợi; hoà nhập."
    assert [(f.line, f.column, f.fix) for f in findings] == [(3, line.index("hoà") + 1, "hòa")]
    assert findings[0].severity == "info"


@pytest.mark.parametrize(
    "text",
    [
        "Ủy ban, hòa giải, thủy lợi, khỏe mạnh.",  # old style only
        "Uỷ ban, hoà giải, thuỷ lợi, khoẻ mạnh.",  # new style only
        "Hoàn thành, thuyết minh, khoảng cách, quý, quả.",  # closed syllables: both styles agree
    ],
)
def test_one_tone_style_is_fine(text: str) -> None:
    assert _tt090(text) == []


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
@pytest.mark.parametrize("name", sorted(SAMPLES)[:3])
def test_conversion_keeps_the_line_structure(name: str, encoding: str) -> None:
    # Conversion runs before normalise(), whose offset map then refers to the converted text; that map
    # is only valid for the file if conversion goes line by line: same line breaks, each line on its own.
    raw = to_legacy(SAMPLES[name], encoding)
    converted, index = convert(raw, encoding)
    assert converted.count("\n") == raw.count("\n")
    assert converted.split("\n") == [convert(line, encoding)[0] for line in raw.split("\n")]
    # every line break of the converted text maps onto a line break of the file
    assert all(raw[index[i]] == "\n" for i, ch in enumerate(converted) if ch == "\n")
    # and a finding's line and column lie inside the legacy file's lines
    lines = raw.split("\n")
    report = check(raw.encode("latin-1"), name="r.txt")
    assert report.report.encoding == encoding
    for f in report.findings:
        assert 1 <= f.line <= len(lines)
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1, (f.rule, f.line, f.column)


# -- UTF-8 with a few bad bytes: still UTF-8 ---------------------------------------------------------
_REPORT = (
    "UBND HUYỆN NAM ĐÀN\nSố: 21/BC-UBND\n\nBÁO CÁO\nKết quả công tác cải cách hành chính năm 2024\n\n"
    "Trong năm, huyện đã rà soát thủ tục hành chính và đưa dịch vụ công trực tuyến vào vận hành ở các xã.\n"
)


def test_utf8_with_a_stray_byte_is_read_as_utf8_with_one_note() -> None:
    """One byte 0xff inside a Unicode report: the text stays Vietnamese (no VNI/TCVN3 reading), the
    byte becomes U+FFFD, and one VB093 note names it with its offset in the file."""
    good = _REPORT.encode("utf-8")
    cut = good.index("thủ tục".encode())
    damaged = good[:cut] + b"\xff" + good[cut:]
    report = check(damaged, name="bao-cao.txt")
    assert report.error is None
    src = read_bytes(damaged, "bao-cao.txt")
    assert src.legacy is None and src.encoding == "utf-8"
    assert "cải cách hành chính" in src.text and "\ufffd" in src.text
    assert src.bad_bytes == [(cut, 0xFF)]
    notes = [f for f in report.findings if f.rule == "VB093"]
    assert len(notes) == 1 and "0xff" in notes[0].message and str(cut) in notes[0].message
    assert not any(f.rule == "VB090" for f in report.findings)
    assert not any(f.rule == "VB093" for f in check(good, name="bao-cao.txt").findings)


def test_utf8_whose_last_character_is_cut_is_read_as_utf8() -> None:
    """A copy that stopped inside the last letter ('ở' is three bytes; the third is missing)."""
    good = (_REPORT + "Nơi nhận: các phòng, ban ở").encode("utf-8")
    cut = good[:-1]
    src = read_bytes(cut, "bao-cao.txt")
    assert src.legacy is None and "Nơi nhận" in src.text
    assert [offset for offset, _ in src.bad_bytes] == [len(cut) - 2, len(cut) - 1]


@pytest.mark.skipif(not available(), reason="bảng mã cũ không có")
@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_a_legacy_file_is_still_read_in_its_encoding(encoding: str) -> None:
    """Positive evidence for the legacy reading stays: a whole TCVN3/VNI file (many bytes that are not
    UTF-8, no UTF-8 letters) is converted, not taken for damaged UTF-8."""
    data = to_legacy(_REPORT * 3, encoding).encode("latin-1")
    src = read_bytes(data, "cu.txt")
    assert src.legacy == encoding and not src.bad_bytes
    assert "cải cách hành chính" in src.text


def test_many_bad_bytes_are_not_taken_for_utf8() -> None:
    """Latin-1 bytes everywhere (no legacy letters either): refused, not read as UTF-8 full of �."""
    from checker.ingest.text import decode_damaged_utf8

    assert decode_damaged_utf8(("Café crème à la carte. " * 30).encode("latin-1")) is None
