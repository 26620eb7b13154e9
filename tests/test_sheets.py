"""Score sheets (.xlsx, .xls, .ods) read into the same score table as a report's table: the score
rules give the findings of the same table as .txt, located `trang tính <name>, ô D12`; sheets that
are not score sheets (price lists, forms) are read as text without score or document-frame findings;
a report's prose total is checked against the score sheet sent with it.

The workbooks are made here with openpyxl (and saved as .xls / .ods by LibreOffice when it is there).
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest

from checker import check
from checker.ingest import office
from checker.ingest.sheet import column_letter

TITLE = ["UBND HUYỆN MINH SƠN", "PHÒNG NỘI VỤ", "BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2024"]
# planted: Nội dung 1 of Tiêu chí 1 above its cap (DG001); Tiêu chí 2's items sum to 7, not 8 (DG002);
# the total 18 is not the criteria's 19 (DG003)
ROWS: list[list[object]] = [
    ["TT", "Tiêu chí, nội dung", "Điểm chuẩn", "Điểm tự chấm", "Điểm thẩm định", "Ghi chú"],
    ["1", "Tiêu chí 1: Chỉ đạo, điều hành", 12, 11, None, None],
    ["Nội dung 1", "Ban hành kế hoạch năm đúng hạn", 6, 7, None, None],
    ["Nội dung 2", "Kiểm tra việc thực hiện kế hoạch", 6, 4, None, None],
    ["2", "Tiêu chí 2: Thủ tục hành chính", 8, 8, None, None],
    ["Nội dung 1", "Công khai thủ tục tại bộ phận một cửa", 4, 4, None, None],
    ["Nội dung 2", "Giải quyết hồ sơ đúng hạn", 4, 3.5, None, None],
    [None, "Tổng cộng", 20, 18.5, None, None],
]
FIRST_TABLE_ROW = len(TITLE) + 2  # the titles, an empty row, then the table


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


def sheet_as_text() -> str:
    return "\n\n".join(TITLE) + "\n\n" + "".join("\t".join(_cell_text(v) for v in row) + "\n" for row in ROWS)


def score_workbook(sheet_name: str = "Tự chấm") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet_name
    for r, title in enumerate(TITLE, start=1):
        ws.cell(row=r, column=1, value=title)
    for r, row in enumerate(ROWS, start=FIRST_TABLE_ROW):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=int(value) if isinstance(value, str) and value.isdigit() else value)
    lookup = wb.create_sheet("danh-muc")  # a hidden lookup list is not part of the submission
    lookup["A1"] = "Tiêu chí 9"
    lookup.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def price_list() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Bảng giá"
    ws.append(["BẢNG GIÁ VẬT LIỆU XÂY DỰNG THÁNG 3 NĂM 2024"])
    ws.append([])
    ws.append(["STT", "Tên vật liệu", "Đơn vị tính", "Giá (đồng)", "Ghi chú"])
    for i, (name, unit, price) in enumerate(
        [("Xi măng PCB40", "tấn", 1450000), ("Cát vàng", "m3", 380000), ("Thép cuộn phi 6", "kg", 15200)], start=1
    ):
        ws.append([i, name, unit, price, None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _score_key(report) -> list[tuple[str, str]]:
    return sorted((f.rule, f.message) for f in report.findings if f.category == "score")


def test_column_letters() -> None:
    assert [column_letter(i) for i in (1, 4, 26, 27, 52, 703)] == ["A", "D", "Z", "AA", "AZ", "AAA"]


def test_xlsx_score_sheet_gives_the_score_findings_of_the_txt() -> None:
    expected = check(sheet_as_text().encode(), name="bang-diem.txt")
    got = check(score_workbook(), name="bang-diem.xlsx")
    assert got.error is None, got.error
    assert got.format == "xlsx"
    assert {"DG001", "DG002", "DG003"} <= {f.rule for f in expected.findings}
    assert _score_key(got) == _score_key(expected)
    over_cap = next(f for f in got.findings if f.rule == "DG001")
    # Nội dung 1 of Tiêu chí 1 is the table's third row; its self score sits in column D
    assert over_cap.location == f"trang tính Tự chấm, ô D{FIRST_TABLE_ROW + 2}"
    assert "Tiêu chí 9" not in (got.text or "")  # the hidden sheet is not read


def test_a_sheet_is_not_blamed_for_lacking_a_document_frame() -> None:
    # a score sheet or price list is an annex: no Quốc hiệu, Nơi nhận or signer of its own
    got = check(score_workbook(), name="bang-diem.xlsx")
    assert not [f for f in got.findings if f.rule == "VB001"]


def test_a_price_list_is_read_as_text_without_score_findings() -> None:
    got = check(price_list(), name="bang-gia.xlsx")
    assert got.error is None, got.error
    assert "Xi măng PCB40" in (got.text or "") and "1450000" in (got.text or "")
    assert [f for f in got.findings if f.category in ("score", "structure")] == []


def test_numbers_and_dates_are_written_as_a_reader_sees_them() -> None:
    import datetime as dt

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ngày họp", dt.datetime(2024, 3, 5), "Tỷ lệ", 92.3, "Mã", 1.001])
    out = io.BytesIO()
    wb.save(out)
    text = check(out.getvalue(), name="so-lieu.xlsx").text or ""
    assert "05/03/2024" in text and "92,3" in text and "1.001" in text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "rỗng"),
        (b"just some words", "không phải bảng tính"),
        (b"PK\x03\x04broken", "hỏng"),
    ],
)
def test_broken_sheets_get_one_line_reasons(data: bytes, reason: str) -> None:
    report = check(data, name="hong.xlsx")
    assert report.error and reason in report.error and "\n" not in report.error


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The score workbook saved by LibreOffice as .xls and .ods."""
    if office.soffice() is None:
        pytest.skip("LibreOffice (soffice) không có trên máy: cài gói libreoffice-calc")
    work = tmp_path_factory.mktemp("sheets")
    (work / "bang-diem.xlsx").write_bytes(score_workbook())
    out = {}
    for fmt in ("xls", "ods"):
        subprocess.run(
            [office.soffice(), f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
             "--convert-to", fmt, "--outdir", str(work), str(work / "bang-diem.xlsx")],
            check=True, capture_output=True, timeout=180,
        )
        out[fmt] = (work / f"bang-diem.{fmt}").read_bytes()
    return out


