"""Quy định 366-QĐ/TW (collectives): scores written in prose (HD 43 Mẫu 01, part B) checked without a table.

The reports below are written for these tests: a chi bộ's self-review with its self-score in sentences.
"""

from __future__ import annotations

import pytest

from checker import check
from checker.report import FileReport

HEAD = (
    "ĐẢNG BỘ PHƯỜNG HÒA LẠC\nCHI BỘ KHU PHỐ 4\n*\nSố 07-BC/CB\n\nĐẢNG CỘNG SẢN VIỆT NAM\n"
    "Hòa Lạc, ngày 05 tháng 12 năm 2025\n\nBÁO CÁO\nkiểm điểm tập thể chi ủy năm 2025\n\n"
    "Thực hiện Quy định số 366-QĐ/TW ngày 30/8/2025 của Ban Chấp hành Trung ương, chi ủy báo cáo như sau.\n\n"
    "A. NỘI DUNG KIỂM ĐIỂM\nI. Ưu điểm\nChi ủy duy trì sinh hoạt đều đặn, đảng viên gương mẫu.\n\n"
    "B. TỰ ĐÁNH GIÁ, XẾP LOẠI\n"
)
# what a report under the Quy định states when it claims the top band
CONDITIONS = (
    "Năm 2025 chi bộ hoàn thành 100% chỉ tiêu, nhiệm vụ, trong đó 35% nhiệm vụ vượt kế hoạch.\n"
    "Các hạn chế, khuyết điểm được chỉ ra năm trước đã được khắc phục 100%.\n"
)


def report(general: str, results: str, total: str, label: str | None, extra: str = "") -> str:
    lines = [HEAD, extra, "I. Tự chấm điểm\n"]
    if general:
        lines.append(f"1. Nhóm tiêu chí chung: {general}\n")
    if results:
        lines.append(f"2. Nhóm tiêu chí về kết quả thực hiện nhiệm vụ: {results}\n")
    if total:
        lines.append(f"Tổng điểm: {total}\n")
    if label:
        lines.append(f"II. Đề xuất xếp loại mức chất lượng: {label}.\n")
    return "".join(lines)


def run(text: str) -> FileReport:
    out = check(text.encode("utf-8"), name="kiem-diem.txt", select=["DG"])
    assert out.error is None, out.error
    assert out.report is not None and out.report.framework == "qd366-2025-tap-the"
    return out


def found(out: FileReport) -> list[tuple[str, str, int]]:
    return [(f.rule, f.severity, f.line) for f in out.findings]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# -- each kind of inconsistency ---------------------------------------------------------------------
def test_part_above_its_cap() -> None:
    text = report("32/30 điểm", "56/70 điểm", "88/100 điểm", "Hoàn thành tốt nhiệm vụ")
    out = run(text)
    assert ("DG001", "error", line_of(text, "Nhóm tiêu chí chung")) in found(out)
    assert "30" in out.findings[0].message


def test_part_above_the_framework_cap_without_a_written_scale() -> None:
    text = report("31 điểm", "57 điểm", "88 điểm", "Hoàn thành tốt nhiệm vụ")
    assert ("DG001", "error", line_of(text, "Nhóm tiêu chí chung")) in found(run(text))


def test_parts_that_do_not_add_up() -> None:
    text = report("27/30 điểm", "58/70 điểm", "88/100 điểm", "Hoàn thành tốt nhiệm vụ")
    out = run(text)
    assert [r for r, _, _ in found(out)] == ["DG003"]
    assert "85" in out.findings[0].message
    assert out.findings[0].line == line_of(text, "Tổng điểm")


def test_classification_the_score_does_not_allow() -> None:
    text = report("28/30 điểm", "60/70 điểm", "88/100 điểm", "Hoàn thành xuất sắc nhiệm vụ", CONDITIONS)
    out = run(text)
    assert found(out) == [("DG006", "error", line_of(text, "Đề xuất xếp loại"))]
    assert "Hoàn thành tốt nhiệm vụ" in out.findings[0].message


def test_total_above_100() -> None:
    text = report("30/30 điểm", "70/70 điểm", "105/100 điểm", None)
    out = run(text)
    at_total = [(r, s) for r, s, line in found(out) if line == line_of(text, "Tổng điểm")]
    assert ("DG001", "error") in at_total  # 105 above the scale of 100
    assert ("DG003", "error") in at_total  # and 30 + 70 is 100, not 105


