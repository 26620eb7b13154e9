"""The rules' cheap first passes find every place their pattern matches.

To save time, several rules first find the few places where their pattern can start (a literal, a
blank between capitals, a number start followed by ", mỗi") and only try the pattern there. If a first
pass missed a place, a finding would silently vanish, so each scan must give exactly what the plain
scan of the same pattern gives (or, where the rule always tried its pattern only at word or number
starts, what that older scan gives), on reports and on generated text full of near-misses.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_helpers import sample_texts

from checker import ruledata
from checker.checks import arithmetic, date, structure, style
from checker.context import Context, Options
from checker.document import build_document
from checker.ingest import read_bytes
from checker.scan import anchors, finditer_anchored, finditer_at, line_windows
from checker.source import lower

_PIECES = st.sampled_from(
    [
        # SL004, SL005, SL002 pieces
        "12", "1.250", "3,5", " ", "  ", ", ", "(", ")", "%", ";", ".", "\n", "mỗi", "Mỗi", " xã", " hộ",
        " lớp học", " tổng cộng ", " tổng số ", "trên ", "trong ", " từ ", "Từ ", " có ", " là ", " đạt ",
        " chiếm ", " bằng ", " tỷ lệ ", " tỉ lệ ", " xuống còn ", " lên ", " giảm ", " tăng ", "/", "xtừ",
        # TT005, TT007, TT010 pieces
        "UBND", "UB ND", "MTTQ VN", "ĐẢNG ỦY", "Sở GD", "ở ước", "-AB", "xAB", " CD", ", 0", "158, 019 ha",
        "05/3/2024", "5.3.2023", "1-12-2019", ",6/8/2021", "ngày 31/05/2021, 10:57", "| 25/05/2021 |",
        # NG003, VB002, TT090 pieces
        "Trong năm 2022, đã", "trong năm 2023,", ": trong năm 2021, đã", "[tên cơ quan]", "<ghi rõ>",
        "xxx", "XXX/", ".xxx", "hòa", "hoà", "thủy", "thuỷ", "của", "hoạt", "khỏe", "khoẻ", "a", "A",
        # SL001 pieces: a total, its noun, a quoted name and the bracket of its parts
        "31 người (trong đó 27 người", " (gồm ", "(", "((", ")", ' "Dân vận khéo" ', " “Ngày vì dân” ", "cán bộ",
        " tập thể, cá nhân ", "\n(",
        # VB002 pieces: a blank document number
        "Số: /BC-UBND", "Số /TB-VP", "số:/QĐ", "SỐ / UB", "xSố /A", "Số:\t/ KH-ĐU", "Sở /A",
        # TT010 pieces: a site's stamp before a date
        "Thứ Hai, ", "thứ 5 ", "CHỦ NHẬT:", "Ngày đăng: ", "ngày cập nhật |", "Cập nhật -", "đăng lúc ", "ngày công báo",
        # TT002 pieces
        "xã ,", "a;b", "x :", " !", "?", "\t;", "5,a", "đ;", " ?\n",
        # SL001's X/Y form and SL002 pieces
        "14/22 trường", "1.250/2.000", "a1/2", "2,5/", "/3", ".7/", " trường loại Khá", " đạt 63,6%", "١٢/٣",
        # TT003 pieces: brackets, quotes, item numbers and paragraph breaks
        "a) ", "b)", "1) ", "[", "]", '"', "“", "”", "\n\n", ' "\n',
        # VB002 pieces: dots, blank fields and template text
        "…", "...", "....", "___", "Số: ……/", " Số ...", "tháng …/năm", "năm ...năm", "ngày … tháng", "xxxx", "XXX-",
        "<tên", "[ghi rõ]", "[số", "tháng", "năm", "\t",
        # VB006 pieces: an annex announced
        "(Có Phụ lục 02 kèm theo)", "Đính kèm Phụ lục 03 kèm theo", "( có ", "Gửi ", "đính ", "Kèm theo ", "kèm theo", "Phụ lục", " Bảng chấm điểm ",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=30).map("".join)


def _context(text: str) -> Context:
    src = read_bytes(("BÁO CÁO\n" + text).encode(), "r.txt")  # (an empty file is refused)
    return Context(src=src, doc=build_document(src), options=Options())


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


def _same_scans(text: str) -> None:
    ctx = _context(text)
    t, low = ctx.text, ctx.lowered
    # TT003 reads only the paragraphs holding a bracket or quote: as reading every one (a plain list)
    every = copy.copy(ctx.doc)
    every.paragraphs = list(ctx.doc.paragraphs)  # type: ignore[assignment]
    plain_ctx = Context(src=ctx.src, doc=every, options=ctx.options)
    assert [(h.start, h.end, h.args) for h in style.check_unbalanced(ctx)] == [
        (h.start, h.end, h.args) for h in style.check_unbalanced(plain_ctx)
    ]
    # VB001 cleans the report's lines as one span of the text, slices of them are split in C
    lines, split = ctx.src.lines, t.split("\n")
    assert ruledata._cleaned_block(lines, 0, len(lines)) == ruledata._cleaned_block(split, 0, len(split))
    for a, b in ((0, len(split)), (1, 3), (len(split) - 1, len(split) + 2), (2, 1), (-3, -1)):
        assert lines[a:b] == split[a:b]
    # TT005: the heads of capital runs before a blank between capitals
    assert _spans(finditer_at(style._SPACED_ABBR, t, style._spaced_abbreviation_starts(t))) == _spans(
        style._SPACED_ABBR.finditer(t)
    )
    # TT007: the three places before a ", 0"
    assert _spans(finditer_at(style._SPLIT_NUMBER, t, style._split_number_starts(t))) == _spans(
        style._SPLIT_NUMBER.finditer(t)
    )
    # TT010: number starts, and after a comma
    for pos in (0, len(t) // 2):
        assert _spans(style._numeric_dates(ctx, pos)) == _spans(style._NUMERIC.finditer(t, pos))
    # SL005: its words with a number after them, where a giảm/tăng stands before the next %
    assert _spans(finditer_at(arithmetic._CHANGE, t, arithmetic._change_starts(low))) == _spans(
        arithmetic._CHANGE.finditer(t)
    )
    # SL002's percentage-first form: as the scan from its link words at word starts
    old_starts = anchors(["đạt", "chiếm", "bằng", "là", "tỷ", "tỉ"])
    fast = finditer_at(arithmetic._PCT_THEN_RATIO, t, arithmetic._word_starts(low, arithmetic._PCT_THEN_RATIO_STARTS))
    assert _spans(fast) == _spans(finditer_anchored(arithmetic._PCT_THEN_RATIO, old_starts, t, low))
    # SL001: the number starts before a bracket on their line, as the scan from every number start
    assert _spans(finditer_at(arithmetic._TOTAL_PAREN, t, arithmetic._bracket_after_starts(ctx))) == _spans(
        ctx.scan(arithmetic._TOTAL_PAREN)
    )
    # SL001's X/Y form and SL002: the runs of digits before a slash, as the scan from every number start
    for regex in (arithmetic._SPLIT_HEAD, arithmetic._RATIO_PCT):
        assert _spans(finditer_at(regex, t, arithmetic.ratio_starts(ctx))) == _spans(ctx.scan(regex))
    # VB002: a blank document number, from the "số" of the lower-cased text
    assert _spans(structure._placeholder_matches(ctx, structure._BLANK_NUMBER, [])) == _spans(
        structure._BLANK_NUMBER.finditer(t)
    )
    # TT010: a web page's stamp before a date, from the stamp's first words
    for at in range(0, len(t), 7):
        before = t[max(0, at - 40) : at]
        assert style._stamp_before(before) == bool(style._STAMP_BEFORE.search(before))
        assert style._stamp_before(before, low[max(0, at - 40) : at]) == bool(style._STAMP_BEFORE.search(before))
    # TT002: its two patterns of marks, from one scan
    after_blank, glued = style._spacing_marks(t)
    assert _spans(after_blank) == _spans(style._PUNCT_AFTER_BLANK.finditer(t))
    assert _spans(glued) == _spans(style._NO_SPACE_AFTER.finditer(t))
    # SL004: the number starts a ", mỗi" head follows, as the scan from every number start
    starts = arithmetic._per_unit_starts(ctx)
    for regex in (arithmetic._PRODUCT, arithmetic._EACH_THEN_TOTAL, arithmetic._EACH_COUNT):
        assert _spans(finditer_at(regex, t, starts)) == _spans(ctx.scan(regex))
    # NG003 and VB002: patterns rewritten to start with a character
    plain_year = re.compile(r"(?:^|(?<=[.;:!?]\s)|(?<=\n))(trong\s+năm\s+((?:19|20)\d{2})\s*,[^.;\n]{0,200})", re.M)
    folded = ctx.folded
    assert _spans(date._RESULTS_YEAR.finditer(folded)) == _spans(plain_year.finditer(folded))
    plain_template = re.compile(
        r"\[(?:tên|ghi|điền|số|họ|địa|chức|ngày|nội\s+dung)[^\]\n]{0,40}\]|<(?:tên|ghi|điền|họ)[^>\n]{0,40}>"
        r"|(?<![\w.])xxx+(?![\w])|(?<![\w.])XXX+(?=[ \t]?[/-])"
    )
    assert _spans(structure._TEMPLATE_TEXT.finditer(t)) == _spans(plain_template.finditer(t))
    # VB002: its dots, its blank fields in the lines holding dots, its template text from the branches' leads
    assert list(structure._dots_starts(t)) == [m.start() for m in structure._DOTS.finditer(t)]
    dot_lines = line_windows(t, structure._dots_starts(t))
    assert _spans(structure._placeholder_matches(ctx, structure._BLANK_FIELD, dot_lines)) == _spans(
        structure._BLANK_FIELD.finditer(t)
    )
    whole = structure._blank_field_starts(t, [(0, len(t))])  # (a window of many lines)
    assert _spans(finditer_at(structure._BLANK_FIELD, t, whole)) == _spans(structure._BLANK_FIELD.finditer(t))
    assert _spans(structure._placeholder_matches(ctx, structure._TEMPLATE_TEXT, dot_lines)) == _spans(
        plain_template.finditer(t)
    )
    # VB006: an annex announced, from the literal scans of its first words
    assert _spans(structure._announcements(ctx)) == _spans(structure._ANNOUNCED.finditer(t))
    # TT003: the marks found by `str.find`, and each paragraph's unmatched marks read from them
    marks = style._bracket_marks(t)
    assert marks.tolist() == [m.start() for m in style._BRACKET_CHARS.finditer(t)]
    for p in ctx.doc.paragraphs:
        span = t[p.start : p.end]
        assert style._unmatched(span, [at - p.start for at in marks if p.start <= at < p.end]) == style._unmatched(span)
    # TT090: the words of its tables, as read back from every toned pair
    old_to_new, new_to_old, _ = style._tone_words_tables()
    assert [w for w in style._tone_words(low) if w[1] in old_to_new or w[1] in new_to_old] == [
        w for w in _plain_tone_words(low) if w[1] in old_to_new or w[1] in new_to_old
    ]


def _plain_tone_words(lower_text: str) -> list[tuple[int, str]]:
    """TT090's words as found before: every toned pair, its word read back when no letter follows."""
    longest = style._tone_words_tables()[2]
    out = []
    for regex in (re.compile("[òóỏõọùúủũụ][aey]"), re.compile("[ou][àáảãạèéẻẽẹỳýỷỹỵ]")):
        for m in regex.finditer(lower_text):
            end = m.end()
            if end < len(lower_text) and lower_text[end].isalpha():
                continue
            start = m.start()
            while start > 0 and lower_text[start - 1].isalpha() and end - start <= longest:
                start -= 1
            out.append((start, lower_text[start:end]))
    return sorted(out)


