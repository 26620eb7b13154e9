"""Shared fixtures: the real reports in ../shared/seeds and small helpers to build inputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The seeds live next to the repository (not inside it): a fresh clone elsewhere simply skips them.
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SKIP_REASON = "thư mục ../shared/seeds không có: bỏ qua các kiểm thử trên báo cáo thật"


def pytest_configure(config: pytest.Config) -> None:
    """pytest-xdist's workers (the suite runs with `-n auto`) start with COLUMNS=80 and LINES=24 in their
    environment, which a plain run lacks; the CLI honours $COLUMNS for its help and summary widths, so the
    tests of those texts would see a narrower table than in a serial run. A worker drops them."""
    if hasattr(config, "workerinput"):
        for name in ("COLUMNS", "LINES"):
            os.environ.pop(name, None)


@pytest.fixture(scope="session")
def seeds() -> dict[str, Path]:
    """Seed files by their three-digit prefix, e.g. seeds["000"]."""
    if not SEEDS.is_dir():
        pytest.skip(SKIP_REASON)
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        pytest.skip(SKIP_REASON)
    return {f.name[:3]: f for f in files}