def test_scale_other_than_the_framework() -> None:
    text = report("27/35 điểm", "58/65 điểm", "85/100 điểm", "Hoàn thành tốt nhiệm vụ")
    rules = [r for r, _, _ in found(run(text))]
    assert rules.count("DG007") == 2  # the groups are worth 30 and 70 under the Quy định


# -- consistent reports at the band edges: nothing fires --------------------------------------------
@pytest.mark.parametrize(
    ("general", "results", "total", "label"),
    [
        ("30/30 điểm", "60/70 điểm", "90/100 điểm", "Hoàn thành xuất sắc nhiệm vụ"),  # exactly 90
        ("25/30 điểm", "45/70 điểm", "70/100 điểm", "Hoàn thành tốt nhiệm vụ"),  # exactly 70
        ("20/30 điểm", "49,5/70 điểm", "69,5/100 điểm", "Hoàn thành nhiệm vụ"),  # just under 70
        ("20 điểm", "30 điểm", "50 điểm", "Hoàn thành nhiệm vụ"),  # exactly 50, no scales written
        ("15/30", "30/70", "45/100", "Không hoàn thành nhiệm vụ"),  # bare fractions
    ],
)
def test_consistent_at_band_edges(general: str, results: str, total: str, label: str) -> None:
    text = report(general, results, total, label, CONDITIONS)
    assert found(run(text)) == [(r, s, n) for r, s, n in found(run(text)) if s == "info"]


@pytest.mark.parametrize(
    ("total", "label"),
    [("70/100", "Hoàn thành nhiệm vụ"), ("69,5/100", "Hoàn thành tốt nhiệm vụ"), ("50/100", "Không hoàn thành nhiệm vụ")],
)
def test_one_step_off_at_the_edges(total: str, label: str) -> None:
    value = total.split("/")[0]
    general = "20/30"
    results = f"{str(float(value.replace(',', '.')) - 20).rstrip('0').rstrip('.').replace('.', ',')}/70"
    text = report(general, results, total, label)
    assert [r for r, s, _ in found(run(text)) if s == "error"] == ["DG006"]


# -- the conditions of the top band -------------------------------------------------------------------
def test_top_band_without_its_conditions_is_a_warning() -> None:
    text = report("30/30 điểm", "62/70 điểm", "92/100 điểm", "Hoàn thành xuất sắc nhiệm vụ")
    out = run(text)
    warnings = [f for f in out.findings if f.severity == "warning"]
    assert [f.rule for f in warnings] == ["DG006"]
    assert "vượt" in warnings[0].message and "khắc phục" in warnings[0].message
    assert not [f for f in out.findings if f.severity == "error"]


def test_top_band_quota_is_information_only() -> None:
    text = report("30/30 điểm", "62/70 điểm", "92/100 điểm", "Hoàn thành xuất sắc nhiệm vụ", CONDITIONS)
    out = run(text)
    assert [(f.rule, f.severity) for f in out.findings] == [("DG006", "info")]
    assert "20%" in out.findings[0].message


def test_the_band_below_a_conditional_band_is_accepted() -> None:
    # 92 points but the conditions are not met: Hoàn thành tốt is what the chi bộ may claim
    text = report("30/30 điểm", "62/70 điểm", "92/100 điểm", "Hoàn thành tốt nhiệm vụ")
    assert found(run(text)) == []
    # two bands down is still wrong
    text = report("30/30 điểm", "62/70 điểm", "92/100 điểm", "Hoàn thành nhiệm vụ")
    assert [r for r, _, _ in found(run(text))] == ["DG006"]


# -- must not fire ------------------------------------------------------------------------------------
def test_blank_form_and_other_numbers_are_not_scores() -> None:
    text = report("…/30", "…/70", "…/100", None)
    assert found(run(text)) == []
    text = HEAD + "Nhóm tiêu chí chung: 27 đảng viên tham gia góp ý.\nTổng cộng 88 ý kiến.\n"
    assert found(run(text)) == []


def test_name_inside_a_sentence_is_not_a_score_line() -> None:
    text = HEAD + "Chi ủy rà soát kết quả thực hiện nhiệm vụ: 58 điểm của năm trước là thấp.\n"
    out = run(text)
    assert out.findings == []