def test_first_passes_find_what_the_plain_scans_find_on_reports() -> None:
    for text in sample_texts().values():
        _same_scans(text)


_SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _shared_texts() -> list[Path]:
    """The plain-text reports of ../shared (seeds, corpus and corpus/full)."""
    folders = [_SHARED / "seeds", _SHARED / "corpus"]
    return sorted(p for f in folders if f.is_dir() for p in f.rglob("*") if p.suffix in (".txt", ".md"))


@pytest.mark.slow
def test_first_passes_find_what_the_plain_scans_find_on_the_real_reports() -> None:
    files = _shared_texts()
    if not files:
        pytest.skip("../shared/seeds và ../shared/corpus không có: bỏ qua so sánh trên báo cáo thật")
    for path in files:
        text = read_bytes(path.read_bytes(), path.name).text
        _same_scans(text.removeprefix("BÁO CÁO\n"))
        for m in re.finditer(r"\d+", text):
            before = text[max(0, m.start() - 120) : m.start()]
            assert arithmetic._name_before(before) == (arithmetic._NAME_BEFORE.search(before) is not None), path.name
        for line in text.split("\n"):
            _same_damage(line)
        _same_breakdowns(text)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_first_passes_find_what_the_plain_scans_find_on_generated_text(text: str) -> None:
    _same_scans(text)


