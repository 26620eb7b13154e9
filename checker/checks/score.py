"""Score rules (DG): predicates over the score facts (`ctx.score`, `checker/facts/score.py`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from checker.context import Context
from checker.engine import Hit, rule
from checker.facts.score import (
    COLUMNS,
    STANDALONE_SCORE,
    Column,
    CriterionRows,
    ScoreSheet,
    StatedScore,
    cell,
    cell_span,
    framework_cap,
    framework_max,
    row_label,
    single,
)
from checker.model import ScoreRow
from checker.numbers import agrees, decimals_written, format_score, score_value
from checker.ruledata import Framework, from_rule_data, load_lexicon, phrase_pattern
from checker.scan import _plain, anchors, finditer_anchored
from checker.source import lower


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
            'Ô điểm {who} ghi "{score}" không phải là số ({label}); ghi điểm bằng chữ số',
            '{who_en} score cell "{score}" is not a number ({label})',
        ),
        "not_unscorable": (
            'Ô tự chấm ghi "Không chấm" nhưng khung {framework} không cho để trống {label}; chấm điểm cho mục này',
            'The self-score cell says "Không chấm" but framework {framework} does not let {label} go unscored; score it',
        ),
    },
    explanation="""
Mỗi nội dung, tiêu chí trong bảng chấm điểm có điểm chuẩn (điểm tối đa). Điểm cơ quan tự chấm và điểm
Tổ kiểm tra chấm không được vượt điểm chuẩn, không âm, và phải là một số (có thể có nửa điểm: 4,5).
Điểm chuẩn lấy từ cột "Chuẩn" của chính bảng; quy định chấm điểm (khung) được kiểm tra riêng ở DG007.
""",
    bad="TT\tNội dung\tChuẩn\tTự chấm\n1\tTiêu chí 1\t10\t10\nNội dung 1\tQuán triệt\t5\t6\nNội dung 2\tQuy chế\t5\t4",
    good="TT\tNội dung\tChuẩn\tTự chấm\n1\tTiêu chí 1\t10\t9\nNội dung 1\tQuán triệt\t5\t5\nNội dung 2\tQuy chế\t5\t4",
)
def check_caps(ctx: Context) -> Iterator[Hit]:
    sheet = ctx.score.sheet
    if sheet is None:
        return
    fw = ctx.framework
    for row in sheet.table.rows:
        # a row without a cap still must hold numbers where it scores something (criterion, item, total,
        # bonus); description rows ("other", bonus text) may carry words in those columns
        if row.cap is None and row.kind not in ("criterion", "item", "total", "bonus", "penalty"):
            continue
        row_cap = row.cap
        if row.kind == "penalty" and row_cap is None and fw is not None and fw.penalty_cap > 0:
            row_cap = fw.penalty_cap  # the most a penalty may take off, from the framework
        for who, who_en, value, text, span in (
            ("tự chấm", "Self", row.self_score, row.self_text, row.self_span),
            ("Tổ kiểm tra chấm", "Inspector", row.inspector, row.inspector_text, row.inspector_span),
        ):
            if not text or span is None or _PLACEHOLDER.fullmatch(text.strip()):
                continue  # "-", "…": the cell was deliberately left blank
            if who == "tự chấm" and row.unscored:
                # "Không chấm": not self-scored on purpose, which only the items the decision names may be
                if _unscored_not_allowed(fw, row):
                    yield Hit(span.start, span.end, {"label": row_label(row), "framework": fw.id}, variant="not_unscorable")  # type: ignore[union-attr]
                continue
            if row.kind == "penalty" and value is not None:
                value = abs(value)  # points taken off are written 2 or -2 alike
            cap = format_score(row_cap) if row_cap is not None else "?"
            args = {"who": who, "who_en": who_en, "label": row_label(row), "cap": cap}
            if value is None:
                yield Hit(span.start, span.end, {**args, "score": text}, variant="nan")
            elif value < 0:
                yield Hit(span.start, span.end, {**args, "score": format_score(value)}, variant="negative")
            elif row_cap is not None and value > row_cap:
                yield Hit(span.start, span.end, {**args, "score": format_score(value)})
        # further score columns (thẩm định lần 2, giải trình …): numbers only, a word there is an explanation
        for extra in row.extra:
            if extra.value is None or row_cap is None or row.kind == "penalty":
                continue
            args = {"who": f"cột “{extra.name}”", "who_en": f"Column “{extra.name}”", "label": row_label(row)}
            if extra.value < 0:
                yield Hit(extra.span.start, extra.span.end, {**args, "cap": format_score(row_cap), "score": format_score(extra.value)}, variant="negative")
            elif extra.value > row_cap:
                yield Hit(extra.span.start, extra.span.end, {**args, "cap": format_score(row_cap), "score": format_score(extra.value)})


def _unscored_not_allowed(fw: Framework | None, row: ScoreRow) -> bool:
    """Whether a framework that lists this row's criterion (and item) lets none of them be "không
    chấm". Silent when the framework is generic or does not know the row: precision first."""
    if fw is None or fw.caps_from_table or row.criterion is None:
        return False
    spec = fw.criterion(row.criterion)
    if spec is None:
        return False
    if spec.may_be_unscored:
        return False
    if row.item is None:
        return True
    item = next((i for i in spec.items if i.id == str(row.item)), None)
    if item is None:
        return False
    if item.may_be_unscored:
        return False
    if row.sub is None:
        return True
    sub = next((i for i in item.items if i.id == str(row.sub)), None)
    return sub is not None and not sub.may_be_unscored


# A cell left blank on purpose: a dash (ingest turns en/em dashes into "-"), dots, a slash.
_PLACEHOLDER = re.compile(r"-{1,3}|\.{2,}|…|/|x", re.IGNORECASE)


# ----------------------------------------------------------------------------------------------
# Shared helpers for DG002–DG008
# ----------------------------------------------------------------------------------------------
# Numbers as reports write scores: "89", "4,5", "4.5", "5,0" (never thousands in a score).
_TABLE_HEADER = "TT\tNội dung\tChuẩn\tTự chấm\tTổ kiểm tra chấm\tGhi chú\n"


































# ----------------------------------------------------------------------------------------------
# DG002: sub-items (Nội dung) against their criterion (Tiêu chí)
# ----------------------------------------------------------------------------------------------
_T = _TABLE_HEADER


