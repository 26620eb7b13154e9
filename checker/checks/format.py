"""Format rules (TH): thể thức and kỹ thuật trình bày of a Word file against the requirements in
`rules/the-thuc/` (Nghị định 30/2020 Phụ lục I for state bodies, Hướng dẫn 36-HD/VPTW for the Party).

Only a .docx carries formatting (a PDF's page and fonts are read in `format_pdf`); a .txt gets none of
these findings. The requirement set follows the document's kind; a document of unknown kind is not
checked (its rules are not known). Each finding names the part and the paragraph, what it is and what
it must be, with the source of the figure; one finding per part and property, never one per run.
A figure marked `verified = false` in the TOML is reported at info only.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from checker.context import Context
from checker.engine import Hit, Severity, rule
from checker.numbers import format_number
from checker.symbols import names_party_symbol

if TYPE_CHECKING:  # the .docx reader (lxml) and the thể thức data are loaded only for a .docx
    from checker.ingest.docx_format import DocxFormat, ParagraphFormat, RunFormat, SectionFormat
    from checker.ruledata_format import FormatRules, Part

_LEGACY_PREFIXES = (".vn", "vni-", "vni ")
# Fonts that draw symbols, not letters (bullets, ticks): never the text's font.
_SYMBOL_FONTS = {"symbol", "wingdings", "wingdings 2", "wingdings 3", "webdings", "marlett"}
_MIN_LETTERS = 2  # a run with fewer letters (a space, a dash, a bullet) says nothing about a part


@dataclass
class _View:
    """What the TH rules read about one .docx: its formatting, its parts and the requirements."""

    fmt: DocxFormat
    rules: FormatRules
    layout: object  # checker.checks.format_layout.Layout


def _view(ctx: Context) -> _View | None:
    return ctx.fact(_build_view)


def _build_view(ctx: Context) -> _View | None:
    src = ctx.src
    kind = format_kind(ctx)
    if src.format != "docx" or not src.original or kind is None or is_normative(ctx):
        return None
    from checker.checks.format_layout import find_layout
    from checker.ingest.docx_format import map_offsets, read_docx_format
    from checker.ruledata_format import load_format_rules

    fmt = read_docx_format(src.original)
    if fmt is None:
        return None
    rules = load_format_rules().get(kind)
    if rules is None:
        return None
    map_offsets(fmt, src)
    layout = find_layout(fmt, ctx.doc, src.text)
    if not (layout.has_header or layout.is_annex):
        return None  # neither a document with a header nor its annex: a form, a table, a fragment
    return _View(fmt=fmt, rules=rules, layout=layout)


# Laws, decrees and circulars (văn bản quy phạm pháp luật) have their thể thức in their own decree,
# not in Nghị định 30/2020 or Hướng dẫn 36: the TH figures are not theirs.
_NORMATIVE = re.compile(r"^[ \t]*(?:THÔNG\s+TƯ(?:\s+LIÊN\s+TỊCH)?|NGHỊ\s+ĐỊNH|LUẬT|PHÁP\s+LỆNH)[ \t]*$", re.M)


# An annex sent as its own file opens with "Phụ lục" and names the document it goes with:
# "(Kèm theo Báo cáo số …/BC-UBND …)". It takes that document's thể thức; an annex of a law, decree
# or circular is normative like its parent.
_ANNEX_HEAD = re.compile(r"\A\s*phụ\s+lục\b", re.I)
_ANNEX_OF = re.compile(r"\(\s*(?:ban\s+hành\s+)?kèm\s+theo\s+([^)]{0,300})\)", re.I)
_ANNEX_OF_NORMATIVE = re.compile(r"^(?:nghị\s+định|thông\s+tư|luật|pháp\s+lệnh)\b", re.I)
# the annex's own heading and the line naming its parent stand within its first lines
_ANNEX_HEAD_CHARS = 1500


def _annex_parent(ctx: Context) -> str | None:
    """What the "(Kèm theo …)" line of an annex names, when the text is an annex; else None."""
    head = ctx.src.text[:_ANNEX_HEAD_CHARS]
    if not _ANNEX_HEAD.match(head):
        return None
    m = _ANNEX_OF.search(head)
    return " ".join(m.group(1).split()) if m else None


def format_kind(ctx: Context) -> str | None:
    """The requirement set that applies: the document's kind, or for an annex of unknown kind the
    kind of the document it goes with (a Party symbol such as 12-BC/TU makes it Party)."""
    if ctx.doc.kind in ("state", "party"):
        return ctx.doc.kind
    parent = _annex_parent(ctx)
    if parent is None:
        return None
    return "party" if names_party_symbol(parent) else "state"


def is_normative(ctx: Context) -> bool:
    head = ctx.src.text[:3000]
    if _NORMATIVE.search(head) is not None:
        return True
    parent = _annex_parent(ctx)
    return parent is not None and _ANNEX_OF_NORMATIVE.match(parent) is not None


def _severity(verified: bool) -> Severity | None:
    return None if verified else "info"


def _num(value: float) -> str:
    """A measurement at two decimals at most, Vietnamese style: 12 → "12", 12.5 → "12,5"."""
    return format_number(Decimal(f"{value:.2f}"))


def _range(low: float, high: float, unit: str) -> str:
    return f"{_num(low)} {unit}" if low == high else f"{_num(low)}–{_num(high)} {unit}"


def _cite(rules: FormatRules, source: str, lang: str) -> str:
    return f"{rules.cite_en if lang == 'en' else rules.cite} ({source})"


def _where(ctx: Context, offset: int) -> str:
    pos = ctx.src.position(offset)
    return pos.location or f"đoạn {pos.line}"


def _section_offset(ctx: Context, view: _View, section: SectionFormat) -> int:
    for p in view.fmt.paragraphs:
        if p.block >= section.first_block and p.start >= 0:
            return p.start
    return 0


def _section_where(ctx: Context, view: _View, section: SectionFormat) -> str:
    """How a page-level finding names its place: the whole file, or the section and where it starts."""
    en = ctx.options.lang == "en"
    if len(view.fmt.sections) == 1:
        return "whole document" if en else "cả văn bản"
    k = view.fmt.sections.index(section) + 1
    where = _where(ctx, _section_offset(ctx, view, section))
    return f"section {k} (from {where})" if en else f"phần {k} của tệp (từ {where})"


def _mm(twips: int) -> float:
    from checker.ingest.docx_format import TWIPS_PER_MM

    return round(twips / TWIPS_PER_MM, 1)


# ---------------------------------------------------------------------------------------------
# PDF: what its page boxes and characters tell (checker/checks/format_pdf.py)
# ---------------------------------------------------------------------------------------------
def _pdf_paper(ctx: Context) -> Iterator[Hit]:
    from checker.checks.format_pdf import paper_hits, pdf_facts

    facts = pdf_facts(ctx)
    if facts is None:
        return
    paper = facts.rules.paper
    lang = ctx.options.lang
    need = f"{paper.name} ({_num(float(paper.width_mm))} × {_num(float(paper.height_mm))} mm)"
    for hit in paper_hits(ctx, _cite(facts.rules, paper.source, lang), need, lang):
        yield Hit(hit.start, hit.end, hit.args, severity=_severity(paper.verified), evidence=hit.evidence)


def _pdf_margins(ctx: Context) -> Iterator[Hit]:
    from checker.checks.format_pdf import margin_hits, pdf_facts

    facts = pdf_facts(ctx)
    if facts is None:
        return
    lang = ctx.options.lang
    margins = facts.rules.margins
    for side, value, allowed in margin_hits(ctx, lang):
        vi, en = _SIDES[side]
        shown = f"{_num(value)} mm" + (" (from where the text reaches)" if lang == "en" else " (đo theo chữ in ra)")
        # measured from the text, not read from the file: an estimate, so an info
        yield Hit(0, 0, {"where": "PDF", "side": en if lang == "en" else vi, "value": shown,
                         "cite": _cite(facts.rules, margins.source, lang), "need": _range(*allowed, "mm")},
                  severity="info", evidence=f"{vi} {shown}")


def _pdf_fonts(ctx: Context) -> Iterator[Hit]:
    from checker.checks.format_pdf import font_hits, pdf_facts

    facts = pdf_facts(ctx)
    if facts is None:
        return
    font = facts.rules.font
    lang = ctx.options.lang
    for family, letters in font_hits(ctx):
        yield Hit(0, 0, {"where": "PDF", "font": family, "count": f"{letters} chữ" if lang != "en" else f"{letters} letters",
                         "cite": _cite(facts.rules, font.source, lang), "need": f"{font.family} (Unicode)"},
                  severity=_severity(font.verified and font.family_verified), variant="pdf",
                  evidence=family)


def _pdf_body_size(ctx: Context) -> Iterator[Hit]:
    from checker.checks.format_pdf import body_size, pdf_facts

    facts = pdf_facts(ctx)
    found = body_size(ctx) if facts is not None else None
    if facts is None or found is None:
        return
    size, share = found
    body = facts.rules.body
    lang = ctx.options.lang
    # the size most letters are set in is the body's; the parts cannot be told apart in a PDF
    yield Hit(0, 0, {"where": "PDF", "part": _part_name("noi_dung", lang),
                     "value": f"{_num(size)} pt ({round(share * 100)}%)",
                     "cite": _cite(facts.rules, body.source, lang), "need": _range(*body.size, "pt")},
              severity=_severity(body.verified))


def _word_or_pdf(
    pdf_check: Callable[[Context], Iterator[Hit]],
) -> Callable[[Callable[[Context, _View], Iterator[Hit]]], Callable[[Context], Iterator[Hit]]]:
    """A TH rule read from a PDF's page by `pdf_check`, or from a Word file's formatting by the function it
    decorates (given the file's view); silent when the Word file's formatting cannot be read."""

    def wrap(word_check: Callable[[Context, _View], Iterator[Hit]]) -> Callable[[Context], Iterator[Hit]]:
        @functools.wraps(word_check)
        def check(ctx: Context) -> Iterator[Hit]:
            if ctx.src.format == "pdf":
                yield from pdf_check(ctx)
                return
            view = _view(ctx)
            if view is not None:
                yield from word_check(ctx, view)

        return check

    return wrap


# ---------------------------------------------------------------------------------------------
# page: paper, orientation, margins
# ---------------------------------------------------------------------------------------------
@rule(
    "TH001",
    name="paper-size",
    severity="warning",
    summary_vi="Khổ giấy hoặc hướng trang không đúng thể thức (A4, trình bày theo chiều dọc)",
    summary_en="Paper size or orientation not as prescribed (A4 portrait)",
    message_vi="{where}: {what}; {cite}: {need}",
    message_en="{where}: {what}; {cite} requires {need}",
    explanation="""
Văn bản hành chính và văn bản của Đảng trình bày trên khổ A4 (210 × 297 mm), theo chiều dài của trang;
trang nằm ngang chỉ dùng cho phần có bảng, biểu. Tệp Word đặt khổ Letter (215,9 × 279,4 mm, mặc định
của Word bản tiếng Anh) in ra sẽ lệch lề. Số liệu và nguồn của từng yêu cầu nằm trong
rules/the-thuc/*.toml; `baocao-lint explain TH001` liệt kê chúng.
""",
    bad="Khổ giấy Letter (215,9 × 279,4 mm)…",
    good="Khổ giấy A4 (210 × 297 mm), chiều dọc…",
)
@_word_or_pdf(_pdf_paper)
def check_paper(ctx: Context, view: _View) -> Iterator[Hit]:
    paper = view.rules.paper
    lang = ctx.options.lang
    tol = float(paper.tolerance_mm)
    want_w, want_h = float(paper.width_mm), float(paper.height_mm)
    wrong_size: list[SectionFormat] = []
    wrong_orientation: list[SectionFormat] = []
    for s in view.fmt.sections:
        w, h = sorted((_mm(s.width), _mm(s.height)))
        if abs(w - want_w) > tol or abs(h - want_h) > tol:
            wrong_size.append(s)
        elif s.landscape and (paper.landscape == "never" or (paper.landscape == "tables" and not s.has_table)):
            # a landscape page holding only a heading or two (the title of the table that follows) is
            # a layout quirk, not a document laid out across the page
            texts = [p for p in view.fmt.paragraphs if p.section == view.fmt.sections.index(s) and _letters(p.text) >= 2]
            if len(texts) >= 3:
                wrong_orientation.append(s)
    cite = _cite(view.rules, paper.source, lang)
    if wrong_size:
        s = wrong_size[0]
        w, h = _mm(s.width), _mm(s.height)
        name = _paper_name(w, h)
        what = (f"paper {name}{_num(w)} × {_num(h)} mm" if lang == "en" else f"khổ giấy {name}{_num(w)} × {_num(h)} mm")
        need = f"{paper.name} ({_num(want_w)} × {_num(want_h)} mm)"
        at = _section_offset(ctx, view, s)
        yield Hit(at, at, {"where": _section_where(ctx, view, s), "what": what, "cite": cite, "need": need},
                  severity=_severity(paper.verified), evidence=what)
    if wrong_orientation:
        s = wrong_orientation[0]
        at = _section_offset(ctx, view, s)
        what = "landscape page without a table" if lang == "en" else "trang nằm ngang mà không có bảng, biểu"
        need = "portrait" if lang == "en" else "trình bày theo chiều dọc"
        yield Hit(at, at, {"where": _section_where(ctx, view, s), "what": what, "cite": cite, "need": need},
                  severity=_severity(paper.verified), evidence=what)


def _paper_name(w: float, h: float) -> str:
    known = {(215.9, 279.4): "Letter ", (215.9, 355.6): "Legal ", (148.0, 210.0): "A5 ", (176.0, 250.0): "B5 "}
    a, b = sorted((w, h))
    for (kw, kh), name in known.items():
        if abs(a - kw) <= 1 and abs(b - kh) <= 1:
            return name
    return ""


_SIDES = {"top": ("lề trên", "top margin"), "bottom": ("lề dưới", "bottom margin"),
          "left": ("lề trái", "left margin"), "right": ("lề phải", "right margin")}


@rule(
    "TH002",
    name="page-margins",
    severity="warning",
    summary_vi="Lề trang ngoài khoảng quy định",
    summary_en="Page margins outside the prescribed range",
    message_vi="{where}: {side} {value}; {cite}: {need}",
    message_en="{where}: {side} {value}; {cite} requires {need}",
    explanation="""
Nghị định 30/2020 (Phụ lục I, Phần I, Mục I, khoản 3) định lề trang: trên và dưới 20–25 mm, trái
30–35 mm, phải 15–20 mm. Hướng dẫn 36-HD/VPTW (II, khoản 4.3) định lề văn bản của Đảng: trên 20, dưới
20, trái 30, phải 15 mm. Trang nằm ngang (bảng, biểu) chỉ bị báo khi một lề nằm ngoài mọi giới hạn trên.
Một phần (section) của tệp có lề khác được báo một lần cho mỗi cạnh.
""",
    bad="Lề dưới 15 mm, lề trái 25 mm…",
    good="Lề trên 20 mm, dưới 20 mm, trái 30 mm, phải 15 mm…",
)
@_word_or_pdf(_pdf_margins)
def check_margins(ctx: Context, view: _View) -> Iterator[Hit]:
    margins = view.rules.margins
    lang = ctx.options.lang
    tol = margins.tolerance_mm
    ranges = {side: getattr(margins, side) for side in _SIDES}
    widest = (min(r[0] for r in ranges.values()), max(r[1] for r in ranges.values()))
    for (side, (vi, en)), landscape in ((item, flag) for item in _SIDES.items() for flag in (False, True)):
        lo, hi = widest if landscape else ranges[side]
        bad: list[tuple[SectionFormat, float]] = []
        for s in view.fmt.sections:
            value = _mm(getattr(s, side))
            if s.landscape == landscape and (value < lo - tol or value > hi + tol):
                bad.append((s, value))
        if not bad:
            continue
        s, value = bad[0]
        at = _section_offset(ctx, view, s)
        values = sorted({v for _, v in bad})
        shown = ", ".join(_num(v) for v in values) + " mm"
        if landscape:
            shown += " (trang nằm ngang)" if lang != "en" else " (landscape page)"
        need = _range(lo, hi, "mm")
        yield Hit(at, at, {"where": _section_where(ctx, view, s), "side": en if lang == "en" else vi, "value": shown,
                           "cite": _cite(view.rules, margins.source, lang), "need": need},
                  severity=_severity(margins.verified), evidence=f"{vi} {shown}")


# ---------------------------------------------------------------------------------------------
# font
# ---------------------------------------------------------------------------------------------
def _is_legacy(font: str | None) -> bool:
    return bool(font) and font.strip().lower().startswith(_LEGACY_PREFIXES)  # type: ignore[union-attr]


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalnum())


@rule(
    "TH003",
    name="font-family",
    severity="warning",
    summary_vi="Phông chữ không phải Times New Roman (Unicode)",
    summary_en="Font is not Times New Roman (Unicode)",
    message_vi="{where}: phông {font} ở {count} đoạn; {cite}: {need}",
    message_en="{where}: font {font} in {count} paragraph(s); {cite} requires {need}",
    variants={
        "pdf": (
            "{where}: phông {font} ({count}); {cite}: {need}",
            "{where}: font {font} ({count}); {cite} requires {need}",
        ),
        "normal-style": (
            "Kiểu chữ mặc định (Normal) của tệp dùng phông {font} (bảng mã cũ): chữ gõ thêm hoặc dán vào sẽ "
            "hiện sai; {cite}: đổi phông của kiểu Normal sang {need}",
            "The file's default (Normal) style uses the legacy font {font}: text typed or pasted later will "
            "show garbled; {cite}: set the Normal style's font to {need}",
        ),
    },
    explanation="""
Phông chữ của văn bản là Times New Roman, bộ mã Unicode TCVN 6909:2001, màu đen (Nghị định 30/2020,
Phụ lục I, Phần I, Mục I, khoản 4). Hướng dẫn 36-HD/VPTW (II, khoản 4.1) quy định bộ mã Unicode; phông
Times New Roman là phông của các mẫu trong Phụ lục 3, nên với văn bản của Đảng một phông Unicode khác
chỉ được nêu ở mức lưu ý. Phông chữ là phông Word dùng để vẽ chữ sau khi đã xét định dạng trực tiếp, kiểu
ký tự, kiểu đoạn, chuỗi basedOn, mặc định của tệp và phông theo theme. Tệp gõ hẳn bằng .VnTime/VNI đã
được quy tắc VB090 nêu; ở đây báo thêm khi kiểu Normal còn dùng phông cũ dù chữ đã là Unicode.
""",
    bad="Nội dung trình bày bằng phông Arial cỡ 10…",
    good="Nội dung trình bày bằng phông Times New Roman cỡ 14…",
)
@_word_or_pdf(_pdf_fonts)
def check_font(ctx: Context, view: _View) -> Iterator[Hit]:
    font = view.rules.font
    lang = ctx.options.lang
    want = font.family
    cite = _cite(view.rules, font.source, lang)
    severity = _severity(font.verified and font.family_verified)
    by_font: dict[str, list[ParagraphFormat]] = {}
    for p in view.fmt.paragraphs:
        if p.start < 0:
            continue
        used: Counter[str] = Counter()
        for r in p.runs:
            if r.font and _letters(r.text) >= 1:
                used[r.font] += _letters(r.text)
        for name, count in used.items():
            low = name.strip().lower()
            if low == want.lower() or low in _SYMBOL_FONTS or count < _MIN_LETTERS:
                continue
            if _is_legacy(name) and ctx.src.legacy:
                continue  # the whole text was in a legacy encoding: VB090 says so
            by_font.setdefault(name, []).append(p)
    for name, paras in sorted(by_font.items(), key=lambda kv: kv[1][0].start):
        at = paras[0].start
        legacy = _is_legacy(name)
        yield Hit(at, at, {"where": _where(ctx, at), "font": name, "count": len(paras),
                           "cite": cite, "need": f"{want} (Unicode)"},
                  severity=None if legacy else severity, evidence=ctx.src.line_text(at).strip()[:120])
    normal = view.fmt.normal_font
    if _is_legacy(normal) and not ctx.src.legacy:
        yield Hit(0, 0, {"font": normal, "cite": cite, "need": want}, severity="info", variant="normal-style",
                  evidence=f"Normal: {normal}")


# ---------------------------------------------------------------------------------------------
# parts: size, weight and slant, capitals
# ---------------------------------------------------------------------------------------------
def _text_runs(paras: Iterable[ParagraphFormat]) -> list[tuple[ParagraphFormat, RunFormat]]:
    return [(p, r) for p in paras for r in p.runs if _letters(r.text) >= 1]


def _part_paragraphs(view: _View) -> list[tuple[Part, list[ParagraphFormat]]]:
    layout = view.layout
    out = []
    for part in view.rules.part:
        paras = layout.parts.get(part.id, [])  # type: ignore[attr-defined]
        if paras:
            out.append((part, paras))
    return out


def _part_name(part_id: str, lang: str) -> str:
    from checker.ruledata_format import PART_NAMES

    vi, en = PART_NAMES[part_id]
    return en if lang == "en" else vi


def _first_bad(paras: list[ParagraphFormat], bad: set[int]) -> ParagraphFormat:
    return next(p for p in paras if id(p) in bad)


@rule(
    "TH010",
    name="part-font-size",
    severity="warning",
    summary_vi="Cỡ chữ của một thành phần thể thức không đúng quy định",
    summary_en="Font size of a document part not as prescribed",
    message_vi="{where} — {part}: cỡ chữ {value}; {cite}: {need}",
    message_en="{where} — {part}: font size {value}; {cite} requires {need}",
    explanation="""
Mỗi thành phần thể thức có cỡ chữ riêng. Nhà nước (Nghị định 30/2020, Phụ lục I): Quốc hiệu 12–13,
Tiêu ngữ 13–14, tên cơ quan 12–13, số và ký hiệu 13, địa danh và ngày tháng 13–14, tên loại và trích yếu
13–14, nội dung 13–14, quyền hạn, chức vụ và họ tên người ký 13–14, "Nơi nhận:" 12, danh sách nơi nhận
11. Đảng (Hướng dẫn 36-HD/VPTW, Phụ lục 3): tiêu đề "ĐẢNG CỘNG SẢN VIỆT NAM" 15, tên cơ quan 14, số 14,
ngày tháng 14, tên loại 15–16, trích yếu 14–15, nội dung 14–15, người ký 14, "Nơi nhận" 14, danh sách 12.
Cỡ chữ là cỡ Word hiển thị (định dạng trực tiếp, kiểu ký tự, kiểu đoạn, mặc định của tệp). Mỗi thành
phần được báo một lần, ở đoạn đầu tiên sai.
""",
    bad="Nơi nhận: (cỡ 13) - Như trên; (cỡ 13)…",
    good="Nơi nhận: (cỡ 12) - Như trên; (cỡ 11)…",
)
@_word_or_pdf(_pdf_body_size)
def check_part_size(ctx: Context, view: _View) -> Iterator[Hit]:
    lang = ctx.options.lang
    for part, paras in _part_paragraphs(view):
        if part.size is None:
            continue
        yield from _size_hits(ctx, view, part.id, paras, part.size, part.source, part.verified, lang)
    body = view.rules.body
    yield from _size_hits(ctx, view, "noi_dung", view.layout.body, body.size, body.source, body.verified, lang)  # type: ignore[attr-defined]


def _size_hits(ctx: Context, view: _View, part_id: str, paras: list[ParagraphFormat], want: tuple[float, float],
               source: str, verified: bool, lang: str) -> Iterator[Hit]:
    low, high = want
    bad: set[int] = set()
    values: Counter[float] = Counter()
    for p, r in _text_runs(paras):
        if r.size is not None and _letters(r.text) >= _MIN_LETTERS and not low - 0.01 <= r.size <= high + 0.01:
            bad.add(id(p))
            values[r.size] += _letters(r.text)
    if not bad:
        return
    first = _first_bad(paras, bad)
    shown = ", ".join(f"{_num(v)} pt" for v, _ in sorted(values.items()))
    count = f" ({len(bad)}/{len(paras)} đoạn)" if len(paras) > 1 and lang != "en" else (
        f" ({len(bad)}/{len(paras)} paragraphs)" if len(paras) > 1 else "")
    yield Hit(first.start, first.end, {"where": _where(ctx, first.start), "part": _part_name(part_id, lang),
                                       "value": shown + count, "cite": _cite(view.rules, source, lang),
                                       "need": _range(low, high, "pt")},
              severity=_severity(verified))


_STYLE_WORDS = {
    "bold": (("đậm", "không đậm"), ("bold", "not bold")),
    "italic": (("nghiêng", "đứng (không nghiêng)"), ("italic", "upright")),
    "underline": (("gạch chân", "không gạch chân"), ("underlined", "not underlined")),
}


@rule(
    "TH011",
    name="part-weight-slant",
    severity="warning",
    summary_vi="Kiểu chữ (đậm, nghiêng, gạch chân) của một thành phần thể thức không đúng quy định",
    summary_en="Weight, slant or underline of a document part not as prescribed",
    message_vi="{where} — {part}: chữ {value}; {cite}: chữ {need}",
    message_en="{where} — {part}: {value}; {cite} requires {need}",
    explanation="""
Quốc hiệu, Tiêu ngữ, tên cơ quan ban hành, tên loại, trích yếu, quyền hạn, chức vụ và họ tên người ký là
chữ đứng, đậm; tên cơ quan chủ quản và số, ký hiệu là chữ đứng; địa danh và ngày tháng là chữ nghiêng;
"Nơi nhận:" nghiêng, đậm và danh sách nơi nhận chữ đứng (Nghị định 30/2020, Phụ lục I, Phần I, Mục II).
Văn bản của Đảng (Hướng dẫn 36-HD/VPTW, Phụ lục 3): chức vụ người ký chữ đứng không đậm, "Nơi nhận" chữ
đứng có gạch chân. Một thành phần chỉ bị báo khi phần lớn chữ của nó sai kiểu; chữ trong ngoặc đơn
(một ghi chú) không tính. Mỗi thành phần một cảnh báo, nêu mọi kiểu sai.
""",
    bad="Hà Nội, ngày 05 tháng 3 năm 2024 (chữ đứng)…",
    good="Hà Nội, ngày 05 tháng 3 năm 2024 (chữ nghiêng)…",
)
def check_part_style(ctx: Context) -> Iterator[Hit]:
    view = _view(ctx)
    if view is None:
        return
    lang = ctx.options.lang
    k = 1 if lang == "en" else 0
    for part, paras in _part_paragraphs(view):
        wrong_props: list[str] = []
        first: ParagraphFormat | None = None
        for prop in ("bold", "italic", "underline"):
            want = getattr(part, prop)
            if want is None:
                continue
            for p in paras:
                total = wrong = 0
                for value, _ch in _letters_outside_brackets(p, prop):
                    total += 1
                    wrong += value != want
                # most of the part's letters: one emphasised word in a list entry is not the entry's style
                if total >= _MIN_LETTERS and wrong * 2 > total:
                    wrong_props.append(prop)
                    if first is None or p.start < first.start:
                        first = p
                    break
        if first is None:
            continue
        value = ", ".join(_STYLE_WORDS[prop][k][1 if getattr(part, prop) else 0] for prop in wrong_props)
        need = ", ".join(_STYLE_WORDS[prop][k][0 if getattr(part, prop) else 1] for prop in wrong_props)
        yield Hit(first.start, first.end, {"where": _where(ctx, first.start), "part": _part_name(part.id, lang),
                                           "value": value, "cite": _cite(view.rules, part.source, lang), "need": need},
                  severity=_severity(part.verified))


def _letters_outside_brackets(p: ParagraphFormat, prop: str) -> Iterator[tuple[bool, str]]:
    """(the run's value of `prop`, letter) for each letter outside brackets: a note in brackets
    ("(Sở Nội vụ tổng hợp)") is set in italics by custom and is not the part's own style."""
    depth = 0
    for r in p.runs:
        value = bool(getattr(r, prop))
        for ch in r.text:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(0, depth - 1)
            elif depth == 0 and ch.isalnum():
                yield value, ch


@rule(
    "TH012",
    name="part-capitals",
    severity="warning",
    summary_vi="Thành phần thể thức phải viết chữ in hoa (hoặc in thường) mà không đúng",
    summary_en="Document part not in the prescribed case (capitals or normal)",
    message_vi="{where} — {part}: {value}; {cite}: {need}",
    message_en="{where} — {part}: {value}; {cite} requires {need}",
    explanation="""
Quốc hiệu, tên cơ quan, tên loại văn bản, quyền hạn và chức vụ người ký trình bày bằng chữ in hoa; trích
yếu nội dung bằng chữ in thường (Nghị định 30/2020, Phụ lục I, Phần I, Mục II; Hướng dẫn 36-HD/VPTW,
Phụ lục 3). Chữ hiện in hoa nhờ định dạng All Caps cũng được tính là in hoa.
""",
    bad="BÁO CÁO / KẾT QUẢ CÔNG TÁC NĂM 2024 (trích yếu in hoa)…",
    good="BÁO CÁO / Kết quả công tác năm 2024…",
)
def check_part_caps(ctx: Context) -> Iterator[Hit]:
    view = _view(ctx)
    if view is None:
        return
    lang = ctx.options.lang
    for part, paras in _part_paragraphs(view):
        if part.caps is None:
            continue
        bad: set[int] = set()
        for p in paras:
            shown = "".join(r.text.upper() if r.caps else r.text for r in p.runs)
            letters = [c for c in shown if c.isalpha()]
            if len(letters) < 4:
                continue
            upper = all(c.isupper() for c in letters)
            if part.caps and not upper:
                bad.add(id(p))
            elif not part.caps and upper:
                bad.add(id(p))
        if not bad:
            continue
        first = _first_bad(paras, bad)
        if lang == "en":
            value, need = ("not in capitals", "capitals") if part.caps else ("all in capitals", "normal case")
        else:
            value, need = ("chưa viết in hoa", "chữ in hoa") if part.caps else ("viết toàn chữ in hoa", "chữ in thường")
        yield Hit(first.start, first.end, {"where": _where(ctx, first.start), "part": _part_name(part.id, lang),
                                           "value": value, "cite": _cite(view.rules, part.source, lang), "need": need},
                  severity=_severity(part.verified))


RULES = [check_paper, check_margins, check_font, check_part_size, check_part_style, check_part_caps]


# ---------------------------------------------------------------------------------------------
# explain: the sources of every figure
# ---------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=4)
def requirement_sources(code: str, lang: str = "vi") -> str:
    """The requirements a TH rule checks, with their figures and sources (for `baocao-lint explain`)."""
    from checker.ruledata_format import load_format_rules

    try:
        sets = load_format_rules()
    except Exception as exc:  # noqa: BLE001 - a broken TOML must not break `explain`
        return f"(rules/the-thuc: {exc})"
    lines: list[str] = []
    for system in ("state", "party"):
        rules = sets.get(system)
        if rules is None:
            continue
        lines.append(f"{rules.title} [{rules.id}.toml]:")
        for label, value, source, verified in _requirements(code, rules, lang):
            mark = "" if verified else (" (unverified: info only)" if lang == "en" else " (chưa đối chiếu: chỉ lưu ý)")
            lines.append(f"  - {label}: {value} — {source}{mark}")
    return "\n".join(lines)


def _requirements(code: str, rules: FormatRules, lang: str) -> Iterator[tuple[str, str, str, bool]]:
    if code == "TH001":
        p = rules.paper
        yield ("paper" if lang == "en" else "khổ giấy", f"{p.name} {_num(float(p.width_mm))} × {_num(float(p.height_mm))} mm",
               p.source, p.verified)
    elif code == "TH002":
        m = rules.margins
        for side, (vi, en) in _SIDES.items():
            yield (en if lang == "en" else vi, _range(*getattr(m, side), "mm"), m.source, m.verified)
    elif code == "TH003":
        f = rules.font
        yield ("font" if lang == "en" else "phông chữ", f.family, f.source, f.verified and f.family_verified)
    elif code in ("TH010", "TH011", "TH012"):
        for part in rules.part:
            bits = []
            if code == "TH010" and part.size:
                bits.append(_range(*part.size, "pt"))
            if code == "TH011":
                for prop in ("bold", "italic", "underline"):
                    want = getattr(part, prop)
                    if want is not None:
                        (y_vi, n_vi), (y_en, n_en) = _STYLE_WORDS[prop]
                        bits.append((y_en if want else n_en) if lang == "en" else (y_vi if want else n_vi))
            if code == "TH012" and part.caps is not None:
                bits.append(("capitals" if part.caps else "normal case") if lang == "en" else
                            ("in hoa" if part.caps else "in thường"))
            if bits:
                yield (_part_name(part.id, lang), ", ".join(bits), part.source, part.verified)
        if code == "TH010":
            b = rules.body
            yield (_part_name("noi_dung", lang), _range(*b.size, "pt"), b.source, b.verified)
    else:
        yield from _body_requirements(code, rules, lang)


def _body_requirements(code: str, rules: FormatRules, lang: str) -> Iterator[tuple[str, str, str, bool]]:
    from checker.checks.format_body import body_requirements

    yield from body_requirements(code, rules, lang)
