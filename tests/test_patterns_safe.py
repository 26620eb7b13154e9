"""Rule-file patterns that cannot blow up: a pattern whose shape takes exponential time in `re` is
refused when the TOML is loaded, with the file and field named; every shipped pattern passes.

Without the check, `(\\w+\\s?)+#` in a user's template hung every run that loaded it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import main
from checker.ruledata import RuleDataError, backtracking_risk, iter_patterns, load_frameworks, load_templates

EXPLOSIVE = [r"(\w+\s?)+#", r"(a|aa)+b", r"(x+x+)+y", r"(a*)*", r"(\w+a)+!", r"(\d+\s*)+x", r"(.*?,)+x", r"((ab)*)*"]
SAFE = [r"(?:,\s*\w+)*", r"\d+(?:[.,]\d+)*", r"(?:\s*[-–]\s*\d+)*", r"(?:\s+\w+)+$", r"(?:ab|cd)+", r"^\s*Phần\s+(?:thứ\s+hai|II(?![IVX]))\b"]


@pytest.mark.parametrize("pattern", EXPLOSIVE)
def test_explosive_shapes_are_refused(pattern: str) -> None:
    assert backtracking_risk(pattern)


@pytest.mark.parametrize("pattern", SAFE)
def test_safe_shapes_pass(pattern: str) -> None:
    assert backtracking_risk(pattern) is None


def test_every_shipped_pattern_passes() -> None:
    patterns = [p for t in load_templates(()).values() for p in iter_patterns(t)]
    patterns += [p for f in load_frameworks(()).values() for p in iter_patterns(f)]
    assert len(patterns) > 20
    assert [p for p in patterns if backtracking_risk(p)] == []


def _user_template(folder: Path, pattern: str) -> None:
    pattern_toml = pattern.replace("\\", "\\\\")
    (folder / "cua-toi.toml").write_text(
        f'name = "Của tôi"\n[[parts]]\nid = "a"\nname = "A"\npatterns = ["{pattern_toml}"]\nwhere = "header"\n',
        encoding="utf-8",
    )


def test_user_template_with_an_explosive_pattern_is_a_one_line_load_error(tmp_path: Path) -> None:
    _user_template(tmp_path, r"(\w+\s?)+#")
    with pytest.raises(RuleDataError, match=r"cua-toi\.toml: parts\.0\.patterns\.0: biểu thức chính quy bị từ chối"):
        load_templates(extra_dirs=[tmp_path])


def test_cli_with_an_explosive_user_pattern_stops_before_any_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tpl = tmp_path / "mau"
    tpl.mkdir()
    _user_template(tpl, r"(\w+\s?)+#")
    (tmp_path / "baocao-lint.toml").write_text('template-dirs = ["mau"]\n', encoding="utf-8")
    report = tmp_path / "a.txt"
    report.write_text("BÁO CÁO\n" + "chữ " * 5000 + "\n", encoding="utf-8")
    assert main(["check", str(report), "--config", str(tmp_path / "baocao-lint.toml"), "--jobs", "1"]) == 2
    err = capsys.readouterr().err.strip()
    assert "cua-toi.toml" in err and "patterns" in err and "\n" not in err