@pytest.mark.parametrize("fmt", ["xls", pytest.param("ods", marks=pytest.mark.slow)])
def test_xls_and_ods_give_the_same_findings(fmt: str, converted: dict[str, bytes]) -> None:
    expected = check(sheet_as_text().encode(), name="bang-diem.txt")
    got = check(converted[fmt], name=f"bang-diem.{fmt}")
    assert got.error is None, got.error
    assert _score_key(got) == _score_key(expected)
    assert any(re.fullmatch(r"trang tính Tự chấm, ô [A-Z]+\d+", f.location or "") for f in got.findings)


# -- a report and its score sheet together -----------------------------------------------------------
REPORT_WITH_TOTAL = """UBND HUYỆN MINH SƠN
PHÒNG NỘI VỤ

Số: 21/BC-PNV

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Minh Sơn, ngày 10 tháng 12 năm 2024

BÁO CÁO

Kết quả tự chấm điểm công tác cải cách hành chính năm 2024

Phòng Nội vụ tự chấm tổng cộng {total} điểm (bảng tự chấm kèm theo).

Nơi nhận:
- UBND huyện;
- Lưu: VT.

TRƯỞNG PHÒNG

Lê Văn Minh
"""


def _folder(tmp_path: Path, total: str) -> Path:
    folder = tmp_path / f"nop-{total}"
    folder.mkdir()
    (folder / "bao-cao.txt").write_text(REPORT_WITH_TOTAL.format(total=total), encoding="utf-8")
    (folder / "bang-diem.xlsx").write_bytes(score_workbook())
    return folder


def test_report_total_is_checked_against_the_sheet_in_the_same_folder(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    import json

    from checker.cli import main

    main(["check", str(_folder(tmp_path, "17")), "--format", "json", "--fail-on", "never"])
    doc = json.loads(capsys.readouterr().out)
    report = next(f for f in doc["files"] if f["path"].endswith("bao-cao.txt"))
    against = [f for f in report["findings"] if "bang-diem.xlsx" in f["message"]]
    assert len(against) == 1 and "17" in against[0]["message"] and "18,5" in against[0]["message"]
    assert against[0]["category"] == "score"


def test_a_report_whose_total_matches_its_sheet_is_not_flagged(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    import json

    from checker.cli import main

    main(["check", str(_folder(tmp_path, "18,5")), "--format", "json", "--fail-on", "never"])
    doc = json.loads(capsys.readouterr().out)
    report = next(f for f in doc["files"] if f["path"].endswith("bao-cao.txt"))
    assert not [f for f in report["findings"] if "bang-diem.xlsx" in f["message"]]