def test_first_passes_find_the_shapes_they_are_for() -> None:
    # written so that each pattern matches once: the first pass must not lose it
    text = (
        "BÁO CÁO\nKết quả năm 2023\nPhối hợp với UBMT TQVN tỉnh và UBMTTQVN huyện.\n"
        "Diện tích lũy kế 158, 019 ha. Ngày 05/3/2024 họp.\n"
        "Năm trước có 40 hộ (tính cả hộ cũ), nay còn 30 hộ “Xanh” (hộ mới), giảm 25%.\n"
        "Xây 10 nhà, mỗi nhà 50 triệu đồng, tổng kinh phí 500 triệu đồng.\n"
        "Trong năm 2022, đã hoàn thành.\n"
        "Có 14/22 trường đạt 63,6%.\n"
        "Tại xã A , xã B;xã C.\n"
        "Số /BC-UBND\n"
        "Số: ……/BC-UBND, tháng …/năm 2023; năm ...năm 2024; ghi [tên cơ quan]\n"
        "Gửi Biểu 01 kèm theo. Đính kèm Phụ lục 03 kèm theo.\n"
    )
    ctx = _context(text)
    t = ctx.text
    # (the title in capitals is a run of spaced capitals too: TT005 leaves headings out later)
    assert "UBMT TQVN" in [m.group() for m in finditer_at(style._SPACED_ABBR, t, style._spaced_abbreviation_starts(t))]
    assert [m.group() for m in finditer_at(style._SPLIT_NUMBER, t, style._split_number_starts(t))] == ["158, 019"]
    assert [m.group() for m in style._numeric_dates(ctx, 0)] == ["05/3/2024"]
    assert len(list(finditer_at(arithmetic._CHANGE, t, arithmetic._change_starts(ctx.lowered)))) == 1
    assert len(list(finditer_at(arithmetic._PRODUCT, t, arithmetic._per_unit_starts(ctx)))) == 1
    assert [m.group("x") for m in finditer_at(arithmetic._RATIO_PCT, t, arithmetic.ratio_starts(ctx))] == ["14"]
    assert [[m.start() - t.index("A ,") for m in found] for found in style._spacing_marks(t)] == [[2], [8]]
    assert [m.group() for m in structure._placeholder_matches(ctx, structure._BLANK_NUMBER, [])] == ["Số /BC-UBND"]
    totals = finditer_at(arithmetic._TOTAL_PAREN, t, arithmetic._bracket_after_starts(ctx))
    assert [m.group("total") for m in totals] == ["40", "30"]
    assert [m.group(2) for m in date._RESULTS_YEAR.finditer(ctx.folded)] == ["2022"]
    blank_fields = structure._placeholder_matches(ctx, structure._BLANK_FIELD, line_windows(t, structure._dots_starts(t)))
    assert [m.group() for m in blank_fields] == ["Số: ……", "tháng …/", "năm ...năm"]
    assert [m.group() for m in structure._placeholder_matches(ctx, structure._TEMPLATE_TEXT, [])] == ["[tên cơ quan]"]
    assert [m.group() for m in structure._announcements(ctx)] == ["Gửi Biểu 01 kèm theo", "Đính kèm Phụ lục 03 kèm theo"]
    assert lower("X") == "x"  # (the lower-cased text keeps its offsets: the scans above rely on it)


