"""The PDF reader's page step (issue 15: memory per byte) against pdfplumber's own: the characters are
collected as arrays (checker.ingest.pdf._read_page_chars) and the words and the tables' cells made from
them (`_words`, `_table_text`), where the reader before kept pdfplumber's dict per character and called
`page.extract_words` and `table.extract()`. Both are run here on every PDF at hand (the real files of
../shared/files, the samples drawn by fpdf2, generated tables, rotated and multi-font text) and the
texts, blocks, table cells and locations must be the same to the byte."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from checker.ingest import pdf as reader
from checker.ingest.legacy import convert, encoding_for_font, is_capitals_font

SHARED_FILES = Path(__file__).resolve().parents[1].parent / "shared" / "files"
if not SHARED_FILES.is_dir():
    SHARED_FILES = Path("/work/shared/files")


def _oracle_page_lines(page: Any, page_no: int, legacy: list[str], chars_before: int,  # noqa: ANN401
                       layout: object = None) -> tuple[list, int]:
    """The page step as it was: pdfplumber's characters, words and `table.extract()` (the format
    facts, `layout`, have their own oracle below)."""
    chars = page.chars
    if chars_before + len(chars) > reader.MAX_PDF_TEXT_CHARS:
        raise ValueError("too many characters")
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    words = reader._Words()
    for w in page.extract_words(extra_attrs=["fontname"], keep_blank_chars=False):
        words.append(reader._Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"], w.get("fontname")))
    body = [i for i in range(len(words)) if not reader._inside(words, i, boxes)]
    items = [reader._Line(page_no, 0, text, top, x0, x1, fw)
             for text, top, x0, x1, fw, _ in reader._words_to_lines(words, body, legacy)]
    legacy_chars = [c for c in chars if encoding_for_font(c.get("fontname"))]
    for table in tables:
        rows = []
        for r, row in enumerate(table.extract()):
            cells = [reader._cell_text(c) for c in row]
            if legacy_chars:
                cell_boxes = table.rows[r].cells if r < len(table.rows) else []
                cells = [_oracle_legacy_cell(text, cell_boxes[j] if j < len(cell_boxes) else None, chars, legacy)
                         for j, text in enumerate(cells)]
            rows.append(cells)
        x0, top, x1, _ = table.bbox
        items.append(reader._Line(page_no, 0, "", top, x0, x1, table_rows=rows))
    items.sort(key=lambda it: it.top)
    number = 0
    for it in items:
        number += 1
        it.number = number
        number += max(0, len(it.table_rows) - 1)
    height = float(page.height)
    for it in items:
        if not it.table_rows and (it.top < 0.1 * height or it.top > 0.9 * height):
            it.page_number = bool(reader._PAGE_NUMBER.match(it.text))
    return items, len(chars)


def _oracle_legacy_cell(text: str, box: Any, chars: list[dict], legacy: list[str]) -> str:  # noqa: ANN401
    if not text or box is None:
        return text
    x0, top, x1, bottom = box
    fonts = Counter(c.get("fontname") for c in chars
                    if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
                    and not c["text"].isspace())
    if not fonts:
        return text
    font = fonts.most_common(1)[0][0]
    enc = encoding_for_font(font)
    if not enc:
        return text
    if enc not in legacy:
        legacy.append(enc)
    return convert(text, enc, capitals=is_capitals_font(font), pdf=True)[0]


def _read(data: bytes, monkeypatch: pytest.MonkeyPatch | None = None) -> tuple:
    """What the reader gives: text, blocks with their locations, legacy encoding (or its error)."""
    try:
        src = reader.read_pdf(data, "x.pdf")
    except ValueError as exc:
        return (type(exc).__name__, str(exc))
    return (src.text, [(s.start, s.end, s.number, s.location) for s in src.segments], src.legacy, src.encoding,
            src.lookalikes)


def assert_same_as_pdfplumber(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple:
    lean = _read(data)
    with monkeypatch.context() as m:
        m.setattr(reader, "_page_lines", _oracle_page_lines)
        oracle = _read(data)
    assert lean == oracle
    return lean


def _shared_pdfs() -> list[Path]:
    return sorted(SHARED_FILES.rglob("*.pdf")) if SHARED_FILES.is_dir() else []


@pytest.mark.skipif(not _shared_pdfs(), reason="không có ../shared/files (các PDF thật)")
@pytest.mark.parametrize("path", _shared_pdfs(), ids=lambda p: p.name)
def test_real_pdfs_read_as_with_pdfplumbers_dicts(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = assert_same_as_pdfplumber(path.read_bytes(), monkeypatch)
    if "scan" in path.parent.name and "ocr" not in path.name:  # no text layer (or not a PDF at all): an error
        assert len(out) == 2 and out[0] in ("NoTextLayer", "ValueError")
    else:
        assert len(out) == 5 and out[0] and out[1]


# -- PDFs made here: the samples drawn by fpdf2 (ruled score tables, running header, page numbers), the
# same in a legacy font (each table cell's font read), and hand-written pages with what a page can hold


def test_drawn_samples_read_as_with_pdfplumbers_dicts(monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest_helpers import sample_texts
    from test_pdf import text_to_pdf

    from checker.ingest import read_bytes

    tables = 0
    for name, raw in sample_texts().items():
        out = assert_same_as_pdfplumber(text_to_pdf(read_bytes(raw.encode(), name).text), monkeypatch)
        tables += out[0].count("\t")
    assert tables > 20  # the score tables came out as tab rows, both ways


@pytest.mark.parametrize(("encoding", "font_name"), [("vni", "VNI-Times"), ("tcvn3", ".VnTime")])
def test_legacy_font_tables_read_as_with_pdfplumbers_dicts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           encoding: str, font_name: str) -> None:
    from ingest_helpers import sample_texts
    from test_pdf import _PDF_GLYPHS, _renamed_font, text_to_pdf

    from checker.ingest import read_bytes
    from checker.ingest.legacy import available, to_legacy

    if not available():
        pytest.skip("viparse (bảng chuyển mã TCVN3/VNI) chưa cài")
    font = _renamed_font(tmp_path, font_name)
    colliding = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰⁽⁾", "1234567890()")
    for name, raw in list(sample_texts().items())[:3]:
        text = read_bytes(raw.encode(), name).text.translate(colliding)
        legacy = to_legacy(text, encoding).translate(_PDF_GLYPHS if encoding == "tcvn3" else {})
        out = assert_same_as_pdfplumber(text_to_pdf(legacy, font), monkeypatch)
        assert out[2] == encoding


def _hand_page(ops: bytes, mediabox: bytes = b"0 0 595 842", extra: bytes = b"") -> list[bytes]:
    return [ops, b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] %s /Contents {c} 0 R "
                 b"/Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> /XObject << /X1 6 0 R >> >> >>" % (mediabox, extra)]


def _hand_pdf(pages: list[list[bytes]]) -> bytes:
    """Pages of hand-written operators: three fonts, a form XObject with its own text."""
    from ingest_helpers import pdf_from_objects

    form_ops = b"BT /F1 10 Tf 0 0 Td (inside a form, a word) Tj ET 0 0 m 120 0 l S"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
               b"<< /Type /XObject /Subtype /Form /BBox [0 0 300 50] /Matrix [1 0 0 1 60 120] "
               b"/Resources << /Font << /F1 3 0 R >> >> /Length %d >>\nstream\n%s\nendstream" % (len(form_ops), form_ops)]
    kids = []
    for ops, page in pages:
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(ops), ops))
        objects.append(page.replace(b"{c}", b"%d" % len(objects)))
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    return pdf_from_objects(objects)


def _ruled_table(x: float, y: float, widths: list[float], rows: list[list[str]], height: float = 18) -> bytes:
    """A table drawn as Word draws one: a rectangle per cell (its four rules), the cells' text inside."""
    ops = []
    for r, row in enumerate(rows):
        left = x
        for w, cell in zip(widths, row):
            top = y - r * height
            ops.append(b"%g %g %g %g re S" % (left, top - height, w, height))
            ops.append(b"BT /F%d 9 Tf %g %g Td (%s) Tj ET" % (2 if r == 0 else 1, left + 3, top - 12, cell.encode()))
            left += w
    return b"\n".join(ops)


