"""Arithmetic rules (SL): numbers in prose that do not add up.

Precision over recall: when the structure of a sentence is not certain, the rule stays silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from checker.context import Context
from checker.engine import Hit, rule
from checker.entities import quantity

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
# "24 biên chế (trong đó 21 biên chế công chức và 03 hợp đồng lao động)"
_TOTAL_PAREN = re.compile(
    rf"(?<![\w.,/])(?P<total>{_NUM})[ ]+(?P<noun>[^\W\d_][^\W\d_ ]*(?:[ ][^\W\d_][^\W\d_ ]*){{0,3}}?)[ ]*"
    r"\((?P<intro>trong\s+đó|gồm|bao\s+gồm|cụ\s+thể)?\s*:?\s*(?P<body>[^()]{3,400})\)",
    re.IGNORECASE,
)
_PART = re.compile(rf"(?<![\w.,/])(?P<num>{_NUM})(?![\w.,/%]|[ ]?%)[ ]+(?P<unit>[^\W\d_]+)")
# Numbers that are names, not quantities: "Nghị định 68", "năm 2023", "lớp 10", "ngày 15"
_NAME_BEFORE = re.compile(
    r"(?:nghị\s+định|quyết\s+định|nghị\s+quyết|chỉ\s+thị|kết\s+luận|kế\s+hoạch|thông\s+tư|luật|số|năm|ngày|"
    r"tháng|lớp|khóa|khoá|khu|thôn|tổ|đội|phòng|điều|khoản|mục|phần|hợp\s+đồng|giai\s+đoạn|nhiệm\s+kỳ|quý|"
    r"top|hạng|tiêu\s+chí|nội\s+dung|bảng|phụ\s+lục|trang|dòng|chương)\s*$",
    re.IGNORECASE,
)
_NOT_UNITS = {"năm", "tháng", "ngày", "giờ", "tuổi", "lần", "km", "ha", "m", "kg", "tấn"}


def _parts(body: str, base: int) -> list[tuple[Decimal, int, int, str]] | None:
    """Quantities in a parenthetical that look like the parts of a breakdown, or None if unsure."""
    out = []
    for m in _PART.finditer(body):
        before = body[: m.start()]
        if _NAME_BEFORE.search(before):
            continue
        q = quantity(m.group("num"))
        if q is None:
            return None
        out.append((q.value, base + m.start("num"), base + m.end("num"), m.group("unit").lower()))
    return out


@rule(
    "SL001",
    name="total-vs-parts",
    severity="warning",
    summary_vi="Tổng số nêu trong câu khác tổng các phần được liệt kê ngay sau đó",
    summary_en="A stated total differs from the sum of the parts listed right after it",
    message_vi="Tổng các phần {parts} = {sum}, nhưng báo cáo ghi tổng {total}; kiểm tra lại số liệu",
    message_en="The parts {parts} add up to {sum}, but the stated total is {total}",
    variants={
        "decimal": (
            "Tổng các phần {parts} = {sum}, báo cáo ghi tổng {total}: có lẽ nhầm dấu thập phân (,) với dấu phân cách hàng nghìn (.)",
            "The parts {parts} add up to {sum} against a total of {total}: a decimal comma used as a thousands separator?",
        )
    },
    explanation="""
Khi báo cáo nêu một tổng số rồi liệt kê các thành phần trong ngoặc ("24 biên chế (trong đó 21 biên chế
công chức và 03 hợp đồng lao động)"), tổng các thành phần phải bằng tổng số. Với "trong đó" (có thể chỉ
nêu một phần), quy tắc chỉ báo khi các phần cộng lại VƯỢT tổng số. Số viết theo kiểu Việt Nam: dấu chấm
phân cách hàng nghìn, dấu phẩy thập phân. Khi cấu trúc câu không rõ, quy tắc không báo.
""",
    bad="Chỉ đạo thực hiện 08 cuộc thanh tra (06 cuộc theo kế hoạch; 03 cuộc đột xuất).",
    good="Chỉ đạo thực hiện 08 cuộc thanh tra (06 cuộc theo kế hoạch; 02 cuộc đột xuất).",
)
def check_total_vs_parts(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    for m in _TOTAL_PAREN.finditer(text):
        if _NAME_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        total_q = quantity(m.group("total"))
        noun = m.group("noun").lower().split()[0]
        if total_q is None or noun in _NOT_UNITS:
            continue
        parts = _parts(m.group("body"), m.start("body"))
        if not parts or len(parts) < 2:
            continue
        # every part must count the same kind of thing as the total, or be a labelled share
        if any(unit in _NOT_UNITS for _, _, _, unit in parts):
            continue
        body = m.group("body")
        unit = noun
        if not any(u == unit for _, _, _, u in parts):
            continue  # the parts count something else than the total ("3 sao (gồm 6 sản phẩm…)")
        scales = {"tỷ", "triệu", "nghìn", "ngàn", "trăm"}
        if any(u in scales and u != unit for _, _, _, u in parts):
            continue
        if re.match(r"\s*từ\b", body, re.I) or re.search(r"xuống\s+còn|tăng\s+lên|giảm\s+còn", body, re.I):
            continue  # a change ("từ 05 phòng … xuống còn 04 phòng"), not a breakdown
        if "%" in body or "/" in re.sub(r"\d+/\d+/\d+", "", body):
            continue
        total = total_q.value
        parts_sum = sum(v for v, _, _, _ in parts)
        intro = (m.group("intro") or "").lower()
        if parts_sum == total:
            continue
        subset_possible = intro.startswith("trong") or intro == ""
        if parts_sum < total and subset_possible and not _exhaustive(body):
            continue
        shown = " + ".join(text[s:e] for _, s, e, _ in parts)
        args = {"parts": shown, "sum": _vn(parts_sum), "total": m.group("total")}
        variant = "decimal" if parts_sum * 1000 == total or parts_sum == total * 1000 else None
        yield Hit(m.start("total"), m.end(), args, variant=variant)


def _exhaustive(body: str) -> bool:
    """A breakdown whose last part is joined by "và" reads as complete: "21 … và 03 …"."""
    return bool(re.search(r"\svà\s+\d", body)) and body.count(";") == 0


def _vn(value: Decimal) -> str:
    """Vietnamese number: 1234567,5 → 1.234.567,5."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    integer, _, frac = format(value, "f").partition(".")
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    out = ".".join(groups)
    frac = frac.rstrip("0")
    return sign + out + ("," + frac if frac else "")
