"""Structure rules (VB): required parts, placeholders, numbering, footnotes, signer, announced annexes, and
what ingest learnt about the file itself (VB090: a legacy font encoding converted)."""

from __future__ import annotations

import bisect
import dataclasses
import heapq
import re
import sys
from collections.abc import Iterator

from checker.context import Context
from checker.document import BLANK_FORM, SUPERSCRIPT_DIGITS, without_marks
from checker.engine import Hit, rule
from checker.model import Section
from checker.ruledata import locate_parts
from checker.scan import anchors, finditer_at, line_windows, literal_starts, occurrences


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end


def _first_line_start(text: str) -> int:
    """Offset of the first non-blank line (a hit about the whole header points there)."""
    m = re.search(r"\S", text)
    return text.rfind("\n", 0, m.start()) + 1 if m else 0


# -- VB001 ----------------------------------------------------------------------------------------
# VB001's examples: a whole short report, without and with its recipients
_EXAMPLE_HEAD = (
    "UBND HUYỆN ĐỒNG MAI\nSố: 12/BC-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Đồng Mai, ngày 05 tháng 12 năm 2023\n\nBÁO CÁO\nTình hình thực hiện nhiệm vụ năm 2023\n\nI. KẾT QUẢ\n\n"
    "Huyện đã hoàn thành các chỉ tiêu.\n\nII. HẠN CHẾ\n\nTiến độ còn chậm.\n\nIII. NHIỆM VỤ NĂM 2024\n\n"
    "Tiếp tục thực hiện./.\n\n"
)


@rule(
    "VB001",
    name="missing-part",
    severity="warning",
    summary_vi="Thiếu thành phần bắt buộc của báo cáo (theo mẫu trong rules/templates)",
    summary_en="A required part of the report is missing (per the template in rules/templates)",
    message_vi="Thiếu thành phần \"{part}\" của {template}; bổ sung {part}",
    message_en="Missing required part \"{part}\" ({template}); add it",
    variants={
        "header": (
            "Không thấy phần đầu văn bản: {part} (có thể đã mất khi chuyển từ Word/PDF sang văn bản); kiểm tra bản gốc và bổ sung nếu thiếu",
            "Header parts not found: {part} (possibly lost when converting from Word/PDF); check the original",
        ),
        "optional": (
            "Không có phần \"{part}\" ({template}); phần này không bắt buộc: bổ sung nếu văn bản có nội dung này",
            "No \"{part}\" part ({template}); it is optional: add it if the document has such content",
        ),
        "end_missing": (
            "Văn bản dừng trước phần cuối (không có {part}): có thể chỉ là một đoạn trích hoặc một trang; kiểm tra bản đầy đủ",
            "The text stops before its end (no {part}): possibly an excerpt or one page; check the full document",
        ),
        "excerpt": (
            "Văn bản không có phần đầu và phần cuối (chỉ có các phần nội dung đánh số): có thể là một đoạn trích; "
            "kiểm tra bản đầy đủ",
            "The text has neither header nor closing (only numbered body parts): possibly an excerpt; check the full document",
        ),
    },
    explanation="""
Mỗi loại báo cáo có các thành phần bắt buộc: thể thức theo Nghị định 30/2020/NĐ-CP (văn bản nhà nước)
hoặc Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW (văn bản của Đảng): tên cơ quan, số và ký hiệu, địa
danh và ngày tháng, tên loại và trích yếu, nơi nhận (có "Lưu: VT"), chức vụ và họ tên người ký; và các
phần nội dung theo mẫu báo cáo (kết quả, hạn chế và nguyên nhân, nhiệm vụ giải pháp…). Mẫu được chọn
theo tiêu đề và cơ quan ban hành (xem rules/templates, đổi bằng --template). Phần đầu văn bản hay bị mất
khi chuyển từ Word sang văn bản thuần, nên các phần đầu bị thiếu được gộp thành một cảnh báo có ghi chú.
""",
    bad=_EXAMPLE_HEAD + "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLê Văn Khải",
    good=_EXAMPLE_HEAD + "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT.\n\n" + "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLê Văn Khải",
)
def check_required_parts(ctx: Context) -> Iterator[Hit]:
    if ctx.doc.excerpt:
        # the body of a document without its header or end: one info, and no other structure finding
        anchor = _first_line_start(ctx.text)
        yield Hit(anchor, _line_end(ctx.text, anchor), {"part": "", "template": ctx.template.name}, severity="info", variant="excerpt")
        return
    if not ctx.doc.is_document or ctx.doc.annex_of:
        return  # VB007 says once that the text is not read as a document; an annex's frame is its parent's
    template = ctx.template
    text = ctx.text
    lines = ctx.src.lines  # each line sliced when read: text.split("\n") copied the whole text
    last_line_start = ctx.src.line_span(len(lines) - 1)[0]
    found = locate_parts(lines, template, ctx.doc.kind, fields_present(ctx))
    parts = {p.id: p for p in template.parts}
    missing = [parts[pid] for pid, idx in found.items() if idx is None]
    if ctx.doc.end_missing:
        # an excerpt or one page of a scan: one finding that the end is missing, not one per part
        cut = [p for p in missing if not p.header_part and p.where != "header"]
        missing = [p for p in missing if p.header_part or p.where == "header"]
        if cut:
            anchor = last_line_start
            names = ", ".join(dict.fromkeys(p.name for p in cut if p.id in ("noi_nhan", "luu", "chu_ky"))) or "chữ ký"
            yield Hit(anchor, _line_end(text, anchor), {"part": names, "template": template.name}, severity="info", variant="end_missing")
    if ctx.doc.header.draft:
        # a draft ("DỰ THẢO") gets its number when it is issued
        missing = [p for p in missing if p.header_field != "number"]
    if any(p.id == "noi_nhan" for p in missing):
        # "Lưu" is a line of Nơi nhận: with the whole list missing it is one defect, not two
        missing = [p for p in missing if p.id != "luu"]
    # Parts of the two-column header table go missing together when Word becomes text: one warning.
    header_missing = [p for p in missing if p.header_part]
    if header_missing:
        anchor = _first_line_start(text)
        severity = max((p.severity for p in header_missing), key=["info", "warning", "error"].index)
        names = "; ".join(p.name for p in header_missing)
        yield Hit(anchor, _line_end(text, anchor), {"part": names, "template": template.name}, severity=severity, variant="header")  # type: ignore[arg-type]
    for part in missing:
        if part.header_part:
            continue
        if part.where == "end" or part.id in ("noi_nhan", "luu", "chu_ky"):
            anchor = ctx.doc.body_end if ctx.doc.body_end < len(text) else last_line_start
        else:
            anchor = _first_line_start(text)
        anchor = min(anchor, len(text))
        variant = "optional" if part.severity == "info" else None
        yield Hit(anchor, _line_end(text, anchor), {"part": part.name, "template": template.name}, severity=part.severity, variant=variant)


