"""Style rules (TT): wording and typography a reviewer fixes, date formats (TT010) and tone placement (TT090)."""

from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import re
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence

from checker.context import Context
from checker.engine import Hit, rule
from checker.model import Paragraphs
from checker.ruledata import from_rule_data, load_lexicon
from checker.scan import anchors, finditer_anchored, finditer_at, occurrences_of_any
from checker.source import lower


# A repeated single syllable is usually two compounds meeting ("thi công công trình", "cơ quan quan
# tâm", "Hội đồng đồng ý") or reduplication ("nhà nhà"), both correct. Function words, which never
# form such pairs, are reported when doubled alone (rules/lexicon/function-words.toml); any other
# syllable only when the document itself writes the three words around it with one copy ("phát triển
# kinh tế" elsewhere, so "phát triển kinh kinh tế" has a copy too many), and never a reduplication
# (rules/lexicon/reduplications.toml). Two-syllable phrases are always reported.
@from_rule_data
def _function_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_lexicon().function_words.words)


@from_rule_data
def _reduplications() -> frozenset[str]:
    return frozenset(w.lower() for w in load_lexicon().reduplications.words)


_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_]+)(?![\w-])")
# A document with more doubled syllables than this is no prose (a word list, a damaged layer): the
# evidence search stops there rather than scanning the text once per candidate without end.
_EVIDENCE_CANDIDATES = 200


def _free_edge(word: str | None) -> bool:
    """Whether a neighbour leaves a two-syllable word standing alone: none (punctuation, a line edge) or a
    function word ("được uỷ quyền", "thực hiện các")."""
    return word is None or word in _function_words()


def _document_pattern(pattern: str) -> re.Pattern[str]:
    """`re.compile(pattern)` without `re`'s module cache: a pattern made of one document's words is not
    searched again for another document, and `re` keeps 512 of them for the life of the process
    (200 candidates of TT001 a document, three patterns each: ~230 KB kept from one 30-page PDF, a
    fifth of its peak, issue 15), pushing out the inline patterns the code does search again."""
    try:
        from re import _compiler  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_compile as _compiler
    return _compiler.compile(pattern, 0)


def _stands_alone(lowered: str, pair: str, side: str, other: str) -> bool:
    """Whether `pair` ("cấp uỷ") is written elsewhere as a word of its own: with a free edge on `side`
    ("after": "cấp uỷ hoặc…", "before": "được uỷ quyền") and not next to `other` there."""
    first, second = (re.escape(w) for w in pair.split())
    # led by the word, its lookbehind after it (= `(?<![\w-])` before it): searched in C, not tried at
    # every character of the report for every candidate
    for m in _document_pattern(rf"{first}(?<![\w-]{first})[ \t]+{second}(?![\w-])").finditer(lowered):
        if side == "after":
            nxt = _WORD_AFTER.match(lowered, m.end())
            word = nxt.group(1) if nxt else None
        else:
            prev = _WORD_BEFORE.search(lowered, max(0, m.start() - 40), m.start())
            word = prev.group(1) if prev else None
        if word != other and _free_edge(word):
            return True
    return False


def _extra_copy(ctx: Context, start: int, end: int, word: str, searched: dict[str, bool]) -> bool:
    """Whether the doubled syllable X in "A X X B" at text[start:end] is a copy too many: the document
    writes "A X B" elsewhere, and not both "A X" and "X B" as words of their own (then "A X X B" is two
    compounds meeting: "cấp uỷ uỷ quyền" beside "cấp uỷ hoặc" and "được uỷ quyền")."""
    lowered = ctx.lowered
    before = _WORD_BEFORE.search(lowered, max(0, start - 40), start)
    after = _WORD_AFTER.match(lowered, end)
    if before is None or after is None:
        return False  # a line or sentence edge: nothing to compare with
    a, x, b = before.group(1), word.lower(), after.group(1)
    key = f"{a} {x} {b}"
    if key not in searched:
        if len(searched) >= _EVIDENCE_CANDIDATES:
            return False
        ea, ex, eb = (re.escape(w) for w in (a, x, b))
        one_copy = _document_pattern(rf"{ea}(?<![\w-]{ea})[ \t]+{ex}[ \t]+{eb}(?![\w-])").search(lowered) is not None
        searched[key] = one_copy and not (
            _stands_alone(lowered, f"{a} {x}", "after", b) and _stands_alone(lowered, f"{x} {b}", "before", a)
        )
    return searched[key]


# Possessive: a shorter word could never be followed by the space, so giving letters back is wasted work.
_WORD = r"[^\W\d_]++"
_DOUBLED = re.compile(rf"(?<![\w-])(?P<w>{_WORD}(?:[ ]{_WORD})?)[ ]+(?P=w)(?![\w-])", re.IGNORECASE)



# -- TT001's first pass ---------------------------------------------------------------------------
# `_DOUBLED` has no literal to start from: `re` tries it at every character, and at each of the 40,000
# word starts of the five seeds it reads a word or two and compares them (11 ms of the rule's 12). Its
# match "X X" or "A B A B" is whole letter runs: X is a maximal run (no \w before it, a space after
# it) and so is its repeat (a letter never lower-cases to a non-letter). So in the lower-cased text's
# UTF-8 with every non-letter made a space, the match is a space, a run, a space and the same run (or a
# run, a space, another run, a space and the first run again), each run ending at a space: a bytes
# pattern led by the space finds these places in C with simple byte classes, and `_DOUBLED` is tried
# only there. `re` compares case by each character's simple lower case, which `source.lower` gives,
# except for İ (two characters lowered, kept) and Σ (ς at a word's end): a text with either is
# scanned in full, and so is one with a run of spaces where there is no plain two-space form below.
_LETTER = re.compile(r"[^\W\d_]")
_SCAN_IN_FULL = ("\u0130", "\u03a3")
# Non-letters beyond ASCII are found by a class of explicit ranges (no Unicode category look-up per
# character): everything but ASCII and the letters of the Latin blocks Vietnamese is written in.
_LATIN_BLOCKS = (range(0x80, 0x250), range(0x1E00, 0x1F00))
# bytes of the lower-cased UTF-8: ASCII letters and every byte of a multi-byte character kept, the rest
# of ASCII (digits, "_", punctuation, blanks, line ends) made a space
_ASCII_NON_LETTERS = bytes(b if (0x61 <= b <= 0x7A or 0x41 <= b <= 0x5A or b >= 0x80) else 0x20 for b in range(256))
# each other non-letter present costs one `bytes.replace` over the text: past this many, scan in full
_MAX_OTHER_NON_LETTERS = 24
# one space between words (the text has no two in a row): the same run next, or after one run
_REPEAT_NEXT = re.compile(rb" (?=([^ ]++) (?:\1(?![^ ])|[^ ]++ \1(?![^ ])))")
# several spaces may stand between the words
_REPEAT_AFTER_SPACES = re.compile(rb" (?=([^ ]++) +(?:[^ ]++ +)?\1(?![^ ]))")


