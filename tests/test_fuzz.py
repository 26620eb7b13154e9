"""Property tests (hypothesis): arbitrary bytes, Unicode and edited reports never break `check()`.

Properties: no exception escapes and no rule fails inside (`lỗi nội bộ`); every finding's line and
column lie inside the file; a second run gives the same JSON; the JSON validates against the contract.
`max_examples` stays modest so `make test` stays fast; `make fuzz` (atheris, fuzz/) runs for longer.
"""

from __future__ import annotations

import functools
import io
import json
import random
import subprocess
import time
import zipfile
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import make_docx, sample_texts

from checker import check
from checker.report import json_document

SCHEMA = json.loads((Path(__file__).parent / "contract-schema.json").read_text(encoding="utf-8"))
SAMPLE = next(iter(sample_texts().values()))
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that matter to ingest and rules: Vietnamese letters (NFC and combining marks), the
# spaces, dashes, quotes and zero-width characters normalise() folds, digits and symbol punctuation.
_ALPHABET = st.sampled_from(
    list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ áàảãạấầẩẫậộốồổỗớờởỡợủúùũụ0123456789./-,:;()%\"'\n\t")
    + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u00a0", "\u200b", "\ufeff", "\r\n", "–", "—", "“", "”",
       "¹", "²", "⁽", "⁾", "**", "#", "\\", "Số: ", "ngày ", "tháng ", "năm 2023", "Quyết định số ", "/QĐ-UBND",
       "-KL/TW", "Tiêu chí ", "\t10\t", "Nơi nhận:", "BÁO CÁO", "I. ", "1. ", "a) "]
)
_TEXT = st.lists(_ALPHABET, max_size=300).map("".join)


def _assert_sound(data: bytes, name: str) -> None:
    first = check(data, name=name)
    assert not (first.error or "").startswith("lỗi nội bộ"), first.error
    if first.error is None and not name.endswith((".docx", ".pdf")):
        original = _decoded(data)
        lines = original.split("\n")
        for f in first.findings:
            assert 1 <= f.line <= len(lines), (f.rule, f.line, len(lines))
            assert 1 <= f.column <= len(lines[f.line - 1]) + 1, (f.rule, f.line, f.column)
            assert 1 <= f.end_line <= len(lines) and f.end_line >= f.line
            assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1
    second = check(data, name=name)
    doc1, doc2 = json_document([first]), json_document([second])
    assert json.dumps(doc1, sort_keys=True) == json.dumps(doc2, sort_keys=True)
    jsonschema.validate(doc1, SCHEMA)


def _decoded(data: bytes) -> str:
    """The file as the checker decoded it, so columns can be checked against its lines."""
    from checker.ingest.text import decode_text

    try:
        return decode_text(data)[0]
    except ValueError:
        return data.decode("latin-1")  # a legacy single-byte file


@FAST
@given(st.binary(max_size=2000), st.sampled_from(["x.txt", "x.md", "x.docx", "x.pdf", "x"]))
def test_arbitrary_bytes(data: bytes, name: str) -> None:
    _assert_sound(data, name)


@FAST
@given(_TEXT)
def test_arbitrary_report_like_text(text: str) -> None:
    _assert_sound(text.encode("utf-8"), "x.txt")


@FAST
@given(st.text(max_size=400))
def test_arbitrary_unicode(text: str) -> None:
    _assert_sound(text.encode("utf-8", "surrogatepass"), "x.txt")


@st.composite
def _edited(draw: st.DrawFn) -> str:
    """A real report with a few random edits: deletions, duplications, insertions, line swaps."""
    text = SAMPLE
    for _ in range(draw(st.integers(1, 6))):
        n = len(text)
        kind = draw(st.sampled_from(["delete", "duplicate", "insert", "swap"]))
        a = draw(st.integers(0, n))
        b = min(n, a + draw(st.integers(0, 200)))
        if kind == "delete":
            text = text[:a] + text[b:]
        elif kind == "duplicate":
            text = text[:b] + text[a:b] + text[b:]
        elif kind == "insert":
            text = text[:a] + draw(_TEXT) + text[a:]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edited())
def test_edited_reports(text: str) -> None:
    _assert_sound(text.encode("utf-8"), "x.txt")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edited())
def test_edited_reports_as_docx(text: str) -> None:
    _assert_sound(make_docx(text), "x.docx")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edited(), st.sampled_from(["tcvn3", "vni"]))
