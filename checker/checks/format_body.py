"""Format rules for the body text (TH020–TH023) and the page numbers (TH030).

The body is the paragraphs between the trích yếu and the closing block, outside tables, as
`format_layout` found them. Alignment, indent and spacing are asked of prose paragraphs only (at least
two lines of running text, not a heading in capitals, not a numbered list item): a centred heading or a
one-line title has none of them. One finding per property for the whole body: the first paragraph that
differs, and how many do.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from checker.checks.format import _cite, _letters, _num, _range, _severity, _View, _view, _where
from checker.context import Context
from checker.engine import Hit, rule

if TYPE_CHECKING:  # loaded only when a .docx is checked (lxml, the thể thức data)
    from checker.ingest.docx_format import ParagraphFormat
    from checker.ruledata_format import FormatRules

_PROSE_LETTERS = 100  # about a line and a half of a 13–14 pt line on A4: running text, not a heading
_TWIPS_PER_CM = 1440 / 2.54
_TNR_LINE = 1.15  # Times New Roman's single line is 1.15 × the font size


def _prose(view: _View) -> list[ParagraphFormat]:
    out = []
    for p in view.layout.body:  # type: ignore[attr-defined]
        letters = [c for c in p.text if c.isalpha()]
        if len(letters) < _PROSE_LETTERS or all(c.isupper() for c in letters) or p.numbered:
            continue
        out.append(p)
    return out


def _count(bad: int, total: int, lang: str) -> str:
    return f" ({bad}/{total} paragraphs)" if lang == "en" else f" ({bad}/{total} đoạn)"


def _hit(ctx: Context, view: _View, bad: list[ParagraphFormat], total: int, what: str, need: str) -> Hit:
    first = bad[0]
    lang = ctx.options.lang
    body = view.rules.body
    return Hit(first.start, first.end, {
        "where": _where(ctx, first.start), "what": what + (_count(len(bad), total, lang) if total > 1 else ""),
        "cite": _cite(view.rules, body.source, lang), "need": need,
    }, severity=_severity(body.verified))


_ALIGN_WORDS = {"justify": ("canh đều hai lề", "justified"), "left": ("canh trái", "left-aligned"),
                "center": ("canh giữa", "centred"), "right": ("canh phải", "right-aligned")}


@rule(
    "TH020",
    name="body-alignment",
    severity="warning",
    summary_vi="Nội dung văn bản không canh đều hai lề",
    summary_en="Body text not justified",
    message_vi="{where} — nội dung: {what}; {cite}: {need}",
    message_en="{where} — body text: {what}; {cite} requires {need}",
    explanation="""
Nội dung văn bản được canh đều cả hai lề (Nghị định 30/2020, Phụ lục I, Phần I, Mục II, khoản 6,
điểm e; Hướng dẫn 36-HD/VPTW, II, khoản 1.6.2). Chỉ các đoạn văn dài từ hai dòng trở lên được xét;
đề mục, dòng in hoa, danh sách đánh số tự động không bị báo.
""",
    bad="Đoạn văn canh trái, lề phải răng cưa…",
    good="Đoạn văn canh đều hai lề…",
)
def check_body_alignment(ctx: Context) -> Iterator[Hit]:
    view = _view(ctx)
    if view is None or view.rules.body.align is None:
        return
    want = view.rules.body.align
    prose = _prose(view)
    bad = [p for p in prose if p.align != want]
    if bad:
        k = 1 if ctx.options.lang == "en" else 0
        found = sorted({p.align for p in bad})
        yield _hit(ctx, view, bad, len(prose), ", ".join(_ALIGN_WORDS[a][k] for a in found), _ALIGN_WORDS[want][k])


@rule(
    "TH021",
    name="body-first-line-indent",
    severity="warning",
    summary_vi="Đầu dòng của đoạn văn không lùi vào đúng khoảng quy định",
    summary_en="First-line indent of body paragraphs not as prescribed",
    message_vi="{where} — nội dung: lùi đầu dòng {what}; {cite}: {need}",
    message_en="{where} — body text: first-line indent {what}; {cite} requires {need}",
    explanation="""
