"""Where the text came from, and what that says: the PDF's digital signature against the signer block
(VB020), text recognised from a scan (VB091), a damaged text layer (VB092)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.checks.citation import hyphens_lost
from checker.context import Context
from checker.engine import Hit, rule
from checker.source import fold


def _same_person(a: str, b: str) -> bool:
    """Names compared as a reader would: case, spacing and tone placement do not matter."""
    return " ".join(fold(a).split()) == " ".join(fold(b).split())


@rule(
    "VB020",
    name="signature-not-signer",
    severity="warning",
    summary_vi="Người ký số văn bản không phải người đứng tên ở khối chữ ký",
    summary_en="The person who digitally signed is not the one named in the signature block",
    message_vi="Chữ ký số là của {certificate} nhưng khối chữ ký ghi {name}; kiểm tra người ký",
    message_en="The digital signature is {certificate}'s but the signature block names {name}",
    explanation="""
Người ký văn bản điện tử ký bằng chữ ký số cá nhân; sau đó văn thư ký bằng chữ ký số của cơ quan (Nghị
định 30/2020/NĐ-CP, Điều 13 và Phụ lục I). Họ tên ghi ở khối chữ ký phải là người đứng tên trên chứng
thư số cá nhân. Chữ ký số của cơ quan, tổ chức (tên chứng thư là tên cơ quan) không được so. Tên được so
không phân biệt hoa thường và kiểu đặt dấu thanh.
""",
    bad="TRƯỞNG PHÒNG … Nguyễn Văn An (chữ ký số cá nhân: Trần Thị Bình)",
    good="TRƯỞNG PHÒNG … Trần Thị Bình (chữ ký số cá nhân: Trần Thị Bình)",
)
def check_signature_signer(ctx: Context) -> Iterator[Hit]:
    signatures = getattr(ctx.src, "signatures", None) or []
    personal = [s for s in signatures if s.personal and s.signer]
    signer = ctx.doc.signer
    if not personal or signer is None or not signer.name:
        return
    if any(_same_person(s.signer, signer.name) for s in personal):
        return
    start = ctx.text.find(signer.name, signer.start, max(signer.end, signer.start + 1) + len(signer.name))
    span = (start, start + len(signer.name)) if start >= 0 else (signer.start, signer.end)
    yield Hit(*span, {"certificate": personal[0].signer, "name": signer.name})


@rule(
    "VB091",
    name="text-from-ocr",
    severity="info",
    summary_vi="Chữ của văn bản được nhận dạng từ ảnh quét (OCR); phát hiện về chính tả, ký hiệu được hạ xuống mức lưu ý",
    summary_en="The text was recognised from a scan (OCR); spelling and symbol findings are lowered to info",
    message_vi="Văn bản là bản quét, chữ được nhận dạng bằng OCR (Tesseract, tiếng Việt); đối chiếu bản gốc trước khi sửa",
    message_en="The document is a scan read by OCR (Tesseract, Vietnamese); compare with the original before editing",
    explanation="""
