"""The document model's fast paths give what their plain forms give.

Building the model reads every line of a report's first hundreds of lines; most are body paragraphs,
so several steps first look for a literal their pattern needs (a `Số`, a `Kính`, a tab or `|`) or skip
a regex substitution that could change nothing. Each such step is compared here with the plain form
it replaced, on generated text full of near-misses and on the reports of samples/.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_helpers import sample_texts

from checker import document as d
from checker.ingest import read_bytes
from checker.ruledata import load_kinds
from checker.source import lower

_PIECES = st.sampled_from(
    [
        # blanks of every kind, cells and emphasis
        " ", "  ", "   ", "\t", "\u3000", "\u2003 ", " \x0b ", "\x85", "\u00a0", "\n", "|", " | ", "*", "**",
        "_", "__", "\\", "\\-", "#", "# ", "## ",
        # header words and their near-misses
        "Số", "Số:", "Số: ", "số:", "số ", "Số 12", "Số: 15/BC-UBND", "số: /QĐ-UBND", "12", "/", "…", "_",
        "Kính", "Kính gửi", "Kính**", "Kính  ", "Kínhgửi", "gửi", " Hà Nội, ngày 5 tháng 3 năm 2024", ", ngày",
        "năm 2023", "năm 1999", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Cộng hoà xã hội chủ nghĩa Việt Nam",
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VİỆT NAM", "cộng hòa xã hội chủ nghĩa vıệt nam", "CỘNG  HÒA\nXÃ HỘI",
        "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG", "Đ**ẢNG", "ĐẢNG  CỘNG SẢN  VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN", "BÁO CÁO", "BÁO CÁO Kết quả", "V/v", " * ", "Tổng kết công tác năm",
        "a", "A", "x", "X", "ı", "İ", "ⓐ",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=30).map("".join)


def _samples_lines() -> list[str]:
    return [line for text in sample_texts().values() for line in text.split("\n")]


def _check_line(line: str) -> None:
    assert d._cell_split(line) == d._CELL_SPLIT.split(line)
    assert d._unemphasised(line) == d._EMPHASIS.sub(" ", line)
    assert d.squeezed(line) == " ".join(line.split())
    type_lines = [t for k in load_kinds().kinds for t in k.type_lines]
    assert d._flat_header_cuts(line, type_lines) == _plain_flat_header_cuts(line, type_lines)


def _check_window(window: str) -> None:
    plain = d._HEADER_NUMBER_LINE.search(window)
    fast = d._header_number_line(window)
    assert (fast.span() if fast else None) == (plain.span() if plain else None)
    lines = window.split("\n")
    for limit in (len(lines), max(0, len(lines) - 2)):
        plain_idx = next((i for i in range(limit) if d._ADDRESSEE_LINE.match(lines[i])), None)
        assert d._addressee_line(window, limit) == plain_idx
    assert d._national_in(window, lower(window)) == (d._NATIONAL.search(window) is not None)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_line_steps_equal_their_plain_forms(line: str) -> None:
    _check_line(line.replace("\n", " "))


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXTS, max_size=8).map("\n".join))
def test_window_searches_equal_their_plain_forms(window: str) -> None:
    _check_window(window)


def test_fast_paths_on_the_samples() -> None:
    for line in _samples_lines():
        _check_line(line)
    for text in sample_texts().values():
        _check_window(text)


def test_fast_paths_find_what_they_look_for() -> None:
    # (so that the comparisons above are not all between two None)
    assert d._header_number_line("Trang chủ\n  | Số: 12/BC-UBND\n") is not None
    assert d._addressee_line("Tin mới\nKính gửi: Sở Nội vụ\n", 5) == 1
    assert d._national_in("cộng hòa xã hội chủ nghĩa vİệt nam", lower("cộng hòa xã hội chủ nghĩa vİệt nam"))
    assert d._cell_split("ỦY BAN\tSố: 12") == ["ỦY BAN", "Số: 12"]
    assert d.squeezed(" a  b ") == "a b"


# The plain form of `document._flat_header_cuts` before its searches were gated on their literals.
def _plain_flat_header_cuts(piece: str, type_lines: list[str]) -> list[int]:
    number = d._FLAT_NUMBER.search(piece)
    before = piece[: number.start()] if number else ""
    if number and before.strip() and (d._is_upper(before) or d._FLAT_DATE.search(before)) and len(piece) < 200:
        if not (d._NATIONAL.search(piece) or d._PARTY.search(piece)):
            return [number.start()]
    motto = d._NATIONAL.search(piece) or d._PARTY.search(piece) or d._TIEU_NGU.search(piece)
    date = d._FLAT_DATE.search(piece)
    number = number or d._FLAT_NUMBER_LOWER.search(piece)
    if not (motto and number and date) or len(piece) < d._FLAT_MIN_CHARS:
        return []
    cuts = {number.start(), d._place_start(piece, date.start()), date.end()}
    for pattern in (d._NATIONAL, d._PARTY, d._TIEU_NGU):
        for m in pattern.finditer(piece):
            cuts.update((m.start(), m.end()))
    for m in d._FLAT_MARKS.finditer(piece):
        cuts.add(m.start())
        if m.group() == "*":
            cuts.add(m.end())
    rest = piece[date.end() :]
    lead = len(rest) - len(rest.lstrip())
    for t in sorted(type_lines, key=len, reverse=True):
        m = re.match(re.escape(t).replace(r"\ ", r"\s+") + r"(?=\s+\S)", rest[lead:])
        if m:
            after = rest[lead + m.end() :].split(None, 1)
            if after and not d._is_upper(after[0]):
                cuts.add(date.end() + lead + m.end())
            break
    return sorted(c for c in cuts if 0 < c < len(piece))


_DATE_PIECES = st.sampled_from(
    [
        "ngày ", "Ngày  ", "NGÀY\t", "tháng ", "Tháng\n", " năm ", "NĂM ", "năm", "từ ", "Từ  năm ", " đến năm ",
        "giai đoạn ", "GIAI ĐOẠN ", "giai  đoạn từ ", "giai\n\n\n\n   đoạn  ", "       ", "nhiệm kỳ ", "Nhiệm Kỳ từ năm ", "thời kỳ ", "THỜI KỲ ",
        "sáu tháng đầu năm ", "Chín tháng cuối năm ", "6 tháng đầu năm ", "09 tháng cuối ", "sáu", "chín", "chính ",
        "2023", "1999", "2021-2025", "2021 - 2025", "5/3/2024", "05-03-2024", "29-30/11/2023", "12", "3", "/", "-",
        ".", ",", " ", "\n", "x", "a", "ı", "ſ", "İ",
    ]
)


def _date_starts_whole(low: str, number_starts: list[int]) -> list[int]:
    """`entities._date_starts` read in one reversed copy of the whole text (as it was first written)."""
    from checker.entities import _DATE_BACK, _DATE_BACK_FORMS

    back, n, out = low[::-1], len(low), []
    for at in number_starts:
        if at and low[at - 1].isspace():
            m = _DATE_BACK.match(back, n - at)
            out += sorted({n - m.end(form) for form in _DATE_BACK_FORMS if m.group(form) is not None})  # type: ignore[union-attr]
        out.append(at)
    return out


@settings(max_examples=600, deadline=None)
@given(st.lists(_DATE_PIECES, max_size=24).map("".join))
def test_dates_read_back_from_number_starts_are_those_of_the_plain_scan(text: str) -> None:
    # Context.dates finds where a date starts at a word by reading back from its number starts, a
    # block of the text at a time
    from checker import entities
    from checker.entities import DATE_RE, _date_starts, extract_dates
    from checker.scan import NUMBER_STARTS, exotic_case, finditer_at

    low = lower(text)
    starts = [m.start() for m in NUMBER_STARTS.finditer(text)]
    assert extract_dates(text, low, starts) == extract_dates(text)
    if not exotic_case(text):  # such a text keeps the literal scans
        expected = [m.span() for m in DATE_RE.finditer(text)]
        assert [m.span() for m in finditer_at(DATE_RE, text, _date_starts(low, starts))] == expected
        whole = _date_starts_whole(low, starts)
        assert whole == sorted(set(whole))
        saved = entities._BACK_BLOCK, entities._BACK_REACH
        try:  # small blocks, so that blank runs and words cross their starts
            for block, reach in ((16, 4), (40, 12), (1 << 16, 1024)):
                entities._BACK_BLOCK, entities._BACK_REACH = block, reach
                assert list(_date_starts(low, starts)) == whole
        finally:
            entities._BACK_BLOCK, entities._BACK_REACH = saved


_LINE_PIECES = st.sampled_from(
    [
        "\n", "\n\n", " ", "  ", "\t", "I. ", "II - ", "3. ", "12.", "KẾT QUẢ ", "kết quả công tác ", "TÌNH HÌNH ",
        "NĂM 2023", " năm 2024", "PHƯƠNG HƯỚNG", "Phần thứ hai ", "NHIỆM VỤ", "KẾ HOẠCH NĂM", "Biểu số: 12c",
        "Biểu  số", "Người lập biểu", "Người  lập\nbiểu", "Số: 5", "| Số 7", "x", "a", ".",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE_PIECES, max_size=24).map("".join), st.integers(0, 40), st.integers(0, 400))
def test_line_led_patterns_tried_at_line_starts_match_as_finditer(text: str, pos: int, endpos: int) -> None:
    from checker.scan import finditer_lines

    patterns = (d._NEXT_PART, d._RESULTS_HEADING, d._FORM_CODE, d._FORM_MAKER, d._SPEECH, d._HEADER_NUMBER_LINE)
    for pattern in patterns:
        assert [m.span() for m in finditer_lines(pattern, text)] == [m.span() for m in pattern.finditer(text)]
        fast = [m.span() for m in finditer_lines(pattern, text, pos, endpos)]
        assert fast == [m.span() for m in pattern.finditer(text, pos, endpos)]


def test_line_led_patterns_on_the_samples() -> None:
    from checker.scan import finditer_lines

    for text in sample_texts().values():
        for pattern in (d._NEXT_PART, d._RESULTS_HEADING, d._FORM_CODE, d._FORM_MAKER, d._SPEECH):
            assert [m.span() for m in finditer_lines(pattern, text)] == [m.span() for m in pattern.finditer(text)]
    assert [m.start() for m in finditer_lines(d._NEXT_PART, "x\nII. NHIỆM VỤ\n\n  3. PHƯƠNG HƯỚNG")] == [2, 15]  # (\s* takes the blank line)


def test_leading_literals_are_what_every_match_starts_with() -> None:
    from checker.scan import leading_literals

    assert leading_literals(r"\bQuyết\s+định") == ("quyết",)
    assert leading_literals(r"(?<!\d)436\s*/") == ("436",)
    assert leading_literals(r"(?s)\b(?:chấm\s+điểm|tự\s+đánh)\s+x.*?\bQuảng|\bQuảng\s+Ngãi") == ("chấm", "quảng", "tự")
    assert leading_literals(r"(?:ab)+c") == ("ab",)
    # not known: a class, an optional part, an empty branch, a letter with special case folds (k, s, i)
    for pattern in (r"[A-Z]x", r"(?:a|b)c", r"(?:ab)*c", r"a|", r"^\s*x", r"\bkết", r"\bsố", r".x"):
        assert leading_literals(pattern) is None


_RECOGNISE_PIECES = st.sampled_from(
    [
        "Quyết định", "quyết định số ", "QUYẾT ĐỊNH ", "274", "436", "/QĐ-UBND", " ngày ", "26/5/2017", "11/6/2019",
        "Quảng Ngãi", "QUẢNG NGÃI", "Bắc Giang", "chấm điểm", "tự đánh giá", " công tác dân vận", "xtự", "tựa",
        "2020", "202020", " ", "\n", ",", "a", "x", "ı", "İ", "ſ", " 436/QĐ-UBND ", " 274/QĐ-UBND ngày 26/5/2017 ",
        " Quyết định số 436 ngày 11/6/2019 ", " Quyết định 274 ngày 26 tháng 5 năm 2017 ",
        " chấm điểm công tác dân vận ", " tự đánh giá công tác dân vận ",
    ]
)


def _recognise_patterns() -> list[str]:
    from checker.ruledata import load_frameworks

    return [p for fw in load_frameworks(()).values() for p in fw.recognise.patterns]


@settings(max_examples=300, deadline=None)
@given(st.lists(_RECOGNISE_PIECES, max_size=12).map("".join))
def test_framework_patterns_searched_from_their_leading_literals_find_what_search_finds(text: str) -> None:
    from checker.ruledata import compile_pattern
    from checker.scan import leading_literals, search_led

    for p in _recognise_patterns():
        regex = compile_pattern(p)
        fast, plain = search_led(regex, leading_literals(p), text, lower(text)), regex.search(text)
        assert (fast and fast.span()) == (plain and plain.span())
    from checker.context import _SCORES_ITSELF  # (tried on the folded text)

    folded = lower(text)
    fast = search_led(_SCORES_ITSELF, leading_literals(_SCORES_ITSELF.pattern, 0), folded, folded)
    plain = _SCORES_ITSELF.search(folded)
    assert (fast and fast.span()) == (plain and plain.span())


def test_framework_patterns_on_the_samples() -> None:
    from checker.ruledata import compile_pattern
    from checker.scan import leading_literals, search_led

    patterns = _recognise_patterns()
    assert any(leading_literals(p) for p in patterns)  # (the fast path is taken for some)
    for text in sample_texts().values():
        for p in patterns:
            regex = compile_pattern(p)
            fast, plain = search_led(regex, leading_literals(p), text, lower(text)), regex.search(text)
            assert (fast and fast.span()) == (plain and plain.span())


_BODY_PIECES = st.sampled_from(
    [
        "\n", "\n\n", " ", "\t", "|", " | ", "| a | b |", "|---|---|", "| 1 | 2 |\n", "TT\tNội dung\tĐiểm\n", "1\t5\t4,5\n",
        "Phần thứ hai ", "PHẦN I ", "II. ", "IV- ", "3. ", "3.1. ", "12) ", "a) ", "đ) ", "Tiêu chí 3 ", "tiêu chí 12",
        "TİÊU CHÍ 3 ", "tıêu chí 4", "TIÊU CHÍ 5", "Trong năm", "PHẦN THỨ HAI", "Phòng", "XI: ", "L. ", "I :", "V\t.",
        "Lưu: VT.", "- Lưu: VT, NC.", "Nơi nhận:", "**KT. CHỦ TỊCH**", "__", "_", "*", "TM. ỦY BAN NHÂN DÂN",
        "xã¹", "xã ¹", "km²", "m³", "⁽¹²⁾", "⁽", "¹²³⁴", "²", "Nguyễn Văn An", "Kết quả", "x", "5", ".",
        "và tiếp tục", "  b) mục", "\u3000", "tháng sau.", ";",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_BODY_PIECES, max_size=30).map("".join))
def test_body_steps_equal_their_plain_forms(text: str) -> None:
    from checker.scan import finditer_at

    # headings: a paragraph the first-character test passes over matches none of the five patterns
    heads = (d._HEAD_PART, d._HEAD_ROMAN, d._HEAD_ARABIC, d._HEAD_LETTER, d._HEAD_CRITERION)
    for line in text.split("\n"):
        if not (line[:1] in d._HEAD_FIRST or line[:1].isdigit() or line[1:2] == ")"):
            assert d.classify_heading(line) is None and all(h.match(line) is None for h in heads)
        # closing lines: cleaned without the regex when there is nothing to remove
        assert d._clean(line) == " ".join(re.sub(r"_{2,}", "", line).replace("*", "").replace("|", " ").split())
    # footnote markers: tried only where a superscript stands
    for pattern in (d._MARKER, d._SPACED_MARKER):
        assert [m.span() for m in finditer_at(pattern, text, d._superscripts(text))] == [m.span() for m in pattern.finditer(text)]
    assert d._markers(text, set(), {1, 2, 12}) == _plain_markers(text, set())
    # tables: the lines without a tab or "|" are passed over
    src = read_bytes(("BÁO CÁO\n" + text).encode(), "t.txt")  # (an empty file is refused)
    lines = d._lines(src)
    tables, used = d._tables(src.text, lines)
    plain_tables, plain_used = _plain_tables(src.text, lines)
    assert tables == plain_tables and used == plain_used
    # paragraphs: the lines read from their starts
    assert list(d._paragraphs(src.text, lines, used)) == list(_plain_paragraphs(src.text, lines, used))
    # footnotes and headings: a paragraph is made only when its first characters allow one
    paragraphs = d.build_document(src).paragraphs
    for i, head in paragraphs.heads():
        p = paragraphs[i]
        assert head[:1] == p.text[:1] and d._may_head(head) == d._may_head(p.text[:2])
        if head[:1] not in d._NOTE_FIRST:
            assert d._FOOTNOTE_LINE.match(p.text) is None


def test_body_steps_on_the_samples() -> None:
    for sample in sample_texts().values():
        src = read_bytes(sample.encode(), "t.txt")
        text, lines = src.text, d._lines(src)
        assert d._tables(text, lines) == _plain_tables(text, lines)
        assert d._markers(text, set(), {1, 2, 12}) == _plain_markers(text, set())


# The plain forms of `document._tables` and `document._markers` before they skipped to the lines and
# characters they need.
def _plain_tables(text: str, lines: d._Lines) -> tuple[list[d.Table], bytearray]:
    tables: list[d.Table] = []
    used = bytearray(len(lines))
    store = d.TableRowStore(text, lines.starts)
    i = 0
    n = len(lines)
    while i < n:
        start, end, line = lines[i]
        pipe = d._is_pipe_row(line)
        if "\t" not in line and not pipe:
            i += 1
            continue
        rows = d.TableRows(store, pipe)
        j = i
        last_row_index = i
        while j < n:
            s, e, ln = lines[j]
            if not ln.strip():
                j += 1
                continue
            if (pipe and d._is_pipe_row(ln)) or (not pipe and "\t" in ln):
                if pipe and re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", ln):
                    used[j] = 1
                    last_row_index = j
                    j += 1
                    continue
                rows.append(j)
                used[j] = 1
                last_row_index = j
                j += 1
                continue
            break
        if rows:
            tables.append(d.Table(rows=rows, start=rows[0].start, end=rows[-1].end, source="pipe" if pipe else "tab"))
        i = last_row_index + 1
    return tables, used


def _plain_paragraphs(text: str, lines: d._Lines, table_lines: bytearray) -> d.Paragraphs:
    paras = d.Paragraphs(text)
    last_text = ""
    last_line = -1
    for idx, (start, end, line) in enumerate(lines):
        if table_lines[idx] or not line.strip():
            continue
        stripped = line.strip()
        first = stripped[0]
        if last_line >= 0 and first.islower() and not d._HEAD_LETTER.match(stripped):
            if last_text.rstrip()[-1:] not in ".:;!?" and idx - last_line <= 6:
                last_text = last_text + " " + stripped
                paras.rejoin_last(end, last_text)
                continue
        lead = len(line) - len(line.lstrip())
        paras.append(start + lead, end, idx)
        last_text, last_line = stripped, idx
    return paras


def _plain_markers(text: str, footnote_starts: set[int]) -> list[d.FootnoteMarker]:
    from unittest import mock

    from checker.scan import finditer_at

    def plain_finditer_at(pattern: re.Pattern[str], text: str, _starts: object) -> object:
        return pattern.finditer(text)

    with mock.patch.object(d, "finditer_at", plain_finditer_at):
        found = d._markers(text, footnote_starts, {1, 2, 12})
    assert finditer_at is not plain_finditer_at
    return found


_FIGURE_PIECES = st.sampled_from(
    ["12", "1.250", "3,5", "2023", " ", "  ", ",", ".", "/", "-", "%", " %", "x", "a", "lớp ", "năm ", "\n", "5-7",
     "1/2", "٣", "१२", "(", ")", "đảng viên", "gồm ", "và "]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_FIGURE_PIECES, max_size=30).map("".join), st.integers(0, 60), st.integers(0, 200))
def test_figures_tried_at_number_starts_are_those_of_the_plain_scan(text: str, start: int, end: int) -> None:
    from checker.facts import quantities as qf

    fast = [m.span() for m in qf._figures_in(text, start, end)]
    assert fast == [m.span() for m in qf._FIGURE.finditer(text, start, end)]


_BAN_HANH_PIECES = st.sampled_from(
    ["Ngày 06/01/2023, ", "ngày 5 tháng 3 năm 2024,", "UBND huyện ", "ban hành ", "Ban hành ", "ban  hành\t", "hành ",
     "hành", " ", "\t", "\n", ".", ";", "Quyết định số 04/QĐ-UBND", "x"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_BAN_HANH_PIECES, max_size=16).map("".join))
def test_date_before_a_citation_is_searched_only_after_ban_hanh(text: str) -> None:
    from checker.entities import _DATE_BEFORE, _DATE_BEFORE_REACH, _after_ban_hanh

    for at in range(len(text) + 1):
        if not _after_ban_hanh(text, at):
            assert _DATE_BEFORE.search(text, max(0, at - _DATE_BEFORE_REACH), at) is None
    assert _after_ban_hanh("Ngày 06/01/2023, UBND huyện ban hành ", 37)


@settings(max_examples=300, deadline=None)
@given(st.lists(_DATE_PIECES, max_size=24).map("".join))
def test_dates_made_for_a_kind_are_those_of_the_whole_list(text: str) -> None:
    # the date rules read only the dates of the kinds they judge, made from their shared parse
    from checker.checks.date import _datable, _impossible, _period
    from checker.entities import extract_dates

    dates = extract_dates(text)
    for keep in (_impossible, _datable, _period, lambda d: True):
        assert list(dates.matching(keep)) == [d for d in dates if keep(d)]


def test_dates_made_for_a_kind_on_the_samples() -> None:
    from checker.checks.date import _datable, _impossible, _period
    from checker.entities import extract_dates

    for text in sample_texts().values():
        dates = extract_dates(text)
        assert any(_datable(d) for d in dates)  # (not all empty)
        for keep in (_impossible, _datable, _period):
            assert list(dates.matching(keep)) == [d for d in dates if keep(d)]


@settings(max_examples=400, deadline=None)
@given(st.lists(_FIGURE_PIECES, max_size=30).map("".join), st.integers(0, 60), st.integers(0, 200))
def test_last_figure_is_the_last_of_the_figures(text: str, start: int, end: int) -> None:
    from checker.facts import quantities as qf

    found = qf.figures(text, start, end)
    assert qf.last_figure(text, start, end) == (found[-1] if found else None)


def test_last_figure_on_the_samples() -> None:
    from checker.facts import quantities as qf

    for text in sample_texts().values():
        for start in range(0, len(text), 97):
            found = qf.figures(text, start, start + 400)
            assert qf.last_figure(text, start, start + 400) == (found[-1] if found else None)
    assert qf.last_figure("có 14 lớp học và năm 2023", 0, 25).value == 14


_HEADING_PIECES = st.sampled_from(
    ["I. KẾT QUẢ\n", "II. NHIỆM VỤ\n", "1. Công tác\n", "2. Tổ chức\n", "1.1. Hội nghị\n", "2.3.1. Lớp\n", "a) Xã\n",
     "b) Thôn\n", "Phần thứ hai\n", "PHẦN I\n", "Tiêu chí 3\n", "Nội dung thường.\n", "\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_HEADING_PIECES, max_size=40).map("".join))
def test_section_ends_are_the_next_heading_of_the_same_or_a_higher_rank(text: str) -> None:
    src = read_bytes(("BÁO CÁO\n" + text).encode(), "t.txt")
    flat = list(d.build_document(src).iter_sections())
    for i, node in enumerate(flat):  # the plain form: each heading looks through the rest
        later = next((x for x in flat[i + 1 :] if d._RANK[x.style] <= d._RANK[node.style]), None)
        assert node.body_end == (later.start if later else len(src.text))
