"""A reviewer's broken rule file stops the run with one line naming the file and field (exit 2),
instead of an internal error repeated for every report."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import main


def test_broken_framework_file_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "khung").mkdir()
    (tmp_path / "khung" / "hong.toml").write_text('id = "hong"\nname = "X"\ntotal_max = "abc"\n', encoding="utf-8")
    (tmp_path / "baocao-lint.toml").write_text('framework-dirs = ["khung"]\n', encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("BÁO CÁO\n\nKết quả tự chấm điểm năm 2023\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(report)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "hong.toml" in err[0] and "lỗi dữ liệu quy tắc" in err[0]


def test_unknown_framework_name_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "r.txt"
    report.write_text("BÁO CÁO\n\nKết quả năm 2023\n", encoding="utf-8")
    assert main(["check", str(report), "--framework", "khong-co"]) == 2
    assert "khong-co" in capsys.readouterr().err