@functools.cache
def _other_non_letters() -> re.Pattern[str]:
    ranges: list[str] = []
    for block in _LATIN_BLOCKS:
        start = None
        for i in [*block, -1]:
            letter = i >= 0 and _LETTER.match(chr(i)) is not None
            if letter and start is None:
                start = i
            elif not letter and start is not None:
                ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(i - 1 if i >= 0 else block[-1]))}")
                start = None
    return re.compile(rf"[^\x00-\x7f{''.join(ranges)}]")


# The spaced bytes are built a piece of the text at a time, and offsets read back a piece at a time:
# the UTF-8 copy, its spaced form, that form led by a space and the decoded stretches before each
# place were alive at once (7 bytes per input byte on a long score sheet, past the issue-15 bound)
_PIECE = 1 << 17  # characters
# `_REPEAT_NEXT` / `_REPEAT_AFTER_SPACES` without their leading space: the first run of the text
_FIRST_NEXT = re.compile(rb"(?=([^ ]++) (?:\1(?![^ ])|[^ ]++ \1(?![^ ])))")
_FIRST_AFTER_SPACES = re.compile(rb"(?=([^ ]++) +(?:[^ ]++ +)?\1(?![^ ]))")


def _spaced_bytes(lowered: str, others: list[bytes]) -> tuple[bytes | bytearray, array[int]]:
    """The lower-cased text's UTF-8 with every non-letter a space, and where each piece starts in it.
    A function of its own: the last piece's copies go when it returns, before the repeats are searched."""
    spaced = bytearray()
    piece_bytes = array("I")  # where each piece starts in `spaced`
    for p in range(0, len(lowered), _PIECE):
        piece_bytes.append(len(spaced))
        raw = lowered[p : p + _PIECE].encode("utf-8", "surrogatepass").translate(_ASCII_NON_LETTERS)
        for code in others:  # a character is never split between pieces: each is encoded whole
            raw = raw.replace(code, b" " * len(code))
        if len(lowered) <= _PIECE:  # one piece (most reports): it is the spaced text, not copied again
            return raw, piece_bytes
        spaced += raw
    return spaced, piece_bytes


def _doubled_starts(text: str, lowered: str) -> array[int] | None:
    """Sorted offsets of the letter runs followed by the same run (lower-cased) next or next but one:
    every place `_DOUBLED` can match (and more); None when the text must be scanned in full."""
    if any(c in text for c in _SCAN_IN_FULL):
        return None
    found: set[str] = set()
    for p in range(0, len(lowered), _PIECE):
        found.update(_other_non_letters().findall(lowered, p, p + _PIECE))
    others = [c.encode("utf-8", "surrogatepass") for c in found if _LETTER.match(c) is None]
    if len(others) > _MAX_OTHER_NON_LETTERS:
        return None
    spaced, piece_bytes = _spaced_bytes(lowered, others)
    two_spaces = "  " in lowered
    repeats, first = (_REPEAT_AFTER_SPACES, _FIRST_AFTER_SPACES) if two_spaces else (_REPEAT_NEXT, _FIRST_NEXT)
    # a run at byte `at`: the text's first run, or one after a space (led by a space, as the pattern is);
    # read as found, not listed (a report of random repeats has thousands)
    ats = itertools.chain([0] if spaced and first.match(spaced) else [], (m.start() + 1 for m in repeats.finditer(spaced)))
    starts = array("q")
    if lowered.isascii():  # a byte is a character: nothing to read back (nor a copy of the text to make)
        starts.extend(ats)
        return starts
    # `byte` in `spaced` and `char` in `lowered` are the same place; `piece_raw` is the UTF-8 of the
    # piece holding it, which starts at `base` in `spaced` (the next piece at `limit`); encoded again
    # here rather than kept from above, where it was alive beside two other copies of the text
    piece_raw, base, limit, byte, char = b"", 0, -1, 0, 0
    for at in ats:
        if at >= limit:  # into a later piece: count to its start, then read in its UTF-8
            k = bisect.bisect_right(piece_bytes, at) - 1
            char, base = k * _PIECE, piece_bytes[k]
            limit = piece_bytes[k + 1] if k + 1 < len(piece_bytes) else len(spaced) + 1
            piece_raw = lowered[char : char + _PIECE].encode("utf-8", "surrogatepass")
            byte = base
        char += len(piece_raw[byte - base : at - base].decode("utf-8", "surrogatepass"))
        byte = at
        starts.append(char)
    return starts


def _doubled(text: str, lowered: str) -> Iterator[re.Match[str]]:
    """`_DOUBLED.finditer(text)`, trying the pattern only where `_doubled_starts` says it can match."""
    starts = _doubled_starts(text, lowered)
    return _DOUBLED.finditer(text) if starts is None else finditer_at(_DOUBLED, text, starts)


_NUMBER_NEXT = re.compile(r"\s*\d")
_TABLE_ROW = re.compile(r"(?:[^\n\d]*\d+){4}")
_TABLE_ROW_REACH = 500


