"""Shared fixtures: the real reports in ../shared/seeds and small helpers to build inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

# The seeds live next to the repository (not inside it): a fresh clone elsewhere simply skips them.
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SKIP_REASON = "thư mục ../shared/seeds không có: bỏ qua các kiểm thử trên báo cáo thật"


@pytest.fixture(scope="session")
def seeds() -> dict[str, Path]:
    """Seed files by their three-digit prefix, e.g. seeds["000"]."""
    if not SEEDS.is_dir():
        pytest.skip(SKIP_REASON)
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        pytest.skip(SKIP_REASON)
    return {f.name[:3]: f for f in files}
