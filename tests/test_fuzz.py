"""Property tests (hypothesis): arbitrary bytes, Unicode and edited reports never break `check()`.

Properties: no exception escapes and no rule fails inside (`lỗi nội bộ`); every finding's line and
column lie inside the file; a second run gives the same JSON; the JSON validates against the contract.
`max_examples` stays modest so `make test` stays fast; `make fuzz` (atheris, fuzz/) runs for longer.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
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
