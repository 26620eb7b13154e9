"""Which paragraphs of a Word file are which part of the document (Quốc hiệu, Số, Nơi nhận …).

The format (TH) rules need the paragraphs, not lines of text: a header laid out as a two-column table
holds the issuing body, `Số` and the date in one cell and Quốc hiệu and Tiêu ngữ in the other, and the
text the other rules read has that whole row on one line. So the parts are found here among the
paragraphs themselves, with the same patterns the document model uses for the same parts
(`checker/document.py`), within the zones the model found (the header before the document type, the
closing block from `Nơi nhận`). A paragraph whose part is not certain is left out: no finding is
better than a finding on the wrong paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from checker.document import (
    _DATE_LINE,
    _MOTTO,
    _NATIONAL,
    _PARTY,
    _RECIPIENTS,
    _SO_LINE,
    _looks_like_name,
    _signer_patterns,
)
from checker.ingest.docx_format import DocxFormat, ParagraphFormat
from checker.model import Document

# The first words of a parent body's name ("UBND TỈNH LÂM ĐỒNG" above "SỞ NỘI VỤ").
_PARENT = re.compile(
    r"^(?:UBND|[UỦ]Y\s+BAN\s+NH[AÂ]N\s+D[AÂ]N|BỘ\s|ĐẢNG\s+BỘ|T[IỈ]NH\s+[UỦ]Y|HUYỆN\s+[UỦ]Y|THÀNH\s+[UỦ]Y|"
    r"BAN\s+CHẤP\s+HÀNH|HĐND|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN)"
)
_DOC_TYPE_WORD = re.compile(
    r"^(?:BÁO\s+CÁO|TỜ\s+TRÌNH|KẾ\s+HOẠCH|QUYẾT\s+ĐỊNH|THÔNG\s+BÁO|CHƯƠNG\s+TRÌNH|HƯỚNG\s+DẪN|NGHỊ\s+QUYẾT|"
    r"CHỈ\s+THỊ|KẾT\s+LUẬN|QUY\s+ĐỊNH|QUY\s+CHẾ|ĐỀ\s+ÁN|BIÊN\s+BẢN|GIẤY\s+MỜI|CÔNG\s+ĐIỆN|THÔNG\s+TRI|TỜ\s+TRÌNH)$"
)
# A second line that only continues the first ("TỈNH LÂM ĐỒNG" under "ỦY BAN NHÂN DÂN").
_CONTINUES = re.compile(r"^(?:TỈNH|HUYỆN|THÀNH\s+PHỐ|THỊ\s+XÃ|THỊ\s+TRẤN|XÃ|PHƯỜNG|QUẬN|ĐẶC\s+KHU)\b")
_BARE_BODY = re.compile(r"(?:UBND|[UỦ]Y\s+BAN\s+NH[AÂ]N\s+D[AÂ]N|HĐND|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN)")
_ITEM = re.compile(r"^\s*[-+•–]")
_ARCHIVE = re.compile(r"^\s*[-+•–]?\s*Lưu\b", re.I)


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass
class Layout:
    """Paragraphs by part id (see checker/ruledata_format.PART_NAMES), each list in document order."""

    parts: dict[str, list[ParagraphFormat]] = field(default_factory=dict)
    body: list[ParagraphFormat] = field(default_factory=list)
    has_header: bool = False  # Quốc hiệu, the Party heading or a document type was found
    is_annex: bool = False  # the file starts with "Phụ lục": an annex, checked for its page only

    def add(self, part: str, p: ParagraphFormat) -> None:
        self.parts.setdefault(part, []).append(p)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _slice(p: ParagraphFormat, lo: int, hi: int, start: int, end: int) -> ParagraphFormat:
    """The paragraph's characters [lo, hi) as a paragraph of their own (runs cut to fit)."""
    runs = []
    at = 0
    for r in p.runs:
        a, b = max(lo, at), min(hi, at + len(r.text))
        if a < b:
            runs.append(replace(r, text=r.text[a - at : b - at]))
        at += len(r.text)
    return replace(p, runs=runs, text="".join(r.text for r in runs), start=start, end=end)