@rule(
    "TT001",
    name="doubled-word",
    severity="info",
    summary_vi="Từ hoặc cụm từ bị lặp liền nhau (đã đã, công tác công tác)",
    summary_en="Doubled word or phrase",
    message_vi="Lặp từ \"{words}\"; xóa một lần lặp",
    message_en="Doubled word \"{words}\"; delete one",
    explanation="""
Một từ hay cụm hai từ viết lặp liền nhau thường là lỗi soạn thảo (sao chép, gõ thừa). Một âm tiết
lặp giữa từ ("phát triển kinh kinh tế") chỉ bị báo khi chính văn bản viết cụm đó với một lần ở chỗ
khác; hai từ ghép gặp nhau ("Hội đồng đồng ý", "cấp uỷ uỷ quyền") và các từ láy đúng tiếng Việt như
"nhà nhà", "người người", "ngày ngày" (rules/lexicon/reduplications.toml) không bị báo.
""",
    bad="Ban đã đã tổ chức hội nghị; công tác công tác dân vận",
    good="Ban đã tổ chức hội nghị; công tác dân vận",
    fixable=True,
)
def check_doubled_words(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    searched: dict[str, bool] = {}
    for m in _doubled(text, ctx.lowered):
        word = m.group("w")
        if " " not in word and word.lower() not in _function_words():
            if word.lower() in _reduplications() or not _extra_copy(ctx, m.start(), m.end(), word, searched):
                continue
            if _skip(ctx, m.start(), m.end()):
                continue
        repeat = text[m.end() - len(word) : m.end()]
        if repeat != word and repeat[:1].isupper():  # "09 dự án Dự án phát triển…": a name starts
            continue
        if word.lower() == "số" and _NUMBER_NEXT.match(text, m.end()):
            continue  # "mã số số 0825", "công nghệ số số 71/2025/QH15": a compound, then "số N"
        # the numbers of a flattened table row follow its header cells closely: looking no further than
        # _TABLE_ROW_REACH keeps a long line of capitalised repeats linear (it was quadratic)
        if word[:1].isupper() and repeat[:1].isupper() and _TABLE_ROW.match(text, m.end(), m.end() + _TABLE_ROW_REACH):
            continue  # "Số lớp Số lớp 2011 4 4 5 …": two header cells of a flattened table
        yield Hit(m.start(), m.end(), {"words": word}, fix=word)


# -- helpers for TT002–TT006 ------------------------------------------------------------------------
# A span whose letters were lost or replaced (a PDF text layer without its font map, a legacy font
# read as Latin-1: `!"# $%"&'( )*&+`, `U BAN DÂN T C`) says nothing about the author's punctuation.
_SYMBOLS = re.compile(r"[!\"#$%&'()*+<=>?@\[\\\]^`{|}~]")
# the lookbehind after the letter (= before it): a pattern led by a lookbehind is tried at every character
_CONSONANTS = "BCDĐGHKLMNPQRSTVXbcdđghklmnpqrstvx"
_LONE_CONSONANT = re.compile(rf"[{_CONSONANTS}](?<![\w.].)(?![\w.)])")
# `_LONE_CONSONANT` found from the character before the letter, in three scans that enter the matcher
# far less often than at each consonant (a third of a report's characters, 21 ns a character): after
# a blank (a literal), after another ASCII character that is neither a word character nor "." (a
# class of bytes), after a character beyond ASCII that is no letter of the Latin blocks (a class of
# ranges; the few it finds that are word characters all the same are left out one by one)
_LONE_AFTER = rf"(?=[{_CONSONANTS}](?![\w.)]))"
_LONE_AFTER_BLANK = re.compile(rf"[ ]{_LONE_AFTER}")
_LONE_AFTER_ASCII = re.compile(rf"[\x00-\x1f\x21-\x2d\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]{_LONE_AFTER}")


@functools.cache
def _lone_after_other() -> re.Pattern[str]:
    return re.compile(_other_non_letters().pattern + _LONE_AFTER)


def _lone_consonants(span: str) -> int:
    """`len(_LONE_CONSONANT.findall(span))`: the consonants with no word character nor "." before them
    (or the span's start) and no word character, "." nor ")" after them."""
    count = (_LONE_CONSONANT.match(span) is not None) + len(_LONE_AFTER_BLANK.findall(span))
    count += len(_LONE_AFTER_ASCII.findall(span))
    # (beyond ASCII, a character is a word character exactly when it is alphanumeric: "_" is ASCII)
    return count + sum(not c.isalnum() for c in _lone_after_other().findall(span))


def damaged_text(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] reads as a damaged text layer rather than as prose: many symbols among
    few letters, or many lone consonants (a letter with its vowel lost)."""
    span = text[start:end]
    if not span.strip():
        return False
    symbols = len(_SYMBOLS.findall(span))
    # the letters are counted only when the symbols could outnumber them (a Python loop over every
    # character of every paragraph was a fifth of a report's time), in C, and only up to one more than
    # twice the symbols: whether there are that many is the question (a paragraph of prose answers
    # it in its first words; counting all its letters was a third of this function's time)
    if symbols >= 4 and next(itertools.islice(filter(str.isalpha, span), 2 * symbols, None), None) is None:
        return True
    # lone consonants first: with fewer than two, five times their number is under the six words
    # needed, so the span's words (a list as long as the line) are not made for nothing
    lone = _lone_consonants(span)
    if lone < 2:
        return False
    words = span.split()
    return len(words) >= 6 and lone * 5 >= len(words)



def _skip(ctx: Context, start: int, end: int, *, damaged: bool = True) -> bool:
    """Never inside a citation symbol (`01- KL/TW` is another rule's business), a table, a URL, or a
    line whose text layer is damaged."""
    if ctx.in_table(start) or ctx.in_citation(start, end) or ctx.in_url(start):
        return True
    if not damaged:
        return False
    return _lines_damaged(ctx, start, end)


# The last report's verdicts, line by line: a rule asks once per mark, and a line of 100,000 marks
# must not be measured 100,000 times (that was quadratic). One entry, keyed by the report's source
# object itself, so no other report's answer is ever read and only the last report is held.
_DAMAGED_LINES: tuple[object, dict[tuple[int, int], bool]] = (None, {})


def _lines_damaged(ctx: Context, start: int, end: int) -> bool:
    """Whether the lines holding text[start:end] read as a damaged text layer (found by bisection)."""
    global _DAMAGED_LINES
    owner, verdicts = _DAMAGED_LINES
    if owner is not ctx.src:
        verdicts = {}
        _DAMAGED_LINES = (ctx.src, verdicts)
    first, last = ctx.src.line_of(start), ctx.src.line_of(max(start, end))
    got = verdicts.get((first, last))
    if got is None:
        got = damaged_text(ctx.text, ctx.src.line_span(first)[0], ctx.src.line_span(last)[1])
        verdicts[(first, last)] = got
    return got


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
# In the body only (a web copy's own notices follow the signer), and with more care, the marks whose
# spacing collides with other uses:
# "tài khoản ." — a lone "." after a blank, before a new word or the line end; not "./." nor "..."
_DOT_AFTER_BLANK = re.compile(r"\.(?<=[ \t]\.)(?![./…\w])(?=[ \t]*$|[ \t]+[^\W\d_])", re.MULTILINE)
# "( tháng 9/2003 )" — a ")" after a blank that closes a bracket opened earlier on the line
_CLOSE_AFTER_BLANK = re.compile(r"\)(?<=[ \t]\))")
# "xã A, xã B …;" — one ellipsis after a blank, before a mark; a run of them is a blank to fill (VB002),
# and one before a word or the line end may be one too ("UBND xã …")
_ELLIPSIS_AFTER_BLANK = re.compile(r"…(?<=[^\W\d_][ \t]…)(?![….])(?=[,;.)])")
# "của Đảng.Thực hiện" — a sentence run into the next: a word of two letters or more (not an
# abbreviation: "TP.HCM", "TT.HĐND", "Tp.Hồ Chí Minh", "ThS.Nguyễn", "v.v.Các"), ".", a capitalised word
_RUN_ON = re.compile(r"\.(?<=[^\W\d_]{2}\.)(?=[^\W\d_]{2})")
# `_PUNCT_AFTER_BLANK` and `_NO_SPACE_AFTER` in one pass: both are tried at every comma and semicolon of
# the text (thousands), and a mark never matches both (a blank before it, or a letter)
# (led by the one class, so that `re` still skips to the marks in C; the empty group says which branch)
_SPACING_TAIL = r"(?:(?<=[ \t].)(?=[ \t]|$)(?P<blank>)|(?<=[^\W\d_][,;])(?=[^\W\d_]))"
_SPACING_MARKS = re.compile(rf"[,;:!?]{_SPACING_TAIL}", re.MULTILINE)
# `_SPACING_MARKS` once per mark, each led by its literal: `re` jumps to the next "," in C, where the
# class is tested at every character of the text (1.2 → 0.6 ms on the five seeds)
_SPACING_MARK_SCANS = tuple(re.compile(re.escape(mark) + _SPACING_TAIL, re.MULTILINE) for mark in ",;:!?")


def _spacing_marks(text: str) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """The matches of `_PUNCT_AFTER_BLANK` and of `_NO_SPACE_AFTER` (spans and marks as theirs), from one
    scan per mark, merged in text order (one character each: two never start at one place)."""
    after_blank: list[re.Match[str]] = []
    no_space_after: list[re.Match[str]] = []
    for m in heapq.merge(*(scan.finditer(text) for scan in _SPACING_MARK_SCANS), key=re.Match.start):
        (after_blank if m.group("blank") is not None else no_space_after).append(m)
    return after_blank, no_space_after
_SHORT_TITLES = frozenset({"tp", "tx", "th", "ths", "ts", "pgs", "gs", "bs", "ks", "cn", "lm", "tt", "đc"})


def _run_on_sentence(text: str, dot: int) -> bool:
    """Whether the "." at `dot` ends a sentence that the next one runs into ("của Đảng.Thực hiện")."""
    after = text[dot + 1 : dot + 3]
    if not (after[0].isupper() and after[1].islower()):
        return False
    start = dot
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    word = text[start:dot]
    if start > 0 and (text[start - 1] in "./-_@" or text[start - 1].isdigit()):
        return False  # "v.v.Các", "12/QĐ-UBND.Theo": a part of something longer
    if word.lower() in _SHORT_TITLES or len(word) < 3 and word[0].isupper():
        return False
    return word[1:].islower()  # "Đảng", "nhân dân"; not "TT", "HĐND", "ThS"


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
Trong văn bản tiếng Việt, dấu phẩy, chấm phẩy, hai chấm, chấm than, chấm hỏi, dấu chấm, dấu ba chấm
và dấu đóng ngoặc viết liền với từ đứng trước và cách từ đứng sau một dấu cách; hai câu không viết
dính nhau ("của Đảng.Thực hiện"). Không xét trong ký hiệu văn bản, bảng, địa chỉ web, số (4,41;
1.234), chữ viết tắt (TP.HCM, TT.HĐND, ThS.) và chuỗi chấm để điền.
""",
    bad="Tổ chức hội nghị tại xã Tam Tiến , Xuân Lương;Tân Sỏi.",
    good="Tổ chức hội nghị tại xã Tam Tiến, Xuân Lương; Tân Sỏi.",
    fixable=True,
)
def check_punctuation_spacing(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    after_blank, no_space_after = _spacing_marks(text)
    for m in after_blank:
        start = _blank_run_start(text, m.start())
        if start == 0 or not _WORD_CHAR.match(text, start - 1) or _skip(ctx, start, m.end()):
            continue  # "xã ,": a word, then blanks, then the mark; not ") ," or a line of blanks
        yield Hit(start, m.end(), {"p": m.group()}, fix=m.group())
    for m in no_space_after:
        if _skip(ctx, m.start(), m.end()):
            continue
        yield Hit(m.start(), m.end(), {"p": m.group()}, fix=m.group() + " ", variant="after")
    yield from _body_spacing(ctx)


def _body_spacing(ctx: Context) -> Iterator[Hit]:
    """TT002 for ". … )" after a blank and for a sentence run into the next, in the body only."""
    text = ctx.text
    body_start, body_end = ctx.body_text_range()
    for regex in (_DOT_AFTER_BLANK, _ELLIPSIS_AFTER_BLANK, _CLOSE_AFTER_BLANK):
        for m in regex.finditer(text, body_start, body_end):
            start = _blank_run_start(text, m.start())
            if start == 0 or not (text[start - 1].isalpha() or regex is _CLOSE_AFTER_BLANK and text[start - 1].isdigit()):
                continue  # "khoản .": a word, then blanks, then the mark; not ", ." nor a line of blanks
            if regex is _CLOSE_AFTER_BLANK:
                line_start = text.rfind("\n", 0, start) + 1
                if text.rfind("(", line_start, start) <= text.rfind(")", line_start, start):
                    continue  # no bracket open on the line: "a )" numbers an item
            if _skip(ctx, start, m.end()):
                continue
            yield Hit(start, m.end(), {"p": m.group()}, fix=m.group())
    for m in _RUN_ON.finditer(text, body_start, body_end):
        if not _run_on_sentence(text, m.start()) or _skip(ctx, m.start(), m.end()):
            continue
        yield Hit(m.start(), m.end(), {"p": "."}, fix=". ", variant="after")


# -- TT003 ------------------------------------------------------------------------------------------
# "a)", "1)", "điểm b)": a closing bracket that numbers an item has no opening one.
# Both kinds are found from their ")" (a literal first: `re` skips to it in C). Only the ")" is
# masked: the letter or number before it is no bracket and `_unmatched` looks at brackets only.
_ITEM_HEAD = re.compile(r"[\s*]*(?:[a-zđ]\d{0,2}|\d{1,2})\.?\)")
_ITEM_CLOSE = re.compile(r"\)(?<=[a-zđ]\))(?<![\w(/][a-zđ]\))(?=[ ,;]|$)")
_PAIRS = {"(": ")", "“": "”", "[": "]"}
_OPENER_OF = {close: open_ for open_, close in _PAIRS.items()}
_BRACKET_CHARS = re.compile(r'[()“”\[\]"]')
_BRACKET_MARKS = '()“”[]"'  # the characters of `_BRACKET_CHARS`
_DITTO = re.compile(r'[ \t*|]*"[ \t*|]*(?:\n|$)')


def _unmatched(text: str, marks: Sequence[int] | None = None) -> list[tuple[int, str]]:
    """Offsets and characters of brackets and curly/straight quotes without a partner. `marks`, when
    given, are the offsets of every `_BRACKET_CHARS` character of `text`, in order (found once for the
    whole report by `_bracket_marks`, not searched again here)."""
    masked = text
    items: set[int] = set()  # ")" that may number an item: it closes a bracket only if one is open
    if ")" in text:
        head = _ITEM_HEAD.match(text)
        if head:
            masked = " " * head.end() + masked[head.end() :]
        items = {m.start() for m in _ITEM_CLOSE.finditer(masked)}
    if marks is None:
        marks = [m.start() for m in _BRACKET_CHARS.finditer(masked)]
    # (a mark of the masked head reads as a blank below: it is left out as the scan of `masked` leaves it)
    stack: list[tuple[int, str]] = []
    out: list[tuple[int, str]] = []
    straight: list[int] = []
    for i in marks:  # only the brackets and quotes, not every character
        ch = masked[i]
        if i in items and not any(o == "(" for _, o in stack):
            continue  # "điểm a), b)": an item number, no bracket is open
        if ch in _PAIRS:
            stack.append((i, ch))
        elif ch in _OPENER_OF:
            opener = _OPENER_OF[ch]
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


def _bracket_marks(text: str) -> array[int]:
    """Offsets of the `_BRACKET_CHARS` characters of `text`, in order: each of the seven found by
    `str.find` (a few hundred in a report; `_BRACKET_CHARS`, a class, is tested at every character
    of the text: ~0.7 ms on the five seeds, and again in every paragraph holding one). Kept as an
    array (4 bytes a mark) while the paragraphs are read."""
    return array("I", occurrences_of_any(text, _BRACKET_MARKS))


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
    message_vi="Dấu \"{ch}\" không có dấu {partner} tương ứng trong đoạn; thêm dấu {partner} hoặc xóa dấu thừa",
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
    paras = ctx.doc.paragraphs  # read as needed, not copied (table lines are never paragraphs)
    # A pair split by a page break, a hard wrap or a quotation of several paragraphs: one paragraph
    # only opens, a later one (after a footnote or two, or the quoted clauses) starts by closing. The
    # paragraphs that only open wait on a stack; a paragraph's leading closers close the latest ones.
    waiting: list[tuple[int, list[tuple[int, str]]]] = []
    stray: list[tuple[int, str]] = []  # (offset in the text, mark)
    marks = _bracket_marks(ctx.text)
    # a paragraph without a bracket or quotation mark has nothing unmatched and changes nothing below:
    # only those holding one are made (making each of a report's paragraphs was half of TT003)
    visited = paras.holding(marks) if isinstance(paras, Paragraphs) else range(len(paras))
    for i in visited:
        p = paras[i]
        lo = bisect.bisect_left(marks, p.start)
        hi = bisect.bisect_left(marks, p.end, lo)
        issues = _unmatched(ctx.text[p.start : p.end], [at - p.start for at in marks[lo:hi]]) if lo < hi else []
        if issues and _paragraph_damaged(ctx.text, paras, i):
            issues = []  # (asked only of a paragraph with an unmatched mark: most have none)
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


# A line of a few characters says too little to be judged alone ('"8E' among a legacy font's garbage):
# such a short paragraph is judged with the paragraphs around it.
_SHORT_PARAGRAPH = 40
_NEIGHBOURS = 2


def _paragraph_damaged(text: str, paras: list, i: int) -> bool:
    """Whether paragraph i reads as a damaged text layer, alone or, when short, with its neighbours."""
    p = paras[i]
    if damaged_text(text, p.start, p.end):
        return True
    if len(text[p.start : p.end].strip()) > _SHORT_PARAGRAPH:
        return False
    first, last = paras[max(0, i - _NEIGHBOURS)], paras[min(len(paras) - 1, i + _NEIGHBOURS)]
    return damaged_text(text, first.start, last.end)


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
    message_en="{minority_n} {pairs} of {minority} quotes where most ({majority_n}) are {majority}; use one style",
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
    if not straight:
        return  # (most reports: their curly pairs are then not looked at one by one)
    curly = [m for m in _CURLY_PAIR.finditer(text) if not _skip(ctx, m.start(), m.start() + 1)]
    if not curly:
        return
    names = ('thẳng "…"', "cong “…”") if ctx.options.lang != "en" else ('straight "…"', "curly “…”")
    if len(straight) <= len(curly):
        minority, majority, first = names[0], names[1], straight[0]
        counts = (len(straight), len(curly))
    else:
        minority, majority, first = names[1], names[0], curly[0]
        counts = (len(curly), len(straight))
    args = {"minority": minority, "majority": majority, "minority_n": counts[0], "majority_n": counts[1],
            "pairs": "pair" if counts[0] == 1 else "pairs"}
    yield Hit(first.start(), first.end(), args)


# -- TT005 ------------------------------------------------------------------------------------------
_CAPS = "A-ZĐÀ-ỸẠ-Ỹ"
# A match starts only at the head of a run of capitals: the class also holds characters that are not
# \w (×, ÷, combining marks), and a start after each of them made a long run quadratic.
_SPACED_ABBR = re.compile(rf"[{_CAPS}](?<![\w\-{_CAPS}][{_CAPS}])[{_CAPS}]++(?:[ ][{_CAPS}]{{2,}})+(?![\w-])")
_ABBR = re.compile(rf"[{_CAPS}](?<![\w\-{_CAPS}][{_CAPS}])[{_CAPS}]{{2,}}(?![\w-])")
# Where a spaced abbreviation can start: every one holds a blank between two of `_CAPS` with a second
# one after it ("UBMT TQVN"), found by a blank-led search (`re` skips to blanks in C; `_SPACED_ABBR`,
# led by a class holding most accented lower-case letters too, was tried at a quarter of the text's
# characters); the match then starts at the head of the run before that blank, or nowhere.
_BLANK_IN_CAPS = re.compile(rf"[ ](?<=[{_CAPS}][ ])(?=[{_CAPS}]{{2}})")


def _spaced_abbreviation_starts(text: str) -> list[int]:
    """Offsets, in order, where `_SPACED_ABBR` can match: a superset of its matches' starts."""
    heads: list[int] = []
    for m in _BLANK_IN_CAPS.finditer(text):
        at = m.start()
        # `_CAPS` is A–Z and U+00C0–U+1EF8 (Đ and Ạ–Ỹ lie in that range)
        while at > 0 and ("A" <= text[at - 1] <= "Z" or "\u00c0" <= text[at - 1] <= "\u1ef8"):
            at -= 1
        if not heads or heads[-1] != at:
            heads.append(at)
    return heads


# Abbreviations known to be written as one word (rules/lexicon/abbreviations.toml): a spaced form is a
# typo even when the joined form does not occur in the same report.
@from_rule_data
def _known_abbreviations() -> frozenset[str]:
    return frozenset(a.abbreviation for a in load_lexicon().abbreviations.known)


def _written_joined(text: str, joined: str) -> bool:
    """Whether `joined` (capitals) is written in `text` as an abbreviation of its own, i.e. is one of
    `_ABBR.finditer(text)`'s matches: an `_ABBR` match is a whole word of capitals, so it is one where
    `joined` occurs and the match there is exactly that long. Looked up only for the rare spaced forms,
    instead of collecting every capital word of the report (~0.6 ms per seed)."""
    at = text.find(joined)
    while at >= 0:
        m = _ABBR.match(text, at)
        if m is not None and m.end() - at == len(joined):
            return True
        at = text.find(joined, at + 1)
    return False


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
    written: dict[str, bool] = {}  # a spaced form recurs ("UBND TỈNH"): the text is searched once for it
    headings: dict[int, bool] = {}  # line start → whether the line is in capitals, asked once a line
    for m in finditer_at(_SPACED_ABBR, text, _spaced_abbreviation_starts(text)):
        joined = m.group().replace(" ", "")
        in_doc = written.get(joined)
        line_start = text.rfind("\n", 0, m.start()) + 1
        heading = headings.get(line_start)
        if in_doc is None and heading is None:
            # both are asked, whichever first: the line's case on a short line (most capital runs are a
            # heading's words, "KẾT QUẢ ĐẠT ĐƯỢC", and the joined form is looked for in the whole text),
            # the joined form first on a long one (a paragraph's letters are many to count)
            line_end = text.find("\n", m.start())
            if (line_end if line_end >= 0 else len(text)) - line_start <= _SHORT_LINE:
                heading = _heading_line(text, line_start, m.start(), headings)
        if heading:
            continue  # a heading in capitals: "KẾT QUẢ ĐẠT ĐƯỢC"
        if in_doc is None:
            in_doc = written[joined] = _written_joined(text, joined)
        if not in_doc and joined not in _known_abbreviations():
            continue
        if heading is None and _heading_line(text, line_start, m.start(), headings):
            continue
        if _skip(ctx, m.start(), m.end()):
            continue
        elsewhere = " (văn bản có chỗ viết liền)" if in_doc else ""
        elsewhere_en = " (written that way elsewhere in the report)" if in_doc else ""
        yield Hit(m.start(), m.end(), {"found": m.group(), "joined": joined, "elsewhere": elsewhere, "elsewhere_en": elsewhere_en}, fix=joined)


_SHORT_LINE = 200


def _heading_line(text: str, line_start: int, at: int, headings: dict[int, bool]) -> bool:
    """Whether the line holding `at` is in capitals (a heading): most of its letters upper-case."""
    line_end = text.find("\n", at)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    letters = sum(map(str.isalpha, line))  # (counted in C)
    heading = headings[line_start] = letters > 0 and sum(map(str.isupper, filter(str.isalpha, line))) > 0.6 * letters
    return heading


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
        if start == 0 or not text[start - 1].isdecimal() or _skip(ctx, start, pct.end()):
            continue  # "77,73 %": a number, blanks, the sign
        num = re.search(r"[\d.,]+$", text[max(0, start - 20) : start])
        fixed = (num.group() if num else "") + "%"
        yield Hit(start, pct.end(), {"fixed": fixed}, fix="%")


# -- TT007 ------------------------------------------------------------------------------------------
# "lũy kế 158, 019 ha": one figure cut by a space after its comma. A count after ", " is never written
# with three digits and a leading zero ("05 xã" has two), so "N, 0DD unit" is one number; a list of
# codes ("001, 002, 003") or of article numbers ("Điều 108, 109") is not.
# The lookbehind after the first digit: a pattern led by a lookbehind is tried at every character.
_SPLIT_NUMBER = re.compile(r"(?P<head>\d(?<![\d.,/]\d)\d{0,2}), (?P<tail>0\d{2})(?![\d.,/])(?=[ \t]+[^\W\d_])")


# Every match holds ", 0" right after its head of one to three digits: found by a literal-led search
# (`re` skips to it in C), the pattern is tried at the three places before it only, not at every digit.
_COMMA_ZERO = re.compile(", 0")


def _split_number_starts(text: str) -> list[int]:
    """Offsets, in order, where `_SPLIT_NUMBER` can match: a superset of its matches' starts."""
    return [at for m in _COMMA_ZERO.finditer(text) for at in range(max(0, m.start() - 3), m.start())]


@rule(
    "TT007",
    name="number-split-by-space",
    severity="info",
    summary_vi="Một số bị tách bởi dấu cách sau dấu phẩy (158, 019 ha)",
    summary_en="A number cut in two by a space after its comma (158, 019 ha)",
    message_vi="\"{found}\" có lẽ là một số bị tách bởi dấu cách; viết liền (\"{joined}\") và kiểm tra dấu phân cách",
    message_en="\"{found}\" looks like one number cut by a space; write it without the space (\"{joined}\") and check the separator",
    explanation="""
Số có phần sau dấu phẩy gồm ba chữ số bắt đầu bằng 0 ("158, 019 ha") không thể là hai số đếm (số đếm viết
"05", "019" thì không): đó là một số bị tách bởi dấu cách khi soạn hoặc chuyển đổi. Danh sách mã số
("001, 002, 003") và số điều khoản ("Điều 108, 109") không bị xét.
""",
    bad="Diện tích nuôi tôm lũy kế 158, 019 ha.",
    good="Diện tích nuôi tôm lũy kế 158,019 ha.",
)
def check_split_number(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    if ", 0" not in text:
        return  # the pattern needs that literal: most reports have none
    for m in finditer_at(_SPLIT_NUMBER, text, _split_number_starts(text)):
        if m.group("head").startswith("0") or re.match(r"[ \t]*,[ \t]*\d", text[m.end() : m.end() + 4]):
            continue  # "001, 002" or "…, 019, 020": a list of codes
        if _skip(ctx, m.start(), m.end()):
            continue
        found = m.group()
        yield Hit(m.start(), m.end(), {"found": found, "joined": found.replace(" ", "")})


# -- TT010 (date formats) ---------------------------------------------------------------------------
_NUMERIC = re.compile(r"(?<![\w/.-])(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d{2})(?![\w/]|[.,-]\d)")
# A date starts where a number starts (`Context.number_starts`, shared with the SL rules), or after a
# comma ("5,6/8/2023": a comma is no number start but may stand before a day): `_NUMERIC` is tried
# there only, not at every character (it starts with a lookbehind).
_DIGIT_AFTER_COMMA = re.compile(r",(?=\d)")


def _numeric_dates(ctx: Context, pos: int) -> Iterator[re.Match[str]]:
    """`_NUMERIC.finditer(ctx.text, pos)`, tried only where a date can start."""
    text = ctx.text
    numbers = ctx.number_starts
    from_numbers = finditer_at(_NUMERIC, text, numbers[bisect.bisect_left(numbers, pos) :])
    after_comma = (m.end() for m in _DIGIT_AFTER_COMMA.finditer(text, max(0, pos - 1)))  # (a comma just before pos too)
    # No date starts inside another: one never follows a word character, "/", "." or "-", and every
    # character of a date does. So the dates found from each kind of start, merged in text order, are
    # `finditer`'s; merging the few dates, not the many starts (heapq.merge's Python steps for every
    # number of the body), and the number starts read from their array (a list of them, 36 bytes a
    # number, was 8 bytes per input byte of a tally of short rows)
    return heapq.merge(from_numbers, finditer_at(_NUMERIC, text, after_comma), key=re.Match.start)


@rule(
    "TT010",
    name="date-format",
    severity="info",
    summary_vi="Ngày tháng viết lẫn nhiều cách trong một báo cáo; dòng ngày tháng thiếu số 0",
    summary_en="Dates written in mixed forms; header date line missing its leading zero",
    message_vi='Ngày tháng viết theo hai cách: {count} chỗ viết {minority}, như "{example}", trong khi các chỗ '
    "khác viết {majority}; viết thống nhất theo một cách",
    message_en='Dates are written two ways: {count} written {minority_en}, such as "{example}", while the others '
    "are written {majority_en}; write them one way",
    variants={
        "header": (
            'Dòng ngày tháng "{text}": {problem}; viết là "{suggestion}"',
            'Date line "{text}": {problem_en}; write "{suggestion}"',
        ),
    },
    explanation="""
Nghị định 30/2020/NĐ-CP (Phụ lục I, Mục II.4): ngày nhỏ hơn 10 và tháng 1, 2 ở dòng địa danh, ngày
tháng phải ghi thêm số 0 phía trước ("ngày 05 tháng 01 năm 2024"); các tháng từ 3 trở đi không ghi số
0. Trong thân báo cáo, một cách viết thống nhất (cùng dấu phân cách, cùng cách ghi số 0) giúp người đọc
không nhầm; quy tắc chỉ báo một lần cho mỗi kiểu lẫn, ở chỗ viết theo cách ít gặp hơn.
""",
    bad="Bắc Giang, ngày 5 tháng 1 năm 2024 … ngày 03/08/2023 … ngày 3/8/2023",
    good="Bắc Giang, ngày 05 tháng 01 năm 2024 … ngày 03/8/2023 … ngày 03/8/2023",
    fixable=True,
)
def check_date_format(ctx: Context) -> Iterator[Hit]:
    yield from _header_zero(ctx)
    # The body only: after the signer come annexes and, on a web copy, the site's own notices with
    # their own dates ("TP. HCM, ngày 31/05/2021" under a notice of the site).
    body_start, body_end = ctx.body_text_range()
    feats: dict[str, dict[str, list[re.Match[str]]]] = {"sep": {}, "day": {}, "month": {}}
    for m in _numeric_dates(ctx, body_start):
        if m.start() >= body_end:
            break
        if _site_stamp(ctx.text, m.start(), m.end(), ctx.lowered):
            continue
        day, sep, month = m.group(1), m.group(2), m.group(3)
        feats["sep"].setdefault(sep, []).append(m)
        if int(day) < 10:
            feats["day"].setdefault("padded" if len(day) == 2 else "bare", []).append(m)
        if 3 <= int(month) <= 9:
            feats["month"].setdefault("padded" if len(month) == 2 else "bare", []).append(m)
    names = {
        ("sep", "/"): ("với dấu /", "with /"),
        ("sep", "-"): ("với dấu -", "with -"),
        ("sep", "."): ("với dấu .", "with ."),
        ("day", "padded"): ("ngày dưới 10 có số 0 ở đầu (05/…)", "with a zero before a day under 10 (05/…)"),
        ("day", "bare"): ("ngày dưới 10 không có số 0 ở đầu (5/…)", "with no zero before a day under 10 (5/…)"),
        ("month", "padded"): ("tháng 3 đến 9 có số 0 ở đầu (…/08/…)", "with a zero before months 3 to 9 (…/08/…)"),
        ("month", "bare"): ("tháng 3 đến 9 không có số 0 ở đầu (…/8/…)", "with no zero before months 3 to 9 (…/8/…)"),
    }
    # When both forms are equally common, the one NĐ 30/2020 does not use is the one to change.
    preferred = {"sep": "/", "day": "padded", "month": "bare"}
    for feat, groups in feats.items():
        if len(groups) < 2:
            continue
        ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0] != preferred[feat]))
        major, minor = ordered[0], ordered[-1]
        first = minor[1][0]
        yield Hit(
            first.start(),
            first.end(),
            {
                "count": len(minor[1]),
                "minority": names[(feat, minor[0])][0],
                "majority": names[(feat, major[0])][0],
                "minority_en": names[(feat, minor[0])][1],
                "majority_en": names[(feat, major[0])][1],
                "example": first.group(),
            },
        )


