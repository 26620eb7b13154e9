"""Relations between figures in prose (checker/facts/quantities.py; SL001 third form, SL006, SL007), on
sentences written for this test: each relation in at least five phrasings, and the cases that must not fire
(partial "trong đó", rounding, percentages, years inside the sentence, sums over different units)."""

from __future__ import annotations

import pytest

from checker import check
from checker.facts import quantities as qf

HEAD = (
    "ỦY BAN NHÂN DÂN XÃ ĐÔNG PHONG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Số: 33/BC-UBND\n\nĐông Phong, ngày 10 tháng 12 năm 2024\n\nBÁO CÁO\nKết quả công tác năm 2024\n\n"
)


def rules_on(sentence: str) -> list[str]:
    report = check((HEAD + sentence + "\n").encode("utf-8"), name="t.txt", select=["SL"])
    assert report.error is None
    return [f.rule for f in report.findings]


# -- total → parts without brackets ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Tổ chức 12 lớp bồi dưỡng, gồm 5 lớp cấp tỉnh và 6 lớp cấp huyện.",
        "Mở 12 lớp bồi dưỡng, bao gồm 5 lớp cấp tỉnh; 6 lớp cấp huyện.",
        "Đã mở 12 lớp, cụ thể: 5 lớp cấp tỉnh, 6 lớp cấp huyện.",
        "Tổ chức 12 lớp, chia ra 5 lớp cấp tỉnh và 8 lớp cấp huyện.",
        "Tổng số 48 đảng viên, trong đó nam 30, nữ 16.",
        "Chi bộ có 48 đảng viên, trong đó 30 đảng viên nam, 20 đảng viên nữ.",
        "Thẩm định 40 hồ sơ, gồm có 22 hồ sơ đạt và 15 hồ sơ không đạt.",
    ],
)
def test_parts_that_do_not_make_the_total_fire(sentence: str) -> None:
    assert rules_on(sentence) == ["SL001"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Tổ chức 12 lớp bồi dưỡng, gồm 5 lớp cấp tỉnh và 7 lớp cấp huyện.",  # adds up
        "Tổng số 48 đảng viên, trong đó nam 30, nữ 18.",
        # a partial "trong đó": the parts overlap (women and minorities) or are not all named
        "Kết nạp 36 đảng viên, trong đó 11 đảng viên nữ, 8 đảng viên là người dân tộc thiểu số.",
        "Toàn xã có 48 đảng viên, trong đó có 9 đảng viên nữ.",
        "Có 48 đảng viên, trong đó 10 đảng viên cấp xã, 12 đảng viên cấp huyện.",  # disjoint, below the total
        # rounding: 4,46 + 3,27 = 7,73 written as 7,7
        "Tổng kinh phí 7,7 tỷ đồng, gồm 4,46 tỷ đồng ngân sách tỉnh và 3,27 tỷ đồng ngân sách xã.",
        # different units: classes against learners
        "Tổ chức 12 lớp bồi dưỡng, gồm 310 học viên cấp tỉnh và 200 học viên cấp huyện.",
        # a year inside the sentence is no part
        "Năm 2024 mở 12 lớp, trong đó năm 2023 chuyển sang 5 lớp.",
        # percentages are shares, not parts
        "Tổ chức 12 lớp, gồm 40% lớp cấp tỉnh và 50% lớp cấp huyện.",
    ],
)
def test_breakdowns_that_must_not_fire(sentence: str) -> None:
    assert "SL001" not in rules_on(sentence)


