"""Where the text came from, and what that says: the PDF's digital signature against the signer block
(VB020), text recognised from a scan (VB091)."""

from __future__ import annotations

from collections.abc import Iterator

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


# The rules of this module: the engine registers exactly these (checker/categories.py names the module).
RULES = [
    check_signature_signer,  # VB020
    check_text_from_ocr,  # VB091
]
