"""Citation rules TD001-TD008 on texts written for these tests, then on the real seed reports.

Every rule has cases that must fire and cases that must NOT fire: a false alarm on a correct
citation is a bug, so the negative cases matter as much as the positive ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import check
from checker.report import Finding

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def seed_path(prefix: str) -> Path:
    """The seed report whose name starts with `prefix`; skip when the seeds are not next to the repo."""
    found = sorted(SEEDS.glob(f"{prefix}*.txt")) if SEEDS.is_dir() else []
    if not found:
        pytest.skip(
            f"báo cáo mẫu {prefix}* không có trong {SEEDS} (các kiểm thử trên báo cáo thật bị bỏ qua)"
        )
    return found[0]


# A report header the document model understands: a state report on 2023, dated 15/12/2023.
STATE_HEAD = (
    "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Số: 15/BC-UBND\n\nBắc Giang, ngày 15 tháng 12 năm 2023\n\nBÁO CÁO\nKết quả công tác dân vận năm 2023\n\n"
)


def run(text: str, code: str, head: str = STATE_HEAD) -> list[Finding]:
    report = check((head + text).encode("utf-8"), name="t.txt", select=[code])
    assert report.error is None
    return [f for f in report.findings if f.rule == code]


# -- TD001 ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("Thực hiện Kết luận số 07- KL/TW ngày 10/5/2021 của Bộ Chính trị.", "07-KL/TW"),
        ("Kế hoạch số 210 -KH/HU ngày 21/3/2023 về tiếp xúc.", "210-KH/HU"),
        ("Quyết định số 1900/QĐ- TTg ngày 20/12/2018.", "1900/QĐ-TTg"),
        ("Quyết định số 512/QĐUBND ngày 02/4/2017 của Chủ tịch UBND tỉnh.", "512/QĐ-UBND"),
        ("Quyết định số 61/2009QĐ-UBND ngày 30/8/2009 của UBND tỉnh.", "61/2009/QĐ-UBND"),
        ("Kế hoạch số 33--KH/TU ngày 16/3/2021.", "33-KH/TU"),
        ("Kế hoạch số 45/kh-ubnd ngày 16/3/2023.", "45/KH-UBND"),
        ("Kế hoạch số 12-KH/BCSD-BDVTU ngày 18/8/2021.", "12-KH/BCSĐ-BDVTU"),
    ],
)
def test_td001_fires_with_fix(text: str, fix: str) -> None:
    found = run(text, "TD001")
    assert len(found) == 1, [f.message for f in found]
    assert found[0].fix == fix


@pytest.mark.parametrize(
    "text",
    [
        "Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư.",
        "Công văn số 1880/SNV-XDCQ ngày 30/11/2023 của Sở Nội vụ.",  # state công văn: no type code
        "Chương trình số 04/CTr-UBND-BDVHU ngày 28/02/2022.",  # joint state/Party: CTr is a state code
        "Nghị quyết số 77/2019/QH14 ngày 18/11/2019 của Quốc hội.",
        "Chương trình phối hợp số 12/CTrPH-MTTQ-BDT ngày 29/01/2018.",
        "Quyết định số 12/QĐ-TTg ngày 05/01/2023.",  # TTg: lower case by rule
        "Tờ trình số 89/TTr-SNV ngày 14/4/2017.",
        "Thực hiện Quyết định 274 của UBND tỉnh.",  # a short mention, no symbol
    ],
)
def test_td001_silent_on_correct_symbols(text: str) -> None:
    assert run(text, "TD001") == []


def test_td001_unknown_type_code_is_info() -> None:
    found = run("Kế hoạch số 15-KHX/TU ngày 10/3/2023.", "TD001")
    assert [f.severity for f in found] == ["info"]


# -- TD002 ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("Chỉ thị số 40-CT/TTg ngày 26/11/2021 của Thủ tướng Chính phủ.", "40/CT-TTg"),
        ("Kết luận số 121/KL-TU của Ban Thường vụ Tỉnh ủy.", "121-KL/TU"),
        ("Nghị quyết số 12/NQ-TW ngày 03/6/2013.", "12-NQ/TW"),
        ("Nghị định số 05-NĐ/CP ngày 09/01/2015.", "05/NĐ-CP"),
    ],
)
def test_td002_wrong_system_form(text: str, fix: str) -> None:
    found = run(text, "TD002")
    assert [f.fix for f in found] == [fix]


@pytest.mark.parametrize(
    "text",
    [
        "Chỉ thị số 16/CT-TTg ngày 16/5/2016 của Thủ tướng Chính phủ.",
        "Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư.",
        "Kế hoạch số 98-KH/BDVTU-BCSĐUBND ngày 17/02/2020.",  # both Party issuers
        "Chương trình số 02/CTr-UBND-BDVHU ngày 28/02/2022.",  # joint: first issuer decides, mixed → silent
        "Chương trình phối hợp số 167-CTPH/BDT-TĐTN ngày 28/3/2018.",  # an unknown issuer: not decidable
    ],
)
def test_td002_silent(text: str) -> None:
    assert run(text, "TD002") == []


# -- TD003 ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch số 104/QĐ-UBND ngày 01/6/2016 của UBND tỉnh.",
        "Kết luận số 64-KH/TU ngày 03/3/2021 của Ban Thường vụ Tỉnh ủy.",
        "Nghị quyết số 95-QC/HU ngày 2/6/2022 về công tác dân vận.",
        "Quyết định số 88/2008/QĐ-TTg ngày 30/8/2008 của UBND tỉnh.",  # issuer code vs named issuer
    ],
)
def test_td003_fires(text: str) -> None:
    assert len(run(text, "TD003")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch số 89-KHPH/BDVTU-BDT ngày 19/02/2019.",  # Kế hoạch phối hợp called Kế hoạch
        "Quy định số 318-QĐ/TU ngày 21/9/2017 của Ban Thường vụ Tỉnh ủy.",  # Party QĐ covers Quy định
        "Chương trình hành động số 44-CTr/TU ngày 08/8/2013.",
        "Công văn số 887/UBND-NC ngày 26/3/2020.",
        "Quyết định số 677/QĐ-UBND ngày 02/4/2007 của Chủ tịch UBND tỉnh.",
        "QUYẾT ĐỊNH 274/QĐ-UBND NGÀY 26/5/2017",
    ],
)
def test_td003_silent(text: str) -> None:
    assert run(text, "TD003") == []


# -- TD004 ----------------------------------------------------------------------------------------
def test_td004_two_dates_points_at_the_later_and_names_the_first_line() -> None:
    text = (
        "Ban Thường vụ ban hành Quy định số 05-QĐi/TU ngày 19/4/2018 về trách nhiệm.\n\n"
        "Đoạn khác.\n\nThực hiện Quy định số 05-QĐi/TU ngày 24/4/2018 của Ban Thường vụ Tỉnh ủy.\n"
    )
    found = run(text, "TD004")
    assert len(found) == 1
    first_line = (STATE_HEAD + text).splitlines().index(text.splitlines()[0]) + 1
    assert f"dòng {first_line}" in found[0].message and "24/4/2018" in found[0].message
    assert found[0].line > first_line


def test_td004_two_issuers() -> None:
    text = (
        "Thực hiện Kết luận số 98-KL/TW ngày 14/7/2019 của Ban Bí thư về dân vận.\n\n"
        "Quán triệt Kết luận số 98-KL/TW của Bộ Chính trị về dân vận.\n\n"
        "Tiếp tục Kết luận số 98-KL/TW của Ban Bí thư.\n"
    )
    found = run(text, "TD004")
    assert len(found) == 1 and "Bộ Chính trị" in found[0].message


def test_td004_leaves_a_registry_document_to_td007() -> None:
    # 114-KL/TW is in the registry: TD007 names the true issuer, so TD004 does not repeat it
    text = (
        "Cơ quan đã học Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư, rồi làm theo.\n\n"
        "Quán triệt Kết luận số 114-KL/TW của Bộ Chính trị về dân vận.\n"
    )
    assert run(text, "TD004") == []
    assert any("Ban Bí thư" in f.message for f in run(text, "TD007"))


def test_td004_two_symbols_for_one_document() -> None:
    text = "Nghị quyết số 95-QC/HU ngày 2/6/2022 về dân vận.\n\nNghị quyết số 95-NQ/HU ngày 2/6/2022 về dân vận.\n"
    assert len(run(text, "TD004")) == 1


@pytest.mark.parametrize(
    "text",
    [
        # state numbers restart every year: 04/TB-BDT of 2020 and of 2022 are two documents
        "Thông báo số 04/TB-BDT ngày 06/01/2020.\n\nThông báo số 04/TB-BDT ngày 10/01/2022.\n",
        # the province's and the district's plan share a symbol
        "Kế hoạch số 08/KH-UBND ngày 14/01/2023 của UBND tỉnh.\n\nKế hoạch số 08/KH-UBND ngày 20/01/2023 của UBND huyện.\n",
        # same document, same facts, the later mention shortened
        "Kết luận 114-KL/TW ngày 14/7/2015 của Ban Bí thư Trung ương Đảng.\n\nKết luận số 114-KL/TW của Ban Bí thư.\n",
        "Nghị quyết 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương khóa XI đã nêu.\n\n"
        "Nghị quyết 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương.\n",
    ],
)
def test_td004_silent(text: str) -> None:
    assert run(text, "TD004") == []


# -- TD005 ----------------------------------------------------------------------------------------
def test_td005_cited_after_report_date() -> None:
    found = run("Thực hiện Kế hoạch số 12/KH-UBND ngày 20/12/2023 của UBND tỉnh.", "TD005")
    assert len(found) == 1 and "15/12/2023" in found[0].message


def test_td005_same_day_as_report_is_fine() -> None:
    assert run("Thực hiện Kế hoạch số 12/KH-UBND ngày 15/12/2023 của UBND tỉnh.", "TD005") == []


def test_td005_undated_report_uses_end_of_reporting_year() -> None:
    head = "BÁO CÁO\nKết quả công tác dân vận năm 2023\n\n"
    found = run("Thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2024.", "TD005", head)
    assert [f.severity for f in found] == ["info"]
    assert run("Thực hiện Kế hoạch số 12/KH-UBND ngày 28/12/2023.", "TD005", head) == []


def test_td005_implementing_document_older_than_its_source() -> None:
    text = "Kế hoạch số 204/KH-UBND ngày 01/6/2015 của UBND tỉnh về triển khai Chỉ thị số 16/CT-TTg ngày 16/5/2016."
    found = run(text, "TD005")
    assert len(found) == 1 and "16/5/2016" in found[0].message
    ok = "Kế hoạch số 204/KH-UBND ngày 01/6/2016 của UBND tỉnh về triển khai Chỉ thị số 16/CT-TTg ngày 16/5/2016."
    assert run(ok, "TD005") == []
    # two documents merely listed one after the other are not an implementation
    listed = "Kế hoạch số 204/KH-UBND ngày 01/6/2015; Chỉ thị số 16/CT-TTg ngày 16/5/2016."
    assert run(listed, "TD005") == []


# -- TD006 ----------------------------------------------------------------------------------------
def test_td006() -> None:
    assert len(run("Quyết định số 127/2015/QĐ-UBND ngày 08/4/2016 của UBND tỉnh.", "TD006")) == 1
    assert run("Quyết định số 127/2015/QĐ-UBND ngày 08/4/2015 của UBND tỉnh.", "TD006") == []
    assert run("Nghị định số 145/2020/NĐ-CP của Chính phủ.", "TD006") == []  # no date: nothing to compare


# -- TD007 ----------------------------------------------------------------------------------------
def test_td007_wrong_issuer_and_date() -> None:
    found = run("Thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Bộ Chính trị.", "TD007")
    assert len(found) == 1 and found[0].severity == "warning" and "Ban Bí thư" in found[0].message
    found = run("Thực hiện Quyết định số 23-QĐ/TW ngày 30/7/2022 của Bộ Chính trị.", "TD007")
    assert len(found) == 1 and "30/7/2021" in found[0].message


def test_td007_unverified_entry_only_info() -> None:
    found = run("Thực hiện Chỉ thị số 49-CT/TW ngày 20/11/2015 của Ban Bí thư.", "TD007")
    assert [f.severity for f in found] == ["info"]


def test_td007_miscopied_issuer_code() -> None:
    found = run("Thực hiện Nghị quyết số 25-NQ/TU ngày 03/6/2013 về dân vận.", "TD007")
    assert len(found) == 1 and "25-NQ/TW" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Kết luận 114-KL/TW ngày 14/7/2015 của Ban Bí thư Trung ương Đảng.",
        "Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị (bản gốc).",
        "Chỉ thị số 16/CT-TTg ngày 16/5/2016 của Thủ tướng Chính phủ (bản gốc).",
        "Chỉ thị số 33/CT-TTg ngày 14/8/2026 về an toàn thực phẩm.",  # another year: another document
    ],
)
def test_td007_silent(text: str) -> None:
    assert run(text, "TD007") == []


def test_td007_local_document_only_in_its_province() -> None:
    other = STATE_HEAD.replace("BẮC GIANG", "QUẢNG NGÃI").replace("Bắc Giang", "Quảng Ngãi")
    text = "Thực hiện Quyết định số 274/QĐ-UBND ngày 26/5/2018 của UBND tỉnh."
    assert run(text, "TD007", other) == []  # Quảng Ngãi's own 274/QĐ-UBND
    assert len(run(text, "TD007")) == 1  # Bắc Giang's is of 26/5/2017


# -- TD008 ----------------------------------------------------------------------------------------
DATED = (
    "Kế hoạch số 11/KH-UBND ngày 14/01/2023.\n\nKế hoạch số 12/KH-UBND ngày 15/01/2023.\n\n"
    "Kế hoạch số 13/KH-UBND ngày 16/01/2023.\n\nKế hoạch số 14/KH-UBND ngày 17/01/2023.\n\n"
)


def test_td008_never_dated() -> None:
    found = run(DATED + "Thực hiện Chỉ thị số 19-CT/TU của Ban Thường vụ Tỉnh ủy.\n", "TD008")
    assert len(found) == 1 and found[0].severity == "info"


def test_td008_short_later_mention_is_fine() -> None:
    text = DATED + "Chỉ thị số 19-CT/TU ngày 05/4/2022.\n\nTiếp tục thực hiện Chỉ thị số 19-CT/TU.\n"
    assert run(text, "TD008") == []


def test_td008_silent_when_the_report_dates_few_citations() -> None:
    text = "Chỉ thị số 19-CT/TU.\n\nChỉ thị số 20-CT/TU.\n\nChỉ thị số 21-CT/TU.\n\nChỉ thị số 22-CT/TU ngày 05/4/2022.\n"
    assert run(text, "TD008") == []


# -- the seeds --------------------------------------------------------------------------------------
def _seed(prefix: str, select: str) -> list[Finding]:
    report = check(seed_path(prefix), select=[select])
    assert report.error is None
    return report.findings


def _has(findings: list[Finding], rule: str, *needles: str) -> bool:
    return any(f.rule == rule and all(n in f.message for n in needles) for f in findings)


def test_seed_000_citations() -> None:
    found = _seed("000", "TD")
    assert sum(_has([f], "TD001", "01- KL/TW") for f in found) == 2
    assert _has(found, "TD007", "114-KL/TW", "Bộ Chính trị", "Ban Bí thư")
    assert _has(found, "TD007", "23-QĐ/TW", "Ban Chấp hành Trung ương Đảng")
    assert _has(found, "TD007", "114-KL/TW", "Bộ Chính trị")
    # 127/2015/QĐ-UBND ngày 08/4/2015 is correct: year and date agree
    assert not any(f.rule == "TD006" for f in found)
    assert not any(f.rule == "TD005" for f in found)


def test_seed_001_citations() -> None:
    found = _seed("001", "TD")
    assert _has(found, "TD001", "677/QĐUBND", "677/QĐ-UBND")
    assert _has(found, "TD003", "180/QĐ-UBND", "Bộ trưởng")  # a UBND symbol for a minister's decision
    assert not any(f.rule in ("TD002", "TD004", "TD005", "TD006", "TD007") for f in found)


def test_seed_002_citations() -> None:
    found = _seed("002", "TD")
    for raw in ("110 -KH/HU", "131 -KH/HU", "42 -KH/HU", "41 -KH/HU", "1847/QĐ- TTg", "75/2007QĐ-TTg"):
        assert _has(found, "TD001", raw), raw
    assert _has(found, "TD002", "120/KL-TU", "120-KL/TU")
    assert _has(found, "TD003", "54-KH/TU")
    assert _has(found, "TD003", "85-QC/HU")
    assert _has(found, "TD003", "75/2007QĐ-TTg", "UBND tỉnh")
    assert _has(found, "TD004", "85-NQ/HU", "85-QC/HU")
    assert _has(found, "TD007", "25-NQ/TU", "25-NQ/TW")


def test_seed_003_has_no_citation_errors() -> None:
    found = _seed("003", "TD")
    assert all(f.severity == "info" for f in found), [f.message for f in found]


def test_seed_004_citations() -> None:
    found = _seed("004", "TD")
    assert _has(found, "TD002", "33-CT/TTg", "33/CT-TTg")
    assert _has(found, "TD002", "16-CT/TTg", "16/CT-TTg")
    assert _has(found, "TD004", "01-QĐi/TU", "24/4/2018", "19/4/2018")
    assert _has(found, "TD005", "104/KH-UBND", "01/6/2015", "16/5/2016")
    assert _has(found, "TD001", "30-KH/BCSD-BDVTU")
    assert _has(found, "TD001", "152-KH/BCSD-BDVTU")
    info = [f for f in found if f.rule == "TD007"]
    assert info and all(f.severity == "info" for f in info)  # 104/KH-UBND: the registry entry is unverified


def test_td003_issuer_after_a_stray_token() -> None:
    text = "Quyết định số 205/QĐ-UBND 4 ngày 11/5/2019 của Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc\n\nvề thủ tục."
    found = run(text, "TD003")
    assert len(found) == 1 and "Chủ nhiệm Ủy ban Dân tộc" in found[0].message


def test_td001_stray_word_before_date_is_info() -> None:
    found = run("Chỉ thị số 26/CT-TTg của ngày 05/9/2016 của Thủ tướng Chính phủ.", "TD001")
    assert [(f.severity, f.fix) for f in found] == [("info", "26/CT-TTg ngày 05/9/2016")]


def test_seed_more_findings() -> None:
    assert _has(_seed("000", "TD001"), "TD001", "16/CT-TTg của ngày")
    assert _has(_seed("001", "TD003"), "TD003", "180/QĐ-UBND", "Bộ trưởng")


def test_td008_law_and_ordinance_need_no_date() -> None:
    assert run(DATED + "Thực hiện Pháp lệnh 44/2007/PL-UBTVQH11 về dân chủ.\n", "TD008") == []


def test_td004_ubnd_without_level_is_not_resolved() -> None:
    # a district report cites its own 08/KH-UBND and, later, the province's: without a level, no guess
    text = "Kế hoạch số 08/KH-UBND ngày 14/01/2023 về cải cách.\n\nKế hoạch số 08/KH-UBND ngày 20/01/2023 của UBND tỉnh.\n"
    assert run(text, "TD004") == []
    same = "Kế hoạch số 08/KH-UBND ngày 14/01/2023 của UBND tỉnh.\n\nKế hoạch số 08/KH-UBND ngày 20/01/2023 của UBND tỉnh.\n"
    assert len(run(same, "TD004")) == 1
