"""Style rules (TT): wording and typography a reviewer fixes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.context import Context
from checker.engine import Hit, rule
from checker.ruledata import from_rule_data, load_lexicon


# A repeated single syllable is usually two compounds meeting ("thi công công trình", "cơ quan quan
# tâm", "ý kiến kiến nghị") or reduplication ("nhà nhà"), both correct. Only function words, which
# never form such pairs, are reported when doubled alone (rules/lexicon/function-words.toml);
# two-syllable phrases are always reported.
@from_rule_data
def _function_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_lexicon().function_words.words)


# Possessive: a shorter word could never be followed by the space, so giving letters back is wasted work.
_WORD = r"[^\W\d_]++"
_DOUBLED = re.compile(rf"(?<![\w-])(?P<w>{_WORD}(?:[ ]{_WORD})?)[ ]+(?P=w)(?![\w-])", re.IGNORECASE)


_NUMBER_NEXT = re.compile(r"\s*\d")
_TABLE_ROW = re.compile(r"(?:[^\n\d]*\d+){4}")


@rule(
    "TT001",
    name="doubled-word",
    severity="info",
    summary_vi="Từ hoặc cụm từ bị lặp liền nhau (đã đã, công tác công tác)",
    summary_en="Doubled word or phrase",
    message_vi="Lặp từ \"{words}\"; xoá một lần lặp",
    message_en="Doubled word \"{words}\"; delete one",
    explanation="""
Một từ hay cụm hai từ viết lặp liền nhau thường là lỗi soạn thảo (sao chép, gõ thừa). Các từ láy đúng
tiếng Việt như "nhà nhà", "người người", "ngày ngày" không bị báo.
""",
    bad="Ban đã đã tổ chức hội nghị; công tác công tác dân vận",
    good="Ban đã tổ chức hội nghị; công tác dân vận",
    fixable=True,
)
def check_doubled_words(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    for m in _DOUBLED.finditer(text):
        word = m.group("w")
        if " " not in word and word.lower() not in _function_words():
            continue
        repeat = text[m.end() - len(word) : m.end()]
        if repeat != word and repeat[:1].isupper():  # "09 dự án Dự án phát triển…": a name starts
            continue
        if word.lower() == "số" and _NUMBER_NEXT.match(text, m.end()):
            continue  # "mã số số 0825", "công nghệ số số 71/2025/QH15": a compound, then "số N"
        if word[:1].isupper() and repeat[:1].isupper() and _TABLE_ROW.match(text, m.end()):
            continue  # "Số lớp Số lớp 2011 4 4 5 …": two header cells of a flattened table
        yield Hit(m.start(), m.end(), {"words": word}, fix=word)


# -- helpers for TT002–TT006 ------------------------------------------------------------------------
# A span whose letters were lost or replaced (a PDF text layer without its font map, a legacy font
# read as Latin-1: `!"# $%"&'( )*&+`, `U BAN DÂN T C`) says nothing about the author's punctuation.
_SYMBOLS = re.compile(r"[!\"#$%&'()*+<=>?@\[\\\]^`{|}~]")
_LONE_CONSONANT = re.compile(r"(?<![\w.])[BCDĐGHKLMNPQRSTVXbcdđghklmnpqrstvx](?![\w.)])")


def damaged_text(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] reads as a damaged text layer rather than as prose: many symbols among
    few letters, or many lone consonants (a letter with its vowel lost)."""
    span = text[start:end]
    letters = sum(ch.isalpha() for ch in span)
    if not span.strip():
        return False
    symbols = len(_SYMBOLS.findall(span))
    if symbols >= 4 and symbols * 2 >= letters:
        return True
    words = span.split()
    return len(words) >= 6 and len(_LONE_CONSONANT.findall(span)) * 5 >= len(words)



