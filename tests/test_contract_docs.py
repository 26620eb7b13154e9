"""docs/contract.md documents what baocao-lint adds to ../shared/CONTRACT.md: every `report` field it
lists is in the JSON output and every field of the output is listed; the reporting year's sources, VB007
and the excerpt info behave as the page says (documents written for this test)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from checker.cli import main

DOC = Path(__file__).resolve().parents[1] / "docs" / "contract.md"


def _section(title: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def _json(tmp_path: Path, text: str, name: str = "bc.txt") -> dict:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out.json"
    main(["check", str(src), "--format", "json", "--output", str(out), "--fail-on", "never", "--quiet"])
    return json.loads(out.read_text(encoding="utf-8"))["files"][0]


REPORT = (
    "ỦY BAN NHÂN DÂN\nTỈNH HÒA AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 15/BC-UBND\nHòa An, ngày 10 tháng 01 năm 2025\nBÁO CÁO\nKết quả công tác cải cách hành chính\n"
    "I. KẾT QUẢ THỰC HIỆN NĂM 2024\nTrong năm 2024, tỉnh đã hoàn thành các chỉ tiêu.\n"
    "II. NHIỆM VỤ NĂM 2025\nTiếp tục cải cách./.\n"
    "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, NC.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Minh Khoa\n"
)


def test_every_documented_report_field_is_in_the_json_and_back(tmp_path: Path) -> None:
    documented = re.findall(r"^\| `(\w+)` \|", _section("`report`: what the checker understood"), re.M)
    report = _json(tmp_path, REPORT)["report"]
    assert documented and set(documented) == set(report)
    assert (report["doctype"], report["kind"], report["template"]) == ("Báo cáo", "state", "bao-cao")


def test_the_reporting_year_sources_are_the_documented_ones(tmp_path: Path) -> None:
    section = _section("The reporting year")
    listed = re.findall(r"^\d\. `([\w ]+)`", section, re.M)
    assert listed == ["title", "request", "score table", "date line", "period"]
    row = re.search(r"^\| `year_source` \|(.*)$", _section("`report`: what the checker understood"), re.M)
    assert row is not None and all(f"`{s}`" in row.group(1) for s in [*listed, "--year", "none"])
    # the example of the page: signed in January 2025 on the year 2024, which its body names
    report = _json(tmp_path, REPORT)["report"]
    assert (report["year"], report["year_source"]) == (2024, "period")


def test_vb007_and_the_excerpt_info_are_as_documented(tmp_path: Path) -> None:
    assert "VB007" in _section("VB007: a text that is not a document")
    news = "Sáng 12/5, Ủy ban nhân dân tỉnh Hòa An tổ chức hội nghị sơ kết.\nCác đại biểu thảo luận sôi nổi.\n"
    found = [(f["rule"], f["severity"]) for f in _json(tmp_path, news, "tin.txt")["findings"] if f["category"] == "structure"]
    assert found == [("VB007", "info")]
    body = "I. ĐẶC ĐIỂM TÌNH HÌNH\nXã có 12 thôn.\nII. KẾT QUẢ ĐẠT ĐƯỢC\nTăng trưởng khá.\n"
    found = [(f["rule"], f["severity"]) for f in _json(tmp_path, body, "trich.txt")["findings"] if f["category"] == "structure"]
    assert found == [("VB001", "info")]
    assert "one VB001 finding of severity `info`" in _section("Partial text: one info for an excerpt")
