"""Date rules NG002-NG004 and the date-format style rule TT010, on texts written for these tests and on
the seed reports. Each rule has cases that must NOT fire: a plan for next year, a comparison with last
year, a period stated once, two successive phases of one programme."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import check
from checker.report import Finding

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

DATED_HEAD = (
    "ỦY BAN NHÂN DÂN HUYỆN YÊN THẾ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Số: 215/BC-UBND\n\nYên Thế, ngày 12 tháng 12 năm 2023\n\nBÁO CÁO\nKết quả công tác dân vận chính quyền năm 2023\n\n"
)
UNDATED_HEAD = "BÁO CÁO\nKết quả công tác dân vận chính quyền năm 2023\n\n"


def run(text: str, code: str, head: str = DATED_HEAD) -> list[Finding]:
    report = check((head + text).encode("utf-8"), name="t.txt", select=[code])
    assert report.error is None
    return [f for f in report.findings if f.rule == code]


# -- NG002 ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "I. KẾT QUẢ\n\nNgày 15/01/2024, Ban đã tổ chức hội nghị tổng kết.\n",
        "I. KẾT QUẢ\n\nHội nghị đối thoại đã được tổ chức ngày 20/12/2023 tại hội trường huyện.\n",
        "I. KẾT QUẢ\n\nTrong tháng 01/2024, huyện đã tổ chức 3 lớp tập huấn.\n",
    ],
)
def test_ng002_fires(text: str) -> None:
    assert len(run(text, "NG002")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "I. KẾT QUẢ\n\nNgày 10/12/2023, Ban đã tổ chức hội nghị.\n",  # before the report
        "I. KẾT QUẢ\n\nNgày 12/12/2023, Ban đã tổ chức hội nghị.\n",  # the report's own day
        "I. KẾT QUẢ\n\nBan đã ban hành kế hoạch tổ chức hội nghị vào ngày 15/01/2024.\n",  # a plan
        "I. KẾT QUẢ\n\nĐã chỉ đạo các xã báo cáo trước ngày 15/01/2024.\n",  # a deadline
        "I. KẾT QUẢ\n\nDự kiến ngày 15/01/2024 sẽ tổ chức hội nghị.\n",
        "I. KẾT QUẢ\n\nTốt.\n\nII. NHIỆM VỤ NĂM 2024\n\nNgày 15/01/2024 đã tổ chức xong việc rà soát.\n",  # tasks part
    ],
)
def test_ng002_silent(text: str) -> None:
    assert run(text, "NG002") == []


def test_ng002_undated_report_uses_end_of_reporting_year() -> None:
    found = run("Ngày 05/01/2024, Ban đã tổ chức hội nghị.\n", "NG002", UNDATED_HEAD)
    assert [f.severity for f in found] == ["info"]
    assert run("Ngày 28/12/2023, Ban đã tổ chức hội nghị.\n", "NG002", UNDATED_HEAD) == []


# -- NG003 ----------------------------------------------------------------------------------------
def test_ng003_results_sentence_names_last_year() -> None:
    found = run("I. KẾT QUẢ\n\nTrong năm 2022, Ban đã tổ chức 12 hội nghị.\n", "NG003")
    assert len(found) == 1 and "2022" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "I. KẾT QUẢ\n\nTrong năm 2023, Ban đã tổ chức 12 hội nghị.\n",
        "I. KẾT QUẢ\n\nSố hội nghị tăng 2 so với năm 2022, Ban đã chủ động.\n",  # a comparison
        "I. KẾT QUẢ\n\nTốt.\n\nII. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024\n\nTrong năm 2024, Ban đã xác định tập trung.\n",
        "I. KẾT QUẢ\n\nTrong năm 2022, Ban tổ chức 12 hội nghị thì năm nay tăng.\n",  # no "đã": a comparison
    ],
)
def test_ng003_silent(text: str) -> None:
    assert run(text, "NG003") == []


def test_ng003_multi_year_review_is_not_checked() -> None:
    head = DATED_HEAD.replace(
        "Kết quả công tác dân vận chính quyền năm 2023", "Tổng kết 10 năm thực hiện Nghị quyết"
    )
    assert run("I. KẾT QUẢ\n\nNăm 2017, đã tổ chức đánh giá.\n", "NG003", head) == []


def test_ng003_date_line_of_another_year() -> None:
    head = DATED_HEAD.replace("ngày 12 tháng 12 năm 2023", "ngày 12 tháng 12 năm 2022")
    found = run("I. KẾT QUẢ\n\nTốt.\n", "NG003", head)
    assert len(found) == 1 and "2022" in found[0].message
    # a 2023 report signed in January 2024 is normal
    head = DATED_HEAD.replace("ngày 12 tháng 12 năm 2023", "ngày 05 tháng 01 năm 2024")
    assert run("I. KẾT QUẢ\n\nTốt.\n", "NG003", head) == []


# -- NG004 ----------------------------------------------------------------------------------------
PROG = "Chương trình mục tiêu quốc gia giảm nghèo bền vững"


def test_ng004_overlapping_periods() -> None:
    text = f"Thực hiện {PROG} giai đoạn 2021-2025.\n\nĐẩy mạnh {PROG} giai đoạn 2021-2030.\n"
    found = run(text, "NG004")
    assert len(found) == 1 and "2021-2025" in found[0].message


def test_ng004_term() -> None:
    text = "Đại hội Đảng bộ các cấp của huyện nhiệm kỳ 2020-2025.\n\nĐại hội Đảng bộ các cấp của huyện nhiệm kỳ 2020-2026.\n"
    assert len(run(text, "NG004")) == 1


@pytest.mark.parametrize(
    "text",
    [
        f"Thực hiện {PROG} giai đoạn 2021-2025.\n",  # stated once
        f"Thực hiện {PROG} giai đoạn 2021-2025.\n\nTiếp tục {PROG} giai đoạn 2021-2025.\n",  # stated twice, same
        f"Tổng kết {PROG} giai đoạn 2016-2020.\n\nTriển khai {PROG} giai đoạn 2021-2025.\n",  # successive phases
        "Chương trình giai đoạn 2021-2025.\n\nChương trình giai đoạn 2021-2030.\n",  # no name to match
        f"Thực hiện {PROG} giai đoạn 2021-2025.\n\nĐề án tổng thể phát triển vùng đồng bào giai đoạn 2021-2030.\n",
    ],
)
def test_ng004_silent(text: str) -> None:
    assert run(text, "NG004") == []


# -- TT010 ----------------------------------------------------------------------------------------
def test_tt010_mixed_month_zero() -> None:
    text = "Ngày 03/8/2023 họp.\n\nNgày 15/8/2023 họp.\n\nNgày 21/9/2023 họp.\n\nNgày 03/08/2023 họp lại.\n"
    found = run(text, "TT010")
    assert len(found) == 1 and "03/08/2023" in found[0].message and found[0].severity == "info"


def test_tt010_mixed_separators() -> None:
    text = "Ngày 03/8/2023 họp.\n\nNgày 15/8/2023 họp.\n\nNgày 21-9-2023 họp.\n"
    found = run(text, "TT010")
    assert len(found) == 1 and "21-9-2023" in found[0].message


def test_tt010_consistent_dates_are_fine() -> None:
    text = "Ngày 03/8/2023 họp.\n\nNgày 15/01/2023 họp.\n\nNgày 21/9/2023 họp.\n"
    assert run(text, "TT010") == []


@pytest.mark.parametrize(
    ("line", "fix"),
    [
        ("Yên Thế, ngày 5 tháng 12 năm 2023", "Yên Thế, ngày 05 tháng 12 năm 2023"),
        ("Yên Thế, ngày 15 tháng 1 năm 2024", "Yên Thế, ngày 15 tháng 01 năm 2024"),
        ("Yên Thế, ngày 5 tháng 2 năm 2024", "Yên Thế, ngày 05 tháng 02 năm 2024"),
    ],
)
def test_tt010_header_leading_zero(line: str, fix: str) -> None:
    head = DATED_HEAD.replace("Yên Thế, ngày 12 tháng 12 năm 2023", line)
    found = [f for f in run("Tốt.\n", "TT010", head) if f.severity == "warning"]
    assert len(found) == 1 and found[0].fix == fix


@pytest.mark.parametrize("line", ["Yên Thế, ngày 05 tháng 12 năm 2023", "Yên Thế, ngày 29 tháng 8 năm 2023"])
def test_tt010_header_correct(line: str) -> None:
    head = DATED_HEAD.replace("Yên Thế, ngày 12 tháng 12 năm 2023", line)
    assert run("Tốt.\n", "TT010", head) == []


# -- the seeds --------------------------------------------------------------------------------------
def _seed(prefix: str) -> list[Finding]:
    found = sorted(SEEDS.glob(f"{prefix}*.txt")) if SEEDS.is_dir() else []
    if not found:
        pytest.skip(
            f"báo cáo mẫu {prefix}* không có trong {SEEDS} (các kiểm thử trên báo cáo thật bị bỏ qua)"
        )
    report = check(found[0], select=["NG", "TT010"])
    assert report.error is None
    return report.findings


def test_seed_000_programme_period() -> None:
    found = _seed("000")
    ng004 = [f for f in found if f.rule == "NG004"]
    assert len(ng004) == 1 and "2021-2030" in ng004[0].message and "dòng 41" in ng004[0].message
    assert any(f.rule == "TT010" and "24/03/2023" in f.message for f in found)


def test_seed_002_mixed_date_forms() -> None:
    found = _seed("002")
    assert any(f.rule == "TT010" and "03/08/2023" in f.message for f in found)
    assert any(f.rule == "TT010" and "ngày dưới 10 không có số 0" in f.message for f in found)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_have_no_false_year_or_event_alarms(prefix: str) -> None:
    # the seeds report on one year (or a ten-year review) consistently: NG002 and NG003 must stay silent
    assert not [f.message for f in _seed(prefix) if f.rule in ("NG001", "NG002", "NG003")]


@pytest.mark.parametrize(
    "text",
    [
        "I. KẾT QUẢ\n\nNăm 2017, đã tổ chức đánh giá mô hình lần đầu.\n",  # background history, not "Trong năm"
        "I. KẾT QUẢ\n\nTrong năm 2022, đã tổ chức 10 hội nghị, so với năm nay ít hơn.\n",
    ],
)
def test_ng003_background_and_comparison_are_fine(text: str) -> None:
    assert run(text, "NG003") == []
