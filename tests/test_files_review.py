"""The reviewed structure (VB) findings on ../shared/files: `tests/files-expected.json` lists every one,
as the corpus sidecar does (a JSON array, one entry per line, sorted by file, line, rule; `file` relative
to ../shared/files), each with a reviewer's why. An entry whose why starts with "WRONG:" is a finding
the reviewer rejects and that is not fixed yet: it is listed so that fixing it shows as a stale entry,
and so that a new wrong finding cannot hide among them. Slow: the folder holds .doc, .rtf, PDFs and
scans (LibreOffice and OCR)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main

REPO = Path(__file__).resolve().parents[1]
FILES = REPO.parent / "shared" / "files"
SIDECAR = REPO / "tests" / "files-expected.json"


def _entries() -> list[dict]:
    return json.loads(SIDECAR.read_text(encoding="utf-8"))


def test_files_sidecar_layout_merges_in_git() -> None:
    lines = SIDECAR.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    entries = _entries()
    assert len(lines) == len(entries) + 2, "one entry per line"
    keys = [(e["file"], e["line"], e["rule"]) for e in entries]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert all(e["rule"].startswith("VB") and e["why"].strip() for e in entries)


@pytest.mark.slow
def test_structure_findings_on_shared_files_are_the_reviewed_ones(tmp_path: Path) -> None:
    if not FILES.is_dir():
        pytest.skip("thư mục ../shared/files không có: bỏ qua phép thử trên tệp thật")
    out = tmp_path / "files.json"
    main(["check", str(FILES), "--format", "json", "--output", str(out), "--fail-on", "never", "--quiet", "--select", "VB"])
    seen = set()
    for f in json.loads(out.read_text(encoding="utf-8"))["files"]:
        rel = Path(f["path"]).resolve().relative_to(FILES.resolve()).as_posix()
        seen.update((rel, x["line"], x["rule"]) for x in f["findings"] if x["rule"].startswith("VB"))
    expected = {(e["file"], e["line"], e["rule"]) for e in _entries()}
    assert sorted(seen - expected) == [], "new structure findings on ../shared/files: review each (tests/files-expected.json)"
    assert sorted(expected - seen) == [], "listed findings that no longer fire: drop them from tests/files-expected.json"