Bản quét (PDF chỉ có ảnh, hoặc có lớp chữ OCR bị hỏng dấu) được nhận dạng chữ bằng Tesseract với dữ liệu
tiếng Việt. OCR có thể đọc nhầm chữ, số và dấu (`l` thành `1`, `ơ` thành `o`), nên các phát hiện mà lỗi
nhận dạng dễ gây ra (dấu cách, dấu câu, lặp từ, số ký hiệu văn bản, ngày không tồn tại, đánh số đề mục,
chỗ trống) được hạ xuống mức lưu ý; vị trí ghi kèm "(OCR)". Hãy xem bản gốc trước khi sửa.
""",
    bad="(bản quét PDF, chữ đọc bằng OCR) …",
    good="(PDF có lớp chữ, xuất từ Word) …",
)
def check_text_from_ocr(ctx: Context) -> Iterator[Hit]:
    if ctx.src.encoding != "ocr":
        return
    first = ctx.text.find("\n")
    yield Hit(0, first if first > 0 else min(len(ctx.text), 80), {})


# -- VB092 ----------------------------------------------------------------------------------------
# Greek and Cyrillic letters that look like Latin ones ("С" for "C", "о" for "o") inside a word written in
# Latin letters: a PDF or OCR text layer, never a writer. Found from the rare foreign letter (pre-scan).
# Not μ and Ω, which writers use as unit signs ("40 μg/m3", "10 kΩ").
_LOOKALIKE = re.compile(r"[\u0370-\u03a8\u03aa-\u03bb\u03bd-\u03ff\u0400-\u04ff]")
_WORD_AROUND = re.compile(r"[^\W\d_]+")


def _first_line(text: str) -> tuple[int, int]:
    end = text.find("\n")
    return 0, end if end > 0 else min(len(text), 80)


def _lookalike_words(text: str) -> list[tuple[int, int]]:
    """Spans of the words mixing Latin letters with Greek or Cyrillic look-alikes."""
    out: list[tuple[int, int]] = []
    done = -1
    for m in _LOOKALIKE.finditer(text):
        if m.start() < done:
            continue
        start = m.start()
        while start > 0 and (text[start - 1].isalpha()):
            start -= 1
        word = _WORD_AROUND.match(text, start)
        if word is None:
            continue
        done = word.end()
        letters = word.group()
        if any(ch.isascii() or "\u00c0" <= ch <= "\u1ef9" for ch in letters if not _LOOKALIKE.match(ch)):
            out.append(word.span())
    return out


@rule(
    "VB092",
    name="damaged-text-layer",
    severity="info",
    summary_vi="Lớp chữ của tệp bị hỏng (chữ Kirin/Hy Lạp giống chữ Latinh, mọi ký hiệu mất dấu gạch nối)",
    summary_en="The file's text layer is damaged (Cyrillic/Greek look-alike letters, every symbol lost its hyphens)",
    message_vi="Lớp chữ của tệp có dấu hiệu bị hỏng khi chuyển đổi: {what}; đối chiếu bản gốc, không sửa từng chỗ theo lớp chữ này",
    message_en="The file's text layer looks damaged by conversion: {what_en}; compare with the original rather than fixing each spot",
    explanation="""
Tệp PDF xuất sai bảng mã phông, hay lớp chữ nhận dạng (OCR), có thể thay chữ Latinh bằng chữ Kirin hoặc Hy Lạp
trông giống hệt ("BTС" với chữ С Kirin), thay Ư ư bằng Ƣ ƣ (chữ OI Latinh: các quy tắc đọc lại là Ư ư), hoặc làm mất mọi dấu gạch nối trong ký hiệu văn bản ("12/QĐUBND").
Đó là lỗi của lớp chữ, không phải của người soạn: quy tắc báo một lần cho cả tệp, và các ký hiệu mất gạch nối
khi mọi ký hiệu đều mất không bị báo riêng từng cái (TD001).
""",
    bad="Theo Quyết định số 12/QĐUBND … Kế hoạch số 15/KHUBND … Thông báo số 30/TBUBND (mọi ký hiệu mất gạch nối)",
    good="Theo Quyết định số 12/QĐ-UBND … Kế hoạch số 15/KH-UBND … Thông báo số 30/TB-UBND",
)
def check_damaged_text_layer(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    words = _lookalike_words(text) if _LOOKALIKE.search(text) else []
    glued = hyphens_lost(ctx)
    what: list[str] = []
    what_en: list[str] = []
    spans: list[tuple[int, int]] = []
    if words:
        example = text[words[0][0] : words[0][1]]
        what.append(f'{len(words)} chữ lẫn ký tự Kirin/Hy Lạp giống chữ Latinh (như "{example}")')
        what_en.append(f'{len(words)} words with Cyrillic/Greek look-alike letters (such as "{example}")')
        spans.append(words[0])
    if ctx.src.lookalikes:
        what.append(f"{ctx.src.lookalikes} chữ Ƣ/ƣ (chữ OI Latinh) thay cho Ư/ư, đã được đọc lại là Ư/ư")
        what_en.append(f"{ctx.src.lookalikes} letters Ƣ/ƣ (Latin OI) standing for Ư/ư, read back as Ư/ư")
        spans.append(_first_line(text))
    if glued:
        what.append(f'cả {len(glued)} ký hiệu văn bản đều mất dấu gạch nối (như "{glued[0].symbol_raw}")')
        what_en.append(f'all {len(glued)} document symbols lost their hyphens (such as "{glued[0].symbol_raw}")')
        spans.append((glued[0].symbol_start, glued[0].symbol_end))
    if not spans:
        return
    start, end = min(spans)
    yield Hit(start, end, {"what": "; ".join(what), "what_en": "; ".join(what_en)})


# The rules of this module: the engine registers exactly these (checker/categories.py names the module).
RULES = [
    check_signature_signer,  # VB020
    check_text_from_ocr,  # VB091
    check_damaged_text_layer,  # VB092
]