def _skip(ctx: Context, start: int, end: int, *, damaged: bool = True) -> bool:
    """Never inside a citation symbol (`01- KL/TW` is another rule's business), a table, a URL, or a
    line whose text layer is damaged."""
    if ctx.in_table(start) or ctx.in_citation(start, end) or ctx.in_url(start):
        return True
    if not damaged:
        return False
    line_start = ctx.text.rfind("\n", 0, start) + 1
    line_end = ctx.text.find("\n", end)
    return damaged_text(ctx.text, line_start, line_end if line_end >= 0 else len(ctx.text))


def _blank_run_start(text: str, mark: int) -> int:
    """Where the spaces and tabs just before `mark` begin (TT002 and TT006 find a mark after a blank,
    then look at what stands before the blanks)."""
    start = mark
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start


# -- TT002 ------------------------------------------------------------------------------------------
# "xã ," / "như sau :" — a space before , ; : ! ? ; a lone "." after a space is often a list marker or
# "./." so only ",;:!?" are checked before, and ",;" after (a missing space after "." or ":" collides
# with abbreviations, times, URLs).
# (Lookbehinds sit after the first character: a pattern that starts with a class lets `re` skip to
# candidates in C; one that starts with a lookbehind is tried at every character.)
# A punctuation mark after a blank (rare) is found first; the blank run before it is then walked back.
_PUNCT_AFTER_BLANK = re.compile(r"[,;:!?](?<=[ \t][,;:!?])(?=[ \t]|$)", re.MULTILINE)
_WORD_CHAR = re.compile(r"[^\W_]")
_NO_SPACE_AFTER = re.compile(r"(?P<p>[,;])(?<=[^\W\d_][,;])(?=[^\W\d_])")