# -- TT001: the doubled-word pattern tried only where a letter run is followed by the same run ----------
_DOUBLED_PIECES = st.sampled_from(
    [
        # the same syllable in its cases, precomposed and decomposed, and near-misses of it
        "đã", "Đã", "ĐÃ", "dã", "đa", "đa\u0303", "đà", "đã\u0301", "công", "Công", "CÔNG", "cong", "côn",
        "tác", "Tác", "a", "A", "b", "ab", "ba", "thi", "x", "nhà", "Nhà", "công tác", "Công tác", "a b", "b a",
        # blanks and line ends between them
        " ", " ", " ", "  ", "\t", "\n", " \n", "\r\n", "\u00a0", "\u2003",
        # punctuation and signs glued to a word, inside or outside the Latin blocks
        ",", ".", ";", "(", ")", "-", "‐", "_", "'", "“", "”", "…", "×", "÷", "°", "§", "«", "»", "·", "•", "–",
        "1", "2024", "½", "²", "\u0301", "\u0345",
        # other scripts and case pairs `re` folds in its own way
        "Да", "да", "ДА", "Σ", "σ", "ς", "İ", "i", "I", "ı", "K", "k", "ǅ", "ǆ", "Ǆ", "ß", "ẞ", "ﬁ", "Ⅳ", "ⅳ",
        "\ud800",
    ]
)