# -- the list of parts parsed by grammar/breakdown.lark ---------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        # a part the writer did not count: the counted parts need not make the total
        "Kiểm tra 20 xã, gồm 6 xã loại A, 5 xã loại B và các xã còn lại.",
        "Tổ chức 15 hội nghị, bao gồm 4 hội nghị cấp tỉnh, 6 hội nghị cấp huyện và một số hội nghị chuyên đề.",
        "Có 30 hộ, chia ra 10 hộ khá, 12 hộ trung bình, các hộ khác chưa xếp loại.",
        "Cấp 18 giấy phép, cụ thể: 7 giấy phép xây dựng; 6 giấy phép đào đường; giấy phép khác.",
        "Nhận 40 đơn, gồm có 12 đơn khiếu nại, 10 đơn tố cáo, số đơn còn lại là kiến nghị.",
        # spans that are no plain list: a dash, a quotation, two figures in one item
        "Tiếp nhận 40 đơn, gồm 12 đơn khiếu nại, 10 đơn tố cáo - phản ánh.",
        "Cấp 25 giấy phép, cụ thể 10 giấy phép xây dựng, 8 giấy phép “kinh doanh”.",
        "Tổ chức 12 lớp, gồm 5 lớp cấp tỉnh 2 lớp cấp huyện và 3 lớp cấp xã.",
    ],
)
def test_lists_with_an_uncounted_part_or_no_plain_structure_must_not_fire(sentence: str) -> None:
    assert "SL001" not in rules_on(sentence)


@pytest.mark.parametrize(
    ("span", "shape"),
    [
        ("6 lớp cấp tỉnh và 7 lớp cấp huyện", [((), "6", ("lớp", "cấp", "tỉnh")), ((), "7", ("lớp", "cấp", "huyện"))]),
        ("nam 60, nữ 30", [(("nam",), "60", ()), (("nữ",), "30", ())]),
        ("cấp tỉnh 12 lớp; cấp huyện 40 lớp", [(("cấp", "tỉnh"), "12", ("lớp",)), (("cấp", "huyện"), "40", ("lớp",))]),
        ("1.200 hộ khá, 3,5 tỷ đồng, và các hộ khác", [((), "1.200", ("hộ", "khá")), ((), "3,5", ("tỷ", "đồng")), (("các", "hộ", "khác"), None, ())]),
    ],
)
def test_parts_span_parses_into_items(span: str, shape: list) -> None:
    items = qf.parse_parts(span, 0, len(span))
    assert items is not None
    got = [(i.before, None if i.figure_start is None else span[i.figure_start :].split()[0].rstrip(",;"), i.after) for i in items]
    assert got == shape


@pytest.mark.parametrize("span", ["12 đơn khiếu nại - phản ánh", "5 lớp 2 lớp", "“8 giấy phép”", "1.5 lớp, 2 lớp"])
def test_parts_span_that_is_no_list_does_not_parse(span: str) -> None:
    assert qf.parse_parts(span, 0, len(span)) is None


def test_partial_parts_above_the_total_fire_when_they_cannot_overlap() -> None:
    # cấp xã and cấp huyện do not overlap: 30 + 25 cannot be part of 48
    assert rules_on("Có 48 đảng viên, trong đó 30 đảng viên cấp xã, 25 đảng viên cấp huyện.") == ["SL001"]


# -- remainder -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Tiếp nhận 160 đơn, đã giải quyết 125 đơn, còn lại 30 đơn.",
        "Thụ lý 87 vụ việc, giải quyết xong 80 vụ việc, còn lại 9 vụ việc chuyển sang năm sau.",
        "Năm 2024 nhận 64 hồ sơ; đã trả kết quả 50 hồ sơ; còn lại 12 hồ sơ đang xử lý.",
        "Tổng số 230 hộ đăng ký, đã cấp giấy 200 hộ, còn lại: 20 hộ.",
        "Có 45 công trình khởi công, hoàn thành 38 công trình, số còn lại 6 công trình đang thi công.",
    ],
)
def test_wrong_remainders_fire(sentence: str) -> None:
    assert rules_on(sentence) == ["SL006"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Tiếp nhận 160 đơn, đã giải quyết 125 đơn, còn lại 35 đơn.",
        "Tiếp nhận 160 đơn, đã giải quyết 125 hồ sơ, còn lại 30 đơn.",  # different nouns
        "Tiếp nhận 160 đơn, đã giải quyết 78%, còn lại 30 đơn.",  # a share
        "Tiếp nhận 160 đơn, tăng 20 đơn so với năm 2023, còn lại 30 đơn chưa giải quyết.",  # a change
        "Tiếp nhận 160 đơn, còn lại 30 đơn.",  # nothing taken away stated
    ],
)
def test_remainders_that_must_not_fire(sentence: str) -> None:
    assert "SL006" not in rules_on(sentence)


