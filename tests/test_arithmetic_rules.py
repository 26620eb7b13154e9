"""SL rules: numbers in prose that do not add up. Each check has texts that must fire and must not."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.api import check
from checker.report import Finding

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def run(text: str, code: str) -> list[Finding]:
    report = check(text.encode("utf-8"), name="t.txt", select=[code])
    assert report.error is None, report.error
    return [f for f in report.findings if f.rule == code]


# -- SL001 ---------------------------------------------------------------------------------------
def test_sl001_breakdown_in_parentheses() -> None:
    hits = run("Đoàn đã thực hiện 08 cuộc thanh tra (06 cuộc theo kế hoạch; 03 cuộc đột xuất).", "SL001")
    assert len(hits) == 1 and "= 9" in hits[0].message and "08" in hits[0].message


def test_sl001_announced_total_with_two_nouns() -> None:
    text = (
        "Hội nghị biểu dương tổng số 150 tập thể, cá nhân (Chủ tịch UBND tặng Bằng khen cho 05 tập thể, "
        "15 cá nhân; Giám đốc Sở tặng Giấy khen cho 30 tập thể, 60 cá nhân, 30 cá nhân tại cơ sở)."
    )
    hits = run(text, "SL001")
    assert len(hits) == 1 and "140" in hits[0].message and "150" in hits[0].message
    assert not run(text.replace("150", "140"), "SL001")


def test_sl001_split_of_a_whole() -> None:
    hits = run("Kết quả: 10/17 trường xếp loại Tốt, 05 trường xếp loại Khá, 03 trường xếp loại Trung bình.", "SL001")
    assert len(hits) == 1 and "10 + 05 + 03 = 18" in hits[0].message and "17" in hits[0].message
    assert not run("Kết quả: 10/17 trường xếp loại Tốt, 05 trường xếp loại Khá, 02 trường xếp loại Trung bình.", "SL001")


@pytest.mark.parametrize(
    "text",
    [
        "Tiếp 150 lượt (định kỳ 90 lượt, thường xuyên 60 lượt).",
        "Hiện có 30 biên chế (trong đó 25 biên chế công chức).",  # "trong đó" may list only a part
        "Đã tinh giảm 01 phòng (từ 06 phòng xuống còn 05 phòng).",  # a change, not a breakdown
        "Có 09/15 xã đạt chuẩn, 03 xã đang hoàn thiện hồ sơ.",  # a partial list under the whole
    ],
)
def test_sl001_silent(text: str) -> None:
    assert not run(text, "SL001")


# -- SL002 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đã giải quyết 3.015/3.420 hồ sơ, đạt 88,7%.", "3.015/3.420 = 88,16%, báo cáo ghi 88,7%"),
        ("Có 37/41 thôn đạt danh hiệu văn hóa (92,7%).", "37/41 = 90,24%, báo cáo ghi 92,7%"),
        ("Tỷ lệ hộ dùng nước sạch 1.250/1.300 hộ = 98,2%.", "1.250/1.300 = 96,15%, báo cáo ghi 98,2%"),
        ("Xử lý xong 40/44 trường hợp, diện tích 2,5ha, đạt tỷ lệ 92,1%.", "40/44 = 90,91%, báo cáo ghi 92,1%"),
        ("Số trường đạt chuẩn 15/59 trường, đạt 27.1%.", "15/59 = 25,42%, báo cáo ghi 27.1%"),
    ],
)
def test_sl002_fires_with_computed_value(text: str, expected: str) -> None:
    hits = run(text, "SL002")
    assert len(hits) == 1
    assert expected in hits[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Đã giải quyết 45/52 hồ sơ, đạt 86,5%.",  # rounds
        "Có 149/154 đơn vị đạt chuẩn (96,7%).",  # 96,75 truncated
        "Có 161/197 thôn đạt văn hóa (81,7%).",
        "Bình quân 196.878 khẩu/52.001 hộ, tỷ lệ hộ nghèo giảm 2,1%.",  # not a percentage of the ratio
        "Trong tháng 12/2023 xử lý thêm 90 trường hợp, đạt 90%.",  # month/year
        "Hoàn thành 18/20 nhiệm vụ. Công tác tuyển quân đạt 100%.",  # the % is in the next sentence
        "Đã giải quyết 45/52 hồ sơ, đạt trên 80%.",  # a bound, not a value
        "Trồng 720/600 nghìn cây đạt 120%.",
        "Hoàn thành 30/40 chỉ tiêu, tăng 12% so với năm trước.",
        "Theo Quyết định số 15/2023/QĐ-UBND đạt 90%.",
    ],
)
def test_sl002_silent(text: str) -> None:
    assert not run(text, "SL002")


# -- SL003 ---------------------------------------------------------------------------------------
def test_sl003_count_vs_list() -> None:
    hits = run("Tổ chức hội nghị tại 04 xã: Tam Tiến, Xuân Lương, Canh Nậu.", "SL003")
    assert len(hits) == 1 and "04" in hits[0].message and "3" in hits[0].message
    hits = run("Khảo sát 03 huyện Sơn Động, Lục Ngạn, Lục Nam và Yên Thế, sau đó tổng hợp.", "SL003")
    assert len(hits) == 1 and "liệt kê 4" in hits[0].message
    hits = run("Cấp chứng chỉ tại 05 xã (Đông Vương, Đông Tiến, Tam Tiến,\n\nXuân Lương) với 300 ha.", "SL003")
    assert len(hits) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Tổ chức hội nghị tại 03 xã: Tam Tiến, Xuân Lương, Canh Nậu.",
        "Duy trì 04 điểm gom rác ở các xã Tam Tiến, Xuân Lương, Tân Sỏi, An Thượng, Bố Hạ.",  # counts điểm gom rác
        "Tổ chức 02 đoàn tham quan tại các tỉnh Sơn La, Quảng Trị, Thanh Hoá.",
        "Đã làm việc với 05 huyện như Sơn Động, Lục Ngạn, Lục Nam.",  # an open list
        "Tại 04 xã: Tam Tiến, Xuân Lương, Canh Nậu...",
    ],
)
def test_sl003_silent(text: str) -> None:
    assert not run(text, "SL003")


# -- SL004 ---------------------------------------------------------------------------------------
def test_sl004_product_with_money_total() -> None:
    hits = run("Hỗ trợ 15 ngôi nhà, mỗi ngôi nhà trị giá 40 triệu đồng, tổng số tiền là 500 triệu đồng.", "SL004")
    assert len(hits) == 1 and "= 600 triệu đồng" in hits[0].message and "500" in hits[0].message
    hits = run("Tặng 20 suất quà, mỗi suất quà trị giá 500 nghìn đồng, tổng kinh phí 12 triệu đồng.", "SL004")
    assert len(hits) == 1 and "10 triệu đồng" in hits[0].message


def test_sl004_count_times_each_against_earlier_total() -> None:
    text = "Tỉnh được phân bổ 10 ngôi nhà; Ban đã phân bổ cho 04 huyện, mỗi huyện là 03 ngôi nhà."
    hits = run(text, "SL004")
    assert len(hits) == 1 and "04 × 03 = 12 ngôi nhà" in hits[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Hỗ trợ 15 ngôi nhà, mỗi ngôi nhà trị giá 40 triệu đồng, tổng số tiền là 600 triệu đồng.",
        "Hỗ trợ 15 ngôi nhà, mỗi ngôi nhà trị giá 40 triệu đồng, tổng số tiền là 0,6 tỷ đồng.",
        "Tỉnh được phân bổ 12 ngôi nhà; Ban đã phân bổ cho 04 huyện, mỗi huyện là 03 ngôi nhà.",
        "Phân bổ cho 04 huyện, mỗi huyện là 03 ngôi nhà.",  # no stated total: nothing to compare
    ],
)
def test_sl004_silent(text: str) -> None:
    assert not run(text, "SL004")


# -- SL005 ---------------------------------------------------------------------------------------
def test_sl005_percent_change_same_sentence() -> None:
    hits = run("Năm 2015 có 25 biên chế, đến nay còn 20 biên chế, giảm 25%.", "SL005")
    assert len(hits) == 1 and "20,00%" in hits[0].message.replace("20%", "20,00%") and "25%" in hits[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Năm 2015 có 21 biên chế, đến nay còn 16 biên chế, giảm 23,8%.",
        "Năm 2015 có 21 biên chế, bây giờ còn 16 biên chế.\n\nTỷ lệ giảm biên chế: Giảm 30%.",  # other sentence
        "Năm 2015 có 21 biên chế, đến nay còn 16 biên chế, tăng 23,8%.",  # direction does not fit: unsure
        "Từ 40 hộ nghèo xuống còn 30 hộ, giảm 25%.",  # consistent: 10/40 = 25%
    ],
)
def test_sl005_silent(text: str) -> None:
    assert not run(text, "SL005")


# -- the seeds -----------------------------------------------------------------------------------
def _seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} không có: bỏ qua kiểm thử trên báo cáo thật")
    found = sorted(SEEDS.glob(f"{prefix}*.txt"))
    if not found:
        pytest.skip(f"không có báo cáo mẫu {prefix}* trong {SEEDS}")
    return found[0]


def test_seed_002_real_defects_found() -> None:
    report = check(_seed("002"), select=["SL"])
    messages = [f.message for f in report.findings]
    assert any("4.028/4.574 = 88,06%, báo cáo ghi 88,6%" in m for m in messages)
    assert any("50/52 = 96,15%, báo cáo ghi 96,3%" in m for m in messages)
    assert any("244 + 80 = 324" in m and "304" in m for m in messages)


@pytest.mark.parametrize("prefix", ["000", "001", "003", "004"])
def test_seeds_without_arithmetic_defects_stay_silent(prefix: str) -> None:
    # 000: "tổng số 220 tập thể, cá nhân (10+30+20+90+70)"; 001: 12 × 50 = 600, 06 × 02 = 12, giảm 23,8%
    report = check(_seed(prefix), select=["SL"])
    assert not report.findings, [f.message for f in report.findings]


@pytest.mark.parametrize(
    "text",
    [
        "Năm học 2022/2023 tỷ lệ học sinh lên lớp đạt 98%.",
        "Có 3/5 chỉ tiêu đạt kế hoạch, 2 chỉ tiêu đạt 90%.",
        "Có 3/5 chỉ tiêu đạt, các chỉ tiêu khác đạt 90%.",
    ],
)
def test_sl002_silent_when_the_percentage_belongs_to_something_else(text: str) -> None:
    assert not run(text, "SL002")


def test_sl005_years_between_the_figures_are_not_figures() -> None:
    hits = run("Năm 2020 có 120 hộ nghèo, năm 2023 còn 90 hộ nghèo, giảm 20%.", "SL005")
    assert len(hits) == 1 and "giảm 25%" in hits[0].message and "giảm 20%" in hits[0].message
    assert not run("Năm 2020 có 120 hộ nghèo, năm 2023 còn 90 hộ nghèo, giảm 25%.", "SL005")
    hits = run("Số đảng viên từ 500 người lên 550 người, tăng 15%.", "SL005")
    assert len(hits) == 1 and "tăng 10%" in hits[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Có 15/19 xã đạt chuẩn nông thôn mới, 05 xã đạt chuẩn nâng cao.",  # a subset, not a complement
        "Có 15/19 xã đạt chuẩn nông thôn mới, 03 xã đang hoàn thiện hồ sơ.",
    ],
)
def test_sl001_split_silent_when_groups_may_overlap(text: str) -> None:
    assert not run(text, "SL001")


def test_sl003_silent_when_the_list_may_go_on() -> None:
    assert not run("Khảo sát tại 03 xã Đông Hưng, Đông Sơn, huyện Lục Nam và xã Tam Dị, huyện Lục Ngạn.", "SL003")
    assert len(run("Khảo sát tại 03 xã Đông Hưng, Đông Sơn, với sự tham gia của Hội.", "SL003")) == 1
