"""Citation rules (TD): references to other documents."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.context import Context
from checker.engine import Hit, rule


def _known_code(ctx: Context, code: str) -> bool:
    return ctx.doctypes.type_by_code(code) is not None


def _known_issuer(ctx: Context, code: str) -> bool:
    return ctx.doctypes.issuer_system(code) is not None


@rule(
    "TD001",
    name="malformed-symbol",
    severity="warning",
    summary_vi="Số, ký hiệu văn bản viết sai thể thức (thừa dấu cách, thiếu hoặc thừa dấu gạch nối, chữ thường)",
    summary_en="Malformed document number/symbol (stray space, missing or doubled hyphen, lower case)",
    message_vi="Ký hiệu \"{raw}\" viết sai thể thức: {problem}; viết là \"{suggestion}\"",
    message_en="Symbol \"{raw}\" is malformed: {problem_en}; write \"{suggestion}\"",
    explanation="""
Theo Nghị định 30/2020/NĐ-CP (Phụ lục I, Mục II.3) và Hướng dẫn 36-HD/VPTW, các nhóm chữ viết tắt
trong ký hiệu văn bản nối với nhau bằng dấu gạch nối (-) không cách chữ, giữa số và ký hiệu là dấu
gạch chéo (/) (văn bản nhà nước) hoặc dấu gạch nối (văn bản của Đảng), ký hiệu viết bằng chữ in hoa
(trừ các mã có chữ thường theo quy định như CTr, TTr, QyĐ, TTg).
""",
    bad="Kết luận số 01- KL/TW ngày 18/5/2021; Quyết định số 677/QĐUBND",
    good="Kết luận số 01-KL/TW ngày 18/5/2021; Quyết định số 677/QĐ-UBND",
    fixable=True,
)
def check_symbol_form(ctx: Context) -> Iterator[Hit]:
    for c in ctx.citations:
        raw = c.symbol_raw
        if c.form == "number_only":
            continue
        if re.search(r"\s", raw):
            fixed = re.sub(r"\s+", "", raw)
            yield Hit(
                c.symbol_start,
                c.symbol_end,
                {"raw": raw, "problem": "thừa dấu cách trong ký hiệu", "problem_en": "stray space", "suggestion": fixed},
                fix=fixed,
            )
            continue
        # A type code glued to the issuer: 677/QĐUBND → 677/QĐ-UBND
        if c.form == "state" and c.type_code and not c.issuer_codes and not _known_code(ctx, c.type_code):
            glued = _split_glued(ctx, c.type_code)
            if glued:
                fixed = raw[: raw.rindex(c.type_code)] + glued
                yield Hit(
                    c.symbol_start,
                    c.symbol_end,
                    {"raw": raw, "problem": "thiếu dấu gạch nối giữa loại văn bản và cơ quan ban hành",
                     "problem_en": "missing hyphen", "suggestion": fixed},
                    fix=fixed,
                )
                continue
        lowered = [code for code in c.codes if code.islower() and len(code) > 1 and code.upper() != code]
        if lowered:
            fixed = raw
            for code in lowered:
                fixed = fixed.replace(code, code.upper())
            yield Hit(
                c.symbol_start,
                c.symbol_end,
                {"raw": raw, "problem": "ký hiệu phải viết chữ in hoa", "problem_en": "lower case", "suggestion": fixed},
                fix=fixed,
            )


def _split_glued(ctx: Context, code: str) -> str | None:
    for k in range(len(code) - 1, 0, -1):
        head, tail = code[:k], code[k:]
        if _known_code(ctx, head) and _known_issuer(ctx, tail):
            return f"{head}-{tail}"
    return None