# A web page's own date around a published document: a clock time next to it ("24/07/2018, 10:57",
# "04/04/2022 - 08:59"), a weekday or "Ngày đăng/cập nhật" before it, or a table cell of its own
# ("| 25/05/2021 |" in the site's metadata). A document never writes its dates so.
_STAMP_AFTER = re.compile(r"[ \t]*[,-]?[ \t]*\d{1,2}:\d{2}")
_STAMP_BEFORE = re.compile(
    r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|\d)|chủ\s+nhật|ngày\s+đăng|ngày\s+cập\s+nhật|cập\s+nhật|đăng\s+lúc|"
    r"ngày\s+ban\s+hành|ngày\s+hiệu\s+lực|ngày\s+công\s+báo)[\s:|,-]*$",
    re.IGNORECASE,
)
# Its first words, found in the lower-cased text before each date: case-insensitive and led by a
# letter, the pattern was tried at each of the 40 characters before every date of the body (their
# letters fold only as `lower()` does, so the search is exact)
_STAMP_BEFORE_STARTS = anchors(["thứ", "chủ", "ngày", "cập", "đăng"], not_after="")


def _stamp_before(before: str, before_lowered: str | None = None) -> bool:
    """`_STAMP_BEFORE.search(before)`, tried only where one of its first words stands (looked for in
    `before_lowered`, its lower-cased form with the same offsets, when given: the report's own)."""
    hay = lower(before) if before_lowered is None else before_lowered
    return next(finditer_anchored(_STAMP_BEFORE, _STAMP_BEFORE_STARTS, before, hay), None) is not None