# -- change: tăng/giảm … từ … xuống/lên … ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Số hộ nghèo giảm 12 hộ so với năm trước (từ 140 xuống 126).",
        "Số hộ nghèo giảm 12 hộ so với năm 2023 (từ 140 hộ xuống còn 126 hộ).",
        "Thu ngân sách tăng 25 tỷ đồng, từ 410 tỷ đồng lên 445 tỷ đồng.",
        "Số cơ sở vi phạm giảm 8 cơ sở, từ mức 30 xuống 24.",
        "Số thuê bao tăng thêm 1.200 thuê bao, từ 15.400 lên 16.900.",
        # the direction contradicts the figures
        "Số hộ nghèo tăng 14 hộ so với năm trước (từ 140 xuống 126).",
    ],
)
def test_changes_that_do_not_match_fire(sentence: str) -> None:
    assert rules_on(sentence) == ["SL007"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Số hộ nghèo giảm 14 hộ so với năm trước (từ 140 xuống 126).",
        "Thu ngân sách tăng 35 tỷ đồng, từ 410 tỷ đồng lên 445 tỷ đồng.",
        "Số hộ nghèo giảm 10% so với năm trước (từ 140 xuống 126).",  # a percentage
        "Tỷ lệ hộ nghèo giảm 1,2 điểm phần trăm, từ 5,4% xuống 4,2%.",
        "Số thuê bao tăng 1,5 nghìn, từ 15.400 lên 16.900.",  # a rounded amount in another unit
        "Giảm 3 xã so với năm 2023 có 12 xã, từ 30 xuống 27 hộ.",  # another figure in between
    ],
)
def test_changes_that_must_not_fire(sentence: str) -> None:
    assert "SL007" not in rules_on(sentence)


# -- the facts themselves --------------------------------------------------------------------------------------------
def test_figures_skip_names_years_and_percentages() -> None:
    text = "Năm 2024, theo Điều 5, tổ chức 12 lớp (đạt 80%) tại 3 xã."
    found = [(f.text, f.noun) for f in qf.figures(text, 0, len(text))]
    assert found == [("12", "lớp"), ("3", "xã")]


def test_partitions_are_data() -> None:
    assert qf.member_of("cấp huyện quản lý") is not None
    assert qf.member_of("dân tộc thiểu số") is None
    names = {p.name for p in qf.partitions()}
    assert "giới tính" in names


# -- share: "chiếm … %" of a total stated earlier in the sentence -----------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Toàn huyện có 420 chi bộ, trong đó 315 chi bộ đạt trong sạch vững mạnh (chiếm 70,5%).",
        "Tổng số 240 hộ; đã có 180 hộ dùng nước sạch, chiếm 70%.",
        "Có 60 đảng viên, trong đó 21 đảng viên nữ, chiếm tỷ lệ 30%.",
        "Toàn xã có 1.250 hộ, trong đó 250 hộ làm dịch vụ (chiếm 25%).",
        "Tổng số 36 hồ sơ, 27 hồ sơ được giải quyết đúng hạn, chiếm tỉ lệ 70%.",
    ],
)
def test_shares_that_do_not_match_fire(sentence: str) -> None:
    assert rules_on(sentence) == ["SL008"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Toàn huyện có 420 chi bộ, trong đó 315 chi bộ đạt trong sạch vững mạnh (chiếm 75%).",
        "Tổng số 36 hồ sơ, 27 hồ sơ được giải quyết đúng hạn, chiếm 75,0%.",
        # rounding: 149/154 = 96,75% may be written 96,7% or 96,8%
        "Tổng số 154 hồ sơ, trong đó 149 hồ sơ đúng hạn (chiếm 96,7%).",
        # an estimate is not judged
        "Tổng số 36 hồ sơ, 27 hồ sơ được giải quyết đúng hạn, chiếm khoảng 70%.",
        # siblings: whose share is it?
        "Diện tích lúa 1.200 ha, diện tích màu 300 ha (chiếm 20%).",
        # the base is named after the share
        "Toàn xã có 85 hộ nghèo, 17 hộ cận nghèo chiếm 10% tổng số hộ của xã.",
        # no announced total
        "Năm 2024 giải quyết 36 hồ sơ, 27 hồ sơ đúng hạn, chiếm 70%.",
        # another noun
        "Toàn huyện có 420 chi bộ, trong đó 315 đảng viên trẻ (chiếm 30%).",
        # a ratio that is not a percentage of the total
        "Tổng số 20 dân tộc (trong đó 4 dân tộc rất ít người), đồng bào dân tộc thiểu số chiếm 84%.",
    ],
)
def test_shares_that_must_not_fire(sentence: str) -> None:
    assert "SL008" not in rules_on(sentence)