@rule(
    "DG002",
    name="items-sum-to-criterion",
    severity="error",
    summary_vi="Điểm các nội dung không cộng lại bằng điểm của tiêu chí",
    summary_en="Sub-item scores do not add up to their criterion's score",
    message_vi=(
        "Tiêu chí {criterion}: điểm {who} ghi {stated} nhưng các nội dung cộng lại {parts} = {computed}; "
        "sửa điểm tiêu chí thành {computed} hoặc sửa điểm các nội dung"
    ),
    message_en="Criterion {criterion}: {who_en} score is {stated} but its sub-items add up to {parts} = {computed}",
    explanation="""
Trong bảng chấm điểm, điểm của mỗi tiêu chí bằng tổng điểm các nội dung của tiêu chí đó (ví dụ Nội
dung 1 + Nội dung 2 = 5 + 4,5 = 9,5). Quy tắc kiểm tra cột tự chấm, cột Tổ kiểm tra chấm và cột điểm
chuẩn; cột để trống thì bỏ qua. Tiêu chí chỉ có một nội dung thì điểm nội dung phải bằng điểm tiêu chí.
Số ghi ra được so theo độ chính xác đã viết (quy tắc khoảng), nhưng nửa điểm của các nội dung không
được làm tròn mất: 4,5 + 5 phải ghi 9,5 chứ không phải 10.
""",
    bad=_T
    + "1\tTiêu chí 1\t10\t10\t\t\nNội dung 1\tQuán triệt văn bản\t5\t5\t\t\nNội dung 2\tBan hành quy chế\t5\t4\t\t\n",
    good=_T
    + "1\tTiêu chí 1\t10\t9\t\t\nNội dung 1\tQuán triệt văn bản\t5\t5\t\t\nNội dung 2\tBan hành quy chế\t5\t4\t\t\n",
)
def check_items_sum(ctx: Context) -> Iterator[Hit]:
    grouped = ctx.score.sheet
    if grouped is None:
        return
    for crit in grouped.criteria.values():
        if crit.items and len(crit.rows) == 1 and not crit.unscored:
            left_out = [single(crit.items[n], "cap")[0] or Decimal(0) for n in crit.unscored_items()]
            yield from _parts_hits(crit.rows[0], str(crit.number), crit.item_parts, sum(left_out, Decimal(0)))
        # the third tier: each item against its sub-items ("1.2" = 1.2.1 + 1.2.2)
        for item, subs in crit.subitems.items():
            rows = crit.items.get(item, [])
            if len(rows) != 1 or rows[0].unscored:
                continue
            sub_rows = CriterionRows(crit.number, rows, {n: r for n, r in subs.items()})
            left_out = [single(sub_rows.items[n], "cap")[0] or Decimal(0) for n in sub_rows.unscored_items()]
            label = f"{crit.number}, {rows[0].label}"
            yield from _parts_hits(rows[0], label, sub_rows.item_parts, sum(left_out, Decimal(0)))


def _parts_hits(
    row: ScoreRow, label: str, parts_of: Callable[[Column], list[tuple[Decimal, int]]], left_out: Decimal
) -> Iterator[Hit]:
    """A row against the sum of its parts, column by column; in the cap column a sum without the
    "không chấm" parts (`left_out`) also agrees (the self-scored maximum)."""
    for column, who, who_en in COLUMNS:
        stated, text = cell(row, column)
        if stated is None:
            continue
        parts = parts_of(column)
        if not parts:
            continue
        computed = sum((v for v, _ in parts), Decimal(0))
        places = max([decimals_written(text), *(d for _, d in parts)])
        if agrees(computed, stated, places):
            continue
        if column == "cap" and left_out and agrees(computed - left_out, stated, places):
            continue
        start, end = cell_span(row, column)
        yield Hit(
            start,
            end,
            {
                "criterion": label,
                "who": who,
                "who_en": who_en,
                "stated": format_score(stated),
                "parts": " + ".join(format_score(v) for v, _ in parts),
                "computed": format_score(computed),
            },
        )




def _root_cause(grouped: ScoreSheet, column: str, stated_total: Decimal, places: int) -> tuple[int, Decimal, Decimal] | None:
    """The one criterion whose figure differs from its own items and, replaced by their sum, makes the
    criteria add up to the stated total: (number, written, items' sum). That criterion is the typo."""
    found = []
    values = {n: c.value(column)[0] for n, c in grouped.criteria.items()}
    for number, crit in grouped.criteria.items():
        written = values[number]
        parts = crit.item_parts(column) if crit.items and len(crit.rows) == 1 else []
        if written is None or not parts:
            continue
        items_sum = sum((v for v, _ in parts), Decimal(0))
        if items_sum != written:
            found.append((number, written, items_sum))
    if len(found) != 1:
        return None
    number, written, items_sum = found[0]
    others = sum((v for n, v in values.items() if n != number and v is not None), Decimal(0))
    return found[0] if agrees(others + items_sum, stated_total, places) else None