_CELL_BLANKS = re.compile(r"[ \t|*]*")  # what `str.strip(" \t|*")` removes
_CELL_AFTER = re.compile(r"\s*\|")  # `str.lstrip()`, then a "|"


def _site_stamp(text: str, start: int, end: int, lowered: str | None = None) -> bool:
    if _STAMP_AFTER.match(text, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    before_start = max(line_start, start - 40)
    before = text[before_start:start]
    if _stamp_before(before, None if lowered is None else lowered[before_start:start]):
        return True
    line_end = text.find("\n", end)
    line_end = line_end if line_end >= 0 else len(text)
    # (matched in place: a paragraph's line is long, and slicing the rest of it for every date was
    # most of TT010's time)
    if _CELL_BLANKS.fullmatch(text, line_start, start) and _CELL_BLANKS.fullmatch(text, end, line_end):
        return True  # a date alone on its line: a cell of the site's metadata, flattened
    return before.rstrip().endswith("|") and _CELL_AFTER.match(text, end, line_end) is not None


def _header_zero(ctx: Context) -> Iterator[Hit]:
    line = ctx.doc.header.date_line
    if line is None or line.blank or not line.day or not line.month or line.date is None:
        return
    problems: list[tuple[str, str]] = []
    if line.day < 10 and line.day_text and len(line.day_text) == 1:
        problems.append(("ngày nhỏ hơn 10 phải ghi thêm số 0", "a day below 10 needs a leading zero"))
    if line.month <= 2 and line.month_text and len(line.month_text) == 1:
        problems.append(("tháng 1, 2 phải ghi thêm số 0", "months 1 and 2 need a leading zero"))
    if not problems:
        return
    suggestion = re.sub(
        r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}",
        f"ngày {line.day:02d} tháng {line.month:02d}"
        if line.month <= 2
        else f"ngày {line.day:02d} tháng {line.month}",
        line.raw,
        flags=re.I,
    )
    yield Hit(
        line.start,
        line.end,
        {
            "text": line.raw,
            "problem": "; ".join(p for p, _ in problems),
            "problem_en": "; ".join(e for _, e in problems),
            "suggestion": suggestion,
        },
        severity="warning",
        variant="header",
        fix=suggestion,
    )