Khi xuống dòng, chữ đầu dòng lùi vào 1 cm hoặc 1,27 cm (Nghị định 30/2020, Phụ lục I, Phần I, Mục II,
khoản 6, điểm e); văn bản của Đảng lùi vào khoảng 10 mm (Hướng dẫn 36-HD/VPTW, II, khoản 1.6.2).
Khoảng lùi là lề trái của đoạn cộng thụt dòng đầu, như Word hiển thị. Chỉ các đoạn văn dài được xét.
""",
    bad="Đoạn văn không thụt đầu dòng…",
    good="Đoạn văn thụt đầu dòng 1,27 cm…",
)
def check_first_line_indent(ctx: Context) -> Iterator[Hit]:
    view = _view(ctx)
    if view is None or view.rules.body.first_line_cm is None:
        return
    low, high = view.rules.body.first_line_cm
    prose = _prose(view)
    bad: list[ParagraphFormat] = []
    values: set[float] = set()
    for p in prose:
        if p.text[:1].isspace():
            continue  # indented by a tab or spaces typed at its start: Word shows an indent we cannot measure
        cm = round((p.indent_left + p.first_line) / _TWIPS_PER_CM, 2)
        if not low - 0.05 <= cm <= high + 0.05:
            bad.append(p)
            values.add(cm)
    if bad:
        yield _hit(ctx, view, bad, len(prose), ", ".join(f"{_num(v)} cm" for v in sorted(values)), _range(low, high, "cm"))


@rule(
    "TH022",
    name="body-paragraph-spacing",
    severity="warning",
    summary_vi="Khoảng cách giữa các đoạn văn dưới mức tối thiểu",
    summary_en="Spacing between body paragraphs below the minimum",
    message_vi="{where} — nội dung: khoảng cách với đoạn sau {what}; {cite}: {need}",
    message_en="{where} — body text: spacing to the next paragraph {what}; {cite} requires {need}",
    explanation="""
Khoảng cách giữa các đoạn văn tối thiểu là 6 pt (Nghị định 30/2020, Phụ lục I, Phần I, Mục II, khoản
6, điểm e; Hướng dẫn 36-HD/VPTW, II, khoản 1.6.2). Khoảng cách giữa hai đoạn là số lớn hơn trong
"Spacing After" của đoạn trên và "Spacing Before" của đoạn dưới (bằng 0 khi hai đoạn cùng kiểu có
"Don't add space between paragraphs of the same style"), như Word trình bày.
""",
    bad="Các đoạn văn sát nhau, khoảng cách 0 pt…",
    good="Các đoạn văn cách nhau 6 pt…",
)
def check_paragraph_spacing(ctx: Context) -> Iterator[Hit]:
    view = _view(ctx)
    if view is None or view.rules.body.paragraph_gap_pt is None:
        return
    need = view.rules.body.paragraph_gap_pt
    prose = {id(p) for p in _prose(view)}
    body = view.layout.body  # type: ignore[attr-defined]
    bad: list[ParagraphFormat] = []
    values: set[float] = set()
    pairs = 0
    for above, below in zip(body, body[1:]):
        if id(above) not in prose or id(below) not in prose or below.block != above.block + 1:
            continue  # only two running paragraphs one after the other
        pairs += 1
        gap = max(above.space_after, below.space_before)
        if above.contextual and below.contextual and above.style == below.style:
            gap = 0.0
        if gap < need - 0.05:
            bad.append(above)
            values.add(round(gap, 1))
    if bad:
        yield _hit(ctx, view, bad, pairs, ", ".join(f"{_num(v)} pt" for v in sorted(values)), f"≥ {_num(need)} pt")


@rule(
    "TH023",
    name="body-line-spacing",
    severity="warning",
    summary_vi="Giãn dòng của nội dung ngoài khoảng quy định",
    summary_en="Line spacing of the body text outside the prescribed range",
    message_vi="{where} — nội dung: giãn dòng {what}; {cite}: {need}",
    message_en="{where} — body text: line spacing {what}; {cite} requires {need}",
    explanation="""