# -- "đạt … % kế hoạch" with what was done and the target both written -------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Năm nay thu ngân sách 45 tỷ đồng, đạt 95% kế hoạch 50 tỷ đồng.",
        "Trồng mới 1.080 ha rừng, đạt 98% kế hoạch (1.200 ha).",
        "Tổng thu được 45 tỷ đồng, bằng 80% dự toán giao (50 tỷ đồng).",
        "Kết nạp 54 đảng viên mới, đạt 110% chỉ tiêu 60 đảng viên.",
        "Giải quyết việc làm cho 1.350 lao động, đạt 95% so với kế hoạch 1.500 lao động.",
        "Xây dựng 27 nhà văn hóa, đạt 70% kế hoạch năm 2024 là 30 nhà văn hóa.",
    ],
)
def test_plan_shares_that_do_not_match_fire(sentence: str) -> None:
    assert rules_on(sentence) == ["SL009"]


def test_plan_share_message_names_the_computed_share() -> None:
    report = check((HEAD + "Thu 45 tỷ đồng, đạt 95% kế hoạch 50 tỷ đồng.\n").encode(), name="t.txt", select=["SL009"])
    assert [f.message for f in report.findings] == ["45/50 = 90% kế hoạch, báo cáo ghi đạt 95%; sửa tỷ lệ hoặc số liệu"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Năm nay thu ngân sách 45 tỷ đồng, đạt 90% kế hoạch 50 tỷ đồng.",
        "Xây dựng 27 nhà văn hóa, đạt 90% kế hoạch năm 2024 (30 nhà văn hóa).",
        # rounding: 200/300 = 66,67% may be written 66,7%
        "Trồng 200 ha rừng, đạt 66,7% kế hoạch 300 ha.",
        # an estimate is not judged
        "Thu ngân sách 45 tỷ đồng, đạt khoảng 80% kế hoạch 50 tỷ đồng.",
        # no target figure written
        "Thu ngân sách 45 tỷ đồng, đạt 80% kế hoạch, tăng 5% so với năm trước.",
        # the target counts something else
        "Sửa 45 phòng học với 12 tỷ đồng, đạt 80% kế hoạch 50 tỷ đồng.",
        "Thu 45 tỷ đồng, đạt 80% kế hoạch 50 triệu đồng.",
        # a part and the whole both before "đạt": which one reached the target?
        "Thu 45 tỷ đồng, trong đó thu nội địa 30 tỷ đồng, đạt 80% kế hoạch 50 tỷ đồng.",
        # another clause between the figure done and its share
        "Thu 45 tỷ đồng; các khoản khác đạt 80% kế hoạch 50 tỷ đồng.",
    ],
)
def test_plan_shares_that_must_not_fire(sentence: str) -> None:
    assert "SL009" not in rules_on(sentence)