def _lines(p: ParagraphFormat, text: str) -> list[ParagraphFormat]:
    """A paragraph broken by line breaks, as one piece per line (when its text is the text the rules
    read, so each line's offsets are known exactly); else the paragraph whole."""
    if "\n" not in p.text or _norm(p.text) != text[p.start : p.end]:
        return [p]
    pieces = []
    lo = 0
    cursor = p.start
    for line in p.text.split("\n"):
        hi = lo + len(line)
        own = _norm(line)
        if own:
            at = text.find(own, cursor, p.end)
            if at >= 0:
                pieces.append(_slice(p, lo, hi, at, at + len(own)))
                cursor = at + len(own)
        lo = hi + 1
    return pieces or [p]


Shown = Callable[[ParagraphFormat], str]


def find_layout(fmt: DocxFormat, doc: Document, text: str) -> Layout:
    layout = Layout()
    paras = [q for p in fmt.paragraphs if p.start >= 0 and p.text.strip() for q in _lines(p, text)]
    if not paras:
        return layout

    def shown(p: ParagraphFormat) -> str:
        return " ".join(text[p.start : p.end].split())

    type_at, header = _header_block(paras, doc, shown)
    number_para = _header_lines(layout, header, shown)
    if number_para is not None:
        _issuing_body(layout, header, number_para, shown)
    body_from = _title(layout, paras, type_at, header, shown)
    body_to = _closing(layout, paras, body_from, doc, shown)
    layout.has_header = any(k in layout.parts for k in ("quoc_hieu", "dang_csvn", "ten_loai"))
    layout.is_annex = shown(paras[0]).lower().startswith("phụ lục")
    if not layout.has_header:
        layout.parts.clear()  # parts found without a header are guesses
        return layout
    claimed = {id(p) for ps in layout.parts.values() for p in ps}
    layout.body = [p for p in paras[body_from:body_to] if not p.in_table and id(p) not in claimed]
    return layout




def _header_block(paras: list[ParagraphFormat], doc: Document, shown: Shown) -> tuple[int | None, list[ParagraphFormat]]:
    """The header: everything before the document type (or the first table when there is none), and
    where the type line is."""
    type_at = next((k for k, p in enumerate(paras[:40]) if _DOC_TYPE_WORD.match(shown(p))), None)
    if type_at is None and doc.header.doc_type_span is not None:
        type_at = next((k for k, p in enumerate(paras) if p.start <= doc.header.doc_type_span.start < p.end + 1), None)
    if type_at is not None:
        header = paras[:type_at]
    elif paras[0].in_table:
        table = paras[0].cell[0] if paras[0].cell else 0
        header = [p for p in paras[:20] if p.cell and p.cell[0] == table]
    else:
        header = []
    return type_at, header


def _header_lines(layout: Layout, header: list[ParagraphFormat], shown: Shown) -> ParagraphFormat | None:
    """The header's one-line parts (quốc hiệu, tiêu ngữ, Số, place and date); returns the Số line."""
    number_para = None
    for p in header:
        s = shown(p)
        if _NATIONAL.search(s):
            layout.add("quoc_hieu", p)
        elif _PARTY.fullmatch(s.strip()):
            layout.add("dang_csvn", p)
        elif _MOTTO.search(s):
            layout.add("tieu_ngu", p)
        elif number_para is None and _SO_LINE.match(s):
            layout.add("so_ky_hieu", p)
            number_para = p
        elif _DATE_LINE.match(s):
            layout.add("dia_danh_ngay", p)
    return number_para


def _issuing_body(layout: Layout, header: list[ParagraphFormat], number_para: ParagraphFormat, shown: Shown) -> None:
    # the issuing body: capitals above `Số`, in the same cell (or the same column of paragraphs)
    column = number_para.cell
    above = [
        p
        for p in header
        if p is not number_para
        and p.start < number_para.start
        and (p.cell == column if column else not p.in_table)
        and _upper(shown(p))
        and not _NATIONAL.search(shown(p))
        and not _PARTY.search(shown(p))
    ]
    if len(above) == 1:
        layout.add("co_quan_ban_hanh", above[0])
    elif len(above) == 2:
        first, second = shown(above[0]), shown(above[1])
        if _BARE_BODY.fullmatch(first) and _CONTINUES.match(second):
            # "ỦY BAN NHÂN DÂN" / "TỈNH LÂM ĐỒNG": one name on two lines, the issuing body
            layout.add("co_quan_ban_hanh", above[0])
            layout.add("co_quan_ban_hanh", above[1])
        elif _PARENT.match(first) and not _PARENT.match(second):
            layout.add("co_quan_chu_quan", above[0])
            layout.add("co_quan_ban_hanh", above[1])
    # three lines or more: which lines are the parent is not certain, so neither part is checked