Khoảng cách giữa các dòng tối thiểu là dòng đơn, tối đa 1,5 dòng (Nghị định 30/2020, Phụ lục I, Phần I,
Mục II, khoản 6, điểm e); văn bản của Đảng tối thiểu 18 pt (Exactly) (Hướng dẫn 36-HD/VPTW, II, khoản
1.6.2). Giãn dòng đặt bằng số dòng (Single, 1.5 lines, Multiple) được so trực tiếp; đặt bằng điểm
(Exactly, At least) được đổi ra số dòng theo cỡ chữ của đoạn (một dòng đơn Times New Roman ≈ 1,15 lần
cỡ chữ). Với văn bản của Đảng giãn dòng đặt bằng số dòng chỉ được nêu ở mức lưu ý (phép đổi là gần đúng).
""",
    bad="Giãn dòng 2 lines…",
    good="Giãn dòng 1,15 lines…",
)
def check_line_spacing(ctx: Context) -> Iterator[Hit]:
    view = _view(ctx)
    if view is None:
        return
    body = view.rules.body
    lang = ctx.options.lang
    prose = _prose(view)
    bad: list[ParagraphFormat] = []
    shown: set[str] = set()
    approximate = False
    for p in prose:
        size = _size(p)
        if p.line is None:
            continue
        if p.line_rule == "auto":
            lines, points = p.line, p.line * _TNR_LINE * size
            label = f"{_num(p.line)} lines" if lang == "en" else f"{_num(p.line)} dòng"
        else:
            lines, points = p.line / (_TNR_LINE * size), p.line
            label = f"{_num(p.line)} pt ({'exactly' if p.line_rule == 'exact' else 'at least'})"
        wrong = False
        if body.line_spacing_lines is not None:
            low, high = body.line_spacing_lines
            if p.line_rule == "atLeast":
                wrong = lines > high + 0.05  # "at least" below single is single
            else:
                wrong = not (low - 0.02 <= lines <= high + 0.05)
        if body.line_min_pt is not None and points < body.line_min_pt - 0.5:
            wrong = True
            approximate = approximate or p.line_rule == "auto"
        if wrong:
            bad.append(p)
            shown.add(label)
    if not bad:
        return
    if body.line_spacing_lines is not None:
        need = _range(*body.line_spacing_lines, "lines" if lang == "en" else "dòng")
    else:
        need = f"≥ {_num(body.line_min_pt or 0)} pt"
    hit = _hit(ctx, view, bad, len(prose), ", ".join(sorted(shown)), need)
    if approximate:
        hit = Hit(hit.start, hit.end, hit.args, severity="info")
    yield hit


def _size(p: ParagraphFormat) -> float:
    sizes = [r.size for r in p.runs if r.size and _letters(r.text) >= 2]
    return max(set(sizes), key=sizes.count) if sizes else 13.0


@rule(
    "TH030",
    name="page-numbers",
    severity="warning",
    summary_vi="Số trang không đúng quy định (vị trí, cỡ chữ, trang đầu)",
    summary_en="Page numbers not as prescribed (place, size, first page)",
    message_vi="{where}: số trang {what}; {cite}: {need}",
    message_en="{where}: page number {what}; {cite} requires {need}",
    explanation="""
