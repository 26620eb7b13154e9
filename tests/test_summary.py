"""The summary a reviewer reads after a batch: unreadable files first, a totals row and line, paths
that fit the terminal with their file names whole, in the language asked, and shown on stderr even
when the JSON goes to a file."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from checker.batch import render_summary, shorten_path, totals_line
from checker.report import FileReport, Finding, ReportMeta


def _rep(path: str, sevs: list[str]) -> FileReport:
    fs = [Finding(rule="TT001", category="style", severity=s, message="m", line=1, column=1, end_line=1,
                  end_column=2, evidence="e") for s in sevs]
    return FileReport(path=path, format="txt", report=ReportMeta(year=2024), findings=fs)


REPORTS = [
    _rep("ho-so/2024/huyen-a/bao-cao-tong-ket-cong-tac-dan-van.txt", ["error", "warning", "warning"]),
    _rep("ho-so/2024/huyen-b/bao-cao.txt", ["info"]),
    FileReport(path="ho-so/2024/huyen-c/hong.docx", format="docx", error="tệp .docx bị hỏng"),
]


def _draw(lang: str = "vi", width: int = 160) -> list[str]:
    buf = io.StringIO()
    render_summary(REPORTS, buf, color=False, lang=lang, width=width)
    return buf.getvalue().splitlines()


def test_unreadable_first_then_totals_row_and_line() -> None:
    lines = _draw()
    body = [ln for ln in lines if "ho-so" in ln or "Tổng:" in ln]
    assert "hong.docx" in body[0] and "không đọc được" in body[0]
    assert "huyen-a" in body[1] and "huyen-b" in body[2]
    total_row = body[3]
    assert "Tổng: 3 tệp" in total_row
    assert [c.strip() for c in total_row.split("│")[2:5]] == ["1", "2", "1"]
    assert lines[-1] == "Đã kiểm tra 2 tệp: 1 lỗi, 2 cảnh báo, 1 lưu ý; 1 tệp không đọc được."


def test_english_summary() -> None:
    lines = _draw("en")
    text = "\n".join(lines)
    assert "Summary of the check" in text and "Warnings" in text and "cannot read" in text
    assert "Total: 3 files" in text
    assert lines[-1] == "Checked 2 file(s): 1 error(s), 2 warning(s), 1 info(s); 1 unreadable."
    assert "Tệp" not in text and "Lỗi" not in text


def test_paths_fit_the_width_with_file_names_whole() -> None:
    lines = _draw(width=130)
    assert all(len(ln) <= 130 for ln in lines)
    row = next(ln for ln in lines if "huyen-a" in ln or "bao-cao-tong-ket" in ln)
    assert "bao-cao-tong-ket-cong-tac-dan-van.txt" in row and "…/" in row
    # one line per file: nothing folded onto a second line
    assert sum(1 for ln in lines if "dan-van" in ln or ".txt" in ln) == 2


def test_shorten_path() -> None:
    assert shorten_path("a/b.txt", 20) == "a/b.txt"
    assert shorten_path("mot/hai/ba/bon/nam.txt", 14) == "…/bon/nam.txt"
    short = shorten_path("thu-muc/ten-tep-rat-dai-cua-bao-cao.txt", 12)
    assert len(short) == 12 and short.startswith("ten-") and short.endswith(".txt")


def test_totals_line_counts_slim_rows_too() -> None:
    from checker.batch import SlimReport

    assert totals_line([SlimReport(r) for r in REPORTS]) == totals_line(REPORTS)


def test_summary_on_stderr_when_json_goes_to_a_file(tmp_path: Path) -> None:
    for i in range(2):
        (tmp_path / f"bc-{i}.txt").write_text("BÁO CÁO\nKết quả năm 2024\n\nCông tác công tác.\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "checker.cli", "check", str(tmp_path), "--format", "json", "--jobs", "1"],
                       capture_output=True, text=True, timeout=120)
    assert r.stdout.lstrip().startswith("{")
    assert "Tổng hợp kết quả kiểm tra" in r.stderr and "Đã kiểm tra 2 tệp" in r.stderr