# ----------------------------------------------------------------------------------------------
# DG003: criteria against the table's total (Tổng cộng)
# ----------------------------------------------------------------------------------------------
@rule(
    "DG003",
    name="criteria-sum-to-total",
    severity="error",
    summary_vi="Điểm các tiêu chí không cộng lại bằng dòng Tổng cộng",
    summary_en="Criterion scores do not add up to the table's total",
    message_vi=(
        "Dòng {label}: điểm {who} ghi {stated} nhưng {count} tiêu chí cộng lại bằng {computed}; "
        "sửa tổng thành {computed} hoặc sửa điểm tiêu chí sai"
    ),
    message_en="{label} row: {who_en} total is {stated} but the {count} criteria add up to {computed}",
    variants={
        "criterion": (
            "Dòng {label}: điểm {who} ghi {stated} nhưng {count} tiêu chí cộng lại bằng {computed}, vì Tiêu chí "
            "{criterion} ghi {written} trong khi các nội dung của nó cộng lại {items}; sửa Tiêu chí {criterion} "
            "thành {items} thì tổng khớp",
            "{label} row: {who_en} total is {stated} but the {count} criteria add up to {computed}, because "
            "criterion {criterion} says {written} while its items add up to {items}; with {items} the total agrees",
        ),
        "final": (
            "Dòng {label} sau điểm thưởng: điểm {who} ghi {stated} nhưng tổng {total} + điểm thưởng {bonus} = "
            "{computed}; sửa thành {computed}",
            "{label} row after the bonus: {who_en} figure is {stated} but total {total} + bonus {bonus} = {computed}",
        ),
        "final_penalty": (
            "Dòng {label} sau điểm trừ: điểm {who} ghi {stated} nhưng tổng {total} + điểm thưởng {bonus} − điểm trừ "
            "{penalty} = {computed}; sửa thành {computed}",
            "{label} row after the penalty: {who_en} figure is {stated} but total {total} + bonus {bonus} − "
            "penalty {penalty} = {computed}",
        ),
    },
    explanation="""
Dòng "Tổng cộng" của bảng chấm điểm bằng tổng điểm các tiêu chí (cột tự chấm, cột Tổ kiểm tra chấm và
cột điểm chuẩn). Nếu sau dòng điểm thưởng còn một dòng tổng nữa, dòng đó phải bằng tổng cộng cộng điểm
thưởng. Tiêu chí ghi hai lần với điểm khác nhau thì không cộng (DG007 báo lỗi đó). Khi đúng một tiêu chí
ghi khác tổng các nội dung của nó (DG002) và lấy tổng các nội dung thì dòng Tổng cộng khớp, thông báo chỉ
ra tiêu chí đó: chỗ cần sửa là tiêu chí, không phải dòng tổng.
""",
    bad=_T + "1\tTiêu chí 1\t10\t9\t\t\n2\tTiêu chí 2\t10\t10\t\t\n\tTổng cộng\t20\t20\t\t\n",
    good=_T + "1\tTiêu chí 1\t10\t9\t\t\n2\tTiêu chí 2\t10\t10\t\t\n\tTổng cộng\t20\t19\t\t\n",
)
def check_total(ctx: Context) -> Iterator[Hit]:
    grouped = ctx.score.sheet
    if grouped is None or not grouped.totals or not grouped.criteria:
        return
    total_row = grouped.totals[0]
    for column, who, who_en in COLUMNS:
        stated, text = cell(total_row, column)
        if stated is None:
            continue
        # "không chấm" criteria are out of the self and inspector sums; the cap column may be the full
        # maximum or the self-scored one (84,5 of 100 when 15,5 are scored by survey)
        counted = grouped.criteria.values() if column == "cap" else grouped.scored_criteria()
        values = [c.value(column) for c in counted]
        if not values or any(v is None for v, _ in values):
            continue  # a criterion without a figure (or contradicting itself): nothing sound to add
        computed = sum((v for v, _ in values if v is not None), Decimal(0))
        places = max([decimals_written(text), *(d for _, d in values)])
        if agrees(computed, stated, places):
            continue
        left_out = grouped.unscored_cap() if column == "cap" else Decimal(0)
        if left_out and agrees(computed - left_out, stated, places):
            continue
        bonus, bonus_dec, _ = grouped.bonus_value(column)
        if (
            grouped.bonus_first
            and bonus is not None
            and agrees(computed + bonus, stated, max(places, bonus_dec))
        ):
            continue  # the bonus row sits above the total, which then includes it
        start, end = cell_span(total_row, column)
        args = {
            "label": total_row.label,
            "who": who,
            "who_en": who_en,
            "stated": format_score(stated),
            "computed": format_score(computed),
            "count": len(values),
        }
        # one criterion written off its own items (DG002) and the table is otherwise right: name it,
        # so the reviewer fixes the one typo instead of the total
        cause = _root_cause(grouped, column, stated, places)
        if cause is not None:
            args.update(criterion=cause[0], written=format_score(cause[1]), items=format_score(cause[2]))
            yield Hit(start, end, args, variant="criterion")
            continue
        yield Hit(start, end, args)
    # a second total after the bonus row ("Tổng điểm") is the final figure: total + bonus
    # (a penalty row is taken off: total + bonus − penalty)
    for final_row in grouped.totals[1:]:
        has_bonus = bool(grouped.bonus) and grouped.bonus[0].start < final_row.start
        has_penalty = bool(grouped.penalty) and grouped.penalty[0].start < final_row.start
        if not has_bonus and not has_penalty:
            continue
        for column, who, who_en in COLUMNS:
            if column == "cap" and has_penalty:
                continue  # the maximum does not shrink by the most a penalty may take off
            stated, text = cell(final_row, column)
            total, total_dec, _ = grouped.total(column)
            bonus, bonus_dec, _ = grouped.bonus_value(column) if has_bonus else (Decimal(0), 0, None)
            penalty, penalty_dec, _ = grouped.penalty_value(column) if has_penalty else (Decimal(0), 0, None)
            if stated is None or total is None or bonus is None or penalty is None:
                continue
            computed = total + bonus - penalty
            if agrees(computed, stated, max(decimals_written(text), total_dec, bonus_dec, penalty_dec)):
                continue
            start, end = cell_span(final_row, column)
            args = {
                "label": final_row.label,
                "who": who,
                "who_en": who_en,
                "stated": format_score(stated),
                "total": format_score(total),
                "bonus": format_score(bonus),
                "penalty": format_score(penalty),
                "computed": format_score(computed),
            }
            yield Hit(start, end, args, variant="final_penalty" if has_penalty else "final")


# ----------------------------------------------------------------------------------------------
# DG004: the final figure "Tổng đạt được: 89 điểm + 10 điểm thưởng = 99 điểm"
# ----------------------------------------------------------------------------------------------