# -- a count, what the items share, then the list: "có 6 xã đạt chuẩn, gồm: …" ---------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Năm nay có 6 xã đạt chuẩn nông thôn mới, gồm: Tam Tiến, Xuân Lương, Canh Nậu, Đồng Hưu, Tân Sỏi.",
        "Toàn huyện có 04 xã đạt chuẩn, gồm Tam Tiến, Xuân Lương và Canh Nậu.",
        "Đã có 5 trường đạt chuẩn quốc gia: Hồng Thái, Lam Sơn, Quang Trung, Lê Lợi.",
        "Còn 03 thôn chưa có nhà văn hóa (Khe Mo, Bản Chắt).",
        "Có 4 phường hoàn thành sớm kế hoạch, gồm có Trần Phú, Lê Lợi, Hoàng Văn Thụ, Quang Trung, Minh Khai.",
    ],
)
def test_counts_with_a_qualifier_before_the_list_fire(sentence: str) -> None:
    assert rules_on(sentence) == ["SL003"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Năm nay có 5 xã đạt chuẩn nông thôn mới, gồm: Tam Tiến, Xuân Lương, Canh Nậu, Đồng Hưu, Tân Sỏi.",
        # no opener after the qualifier: not certainly the list of those items
        "Có 6 xã đạt chuẩn Tam Tiến, Xuân Lương, Canh Nậu.",
        # an open list or a list of examples
        "Có 6 xã đạt chuẩn, gồm cả Tam Tiến, Xuân Lương, Canh Nậu.",
        "Có 6 xã đạt chuẩn, gồm: Tam Tiến, Xuân Lương, Canh Nậu, …",
        # the list names other things than the count: 4 teams in 3 communes may be right
        "Thành lập 04 đoàn kiểm tra tại các xã Tam Tiến, Xuân Lương, Canh Nậu.",
    ],
)
def test_counts_with_a_qualifier_before_the_list_must_not_fire(sentence: str) -> None:
    assert "SL003" not in rules_on(sentence)


# -- products "mỗi …" with the total stated after them (SL004) ----------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Mở 12 lớp, mỗi lớp 40 học viên, tổng cộng 500 học viên.",
        "Mở 12 lớp, mỗi lớp 40 học viên, tổng số 500 học viên.",
        "Tổ chức 8 đoàn kiểm tra, mỗi đoàn 5 người, với tổng số 45 người.",
        "Thành lập 6 tổ công tác (mỗi tổ 4 cán bộ), tổng số 30 cán bộ.",
        "Cấp cho 15 thôn, mỗi thôn được 3 bộ loa, tổng cộng 40 bộ loa.",
        "Trồng 9 lô, mỗi lô có 120 cây; tổng cộng là 1.000 cây.",
    ],
)
def test_products_with_a_wrong_total_after_them_fire(sentence: str) -> None:
    assert rules_on(sentence) == ["SL004"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Mở 12 lớp, mỗi lớp 40 học viên, tổng cộng 480 học viên.",  # adds up
        "Mở 12 lớp, mỗi lớp khoảng 40 học viên, tổng cộng 500 học viên.",  # an estimate
        "Mở 12 lớp, bình quân mỗi lớp 40 học viên, tổng cộng 500 học viên.",  # an average
        "Mở 12 lớp, mỗi lớp tối đa 40 học viên, tổng cộng 500 học viên.",  # a bound
        "Mở 12 lớp, mỗi lớp 40 học viên, tổng cộng 500 lượt người.",  # another noun
        "Mở 12 lớp, mỗi lớp 40 học viên, tổng cộng 500 học viên và giảng viên.",  # the total counts more
        "Mở 12 lớp, mỗi lớp 5 ngày, tổng cộng 50 ngày.",  # days of classes may run together
        "Mở 12 lớp, mỗi huyện 40 học viên, tổng cộng 500 học viên.",  # "mỗi" of another unit
    ],
)
def test_products_that_must_not_fire(sentence: str) -> None:
    assert "SL004" not in rules_on(sentence)