def fields_present(ctx: Context) -> dict[str, int]:
    """Header and closing fields the document model found, by line (template parts' header_field)."""
    doc = ctx.doc
    h = doc.header
    text = ctx.text

    def line_of(offset: int) -> int:
        return text.count("\n", 0, offset)

    spans: dict[str, int | None] = {
        "motto": 0 if h.national_motto else None,
        "party_motto": 0 if h.party_motto else None,
        "issuer": h.issuer_span.start if h.issuer_span else None,
        "number": h.number.start if h.number else None,
        "date_line": h.date_line.start if h.date_line else None,
        "type_line": h.doc_type_span.start if h.doc_type_span else None,
        "subject_line": h.subject_span.start if h.subject_span else None,
        "addressee": h.addressee_span.start if h.addressee_span else None,
        "recipients": doc.recipients.start if doc.recipients else None,
        "archive": doc.recipients.start if doc.recipients and doc.recipients.has_archive else None,
        "signer": doc.signer.start if doc.signer else None,
    }
    return {name: line_of(at) for name, at in spans.items() if at is not None}


# -- VB007 ----------------------------------------------------------------------------------------
@rule(
    "VB007",
    name="not-a-document",
    severity="info",
    summary_vi="Văn bản không có thể thức của văn bản hành chính (bài báo, trang web): không kiểm tra thành phần",
    summary_en="The text has no administrative frame (a news article, a web page): its parts are not checked",
    message_vi="Không đọc tệp này như một văn bản hành chính: không có Quốc hiệu, số và ký hiệu, tên loại hay khối chữ ký; chỉ kiểm tra nội dung",
    message_en="Not read as an administrative document: no national title, number, type line or signature block; only the content is checked",
    explanation="""
Một văn bản hành chính (Nghị định 30/2020/NĐ-CP; văn bản của Đảng theo Hướng dẫn 36-HD/VPTW) có
Quốc hiệu hoặc tiêu đề "ĐẢNG CỘNG SẢN VIỆT NAM", số và ký hiệu, tên loại (hoặc dòng "V/v" của công
văn), nơi nhận và khối chữ ký. Một bài báo hay một trang web nói về báo cáo không có những phần đó: công
cụ báo một lưu ý và không kiểm tra các thành phần văn bản (VB); các quy tắc về số liệu, trích dẫn, ngày
tháng và chính tả vẫn chạy.
""",
    bad="Sáng 12/5, UBND tỉnh tổ chức hội nghị sơ kết ... (bài báo, không có số, tên loại, chữ ký)",
    good="ỦY BAN NHÂN DÂN TỈNH X\nSố: 12/BC-UBND\nBÁO CÁO\n...",
)
def check_not_a_document(ctx: Context) -> Iterator[Hit]:
    if ctx.doc.is_document or ctx.doc.excerpt:
        return  # an excerpt of a document gets VB001's one excerpt info instead
    anchor = _first_line_start(ctx.text)
    yield Hit(anchor, _line_end(ctx.text, anchor), {})


# -- VB002 ----------------------------------------------------------------------------------------
# A blank document number in running text: "Báo cáo số: /BC- BDT", "Số /BC-UBND".
# (The word-start lookbehinds sit after the first letter throughout this module: a pattern that
# starts with a literal or a class lets `re` skip to candidates in C, one that starts with \b cannot.)
_BLANK_NUMBER = re.compile(r"[Ss](?<!\w[Ss])ố\s*:?[ \t]*(?=/[ \t]?[A-ZĐ])/[ \t]?[A-ZĐ][\wĐđ]*(?:[ \t]?-[ \t]?[A-ZĐ][\wĐđ]*)?")
# "ngày /12/2023", "ngày …/…/2023", "ngày   tháng 12 năm 2023", "ngày .... tháng"
_BLANK_DATE = re.compile(
    r"ngày(?<!\wngày)[ \t]*(?:/[ \t]*\d{1,2}[ \t]*/[ \t]*(?:19|20)\d{2}|(?:…+|\.{2,}|_{2,})[ \t]*(?:/|tháng)"
    r"|[ \t]tháng[ \t]+\d{1,2}[ \t]+năm[ \t]+(?:19|20)\d{2})"
)
# "Số: …/BC-UBND", "tháng …/năm" — an ellipsis closing a sentence ("trong năm...") is not a blank
_BLANK_FIELD = re.compile(
    r"^[ \t]*Số[ \t]*:?[ \t]*(?:…+|\.{3,}|_{3,})|\b(?:tháng|năm)[ \t]*(?:…+|\.{3,}|_{3,})[ \t]*(?:/|năm\b)", re.MULTILINE
)
_DOTS = re.compile(r"…|\.\.\.|___")
_DOTS_LITERALS = ("…", "...", "___")  # the branches of `_DOTS`


def _dots_starts(text: str) -> Iterator[int]:
    """The starts of `_DOTS.finditer(text)`, in order, each of its three literals found by `str.find` (an
    alternation of literals is a class scan, tested at every character of the text: 0.63 → 0.33 ms on
    the five seeds). The three share no character, so their matches never overlap one another; they
    are merged as they come (a blank form is dots from end to end: a list of them was 12 bytes a dot)."""
    return heapq.merge(*(_literal_runs(text, literal) for literal in _DOTS_LITERALS))


def _literal_runs(text: str, literal: str) -> Iterator[int]:
    """The starts of `literal`'s non-overlapping occurrences in `text`, left to right."""
    at = text.find(literal)
    while at >= 0:
        yield at
        at = text.find(literal, at + len(literal))


# Where `_BLANK_FIELD` can start: its first branch at a line start (`^`), its second at a "tháng" or a
# "năm" (`\b` before them); led by `^` and `\b`, the pattern was tried at every character of the lines
# holding dots (a paragraph with an ellipsis: 0.72 ms on the five seeds)
_BLANK_FIELD_WORDS = ("tháng", "năm")


