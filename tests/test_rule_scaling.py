"""No quadratic path: on each pathological alphabet, every stage (reading, the document model, every
rule) takes at most ~12× longer on an input 10× longer.

Before the fixes: TT005 on combining marks (2 K → 20 K characters: 72 ms → 5.8 s), TT001 on a line of capitalised repeats (18 ms → 1.5 s), Markdown stars in
reading (3 ms → 570 ms), VB002 on dots (0.5 ms → 57 ms). A small absolute allowance keeps timer noise
on a busy machine from failing a fast stage.
"""

from __future__ import annotations

import gc

import pytest

from checker.perfcheck import PATHOLOGICAL, pathological_text, stage_times

SMALL, LARGE = 10_000, 100_000
ALLOWANCE_S = 0.05  # noise on a shared machine; a quadratic stage overshoots it by far


def _best_of(data: bytes, runs: int) -> dict[str, float]:
    best: dict[str, float] = {}
    gc.collect()
    gc.disable()  # a collection landing in one stage's timing is not that stage's cost
    try:
        for _ in range(runs):
            for stage, seconds in stage_times(data).items():
                best[stage] = min(seconds, best.get(stage, seconds))
    finally:
        gc.enable()
    return best


@pytest.mark.slow
@pytest.mark.parametrize("alphabet", sorted(PATHOLOGICAL))
def test_every_stage_grows_linearly(alphabet: str) -> None:
    unit = PATHOLOGICAL[alphabet]
    stage_times(pathological_text(unit, SMALL))  # warm-up: rule data, grammars, caches
    small = _best_of(pathological_text(unit, SMALL), 3)
    large = _best_of(pathological_text(unit, LARGE), 2)
    slow = {s: (round(small[s] * 1000, 1), round(large[s] * 1000, 1)) for s in large if large[s] > 12 * small[s] + ALLOWANCE_S}
    assert not slow, f"{alphabet}: quadratic stages (ms at {SMALL} → {LARGE} characters): {slow}"
