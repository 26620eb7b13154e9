"""Structure rules (VB): required parts, placeholders, numbering, footnotes, recipients, signer."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.context import Context
from checker.engine import Hit, rule

_HEADER_LINES = 25
_END_LINES = 40


def _region(ctx: Context, where: str) -> list[tuple[int, str]]:
    """(offset, line) pairs of the template region a part must be found in."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in ctx.text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    nonblank = [(o, ln.strip()) for o, ln in lines if ln.strip()]
    if where == "header":
        return nonblank[:_HEADER_LINES]
    if where == "end":
        # the end of the body: around Nơi nhận and the signer, annexes excluded
        body_end = ctx.doc.signer.end if ctx.doc.signer else len(ctx.text)
        inside = [(o, ln) for o, ln in nonblank if o <= body_end]
        return inside[-_END_LINES:]
    if where == "body":
        return nonblank[_HEADER_LINES // 2 :]
    return nonblank


@rule(
    "VB001",
    name="missing-part",
    severity="warning",
    summary_vi="Thiếu thành phần bắt buộc của báo cáo (theo mẫu trong rules/templates)",
    summary_en="A required part of the report is missing (per the template in rules/templates)",
    message_vi="Thiếu thành phần \"{part}\" của {template}; bổ sung {part}",
    message_en="Missing required part \"{part}\" ({template})",
    variants={
        "header": (
            "Không thấy \"{part}\" ở phần đầu văn bản (có thể đã mất khi chuyển từ Word/PDF sang văn bản); kiểm tra bản gốc",
            "\"{part}\" not found in the header (possibly lost when converting from Word/PDF); check the original",
        )
    },
    explanation="""
Mỗi loại báo cáo có các thành phần bắt buộc: thể thức theo Nghị định 30/2020/NĐ-CP (văn bản nhà nước)
hoặc Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW (văn bản của Đảng): tên cơ quan, số và ký hiệu, địa
danh và ngày tháng, tên loại và trích yếu, nơi nhận (có "Lưu: VT"), chức vụ và họ tên người ký; và các
phần nội dung theo mẫu báo cáo (kết quả, hạn chế và nguyên nhân, nhiệm vụ giải pháp…). Mẫu được chọn
theo tiêu đề và cơ quan ban hành (xem rules/templates, đổi bằng --template). Phần đầu văn bản hay bị mất
khi chuyển từ Word sang văn bản thuần, nên thiếu phần đầu chỉ là cảnh báo có ghi chú.
""",
    bad="(báo cáo không có phần \"Nơi nhận:\")",
    good="Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT.",
)
def check_required_parts(ctx: Context) -> Iterator[Hit]:
    template = ctx.template
    kind = ctx.doc.kind
    for part in template.parts:
        if kind != "unknown" and kind not in part.applies_to:
            continue
        if kind == "unknown" and len(part.applies_to) == 1:
            continue  # a part of one system only (Quốc hiệu vs ĐẢNG CỘNG SẢN) when the kind is unknown
        region = _region(ctx, part.where)
        patterns = [re.compile(p, re.IGNORECASE) for p in part.patterns]
        if any(p.search(line) for _, line in region for p in patterns):
            continue
        anchor = 0 if part.where in ("header", "anywhere", "body") else (region[-1][0] if region else 0)
        if part.where == "end" and region:
            anchor = region[-1][0]
        end = ctx.text.find("\n", anchor)
        end = len(ctx.text) if end < 0 else end
        yield Hit(
            anchor,
            end if end > anchor else anchor,
            {"part": part.name, "template": template.name},
            severity=part.severity,
            variant="header" if part.header_part else None,
        )
