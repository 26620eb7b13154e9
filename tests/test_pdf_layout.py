"""The format (TH) facts of a text PDF are read with its text (`checker.ingest.pdf.PdfLayout`), not by
opening the file again with pdfplumber's dict per character (~4 MB for a page of running text, issue 15):
they must be the very facts pdfplumber's characters give (`format_pdf.read_with_pdfplumber`, the oracle)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.checks import format_pdf
from checker.ingest import read_bytes
from checker.ruledata_format import load_format_rules

SHARED_FILES = Path(__file__).resolve().parents[2] / "shared" / "files"
RULES = load_format_rules()["state"]


def _facts_both_ways(data: bytes) -> tuple[format_pdf.PdfFacts, format_pdf.PdfFacts] | None:
    src = read_bytes(data, "van-ban.pdf")
    if src.pdf_layout is None:
        return None
    oracle = format_pdf.read_with_pdfplumber(data, RULES)
    assert oracle is not None
    return _from_layout(src), oracle


def _from_layout(src: object) -> format_pdf.PdfFacts:
    """What `format_pdf._read` makes of the layout (its step after the header checks)."""
    layout = src.pdf_layout  # type: ignore[attr-defined]
    facts = format_pdf.PdfFacts(rules=RULES)
    facts.pages = [(w / format_pdf._PT_PER_MM, h / format_pdf._PT_PER_MM) for w, h in layout.pages]
    for name, letters in layout.fonts.items():
        facts.fonts[format_pdf._family(name)] += letters
    for size, letters in layout.sizes.items():
        facts.sizes[round(float(size) * 2) / 2] += letters
    facts.left = [x / format_pdf._PT_PER_MM for x in layout.left]
    facts.right = [x / format_pdf._PT_PER_MM for x in layout.right]
    return facts


def _assert_same(data: bytes) -> bool:
    both = _facts_both_ways(data)
    if both is None:
        return False
    ours, oracle = both
    assert ours.pages == oracle.pages
    assert ours.fonts == oracle.fonts
    assert ours.sizes == oracle.sizes
    assert ours.left == oracle.left
    assert ours.right == oracle.right
    return True


def _text_pdfs() -> list[Path]:
    if not SHARED_FILES.is_dir():
        return []
    return sorted(p for p in SHARED_FILES.rglob("*.pdf") if "scan" not in p.parent.name)


@pytest.mark.slow
@pytest.mark.skipif(not _text_pdfs(), reason="không có ../shared/files (các PDF thật)")
@pytest.mark.parametrize("path", _text_pdfs(), ids=lambda p: p.name)
def test_real_pdfs_give_pdfplumbers_format_facts(path: Path) -> None:
    try:
        read = _assert_same(path.read_bytes())
    except ValueError as exc:  # a file the reader refuses has no facts either way
        pytest.skip(f"tệp không đọc được: {exc}")
    assert read


def test_drawn_samples_give_pdfplumbers_format_facts() -> None:
    from ingest_helpers import sample_texts
    from test_pdf import text_to_pdf

    letters = 0
    for name, raw in sample_texts().items():
        data = text_to_pdf(read_bytes(raw.encode(), name).text)
        assert _assert_same(data)
        letters += sum(read_bytes(data, "a.pdf").pdf_layout.fonts.values())
    assert letters > 1000  # the samples' letters were counted, not an empty layout compared with another


def test_the_format_facts_come_from_the_layout_without_opening_the_file_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest_helpers import sample_texts
    from test_pdf import text_to_pdf

    from checker import check

    name, raw = next(iter(sample_texts().items()))
    data = text_to_pdf(read_bytes(raw.encode(), name).text)
    before = check(data, name="van-ban.pdf", select=["TH"]).findings
    assert before  # the drawn sample's font is not the prescribed one: the facts were read and used

    def refused(*_args: object) -> None:
        raise AssertionError("the PDF was opened again for its format facts")

    monkeypatch.setattr(format_pdf, "read_with_pdfplumber", refused)
    after = check(data, name="van-ban.pdf", select=["TH"]).findings
    assert [(f.rule, f.message) for f in after] == [(f.rule, f.message) for f in before]


def _add(chars: object, texts: str, size: float, x0: float, x1: float) -> None:
    """Characters of one font and size, the i-th at x0 + i .. x1 + i, as the reader records them."""
    for i, text in enumerate(texts):
        chars.text.append(text)  # type: ignore[attr-defined]
        chars.font.append("ABCDEF+TimesNewRomanPSMT")  # type: ignore[attr-defined]
        chars.size.append(size)  # type: ignore[attr-defined]
        chars.x0.append(x0 + i)  # type: ignore[attr-defined]
        chars.x1.append(x1 + i)  # type: ignore[attr-defined]


def test_a_page_counts_its_letters_and_its_edges_only_as_running_text() -> None:
    from checker.ingest import pdf as reader

    layout = reader.PdfLayout()
    chars = reader._PageChars()
    _add(chars, "Ab1 cD", 14.0, 50.0, 55.0)
    layout.add_page(595.0, chars)
    assert layout.fonts == {"ABCDEF+TimesNewRomanPSMT": 4}  # letters only: not the digit or the space
    assert layout.sizes == {14.0: 4}
    assert layout.left == [] and layout.right == []  # under 200 letters: not a page of running text
    for _ in range(50):  # 204 letters: the page's edges are where its letters start and stop
        _add(chars, "Abcd", 13.0, 70.0, 500.0)
    layout.add_page(595.0, chars)
    assert layout.left == [50.0] and layout.right == [595.0 - 503.0]