@st.composite
def _doubled_texts(draw: st.DrawFn) -> str:
    """Pieces joined, and often a stretch of them written twice, one blank or a few between."""
    text = "".join(draw(st.lists(_DOUBLED_PIECES, max_size=40)))
    if text and draw(st.booleans()):
        i = draw(st.integers(0, len(text) - 1))
        j = draw(st.integers(i + 1, min(len(text), i + 12)))
        blank = draw(st.sampled_from([" ", " ", "  ", "\n", ", "]))
        text = text[:j] + blank + text[i:j] + text[j:]
    return text


_DOUBLED_TEXTS = _doubled_texts()


def _same_doubled(text: str) -> None:
    low = lower(text)
    assert _spans(style._doubled(text, low)) == _spans(style._DOUBLED.finditer(text)), text


def test_doubled_words_first_pass_finds_what_the_plain_scan_finds_on_reports() -> None:
    for text in sample_texts().values():
        _same_doubled(text)
        ctx = _context(text)  # and as the rule reads it: normalised
        assert _spans(style._doubled(ctx.text, ctx.lowered)) == _spans(style._DOUBLED.finditer(ctx.text))


@settings(max_examples=1500, deadline=None)
@given(_DOUBLED_TEXTS)
def test_doubled_words_first_pass_finds_what_the_plain_scan_finds_on_generated_text(text: str) -> None:
    _same_doubled(text)


@settings(max_examples=500, deadline=None)
@given(_DOUBLED_TEXTS, st.integers(1, 9))
def test_doubled_words_first_pass_read_in_small_pieces_finds_what_the_plain_scan_finds(text: str, piece: int) -> None:
    # the spaced bytes are built, and offsets read back, a piece of the text at a time (memory per
    # input byte): pieces of a few characters put their edges inside words, blanks and repeats
    saved = style._PIECE
    try:
        style._PIECE = piece
        _same_doubled(text)
    finally:
        style._PIECE = saved


def test_doubled_words_first_pass_on_the_shapes_it_is_for() -> None:
    # each text written so that the plain scan finds its doubled words: the first pass must find them too,
    # with one space between words and with several
    one_space = (
        "Ban đã đã họp; Công tác công tác dân vận.\n"
        "(đã đã) “công công” đã, đã và Đã ĐÃ xong.\n"
        "thi công công trình;\tnhà nhà người người\n"
        "đã\nđã hai dòng, a\u0301 a\u0301 rời, ĐÃ\u00a0ĐÃ, cán bộ cán bộ.\n"
        "x-x x x_ x2 x x§ x x×x x÷ x x.\n"
    )
    for text in (one_space, one_space.replace("thi công ", "thi công  ").replace("bộ cán", "bộ   cán")):
        plain = [m.group() for m in style._DOUBLED.finditer(text)]
        assert {"đã đã", "Công tác công tác", "Đã ĐÃ", "nhà nhà", "người người"} <= set(plain)
        assert any(m.startswith("cán bộ") for m in plain) and any(m.startswith("công") for m in plain)
        assert style._doubled_starts(text, lower(text)) is not None  # the fast path, not the fallback
        assert [m.group() for m in style._doubled(text, lower(text))] == plain