def test_edited_reports_in_legacy_encodings(text: str, encoding: str) -> None:
    # the legacy path maps columns through two offset maps (conversion, then normalise): they must
    # still land inside the single-byte file's lines
    from checker.ingest.legacy import available, to_legacy

    if not available():
        return
    _assert_sound(to_legacy(text, encoding).encode("latin-1", "replace"), "x.txt")


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edited())
def test_edited_reports_as_pdf(text: str) -> None:
    from test_pdf import text_to_pdf  # fpdf2 + DejaVu; skips with its reason when absent

    _assert_sound(text_to_pdf(text), "x.pdf")


# normalise() finds the spots it changes with one pattern per kind, merged by position (fast), and
# falls back to one alternation of all kinds for decomposed text; both must find the same spots, or
# a Markdown star, a CRLF or a trailing blank would be dropped or kept differently by the fast path.
_SPOT_ALPHABET = st.sampled_from(
    list(" \t\n\r#\\*ab1-–—\u00a0\u200b\u00ad\u2009\ufeff.:") + ["\r\n", "## ", "\\*", "  \n", "**", " \t \n"]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_SPOT_ALPHABET, max_size=40).map("".join), st.booleans())
def test_fast_spot_scan_agrees_with_the_alternation(text: str, markdown: bool) -> None:
    from checker.source import _special, _spots

    expected = [(m.start(), m.end(), m.lastgroup) for m in _special(markdown).finditer(text)]
    assert list(_spots(text, markdown)) == expected


# -- every reader under mutation (issue 15) ----------------------------------------------------------
# Small valid files of each kind are built here, then mutated with a seeded random generator: bytes
# flipped, cut, repeated or inserted in the file itself, and, for the zip-based formats, inside one
# member before re-zipping (a flipped byte of a zip mostly fails its CRC, so the XML parsers behind it
# would never be reached). Whatever comes out, check() gives a report or a one-line error, in time.
# A mutation's seed is in the test id: `-k 'docx and 17'` replays it.

MUTATION_SECONDS = 15.0  # one check of one small mutated file; a hang or a blow-up goes far past it


def _mutated_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not out:
            break
        a = rng.randrange(len(out))
        b = min(len(out), a + rng.choice([1, 1, 2, 8, 64, 512]))
        kind = rng.choice(["flip", "cut", "repeat", "insert", "truncate"])
        if kind == "flip":
            out[a] ^= 1 << rng.randrange(8)
        elif kind == "cut":
            del out[a:b]
        elif kind == "repeat":
            out[b:b] = out[a:b] * rng.choice([1, 2, 10])
        elif kind == "insert":
            out[a:a] = rng.choice([b"\x00", b"\xff", b"<", b">", b"&", b'"', b"</w:p>", b"<w:tbl>", b"obj", b"endstream", b"9" * 12])
        else:
            del out[a:]
    return bytes(out)


def _mutated_member(data: bytes, rng: random.Random) -> bytes:
    """The same zip with one member's bytes mutated (CRCs right, so the member reaches its parser)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = [(info.filename, zf.read(info)) for info in zf.infolist()]
    target = rng.randrange(len(members))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (member, body) in enumerate(members):
            zf.writestr(member, _mutated_bytes(body, rng) if i == target else body)
    return buf.getvalue()


def _mutations(data: bytes, seed: int, zipped: bool) -> bytes:
    rng = random.Random(seed)
    if zipped and rng.random() < 0.6:
        return _mutated_member(data, rng)
    return _mutated_bytes(data, rng)


def _assert_bounded(data: bytes, name: str) -> None:
    started = time.monotonic()
    report = check(data, name=name)
    elapsed = time.monotonic() - started
    assert elapsed < MUTATION_SECONDS, f"{name}: {elapsed:.1f} s"
    if report.error is not None:
        assert report.error.strip() and "\n" not in report.error, report.error
        assert not report.error.startswith("lỗi nội bộ"), report.error
        assert not report.findings
    jsonschema.validate(json_document([report]), SCHEMA)


@functools.cache
def _valid_file(kind: str) -> bytes:
    """A small valid file of each kind, made here from the sample report's own text."""
    if kind == "docx":
        return make_docx(SAMPLE)
    if kind == "xlsx":
        from test_sheets import score_workbook

        return score_workbook()
    if kind == "zip":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("bao-cao.txt", SAMPLE.encode("utf-8"))
            zf.writestr("bao-cao.docx", _valid_file("docx"))
            zf.writestr("bang-diem.xlsx", _valid_file("xlsx"))
        return buf.getvalue()
    if kind == "pdf":
        from test_pdf import text_to_pdf  # fpdf2 + DejaVu; skips with its reason when absent

        return text_to_pdf(SAMPLE[:3000])
    raise ValueError(kind)


