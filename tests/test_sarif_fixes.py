"""SARIF fixes carry every occurrence a fixable finding's fix applies to (TT090 reports a word once and
fixes all its occurrences): applying a result's replacements gives what `--fix` writes."""

from __future__ import annotations

from pathlib import Path

from checker import check
from checker.fix import plan_fixes
from checker.reporters.sarif import sarif_document

# In my own words: the old tone placement (hòa, thủy) is the majority, the new one (hoà) is written
# three times, in two cases, so one TT090 finding stands for three replacements.
MIXED_TONES = (
    "ỦY BAN NHÂN DÂN XÃ MẪU\n\n"
    "Công tác hòa giải và thủy lợi được quan tâm; tổ hòa giải họp hằng tháng, thủy lợi nội đồng được nạo vét.\n\n"
    "Hoà giải viên được tập huấn; tổ hoà giải còn thiếu kinh phí.\n\n"
    "Việc hoà giải ở thôn cần thêm người.\n"
)


def _apply(text: str, replacements: list[dict]) -> str:
    """The text with SARIF replacements applied (regions of the original, 1-based lines and columns)."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column - 1

    spans = [
        (offset(r["deletedRegion"]["startLine"], r["deletedRegion"]["startColumn"]),
         offset(r["deletedRegion"]["endLine"], r["deletedRegion"]["endColumn"]),
         r["insertedContent"]["text"])
        for r in replacements
    ]
    for a, b, new in sorted(spans, reverse=True):
        text = text[:a] + new + text[b:]
    return text


def test_sarif_fix_of_a_word_written_three_times_replaces_all_three(tmp_path: Path) -> None:
    path = tmp_path / "hoa-giai.txt"
    path.write_text(MIXED_TONES, encoding="utf-8")
    report = check(path, select=["TT090"])
    findings = [f for f in report.findings if f.rule == "TT090"]
    assert len(findings) == 1 and len(findings[0].also_fix) == 2  # one finding, two more occurrences
    result = next(r for r in sarif_document([report])["runs"][0]["results"] if r["ruleId"] == "TT090")
    (change,) = result["fixes"][0]["artifactChanges"]
    replacements = change["replacements"]
    assert len(replacements) == 3
    fixed = _apply(MIXED_TONES, replacements)
    assert "hoà" not in fixed.lower() and "Hòa giải viên" in fixed
    assert fixed == plan_fixes(report, path.read_bytes()).new_text  # what --fix writes


def test_a_fix_with_one_occurrence_has_one_replacement(tmp_path: Path) -> None:
    path = tmp_path / "mot-lan.txt"
    path.write_text(MIXED_TONES.replace("tổ hoà giải", "tổ hòa giải").replace("Việc hoà giải", "Việc hòa giải"),
                    encoding="utf-8")
    report = check(path, select=["TT090"])
    result = next(r for r in sarif_document([report])["runs"][0]["results"] if r["ruleId"] == "TT090")
    assert len(result["fixes"][0]["artifactChanges"][0]["replacements"]) == 1