def _blank_field_starts(text: str, windows: list[tuple[int, int]]) -> list[int]:
    """Sorted offsets in `windows` (whole lines) where `_BLANK_FIELD` can match: every place it does."""
    out: list[int] = []
    for start, end in windows:
        at = start
        while at >= 0:  # the line starts of the window
            out.append(at)
            at = text.find("\n", at, end)
            at = at + 1 if at >= 0 and at + 1 < end else -1
        for word in _BLANK_FIELD_WORDS:
            at = text.find(word, start, end)
            while at >= 0:
                out.append(at)
                at = text.find(word, at + 1, end)
    out.sort()
    return out
# Leader dots standing for text to fill anywhere ("Kính gửi: ……", "UBND XÃ ……", "- Lưu: VT, ……"): a run
# worth five dots or more (an ellipsis counts three), so that a sentence's own ellipsis and full stop
# ("…." or "....") is none.
_DOT_RUN = re.compile(r"[.…]{2,}")
_DOT_RUN_WEIGHT = 5
_PAGE_NUMBER_AFTER = re.compile(r"[ \t]*\d+[ \t]*$", re.MULTILINE)


# The "ĐẾN" stamp a receiving office puts on a document it gets (NĐ 30/2020 Phụ lục IV): "Số: … Ngày: …
# Chuyển: … Số và ký hiệu HS: …". A scan of a received copy shows it; its dots are the receiver's to fill.
_RECEIVED_STAMP = re.compile(r"Số\s+và\s+k[ýỷ]\s+hiệu\s+HS\s*:?\s*$|Lưu\s+hồ\s+sơ\s+số\s*:?\s*$|Chuyển\s*:\s*$")


