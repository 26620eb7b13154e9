"""The whole real corpus (`../shared/corpus`: 130 excerpts, `corpus/full`: 110 complete documents) gives exactly
the findings a reviewer accepted in `tests/corpus-expected.json` (see `tests/corpus_review.py` for the layout
and for the script that prints the difference)."""

from __future__ import annotations

import pytest
from corpus_review import CORPUS, SIDECAR, SKIP_REASON, current_findings, diff, load_sidecar


def test_sidecar_layout_merges_in_git() -> None:
    # one entry per line, sorted, unique, each with a why: checked without the corpus too
    assert load_sidecar(SIDECAR)


def test_corpus_gives_the_reviewed_findings() -> None:
    if not CORPUS.is_dir() or not any(CORPUS.glob("*.txt")):
        pytest.skip(SKIP_REASON)
    seen, errors = current_findings(CORPUS)
    assert not errors, "corpus files the checker could not read:\n" + "\n".join(errors)
    new, stale = diff(seen, load_sidecar(SIDECAR))
    report = [f"new   {s.file}:{s.line} {s.rule} {s.message} | {s.line_text[:100]}" for s in new[:40]]
    report += [f"stale {e['file']}:{e['line']} {e['rule']} ({e['why']})" for e in stale[:40]]
    assert not new and not stale, (
        f"{len(new)} findings not reviewed, {len(stale)} reviewed findings gone "
        "(run `.venv/bin/python tests/corpus_review.py`, read each, fix the rule or list it with a why):\n"
        + "\n".join(report)
    )
