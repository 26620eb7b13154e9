"""Ingest of .txt/.md/.docx: decoding, refusal of non-text, and the map back to the original file.

A finding is only useful if its line and column point where the author's editor (or Word) shows the
text, so most tests locate a known string in the *original* and compare with the reported position.
"""

from __future__ import annotations

import bisect
import codecs
import io
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker import check
from checker.ingest import IngestError, collect_paths, read_bytes, read_path
from checker.source import SourceText

# A tiny report body with two planted defects whose rules are part of the foundation:
# a doubled word (TT001) and an impossible date (NG001).
BODY = "Tiêu đề báo cáo\nHôm nay chúng tôi đã đã họp vào ngày 31/02/2023 tại trụ sở.\n"


def _original_position(original: str, needle: str) -> tuple[int, int]:
    """1-based (line, column) of `needle` in `original`, counted in code points like an editor."""
    offset = original.index(needle)
    before = original[:offset]
    line = before.count("\n") + 1
    column = offset - (before.rfind("\n") + 1) + 1
    return line, column


def _finding(data: bytes, name: str, rule: str):
    report = check(data, name=name, select=[rule])
    assert report.error is None, report.error
    found = [f for f in report.findings if f.rule == rule]
    assert len(found) == 1, found
    return found[0]


def _original_slice(original: str, f) -> str:
    """The text of the original file between a finding's (line, column) and (end_line, end_column)."""
    lines = original.split("\n")
    assert f.line == f.end_line, "these tests only plant one-line defects"
    return lines[f.line - 1][f.column - 1 : f.end_column - 1]


def _pos(src: SourceText, needle: str) -> tuple[int, int]:
    p = src.position(src.text.index(needle))
    return p.line, p.column