ZIPPED = {"docx": True, "xlsx": True}


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_mutated_containers(kind: str, seed: int) -> None:
    data = _valid_file(kind)
    if seed == 0:
        assert check(data, name=f"x.{kind}").error is None  # the valid file itself is read
    _assert_bounded(_mutations(data, seed, ZIPPED[kind]), f"x.{kind}")


@pytest.mark.parametrize("seed", range(12))
def test_mutated_zip_bundle(seed: int, tmp_path: Path) -> None:
    # a bundle is read as the batch reads it: its members listed, then each checked by its name
    # `bundle.zip › member`; listing may refuse the archive with one line (ValueError), nothing else
    from checker.ingest import bundle

    archive = tmp_path / "ho-so.zip"
    archive.write_bytes(_valid_file("zip") if seed == 0 else _mutations(_valid_file("zip"), seed, zipped=True))
    started = time.monotonic()
    try:
        found = bundle.members(archive.read_bytes(), archive.name)
    except ValueError as exc:
        assert str(exc).strip() and "\n" not in str(exc)
        return
    if seed == 0:
        assert [m for m, why in found if why is None] == ["bang-diem.xlsx", "bao-cao.docx", "bao-cao.txt"]
    for member, why in found:
        if why is None:
            report = check(f"{archive}{bundle.MEMBER_SEPARATOR}{member}")
            if report.error is not None:
                assert "\n" not in report.error and not report.error.startswith("lỗi nội bộ"), report.error
            elif seed == 0:
                assert report.findings is not None
    assert time.monotonic() - started < 3 * MUTATION_SECONDS


@pytest.fixture
def no_tesseract(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """OCR answered without running it: a PDF whose text layer a mutation broke would go to Tesseract."""
    asked: list[bytes] = []

    def pages(data: bytes, page_seconds: float | None = None) -> list[str]:
        asked.append(data)
        return [SAMPLE[:1500]]

    monkeypatch.setattr("checker.ingest.ocr.ocr_pages", pages)
    return asked


@pytest.mark.parametrize("seed", range(12))
def test_mutated_pdf(seed: int, no_tesseract: list[bytes]) -> None:
    data = _valid_file("pdf")
    if seed == 0:
        assert check(data, name="x.pdf").error is None
    _assert_bounded(_mutations(data, seed, zipped=False), "x.pdf")


@pytest.mark.slow  # LibreOffice makes the .xls (10–30 s)
def test_mutated_xls(tmp_path: Path) -> None:
    from checker.ingest import office

    if office.soffice() is None:
        pytest.skip("LibreOffice (soffice) không có trên máy: cài gói libreoffice-calc")
    source = tmp_path / "bang-diem.xlsx"
    source.write_bytes(_valid_file("xlsx"))
    subprocess.run(
        [office.soffice(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "xls", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    data = (tmp_path / "bang-diem.xls").read_bytes()
    assert check(data, name="x.xls").error is None
    for seed in range(20):
        _assert_bounded(_mutations(data, seed, zipped=False), "x.xls")


def _blank_pdf() -> bytes:
    """One empty page: no text layer, so the reader takes the OCR path."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_TEXT, _edited()), min_size=1, max_size=3))
def test_ocr_text_path(monkeypatch: pytest.MonkeyPatch, pages: list[str]) -> None:
    # what Tesseract might return for each page, fed to the OCR reader without running it
    monkeypatch.setattr("checker.ingest.ocr.ocr_pages", lambda data, page_seconds=None: pages)
    started = time.monotonic()
    report = check(_blank_pdf(), name="scan.pdf")
    assert time.monotonic() - started < MUTATION_SECONDS
    if report.error is not None:
        assert "\n" not in report.error and not report.error.startswith("lỗi nội bộ"), report.error
    else:
        assert report.report is not None and report.report.encoding == "ocr"  # the OCR path was taken
    jsonschema.validate(json_document([report]), SCHEMA)
