"""Scoring rules DG001–DG008 on small reports written for them, on every table shape, and on the seeds."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from checker import check
from checker.report import FileReport

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
HEAD = "TT\tNội dung\tChuẩn\tTự chấm\tTổ kiểm tra chấm\tGhi chú\n"
BG = "Thực hiện Quyết định số 274/QĐ-UBND ngày 26/5/2017 của UBND tỉnh Bắc Giang, cơ quan tự chấm điểm như sau.\n\n"
BK = "Thực hiện Quyết định số 1878-QĐ/TU ngày 30/10/2017 của Ban Thường vụ Tỉnh ủy Bắc Kạn.\n"


def run(text: str, select: str = "DG", **options: object) -> FileReport:
    report = check(text.encode("utf-8"), name="r.txt", select=[select], **options)
    assert report.error is None, report.error
    return report


def codes(report: FileReport) -> list[str]:
    return [f.rule for f in report.findings]


def table(*rows: str, head: str = HEAD) -> str:
    return head + "".join(r + "\n" for r in rows)


# A consistent two-criterion table with half points and an empty inspector column.
GOOD = table(
    "1\tTiêu chí 1\t10\t9,5\t\t",
    "Nội dung 1\tQuán triệt văn bản\t5\t4,5\t\t",
    "Nội dung 2\tBan hành quy chế\t5\t5\t\t",
    "2\tTiêu chí 2\t10\t10\t\t",
    "Nội dung\tPhối hợp với Mặt trận\t10\t10\t\t",
    "\tTổng cộng\t20\t19,5\t\t",
    "3\tĐiểm thưởng\t10\t5\t\t",
)


def test_consistent_table_with_half_points_and_empty_inspector_column_is_clean() -> None:
    text = GOOD + "\nTổng đạt được: 19,5 điểm + 5 điểm thưởng = 24,5 điểm\n"
    assert codes(run(text)) == []


# -- DG001 ------------------------------------------------------------------------------------
def test_dg001_score_above_cap_negative_and_not_a_number() -> None:
    text = table(
        "1\tTiêu chí 1\t10\t11\t\t",
        "2\tTiêu chí 2\t10\t-1\t\t",
        "3\tTiêu chí 3\t10\tđạt\t\t",
        "4\tTiêu chí 4\t10\t4.5\t12\t",
    )
    found = run(text, "DG001").findings
    assert len(found) == 4
    assert any("vượt điểm chuẩn 10" in f.message for f in found)
    assert any("số âm" in f.message for f in found)
    assert any("không phải là số" in f.message for f in found)
    assert any("Tổ kiểm tra chấm" in f.message for f in found)


def test_dg001_silent_at_the_cap() -> None:
    assert codes(run(table("1\tTiêu chí 1\t10\t10\t10\t", "2\tTiêu chí 2\t10\t5,0\t4.5\t"), "DG001")) == []


# -- DG002 ------------------------------------------------------------------------------------
def test_dg002_items_do_not_sum_self_and_inspector() -> None:
    text = table(
        "1\tTiêu chí 1\t10\t10\t9\t",
        "Nội dung 1\tA\t5\t5\t4\t",
        "Nội dung 2\tB\t5\t4\t4\t",
    )
    found = run(text, "DG002").findings
    assert len(found) == 2
    assert all("Tiêu chí 1" in f.message for f in found)
    assert any("tự chấm ghi 10" in f.message and "5 + 4 = 9" in f.message for f in found)
    assert any("Tổ kiểm tra chấm ghi 9" in f.message and "4 + 4 = 8" in f.message for f in found)
    # the finding points at the criterion's cell
    assert found[0].line == 2


def test_dg002_single_item_criterion() -> None:
    bad = table("7\tTiêu chí 7\t10\t10\t\t", "Nội dung\tPhối hợp\t10\t8\t\t")
    good = table("7\tTiêu chí 7\t10\t8\t\t", "Nội dung\tPhối hợp\t10\t8\t\t")
    assert codes(run(bad, "DG002")) == ["DG002"]
    assert codes(run(good, "DG002")) == []


def test_dg002_half_point_is_not_rounded_away() -> None:
    bad = table("1\tTiêu chí 1\t10\t10\t\t", "Nội dung 1\tA\t5\t4,5\t\t", "Nội dung 2\tB\t5\t5\t\t")
    assert codes(run(bad, "DG002")) == ["DG002"]


def test_dg002_scores_written_5_0_and_4_point_5() -> None:
    text = table("1\tTiêu chí 1\t10,0\t9,5\t\t", "Nội dung 1\tA\t5,0\t5,0\t\t", "Nội dung 2\tB\t5\t4.5\t\t")
    assert codes(run(text, "DG")) == []


# -- DG003 ------------------------------------------------------------------------------------
def test_dg003_criteria_do_not_sum_to_total() -> None:
    text = table("1\tTiêu chí 1\t10\t9\t\t", "2\tTiêu chí 2\t10\t10\t\t", "\tTổng cộng\t20\t20\t\t")
    found = run(text, "DG003").findings
    assert len(found) == 1 and "bằng 19" in found[0].message
    assert found[0].evidence.startswith("Tổng cộng")


def test_dg003_names_the_criterion_written_off_its_items() -> None:
    # Tiêu chí 1 says 14 but its items add up to 9: the total (19) is right, the criterion is the typo
    rows = ("1\tTiêu chí 1\t10\t14\t\t", "Nội dung 1\tA\t5\t4\t\t", "Nội dung 2\tB\t5\t5\t\t",
            "2\tTiêu chí 2\t10\t10\t\t")
    found = run(table(*rows, "\tTổng cộng\t20\t19\t\t"), "DG003").findings
    assert len(found) == 1
    assert "Tiêu chí 1 ghi 14" in found[0].message and "sửa Tiêu chí 1 thành 9" in found[0].message
    # the total is wrong as well (the items' sum does not make it agree): the plain message
    found = run(table(*rows, "\tTổng cộng\t20\t25\t\t"), "DG003").findings
    assert len(found) == 1 and "sửa tổng thành 24" in found[0].message


def test_dg003_cap_column_too() -> None:
    text = table("1\tTiêu chí 1\t10\t9\t\t", "2\tTiêu chí 2\t10\t10\t\t", "\tTổng cộng\t30\t19\t\t")
    found = run(text, "DG003").findings
    assert len(found) == 1 and "chuẩn" in found[0].message


def test_dg003_bonus_row_after_total_is_not_added() -> None:
    text = table(
        "1\tTiêu chí 1\t10\t9\t\t",
        "2\tTiêu chí 2\t10\t10\t\t",
        "\tTổng cộng\t20\t19\t\t",
        "3\tĐiểm thưởng\t10\t10\t\t",
        "\tCơ quan có cách làm hay được cấp trên ghi nhận\t10\t10\t\t",
    )
    assert codes(run(text)) == []


def test_dg003_final_row_after_bonus() -> None:
    rows = ("1\tTiêu chí 1\t10\t9\t\t", "\tTổng cộng\t10\t9\t\t", "2\tĐiểm thưởng\t10\t5\t\t")
    assert codes(run(table(*rows, "\tTổng điểm\t20\t15\t\t"), "DG003")) == ["DG003"]
    assert codes(run(table(*rows, "\tTổng điểm\t20\t14\t\t"), "DG003")) == []


def test_dg003_duplicate_criteria_that_disagree_are_not_summed() -> None:
    text = table(
        "1\tTiêu chí 1\t10\t9\t\t",
        "1\tTiêu chí 1\t10\t10\t\t",
        "2\tTiêu chí 2\t10\t10\t\t",
        "\tTổng cộng\t20\t20\t\t",
    )
    report = run(text)
    assert "DG003" not in codes(report)
    conflict = [f for f in report.findings if f.rule == "DG007"]
    assert len(conflict) == 1 and "hai lần" in conflict[0].message and "9, 10" in conflict[0].message


# -- DG004 ------------------------------------------------------------------------------------
def test_dg004_arithmetic() -> None:
    found = run("Tổng đạt được: 89 điểm + 10 điểm thưởng = 98 điểm\n", "DG004").findings
    assert len(found) == 1 and "89 + 10 = 99" in found[0].message
    assert codes(run("Tổng đạt được: 89 điểm + 10 điểm thưởng = 99 điểm\n", "DG004")) == []


def test_dg004_terms_against_the_table() -> None:
    base = table("1\tTiêu chí 1\t10\t9\t\t", "\tTổng cộng\t10\t9\t\t", "2\tĐiểm thưởng\t10\t5\t\t")
    found = run(base + "\nTổng đạt được: 10 điểm + 4 điểm thưởng = 14 điểm\n", "DG004").findings
    messages = " | ".join(f.message for f in found)
    assert len(found) == 2, messages
    assert "Tổng cộng" in messages and "(9)" in messages and "(5)" in messages
    assert codes(run(base + "\nTổng đạt được: 9 điểm + 5 điểm thưởng = 14 điểm\n", "DG004")) == []


# -- DG005 ------------------------------------------------------------------------------------
def test_dg005_prose_total_against_table() -> None:
    base = table("1\tTiêu chí 1\t10\t9\t\t", "\tTổng cộng\t10\t9\t\t")
    found = run(base + "\nTổng số điểm cơ quan tự đánh giá: 10 điểm.\n", "DG005").findings
    assert len(found) == 1 and "10" in found[0].message and "9" in found[0].message
    assert codes(run(base + "\nTổng số điểm cơ quan tự đánh giá: 9 điểm.\n", "DG005")) == []


def test_dg005_total_plus_bonus_is_accepted() -> None:
    base = table("1\tTiêu chí 1\t10\t9\t\t", "\tTổng cộng\t10\t9\t\t", "2\tĐiểm thưởng\t10\t5\t\t")
    assert codes(run(base + "\nCơ quan tự chấm điểm đạt 14/20 điểm.\n", "DG005")) == []
    assert codes(run(base + "\nCơ quan tự chấm điểm đạt 9 điểm.\n", "DG005")) == []


def test_dg005_against_framework_maximum_and_scale() -> None:
    text = BG + "Năm 2023, cơ quan tự chấm điểm đạt 105/100 điểm.\n"
    found = run(text, "DG005").findings
    assert len(found) == 1 and "vượt điểm tối đa 100" in found[0].message
    found = run(BG + "Năm 2023, cơ quan tự chấm điểm đạt 95/90 điểm.\n", "DG005").findings
    assert len(found) == 1 and "/100" in found[0].message
    assert codes(run(BG + "Năm 2023, cơ quan tự chấm điểm đạt 95/100 điểm.\n", "DG005")) == []


def test_dg005_item_scores_in_prose_are_not_totals() -> None:
    base = table("1\tTiêu chí 1\t10\t9\t\t", "\tTổng cộng\t10\t9\t\t")
    assert codes(run(base + "\nTiêu chí 1 cơ quan tự chấm đạt 9 điểm.\n", "DG005")) == []


# -- DG006 ------------------------------------------------------------------------------------
def test_dg006_classification_against_bands() -> None:
    bad = BK + "Tổng số điểm cơ quan tự chấm đạt 78 điểm.\nXếp loại: Tốt\n"
    found = run(bad, "DG006").findings
    assert len(found) == 1 and "“Khá”" in found[0].message and "“Tốt”" in found[0].message
    assert codes(run(BK + "Tổng số điểm cơ quan tự chấm đạt 85 điểm, xếp loại Tốt.\n", "DG006")) == []
    # a score no verified band covers: say nothing rather than guess
    assert codes(run(BK + "Tổng số điểm cơ quan tự chấm đạt 60 điểm.\nXếp loại: Tốt\n", "DG006")) == []


def test_dg006_silent_without_bands_and_note_says_so() -> None:
    text = BG + "Tổng số điểm cơ quan tự chấm đạt 60 điểm.\nXếp loại: Hoàn thành xuất sắc\n"
    report = run(text)
    assert "DG006" not in codes(report)
    assert report.report is not None and report.report.framework == "bac-giang-274-2017"
    assert "DG006" in (report.report.framework_note or "")
    assert report.report.classification == "Hoàn thành xuất sắc"
    assert report.report.self_total == "60"


def test_self_total_is_the_final_figure_with_the_bonus() -> None:
    text = BG + "Tổng điểm tự chấm: 88 điểm + 2 điểm thưởng = 90 điểm.\nXếp loại: Tốt\n"
    assert run(text).report.self_total == "90"
    # a prose total written after the final figure is the report's last word
    text = BG + "Tự chấm: 88 điểm + 2 điểm thưởng = 90 điểm.\nTổng số điểm cơ quan tự chấm đạt 91 điểm.\n"
    assert run(text).report.self_total == "91"


def test_dg006_other_units_classification_is_not_the_reports_own() -> None:
    text = (
        BK + "Tổng số điểm cơ quan tự chấm đạt 85 điểm.\nCó 12 xã xếp loại Khá và 3 xã xếp loại Trung bình.\n"
    )
    assert codes(run(text, "DG006")) == []


# -- DG007 ------------------------------------------------------------------------------------
def _bg_table(*overrides: str) -> str:
    """A complete Bắc Giang 274 table (9 × 10, criterion 7 a single item), consistent unless overridden."""
    rows = []
    for n in range(1, 10):
        rows.append(f"{n}\tTiêu chí {n}\t10\t10\t\t")
        if n == 7:
            rows.append("Nội dung\tPhối hợp với Mặt trận\t10\t10\t\t")
        else:
            rows += ["Nội dung 1\tViệc thứ nhất\t5\t5\t\t", "Nội dung 2\tViệc thứ hai\t5\t5\t\t"]
    rows += ["\tTổng cộng\t90\t90\t\t", "10\tĐiểm thưởng\t10\t10\t\t"]
    text = "\n".join(rows)
    for override in overrides:
        old, new = override.split("=>")
        text = text.replace(old, new, 1)
    return BG + HEAD + text + "\n"


def test_dg007_complete_framework_table_is_clean() -> None:
    assert codes(run(_bg_table() + "\nTổng đạt được: 90 điểm + 10 điểm thưởng = 100 điểm\n")) == []


def test_dg007_cap_differs_from_framework() -> None:
    text = _bg_table("Nội dung\tPhối hợp với Mặt trận\t10\t10=>Nội dung\tPhối hợp với Mặt trận\t8\t8")
    found = run(text, "DG007").findings
    assert len(found) == 1 and "Tiêu chí 7" in found[0].message and "quy định 10" in found[0].message


def test_dg007_criterion_missing_and_unknown() -> None:
    text = _bg_table("9\tTiêu chí 9=>12\tTiêu chí 12")
    messages = [f.message for f in run(text, "DG007").findings]
    assert any("thiếu Tiêu chí 9" in m for m in messages)
    assert any("Tiêu chí 12 không có" in m for m in messages)


def test_dg007_criterion_twice_with_the_same_scores() -> None:
    text = table("1\tTiêu chí 1\t10\t9\t\t", "1\tTiêu chí 1\t10\t9\t\t")
    found = run(text, "DG007").findings
    assert len(found) == 1 and "ghi hai lần" in found[0].message


def test_dg007_bonus_claimed_without_bonus_row() -> None:
    base = table("1\tTiêu chí 1\t10\t9\t\t", "\tTổng cộng\t10\t9\t\t")
    found = run(base + "\nTổng đạt được: 9 điểm + 5 điểm thưởng = 14 điểm\n", "DG007").findings
    assert len(found) == 1 and "điểm thưởng" in found[0].message
    assert codes(run(base + "\nTổng đạt được: 9 điểm.\n", "DG007")) == []


# -- DG008 ------------------------------------------------------------------------------------
NARRATIVE = (
    "1. Tiêu chí 1: Quán triệt, triển khai văn bản\n"
    "1.1. Nội dung 1: Quán triệt văn bản\n"
    "Cơ quan đã quán triệt đầy đủ các văn bản của cấp trên.\n"
    "1.2. Nội dung 2: Quy chế công tác dân vận\n"
    "{sentence}\n"
    "2. Tiêu chí 2: Tiếp công dân\n"
    "Trong năm chưa có vụ việc nào phát sinh, cho nên chưa có văn bản trả lời.\n\n"
)


def _dg008(sentence: str, item2: str = "5") -> FileReport:
    total = 5 + int(item2)
    text = NARRATIVE.format(sentence=sentence) + table(
        f"1\tTiêu chí 1\t10\t{total}\t\t",
        "Nội dung 1\tA\t5\t5\t\t",
        f"Nội dung 2\tB\t5\t{item2}\t\t",
        "2\tTiêu chí 2\t10\t10\t\t",
        f"\tTổng cộng\t20\t{total + 10}\t\t",
    )
    return run(text, "DG008")


@pytest.mark.parametrize(
    "sentence",
    [
        "Cơ quan chưa xây dựng Quy chế công tác dân vận.",
        "Cơ quan chưa có kế hoạch thực hiện quy chế.",
        "Việc rà soát quy chế chưa thực hiện trong năm.",
        "Kế hoạch tuyên truyền không thực hiện được do thiếu kinh phí.",
        "Quy chế chưa được thực hiện đầy đủ.",
    ],
)
def test_dg008_full_marks_despite_shortfall(sentence: str) -> None:
    found = _dg008(sentence).findings
    assert len(found) == 1, [f.message for f in found]
    assert sentence in found[0].message and "Tiêu chí 1, Nội dung 2" in found[0].message
    assert found[0].severity == "warning"


def test_dg008_nothing_happened_is_not_a_shortfall() -> None:
    assert _dg008("Cơ quan chưa có vụ việc nào liên quan đến quy chế.").findings == []


def test_dg008_silent_when_the_item_did_not_get_full_marks() -> None:
    assert _dg008("Cơ quan chưa xây dựng Quy chế công tác dân vận.", item2="3").findings == []


def test_dg008_silent_without_a_table() -> None:
    text = NARRATIVE.format(sentence="Cơ quan chưa xây dựng Quy chế công tác dân vận.")
    text += "Tổng số điểm cơ quan tự đánh giá: 100 điểm.\n"
    assert codes(run(text, "DG008")) == []


# -- table shapes -----------------------------------------------------------------------------
def test_rows_broken_across_a_page_break() -> None:
    text = table(
        "1\tTiêu chí 1\t10\t9\t\t",
        "Nội\tQuán triệt các văn bản của cấp trên\t5\t4\t\t",
        "",
        "dung 1\tvà tổ chức thực hiện\t\t\t\t",
        "Nội dung 2\tBan hành quy chế\t5\t5\t\t",
        "\tTổng cộng\t10\t9\t\t",
    )
    report = run(text)
    assert codes(report) == []
    bad = text.replace("1\tTiêu chí 1\t10\t9", "1\tTiêu chí 1\t10\t10").replace(
        "Tổng cộng\t10\t9", "Tổng cộng\t10\t10"
    )
    assert codes(run(bad)) == ["DG002"]


def test_markdown_pipe_table() -> None:
    text = (
        "| TT | Nội dung | Chuẩn | Tự chấm | Tổ kiểm tra chấm | Ghi chú |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | Tiêu chí 1 | 10 | 10 | | |\n"
        "| Nội dung 1 | Quán triệt | 5 | 5 | | |\n"
        "| Nội dung 2 | Quy chế | 5 | 4 | | |\n"
        "| | Tổng cộng | 10 | 10 | | |\n"
    )
    report = run(text)
    assert codes(report) == ["DG002"], [f.message for f in report.findings]
    assert codes(run(text.replace("| 5 | 4 |", "| 5 | 5 |"))) == []


def test_criteria_by_number_only() -> None:
    text = table(
        "1\tLãnh đạo, chỉ đạo\t10\t9\t\t", "2\tThực hiện quy chế\t10\t10\t\t", "\tTổng cộng\t20\t20\t\t"
    )
    assert codes(run(text)) == ["DG003"]


def _docx(rows: list[list[str]], after: str = "") -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("BẢNG CHẤM ĐIỂM CÔNG TÁC DÂN VẬN NĂM 2023")
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    if after:
        document.add_paragraph(after)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_table() -> None:
    rows = [
        ["TT", "Nội dung", "Chuẩn", "Tự chấm", "Tổ kiểm tra chấm", "Ghi chú"],
        ["1", "Tiêu chí 1. Lãnh đạo", "10", "10", "", ""],
        ["Nội dung 1", "Quán triệt", "5", "5", "", ""],
        ["Nội dung 2", "Quy chế", "5", "4", "", ""],
        ["", "Tổng cộng", "10", "10", "", ""],
    ]
    report = check(_docx(rows), name="x.docx", select=["DG"])
    assert report.error is None, report.error
    assert codes(report) == ["DG002"]
    assert report.findings[0].location  # table/row/column of the cell at fault
    rows[3][3] = "5"
    assert codes(check(_docx(rows), name="x.docx", select=["DG"])) == []


# -- seeds ------------------------------------------------------------------------------------
def _seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("thư mục ../shared/seeds không có: bỏ qua các kiểm thử trên báo cáo thật")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"không có báo cáo mẫu {prefix}_*.txt trong ../shared/seeds")
    return found[0]


def test_seed_000_table_read_completely_and_consistent() -> None:
    report = check(str(_seed("000")), select=["DG"])
    assert report.error is None
    assert [f for f in report.findings if f.severity in ("error", "warning")] == []
    assert report.report is not None and report.report.framework == "bac-giang-274-2017"
    # "Tổng đạt được: 89 điểm + 10 điểm thưởng = 99 điểm": the summary shows the figure it is classified by
    assert report.report.self_total == "99"
    from checker.document import build_document
    from checker.ingest import read_path

    doc = build_document(read_path(_seed("000")))
    assert doc.score_table is not None
    criteria = [r for r in doc.score_table.rows if r.kind == "criterion"]
    assert [r.criterion for r in criteria] == list(range(1, 10))
    assert sum(r.self_score for r in criteria) == 89


def test_seed_001_total_against_quang_ngai_framework() -> None:
    report = check(str(_seed("001")), select=["DG"])
    assert report.error is None
    assert report.report is not None and report.report.framework == "quang-ngai-436-2019"
    assert report.report.self_total == "94"
    assert report.report.classification and report.report.classification.startswith("Hoàn thành xuất sắc")
    assert "DG006" in (report.report.framework_note or "")
    assert codes(report) == []  # 94 ≤ 100; no bands, no per-criterion table


def test_dg007_quoting_the_bonus_rule_is_not_a_claim() -> None:
    base = table("1\tTiêu chí 1\t10\t9\t\t", "\tTổng cộng\t10\t9\t\t")
    assert codes(run("Cơ quan có cách làm hay được cộng tối đa 10 điểm thưởng.\n\n" + base, "DG007")) == []


@pytest.mark.parametrize("code", [f"DG00{n}" for n in range(1, 9)])
def test_explain_documents_every_dg_rule(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    from checker.cli import main

    main(["explain", code])
    out = capsys.readouterr().out
    assert code in out and len(out) > 200


def test_dg008_no_model_built_is_a_shortfall() -> None:
    assert len(_dg008("Cơ quan chưa có mô hình nào về dân vận khéo.").findings) == 1


def test_dg008_on_seed_001_with_a_table_of_full_marks() -> None:
    # Seed 001 has no table (so DG008 stays silent on it); give it one with full marks everywhere and
    # every warning must quote a sentence that really admits a shortfall.
    text = _seed("001").read_text(encoding="utf-8")
    rows = [f"{n}\tTiêu chí {n}\t10\t10\t\t" for n in range(1, 10)] + ["\tTổng cộng\t90\t90\t\t"]
    report = run(text + "\n\n" + table(*rows), "DG008")
    quoted = [f.message for f in report.findings]
    assert any("Tiêu chí 1" in m and "chưa xây dựng Quy chế công tác dân vận" in m for m in quoted), quoted
    assert not any("chưa có vụ việc nào" in m for m in quoted), quoted
    for m in quoted:
        assert any(
            w in m.lower() for w in ("chưa xây dựng", "chưa có", "chưa thực hiện", "không thực hiện được")
        )


# -- DG008: where the per-criterion score comes from ------------------------------------------
QN = "Ủy ban nhân dân tỉnh Quảng Ngãi: báo cáo tự đánh giá công tác dân vận năm 2023.\n\n"
SHORT = (
    "1. Tiêu chí 1: Quán triệt, triển khai văn bản\n"
    "Cơ quan đã quán triệt đầy đủ các văn bản của cấp trên.\n"
    "Cơ quan chưa xây dựng Quy chế công tác dân vận.\n"
    "{score1}"
    "2. Tiêu chí 2: Tiếp công dân\n"
    "Trong năm không có đơn thư khiếu nại nào, nên chưa có văn bản trả lời.\n"
    "{score2}\n"
)


def test_dg008_criterion_cell_empty_takes_its_items() -> None:
    text = SHORT.format(score1="", score2="") + table(
        "1\tTiêu chí 1\t10\t\t\t",
        "Nội dung 1\tA\t5\t5\t\t",
        "Nội dung 2\tB\t5\t5\t\t",
        "\tTổng cộng\t10\t10\t\t",
    )
    found = run(text, "DG008").findings
    assert len(found) == 1 and "Tiêu chí 1 tự chấm đủ 10/10" in found[0].message
    half = text.replace("Nội dung 2\tB\t5\t5", "Nội dung 2\tB\t5\t4,5")
    assert run(half, "DG008").findings == []


def test_dg008_prose_score_under_the_criterion_heading() -> None:
    full = BG + SHORT.format(score1="Tự chấm: 10/10 điểm.\n", score2="Điểm tự chấm: 10 điểm.\n")
    report = run(full)
    assert codes(report) == ["DG008"], [f.message for f in report.findings]
    assert (
        "Tiêu chí 1" in report.findings[0].message and "chưa xây dựng Quy chế" in report.findings[0].message
    )
    # 9 of 10 already admits the shortfall; and a per-criterion figure is not the report's total (DG005)
    assert codes(run(BG + SHORT.format(score1="Tự chấm: 9/10 điểm.\n", score2=""))) == []


def test_dg008_only_a_total_warns_at_the_maximum_once_per_criterion() -> None:
    body = QN + SHORT.format(score1="", score2="") + "Tổng số điểm cơ quan tự đánh giá: {total} điểm.\n"
    report = run(body.format(total="100"))
    assert report.report is not None and report.report.framework == "quang-ngai-436-2019"
    found = [f for f in report.findings if f.rule == "DG008"]
    assert len(found) == 1, [f.message for f in found]
    assert "tổng 100/100" in found[0].message and "Tiêu chí 1" in found[0].message
    assert "chưa xây dựng Quy chế" in found[0].message
    # below the maximum the points withheld may be exactly for that shortfall: no warning
    assert codes(run(body.format(total="94"), "DG008")) == []


def test_dg008_heading_and_other_criteria_do_not_borrow_scores() -> None:
    # criterion 2 admits nothing real ("chưa có văn bản trả lời" because no complaint arose), criterion 3
    # has no score anywhere
    text = (
        SHORT.format(score1="", score2="")
        + "3. Tiêu chí 3: Quy chế chưa có\nCơ quan chưa thực hiện việc rà soát quy chế.\n\n"
        + table("1\tTiêu chí 1\t10\t9\t\t", "2\tTiêu chí 2\t10\t10\t\t", "\tTổng cộng\t20\t19\t\t")
    )
    assert run(text, "DG008").findings == []


def test_dg005_criterion_score_in_prose_is_not_the_total() -> None:
    text = (
        BG + SHORT.format(score1="Tự chấm: 9/10 điểm.\n", score2="") + "Tổng số điểm tự đánh giá: 95 điểm.\n"
    )
    assert codes(run(text, "DG005")) == []


def test_docx_merged_cells_keep_the_score_columns() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("BẢNG CHẤM ĐIỂM CÔNG TÁC DÂN VẬN NĂM 2023")
    rows = [
        ["TT", "Nội dung", "", "Chuẩn", "Tự chấm", "Tổ kiểm tra chấm"],
        ["1", "Tiêu chí 1", "", "10", "9", ""],
        ["", "Nội dung 1", "Quán triệt", "5", "4", ""],
        ["", "Nội dung 2", "Quy chế", "5", "5", ""],
        ["Tổng cộng", "", "", "10", "10", ""],
    ]
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                grid.cell(r, c).text = value
    # the header and the criterion label span two columns; "Tổng cộng" spans TT and both label columns
    grid.cell(0, 1).merge(grid.cell(0, 2))
    grid.cell(1, 1).merge(grid.cell(1, 2))
    grid.cell(4, 0).merge(grid.cell(4, 2))
    out = io.BytesIO()
    document.save(out)
    report = check(out.getvalue(), name="x.docx", select=["DG"])
    assert report.error is None, report.error
    assert codes(report) == ["DG003"], [f.message for f in report.findings]
    assert "ghi 10" in report.findings[0].message and "bằng 9" in report.findings[0].message


def test_pipe_table_row_broken_across_a_page_break() -> None:
    text = (
        "| TT | Nội dung | Chuẩn | Tự chấm | Tổ kiểm tra chấm | Ghi chú |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | Tiêu chí 1 | 10 | 9,5 | 9 | |\n"
        "| Nội | Quán triệt | 5 | 4,5 | 4 | |\n"
        "| dung 1 | và tổ chức thực hiện | | | | |\n"
        "| Nội dung 2 | Quy chế | 5 | 5 | 5 | |\n"
        "| | Tổng cộng | 10 | 9,5 | 9 | |\n"
    )
    assert codes(run(text)) == []
    assert codes(run(text.replace("| 5 | 5 | 5 |", "| 5 | 5 | 4 |"))) == ["DG002"]


def test_dg008_seed_001_at_the_maximum_quotes_real_shortfalls() -> None:
    text = _seed("001").read_text(encoding="utf-8")
    assert "94 điểm" in text
    report = run(text.replace("94 điểm", "100 điểm"), "DG008")
    quoted = [f.message for f in report.findings]
    assert any("Tiêu chí 1" in m and "chưa xây dựng Quy chế công tác dân vận" in m for m in quoted), quoted
    criteria = [m.split("thuyết minh ")[1].split(" ghi")[0] for m in quoted]
    assert len(set(criteria)) == len(criteria)  # one warning per criterion
    for m in quoted:
        assert not re.search(r"chưa có (?:vụ việc|đơn|trường hợp)", m), m


def test_dg001_dash_placeholders_are_blank_cells() -> None:
    text = table("1\tTiêu chí 1\t10\t9\t-\t", "2\tTiêu chí 2\t10\t10\t…\t", "\tTổng cộng\t20\t19\t-\t")
    assert codes(run(text)) == []


def test_dg001_word_in_a_criterion_row_without_a_cap() -> None:
    found = run(table("1\tTiêu chí 1\t\tđạt\t\t"), "DG001").findings
    assert len(found) == 1 and '"đạt"' in found[0].message


def test_scores_written_with_their_unit() -> None:
    rows = ("1\tTiêu chí 1\t10 điểm\t9,5 điểm\t\t", "2\tTiêu chí 2\t10đ\t10đ\t\t")
    assert codes(run(table(*rows, "\tTổng cộng\t20\t19,5\t\t"))) == []
    found = run(table(*rows, "\tTổng cộng\t20\t20\t\t")).findings
    assert [f.rule for f in found] == ["DG003"] and "19,5" in found[0].message


def test_many_criteria_sections_and_claims_stay_fast() -> None:
    # every classification claim and every shortfall sentence looks up its section: must not be quadratic
    import time

    block = (
        "{n}. Tiêu chí {n}: Nội dung\nCơ quan chưa xây dựng quy chế. Tự chấm: 10/10 điểm.\nXếp loại: Tốt\n"
    )
    text = BK + "".join(block.format(n=i % 9 + 1) for i in range(3000)) + "Tổng số điểm tự chấm: 94 điểm\n"
    started = time.perf_counter()
    report = run(text)
    assert time.perf_counter() - started < 20
    assert codes(report).count("DG008") == 3000


@pytest.mark.parametrize(
    "sentence",
    [
        "Nếu cơ quan chưa có quy chế thì phải xây dựng ngay trong quý I.",
        "Đối với những nơi chưa xây dựng quy chế, cơ quan đã hướng dẫn cụ thể.",
        "Đầu năm cơ quan chưa xây dựng quy chế, đến nay đã ban hành Quy chế số 12/QC-BDT.",
        "Quy chế chưa thực hiện đúng hạn, tồn tại này đã được khắc phục.",
    ],
)
def test_dg008_conditions_and_remedied_shortfalls_are_not_admissions(sentence: str) -> None:
    assert _dg008(sentence).findings == []