# -- TT090 (mixed tone placement) ---------------------------------------------------------------------
# Old (tone on the first vowel) → new style (on the second), open syllables with oa, oe, uy: the pairs
# where the hunspell-vi DauCu and DauMoi dictionaries differ (rules/lexicon/tones.toml, words).
@from_rule_data
def _tone_words_tables() -> tuple[dict[str, str], dict[str, str], int]:
    """(old → new, new → old, length of the longest word)."""
    old_to_new = load_lexicon().tones.old_to_new()
    new_to_old = {new: old for old, new in old_to_new.items()}
    return old_to_new, new_to_old, max(len(w) for w in (*old_to_new, *new_to_old))


# Every word of either table ends in its toned vowel pair: find the pairs (each pattern starts with a
# character class, so the scan runs in C) and read the word back from there, instead of every word.
# A pair followed by a letter is inside its word ("hoạt", "thuyết"): the lookahead leaves out those
# followed by a letter of Vietnamese text (most of the pairs found), `_tone_words` still checks the rest.
_LETTER_NEXT = "(?![a-zđăâêôơư\u00e0-\u00f6\u00f8-\u00ff\u1ea0-\u1ef9])"
_OLD_PAIR = re.compile("[òóỏõọùúủũụ][aey]" + _LETTER_NEXT)  # a superset of old-style pairs; the tables decide
_NEW_PAIR = re.compile("[ou][àáảãạèéẻẽẹỳýỷỹỵ]" + _LETTER_NEXT)