@rule(
    "DG004",
    name="final-figure",
    severity="error",
    summary_vi="Dòng tổng điểm cuối cùng (tổng + điểm thưởng = điểm đạt được) sai phép cộng hoặc khác bảng",
    summary_en="The final figure (total + bonus = result) is miscomputed or differs from the table",
    message_vi="Phép cộng sai: {a} + {b} = {computed}, không phải {c}; sửa thành {computed} điểm",
    message_en="Wrong sum: {a} + {b} = {computed}, not {c}",
    variants={
        "total": (
            "Số điểm {a} khác dòng {label} của bảng chấm điểm ({table}); sửa cho khớp với bảng",
            "The total {a} differs from the table's {label} row ({table})",
        ),
        "bonus": (
            "Điểm thưởng {b} khác điểm thưởng trong bảng chấm điểm ({table}); sửa cho khớp với bảng",
            "The bonus {b} differs from the bonus in the table ({table})",
        ),
        "penalty": (
            "Phép tính sai: {a} + {b} − {p} = {computed}, không phải {c}; sửa thành {computed} điểm",
            "Wrong sum: {a} + {b} − {p} = {computed}, not {c}",
        ),
        "penalty_row": (
            "Điểm trừ {p} khác điểm trừ trong bảng chấm điểm ({table}); sửa cho khớp với bảng",
            "The penalty {p} differs from the penalty in the table ({table})",
        ),
    },
    explanation="""
Cuối bảng chấm điểm thường có dòng "Tổng đạt được: 89 điểm + 10 điểm thưởng = 99 điểm". Quy tắc kiểm
tra từng số hạng với bảng (số đầu với dòng Tổng cộng, số sau với dòng Điểm thưởng, cột tự chấm) và
kiểm tra phép cộng. Không có bảng thì chỉ kiểm tra phép cộng.
""",
    bad="Tổng đạt được: 89 điểm + 10 điểm thưởng = 98 điểm\n",
    good="Tổng đạt được: 89 điểm + 10 điểm thưởng = 99 điểm\n",
)
def check_final_figure(ctx: Context) -> Iterator[Hit]:
    grouped = ctx.score.sheet
    for fig in ctx.score.final_figures:
        a, b, c, p = fig.total, fig.bonus, fig.result, fig.penalty
        args = {"a": format_score(a.value), "b": format_score(b.value), "c": format_score(c.value), "computed": format_score(fig.computed)}
        places = max(a.decimals, b.decimals, c.decimals, p.decimals if p is not None else 0)
        if not agrees(fig.computed, c.value, places):
            if p is not None:
                yield Hit(c.start, c.end, {**args, "p": format_score(p.value)}, variant="penalty")
            else:
                yield Hit(c.start, c.end, args)
        if grouped is None:
            continue
        total, total_dec, total_row = grouped.total()
        if total is not None and total_row is not None and not agrees(total, a.value, max(total_dec, a.decimals)):
            yield Hit(a.start, a.end, {**args, "label": total_row.label, "table": format_score(total)}, variant="total")
        bonus, bonus_dec, _ = grouped.bonus_value()
        if bonus is not None and not agrees(bonus, b.value, max(bonus_dec, b.decimals)):
            yield Hit(b.start, b.end, {**args, "table": format_score(bonus)}, variant="bonus")
        penalty, penalty_dec, _ = grouped.penalty_value()
        if p is not None and penalty is not None and not agrees(penalty, p.value, max(penalty_dec, p.decimals)):
            yield Hit(p.start, p.end, {**args, "p": format_score(p.value), "table": format_score(penalty)}, variant="penalty_row")


# ----------------------------------------------------------------------------------------------
# DG005: the self-assessed total stated in prose
# ----------------------------------------------------------------------------------------------
# the figure may carry its scale ("95/100 điểm"), so a "/" may follow it here




























@rule(
    "DG005",
    name="stated-total",
    severity="error",
    summary_vi="Tổng điểm tự đánh giá ghi trong báo cáo khác bảng chấm điểm hoặc vượt thang điểm",
    summary_en="The self-assessed total in the text differs from the table or exceeds the maximum",
    message_vi="Tổng điểm tự đánh giá ghi {stated} nhưng bảng chấm điểm cho {table}; sửa cho khớp với bảng",
    message_en="The self-assessed total is stated as {stated} but the scoring table gives {table_en}",
    variants={
        "max": (
            "Tổng điểm tự đánh giá {stated} vượt điểm tối đa {max} của khung chấm điểm; kiểm tra lại tổng điểm",
            "The self-assessed total {stated} exceeds the framework maximum {max}",
        ),
        "scale": (
            "Thang điểm ghi {scale} nhưng khung chấm điểm có tối đa {max} điểm; sửa thành /{max}",
            "The scale is written as {scale} but the framework maximum is {max}",
        ),
    },
    explanation="""
Tổng điểm cơ quan tự đánh giá ghi trong lời văn ("Tổng số điểm … tự đánh giá: 94 điểm", "tự chấm … đạt
95/100 điểm") phải khớp bảng chấm điểm: bằng dòng Tổng cộng, hoặc Tổng cộng cộng điểm thưởng. Tổng
điểm không được vượt điểm tối đa của khung chấm điểm, và thang điểm ghi kèm ("/100") phải đúng thang
của khung. Số được so theo độ chính xác đã viết.
""",
    bad=_T
    + "1\tTiêu chí 1\t10\t9\t\t\n\tTổng cộng\t10\t9\t\t\n\nTổng số điểm cơ quan tự đánh giá: 10 điểm.\n",
    good=_T
    + "1\tTiêu chí 1\t10\t9\t\t\n\tTổng cộng\t10\t9\t\t\n\nTổng số điểm cơ quan tự đánh giá: 9 điểm.\n",
)
def check_stated_total(ctx: Context) -> Iterator[Hit]:
    stated_list = ctx.score.prose_totals
    if not stated_list:
        return
    grouped = ctx.score.sheet
    finals = grouped.finals() if grouped is not None else []
    fw = ctx.framework
    maximum = framework_max(fw)
    if maximum is None and grouped is not None:
        # no framework maximum: the table's own caps (total + bonus) are the scale
        total_cap, _, _ = grouped.total("cap")
        bonus_cap, _, _ = grouped.bonus_value("cap")
        if total_cap is not None:
            maximum = total_cap + (bonus_cap or 0)
    for s in stated_list:
        dec = decimals_written(s.text)
        if finals and not any(agrees(v, s.value, max(dec, d)) for v, d in finals):
            shown = [format_score(v) for v, _ in finals]
            yield Hit(
                s.start,
                s.end,
                {"stated": format_score(s.value), "table": " hoặc ".join(shown), "table_en": " or ".join(shown)},
            )
        if maximum is not None and s.value > maximum:
            yield Hit(s.start, s.end, {"stated": format_score(s.value), "max": format_score(maximum)}, variant="max")
        # "72/80": the self-scored part when some items are "không chấm" (with or without the bonus)
        left_out = grouped.unscored_cap() if grouped is not None else Decimal(0)
        self_scored = {m - left_out for m in (maximum, fw.total_max if fw is not None else None) if m is not None}
        if (
            maximum is not None
            and s.scale is not None
            and s.scale_span
            and s.scale != maximum
            and not (left_out and s.scale in self_scored)
        ):
            yield Hit(*s.scale_span, {"scale": format_score(s.scale), "max": format_score(maximum)}, variant="scale")


