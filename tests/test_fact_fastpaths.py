"""The facts' fast paths give what their plain forms give.

A fact a rule reads (the self-scores written in prose, the final figures "89 + 10 = 99 điểm", the
report's own class, the folded text) is found by trying its pattern only where it can start: after a
literal it begins with, in the run of figure characters before a "+", at the lead words before a
"xếp". A place missed there is a finding silently lost, so each is compared here with the plain scan
it replaced, on generated text full of near-misses, on the reports of samples/ and on the real reports
of ../shared (skipped, with the reason, when that folder is absent).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_helpers import sample_texts

from checker.facts import score
from checker.ingest import blank
from checker.scan import finditer_at, finditer_literals, finditer_windows, line_windows
from checker.source import _fold_table, fold_lowered, lower

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SHARED_SKIP = "thư mục ../shared (seeds, corpus) không có: bỏ qua so sánh trên báo cáo thật"

_PIECES = st.sampled_from(
    [
        # self-scores and their near-misses
        "tự chấm", "Tự  đánh giá", "TỰ CHẤM ĐIỂM", "tự\nchấm", "Tự đánh\tgiá điểm", "tựchấm", "tư chấm", "tu",
        " chấm điểm", "Tự", "TỰ", "ự", "t",
        # figures, final figures
        "89", "4,5", "4.5", "100", "1234", "95/100", " điểm", " Điểm", "ĐIỂM", "đ", "điêm", "+", " + ", "++", "=", " = ",
        "(điểm thưởng)", " thưởng ", "- 2", "−", " (điểm trừ) ", "٣", "١٢", "1.2.3", "/", ",", ".",
        # the report's own class and its leads
        "xếp loại", "Xếp  loại", "XẾP LOẠI", "xếp\nloại", "xếp", ": ", ", ", ",", "\n", "\n\n\n", "- ", "• ", "* ",
        "tự ", "đề nghị ", "Đề  xuất\n", "ĐỀ NGHỊ", "đề", "Tốt", "Khá", " mức chất lượng ", "Hoàn thành tốt",
        # blanks, exotic cases and tone pairs of the folding
        " ", "  ", "\t", "\u2003", "\u00a0", "ı", "İ", "ſ", "a", "A", "của", "hòa", "hoà", "thủy", "thuỷ", "ủa", "òa",
        "ọe", "ụy", "Ủy", "óe",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


def _shared_texts() -> list[str]:
    """The real reports of ../shared: the seeds and the corpus (with corpus/full)."""
    files = [
        p
        for folder in (SHARED / "seeds", SHARED / "corpus")
        if folder.is_dir()
        for p in sorted(folder.rglob("*"))
        if p.suffix in (".txt", ".md")
    ]
    if not files:
        pytest.skip(SHARED_SKIP)
    return [p.read_text(encoding="utf-8", errors="replace") for p in files]


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


def _class_windows(text: str) -> list[tuple[int, int]]:
    return line_windows(text, (m.start() for m in score._XEP.finditer(lower(text))), lines_before=2)


def _plain_fold(lowered: str) -> str:
    """The folding as the superset pattern did it: a letter of the pairs' first ones, then one of their
    second ones, each such pair looked up in the table."""
    table, _ = _fold_table()
    firsts = "".join(sorted({k[0] for k in table}))
    seconds = "".join(sorted({k[1:] for k in table}))
    superset = re.compile(f"[{re.escape(firsts)}][{re.escape(seconds)}]")
    return superset.sub(lambda m: table.get(m.group(), m.group()), lowered)


def _check(text: str) -> None:
    low = lower(text)
    assert _spans(finditer_literals(score._SELF, score._SELF_LITERAL, text, low)) == _spans(score._SELF.finditer(text))
    assert _spans(finditer_at(score._FINAL, text, score.final_starts(text))) == _spans(score._FINAL.finditer(text))
    windows = _class_windows(text)
    assert _spans(score.class_matches(text, low, windows)) == _spans(finditer_windows(score._CLASS, text, windows))
    assert fold_lowered(low) == _plain_fold(low)
    assert blank(text) == (not text.strip())
    data = text.encode("utf-8")
    assert blank(data) == (not data.strip())


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_fact_scans_equal_their_plain_forms(text: str) -> None:
    _check(text)


def test_fact_scans_on_the_samples() -> None:
    for text in sample_texts().values():
        _check(text)


def test_fact_scans_on_the_real_reports() -> None:
    for text in _shared_texts():
        _check(text)


def test_fact_scans_find_what_they_look_for() -> None:
    # (so that the comparisons above are not all between empty lists)
    text = "Cơ quan Tự chấm điểm: 95 điểm, đề nghị\n  xếp loại Tốt.\n- Xếp loại: Khá\nĐạt 85,5 điểm + 10 (điểm thưởng) = 95,5 điểm"
    low = lower(text)
    assert len(list(finditer_literals(score._SELF, score._SELF_LITERAL, text, low))) == 1
    assert _spans(finditer_at(score._FINAL, text, score.final_starts(text))) == [(text.index("85,5"), len(text))]
    assert len(list(score.class_matches(text, low, _class_windows(text)))) == 2
    assert fold_lowered("hòa thủy của") == "hoà thuỷ của"
    assert blank(" \t\n\u2003") and blank(b" \r\n") and not blank(" a ") and blank("")


# -- no reference cycles: a checked report is freed when its last reference goes, not when the
# collector next runs (which walked every such report's context, text and facts until then) ----------
def _plain_iter_sections(nodes: list) -> list:
    out = []
    for node in nodes:
        out.append(node)
        out.extend(_plain_iter_sections(node.children))
    return out


def test_sections_are_walked_depth_first_in_text_order() -> None:
    from checker.document import build_document
    from checker.ingest import read_bytes

    texts = list(sample_texts().values())
    texts.append("BÁO CÁO\nI. MỘT\n1. Một một\na) a\nb) b\n2. Một hai\nII. HAI\n1. Hai một\nIII. BA\n")
    for text in texts:
        doc = build_document(read_bytes(text.encode(), "r.txt"))
        assert doc.iter_sections() == _plain_iter_sections(doc.sections)
    assert [s.token for s in doc.iter_sections()] == ["I.", "1.", "a)", "b)", "2.", "II.", "1.", "III."]
    import gc

    gc.collect()
    doc.iter_sections()
    assert gc.collect() == 0  # the walk leaves nothing for the collector (a self-calling closure did)


def test_a_report_context_is_freed_without_the_collector() -> None:
    import gc
    import weakref

    from checker.context import Context, Options
    from checker.document import build_document
    from checker.ingest import read_bytes

    text = max(sample_texts().values(), key=len)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        src = read_bytes(text.encode(), "r.txt")
        ctx = Context(src=src, doc=build_document(src), options=Options())
        # the facts that hold the context or walk the sections
        assert ctx.score.sheet is not None or ctx.score.sheet is None
        ctx.score.prose_scores, ctx.score.claims, ctx.score.final_figures, ctx.score.scopes  # noqa: B018
        ctx.doc.iter_sections()
        ref = weakref.ref(ctx)
        del ctx
        assert ref() is None  # freed by its reference count: no cycle through its facts
    finally:
        if was_enabled:
            gc.enable()


# -- the NFC verdict normalisation keeps (SourceText.nfc): the framework's detection reads the lower-cased
# text for the NFC one without scanning the text again --------------------------------------------------
_NFC_PIECES = st.sampled_from(
    [
        "Hòa", "hoa\u0300", "o\u0302\u0301", "a\u0301\u0301", "\u1100\u1161", "\u212b", "\u0340", "\u0958",
        "\u00a0", "–", "**", "# ", "\r\n", "  \n", "\u200b", "ƣ", "x", " ", "\n", "1",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_NFC_PIECES, min_size=1, max_size=20).map("".join))
def test_a_text_said_to_be_nfc_is_nfc(text: str) -> None:
    import unicodedata

    from checker.ingest import IngestError, read_bytes

    try:
        src = read_bytes(("x" + text).encode("utf-8"), "r.txt")
    except IngestError:
        return
    if src.nfc:
        assert unicodedata.is_normalized("NFC", src.text)


def test_the_nfc_verdict_is_kept_for_a_report() -> None:
    from checker.ingest import read_bytes

    for text in sample_texts().values():
        assert read_bytes(text.encode("utf-8"), "r.txt").nfc
    assert read_bytes("Ho\u0300a bi\u0300nh".encode(), "r.txt").nfc  # decomposed, composed by the reader


_HEAD_PIECES = st.sampled_from(
    [
        "Tiêu chí 3", "TIÊU CHÍ 12", "tiêu  chí\t2", "Tiêu chí", "tiêuchí 1", "chí 5", "Nội dung 2", "NỘI DUNG 10",
        "nội\ndung 1", "dung 3", "Nội dung", "xTiêu chí 4", "1.", "a) ", " ", ": ", "123", "4a", "ı", "İ", "Í", "K",
    ]
)


def _plain_named_in(head: str) -> tuple[int | None, int | None]:
    from checker.document import _CRITERION_IN, _ITEM_IN

    crit, item = _CRITERION_IN.search(head), _ITEM_IN.search(head)
    return int(crit.group(1)) if crit else None, int(item.group(1)) if item else None


@settings(max_examples=400, deadline=None)
@given(st.lists(_HEAD_PIECES, max_size=12).map("".join))
def test_criterion_and_item_named_in_a_heading_as_the_plain_searches_find_them(head: str) -> None:
    from checker.document import _named_in

    assert _named_in(head) == _plain_named_in(head)


def test_criterion_and_item_named_in_headings_of_the_samples() -> None:
    from checker.document import _named_in

    heads = [line[:80] for text in sample_texts().values() for line in text.split("\n")]
    assert all(_named_in(h) == _plain_named_in(h) for h in heads)
    assert _named_in("1. TIÊU CHÍ 2: Nội dung 3") == (2, 3)


# -- reading: one pass for what normalisation and the binary test look for ---------------------------
_READ_PIECES = st.sampled_from(
    list(" \t\n\r#\\*ab1-–—−‑\u00a0\u200b\u200c\u200d\u2060\u00ad\u2009\u2002\u2003\u2007\u202f\ufeffƢƣ.:")
    + ["\r\n", "## ", "\\*", "  \n", "**", "a\u0301", "o\u0302\u0303", "\u1ab0", "\u20d0", "\ufe20", "Hòa", "ộ"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_READ_PIECES, max_size=40).map("".join))
def test_the_characters_found_present_are_those_the_text_holds(text: str) -> None:
    from checker import source

    expected = {c for c in text if source._ANY_SPECIAL.match(c)}
    assert source._present(text) == expected
    saved = source._CHUNK
    try:  # pieces cut anywhere: a character is never split
        source._CHUNK = 3
        assert source._present(text) == expected
    finally:
        source._CHUNK = saved
    assert any(source._ANY_COMBINING.match(c) for c in expected) == (source._ANY_COMBINING.search(text) is not None)
    for markdown in (True, False):
        for _, _, needles in source._kinds(markdown):
            for c in needles or "":
                assert (c in expected) == (c in text)  # every needle is one of the characters looked for


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=64))
def test_control_bytes_are_found_as_the_in_tests_found_them(data: bytes) -> None:
    from checker.ingest.text import _BINARY_CONTROLS, has_control_bytes

    assert has_control_bytes(data) == any(bytes([b]) in data for b in _BINARY_CONTROLS)
    assert has_control_bytes(b"ab\x01c") and not has_control_bytes("Hòa\t\n\r\x0c".encode())
