"""Score rules (DG): the self-scoring table and the totals around it."""

from __future__ import annotations

from collections.abc import Iterator

from checker.context import Context
from checker.engine import Hit, rule


def fmt(value) -> str:  # noqa: ANN001 - Decimal
    """Vietnamese rendering of a score: 4.5 → 4,5; 10.0 → 10."""
    text = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    return text.replace(".", ",")


@rule(
    "DG001",
    name="score-above-cap",
    severity="error",
    summary_vi="Điểm tự chấm hoặc điểm Tổ kiểm tra vượt điểm chuẩn, âm, hoặc không phải là số",
    summary_en="Self or inspector score above its cap, negative, or not a number",
    message_vi="Điểm {who} {score} vượt điểm chuẩn {cap} ({label}); sửa lại điểm không quá {cap}",
    message_en="{who_en} score {score} exceeds the cap {cap} ({label})",
    variants={
        "negative": ("Điểm {who} {score} là số âm ({label})", "{who_en} score {score} is negative ({label})"),
        "nan": (
            "Ô điểm {who} ghi \"{score}\" không phải là số ({label}); ghi điểm bằng chữ số",
            "{who_en} score cell \"{score}\" is not a number ({label})",
        ),
    },
    explanation="""
Mỗi nội dung, tiêu chí trong bảng chấm điểm có điểm chuẩn (điểm tối đa). Điểm cơ quan tự chấm và điểm
Tổ kiểm tra chấm không được vượt điểm chuẩn, không âm, và phải là một số (có thể có nửa điểm: 4,5).
Điểm chuẩn lấy từ cột "Chuẩn" của chính bảng; quy định chấm điểm (khung) được kiểm tra riêng ở DG007.
""",
    bad="Nội dung 1\t...\t5\t6",
    good="Nội dung 1\t...\t5\t5",
)
def check_caps(ctx: Context) -> Iterator[Hit]:
    table = ctx.doc.score_table
    if table is None:
        return
    for row in table.rows:
        if row.cap is None:
            continue
        for who, who_en, value, text, span in (
            ("tự chấm", "Self", row.self_score, row.self_text, row.self_span),
            ("Tổ kiểm tra chấm", "Inspector", row.inspector, row.inspector_text, row.inspector_span),
        ):
            if not text or span is None:
                continue
            args = {"who": who, "who_en": who_en, "label": _label(row), "cap": fmt(row.cap)}
            if value is None:
                yield Hit(span.start, span.end, {**args, "score": text}, variant="nan")
            elif value < 0:
                yield Hit(span.start, span.end, {**args, "score": fmt(value)}, variant="negative")
            elif value > row.cap:
                yield Hit(span.start, span.end, {**args, "score": fmt(value)})


def _label(row) -> str:  # noqa: ANN001 - ScoreRow
    if row.kind == "item" and row.criterion:
        return f"Tiêu chí {row.criterion}, {row.label}"
    return row.label