# ----------------------------------------------------------------------------------------------
# DG006: the classification (xếp loại) against the framework's bands
# ----------------------------------------------------------------------------------------------
@rule(
    "DG006",
    name="classification",
    severity="error",
    summary_vi="Xếp loại tự đánh giá không đúng mức xếp loại của khung chấm điểm cho số điểm đạt được",
    summary_en="The stated classification does not match the framework's band for the score",
    message_vi="Với {score} điểm, khung chấm điểm xếp loại “{expected}”, nhưng báo cáo ghi “{label}”; sửa xếp loại thành “{expected}”",
    message_en="With {score} points the framework's band is “{expected}”, but the report states “{label}”",
    variants={
        "condition": (
            "Xếp loại “{label}” còn cần điều kiện mà báo cáo chưa nêu: {conditions}; nêu rõ kết quả đó hoặc "
            "xếp loại “{lower}”",
            "The class “{label}” also requires conditions the report does not state: {conditions}",
        ),
        "quota": (
            "Xếp loại “{label}” còn theo tỷ lệ của khung: {quota}",
            "The class “{label}” is also subject to the framework's quota: {quota}",
        ),
    },
    explanation="""
Khung chấm điểm của tỉnh quy định các mức xếp loại theo tổng điểm (ví dụ Bắc Kạn: từ 80 điểm trở lên là
Tốt, từ 75 đến dưới 80 là Khá). Quy tắc lấy tổng điểm tự đánh giá (lời văn, nếu không có thì bảng chấm
điểm) và so mức xếp loại tương ứng với xếp loại báo cáo ghi ("Xếp loại: Tốt", "xếp loại Khá"). Khung
chưa có ngưỡng xếp loại đã xác minh (Bắc Giang 274, Quảng Ngãi 436, khung chung) thì quy tắc không áp
dụng, và phần "report" của kết quả JSON ghi rõ điều đó; điểm nằm ngoài mọi mức đã biết cũng bỏ qua.
Mức có điều kiện: mỗi tiêu chí phải đạt một tỷ lệ điểm tối thiểu (thiếu thì xuống mức dưới); điều kiện
phải nêu trong báo cáo (Quy định 366: 100% nhiệm vụ hoàn thành, ít nhất 30% vượt mức…) — chưa nêu thì
cảnh báo, và xếp mức ngay dưới vẫn được chấp nhận; tỷ lệ khống chế (không quá 20%…) chỉ ghi để biết.
""",
    bad=(
        "Thực hiện Quyết định số 1878-QĐ/TU ngày 30/10/2017 của Ban Thường vụ Tỉnh ủy Bắc Kạn.\n"
        "Tổng số điểm cơ quan tự chấm đạt 78 điểm.\nXếp loại: Tốt\n"
    ),
    good=(
        "Thực hiện Quyết định số 1878-QĐ/TU ngày 30/10/2017 của Ban Thường vụ Tỉnh ủy Bắc Kạn.\n"
        "Tổng số điểm cơ quan tự chấm đạt 78 điểm.\nXếp loại: Khá\n"
    ),
)
def check_classification(ctx: Context) -> Iterator[Hit]:
    fw = ctx.framework
    if fw is None or not fw.bands:
        return  # no verified bands: not applied (the JSON report's framework_note says so)
    shares = ctx.score.criterion_shares()
    for claim in ctx.score.claims:
        score = ctx.score.band_score(claim.start)
        if score is None:
            continue
        expected = fw.band_for(score, shares)
        if expected is None:
            continue  # the framework cannot classify this score: say nothing rather than guess
        named = fw.band_named(claim.label)
        if named is None and expected.is_named(claim.label.split(" nhiệm vụ")[0]):
            named = expected
        args = {"score": format_score(score), "expected": expected.name, "label": claim.label}
        if named is not None and named.name == expected.name:
            missing = [c.name for c in expected.requires if not c.stated_in(ctx.text)]
            below = fw.band_below(expected)
            if missing:
                lower = below.name if below is not None else "thấp hơn"
                yield Hit(
                    claim.start, claim.end, {**args, "conditions": "; ".join(missing), "lower": lower},
                    severity="warning", variant="condition",
                )
            if expected.quota:
                yield Hit(claim.start, claim.end, {**args, "quota": expected.quota}, severity="info", variant="quota")
            continue
        # a band with conditions the checker cannot see met (stated conditions, each criterion's
        # share): the band below it is what the score gives without them
        conditional = expected.requires or (expected.min_share is not None and shares is None)
        if named is not None and conditional and named is fw.band_below(expected):
            continue
        yield Hit(claim.start, claim.end, args)


# ----------------------------------------------------------------------------------------------
# DG007: the table against the framework: caps, criteria missing or twice, the bonus row
# ----------------------------------------------------------------------------------------------
_BONUS_CLAIM = re.compile(rf"(?P<b>{STANDALONE_SCORE})\s*điểm\s+thưởng\b", re.IGNORECASE)


