"""Every report in samples/ carries defects planted on purpose and listed in its sidecar
(`<name>.expected.json`): the checker must find each of them and report nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker import check

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SIDECARS = sorted(SAMPLES.glob("*.expected.json"))


def _report_for(sidecar: Path) -> Path:
    stem = sidecar.name[: -len(".expected.json")]
    matches = [p for p in SAMPLES.iterdir() if p.stem == stem and p.suffix in (".txt", ".md", ".docx")]
    assert len(matches) == 1, f"{sidecar.name}: expected exactly one report named {stem}.*"
    return matches[0]


def test_there_are_samples_of_each_kind() -> None:
    assert len(SIDECARS) >= 3
    codes = {f["rule"][:2] for s in SIDECARS for f in json.loads(s.read_text(encoding="utf-8"))["findings"]}
    assert codes >= {"DG", "SL", "TD", "NG", "VB", "TT"}, f"categories planted: {sorted(codes)}"


@pytest.mark.parametrize("sidecar", SIDECARS, ids=[s.name for s in SIDECARS])
def test_planted_defects_are_found_and_nothing_else(sidecar: Path) -> None:
    report = check(_report_for(sidecar))
    assert report.error is None, report.error
    expected = {(f["rule"], f["line"]) for f in json.loads(sidecar.read_text(encoding="utf-8"))["findings"]}
    found = {(f.rule, f.line): f.message for f in report.findings}
    missing = sorted(expected - set(found))
    unexpected = sorted(set(found) - expected)
    assert not missing and not unexpected, (
        f"missing (planted, not found): {missing}\n"
        + "unexpected (found, not planted):\n"
        + "\n".join(f"  {rule} line {line}: {found[(rule, line)]}" for rule, line in unexpected)
    )