@from_rule_data
def _table_pairs() -> re.Pattern[str]:
    """The pairs of `_OLD_PAIR` and `_NEW_PAIR` that end a word of the tables, in one pattern: "ủa"
    (of "của", the most common word) ends none, and reading a word back from each was most of TT090.
    Two pairs never overlap (a pair's second letter is never a first one), so one scan finds both."""
    old_to_new, new_to_old, _ = _tone_words_tables()
    tails = {w[-2:] for w in (*old_to_new, *new_to_old)}
    pairs = sorted(p for p in tails if _OLD_PAIR.match(p + " ") or _NEW_PAIR.match(p + " "))
    return re.compile("(?:" + "|".join(map(re.escape, pairs)) + ")" + _LETTER_NEXT)


def _tone_words(lower: str) -> list[tuple[int, str]]:
    """(start, word) of every whole word ending in a toned oa/oe/uy pair, in text order."""
    longest = _tone_words_tables()[2]
    out = []
    for regex in (_table_pairs(),):
        for m in regex.finditer(lower):
            end = m.end()
            if end < len(lower) and lower[end].isalpha():
                continue  # "hoạt", "thuyết": the pair is not the end of the word
            start = m.start()
            while start > 0 and lower[start - 1].isalpha() and end - start <= longest:
                start -= 1
            out.append((start, lower[start:end]))
    out.sort()
    return out