@rule(
    "TT002",
    name="punctuation-spacing",
    severity="info",
    summary_vi="Thừa dấu cách trước dấu câu hoặc thiếu dấu cách sau dấu câu",
    summary_en="A space before a punctuation mark or none after it",
    message_vi="Thừa dấu cách trước dấu \"{p}\"; viết liền dấu câu với từ đứng trước",
    message_en="Space before \"{p}\"; attach the punctuation to the preceding word",
    variants={
        "after": (
            "Thiếu dấu cách sau dấu \"{p}\"; thêm một dấu cách",
            "No space after \"{p}\"; add one",
        )
    },
    explanation="""
Trong văn bản tiếng Việt, dấu phẩy, chấm phẩy, hai chấm, chấm than, chấm hỏi viết liền với từ đứng
trước và cách từ đứng sau một dấu cách. Không xét trong ký hiệu văn bản, bảng, địa chỉ web, và số
thập phân (4,41).
""",
    bad="Tổ chức hội nghị tại xã Tam Tiến , Xuân Lương;Tân Sỏi.",
    good="Tổ chức hội nghị tại xã Tam Tiến, Xuân Lương; Tân Sỏi.",
    fixable=True,
)
def check_punctuation_spacing(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    for m in _PUNCT_AFTER_BLANK.finditer(text):
        start = _blank_run_start(text, m.start())
        if start == 0 or not _WORD_CHAR.match(text, start - 1) or _skip(ctx, start, m.end()):
            continue  # "xã ,": a word, then blanks, then the mark; not ") ," or a line of blanks
        yield Hit(start, m.end(), {"p": m.group()}, fix=m.group())
    for m in _NO_SPACE_AFTER.finditer(text):
        if _skip(ctx, m.start(), m.end()):
            continue
        yield Hit(m.start(), m.end(), {"p": m.group("p")}, fix=m.group("p") + " ", variant="after")


# -- TT003 ------------------------------------------------------------------------------------------
# "a)", "1)", "điểm b)": a closing bracket that numbers an item has no opening one.
# Both kinds are found from their ")" (a literal first: `re` skips to it in C). Only the ")" is
# masked: the letter or number before it is no bracket and `_unmatched` looks at brackets only.
_ITEM_HEAD = re.compile(r"[\s*]*(?:[a-zđ]\d{0,2}|\d{1,2})\.?\)")
_ITEM_CLOSE = re.compile(r"\)(?<=[a-zđ]\))(?<![\w(/][a-zđ]\))(?=[ ,;]|$)")
_PAIRS = {"(": ")", "“": "”", "[": "]"}
_BRACKET_CHARS = re.compile(r'[()“”\[\]"]')
_DITTO = re.compile(r'[ \t*|]*"[ \t*|]*(?:\n|$)')


def _unmatched(text: str) -> list[tuple[int, str]]:
    """Offsets and characters of brackets and curly/straight quotes without a partner."""
    masked = text
    items: set[int] = set()  # ")" that may number an item: it closes a bracket only if one is open
    if ")" in text:
        head = _ITEM_HEAD.match(text)
        if head:
            masked = " " * head.end() + masked[head.end() :]
        items = {m.start() for m in _ITEM_CLOSE.finditer(masked)}
    stack: list[tuple[int, str]] = []
    out: list[tuple[int, str]] = []
    straight: list[int] = []
    for m in _BRACKET_CHARS.finditer(masked):  # only the brackets and quotes, not every character
        i, ch = m.start(), m.group()
        if i in items and not any(o == "(" for _, o in stack):
            continue  # "điểm a), b)": an item number, no bracket is open
        if ch in _PAIRS:
            stack.append((i, ch))
        elif ch in _PAIRS.values():
            opener = next((k for k, v in _PAIRS.items() if v == ch), "")
            if stack and stack[-1][1] == opener:
                stack.pop()
            elif any(o == opener for _, o in stack):
                while stack and stack[-1][1] != opener:
                    out.append(stack.pop())
                stack.pop()
            else:
                out.append((i, ch))
        elif ch == '"':
            if not _DITTO.match(masked, masked.rfind("\n", 0, i) + 1):
                straight.append(i)  # a line that is one " is a ditto cell ("as above"), no quotation
    out.extend(stack)
    if len(straight) % 2:
        out.append((straight[-1], '"'))
    return sorted(out)


# How far (in paragraphs) the partner of an opening mark is looked for. A bracket split by a page
# break or a hard line wrap closes a few lines on; a quotation ("Điều 5 được sửa đổi như sau: “1. …”)
# may quote whole clauses, one paragraph each, before it closes.
_BRACKET_REACH = 6
_QUOTE_REACH = 60


@rule(
    "TT003",
    name="unbalanced-brackets",
    severity="info",
    summary_vi="Ngoặc đơn hoặc ngoặc kép không có dấu đóng/mở tương ứng",
    summary_en="A bracket or quotation mark without its partner",
    message_vi="Dấu \"{ch}\" không có dấu {partner} tương ứng trong đoạn; thêm dấu {partner} hoặc xoá dấu thừa",
    message_en="\"{ch}\" has no matching {partner} in this paragraph; add it or remove the stray one",
    explanation="""
Mỗi dấu mở ngoặc "(" hay ngoặc kép "“" phải có dấu đóng trong cùng đoạn. Các mục đánh số kiểu "a)",
"1)" không bị tính; một cặp ngoặc bị ngắt sang đoạn sau do ngắt trang (đoạn trước thừa "(" và đoạn sau
thừa ")") không bị báo.
""",
    bad="Hoàn thành tại 03 xã (Tam Tiến, Xuân Lương, Canh Nậu với diện tích 120 ha.",
    good="Hoàn thành tại 03 xã (Tam Tiến, Xuân Lương, Canh Nậu) với diện tích 120 ha.",
)
def check_unbalanced(ctx: Context) -> Iterator[Hit]:
    paras = [p for p in ctx.doc.paragraphs if not p.in_table]
    # A pair split by a page break, a hard wrap or a quotation of several paragraphs: one paragraph
    # only opens, a later one (after a footnote or two, or the quoted clauses) starts by closing. The
    # paragraphs that only open wait on a stack; a paragraph's leading closers close the latest ones.
    waiting: list[tuple[int, list[tuple[int, str]]]] = []
    stray: list[tuple[int, str]] = []  # (offset in the text, mark)
    for i, p in enumerate(paras):
        issues = [] if damaged_text(ctx.text, p.start, p.end) else _unmatched(ctx.text[p.start : p.end])
        issues = [(p.start + off, ch) for off, ch in issues]
        while issues and waiting and _closes(issues[0][1], waiting[-1][1][-1][1]):
            reach = _BRACKET_REACH if waiting[-1][1][-1][1] in "([" else _QUOTE_REACH
            if i - waiting[-1][0] > reach:
                break
            issues.pop(0)
            waiting[-1][1].pop()
            if not waiting[-1][1]:
                waiting.pop()
        if not issues:
            continue
        if all(ch in _PAIRS or ch == '"' for _, ch in issues):
            waiting.append((i, issues))
            continue
        stray.append(issues[0])
    stray.extend(w[1][0] for w in waiting)
    for start, ch in sorted(stray):
        if _skip(ctx, start, start + 1):
            continue
        partner = _PAIRS.get(ch) or next((k for k, v in _PAIRS.items() if v == ch), '"')
        yield Hit(start, start + 1, {"ch": ch, "partner": f"\"{partner}\""})


def _closes(mark: str, opener: str) -> bool:
    return _PAIRS.get(opener) == mark or (opener == '"' and mark == '"')


# -- TT004 ------------------------------------------------------------------------------------------
_STRAIGHT_PAIR = re.compile(r'"[^"\n]{1,200}"')
_CURLY_PAIR = re.compile(r"“[^”\n]{1,200}”")


@rule(
    "TT004",
    name="mixed-quotes",
    severity="info",
    summary_vi="Văn bản dùng lẫn ngoặc kép thẳng (\"…\") và ngoặc kép cong (“…”)",
    summary_en="Straight (\"…\") and curly (“…”) quotation marks are mixed",
    message_vi="Văn bản dùng {minority_n} cặp ngoặc kép {minority} trong khi phần lớn dùng {majority} ({majority_n} cặp); thống nhất một kiểu",
    message_en="{minority_n} pairs of {minority} quotes where most ({majority_n}) are {majority}; use one style",
    explanation="""
Một văn bản nên dùng thống nhất một kiểu ngoặc kép. Quy tắc báo một lần cho cả văn bản, tại chỗ đầu
tiên dùng kiểu ít hơn.
""",
    bad="Hưởng ứng “Tháng Dân vận” và phong trào \"Dân vận khéo\", “Chính quyền thân thiện”.",
    good="Hưởng ứng “Tháng Dân vận” và phong trào “Dân vận khéo”, “Chính quyền thân thiện”.",
)
def check_mixed_quotes(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    straight = [m for m in _STRAIGHT_PAIR.finditer(text) if not _skip(ctx, m.start(), m.start() + 1)]
    curly = [m for m in _CURLY_PAIR.finditer(text) if not _skip(ctx, m.start(), m.start() + 1)]
    if not straight or not curly:
        return
    names = ('thẳng "…"', "cong “…”") if ctx.options.lang != "en" else ('straight "…"', "curly “…”")
    if len(straight) <= len(curly):
        minority, majority, first = names[0], names[1], straight[0]
        counts = (len(straight), len(curly))
    else:
        minority, majority, first = names[1], names[0], curly[0]
        counts = (len(curly), len(straight))
    args = {"minority": minority, "majority": majority, "minority_n": counts[0], "majority_n": counts[1]}
    yield Hit(first.start(), first.end(), args)


# -- TT005 ------------------------------------------------------------------------------------------
_CAPS = "A-ZĐÀ-ỸẠ-Ỹ"
_SPACED_ABBR = re.compile(rf"[{_CAPS}](?<![\w-][{_CAPS}])[{_CAPS}]+(?:[ ][{_CAPS}]{{2,}})+(?![\w-])")
_ABBR = re.compile(rf"[{_CAPS}](?<![\w-][{_CAPS}])[{_CAPS}]{{2,}}(?![\w-])")
# Abbreviations known to be written as one word (rules/lexicon/abbreviations.toml): a spaced form is a
# typo even when the joined form does not occur in the same report.
@from_rule_data
def _known_abbreviations() -> frozenset[str]:
    return frozenset(a.abbreviation for a in load_lexicon().abbreviations.known)


@rule(
    "TT005",
    name="abbreviation-variants",
    severity="info",
    summary_vi="Cùng một chữ viết tắt được viết hai cách (có và không có dấu cách)",
    summary_en="The same abbreviation written two ways (with and without a space)",
    message_vi="Chữ viết tắt \"{found}\" nên viết liền \"{joined}\"{elsewhere}; thống nhất một cách viết",
    message_en="Abbreviation \"{found}\" should be written \"{joined}\"{elsewhere_en}; use one spelling",
    explanation="""
Chữ viết tắt phải viết thống nhất trong cả văn bản: "UBMTTQVN" hay "UBMT TQVN" là một. Quy tắc báo dạng
có dấu cách khi dạng viết liền cũng có trong văn bản, hoặc khi dạng viết liền là chữ viết tắt quen thuộc.
Dòng viết hoa toàn bộ (đề mục) không bị xét.
""",
    bad="Phối hợp với UBMTTQVN tỉnh; báo cáo Thường trực UBMT TQVN tỉnh.",
    good="Phối hợp với UBMTTQVN tỉnh; báo cáo Thường trực UBMTTQVN tỉnh.",
)
def check_abbreviation_variants(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    joined_forms = {m.group() for m in _ABBR.finditer(text)}
    for m in _SPACED_ABBR.finditer(text):
        joined = m.group().replace(" ", "")
        in_doc = joined in joined_forms
        if not in_doc and joined not in _known_abbreviations():
            continue  # (asked first: cheap, and most capital runs are no abbreviation at all)
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.start())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        letters = [c for c in line if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
            continue  # a heading in capitals: "KẾT QUẢ ĐẠT ĐƯỢC"
        if _skip(ctx, m.start(), m.end()):
            continue
        elsewhere = " (văn bản có chỗ viết liền)" if in_doc else ""
        elsewhere_en = " (written that way elsewhere in the report)" if in_doc else ""
        yield Hit(m.start(), m.end(), {"found": m.group(), "joined": joined, "elsewhere": elsewhere, "elsewhere_en": elsewhere_en}, fix=joined)


# -- TT006 ------------------------------------------------------------------------------------------
# A "%" after a blank (rare) is found first; the blank run before it is walked back to a digit.
_PCT_AFTER_BLANK = re.compile(r"%(?<=[ \t]%)")


@rule(
    "TT006",
    name="percent-spacing",
    severity="info",
    summary_vi="Có dấu cách giữa số và dấu %",
    summary_en="A space between a number and %",
    message_vi="Viết liền số với dấu %: \"{fixed}\"",
    message_en="Write the number and % together: \"{fixed}\"",
    explanation="""
Tỷ lệ phần trăm viết liền số với dấu % ("77,73%"), thống nhất với cách viết ở phần còn lại của báo cáo.
""",
    bad="Tỷ lệ hồ sơ trực tuyến đạt 77,73 %.",
    good="Tỷ lệ hồ sơ trực tuyến đạt 77,73%.",
    fixable=True,
)
def check_percent_spacing(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    for pct in _PCT_AFTER_BLANK.finditer(text):
        start = _blank_run_start(text, pct.start())
        if start == 0 or not text[start - 1].isdecimal() or _skip(ctx, start, pct.end(), damaged=False):
            continue  # "77,73 %": a number, blanks, the sign
        num = re.search(r"[\d.,]+$", text[max(0, start - 20) : start])
        fixed = (num.group() if num else "") + "%"
        yield Hit(start, pct.end(), {"fixed": fixed}, fix="%")