def test_doubled_words_texts_scanned_in_full() -> None:
    # İ and Σ lower-case unlike `re`'s comparison; many signs beyond ASCII would cost a pass each
    signs = "".join(chr(0x2190 + i) for i in range(style._MAX_OTHER_NON_LETTERS + 1))
    for text in ("İ i đã đã", "ΑΣ ασ", f"{signs} đã đã"):
        assert style._doubled_starts(text, lower(text)) is None
        assert _spans(style._doubled(text, lower(text))) == _spans(style._DOUBLED.finditer(text))
    assert style._doubled_starts("đã đã", "đã đã") is not None


# -- VB001: the template lines cleaned joined, as each line alone ---------------------------------------
_LINE_PIECES = st.sampled_from(
    [
        "# ", "## ", "###### ", "####### ", "#", "> ", ">", ">> ", " > # ", "\\-", "\\*", "\\#", "\\\\", "\\(", "\\x",
        "*", "**", " * ", "I. KẾT QUẢ", "Nơi nhận:", "- Lưu: VT.", " ", "\t", "\r", "\u00a0", "\u2003", "\u2028",
        "\x0b", "\x1c", "a\u0301", "\u0301", "o\u0323\u0302", "Ô", "\n", "\n\n", "\n#", "\n ", "đã", "x",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE_PIECES, max_size=30).map("".join))
def test_template_lines_cleaned_joined_as_one_by_one(text: str) -> None:
    from checker import ruledata

    lines = text.split("\n")
    plain = [ruledata._clean_line(line) for line in lines]
    assert ruledata._cleaned_block(lines, 0, len(lines)) == plain
    if "*" not in text:
        assert ruledata.cleaned_lines(text) == plain


def test_template_lines_cleaned_joined_on_reports() -> None:
    from checker import ruledata

    for text in sample_texts().values():
        lines = text.split("\n")
        assert ruledata._cleaned_block(lines, 0, len(lines)) == [ruledata._clean_line(line) for line in lines]
    assert ruledata.cleaned_lines("## I. KẾT QUẢ\n> Nơi nhận:\n\\- Lưu: VT.") == ["I. KẾT QUẢ", "Nơi nhận:", "- Lưu: VT."]


# -- DG008: the shortfall phrases and "nothing happened" tried from their first words ------------------
_SHORTFALL_PIECES = st.sampled_from(
    [
        "chưa", "Chưa", "CHƯA", "không", "Không", "\u212aHÔNG", "khôngx", "xchưa", "chưa có", "chưa xây dựng",
        " xây dựng", " thực hiện", " có", " vụ việc", " phát sinh", " xảy ra", " ban hành", " tổ chức", "nếu ",
        " nay đã", " quy chế", "được ", " ", "  ", "\n", ". ", "! ", ",", "đã", "1", "ư", "a\u0301",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_SHORTFALL_PIECES, max_size=40).map("".join))
def test_shortfall_first_pass_finds_what_the_plain_scan_finds(text: str) -> None:
    from checker.checks import score

    fast = list(score.shortfall_sentences(text, 0, len(text)))
    assert fast == list(score.shortfall_sentences(text, 0, len(text), plain=True))
    assert list(score.shortfall_sentences(text, 0, len(text), lowered=lower(text))) == fast


def test_shortfall_first_pass_on_reports_and_shapes() -> None:
    from checker.checks import score

    texts = [*sample_texts().values(), "Đơn vị CHƯA XÂY DỰNG quy chế. Chưa ban hành kế hoạch vì không phát sinh vụ việc. \u212aHÔNG thực hiện được."]
    for text in texts:
        fast = list(score.shortfall_sentences(text, 0, len(text)))
        assert fast == list(score.shortfall_sentences(text, 0, len(text), plain=True))
        assert list(score.shortfall_sentences(text, 0, len(text), lowered=lower(text))) == fast
    # the first and the last admit a shortfall; the second says nothing happened to be handled
    assert len(list(score.shortfall_sentences(texts[-1], 0, len(texts[-1])))) == 2