# -- ratios written with their percentage first, or as "X trên tổng số Y" (SL002) ---------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Số xã đạt chuẩn đạt 92% (45/50 xã).",
        "Tỷ lệ xã đạt chuẩn 92% (45/50 xã).",
        "Hồ sơ đúng hạn chiếm 80% (36/40).",
        "Có 45 xã trên tổng số 50 xã đạt chuẩn, đạt 92%.",
        "Giải quyết 45 trong tổng số 50 hồ sơ, đạt 92%.",
        "Có 45 xã đạt chuẩn trên tổng số 50 xã, chiếm 92%.",
        "Có 36 hộ trên tổng số 40 hộ (80%) được hỗ trợ.",
    ],
)
def test_ratios_with_a_wrong_percentage_fire(sentence: str) -> None:
    assert rules_on(sentence) == ["SL002"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Tỷ lệ xã đạt chuẩn 90% (45/50 xã).",  # agrees
        "Giải quyết đúng hạn đạt tỷ lệ 95% (38/40 hồ sơ).",
        "Có 2 xã trên tổng số 3 xã, đạt 66,7%.",  # rounded
        "Có 2 xã trên tổng số 3 xã, đạt 66,6%.",  # truncated
        "Đạt 92% (12/2023).",  # a month, not a ratio
        "Đạt trên 92% (45/50 xã).",  # a bound
        "Đạt 92% kế hoạch (45/50 xã).",  # a share of the plan
        "Tỷ lệ hộ nghèo giảm 2% (45/50 xã).",  # a change
        "Có 45 học viên trên tổng số 12 lớp, đạt 92%.",  # another noun
        "Có 45 xã trên tổng số 50 xã, trong đó 20 xã đạt 40%.",  # the share of another figure
        "Có 45 xã trên tổng số 50 xã, tăng 12%.",
        "Có 45 xã trên tổng số 50 xã đạt trên 95%.",
    ],
)
def test_ratios_that_must_not_fire(sentence: str) -> None:
    assert "SL002" not in rules_on(sentence)


def test_a_level_number_before_tren_tong_so_is_no_part() -> None:
    # "mức 1, 2" names levels: the 2 is not a count of the total's files
    sentence = "Kích hoạt 1.800 tài khoản mức 1, 2 trên tổng số 2.000 hồ sơ, đạt tỷ lệ 90%."
    assert "SL002" not in rules_on(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Hỗ trợ 20 hộ, mỗi hộ 5 triệu đồng; tổng kinh phí 120 triệu đồng.",
        "Hỗ trợ 20 hộ (mỗi hộ 5 triệu đồng), tổng kinh phí 120 triệu đồng.",
        "Hỗ trợ 20 hộ (mỗi hộ 5 triệu đồng, tổng kinh phí 120 triệu đồng).",
        "Tặng 30 suất quà (mỗi suất trị giá 500 nghìn đồng), tổng giá trị 20 triệu đồng.",
        "Sửa 8 phòng học, mỗi phòng học 1,5 tỷ đồng; tổng kinh phí là 10 tỷ đồng.",
    ],
)
def test_money_products_in_brackets_or_after_a_semicolon_fire(sentence: str) -> None:
    assert rules_on(sentence) == ["SL004"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hỗ trợ 20 hộ (mỗi hộ 5 triệu đồng), tổng kinh phí 100 triệu đồng.",  # adds up
        "Sửa 8 phòng học, mỗi phòng học 1,5 tỷ đồng; tổng kinh phí là 12 tỷ đồng.",
        "Hỗ trợ 20 hộ (mỗi hộ 5 triệu đồng; hộ nghèo thêm 2 triệu đồng), tổng kinh phí 120 triệu đồng.",
        "Hỗ trợ 20 hộ, mỗi hộ 5 triệu đồng; hộ nghèo được thêm, tổng kinh phí 120 triệu đồng.",
    ],
)
def test_money_products_that_must_not_fire(sentence: str) -> None:
    assert "SL004" not in rules_on(sentence)
