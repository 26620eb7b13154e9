"""Every report in samples/ carries defects planted on purpose and listed in its sidecar
(`<name>.expected.json`): the checker must find each of them and report nothing else.

Sidecar shape::

    {"description": "...",
     "findings": [{"rule": "SL001", "line": 42, "note": "08 ≠ 06 + 03"}, ...],
     "pending":  [{"rule": "DG009", "line": 80, "note": "..."}]}

`line` is 1-based in the original file, as the checker reports it. `findings` may be empty: a clean
report on which nothing may fire. `pending` (optional) lists defects planted for a rule that does not
exist yet: they are ignored while the rule is missing and become expected as soon as it is registered,
so a new rule that misses its planted defect fails here (then move the entry to `findings`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker import check
from checker.engine import all_rules

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SIDECARS = sorted(SAMPLES.glob("*.expected.json"))
REPORT_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


def _report_for(sidecar: Path) -> Path:
    stem = sidecar.name[: -len(".expected.json")]
    matches = [p for p in SAMPLES.iterdir() if p.stem == stem and p.suffix in REPORT_SUFFIXES]
    assert len(matches) == 1, f"{sidecar.name}: expected exactly one report named {stem}.* , found {matches}"
    return matches[0]


def _load(sidecar: Path) -> dict:
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    assert isinstance(data.get("findings"), list), f"{sidecar.name}: no \"findings\" list"
    for entry in data["findings"] + data.get("pending", []):
        assert {"rule", "line"} <= entry.keys(), f"{sidecar.name}: entry without rule/line: {entry}"
    return data


def _planted(data: dict) -> dict[tuple[str, int], str]:
    """(rule, line) → note, for every planted defect whose rule exists now."""
    known = set(all_rules())
    entries = data["findings"] + [p for p in data.get("pending", []) if p["rule"] in known]
    return {(e["rule"], int(e["line"])): e.get("note", "") for e in entries}


def test_every_report_has_a_sidecar() -> None:
    reports = [p for p in SAMPLES.iterdir() if p.suffix in REPORT_SUFFIXES and not p.name.startswith(".")]
    sidecars = {s.name[: -len(".expected.json")] for s in SIDECARS}
    orphans = sorted(p.name for p in reports if p.stem not in sidecars)
    assert not orphans, f"reports in samples/ without a <name>.expected.json sidecar: {orphans}"


def test_there_are_samples_of_each_kind() -> None:
    assert len(SIDECARS) >= 3
    codes = {f["rule"][:2] for s in SIDECARS for f in _load(s)["findings"]}
    assert codes >= {"DG", "SL", "TD", "NG", "VB", "TT"}, f"categories planted: {sorted(codes)}"
    assert any(not _load(s)["findings"] for s in SIDECARS), "no clean sample (a sidecar with no findings)"


def test_sidecars_name_only_registered_rules() -> None:
    known = set(all_rules())
    stray = sorted(
        (s.name, f["rule"]) for s in SIDECARS for f in _load(s)["findings"] if f["rule"] not in known
    )
    assert not stray, f"sidecar findings for rules that do not exist (list them under \"pending\"): {stray}"


@pytest.mark.parametrize("sidecar", SIDECARS, ids=[s.name for s in SIDECARS])
def test_planted_defects_are_found_and_nothing_else(sidecar: Path) -> None:
    path = _report_for(sidecar)
    report = check(path)
    assert report.error is None, f"{path.name}: {report.error}"
    planted = _planted(_load(sidecar))
    found: dict[tuple[str, int], list[str]] = {}
    for f in report.findings:
        found.setdefault((f.rule, f.line), []).append(f.message)
    missing = sorted(set(planted) - set(found))
    unexpected = sorted(set(found) - set(planted))
    lines = []
    if missing:
        lines.append(f"{path.name}: planted but NOT found:")
        lines += [f"  {rule} line {line}: {planted[(rule, line)]}" for rule, line in missing]
    if unexpected:
        lines.append(f"{path.name}: found but NOT planted (a false alarm, or a defect written by accident):")
        for rule, line in unexpected:
            lines += [f"  {rule} line {line}: {msg}" for msg in found[(rule, line)]]
    if lines:
        pytest.fail("\n".join(lines), pytrace=False)
