"""Rules that read a report together with the files sent with it (same folder, or one .zip bundle)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from checker.context import Context, Options
from checker.engine import Hit, rule
from checker.facts.score import ScoreSheet
from checker.numbers import agrees, decimals_written, format_score

SHEET_FORMATS = ("xlsx", "xls", "ods")


@functools.lru_cache(maxsize=16)
def _sheet_finals(path: str, stamp: float) -> tuple[tuple[Decimal, int], ...] | None:
    """The self-scored finals (total, total + bonus) of a score sheet file, or None when it has no
    score table or cannot be read. `stamp` (its modification time) keys the cache."""
    from checker.document import build_document
    from checker.ingest import IngestError, read_path

    try:
        src = read_path(path)
    except IngestError:
        return None
    doc = build_document(src)
    if doc.score_table is None:
        return None
    sheet = ScoreSheet.of(doc.score_table)
    return tuple(sheet.finals()) or None


def _stamp(path: str) -> float:
    from checker.ingest.bundle import split

    parts = split(path)
    try:
        return Path(parts[0] if parts else path).stat().st_mtime
    except OSError:
        return 0.0


def companion_sheets(ctx: Context) -> list[tuple[str, tuple[tuple[Decimal, int], ...]]]:
    """The score sheets sent with this report that hold a score table, with their finals."""
    options: Options = ctx.options
    out = []
    for path in getattr(options, "companions", {}).get(ctx.src.path, []):
        finals = _sheet_finals(path, _stamp(path))
        if finals:
            out.append((path, finals))
    return out


@rule(
    "DG020",
    name="total-vs-score-sheet",
    severity="error",
    summary_vi="Tổng điểm tự chấm ghi trong báo cáo khác bảng tính chấm điểm gửi kèm",
    summary_en="The self-assessed total in the report differs from the score sheet sent with it",
    message_vi="Tổng điểm tự chấm ghi {stated} nhưng bảng tính gửi kèm {sheet} cho {table}; sửa cho khớp",
    message_en="The self-assessed total is stated as {stated} but the accompanying score sheet {sheet} gives {table_en}",
    explanation="""
Báo cáo tự chấm điểm thường gửi kèm bảng tự chấm dạng Excel (.xlsx, .xls, .ods) trong cùng thư mục
hoặc cùng tệp .zip. Khi báo cáo không có bảng điểm riêng, tổng điểm ghi trong lời văn ("tự chấm tổng
cộng 85 điểm") phải bằng dòng Tổng cộng của bảng tính gửi kèm, hoặc Tổng cộng cộng điểm thưởng. Chỉ so
khi gửi kèm đúng một bảng tính có bảng chấm điểm (nhiều bảng tính thì không biết bảng nào là của báo
cáo). Số được so theo độ chính xác đã viết.
""",
    bad="bao-cao.docx: \"… tự chấm tổng cộng 17 điểm\"; bang-diem.xlsx gửi kèm: Tổng cộng 20 | 18,5 …",
    good="bao-cao.docx: \"… tự chấm tổng cộng 18,5 điểm\"; bang-diem.xlsx gửi kèm: Tổng cộng 20 | 18,5 …",
)
def check_total_against_sheet(ctx: Context) -> Iterator[Hit]:
    if ctx.doc.score_table is not None or ctx.src.format in SHEET_FORMATS:
        return  # the report's own table is checked by DG005
    totals = ctx.score.prose_totals
    if not totals:
        return
    sheets = companion_sheets(ctx)
    if len(sheets) != 1:
        return  # none, or several: which one belongs to the report is not certain
    path, finals = sheets[0]
    name = Path(path.rsplit(" › ", 1)[-1]).name
    for s in totals:
        dec = decimals_written(s.text)
        if not any(agrees(v, s.value, max(dec, d)) for v, d in finals):
            shown = [format_score(v) for v, _ in finals]
            yield Hit(
                s.start,
                s.end,
                {"stated": format_score(s.value), "sheet": name, "table": " hoặc ".join(shown), "table_en": " or ".join(shown)},
            )


# The rules of this module: the engine registers exactly these (checker/categories.py names the module).
RULES = [
    check_total_against_sheet,  # DG020
]