@rule(
    "TT090",
    name="mixed-tone-placement",
    severity="info",
    summary_vi="Trộn hai kiểu đặt dấu thanh (hòa/hoà, thủy/thuỷ) trong cùng một văn bản",
    summary_en="Old and new tone-mark placement (hòa/hoà, thủy/thuỷ) mixed in one document",
    message_vi="\"{form}\" đặt dấu kiểu {style} ({count} lần) trong khi văn bản chủ yếu đặt dấu kiểu {major} ({major_count} chữ); nên viết \"{other}\" cho thống nhất",
    message_en="\"{form}\" uses the {style_en} tone placement ({count}×) while the text mostly uses the {major_en} one ({major_count} words); write \"{other}\" for consistency",
    explanation="""
Với vần oa, oe, uy không có phụ âm cuối, dấu thanh có thể đặt theo kiểu cũ (hòa, khỏe, thủy) hoặc kiểu
mới (hoà, khoẻ, thuỷ). Cả hai đều được chấp nhận (văn bản pháp luật vẫn dùng kiểu cũ; Quyết định
1989/QĐ-BGDĐT dùng kiểu mới cho sách giáo khoa), nhưng trong một văn bản nên dùng một kiểu. Quy tắc chỉ
báo các chữ thuộc kiểu ít dùng hơn trong văn bản, mỗi dạng một lần.
""",
    bad="Ủy ban nhân dân ... hoà nhập ... Cộng hòa",
    good="Ủy ban nhân dân ... hòa nhập ... Cộng hòa",
)
def check_mixed_tone_placement(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    first: dict[str, int] = {}
    starts: dict[str, list[int]] = {}
    counts: Counter[str] = Counter()
    style: dict[str, str] = {}
    old_to_new, new_to_old, _ = _tone_words_tables()
    for start, word in _tone_words(ctx.lowered):
        if word in old_to_new:
            style[word] = "old"
        elif word in new_to_old:
            style[word] = "new"
        else:
            continue
        counts[word] += 1
        first.setdefault(word, start)
        starts.setdefault(word, []).append(start)
    old_total = sum(n for w, n in counts.items() if style[w] == "old")
    new_total = sum(n for w, n in counts.items() if style[w] == "new")
    if not old_total or not new_total:
        return  # either style alone is fine
    minority = "new" if new_total < old_total else "old"
    for word, start in sorted(first.items(), key=lambda kv: kv[1]):
        if style[word] != minority:
            continue
        other_lower = new_to_old[word] if minority == "new" else old_to_new[word]
        form = text[start : start + len(word)]
        other = _same_case(form, other_lower)
        # one finding per word, but the fix is for every occurrence: a second --fix must change nothing
        also_fix = tuple(
            (s, s + len(word), _same_case(text[s : s + len(word)], other_lower)) for s in starts[word][1:]
        )
        old_vi, new_vi, old_en, new_en = "cũ (hòa, thủy)", "mới (hoà, thuỷ)", "old (hòa, thủy)", "new (hoà, thuỷ)"
        yield Hit(
            start,
            start + len(word),
            {
                "form": form,
                "count": counts[word],
                "other": other,
                "style": new_vi if minority == "new" else old_vi,
                "style_en": new_en if minority == "new" else old_en,
                "major": old_vi if minority == "new" else new_vi,
                "major_en": old_en if minority == "new" else new_en,
                "major_count": old_total if minority == "new" else new_total,
            },
            fix=other,
            also_fix=also_fix,
        )


def _same_case(form: str, word: str) -> str:
    """`word` (lower case) written in the case of `form`: all capitals, a capital first, or lower."""
    if form.isupper():
        return word.upper()
    if form[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# The rules of this module: the engine registers exactly these (checker/categories.py names the module).
RULES = [
    check_doubled_words,  # TT001
    check_punctuation_spacing,  # TT002
    check_unbalanced,  # TT003
    check_mixed_quotes,  # TT004
    check_abbreviation_variants,  # TT005
    check_percent_spacing,  # TT006
    check_split_number,  # TT007
    check_date_format,  # TT010
    check_mixed_tone_placement,  # TT090
]