@rule(
    "DG007",
    name="table-vs-framework",
    severity="error",
    summary_vi="Bảng chấm điểm không khớp khung chấm điểm: điểm chuẩn khác, thiếu hoặc lặp tiêu chí, thiếu dòng điểm thưởng",
    summary_en="Score table does not match the framework: caps differ, criteria missing or repeated, bonus row missing",
    message_vi="{label}: điểm chuẩn trong bảng là {table} nhưng {framework} quy định {cap}; sửa điểm chuẩn thành {cap}",
    message_en="{label}: the table's cap is {table} but {framework} sets {cap}",
    variants={
        "missing": (
            "Bảng chấm điểm thiếu Tiêu chí {criterion} của {framework}; bổ sung dòng chấm điểm tiêu chí này",
            "The score table lacks criterion {criterion} of {framework}",
        ),
        "unknown": (
            "Tiêu chí {criterion} không có trong {framework} (chỉ có {count} tiêu chí); kiểm tra lại số thứ tự",
            "Criterion {criterion} does not exist in {framework} (it has {count} criteria)",
        ),
        "twice": (
            "{label} được ghi hai lần trong bảng chấm điểm; xóa dòng lặp",
            "{label} appears twice in the score table",
        ),
        "conflict": (
            "{label} được ghi hai lần với điểm {who} khác nhau ({values}); giữ một dòng với điểm đúng",
            "{label} appears twice with different {who_en} scores ({values})",
        ),
        "no_bonus_row": (
            "Báo cáo tính {bonus} điểm thưởng nhưng bảng chấm điểm không có dòng điểm thưởng; bổ sung dòng đó vào bảng",
            "The report claims {bonus} bonus points but the score table has no bonus row",
        ),
    },
    explanation="""
Khi đã nhận ra khung chấm điểm của tỉnh (hoặc chọn bằng --framework), điểm chuẩn của từng tiêu chí, nội
dung, dòng Tổng cộng và dòng điểm thưởng trong bảng phải đúng khung; mỗi tiêu chí của khung có đúng một
dòng; số tiêu chí không vượt số tiêu chí của khung. Tiêu chí hay nội dung ghi hai lần với điểm khác nhau
được báo riêng, không cộng. Báo cáo tính điểm thưởng thì bảng phải có dòng điểm thưởng. Với khung chung
(không nhận ra tỉnh) chỉ kiểm tra dòng lặp và dòng điểm thưởng.
""",
    bad=_T + "1\tTiêu chí 1\t10\t9\t\t\n1\tTiêu chí 1\t10\t10\t\t\n\tTổng cộng\t10\t9\t\t\n",
    good=_T + "1\tTiêu chí 1\t10\t9\t\t\n\tTổng cộng\t10\t9\t\t\n",
)
def check_framework(ctx: Context) -> Iterator[Hit]:
    grouped = ctx.score.sheet
    fw = ctx.framework
    if grouped is None:
        return
    table = grouped.table
    framework_name = f"Quyết định {fw.decision}" if fw is not None and fw.decision else "khung chấm điểm"
    yield from _duplicates(grouped)
    if fw is not None and not fw.caps_from_table:
        numbers = fw.criterion_numbers()
        # a report scoring in prose may leave a group out of its summary: not a missing table row
        if numbers and not grouped.from_prose:
            first = table.rows[0] if table.rows else None
            for number in numbers:
                if number not in grouped.criteria and first is not None:
                    yield Hit(
                        first.start,
                        first.end,
                        {"criterion": number, "framework": framework_name},
                        variant="missing",
                        evidence=f"Tiêu chí {number}",
                    )
            for number, crit in grouped.criteria.items():
                if number not in numbers:
                    row = crit.rows[0] if crit.rows else next(iter(crit.items.values()))[0]
                    yield Hit(
                        row.start,
                        row.end,
                        {"criterion": number, "framework": framework_name, "count": len(numbers)},
                        variant="unknown",
                    )
        yield from _caps(grouped, fw, framework_name)
    if not grouped.bonus and not grouped.from_prose:
        for m in _BONUS_CLAIM.finditer(ctx.text):
            if ctx.in_table(m.start()) or score_value(m["b"]) <= 0:
                continue
            # only where the report adds the bonus to its own score, not where it quotes the rules
            # ("được cộng tối đa 10 điểm thưởng")
            line_start = ctx.text.rfind("\n", 0, m.start()) + 1
            if not re.search(r"tổng|đạt|tự\s+chấm|tự\s+đánh\s+giá|=", ctx.folded[line_start : m.start()]):
                continue
            if re.search(r"tối\s+đa|không\s+quá", ctx.folded[line_start : m.start()]):
                continue
            yield Hit(m.start(), m.end(), {"bonus": format_score(score_value(m["b"]))}, variant="no_bonus_row")
            break


def _duplicates(grouped: ScoreSheet) -> Iterator[Hit]:
    groups: list[tuple[str, list[ScoreRow]]] = []
    for crit in grouped.criteria.values():
        groups.append((f"Tiêu chí {crit.number}", crit.rows))
        for number, rows in crit.items.items():
            groups.append(
                (f"Tiêu chí {crit.number}, {rows[0].label}" if rows else f"Nội dung {number}", rows)
            )
    for label, rows in groups:
        if len(rows) < 2:
            continue
        conflict = False
        for column, who, who_en in COLUMNS:
            _, _, clash = single(rows, column)
            if clash:
                conflict = True
                values = ", ".join(t or "" for t in (cell(r, column)[1] for r in rows))
                start, end = cell_span(rows[1], column)
                yield Hit(
                    start,
                    end,
                    {"label": label, "who": who, "who_en": who_en, "values": values},
                    variant="conflict",
                )
        if not conflict:
            yield Hit(rows[1].start, rows[1].end, {"label": label}, variant="twice")
    # the bonus written on its heading row and again on its description row must agree
    heads = [r for r in grouped.bonus if r.kind == "bonus"]
    texts = [r for r in grouped.bonus if r.kind == "bonus_text" and r.self_score is not None]
    if len(heads) == 1 and len(texts) == 1:
        for column, who, who_en in COLUMNS:
            a, b = cell(heads[0], column)[0], cell(texts[0], column)[0]
            if a is not None and b is not None and a != b:
                start, end = cell_span(texts[0], column)
                yield Hit(
                    start,
                    end,
                    {"label": "Điểm thưởng", "who": who, "who_en": who_en, "values": f"{format_score(a)}, {format_score(b)}"},
                    variant="conflict",
                )


