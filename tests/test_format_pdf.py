"""Format (TH) rules on PDFs printed from Word files built for them (LibreOffice): the page box and the
fonts are read exactly; a margin only from where the text reaches, so at info."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from format_builders import STATE_LOOKS, Builder, Layout, Look
from ingest_helpers import docx_to_pdf

from checker import check

pytestmark = pytest.mark.slow  # each file is printed by LibreOffice


def _pdf(tmp_path: Path, builder: Builder) -> list:
    data = docx_to_pdf(builder.build(), tmp_path)
    report = check(data, name="van-ban.pdf", select=["TH"])
    assert report.error is None, report.error
    return report.findings


def _has_times() -> bool:
    """Whether LibreOffice can print Times New Roman here (or a metric twin it names so)."""
    fc = shutil.which("fc-list")
    out = subprocess.run([fc, ":family"], capture_output=True, text=True).stdout if fc else ""
    return "times new roman" in out.lower()


def test_a4_pdf_with_the_prescribed_margins_has_no_page_finding(tmp_path: Path) -> None:
    found = _pdf(tmp_path, Builder())
    assert [f.message for f in found if f.rule in ("TH001", "TH002")] == []
    if _has_times():
        assert [f.message for f in found if f.rule == "TH003"] == []


def test_letter_paper_a_sans_font_and_a_narrow_left_margin(tmp_path: Path) -> None:
    sans = {part: Look(look.size, look.bold, look.italic, font="DejaVu Sans") for part, look in STATE_LOOKS.items()}
    found = _pdf(tmp_path, Builder(looks=sans, page=Layout(width_mm=215.9, height_mm=279.4, left=18,
                                                           normal_font="DejaVu Sans")))
    rules = {f.rule: f for f in found}
    assert "215,9 × 279,4 mm" in rules["TH001"].message and rules["TH001"].severity == "warning"
    assert "Sans" in rules["TH003"].message and "Times New Roman" in rules["TH003"].message
    assert rules["TH002"].severity == "info" and "lề trái" in rules["TH002"].message
