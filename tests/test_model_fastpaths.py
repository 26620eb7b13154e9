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