def _caps(grouped: ScoreSheet, fw: Framework, framework_name: str) -> Iterator[Hit]:
    def compare(row: ScoreRow, label: str, cap: Decimal) -> Iterator[Hit]:
        if row.cap is not None and row.cap != cap:
            start, end = cell_span(row, "cap")
            yield Hit(
                start,
                end,
                {"label": label, "table": format_score(row.cap), "cap": format_score(cap), "framework": framework_name},
            )

    for number, crit in grouped.criteria.items():
        spec = fw.criterion(number)
        if spec is None:
            continue
        for row in crit.rows:
            yield from compare(row, f"Tiêu chí {number}", spec.cap)
        for item_no, rows in crit.items.items():
            item = next((i for i in spec.items if i.id == str(item_no)), None)
            if item is None:
                continue
            for row in rows:
                yield from compare(row, f"Tiêu chí {number}, {row.label}", item.cap)
    if fw.total_max is not None and grouped.totals:
        total_row = grouped.totals[0]
        left_out = grouped.unscored_cap()
        # a table that leaves "không chấm" items out may give the self-scored maximum (84,5 of 100)
        if not (left_out and total_row.cap == fw.total_max - left_out):
            yield from compare(total_row, total_row.label, fw.total_max)
    if fw.bonus_cap > 0:
        for row in grouped.bonus:
            if row.kind == "bonus":
                yield from compare(row, fw.bonus_label, fw.bonus_cap)
    if fw.penalty_cap > 0:
        for row in grouped.penalty:
            yield from compare(row, fw.penalty_label, fw.penalty_cap)


# ----------------------------------------------------------------------------------------------
# DG008: full marks for a criterion whose own narrative admits a shortfall
# ----------------------------------------------------------------------------------------------
# Phrases in which an agency admits it has not done something (rules/lexicon/shortfall.toml).
@from_rule_data
def _shortfall() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{phrase_pattern(load_lexicon().shortfall.phrases)})\b", re.IGNORECASE)


# Where the phrases can start: their first words in the lower-cased sentence. Both patterns are
# case-insensitive and led by a letter (or a \b), so `re` tried them at every character of every
# sentence of a criterion's section; a literal-led search of the lower-cased text skips in C. Exact for
# words whose letters `re` folds only to what `lower()` gives (Kelvin sign → k included); any other
# first word keeps the plain scan.
def _lowered_exactly(word: str) -> bool:
    return all(_plain(ch) or ch.lower() == "k" for ch in word)


@from_rule_data
def _shortfall_starts() -> re.Pattern[str] | None:
    firsts = {p.split()[0].lower() for p in load_lexicon().shortfall.phrases}
    return anchors(firsts) if all(map(_lowered_exactly, firsts)) else None


# "chưa có vụ việc nào", "không phát sinh": nothing happened that the criterion asks to handle; a
# sentence that says so explains its "chưa" ("…cho nên chưa có văn bản tham mưu") and admits nothing.
# Only events count: "chưa có mô hình nào" is a thing the agency was asked to build, so it stays a shortfall.
_NOTHING_HAPPENED = re.compile(
    r"(?:chưa|không)\s+(?:có\s+)?(?:phát\s+sinh|xảy\s+ra)"
    r"|(?:chưa|không)\s+có\s+(?:\w+\s+){0,3}?(?:vụ\s+việc|trường\s+hợp|đơn|khiếu\s+nại|tố\s+cáo|khiếu\s+kiện"
    r"|vi\s+phạm|sai\s+phạm|tai\s+nạn|sự\s+cố|phản\s+ánh|kiến\s+nghị|ý\s+kiến|tụ\s+tập|điểm\s+nóng)"
    r"|không\s+(?:có|để)\s+(?:\w+\s+){0,4}?(?:xảy\s+ra|vi\s+phạm)",
    re.IGNORECASE,
)
_NOTHING_HAPPENED_STARTS = anchors(["chưa", "không"], not_after="")  # every branch starts so
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if end > pos:
        yield pos, end


# "Nếu/Trường hợp … chưa có quy chế thì …", "những nơi chưa xây dựng …": a rule or a condition, not an
# admission about the agency itself.
_CONDITION_BEFORE = re.compile(
    r"(?:\bnếu|trường\s+hợp|những\s+nơi|các\s+nơi|nơi\s+nào|đơn\s+vị\s+nào|cơ\s+quan\s+nào)\s+(?:\S+\s+){0,5}$",
    re.IGNORECASE,
)
# "Năm trước chưa xây dựng quy chế, nay đã ban hành …": the shortfall was made good within the year.
_REMEDIED_AFTER = re.compile(
    r"\b(?:nay|hiện\s+nay|đến\s+nay|sau\s+đó)\s+(?:\S+\s+){0,3}?đã\b|đã\s+(?:được\s+)?khắc\s+phục",
    re.IGNORECASE,
)


def shortfall_sentences(
    text: str, start: int, end: int, *, plain: bool = False, lowered: str | None = None
) -> Iterator[tuple[int, int]]:
    """Sentences in [start, end) where the agency admits it has not done something (`plain`: with the
    patterns tried at every character, as the tests compare). `lowered`: `text` lower-cased with the same
    offsets (the report's), whose slices stand for each sentence's lower-cased form (their anchor words
    are Vietnamese: no letter of theirs lowers otherwise inside a sentence than in the whole text)."""
    shortfall, starts = _shortfall(), None if plain else _shortfall_starts()
    for s, e in _sentences(text, start, end):
        sentence = text[s:e]
        if plain or starts is None:
            nothing, found = _NOTHING_HAPPENED.search(sentence), shortfall.finditer(sentence)
        else:
            low = lower(sentence) if lowered is None else lowered[s:e]
            nothing = next(finditer_anchored(_NOTHING_HAPPENED, _NOTHING_HAPPENED_STARTS, sentence, low), None)
            found = finditer_anchored(shortfall, starts, sentence, low)
        if nothing:
            continue
        for m in found:
            if _CONDITION_BEFORE.search(sentence[: m.start()]) or _REMEDIED_AFTER.search(sentence[m.end() :]):
                continue
            yield s, e
            break


def _scored(
    ctx: Context,
    grouped: ScoreSheet | None,
    prose: dict[tuple[int, int | None], StatedScore],
    criterion: int,
    item: int | None,
) -> tuple[Decimal, Decimal, str] | None:
    """(self score, cap, label) of the item a sentence is about, else of its criterion; None when unscored.

    The table wins over prose. A criterion row without a self score takes its items' sum; duplicates
    that disagree give nothing (DG007's). Prose scores take their cap from the scale written with them
    ("10/10 điểm"), else from the framework.
    """
    label = f"Tiêu chí {criterion}"
    crit = grouped.criteria.get(criterion) if grouped is not None else None
    if crit is not None:
        if item is not None and item in crit.items:
            rows = crit.items[item]
            value, _, conflict = single(rows, "self")
            cap, _, cap_conflict = single(rows, "cap")
            if value is not None and cap is not None and not conflict and not cap_conflict:
                return value, cap, f"{label}, {rows[0].label}"
        value, _ = crit.value("self")
        cap, _ = crit.value("cap")
        return (value, cap, label) if value is not None and cap is not None else None
    for scope in ((criterion, item), (criterion, None)) if item is not None else ((criterion, None),):
        stated = prose.get(scope)
        if stated is None:
            continue
        cap = stated.scale if stated.scale is not None else framework_cap(ctx.framework, *scope)
        if cap is None:
            continue
        return stated.value, cap, label if scope[1] is None else f"{label}, Nội dung {scope[1]}"
    return None