# Template parts whose pattern led by an optional word (tried at every character of every line) is
# now led by what follows it: as VB001 reads a part's patterns (does a line show it?), the same lines.
_WITHOUT_OPTIONAL_LEAD = [
    ("tu-cham-diem", "xep_loai", r"(?:Tự\s+)?Xếp\s+loại\s*:\s*\S"),
    ("to-trinh", "de_nghi", r"(?:kính\s+)?(?:trình|đề\s+nghị|xin\s+ý\s+kiến|kính\s+đề\s+nghị)"),
]
_PART_PIECES = st.sampled_from(
    ["Tự ", "tự  ", "Xếp loại", "XẾP LOẠI", "xếp  loại", ":", " ", "Tốt", "Kính ", "kính", " trình", "Trình",
     "đề nghị", "Đề  nghị", "xin ý kiến", "xin ý", "đề", "a", "-", "\t"]
)


@pytest.mark.parametrize("template,part,plain", _WITHOUT_OPTIONAL_LEAD, ids=[r[1] for r in _WITHOUT_OPTIONAL_LEAD])
@settings(max_examples=300, deadline=None)
@given(line=st.lists(_PART_PIECES, max_size=12).map("".join))
def test_part_pattern_without_its_optional_lead_shows_the_same_lines(template: str, part: str, plain: str, line: str) -> None:
    from checker.ruledata import clean_line, compile_pattern, load_templates

    (shipped,) = [p for p in load_templates()[template].parts if p.id == part]
    assert plain not in shipped.patterns  # the rewritten form is the one shipped
    expected = compile_pattern(plain).search(line) is not None
    assert any(compile_pattern(p).search(line) for p in shipped.patterns) == expected
    assert shipped.matches(line) == (compile_pattern(plain).search(clean_line(line)) is not None)


# -- SL001, SL002, SL003: a name before a number, searched from the last two words ---------------------
_NAME_PIECES = st.sampled_from(
    [
        "nghị", "Nghị", "định", "ĐỊNH", "quyết", "năm", "Năm", "số", "xsố", "lớp", "phụ", "lục", "giai", "đoạn",
        "tiêu", "chí", "khoá", "khóa", "top", "cán", "bộ", "5", "12,5", "(", ")", ",", ".", " ", "  ", "\t", "\n",
        "\u00a0", "\u2003", "\u1680", "\x1c", "a", "ı", "İ",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_NAME_PIECES, max_size=12).map("".join))
def test_a_name_before_a_number_is_found_from_the_last_two_words(before: str) -> None:
    assert arithmetic._name_before(before) == (arithmetic._NAME_BEFORE.search(before) is not None)


def test_a_name_before_a_number_on_reports() -> None:
    # every prefix that ends before a number of the reports, as SL001's parts and totals ask
    for text in sample_texts().values():
        for m in re.finditer(r"\d+", text):
            before = text[max(0, m.start() - 120) : m.start()]
            assert arithmetic._name_before(before) == (arithmetic._NAME_BEFORE.search(before) is not None)


# -- TT002-TT006: whether a line reads as a damaged text layer, from three scans and a bounded count ------
_DAMAGE_PIECES = st.sampled_from(
    [
        # lone consonants, letters and words
        "b", "c", "Đ", "đ", "x", "K", "a", "ô", "ế", "n", "công", "tác", " ", "  ", "\n", "\t", "\x1c", "\u00a0",
        # what may stand before or after them: marks, signs, other scripts, digits and their look-alikes
        "(", ")", ".", ",", "-", "_", "/", "“", "”", "–", "…", "«", "×", "1", "²", "Ⅳ", "б", "中", "\u0301",
        # the symbols of a damaged layer
        "#", "$", "%", "&", "*", "@", "|", "~", "!", "?", "<", "=", "^", "`", "{", "\\",
    ]
)


def _plain_damaged(span: str) -> bool:
    """`style.damaged_text` as it was written: every letter counted, the lone consonants by their pattern."""
    if not span.strip():
        return False
    symbols = len(style._SYMBOLS.findall(span))
    if symbols >= 4 and symbols * 2 >= sum(map(str.isalpha, span)):
        return True
    lone = len(style._LONE_CONSONANT.findall(span))
    if lone < 2:
        return False
    words = span.split()
    return len(words) >= 6 and lone * 5 >= len(words)


