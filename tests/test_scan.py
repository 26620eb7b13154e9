"""The fast scans (checker/scan.py) find exactly what the plain `finditer` of the same pattern finds.

Entities and rules scan whole reports with patterns that start with a lookbehind or an alternation;
`finditer_anchored` tries them only where a literal-led `anchors()` pattern says one can start. If an
anchor set missed a start, a citation or date would silently vanish, so equality is tested on reports
and on generated text full of near-misses.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_helpers import sample_texts

from checker.entities import _DATE_STARTS, DATE_RE, citation_pattern
from checker.scan import anchors, finditer_anchored
from checker.source import lower

PAIRS = [citation_pattern(), (DATE_RE, _DATE_STARTS)]

_PIECES = st.sampled_from(
    [
        "Quyết định", "quyết định", "QUYẾT ĐỊNH", "Kế hoạch", "Thông báo kết luận", "Thông báo", "Chỉ thị",
        "Nghị quyết liên tịch", "xKết luận", "Chương trình hành động", " số ", " số: ", "274", "/QĐ-UBND",
        "-KL/TW", " ngày ", "26/5/2017", "29-30/11/2023", " tháng ", "09/2023", " năm ", "2023", "giai đoạn ",
        "2021-2025", "nhiệm kỳ ", "từ năm ", " đến năm ", "6 tháng đầu năm ", "sáu", "chín", " của UBND tỉnh",
        "/", "-", ".", ",", " ", "\n", "a", "1", "12", "Ngày", "Năm",
    ]
)


@pytest.mark.parametrize("regex,starts", PAIRS, ids=["citations", "dates"])
def test_anchored_scan_equals_finditer_on_reports(regex: re.Pattern[str], starts: re.Pattern[str]) -> None:
    for text in sample_texts().values():
        expected = [m.span() for m in regex.finditer(text)]
        assert [m.span() for m in finditer_anchored(regex, starts, text, lower(text))] == expected


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_anchored_scan_equals_finditer_on_generated_text(text: str) -> None:
    for regex, starts in PAIRS:
        expected = [m.span() for m in regex.finditer(text)]
        assert [m.span() for m in finditer_anchored(regex, starts, text, lower(text))] == expected


def test_anchors_find_word_starts_only() -> None:
    starts = anchors(["kế hoạch", "kế"], digits=True, not_after=r"\w")
    text = "kế hoạch 12, ykế 3a4"
    assert [(m.start(), m.group()) for m in starts.finditer(text)] == [(0, "kế hoạch"), (9, "1"), (17, "3")]



def test_required_literals_are_what_every_match_needs() -> None:
    from checker.scan import required_literals

    assert required_literals(r"(?<!\d)274\s*/\s*QĐ-UBND") >= {"274", "qđ-ubnd"}
    # a literal in only one branch of an alternation is not required; one in both is
    # ("Giang" gives "ang": "i" is never required, and a lone "g" is too short to be worth a test)
    assert required_literals(r"Bắc\s+Giang.*?274|274.*?Bắc\s+Giang") == {"274", "bắc", "ang"}
    assert "1878" not in required_literals(r"1878-QĐ|Quyết định 1878a|x")
    # an optional part requires nothing; a repeated one (at least once) does
    assert "99" not in required_literals(r"(?:99)?ab") and "99" in required_literals(r"(?:99)+")
    # letters with special case folds (k: Kelvin sign, s: long s, i: dotless i) are never required
    assert required_literals(r"kiss") == frozenset()
    # a positive lookahead's text stands in the text too; a lookbehind's or a negative one's is not counted
    assert required_literals(r"(?s)\A(?=.*?Bắc\s+Giang)(?=.*?274)") == {"bắc", "ang", "274"}
    assert required_literals(r"(?<=ab)x(?!cd)") == frozenset()


# The Quảng Ngãi framework's "both phrases anywhere", as it was written (led by each phrase, a search
# read on to the end from every "Quảng" or "tự") and as the rule file now writes it (two lookaheads)
_EITHER_ORDER = (
    r"(?s)\b(?:chấm\s+điểm|tự\s+đánh\s+giá)\s+công\s+tác\s+dân\s+vận\b.*?\bQuảng\s+Ngãi\b"
    r"|\bQuảng\s+Ngãi\b.*?\b(?:chấm\s+điểm|tự\s+đánh\s+giá)\s+công\s+tác\s+dân\s+vận\b"
)
_BOTH_AHEAD = (
    r"(?s)\A(?=.*?\bQuảng\s+Ngãi\b)(?=.*?\b(?:chấm\s+điểm|tự\s+đánh\s+giá)\s+công\s+tác\s+dân\s+vận\b)"
)
_PROVINCE_PIECES = st.sampled_from(
    ["Quảng Ngãi", "QUẢNG NGÃI", "Quảng  Ngãi", "Quảng", "Ngãi", "xQuảng Ngãi", "Quảng Ngãix", "chấm điểm",
     "tự đánh giá", "Tự đánh giá", " công tác dân vận", " công tác dân vậnx", "tự", "công tác", " ", "\n", "a"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PROVINCE_PIECES, max_size=12).map("".join))
def test_both_phrases_ahead_matches_where_either_order_did(text: str) -> None:
    from checker.ruledata import compile_pattern, load_frameworks
    from checker.scan import required_literals

    assert _BOTH_AHEAD in load_frameworks()["quang-ngai-436-2019"].recognise.patterns
    plain = compile_pattern(_EITHER_ORDER).search(text) is not None
    assert (compile_pattern(_BOTH_AHEAD).search(text) is not None) == plain
    # and the skip by required literals never skips a text the pattern matches
    if plain:
        assert all(lit in lower(text) for lit in required_literals(_BOTH_AHEAD))


def test_both_phrases_ahead_on_the_shapes_it_is_for() -> None:
    from checker.ruledata import compile_pattern

    both = compile_pattern(_BOTH_AHEAD)
    assert both.search("Báo cáo tự đánh giá công tác dân vận\n...\nUBND tỉnh Quảng Ngãi")
    assert both.search("UBND tỉnh Quảng Ngãi\nkết quả chấm điểm công tác dân vận năm nay")
    assert not both.search("UBND tỉnh Quảng Nam\nkết quả chấm điểm công tác dân vận")  # another province
    assert not both.search("tỉnh Quảng Ngãi, tự đánh giá công tác dân vậnx")  # not the whole word
    assert not both.search("tỉnh Quảng Ngãi, công tác dân vận")  # no self-scoring


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_framework_detection_skips_only_texts_that_cannot_match(text: str) -> None:
    from checker.ruledata import compile_pattern, load_frameworks
    from checker.scan import required_literals

    text = text + " Bắc Giang 274/QĐ-UBND ngày 26/5/2017 " if len(text) % 3 == 0 else text
    for fw in load_frameworks().values():
        for pattern in fw.recognise.patterns:
            if compile_pattern(pattern).search(text):
                assert all(lit in text.lower() for lit in required_literals(pattern)), pattern


# Patterns rewritten to start with a class or literal (the lookbehind moved after the first
# character): each must find exactly what its plain form found.
_CAPS = "A-ZĐÀ-ỸẠ-Ỹ"
_REWRITTEN = [
    ("checker.document", "_MARKER", r"(?<![\s⁰¹²³⁴⁵⁶⁷⁸⁹⁽])(?:⁽[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁾|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)", 0),
    ("checker.checks.style", "_NO_SPACE_AFTER", r"(?<=[^\W\d_])(?P<p>[,;])(?=[^\W\d_])", 0),
    ("checker.checks.style", "_ABBR", rf"(?<![\w-])[{_CAPS}]{{3,}}(?![\w-])", 0),
    ("checker.checks.style", "_SPACED_ABBR", rf"(?<![\w-])[{_CAPS}]{{2,}}(?:[ ][{_CAPS}]{{2,}})+(?![\w-])", 0),
    ("checker.checks.structure", "_BLANK_NUMBER",
     r"\b[Ss]ố\s*:?[ \t]*(?=/[ \t]?[A-ZĐ])/[ \t]?[A-ZĐ][\wĐđ]*(?:[ \t]?-[ \t]?[A-ZĐ][\wĐđ]*)?", 0),
]
_REWRITE_PIECES = st.sampled_from(
    list("aA ,;-\n⁽⁾¹²/ĐỨ") + ["UBND", "UB ND", "MTTQ VN", "Số", "số: ", "/BC-", "xSố", "3,4"]
)


@pytest.mark.parametrize("module,name,plain,flags", _REWRITTEN, ids=[r[1] for r in _REWRITTEN])
@settings(max_examples=300, deadline=None)
@given(text=st.lists(_REWRITE_PIECES, max_size=20).map("".join))
def test_rewritten_pattern_finds_what_the_plain_one_did(module: str, name: str, plain: str, flags: int, text: str) -> None:
    import importlib

    fast = getattr(importlib.import_module(module), name)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in re.finditer(plain, text, flags)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["5", "77,73", " ", "  ", "%", "a", "\n", "số "]), max_size=16).map("".join))
def test_percent_spacing_walk_finds_what_the_lookbehind_pattern_did(text: str) -> None:
    # TT006 finds "%" after a blank and walks back; the plain pattern is (?<=\d)[ \t]+% (no tabs here:
    # a tab makes the line a table row, which style rules skip)
    from checker import check

    body = "BÁO CÁO\nKết quả\n" + text.replace("\n", " ") + "\n"
    report = check(body.encode(), name="r.txt", select=["TT006"])
    found = [(f.offset, f.end_offset) for f in report.findings]
    from checker.checks.style import damaged_text

    out = report.text or ""
    line = out.split("\n")[2]
    start = out.index(line, len("BÁO CÁO\nKết quả\n"))
    # style rules, TT006 among them (23137f6), skip a line whose text layer reads as damaged
    # ("%%%5 %": symbols among few letters)
    expected = [] if damaged_text(out, start, start + len(line)) else [m.span() for m in re.finditer(r"(?<=\d)[ \t]+%", out)]
    assert found == expected


def test_line_windows_cover_the_lines_and_merge_overlaps() -> None:
    from checker.scan import finditer_windows, line_windows

    text = "a\nb xếp\nc\nd\ne xếp xếp\nf"
    at = [m.start() for m in re.finditer("xếp", text)]
    assert [text[s:e] for s, e in line_windows(text, at)] == ["b xếp", "e xếp xếp"]
    # two lines above each ("a" exists for the first only); windows that share a line are merged
    assert [text[s:e] for s, e in line_windows(text, at, lines_before=2)] == ["a\nb xếp", "c\nd\ne xếp xếp"]
    assert [text[s:e] for s, e in line_windows(text, at, lines_before=3)] == ["a\nb xếp\nc\nd\ne xếp xếp"]
    found = [m.span() for m in finditer_windows(re.compile(r"c\nd"), text, line_windows(text, at, 2))]
    assert found == [m.span() for m in re.finditer(r"c\nd", text)]


# The marker scans of checker/facts/quantities.py try their pattern only where one of its first words
# stands (`finditer_literals`, one literal scan per word): each must find what the plain scan finds,
# also in a text holding a letter whose case-insensitive match is not its lower-cased form.
_MARKER_PIECES = st.sampled_from(
    ["tăng", "Tăng", "GIẢM", "giảm", " thêm", " 12", " 1.234", "5,5", " hộ", " từ ", " mức ", " xuống ",
     " lên ", " còn ", "còn lại", "Còn Lại", ": ", " 30", "chiếm", "CHIẾM", " tỷ lệ ", "%", " 74,8", "đạt",
     "Đạt", "bằng", " 90", " kế hoạch", " so với ", "dự toán", "ı", "İ", "ſ", ",", ".", "\n", " ", "a"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_MARKER_PIECES, max_size=30).map("".join))
def test_marker_scans_find_what_the_plain_scan_finds(text: str) -> None:
    import checker.facts.quantities as qf

    low = lower(text)
    spans = lambda ms: [m.span() for m in ms]  # noqa: E731
    expected_change = spans(qf._CHANGE.finditer(text)) if "xuống" in text or "lên" in text else []
    assert spans(qf.change_candidates(text)) == expected_change
    assert spans(qf.change_candidates(text, lowered=low)) == expected_change
    expected_left = spans(qf._LEFT.finditer(text)) if "còn lại" in text.lower() else []
    assert spans(qf.left_candidates(text)) == spans(qf.left_candidates(text, low)) == expected_left
    expected_share = spans(qf._SHARE.finditer(text)) if "chiếm" in text.lower() else []
    assert spans(qf.share_candidates(text)) == spans(qf.share_candidates(text, low)) == expected_share
    plan = "%" in low and any(w in low for w in qf._PLAN_WORDS)
    assert spans(qf.plan_share_candidates(low)) == (spans(qf._PLAN_SHARE.finditer(low)) if plan else [])


def test_literal_starts_are_every_occurrence_in_order() -> None:
    from checker.scan import literal_starts

    # overlapping and repeated words all count, once each, sorted
    assert literal_starts("aaa ba aa", ["aa", "a"]) == [0, 1, 2, 5, 7, 8]
    assert literal_starts("tăng giảm tăng", ["tăng", "giảm"], pos=1) == [5, 10]


def _literal_starts_by_re(hay: str, words: list[str], pos: int) -> list[int]:
    """The plain form `literal_starts` had: one `re` literal scan a word, the places merged."""
    return sorted({m.start() for w in words for m in re.compile(re.escape(w)).finditer(hay, pos)})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["aa", "a", "aaa", "tăng", "ăn", "g", " ", "\n", "(", "((", "@", ".vn", "ı", "İ"]), max_size=30).map("".join),
    st.lists(st.sampled_from(["aa", "a", "aaa", "tăng", "ăn", "(", "((", "@", ".vn", ""]), min_size=1, max_size=4),
    st.integers(min_value=0, max_value=12),
)
def test_literal_starts_are_the_re_scans_places(text: str, words: list[str], pos: int) -> None:
    # `str.find` resuming after each occurrence gives `re`'s non-overlapping matches ("aa" twice in
    # "aaaa", not three times), the empty word every place from `pos` on
    from checker.scan import literal_starts

    assert literal_starts(text, words, pos) == _literal_starts_by_re(text, words, pos)


def _sentence_bounds_by_characters(text: str, pos: int) -> tuple[int, int]:
    """The plain definition of `sentence_bounds`: walk one character at a time."""
    start = pos
    while start > 0:
        ch = text[start - 1]
        if ch == "\n" or (ch in ".!?" and not (start >= 2 and text[start - 2].isdigit() and text[start : start + 1].isdigit())):
            break
        start -= 1
    end = pos
    while end < len(text):
        ch = text[end]
        if ch == "\n" or (ch in ".!?" and not (end > 0 and text[end - 1].isdigit() and end + 1 < len(text) and text[end + 1].isdigit())):
            break
        end += 1
    return start, end


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("a1.!?\n ²") + ["1.234", "x. y"]), max_size=20).map("".join), st.data())
def test_sentence_bounds_find_what_a_character_walk_finds(text: str, data: st.DataObject) -> None:
    from checker.facts.quantities import sentence_bounds

    pos = data.draw(st.integers(0, len(text)))
    assert sentence_bounds(text, pos) == _sentence_bounds_by_characters(text, pos)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Ngày", "ngày", "xngày", "/ngày", " ", "06/01/2023", "5 tháng 3 năm 2024", ",",
                                 " UBND huyện", " ban hành ", "ban", " hành", ".", "\n", "đã"]), max_size=16).map("".join))
def test_date_before_citation_pattern_starts_at_its_letter(text: str) -> None:
    # _DATE_BEFORE puts its lookbehind after the first letter (a lookbehind first is tried at every
    # character of the window); it must find what the plain form found
    from checker.entities import _DATE_BEFORE

    plain = re.compile(_DATE_BEFORE.pattern.replace("[Nn](?<![\\w/][Nn])gày", "(?<![\\w/])[Nn]gày"))
    assert plain.pattern != _DATE_BEFORE.pattern
    for pos in range(0, len(text) + 1, 3):
        a, b = _DATE_BEFORE.search(text, pos), plain.search(text, pos)
        assert (a and a.span()) == (b and b.span())


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_dates_from_number_starts_are_the_dates_of_the_anchored_scan(text: str) -> None:
    # Context.dates gives extract_dates the report's number starts (found once for many rules); the
    # dates must be those of the scan that finds its own starts, and of the plain pattern
    from checker.entities import extract_dates
    from checker.scan import NUMBER_STARTS

    starts = [m.start() for m in NUMBER_STARTS.finditer(text)]
    assert extract_dates(text, lower(text), starts) == extract_dates(text)
    expected = [m.span() for m in DATE_RE.finditer(text)]
    assert [m.span() for m in finditer_anchored(DATE_RE, _DATE_STARTS, text, lower(text))] == expected


def test_dates_from_number_starts_on_reports() -> None:
    from checker.entities import extract_dates
    from checker.scan import NUMBER_STARTS

    for text in sample_texts().values():
        starts = [m.start() for m in NUMBER_STARTS.finditer(text)]
        assert extract_dates(text, lower(text), starts) == extract_dates(text)


def test_word_trie_matches_what_the_longest_first_alternation_matches() -> None:
    from checker.scan import word_trie

    words = ["thông báo", "thông báo kết luận", "thông tư", "kết luận", "luật", "bộ luật", "quy chế", "quy"]
    trie = re.compile(word_trie(words), re.IGNORECASE)
    plain = re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)), re.IGNORECASE)
    text = "Thông báo kết luận, thông báo, THÔNG TƯ, bộ luật, luật, quy chế, quy, kết luận."
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    # followed by more pattern, the trie backtracks to a shorter word as the alternation does
    tail = r"(?= kết)"
    assert [m.span() for m in re.finditer(word_trie(words) + tail, text, re.I)] == [
        m.span() for m in re.finditer(f"(?:{plain.pattern}){tail}", text, re.I)
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["https://", "HTTP://", "http", "www.", "WWW.x", ".gov.vn", ".com", ".vn", ".vnx", "@",
                                 "a", "xã", " ", "\n", "/", "-", "thông tin"]), max_size=20).map("".join))
def test_url_spans_are_the_tokens_of_the_lines_holding_a_mark(text: str) -> None:
    # Context.url_spans finds its lines from literal scans; the plain form runs the token pattern on
    # every line where _URL_MARK matches
    from checker.context import _URL_MARK, _URL_TOKEN, Context
    from checker.document import build_document
    from checker.source import SourceText

    src = SourceText(text=text, path="x.txt")
    ctx = Context(src=src, doc=build_document(src))
    expected: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        if _URL_MARK.search(lower(line)):
            expected += [m.span() for m in _URL_TOKEN.finditer(text, start, start + len(line))]
        start += len(line) + 1
    assert ctx.url_spans == expected


_CITATION_PIECES = st.sampled_from(
    ["Quyết định", "quyết định", "QUYẾT ĐỊNH", "Thông báo kết luận", "Thông báo", "xKết luận", "Kết luận", "Bộ luật",
     "luật", "Kế hoạch phối hợp", "Văn bản", "bản ghi nhớ", " số ", " Số: ", " số", ":", " : ", "  ", "\t", "274",
     "/QĐ-UBND", "-KL/TW", "12/2023", " ngày ", "26/5/2017", " của UBND tỉnh", "/", "-", ".", ",", " ", "\n", "a",
     "1", "٣", "Ngày 06/01/2023, UBND huyện ban hành "]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_CITATION_PIECES, max_size=24).map("".join))
def test_citations_from_number_starts_are_the_citations_of_the_anchored_scan(text: str) -> None:
    # Context.citations gives extract_citations the report's number starts: read backwards from each,
    # the gap and the type words give the places to try; the citations must be those of the scan
    # that tries every type word, and its matches those of the plain pattern
    from checker.entities import extract_citations
    from checker.scan import NUMBER_STARTS

    starts = [m.start() for m in NUMBER_STARTS.finditer(text)]
    assert extract_citations(text, lower(text), starts) == extract_citations(text)
    regex, anchor = citation_pattern()
    assert [m.span() for m in finditer_anchored(regex, anchor, text, lower(text))] == [m.span() for m in regex.finditer(text)]


def test_citations_from_number_starts_on_reports() -> None:
    from checker.entities import extract_citations
    from checker.scan import NUMBER_STARTS

    for text in sample_texts().values():
        starts = [m.start() for m in NUMBER_STARTS.finditer(text)]
        assert extract_citations(text, lower(text), starts) == extract_citations(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("1a .,/-\n") + ["٣", "१२", "１", "x2"]), max_size=20).map("".join))
def test_number_starts_are_every_digit_after_no_word_character_dot_comma_or_slash(text: str) -> None:
    from checker.scan import NUMBER_STARTS

    assert [m.start() for m in NUMBER_STARTS.finditer(text)] == [m.start() for m in re.finditer(r"(?<![\w.,/])\d", text)]


_PERIOD_PIECES = st.sampled_from(
    ["6", "06", "12", "123", "x", " tháng ", " THÁNG ", " đầu ", " cuối ", " năm ", "Năm ", "2023", "1999", "20234",
     "quý ", "Quý ", "III", "IV", "ii", "2", "/", " / ", "-", " ", "  ", "\n", "\t", "trong", "của", "Cả", "toàn", ".",
     ";", ":", ",", "sáu", "chín", "ı", "20/11"]
)


_PERIOD_EXAMPLES = [
    "Trong 6 tháng đầu năm 2024, xã đã", "sáu tháng cuối năm  2023 và 12 tháng năm 2022", "quý III/2024; Quý 2 năm 2023",
    "quý IV - 2023, quý ii / 2022", "trong năm 2023, của năm 2022, Cả năm 2021, toàn năm 2020", "Năm 2023, xã đã. Năm 2024 ,",
    "x6 tháng năm 2023", "123 tháng năm 2023", "06 tháng\nđầu\tnăm\n2023", "năm 20234", "quý I/2023-2024",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(_PERIOD_PIECES, max_size=24).map("".join) | st.sampled_from(_PERIOD_EXAMPLES))
def test_period_phrases_read_back_from_their_year_are_those_of_the_plain_scan(text: str) -> None:
    # the document model finds the period a body names from its years, read backwards
    from checker.document import _PERIOD_NAMED, _period_starts
    from checker.scan import exotic_case, finditer_at

    expected = [m.span() for m in _PERIOD_NAMED.finditer(text)]
    if not exotic_case(text):  # such a text keeps the anchored scan
        assert [m.span() for m in finditer_at(_PERIOD_NAMED, text, _period_starts(lower(text), 0, len(text)))] == expected


def test_criterion_names_tried_where_their_first_word_stands_match_as_the_plain_scan() -> None:
    # facts/score.prose_lines tries a criterion name's pattern only where its first word stands
    from checker.facts.score import _TOTAL_NAMES, _name_pattern
    from checker.ruledata import load_frameworks
    from checker.scan import finditer_at, literal_starts
    from checker.source import fold

    names = {n for fw in load_frameworks().values() for c in fw.criteria for n in c.names()} | set(_TOTAL_NAMES)
    texts = [fold(t) for t in sample_texts().values()]
    texts += [fold("1. Tiêu chí 1: 18 điểm\n- tiêu  chí\n2 : 9 điểm; xtiêu chí 3 nhóm tiêu chí chung: 28.")]
    for name in sorted(names):
        pattern, key = _name_pattern(name), fold(name).split()[0]
        for text in texts:
            fast = finditer_at(pattern, text, literal_starts(text, (key,)))
            assert [m.span() for m in fast] == [m.span() for m in pattern.finditer(text)], name


# -- reading backwards without a reversed copy of the whole text (issue 15: memory per input byte) --
_BACK_PIECES = st.sampled_from(
    [
        "Quyết định", "quyết định số", "Thông báo kết luận", "kết luận", "Bộ luật", "luật", "Kế hoạch",
        "Nghị quyết", " ", "  ", "\t", ":", " số ", "số", "ố", "s", " " * 40, "\t" * 25, "274/QĐ-UBND",
        "12", "5", "/", "\n", "a", "x", "6 tháng đầu năm ", "quý III/", "quý 2 năm ", "trong năm ", "Năm ",
        "cả năm ", "2023", "1998", " 2024, ", "sáu tháng cuối năm ", "-2022",
    ]
)


def _citation_starts_whole(text: str, low: str, number_starts: list[int]) -> list[int]:
    """`entities._citation_starts` as it was: matched in one reversed copy of the whole text."""
    from checker.entities import _citation_reverse

    reverse, ends = _citation_reverse()
    back, n, out = low[::-1], len(low), set()
    for at in number_starts:
        if at == 0 or text[at - 1] not in " \t:":
            continue
        m = reverse.match(back, n - at)
        if m is not None:
            end, start = n - m.start("word"), n - m.end("word")
            out.add(start)
            out.update(end - k for k in ends[low[start:end]])
    return sorted(out)


@settings(max_examples=300, deadline=None)
@given(st.lists(_BACK_PIECES, max_size=60).map("".join))
def test_citation_starts_read_by_blocks_equal_the_whole_reversal(text: str) -> None:
    from checker import entities
    from checker.context import NUMBER_STARTS

    low = lower(text)
    number_starts = [m.start() for m in NUMBER_STARTS.finditer(text)]
    expected = _citation_starts_whole(text, low, number_starts)
    saved = entities._BACK_BLOCK, entities._BACK_REACH
    try:  # small blocks, so that blank runs and type words cross their starts
        for block, reach in ((16, 4), (40, 12), (1 << 16, 1024)):
            entities._BACK_BLOCK, entities._BACK_REACH = block, reach
            assert entities._citation_starts(text, low, number_starts) == expected
    finally:
        entities._BACK_BLOCK, entities._BACK_REACH = saved


@settings(max_examples=300, deadline=None)
@given(st.lists(_BACK_PIECES, max_size=40).map("".join), st.integers(0, 60), st.integers(0, 60))
def test_period_starts_of_a_part_equal_those_of_its_slice(text: str, a: int, b: int) -> None:
    from checker.document import _PERIOD_BACK, _PERIOD_YEARS, _period_starts

    low = lower(text)
    start, stop = sorted((min(a, len(low)), min(b, len(low))))
    part = low[start:stop]  # as it was: the part sliced, then reversed
    back, n, expected = part[::-1], len(part), set()
    for years in _PERIOD_YEARS:
        for y in years.finditer(part):
            m = _PERIOD_BACK.match(back, n - y.start())
            for form in ("months", "quarter", "within", "year"):
                if m.group(form) is not None:
                    expected.add(n - m.end(form))
                    if form == "months":
                        expected.add(n - m.end(form) + 1)
    assert _period_starts(low, start, stop) == sorted(expected)


def test_occurrences_of_any_gives_every_offset_of_every_word_in_order() -> None:
    from checker.scan import occurrences_of_any

    # overlapping occurrences of one word and the same offset for two words both count
    assert occurrences_of_any("(a) “b” (c)", "()") == [0, 2, 8, 10]
    assert occurrences_of_any("aaa", ["aa"]) == [0, 1]
    assert occurrences_of_any("trong đó gồm", ["trong đó", "trong", "gồm"]) == [0, 0, 9]
    assert occurrences_of_any("không có dấu", ["(", ")"]) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab()“” ", max_size=40), st.lists(st.sampled_from(["(", ")", "ab", "“", "a"]), max_size=4))
def test_occurrences_of_any_agrees_with_a_regex_scan_per_word(text: str, words: list[str]) -> None:
    from checker.scan import occurrences_of_any

    expected = sorted(m.start() for w in words for m in re.finditer(f"(?={re.escape(w)})", text))
    assert occurrences_of_any(text, words) == expected