def test_hand_written_pages_read_as_with_pdfplumbers_dicts(monkeypatch: pytest.MonkeyPatch) -> None:
    body = b"\n".join([
        b"BT /F1 12 Tf 56 800 Td (A line in Helvetica, then ) Tj /F2 12 Tf (bold) Tj /F1 12 Tf ( and back.) Tj ET",
        # words glued across fonts, kerned by TJ, a wide gap (a tab), spaces drawn as characters
        b"BT /F1 11 Tf 56 780 Td [(Ke) 40 (rned) -250 (words) -3000 (far) ] TJ /F3 11 Tf (mono) Tj ET",
        b"BT /F1 11 Tf 56 760 Td (ligature: \\337 and \\256 signs) Tj ET",
        # rotated text (not upright): its own words, read top to bottom
        b"BT /F1 10 Tf 0 1 -1 0 500 300 Tm (rotated words going up) Tj ET",
        b"BT /F1 10 Tf 0 -1 1 0 540 700 Tm (rotated words going down) Tj ET",
        # overlapping lines within the tolerance, superscript by rise
        b"BT /F1 11 Tf 56 740 Td (base line) Tj 2 Ts (sup) Tj 0 Ts 1.5 TL T* (close line) Tj ET",
        b"/X1 Do",
        _ruled_table(56, 600, [40, 200, 80], [["TT", "Noi dung", "Diem"], ["1", "Chi dao dieu hanh", "10"],
                                               ["2", "Kiem tra va giam sat", "8,5"], ["", "Tong cong", "18,5"]]),
        b"BT /F1 11 Tf 56 420 Td (After the table, a closing line.) Tj ET",
        b"BT /F1 9 Tf 290 30 Td (1) Tj ET",
    ])
    second = b"\n".join([
        b"BT /F1 12 Tf 66 820 Td (A page whose box does not start at zero.) Tj ET",
        _ruled_table(66, 700, [60, 60], [["a b", "c"], ["d", "e f g"]]),
        b"BT /F1 9 Tf 300 40 Td (2) Tj ET",
    ])
    third = b"BT /F1 12 Tf 56 800 Td (A cropped page, rotated.) Tj ET\nBT /F1 9 Tf 290 30 Td (3) Tj ET"
    data = _hand_pdf([_hand_page(body), _hand_page(second, b"10 20 605 862"),
                      _hand_page(third, b"0 0 595 842", b"/CropBox [20 20 575 822] /Rotate 90")])
    out = assert_same_as_pdfplumber(data, monkeypatch)
    assert "Diem" in out[0] and "\t" in out[0] and "rotated" in out[0]