def _title(
    layout: Layout, paras: list[ParagraphFormat], type_at: int | None, header: list[ParagraphFormat], shown: Shown
) -> int:
    """The type line and the summary after it; returns where the body starts."""
    body_from = 0
    if type_at is not None:
        layout.add("ten_loai", paras[type_at])
        nxt = paras[type_at + 1] if type_at + 1 < len(paras) else None
        if nxt is not None and not nxt.in_table and len(shown(nxt)) < 300:
            layout.add("trich_yeu", nxt)
            body_from = type_at + 2
        else:
            body_from = type_at + 1
    elif header:
        body_from = paras.index(header[-1]) + 1

    return body_from


def _closing(layout: Layout, paras: list[ParagraphFormat], body_from: int, doc: Document, shown: Shown) -> int:
    """The closing: the last `Nơi nhận`, its list, and the signer beside it; returns where the body ends."""
    widths: dict[tuple[int, int], int] = {}
    for p in paras:
        if p.cell:
            widths[p.cell[:2]] = max(widths.get(p.cell[:2], 0), p.cell[2])
    closing_at = None
    for k in range(len(paras) - 1, body_from - 1, -1):
        p = paras[k]
        # in a table, the closing block is a row of two (or three) cells with Nơi nhận on the left;
        # "Nơi nhận:" elsewhere in a table is a sample or a form, not this document's closing
        if _RECIPIENTS.match(shown(p)) and (p.cell is None or (p.cell[2] == 1 and widths[p.cell[:2]] <= 3)):
            closing_at = k
            break
    if closing_at is not None:
        heading = paras[closing_at]
        layout.add("noi_nhan", heading)
        for p in paras[closing_at + 1 :]:
            if heading.cell and p.cell != heading.cell:
                break
            s = shown(p)
            if _ITEM.match(s) or _ARCHIVE.match(s):
                layout.add("noi_nhan_muc", p)
            elif heading.cell is None:
                break
        if heading.cell:
            row = heading.cell[:2]
            signer = [p for p in paras if p.cell and p.cell[:2] == row and p.cell != heading.cell]
            _signer(layout, signer, shown)
        else:
            after = [p for p in paras[closing_at + 1 :] if not p.in_table][:12]
            before = [p for p in paras[max(body_from, closing_at - 12) : closing_at] if not p.in_table]
            _signer(layout, before + after, shown)
        body_to = closing_at
    else:
        body_to = len(paras)
        if doc.signer is not None:
            block = [p for p in paras[body_from:] if p.end > doc.signer.start and p.start < doc.signer.end + 200]
            if _signer(layout, block[:12], shown):
                first = layout.parts.get("quyen_han", layout.parts.get("chuc_vu", []))
                if first:
                    body_to = paras.index(first[0])
    return body_to


def _signer(layout: Layout, candidates: list[ParagraphFormat], shown) -> bool:  # noqa: ANN001
    """Authority, title and name among `candidates`: found only when a title line starts them."""
    authority_line, title_line = _signer_patterns()  # the model's own (rules/lexicon/signer-titles.toml)
    start = next((k for k, p in enumerate(candidates) if title_line.match(shown(p))), None)
    if start is None:
        return False
    after_authority = False
    for p in candidates[start : start + 8]:
        s = shown(p)
        if authority_line.match(s):
            layout.add("quyen_han", p)
            after_authority = True
            continue
        if (_upper(s) or (after_authority and not _looks_like_name(s) and not s.startswith("("))) and len(s) < 80:
            # the title under "KT. GIÁM ĐỐC" is the signer's title even when not written in capitals
            layout.add("chuc_vu", p)
            after_authority = False
        elif _looks_like_name(s):
            layout.add("ho_ten", p)
            break
        elif s.startswith("(") or not s:
            continue  # "(Đã ký)", "(chữ ký)"
        else:
            break
    return True