@rule(
    "DG008",
    name="full-marks-despite-shortfall",
    severity="warning",
    summary_vi="Tự chấm điểm tối đa cho tiêu chí mà phần thuyết minh của chính tiêu chí đó nêu việc chưa làm",
    summary_en="Full marks claimed for a criterion whose own narrative admits a shortfall",
    message_vi="{label} tự chấm đủ {score}/{cap} điểm nhưng phần thuyết minh ghi: “{sentence}”; xem lại điểm tự chấm",
    message_en="{label} claims full marks ({score}/{cap}) but its narrative says: “{sentence}”",
    variants={
        "total": (
            "Báo cáo tự chấm tổng {score}/{cap} điểm (điểm tối đa) nhưng phần thuyết minh {label} ghi: "
            "“{sentence}”; xem lại điểm tự chấm",
            "The report claims the maximum total ({score}/{cap}) but the narrative of {label} says: “{sentence}”",
        ),
    },
    explanation="""
Khi phần thuyết minh của một tiêu chí (mục "1. Tiêu chí 1", "1.2. Nội dung 2") tự nhận còn việc chưa làm
("chưa xây dựng", "chưa có", "chưa thực hiện", "không thực hiện được", "chưa được thực hiện đầy đủ")
mà báo cáo vẫn tự chấm điểm tối đa cho tiêu chí hay nội dung đó, người rà soát nên xem lại trước khi
chấp nhận điểm. Câu chỉ nói không phát sinh việc ("chưa có vụ việc nào"), câu nêu điều kiện ("nếu chưa có quy chế
thì…", "những nơi chưa xây dựng…") và việc đã khắc phục trong năm ("…, đến nay đã ban hành") không bị
coi là thiếu sót.
Điểm của tiêu chí lấy từ bảng chấm điểm, nếu không có bảng thì từ lời văn trong chính mục đó ("Tự chấm:
10/10 điểm"; điểm chuẩn theo thang ghi kèm hoặc theo khung). Báo cáo chỉ ghi tổng điểm thì chỉ cảnh báo
khi tổng bằng điểm tối đa của khung (mỗi tiêu chí một câu); tiêu chí không có điểm ở đâu cả thì bỏ qua.
Quy tắc chỉ chạy khi phần thuyết minh chia mục theo tiêu chí.
""",
    bad=(
        "1. Tiêu chí 1: Quán triệt văn bản\nCơ quan chưa xây dựng Quy chế công tác dân vận.\n\n"
        + _T
        + "1\tTiêu chí 1\t10\t10\t\t\n"
    ),
    good=(
        "1. Tiêu chí 1: Quán triệt văn bản\nCơ quan chưa có vụ việc nào phải giải quyết.\n\n"
        + _T
        + "1\tTiêu chí 1\t10\t10\t\t\n"
    ),
)
def check_shortfall(ctx: Context) -> Iterator[Hit]:
    scopes = ctx.score.scopes
    if not scopes:
        return  # the narrative is not organised by criteria: no sentence can be tied to a score
    grouped = ctx.score.sheet
    figures = ctx.score.prose_scores
    prose: dict[tuple[int, int | None], StatedScore] = {}
    for f in figures:
        if f.scope is not None:
            prose.setdefault(f.scope, f)  # the first figure a section gives for itself
    table = ctx.doc.score_table
    body_end = ctx.doc.body_end or len(ctx.text)
    # Only a total: full marks overall (the framework's maximum) vouch for every criterion.
    full_total: StatedScore | None = None
    maximum = framework_max(ctx.framework)
    if (grouped is None or not grouped.criteria) and not prose and maximum is not None:
        full_total = next((f for f in figures if f.scope is None and f.value >= maximum), None)
    warned: set[int] = set()
    for scope in scopes.criteria:  # sentences are walked once, from their criterion's section
        for s, e in shortfall_sentences(ctx.text, scope.start, min(scope.end, body_end), lowered=ctx.lowered):
            if s < scope.start or (table is not None and table.start <= s <= table.end):
                continue
            if s < _heading_end(ctx, scope.start):
                continue  # the heading names the criterion; it admits nothing
            inner = scopes.at(s)
            item = inner.item if inner is not None and inner.criterion == scope.criterion else None
            sentence = ctx.text[s:e].strip()
            quoted = sentence if len(sentence) <= 200 else sentence[:197] + "…"
            if full_total is not None and maximum is not None:
                if scope.criterion in warned:
                    continue
                warned.add(scope.criterion)
                args = {
                    "label": f"Tiêu chí {scope.criterion}",
                    "score": format_score(full_total.value),
                    "cap": format_score(maximum),
                    "sentence": quoted,
                }
                yield Hit(s, e, args, variant="total")
                continue
            found = _scored(ctx, grouped, prose, scope.criterion, item)
            if found is None:
                continue  # no score anywhere for this criterion: nothing to question
            value, cap, label = found
            if value < cap:
                continue
            yield Hit(s, e, {"label": label, "score": format_score(value), "cap": format_score(cap), "sentence": quoted})


def _heading_end(ctx: Context, start: int) -> int:
    end = ctx.text.find("\n", start)
    return len(ctx.text) if end < 0 else end


# ----------------------------------------------------------------------------------------------
# For the JSON report (checker/api.py `_meta`)
# ----------------------------------------------------------------------------------------------


# The rules of this module: the engine registers exactly these (checker/categories.py names the module).
RULES = [
    check_caps,  # DG001
    check_items_sum,  # DG002
    check_total,  # DG003
    check_final_figure,  # DG004
    check_stated_total,  # DG005
    check_classification,  # DG006
    check_framework,  # DG007
    check_shortfall,  # DG008
]