def test_a_score_table_wins_over_prose() -> None:
    # with a table, the table is the score sheet; the prose lines are not read a second time
    table = (
        "TT\tNội dung\tChuẩn\tTự chấm\tGhi chú\n1\tNhóm tiêu chí chung\t30\t27\t\n"
        "2\tNhóm tiêu chí về kết quả thực hiện nhiệm vụ\t70\t58\t\n\tTổng cộng\t100\t85\t\n"
    )
    text = HEAD + table + "\n1. Nhóm tiêu chí chung: 27/30 điểm.\nII. Đề xuất xếp loại: Hoàn thành tốt nhiệm vụ.\n"
    assert found(run(text)) == []


def test_summary_shows_the_prose_total_and_claim() -> None:
    out = run(report("27/30 điểm", "58/70 điểm", "85/100 điểm", "Hoàn thành tốt nhiệm vụ"))
    assert out.report is not None
    assert out.report.self_total == "85"
    assert out.report.classification == "Hoàn thành tốt nhiệm vụ"


# -- the report template (HD 43 Mẫu 01) --------------------------------------------------------------------
FULL_FORM = (
    "ĐẢNG BỘ PHƯỜNG HÒA LẠC\nCHI BỘ KHU PHỐ 4\n*\nSố 07-BC/CB\n\nĐẢNG CỘNG SẢN VIỆT NAM\n"
    "Hòa Lạc, ngày 05 tháng 12 năm 2025\n\nBÁO CÁO\nKiểm điểm tập thể chi ủy năm 2025\n\n"
    "Thực hiện Quy định số 366-QĐ/TW ngày 30/8/2025 của Ban Chấp hành Trung ương, chi ủy báo cáo như sau.\n\n"
    "A. NỘI DUNG KIỂM ĐIỂM\nI. Ưu điểm\nChi ủy duy trì sinh hoạt đều đặn.\n\n"
    "II. Hạn chế, khuyết điểm và nguyên nhân\nViệc nắm tình hình đảng viên đi làm ăn xa còn chậm.\n\n"
    "III. Kết quả khắc phục những hạn chế đã được chỉ ra\nĐã khắc phục xong việc ghi sổ.\n\n"
    "IV. Giải trình những vấn đề được gợi ý\nKhông có vấn đề được gợi ý.\n\n"
    "V. Phương hướng, biện pháp khắc phục\nTăng cường kiểm tra.\n\n"
    "B. TỰ ĐÁNH GIÁ, XẾP LOẠI\n1. Nhóm tiêu chí chung: 26/30 điểm.\n"
    "2. Nhóm tiêu chí về kết quả thực hiện nhiệm vụ: 56/70 điểm.\nTổng điểm: 82/100 điểm.\n"
    "Đề xuất xếp loại: Hoàn thành tốt nhiệm vụ.\n\n"
    "Nơi nhận:\n- Đảng ủy phường;\n- Lưu: Chi bộ.\n\nT/M CHI BỘ\nBÍ THƯ\n\nNguyễn Văn Bình\n"
)


def vb(text: str) -> FileReport:
    out = check(text.encode("utf-8"), name="kiem-diem.txt", select=["VB001", "DG"])
    assert out.error is None and out.report is not None
    return out


def test_kiem_diem_report_gets_its_template() -> None:
    out = vb(FULL_FORM)
    assert out.report is not None and out.report.template == "kiem-diem-tap-the"
    assert [(f.rule, f.severity) for f in out.findings if f.severity != "info"] == []


def test_kiem_diem_template_asks_for_the_shortcomings_and_the_self_score() -> None:
    text = FULL_FORM.replace("II. Hạn chế, khuyết điểm và nguyên nhân\n", "II. Một số việc khác\n")
    text = text.replace("Đề xuất xếp loại: Hoàn thành tốt nhiệm vụ.\n", "")
    warned = [f.message for f in vb(text).findings if f.rule == "VB001" and f.severity == "warning"]
    assert any("Hạn chế, khuyết điểm" in m for m in warned)
    assert any("Đề xuất xếp loại" in m for m in warned)


def test_other_party_reports_keep_their_template() -> None:
    text = FULL_FORM.replace("Kiểm điểm tập thể chi ủy năm 2025", "Tổng kết công tác năm 2025")
    out = vb(text)
    assert out.report is not None and out.report.template != "kiem-diem-tap-the"