def _dot_blanks(text: str, windows: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The first blank of leader dots on each line that has words of its own: a line of dots alone
    marks text left out of a quotation, and dots before a page number are a table of contents."""
    done_line = -1
    for w_start, w_end in windows:
        for m in _DOT_RUN.finditer(text, w_start, w_end):
            run = m.group()
            if run.count(".") + 3 * run.count("…") < _DOT_RUN_WEIGHT:
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            if line_start == done_line:
                continue
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
            if _PAGE_NUMBER_AFTER.match(text, m.end()):
                continue
            if not any(ch.isalpha() for ch in text[line_start : m.start()] + text[m.end() : line_end]):
                continue
            if _RECEIVED_STAMP.search(text, max(line_start, m.start() - 40), m.start()):
                continue  # a field of the receiving office's "ĐẾN" stamp, filled (or not) by its văn thư
            done_line = line_start
            yield line_start, m.end()
_TEMPLATE_TEXT = re.compile(
    r"\[(?:tên|ghi|điền|số|họ|địa|chức|ngày|nội\s+dung)[^\]\n]{0,40}\]|<(?:tên|ghi|điền|họ)[^>\n]{0,40}>|x(?<![\w.]x)xx+(?![\w])"
    # upper-case XXX is also the Roman numeral 30 ("khóa XXX"): only as a number in a symbol
    r"|X(?<![\w.]X)XX+(?=[ \t]?[/-])"
    # (every branch led by a character, the lookbehinds after it: `re` skips to "[", "<", "x", "X" in C;
    # a branch led by a lookbehind had the whole pattern tried at every character, ~8 ms on the seeds)
)


@rule(
    "VB002",
    name="placeholder",
    severity="warning",
    summary_vi="Còn chỗ trống hoặc chữ giữ chỗ chưa điền (số văn bản, ngày, [tên cơ quan], xxx)",
    summary_en="An unfilled blank or placeholder (document number, date, [name], xxx)",
    message_vi="Chưa điền: \"{found}\"; điền {what} trước khi ban hành",
    message_en="Unfilled: \"{found}\"; fill in the {what_en} before issuing",
    explanation="""
Bản thảo thường để trống số văn bản ("Số: /BC-BDT") và ngày ký ("ngày   tháng 12 năm 2023") để văn thư
điền khi đăng ký phát hành; bản gửi đi thì phải điền đủ. Số và ngày để trống ở phần đầu là lưu ý
(việc của văn thư); chữ giữ chỗ của mẫu ("[tên cơ quan]", "xxx") là cảnh báo.
""",
    bad="Số: /BC-BDT\nBắc Giang, ngày   tháng 12 năm 2023",
    good="Số: 125/BC-BDT\nBắc Giang, ngày 15 tháng 12 năm 2023",
)
def check_placeholders(ctx: Context) -> Iterator[Hit]:
    if not ctx.doc.is_document:
        return  # not an administrative document: VB007 says so once
    if ctx.doc.annex_of and ctx.doc.annex_of != BLANK_FORM:
        # an annex or a form of another text: its dotted lines are the form's blanks to fill in use (a
        # blank statistical form sent alone keeps its one VB002 that the figures are still to fill)
        return
    text = ctx.text
    # A blank field needs dots, an ellipsis or underscores; template text needs a bracket or xxx.
    # Most reports have none of either: two cheap scans instead of two slow patterns.
    dot_lines = line_windows(text, _dots_starts(text))
    # a law, decree or circular prints its forms after the signer: their blanks are the forms', to fill in use
    # (the closing's end: its signer, or its Nơi nhận list when the signer block is not read, as in a PDF
    # whose text layer runs the two closing columns apart)
    signer = ctx.doc.signer
    recipients = ctx.doc.recipients
    closing = signer if signer is not None else recipients
    forms_from = closing.end if closing is not None and ctx.template.id == "van-ban-qppl" else len(text) + 1
    has_dots = bool(dot_lines)
    # a slip's opinion cells, under its type line, are dotted lines its readers fill after it is sent
    # (rules/templates: filled_after_sending); a blank in its header is still the drafter's to fill
    type_span = ctx.doc.header.doc_type_span
    filled_from = type_span.end if ctx.template.filled_after_sending and type_span is not None else len(text) + 1
    dots_from = min(forms_from, filled_from)
    has_template = "[" in text or "<" in text or "xxx" in ctx.folded
    seen: list[tuple[int, int]] = []

    def fresh(start: int, end: int) -> bool:
        if any(s < end and start < e for s, e in seen):
            return False
        seen.append((start, end))
        return True


    # A scan is of a sent document: its number and day, written by hand or stamped, are lost by OCR or
    # read as stray marks ("Số: 6ÉÉ/TB-…", "ngày,2/Ƒtháng"), so an empty-looking field there is no blank
    # (VB091 says the text is OCR); a scan's dotted lines are still reported.
    fields = ctx.src.encoding != "ocr"
    number = ctx.doc.header.number
    if fields and number is not None and number.blank and fresh(number.start, number.end):
        args = {"found": number.raw, "what": "số văn bản", "what_en": "document number"}
        yield Hit(number.start, number.end, args, severity="info")
    date_line = ctx.doc.header.date_line
    if fields and date_line is not None and date_line.blank and fresh(date_line.start, date_line.end):
        args = {"found": date_line.raw, "what": "ngày ký văn bản", "what_en": "signing date"}
        yield Hit(date_line.start, date_line.end, args, severity="info")
    for regex, what, what_en, severity in (
        (_BLANK_NUMBER if fields else None, "số văn bản", "document number", "info"),
        (_BLANK_DATE if fields else None, "ngày tháng", "date", "info"),
        (_BLANK_FIELD if has_dots else None, "số liệu còn trống", "blank", "warning"),
        (_TEMPLATE_TEXT if has_template else None, "nội dung thật thay cho chữ giữ chỗ", "real text", "warning"),
    ):
        if regex is None:
            continue
        for m in _placeholder_matches(ctx, regex, dot_lines):
            if m.start() > (dots_from if regex is _BLANK_FIELD else forms_from) or ctx.in_table(m.start()) or not fresh(m.start(), m.end()):
                continue
            found = re.sub(r"\s+", " ", m.group()).strip()
            yield Hit(m.start(), m.end(), {"found": found, "what": what, "what_en": what_en}, severity=severity)  # type: ignore[arg-type]
    # Leader dots anywhere: a form to fill has dozens, so one finding at the first, with their count.
    blanks: list[tuple[int, int, int]] = []
    for line_start, end in _dot_blanks(text, dot_lines):
        start = end - 1
        while start > line_start and text[start - 1] in ".…":
            start -= 1
        if start < dots_from and not ctx.in_table(start) and fresh(start, end):
            blanks.append((line_start, start, end))
    if blanks:
        line_start, start, end = blanks[0]
        lead = max(line_start, start - 24)
        while lead > line_start and lead < start and text[lead - 1].isalnum():
            lead += 1  # not from the middle of a word
        found = re.sub(r"\s+", " ", text[lead:end]).strip()
        more = len(blanks) - 1
        args = {
            "found": found,
            "what": "nội dung còn để trống" + (f" (và {more} dòng khác còn chuỗi chấm để điền)" if more else ""),
            "what_en": "blank" + (f" (and {more} more lines with dots to fill)" if more else ""),
        }
        yield Hit(start, end, args, severity="warning")


# "Số" led by a letter of every other word: `_BLANK_NUMBER` is tried only where the lower-cased text has
# "số" at a word start (a literal search in C), not at each "s" of the report
_BLANK_NUMBER_STARTS = anchors(["số"])


def _placeholder_matches(ctx: Context, regex: re.Pattern[str], dot_lines: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """`regex.finditer(ctx.text)` for VB002's patterns, each tried only where it can match."""
    if regex is _BLANK_FIELD:
        return finditer_at(regex, ctx.text, _blank_field_starts(ctx.text, dot_lines))
    if regex is _BLANK_NUMBER:
        return ctx.scan(regex, _BLANK_NUMBER_STARTS)
    if regex is _TEMPLATE_TEXT:
        return finditer_at(regex, ctx.text, _template_starts(ctx.text))
    return regex.finditer(ctx.text)


# What each branch of `_TEMPLATE_TEXT` starts with: led by a class of four characters, it was tried at
# every "x" of the report ("xã", "xây dựng") after a class test at every character (0.91 → 0.32 ms on
# the five seeds' text, though they have no bracket: a report with a "[" or a "<" is scanned)
_TEMPLATE_LEADS = ("[", "<", "xxx", "XXX")


def _template_starts(text: str) -> Iterator[int]:
    """Offsets, in order, where `_TEMPLATE_TEXT` can match: where one of its branches' leads occurs
    (merged as they come: a line of x's is an "xxx" at each of its characters)."""
    return heapq.merge(*(occurrences(text, lead) for lead in _TEMPLATE_LEADS))


# -- VB003 ----------------------------------------------------------------------------------------
_LETTERS = "abcdđeghiklmnopqrstuvxy"
_ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


def _label(style: str, numbers: list[int], sep: str) -> str:
    """How a number of this style is written, to name the expected or missing item."""
    n = numbers[-1]
    if style == "roman":
        return (_ROMAN[n] if n < len(_ROMAN) else str(n)) + sep
    if style == "letter":
        return (_LETTERS[n - 1] if 0 < n <= len(_LETTERS) else str(n)) + ")"
    if style == "part":
        return f"Phần {n}"
    if style == "criterion":
        return f"Tiêu chí {n}"
    return ".".join(str(x) for x in numbers) + (sep if sep in ".)" else "")


@rule(
    "VB003",
    name="numbering",
    severity="warning",
    summary_vi="Đánh số đề mục không liên tục, trùng, lùi lại, lẫn kiểu, hoặc mục con không thuộc mục cha",
    summary_en="Section numbering has a gap, a duplicate, goes back, mixes styles, or a sub-number does not fit its parent",
    message_vi="Đánh số đề mục: sau \"{prev}\" là \"{token}\" (thiếu {missing}); đánh số lại cho liên tục",
    message_en="Numbering: \"{token}\" follows \"{prev}\" ({missing} missing); renumber",
    variants={
        "duplicate": ("Đề mục \"{token}\" bị trùng số với mục trước; đánh số lại", "Section \"{token}\" repeats the previous number; renumber"),
        "back": (
            "Đề mục \"{token}\" đứng sau \"{prev}\" (số lùi lại); kiểm tra thứ tự hoặc đánh số lại",
            "Section \"{token}\" follows \"{prev}\" (the numbering goes back); reorder or renumber",
        ),
        "mixed": (
            "Đề mục \"{token}\" dùng dấu \"{sep}\" trong khi các mục cùng cấp dùng \"{usual}\" (ví dụ \"{example}\"); thống nhất một kiểu",
            "Section \"{token}\" uses \"{sep}\" where its level uses \"{usual}\" (e.g. \"{example}\"); use one style",
        ),
        "parent": (
            "Mục \"{token}\" nằm dưới mục \"{parent}\": số mục con phải bắt đầu bằng {expected}; sửa số mục",
            "Sub-section \"{token}\" sits under \"{parent}\": it should start with {expected}",
        ),
        "criterion": (
            "Tiêu chí {n} đứng sau Tiêu chí {prev_n}: các tiêu chí phải theo thứ tự của bộ tiêu chí; sắp xếp lại",
            "Criterion {n} comes after criterion {prev_n}: keep the framework's order",
        ),
    },
    explanation="""
Đề mục mỗi cấp phải đánh số liên tục (I, II, III…; 1, 2, 3…; a, b, c, d, đ, e…), không trùng, không lùi,
cùng một kiểu dấu ở cùng cấp ("I." hoặc "I-", không lẫn), mục con thuộc đúng mục cha ("2.1" nằm dưới
"2."), và các tiêu chí tự chấm theo đúng thứ tự của bộ tiêu chí. Một danh sách bắt đầu lại từ 1 trong
cùng mục được coi là danh sách mới, không bị báo.
""",
    bad="BÁO CÁO\nI. KẾT QUẢ\n1. Tuyên truyền\n2. Cải cách hành chính\n2.1. Kiểm tra\n3.2. Tiếp dân\n5. Dân chủ cơ sở",
    good="BÁO CÁO\nI. KẾT QUẢ\n1. Tuyên truyền\n2. Cải cách hành chính\n2.1. Kiểm tra\n2.2. Tiếp dân\n3. Dân chủ cơ sở",
)
def check_numbering(ctx: Context) -> Iterator[Hit]:
    if not ctx.doc.is_document:
        return  # not an administrative document: VB007 says so once
    if ctx.doctype is not None and not ctx.doctype.own_outline:
        return  # articles, annexes and quoted clauses restart their numbering (rules/kinds.toml)
    quoted = _quotations(ctx.text)
    yield from _check_siblings(ctx.doc.sections, None, quoted, _annex_cuts(ctx), ctx.text)
    yield from _check_mixed(ctx.doc.iter_sections())
    yield from _check_criteria(ctx)


# A quotation that runs over several paragraphs ("Khoản 2 Điều 35 Nghị định … quy định: “2. … 3. …”")
# carries the quoted text's own numbering. Longer than this, an opening mark is a stray one.
_QUOTATION_CHARS = 6000


def _quotations(text: str) -> list[tuple[int, int]]:
    """Spans from an opening “ to its closing ” when the quotation spans more than one paragraph."""
    spans: list[tuple[int, int]] = []
    at = text.find("“")
    while at >= 0:
        close = text.find("”", at + 1)
        if close < 0:
            break
        if close - at <= _QUOTATION_CHARS and "\n" in text[at:close] and "“" not in text[at + 1 : close]:
            spans.append((at, close))
        at = text.find("“", close + 1)
    return spans


# An annex's own heading ("PHỤ LỤC 2", "Phụ lục II") on a line of its own, after the document's closing.
_ANNEX_HEADING = re.compile(r"^[ \t]*(?:PHỤ[ \t]+LỤC|Phụ[ \t]+lục)(?:[ \t]+(?:số[ \t]+)?[0-9IVXL]{1,5}[a-z]?)?[ \t]*[.:]?[ \t]*$", re.M)


def _annex_cuts(ctx: Context) -> list[int]:
    """Where the document's body ends and where each annex after it begins: the annexes after the
    closing number their own lists (a legend may go on from the previous annex's numbers), so a run of
    headings does not go on across these points."""
    end = ctx.doc.body_end
    if not end or end >= len(ctx.text):
        return []
    return [end] + [m.start() for m in _ANNEX_HEADING.finditer(ctx.text, end)]


# "18a, 18b, 18c. Chức vụ …": item 18 written as sub-letters, not a missing 18.
def _lettered(text: str, number: int) -> re.Pattern[str]:
    return re.compile(rf"^[ \t]*{number}[a-zđ]\b", re.M)


def _quoted(start: int, quoted: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(quoted, (start, sys.maxsize)) - 1  # the last quotation opening at or before start
    return i >= 0 and start <= quoted[i][1]


def _check_siblings(
    nodes: list[Section], parent: Section | None, quoted: list[tuple[int, int]], cuts: list[int], text: str
) -> Iterator[Hit]:
    # Lists with another style or separator under one parent are separate runs ("1." headings and
    # "1)" items); a run restarting at 1 is a new list, not an error. Headings inside a quotation
    # number the quoted text, not this document: they take no part in the runs. The body and each
    # annex after the closing (cuts) hold runs of their own.
    last: dict[tuple[str, str, int], Section] = {}
    for node in nodes:
        if quoted and _quoted(node.start, quoted):
            yield from _check_siblings(node.children, node, quoted, cuts, text)
            continue
        if node.style != "criterion":
            key = (node.style, node.separator if node.style in ("arabic", "letter") else "", bisect.bisect_right(cuts, node.start))
            prev = last.get(key)
            n = node.numbers[-1]
            if prev is not None and n != 1:
                p = prev.numbers[-1]
                args = {"token": node.token, "prev": prev.token}
                if n == p:
                    yield Hit(node.start, _head_end(node), args, variant="duplicate")
                elif n < p:
                    yield Hit(node.start, _head_end(node), args, variant="back")
                elif n > p + 1:
                    between = text[prev.start : node.start]
                    gaps = [k for k in range(p + 1, n) if not (node.style == "arabic" and _lettered(between, k).search(between))]
                    missing = ", ".join(_label(node.style, node.numbers[:-1] + [k], node.separator) for k in gaps)
                    if gaps:
                        yield Hit(node.start, _head_end(node), {**args, "missing": missing})
            last[key] = node
            if (
                parent is not None
                and node.style.startswith("arabic")
                and len(node.numbers) > 1
                and parent.style.startswith("arabic")
                and len(parent.numbers) == len(node.numbers) - 1
                and node.numbers[:-1] != parent.numbers
            ):
                expected = ".".join(str(x) for x in parent.numbers) + "."
                yield Hit(node.start, _head_end(node), {"token": node.token, "parent": parent.token, "expected": f"\"{expected}\""}, variant="parent")
        yield from _check_siblings(node.children, node, quoted, cuts, text)


def _head_end(node: Section) -> int:
    return node.start + len(node.token)


def _check_mixed(flat: list[Section]) -> Iterator[Hit]:
    """Roman headings of one document use one separator (`I.` or `I-`): the minority is reported."""
    romans = [s for s in flat if s.style == "roman"]
    counts: dict[str, int] = {}
    for s in romans:
        counts[s.separator] = counts.get(s.separator, 0) + 1
    if len(counts) < 2:
        return
    usual = max(counts, key=lambda k: (counts[k], -min(i for i, s in enumerate(romans) if s.separator == k)))
    example = next(s.token for s in romans if s.separator == usual)
    for s in romans:
        if s.separator != usual:
            yield Hit(s.start, _head_end(s), {"token": s.token, "sep": s.separator, "usual": usual, "example": example}, variant="mixed")


def _check_criteria(ctx: Context) -> Iterator[Hit]:
    heads = [s for s in ctx.doc.iter_sections() if s.style == "criterion" or re.match(r"Tiêu\s+chí\s+\d", s.title, re.I)]
    heads = [s for s in heads if s.start < (ctx.doc.body_end or len(ctx.text))]
    best: Section | None = None
    for s in heads:
        n = s.criterion if s.criterion is not None else s.numbers[-1]
        if best is not None and best.criterion is not None and n < best.criterion:
            yield Hit(s.start, s.end, {"n": n, "prev_n": best.criterion, "token": s.token}, variant="criterion")
            continue
        if best is None or (best.criterion or 0) <= n:
            best = dataclasses.replace(s, criterion=n)


# -- VB004 ----------------------------------------------------------------------------------------
def _sup(n: int) -> str:
    return "".join(SUPERSCRIPT_DIGITS[int(d)] for d in str(n))


@rule(
    "VB004",
    name="footnotes",
    severity="warning",
    summary_vi="Chú thích (footnote): dấu chú thích không có nội dung, nội dung không có dấu, sai thứ tự, trùng số",
    summary_en="Footnotes: a marker without text, a text without marker, out of order, or two with one number",
    message_vi="Dấu chú thích {mark} không có nội dung chú thích tương ứng; bổ sung nội dung hoặc xóa dấu",
    message_en="Footnote marker {mark} has no footnote text; add the text or remove the marker",
    variants={
        "all_lost": (
            "Có {count} dấu chú thích ({first}…{last}) nhưng không thấy nội dung chú thích nào (có thể đã mất khi chuyển sang văn bản); kiểm tra bản gốc",
            "{count} footnote markers ({first}…{last}) but no footnote text at all (possibly lost in conversion); check the original",
        ),
        "markers_lost": (
            "Có {count} chú thích ({first}…{last}) nhưng không thấy dấu chú thích nào trong văn bản (có thể đã mất khi chuyển sang văn bản); kiểm tra bản gốc",
            "{count} footnote texts ({first}…{last}) but no marker in the text (possibly lost in conversion); check the original",
        ),
        "orphan_text": (
            "Chú thích {mark} không có dấu chú thích nào trong văn bản trỏ tới; thêm dấu {mark} vào chỗ cần chú thích hoặc xóa chú thích",
            "Footnote {mark} is not referenced by any marker; add the marker or remove the footnote",
        ),
        "order": (
            "Dấu chú thích {mark} đứng sau dấu {prev}: chú thích phải đánh số tăng dần theo thứ tự xuất hiện; đánh số lại",
            "Footnote marker {mark} comes after {prev}: number footnotes in order of appearance",
        ),
        "duplicate": (
            "Hai chú thích cùng số {mark}; đánh số lại cho mỗi chú thích một số",
            "Two footnotes numbered {mark}; give each its own number",
        ),
    },
    explanation="""
Mỗi dấu chú thích (¹, ², ⁽³⁾…) phải có đúng một nội dung chú thích cùng số, đánh số tăng dần theo thứ
tự xuất hiện. Khi văn bản có dấu chú thích mà không có nội dung chú thích nào, nhiều khả năng nội dung
đã mất khi chuyển từ Word sang văn bản: chỉ báo một lưu ý.
""",
    bad="BÁO CÁO\nBan đã ban hành Kế hoạch¹ và Quyết định³.\n¹ Kế hoạch số 33/KH-BDT ngày 14/01/2023.",
    good="BÁO CÁO\nBan đã ban hành Kế hoạch¹ và Quyết định².\n¹ Kế hoạch số 33/KH-BDT ngày 14/01/2023.\n² Quyết định số 42/QĐ-BDT ngày 17/4/2023.",
)
def check_footnotes(ctx: Context) -> Iterator[Hit]:
    if not ctx.doc.is_document:
        return  # not an administrative document: VB007 says so once
    markers = ctx.doc.footnote_markers
    notes = ctx.doc.footnotes
    if not markers and not notes:
        return
    if markers and not notes:
        first, last = markers[0], markers[-1]
        args = {"count": len(markers), "first": _sup(first.number), "last": _sup(last.number)}
        yield Hit(first.start, first.end, args, severity="info", variant="all_lost")
        return
    if notes and not markers:
        # every marker gone (superscripts flattened to plain digits by a converter): one note, not N
        first_note, last_note = notes[0], notes[-1]
        args = {"count": len(notes), "first": _sup(first_note.number), "last": _sup(last_note.number)}
        yield Hit(first_note.start, min(first_note.end, first_note.start + 40), args, severity="info", variant="markers_lost")
        return
    note_numbers = [f.number for f in notes]
    marker_numbers = {m.number for m in markers}
    for m in markers:
        if m.number not in note_numbers:
            yield Hit(m.start, m.end, {"mark": _sup(m.number)})
    for f in notes:
        if f.number not in marker_numbers:
            yield Hit(f.start, min(f.end, f.start + 40), {"mark": _sup(f.number)}, variant="orphan_text")
    seen: set[int] = set()
    for f in notes:
        if f.number in seen:
            yield Hit(f.start, min(f.end, f.start + 40), {"mark": _sup(f.number)}, variant="duplicate")
        seen.add(f.number)
    # order of first appearance: a number referenced again later is not out of order
    highest = 0
    first_seen: set[int] = set()
    for m in markers:
        if m.number in first_seen:
            continue
        first_seen.add(m.number)
        if m.number < highest:
            yield Hit(m.start, m.end, {"mark": _sup(m.number), "prev": _sup(highest)}, variant="order")
        highest = max(highest, m.number)


# -- VB005 ----------------------------------------------------------------------------------------
# A deputy's title ends with the head's own title word (THỨ TRƯỞNG under KT. BỘ TRƯỞNG, PHÓ CHỦ TỊCH
# under KT. CHỦ TỊCH). OCR misreads such a line ("--U TRƯƠNG") or runs it into the Nơi nhận column
# beside it: a line just below that holds the word, marks aside, is the title misread.
_DEPUTY_LINES = 4


def _misread_deputy(text: str, after: int, head: str) -> bool:
    words = without_marks(head).upper().split()
    if not words:
        return False
    below = text[after:].split("\n")
    lines = [ln for ln in below[1 : 1 + 2 * _DEPUTY_LINES] if ln.strip()][:_DEPUTY_LINES]
    return any(re.search(rf"(?<!\w){re.escape(words[-1])}(?!\w)", without_marks(ln).upper()) for ln in lines)


@rule(
    "VB005",
    name="signer-block",
    severity="warning",
    summary_vi="Khối chữ ký thiếu họ tên người ký, hoặc ký thay (KT.) mà không ghi chức vụ cấp phó",
    summary_en="Signature block without the signer's name, or KT. without the deputy's title",
    message_vi="Khối chữ ký \"{title}\" không có họ tên người ký; ghi họ tên dưới chức vụ",
    message_en="Signature block \"{title}\" has no signer name; add the name under the title",
    variants={
        "deputy": (
            "Ký thay \"{title}\" nhưng không có dòng chức vụ của người ký thay (ví dụ \"PHÓ {head}\"); bổ sung chức vụ cấp phó",
            "\"{title}\" signs on behalf but no deputy title follows (e.g. \"PHÓ {head}\"); add it",
        )
    },
    explanation="""
Theo Nghị định 30/2020/NĐ-CP (Phụ lục I, Mục II.7) và Hướng dẫn 36-HD/VPTW: khối chữ ký gồm quyền hạn
(TM., KT., TL., TUQ., Q.; văn bản Đảng T/M, K/T, T/L), chức vụ, chữ ký và họ tên người ký. Khi ký thay
(KT. TRƯỞNG BAN), dòng dưới ghi chức vụ của người ký thay (PHÓ TRƯỞNG BAN), rồi đến họ tên.
""",
    bad="KT. TRƯỞNG BAN\n\nNguyễn Văn An",
    good="KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n\nNguyễn Văn An",
)
def check_signer(ctx: Context) -> Iterator[Hit]:
    if not ctx.doc.is_document:
        return  # not an administrative document: VB007 says so once
    if ctx.doc.annex_of:
        return  # a form's or an annex's signer block is filled by whoever uses it (or is its parent's)
    signer = ctx.doc.signer
    if signer is None:
        return
    title = " / ".join(signer.title_lines)
    first_end = _line_end(ctx.text, signer.start)
    if signer.authority in ("KT.", "K/T"):
        # the deputy's own title follows: PHÓ CHỦ TỊCH, THỨ TRƯỞNG, PHÓ TRƯỞNG BAN …
        rest = [t for t in signer.title_lines[1:] if not re.match(r"\s*(?:KT\.|K/T|TM\.|T/M|TL\.|T/L|TUQ\.)", t)]
        head = re.sub(r"^\s*(?:KT\.|K/T)\s*", "", signer.title_lines[0]).strip()
        if not rest and not (ctx.src.encoding == "ocr" and _misread_deputy(ctx.text, first_end, head)):
            yield Hit(signer.start, first_end, {"title": signer.title_lines[0].strip(), "head": head}, variant="deputy")
    if signer.name is None:
        # An excerpt cut just after the title (no Nơi nhận, at most a line after it) lost the name
        # with the rest; a complete closing, or one that text still follows, is missing its name.
        after = [ln for ln in ctx.text[signer.end :].split("\n") if ln.strip()]
        if ctx.doc.recipients is not None or len(after) >= 2:
            yield Hit(signer.start, signer.end, {"title": title})


# -- VB006 ----------------------------------------------------------------------------------------
_ANNOUNCED = re.compile(
    r"(?:\(\s*)?(?:[Cc]ó|[Gg]ửi|[Đđ]ính)\s+(?:kèm\s+(?:theo\s+)?)?(?P<what>(?:Phụ\s+lục|Biểu|Bảng(?:\s+tự)?\s+chấm\s+điểm)[^\n()]{0,30}?)\s+kèm\s+theo"
    r"|[Kk]èm\s+theo\s+(?P<what2>Phụ\s+lục\s*\w*|(?:Bảng|Biểu)\s+(?:tự\s+)?chấm\s+điểm)"
)
_ANNOUNCED_STARTS = anchors(["(", "có", "gửi", "đính", "kèm"], not_after="")
# its words, each found by a literal scan of the lower-cased text: `_ANNOUNCED_STARTS`, an alternation
# led by a class of five characters, entered the matcher at every "c", "g" and "k" of a report
_ANNOUNCED_WORDS = ("(", "có", "gửi", "đính", "kèm")


def _announcements(ctx: Context) -> Iterator[re.Match[str]]:
    """`_ANNOUNCED.finditer(ctx.text)`, tried only where one of its first words stands."""
    return finditer_at(_ANNOUNCED, ctx.text, literal_starts(ctx.lowered, _ANNOUNCED_WORDS))
_ANNEX_HEAD = re.compile(
    r"^\s*(?:PHỤ\s+LỤC|Phụ\s+lục\s+(?:số\s+)?[\dIVX]+\s*$|BẢNG\s+(?:TỰ\s+)?(?:CHẤM|ĐÁNH\s+GIÁ)|BIỂU\s+(?:TỰ\s+)?CHẤM|\(\s*Kèm\s+theo\s+Báo\s+cáo)",
    re.MULTILINE,
)


@rule(
    "VB006",
    name="announced-annex",
    severity="warning",
    summary_vi="Báo cáo ghi có phụ lục/bảng chấm điểm kèm theo nhưng không thấy trong tệp",
    summary_en="The report announces an annex or self-scoring table that is not in the file",
    message_vi="Báo cáo ghi \"{found}\" nhưng không thấy {what} trong tệp; đính kèm {what} hoặc sửa câu dẫn",
    message_en="The report says \"{found}\" but {what} is not in the file; attach it or fix the reference",
    variants={
        "body_only": (
            "Báo cáo ghi \"{found}\"; tệp chỉ có phần thân báo cáo (kết thúc ở khối chữ ký), {what} có thể ở tệp riêng; kiểm tra đã gửi kèm",
            "The report says \"{found}\"; the file ends at the signature, so {what} may be a separate file; check it was sent",
        )
    },
    explanation="""
Khi báo cáo viết "(Có Phụ lục 02 kèm theo)" hoặc "kèm theo Bảng chấm điểm", phụ lục đó phải đi cùng báo
cáo. Nếu tệp kết thúc ở khối chữ ký (chỉ có phần thân), phụ lục có thể nằm ở tệp riêng nên chỉ là lưu ý.
""",
    bad="BÁO CÁO\n(Có Phụ lục 02 kèm theo)\n… (tệp kết thúc, không có phụ lục)",
    good="BÁO CÁO\n(Có Phụ lục 02 kèm theo)\n…\nPHỤ LỤC 02\nBẢNG CHẤM ĐIỂM …",
)
def check_announced_annex(ctx: Context) -> Iterator[Hit]:
    if not ctx.doc.is_document or ctx.doc.annex_of:
        return  # VB007 says so once; an annex's own "kèm theo" names its parent, not a missing annex
    text = ctx.text
    if "kèm" not in ctx.lowered:
        return  # every announcement says "kèm theo"
    for m in _announcements(ctx):
        if ctx.overlaps_citation(m.start(), m.start() + 1):
            continue  # "kèm theo Phụ lục của Quyết định số …" describes another document
        tail = text[m.end() : m.end() + 40]
        if re.match(r"\s*(?:Quyết\s+định|Nghị\s+định|Thông\s+tư|Kế\s+hoạch|Công\s+văn|Hướng\s+dẫn)", tail):
            continue
        if ctx.doc.score_table is not None and ctx.doc.score_table.start > m.start():
            continue
        if _ANNEX_HEAD.search(text, m.end()):
            continue
        what = re.sub(r"\s+", " ", (m.group("what") or m.group("what2") or "phụ lục")).strip()
        found = re.sub(r"\s+", " ", m.group()).strip(" (")
        signer = ctx.doc.signer
        after = text[signer.end :].strip() if signer else ""
        variant = "body_only" if signer is None or len(after) < 200 else None
        yield Hit(m.start(), m.end(), {"found": found, "what": what}, severity="info" if variant else None, variant=variant)


# -- VB090 (what ingest learnt about the file: a legacy font encoding converted) -----------------------
_LEGACY_NAMES = {"tcvn3": "TCVN3 (ABC, phông .VnTime)", "vni": "VNI (phông VNI-Times)"}


@rule(
    "VB090",
    name="legacy-encoding-converted",
    severity="info",
    summary_vi="Văn bản gõ bằng bảng mã cũ (TCVN3/VNI) đã được chuyển sang Unicode trước khi kiểm tra",
    summary_en="Legacy Vietnamese encoding (TCVN3/VNI) converted to Unicode before checking",
    message_vi="Văn bản dùng bảng mã {encoding}; đã chuyển sang Unicode để kiểm tra. Nên lưu lại văn bản bằng Unicode",
    message_en="The text uses the {encoding} encoding; it was converted to Unicode for checking. Re-save it in Unicode",
    explanation="""
NĐ 30/2020/NĐ-CP yêu cầu văn bản hành chính dùng bộ mã ký tự chữ Việt Unicode (TCVN 6909:2001). Văn
bản gõ bằng phông .VnTime (TCVN3) hoặc VNI-Times hiện đúng trên máy có phông đó nhưng thành chữ lỗi ở
nơi khác. Công cụ đã chuyển văn bản sang Unicode trước mọi quy tắc khác; hãy chuyển cả tệp gốc (Unikey:
công cụ chuyển mã) để người nhận đọc được.
""",
    bad="Uû ban nh©n d©n tØnh (phông .VnTime)",
    good="Ủy ban nhân dân tỉnh (Unicode, phông Times New Roman)",
)
def check_legacy_encoding(ctx: Context) -> Iterator[Hit]:
    encoding = ctx.src.legacy
    if not encoding:
        return
    # One finding for the whole file, on its first line: the whole text was converted.
    first = ctx.text.find("\n")
    end = first if first > 0 else min(len(ctx.text), 80)
    yield Hit(0, end, {"encoding": _LEGACY_NAMES.get(encoding, encoding)})



@rule(
    "VB093",
    name="invalid-utf8-bytes",
    severity="info",
    summary_vi="Tệp UTF-8 có vài byte hỏng: đã đọc là UTF-8, các byte đó thay bằng dấu �",
    summary_en="A UTF-8 file with a few invalid bytes: read as UTF-8, those bytes shown as �",
    message_vi="Tệp có {count} byte không đúng UTF-8 ({where}); đã đọc tệp là UTF-8, các byte đó thành dấu �. Nên sửa hoặc lưu lại tệp bằng UTF-8",
    message_en="The file has {count} byte(s) that are not UTF-8 ({where}); it was read as UTF-8 with those bytes as �. Fix them or re-save the file as UTF-8",
    explanation="""
Một tệp UTF-8 bị cắt mất chữ cuối hoặc lẫn một byte lạ vẫn là tệp UTF-8: công cụ đọc nó là UTF-8 (không
đoán sang bảng mã cũ TCVN3/VNI, vì khi đó mọi chữ có dấu thành chữ lỗi) và báo một lần những byte hỏng
cùng vị trí của chúng trong tệp.
""",
    bad="(tệp UTF-8 có một byte 0xff lẫn trong câu)",
    good="(tệp UTF-8 đúng)",
)
def check_invalid_utf8(ctx: Context) -> Iterator[Hit]:
    bad = ctx.src.bad_bytes
    if not bad:
        return
    where = ", ".join(f"0x{value:02x} ở byte {offset}" for offset, value in bad[:5]) + (", …" if len(bad) > 5 else "")
    first = ctx.text.find("\ufffd")
    start = max(first, 0)
    yield Hit(start, start + 1 if first >= 0 else min(len(ctx.text), 1), {"count": len(bad), "where": where})


# The rules of this module: the engine registers exactly these (checker/categories.py names the module).
RULES = [
    check_required_parts,  # VB001
    check_placeholders,  # VB002
    check_numbering,  # VB003
    check_footnotes,  # VB004
    check_signer,  # VB005
    check_announced_annex,  # VB006
    check_not_a_document,  # VB007
    check_legacy_encoding,  # VB090
    check_invalid_utf8,  # VB093
]