def _same_damage(span: str) -> None:
    assert style._lone_consonants(span) == len(style._LONE_CONSONANT.findall(span))
    assert style.damaged_text(span, 0, len(span)) == _plain_damaged(span)


@settings(max_examples=500, deadline=None)
@given(st.lists(_DAMAGE_PIECES, max_size=40).map("".join))
def test_damaged_text_is_judged_as_by_its_plain_form(span: str) -> None:
    _same_damage(span)


def test_damaged_text_on_reports() -> None:
    for text in sample_texts().values():
        for line in text.split("\n"):
            _same_damage(line)
        _same_breakdowns(text)
    # the shapes it is for: a legacy font read as Latin-1, letters lost, and prose
    _same_damage('U BAN DÂN T C !"# $%"&\'( )*&+ b c d g h')
    assert style.damaged_text("t c v b n h k l m ở x", 0, 21)
    assert not style.damaged_text("Công tác dân vận (khối) năm 2023: đạt 95%.", 0, 42)


# -- SL001's third form: breakdowns asked only of sentences with a figure before the intro, two after ----
_BREAKDOWN_PIECES = st.sampled_from(
    [
        "14 lớp", "95 đảng viên", "6 lớp cấp tỉnh", "7 lớp cấp huyện", "nam 60", "nữ 30", "1.250 hộ", "3,5 ha", "12",
        ", gồm ", " gồm có ", ", trong đó ", " trong đó có ", " cụ thể ", ", chia ra ", " bao gồm ", ": ", " và ", ", ",
        "; ", ". ", "\n", "(", ")", "%", "năm 2023", "Điều 5", " lớp", " xã", "a1", "/2", "-3", "5", "2",
    ]
)


def _plain_breakdowns(ctx: Context) -> list[tuple[int, int]]:
    """SL001's third form asking `breakdown_at` of every intro word, as it did before."""
    from checker.facts import quantities as qf

    text, seen, out = ctx.text, set(), []
    for pos in qf.intro_candidates(ctx.lowered):
        intro = qf.intro_match(text, pos)
        if intro is None or intro.start() in seen or ctx.in_table(pos):
            continue
        seen.add(intro.start())
        found = qf.breakdown_at(text, intro, qf.sentence_bounds(text, pos))
        if found is None or qf.sums_to(found.parts, found.total):
            continue
        over = sum(p.value for p in found.parts) > found.total.value
        if found.complete or (over and found.disjoint):
            out.append((found.total.start, found.parts[-1].end))
    return out


def _same_breakdowns(text: str) -> None:
    from checker.facts import quantities as qf
    from checker.scan import NUMBER_STARTS

    ctx = _context(text)
    assert [(h.start, h.end) for h in arithmetic._breakdown_vs_total(ctx)] == _plain_breakdowns(ctx)
    # the figures around each intro word, counted by bisection, as the number starts found in place
    for pos in qf.intro_candidates(ctx.lowered):
        intro = qf.intro_match(ctx.text, pos)
        if intro is None:
            continue
        start, end = qf.sentence_bounds(ctx.text, pos)
        before = len(list(NUMBER_STARTS.finditer(ctx.text, start, intro.start())))
        after = len(list(NUMBER_STARTS.finditer(ctx.text, intro.end(), end)))
        assert arithmetic._figures_around(ctx, intro, (start, end)) == (before >= 1 and after >= 2)


@settings(max_examples=300, deadline=None)
@given(st.lists(_BREAKDOWN_PIECES, max_size=30).map("".join))
def test_breakdowns_are_those_of_every_intro_word(text: str) -> None:
    _same_breakdowns(text)


def test_breakdowns_on_reports_and_shapes() -> None:
    for text in sample_texts().values():
        _same_breakdowns(text)
    shapes = "Mở 14 lớp, gồm 6 lớp cấp tỉnh và 7 lớp cấp huyện.\nCó 95 đảng viên, trong đó nam 60, nữ 30.\n"
    _same_breakdowns(shapes)
    assert len(list(arithmetic._breakdown_vs_total(_context(shapes)))) == 2
