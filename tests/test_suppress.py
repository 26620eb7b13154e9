"""Suppressions: per-file ignores from the config, inline comments in .txt/.md, and the baseline
matched by rule + evidence so that edits above a finding do not revive it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_texts import FIXABLE_REPORT

from checker.api import check
from checker.cli import main
from checker.suppress import per_file_codes

REPORT = FIXABLE_REPORT


def _json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = main(["check", "--format", "json", "--jobs", "1", *argv])
    return code, json.loads(capsys.readouterr().out)


def _rules(doc: dict) -> list[str]:
    return [f["rule"] for f in doc["files"][0]["findings"]]


def test_inline_ignore_on_the_line_and_the_line_before(tmp_path: Path) -> None:
    text = REPORT.replace(
        "Ban đã đã tổ chức", "<!-- baocao-lint: ignore TD001 -->\nBan đã đã tổ chức"
    ).replace("công tác công tác dân vận.", "công tác công tác dân vận. <!-- baocao-lint: ignore TT -->")
    p = tmp_path / "bc.md"
    p.write_text(text, encoding="utf-8")
    rules = [f.rule for f in check(p).findings]
    assert "TD001" not in rules  # comment on the line before
    assert rules.count("TT001") == 1  # the "đã đã" line is not covered by the prefix on line 15
    line15 = [f for f in check(p).findings if f.line == 15]
    assert not [f for f in line15 if f.rule.startswith("TT")]


def test_inline_ignore_needs_a_code_and_stays_local(tmp_path: Path) -> None:
    text = REPORT.replace("Ban đã đã tổ chức", "<!-- baocao-lint: ignore -->\n\nBan đã đã tổ chức")
    p = tmp_path / "bc.txt"
    p.write_text(text, encoding="utf-8")
    rules = [f.rule for f in check(p).findings]
    assert "TD001" in rules and rules.count("TT001") == 2


def test_per_file_ignores_from_pyproject(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.baocao-lint.per-file-ignores]\n"nhap/*.txt" = ["TT001"]\n"*-cu.txt" = ["TD"]\n', encoding="utf-8"
    )
    (tmp_path / "nhap").mkdir()
    a = tmp_path / "nhap" / "bc.txt"
    b = tmp_path / "bc-cu.txt"
    c = tmp_path / "bc.txt"
    for p in (a, b, c):
        p.write_text(REPORT, encoding="utf-8")
    cfg = str(tmp_path / "pyproject.toml")
    _, doc = _json(["--config", cfg, str(a), str(b), str(c)], capsys)
    by_path = {Path(f["path"]).relative_to(tmp_path).as_posix(): [x["rule"] for x in f["findings"]] for f in doc["files"]}
    assert "TT001" not in by_path["nhap/bc.txt"] and "TD001" in by_path["nhap/bc.txt"]
    assert "TD001" not in by_path["bc-cu.txt"] and "TT001" in by_path["bc-cu.txt"]
    assert "TD001" in by_path["bc.txt"] and "TT001" in by_path["bc.txt"]


def test_per_file_codes_matches_relative_and_name() -> None:
    m = {"bao-cao/**/*.md": ["VB"], "du-thao.txt": ["TT001"]}
    assert per_file_codes("bao-cao/2023/x.md", m) == ["VB"]
    assert per_file_codes("/abs/path/du-thao.txt", m) == ["TT001"]
    assert per_file_codes("khac.txt", m) == []


def test_unknown_code_in_per_file_ignores_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "baocao-lint.toml"
    cfg.write_text('[per-file-ignores]\n"*.txt" = ["ZZ999"]\n', encoding="utf-8")
    p = tmp_path / "bc.txt"
    p.write_text(REPORT, encoding="utf-8")
    assert main(["check", "--config", str(cfg), str(p)]) == 2
    assert "ZZ999" in capsys.readouterr().err


def test_baseline_survives_edits_above(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "bc.txt"
    p.write_text(REPORT, encoding="utf-8")
    base = tmp_path / "baseline.json"
    code, first = _json([str(p), "--write-baseline", str(base)], capsys)
    assert code == 0 and first["files"][0]["findings"]
    saved = json.loads(base.read_text(encoding="utf-8"))
    assert saved["version"] == 1 and all({"path", "rule", "evidence", "count"} <= set(e) for e in saved["entries"])

    # three new lines above every finding: all line numbers move, nothing comes back
    p.write_text(REPORT.replace("I. KẾT QUẢ ĐẠT ĐƯỢC", "Mở đầu.\n\nThêm đoạn.\n\nI. KẾT QUẢ ĐẠT ĐƯỢC"), encoding="utf-8")
    code, doc = _json([str(p), "--baseline", str(base)], capsys)
    assert code == 0 and _rules(doc) == []
    assert doc["summary"]["warnings"] == 0

    # a new problem is reported, the accepted ones are not
    p.write_text(REPORT + "\nThực hiện Quyết định số 677/QĐ- UBND của UBND tỉnh.\n", encoding="utf-8")
    _, doc = _json([str(p), "--baseline", str(base)], capsys)
    assert _rules(doc) == ["TD001"] and "677" in doc["files"][0]["findings"][0]["evidence"]


def test_baseline_counts_duplicates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # one accepted "đã đã" does not hide a second identical line added later
    p = tmp_path / "bc.txt"
    p.write_text(REPORT, encoding="utf-8")
    base = tmp_path / "b.json"
    _json([str(p), "--write-baseline", str(base)], capsys)
    line = "Ban đã đã tổ chức hội nghị quán triệt Kết luận số 01- KL/TW ngày 18/5/2021 của Ban Bí thư."
    p.write_text(REPORT.replace(line, line + "\n\n" + line), encoding="utf-8")
    _, doc = _json([str(p), "--baseline", str(base)], capsys)
    assert sorted(_rules(doc)) == ["TD001", "TT001"]


def test_broken_baseline_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "bc.txt"
    p.write_text(REPORT, encoding="utf-8")
    base = tmp_path / "b.json"
    base.write_text("{not json", encoding="utf-8")
    assert main(["check", str(p), "--baseline", str(base)]) == 2
    assert "baseline" in capsys.readouterr().err


def test_baseline_paths_are_relative_to_the_baseline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # written from the repository root, used from a sub-folder (or CI's checkout elsewhere)
    (tmp_path / "bao-cao").mkdir()
    p = tmp_path / "bao-cao" / "bc.txt"
    p.write_text(REPORT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _json(["bao-cao/bc.txt", "--write-baseline", "baseline.json"], capsys)
    entries = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert {e["path"] for e in entries} == {"bao-cao/bc.txt"}
    monkeypatch.chdir(tmp_path / "bao-cao")
    _, doc = _json(["bc.txt", "--baseline", "../baseline.json"], capsys)
    assert _rules(doc) == []