# -- decoding -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (BODY.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + BODY.encode("utf-8"), "utf-8-sig"),
        (BODY.encode("utf-16"), "utf-16"),  # Python writes the BOM for "utf-16"
        (codecs.BOM_UTF16_BE + BODY.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom"],
)
def test_text_encodings_decode_to_the_same_text(data: bytes, encoding: str) -> None:
    src = read_bytes(data, "r.txt")
    assert src.encoding == encoding
    assert src.text == BODY  # BOM dropped, nothing else changed
    # The BOM is not a column: the doubled word keeps the column an editor shows.
    f = _finding(data, "r.txt", "TT001")
    assert (f.line, f.column) == _original_position(BODY, "đã đã")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x01\x02\x03binary\x00\x00", "nhị phân"),
        (bytes(range(256)) * 4, "nhị phân"),
        ("Báo cáo năm 2023".encode("cp1258"), "UTF-8"),  # legacy code page: refused, not guessed
        (b"", "rỗng"),
        (b"  \n\t\n", "rỗng"),
    ],
    ids=["nul", "all-bytes", "cp1258", "empty", "blank"],
)
def test_unreadable_text_raises_one_line_reason(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as info:
        read_bytes(data, "x.txt")
    message = str(info.value)
    assert reason in message
    assert "\n" not in message


def test_check_never_raises_on_bad_bytes() -> None:
    # The public API turns an unreadable input into a report with `error`, so a batch goes on.
    report = check(b"\x00\x00\x00\xff", name="bad.txt")
    assert report.error and "\n" not in report.error
    assert report.findings == []


def test_read_path_errors_name_the_reason(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="không tìm thấy"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(IngestError, match="thư mục"):
        read_path(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(IngestError, match="quá lớn"):
        read_path(big, max_bytes=1024)


# -- positions in the original --------------------------------------------------------------------
def test_nfd_input_is_nfc_inside_and_columns_point_at_the_original() -> None:
    original = unicodedata.normalize("NFD", BODY)
    assert original != BODY  # the test is only meaningful if decomposition changed something
    src = read_bytes(original.encode(), "nfd.txt")
    assert src.text == unicodedata.normalize("NFC", BODY)
    # Matching works on NFC text (a decomposed "Quyết định" must still be found) ...
    f = _finding(original.encode(), "nfd.txt", "TT001")
    # ... and the column counts the decomposed code points the file really holds.
    needle = unicodedata.normalize("NFD", "đã đã")
    assert (f.line, f.column) == _original_position(original, needle)
    line = original.split("\n")[f.line - 1]
    assert line[f.column - 1 : f.end_column - 1] == needle
    date = _finding(original.encode(), "nfd.txt", "NG001")
    shown = _original_slice(original, date)
    assert "31/02/2023" in shown and unicodedata.normalize("NFC", shown) == src.text[date.offset : date.end_offset]


def test_crlf_columns_and_line_ends() -> None:
    original = BODY.replace("\n", "\r\n")
    src = read_bytes(original.encode(), "crlf.txt")
    assert "\r" not in src.text
    assert _pos(src, "đã đã") == _original_position(BODY, "đã đã")
    # The end of a line maps to just after its last visible character, not past the \r.
    end_of_first = src.text.index("\n")
    assert src.position(end_of_first).column == len("Tiêu đề báo cáo") + 1
    assert src.position(end_of_first).line == 1


MARKDOWN = (
    "### **BÁO CÁO**\n"
    "\n"
    "**Kết quả** thực hiện *năm* 2023\n"
    "\n"
    "1\\. Chúng tôi *đã* đã họp vào **ngày 31/02/2023** tại trụ sở\\.\n"
)


def test_markdown_residue_is_removed_but_columns_map_to_the_original() -> None:
    src = read_bytes(MARKDOWN.encode(), "r.md")
    assert src.format == "md"
    lines = src.text.split("\n")
    assert lines[0] == "BÁO CÁO"
    assert lines[2] == "Kết quả thực hiện năm 2023"
    assert lines[4] == "1. Chúng tôi đã đã họp vào ngày 31/02/2023 tại trụ sở."
    # "BÁO" sits after "### **" in the original.
    assert _pos(src, "BÁO") == (1, 7)
    assert _pos(src, "năm") == _original_position(MARKDOWN, "năm")
    tt = _finding(MARKDOWN.encode(), "r.md", "TT001")
    # The span starts on the first "đã" (after its "*") and keeps the emphasis mark inside it.
    assert (tt.line, tt.column) == (5, MARKDOWN.split("\n")[4].index("đã*") + 1)
    assert _original_slice(MARKDOWN, tt) == "đã* đã"
    ng = _finding(MARKDOWN.encode(), "r.md", "NG001")
    assert ng.line == 5
    assert _original_slice(MARKDOWN, ng).replace("*", "") == src.text[ng.offset : ng.end_offset]
    assert "31/02/2023" in _original_slice(MARKDOWN, ng)


def test_markdown_headings_still_parse_as_document_parts() -> None:
    from checker.document import build_document

    src = read_bytes(MARKDOWN.encode(), "r.md")
    doc = build_document(src)
    assert doc.header.doc_type == "BÁO CÁO"
    assert doc.header.summary == "Kết quả thực hiện năm 2023"
    assert doc.reporting_year.year == 2023
    assert [s.token for s in doc.iter_sections()] == ["1."]


def test_lone_star_ornament_of_party_header_is_kept() -> None:
    src = read_bytes("TỈNH ỦY BẮC GIANG\n*\nSố 442-BC/TU\n".encode(), "p.txt")
    assert src.text.split("\n")[1] == "*"


def test_nbsp_dashes_and_zero_width_are_folded_without_moving_columns() -> None:
    original = "Giai\u00a0đoạn 2021\u20132025 và\u200b năm 2023\n"
    src = read_bytes(original.encode(), "d.txt")
    assert src.text == "Giai đoạn 2021-2025 và năm 2023\n"
    assert _pos(src, "năm 2023") == _original_position(original, "năm 2023")


# -- folders ---------------------------------------------------------------------------------------
def test_collect_paths_recurses_sorts_and_skips_hidden(tmp_path: Path) -> None:
    for rel in ["b.txt", "a.md", "sub/c.txt", "sub/deeper/d.docx", "sub/e.TXT", ".hidden.txt",
                ".git/x.txt", "sub/.cache/y.md", "notes.pdf.bak", "image.png"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    got = [Path(p).relative_to(tmp_path).as_posix() for p in collect_paths([str(tmp_path)])]
    assert got == ["a.md", "b.txt", "sub/c.txt", "sub/deeper/d.docx", "sub/e.TXT"]
    # Files named explicitly are kept as given, in the given order, even hidden or unsupported.
    explicit = [str(tmp_path / "b.txt"), str(tmp_path / ".hidden.txt")]
    assert collect_paths(explicit) == explicit


# -- .docx -----------------------------------------------------------------------------------------
def _docx_bytes() -> bytes:
    d = docx.Document()
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph("Kết quả thực hiện năm 2023")
    d.add_paragraph("")  # an empty paragraph still counts in Word's paragraph numbering
    d.add_paragraph("Đoạn thứ tư có lỗi đã đã lặp từ.")
    table = d.add_table(rows=3, cols=3)
    values = [["TT", "Nội dung", "Ghi chú"], ["1", "Họp ngày 31/02/2023", "công tác công tác"], ["2", "b", "c"]]
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph("Đoạn sau bảng.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_tables_in_reading_order() -> None:
    src = read_bytes(_docx_bytes(), "r.docx")
    assert src.format == "docx"
    text = src.text
    order = ["BÁO CÁO", "Kết quả thực hiện năm 2023", "Đoạn thứ tư", "TT\tNội dung\tGhi chú",
             "1\tHọp ngày 31/02/2023\tcông tác công tác", "Đoạn sau bảng."]
    offsets = [text.index(s) for s in order]
    assert offsets == sorted(offsets)
    # Paragraph numbers count empty paragraphs too (as Word does); cells carry table/row/column.
    assert src.position(text.index("Đoạn thứ tư")).location == "đoạn 4"
    p = src.position(text.index("công tác công tác") + 3)
    assert p.location == "bảng 1, hàng 2, cột 3"
    assert p.column == 4


def test_docx_findings_carry_locations() -> None:
    data = _docx_bytes()
    tt = check(data, name="r.docx", select=["TT001"])
    assert tt.error is None
    locations = {f.location for f in tt.findings}
    assert {"đoạn 4", "bảng 1, hàng 2, cột 3"} <= locations
    ng = check(data, name="r.docx", select=["NG001"])
    assert [f.location for f in ng.findings] == ["bảng 1, hàng 2, cột 2"]
    # The column counts inside the cell: the date's span starts on "31" (or on "ngày" before it).
    cell = "Họp ngày 31/02/2023"
    assert ng.findings[0].column in (cell.index("ngày") + 1, cell.index("31") + 1)
    # Lines grow in reading order: the paragraph finding comes before the table cells.
    assert [f.line for f in tt.findings] == sorted(f.line for f in tt.findings)


def test_docx_line_is_the_paragraph_number_of_its_location() -> None:
    report = check(_docx_bytes(), name="r.docx", select=["TT001"])
    para = [f for f in report.findings if f.location and f.location.startswith("đoạn ")]
    assert para and all(f.line == int(f.location.split()[1]) for f in para)


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "rỗng"),
        (b"%PDF-1.7\n%...\n", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "mật khẩu"),
        (b"PK\x03\x04 truncated", "hỏng"),
        (_zip({"hello.txt": b"hi"}), "document.xml"),
        (_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<not-xml"}), "hỏng"),
        (b"just text in a docx", "ZIP"),
    ],
    ids=["empty", "renamed-pdf", "ole-encrypted", "truncated-zip", "zip-without-word", "broken-xml", "text"],
)
def test_broken_docx_is_a_clear_error(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as info:
        read_bytes(data, "broken.docx")
    assert reason in str(info.value)
    assert "\n" not in str(info.value)
    report = check(data, name="broken.docx")
    assert report.error and report.findings == []


def test_docx_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import checker.ingest.docx as docx_ingest

    # Lower the limit instead of building a huge file: the check reads sizes from the zip directory.
    monkeypatch.setattr(docx_ingest, "MAX_ZIP_TOTAL", 1000)
    data = _zip({"word/document.xml": b"<a>" + b" " * 5000 + b"</a>"})
    with pytest.raises(IngestError, match="quá lớn"):
        read_bytes(data, "bomb.docx")


def _docx_with_footnote_and_header() -> bytes:
    """A .docx with a page header and one real footnote (word/footnotes.xml built by hand, since
    python-docx has no API to add footnotes)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "BAN DÂN TỘC TỈNH BẮC GIANG"
    p = d.add_paragraph("Diện tích 306,37 km")
    p.add_run("2").font.superscript = True  # a unit written with a superscript run: not a footnote
    p.add_run(" theo số liệu thống kê")
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="7"/></w:r>'))
    p.add_run(" năm 2023.")
    notes = (
        f'<w:footnotes {nsdecls("w")}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="7"><w:p><w:r><w:t>Niên giám thống kê tỉnh năm 2022.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    ).encode()
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        notes,
        d.part.package,
    )
    d.part.relate_to(part, RT.FOOTNOTES)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_footnotes_and_page_header() -> None:
    from checker.document import build_document

    src = read_bytes(_docx_with_footnote_and_header(), "fn.docx")
    text = src.text
    assert src.position(text.index("BAN DÂN TỘC")).location == "đầu trang"
    # The reference becomes a superscript marker in the text, the note a "¹ text" line at the end.
    assert "thống kê¹ năm 2023." in text
    assert src.position(text.index("¹ Niên giám")).location == "chú thích 1"
    doc = build_document(src)
    assert [(f.number, f.text) for f in doc.footnotes] == [(1, "Niên giám thống kê tỉnh năm 2022.")]
    assert [m.number for m in doc.footnote_markers] == [1]


def test_citation_found_in_decomposed_text() -> None:
    from checker.entities import extract_citations

    original = unicodedata.normalize("NFD", "Thực hiện Quyết định số 274/QĐ-UBND ngày 10/5/2017 của UBND tỉnh.\n")
    src = read_bytes(original.encode(), "nfd.txt")
    cits = extract_citations(src.text)
    assert [(c.type_word, c.symbol, c.form) for c in cits] == [("Quyết định", "274/QĐ-UBND", "state")]
    start = src.position(cits[0].symbol_start)
    assert original[start.column - 1 :].startswith("274/")


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 6)), max_size=40))
def test_offset_map_reads_back_what_was_appended(steps: list[tuple[int, int]]) -> None:
    """The run-length map answers every offset, iteration and bound look-up as the plain list does,
    whether it stays as runs or goes dense (steps: a gap in the origin, then a run of that length)."""
    from checker.source import OffsetMap

    values: list[int] = []
    origin = 0
    for gap, length in steps:
        origin += gap
        values += [origin] * length if gap == 0 else list(range(origin, origin + length))
        origin = values[-1]
    mapping = OffsetMap(values)
    assert len(mapping) == len(values)
    assert list(mapping) == values
    assert [mapping[i] for i in range(len(values))] == values
    for target in range(-1, (values[-1] if values else 0) + 3):
        assert mapping.first_at_or_after(target) == bisect.bisect_left(values, target)


def test_offset_map_of_ordinary_text_is_a_few_runs() -> None:
    """A megabyte with a few changed spots keeps a few bytes of map, not four per character."""
    from checker.source import normalise

    text = "Báo cáo kết quả năm 2023.\n" * 25_000 + "Nơi\u00a0nhận:  \r\n" + "- Lưu: VT.\n" * 25_000
    normalised, mapping = normalise(text)
    assert len(mapping) == len(normalised)
    assert mapping.nbytes <= 64  # a handful of runs, around the three changed spots
    where = normalised.index("nhận:") + 5  # the newline, after the dropped trailing spaces
    assert mapping[where] == text.index("\r\n")
    assert mapping[len(normalised) - 1] == len(text) - 1


def test_long_text_is_lowered_and_folded_as_a_whole_would_be() -> None:
    """Lowered and folded a piece at a time (no 12-byte-per-character scratch buffer for a whole report),
    the result is what one `str.lower()` and one fold give: pieces end after a newline or, on a line
    longer than a piece, after a space, so no tone pair is cut."""
    from checker import source
    from checker.source import fold, fold_lowered, lower

    line = "Ủy ban HÒA GIẢI xã Thuỷ Xuân tổ chức 12 hội nghị; ĐOÀN KẾT. "
    long_line = line * 3000  # one line longer than a piece: cut at spaces
    text = (line + "\n") * 3000 + long_line + "\n" + "Σ ΟΔΟΣ\n" * 10
    assert len(text) > 3 * source._CHUNK
    assert lower(text) == text.lower()
    whole_fold = source._fold(text)  # the fold of the text in one go
    assert fold(text) == whole_fold
    assert fold_lowered(lower(text)) == whole_fold
    assert "hoà" in whole_fold and "uỷ ban" in whole_fold  # the pairs were folded
    plain = "ban chấp hành đã tổ chức 12 hội nghị\n" * 5000  # nothing to fold: the same string back
    assert fold_lowered(plain) is plain
    assert lower(plain) is plain