Số trang được đánh bằng chữ số Ả Rập, cỡ chữ 13–14, chữ đứng, canh giữa trong phần lề trên, không hiển
thị ở trang thứ nhất (Nghị định 30/2020, Phụ lục I, Phần I, Mục I, khoản 7); văn bản của Đảng: cỡ 14,
ở điểm giữa cách mép trên 10 mm, không đánh số trang thứ nhất (Hướng dẫn 36-HD/VPTW, II, khoản 4.4).
Trường số trang (PAGE) được tìm trong đầu trang và chân trang của từng phần (section); "trang đầu khác"
(Different First Page) quyết định trang thứ nhất có số hay không. Văn bản nhiều trang mà không có số
trang chỉ được nêu ở mức lưu ý (số trang lấy từ lần lưu gần nhất của Word).
""",
    bad="Số trang ở chân trang, canh phải, hiện cả ở trang đầu…",
    good="Số trang ở giữa lề trên, cỡ 14, trang đầu không đánh số…",
)
def check_page_numbers(ctx: Context) -> Iterator[Hit]:
    view = _view(ctx)
    if view is None or not view.fmt.sections:
        return
    rule_data = view.rules.page_number
    lang = ctx.options.lang
    en = lang == "en"
    cite = _cite(view.rules, rule_data.source, lang)
    severity = _severity(rule_data.verified)
    first = view.fmt.sections[0]
    fields = [f for s in view.fmt.sections for f in s.page_fields]
    where = "header" if lang == "en" else "đầu trang"

    def hit(what: str, need: str, sev: str | None = severity) -> Hit:
        return Hit(0, 0, {"where": where, "what": what, "cite": cite, "need": need}, severity=sev,  # type: ignore[arg-type]
                   evidence=what)

    if not fields:
        if view.fmt.pages is not None and view.fmt.pages >= 2:
            yield hit(f"missing ({view.fmt.pages} pages)" if en else f"không có (văn bản {view.fmt.pages} trang)",
                      "page numbers in the top margin" if en else "đánh số trang ở lề trên", "info")
        return
    wrong_place = [f for f in fields if f.where != rule_data.where and f.kind != "first"]
    if wrong_place:
        yield hit("in the footer" if en else "đặt ở chân trang", "in the top margin" if en else "đặt trong lề trên")
    placed = [f for f in fields if f.where == rule_data.where and f.kind != "first"]
    off_centre = [f for f in placed if f.align != rule_data.align and not f.tab_before]
    if off_centre:
        words = {"left": ("canh trái", "left-aligned"), "right": ("canh phải", "right-aligned"),
                 "justify": ("canh đều", "justified"), "center": ("canh giữa", "centred")}
        yield hit(words[off_centre[0].align][en], words[rule_data.align][en])
    low, high = rule_data.size
    sized = [f for f in placed if f.size is not None and not low - 0.01 <= f.size <= high + 0.01]
    if sized:
        yield hit(f"{'size' if en else 'cỡ chữ'} {_num(sized[0].size or 0)} pt", _range(low, high, "pt"))
    if not rule_data.first_page:
        # the first page shows the "first" header when the section has a different first page
        on_first = [f for f in first.page_fields
                    if (f.kind == "first" if first.title_page else f.kind == "default")]
        if on_first:
            yield hit("shown on the first page" if en else "hiện ở trang thứ nhất",
                      "no number on the first page" if en else "không hiển thị số trang thứ nhất")


def body_requirements(code: str, rules: FormatRules, lang: str) -> Iterator[tuple[str, str, str, bool]]:
    """The figures TH020–TH030 check, for `baocao-lint explain`."""
    b = rules.body
    en = lang == "en"
    if code == "TH020" and b.align:
        yield ("body alignment" if en else "canh lề nội dung", _ALIGN_WORDS[b.align][en], b.source, b.verified)
    elif code == "TH021" and b.first_line_cm:
        yield ("first-line indent" if en else "lùi đầu dòng", _range(*b.first_line_cm, "cm"), b.source, b.verified)
    elif code == "TH022" and b.paragraph_gap_pt is not None:
        yield ("spacing between paragraphs" if en else "khoảng cách đoạn", f"≥ {_num(b.paragraph_gap_pt)} pt",
               b.source, b.verified)
    elif code == "TH023":
        if b.line_spacing_lines:
            yield ("line spacing" if en else "giãn dòng", _range(*b.line_spacing_lines, "lines" if en else "dòng"),
                   b.source, b.verified)
        if b.line_min_pt is not None:
            yield ("line spacing" if en else "giãn dòng", f"≥ {_num(b.line_min_pt)} pt", b.source, b.verified)
    elif code == "TH030":
        p = rules.page_number
        where = ("top margin" if en else "lề trên") if p.where == "header" else ("bottom margin" if en else "lề dưới")
        first = ("" if p.first_page else (", not on the first page" if en else ", không đánh số trang đầu"))
        yield ("page numbers" if en else "số trang", f"{_range(*p.size, 'pt')}, {where}{first}", p.source, p.verified)


RULES = [check_body_alignment, check_first_line_indent, check_paragraph_spacing, check_line_spacing, check_page_numbers]
