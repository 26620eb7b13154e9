"""Builders shared by the ingest tests: a report's text turned into .docx, PDF, TCVN3 and VNI."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

# Used when samples/ is absent: short, with planted defects (doubled word, impossible date, score > cap).
FALLBACK = """UBND TỈNH HÒA BÌNH
BAN DÂN TỘC

Số: 15/BC-BDT

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Hòa Bình, ngày 15 tháng 12 năm 2023

BÁO CÁO

Công tác dân vận chính quyền của huyện năm 2023

I. KẾT QUẢ ĐẠT ĐƯỢC

Trong năm, Ban đã đã tổ chức hội nghị ngày 31/02/2023 theo Chỉ thị số 33-CT/TTg ngày 26/11/2021.

Nơi nhận:
- Lưu: VT.

TRƯỞNG BAN

Bùi Văn Thắng
"""


def sample_texts() -> dict[str, str]:
    """The reports in samples/ (other engineers add and edit them), or the short report above."""
    found = sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.md")) if SAMPLES.is_dir() else []
    texts = {f.name: f.read_text(encoding="utf-8") for f in found}
    return texts or {"fallback.txt": FALLBACK}


def sample_text() -> str:
    """One sample with a score table when there is one (the PDF table path needs it)."""
    texts = sample_texts()
    with_table = [t for t in texts.values() if "\t" in t]
    return (with_table or list(texts.values()))[0]


def legacy_runs(text: str, encoding: str) -> list[tuple[str, str | None]]:
    """Runs as an old Word file holds them: `.VnTime` text, capitals words in `.VnTimeH` (TCVN3)."""
    from checker.ingest.legacy import TCVN3, to_legacy

    if encoding != TCVN3:
        return [(to_legacy(text, encoding), "VNI-Times")]
    runs: list[tuple[str, str | None]] = []
    for piece in re.split(r"([^\W\d_]+)", text):
        if not piece:
            continue
        # a word with an accented capital needs the capitals font; TCVN3 has no such byte
        font = ".VnTimeH" if any(c.isupper() and not c.isascii() and c not in "ĐĂÂÊÔƠƯ" for c in piece) else ".VnTime"
        if runs and runs[-1][1] == font:
            runs[-1] = (runs[-1][0] + to_legacy(piece, encoding), font)
        else:
            runs.append((to_legacy(piece, encoding), font))
    return runs


def _fill(paragraph, text: str, legacy: str | None) -> None:
    if legacy is None:
        paragraph.add_run(text)
        return
    for chunk, font in legacy_runs(text, legacy):
        paragraph.add_run(chunk).font.name = font


def make_docx(text: str, font: str | None = None, running: bool = False, legacy: str | None = None) -> bytes:
    """A .docx as Word would hold the report: one paragraph per text paragraph, tab rows as a table.

    `running` adds a page header and a footer with a PAGE field, which PDF ingest must drop.
    """
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    document = docx.Document()
    if running:
        section = document.sections[0]
        section.header.paragraphs[0].text = "Báo cáo công tác dân vận chính quyền"
        footer = section.footer.paragraphs[0]
        footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    if font:
        style = document.styles["Normal"]
        style.font.name = font
        style.font.size = Pt(12)
    blocks = [b for b in text.split("\n\n")]
    for block in blocks:
        lines = [ln for ln in block.split("\n") if ln.strip() or "\t" in ln]
        if not lines:
            continue
        if all("\t" in ln for ln in lines) and len(lines) > 2:
            width = max(ln.count("\t") + 1 for ln in lines)
            table = document.add_table(rows=0, cols=width)
            table.style = "Table Grid"
            for ln in lines:
                cells = ln.split("\t") + [""] * (width - ln.count("\t") - 1)
                row = table.add_row().cells
                for cell, value in zip(row, cells):
                    _fill(cell.paragraphs[0], value, legacy)
            continue
        for ln in lines:
            _fill(document.add_paragraph(), ln, legacy)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.skip("LibreOffice (soffice) không có trên máy: bỏ qua kiểm thử PDF tạo từ .docx")
    return exe


def docx_to_pdf(docx_bytes: bytes, workdir: Path) -> bytes:
    """Convert with LibreOffice headless, in a private profile so parallel runs do not collide."""
    return docxes_to_pdfs({"report": docx_bytes}, workdir)["report"]


def docxes_to_pdfs(docxes: dict[str, bytes], workdir: Path) -> dict[str, bytes]:
    """Several .docx (by a file stem) to PDF with one start of LibreOffice (~1.5-2 s each here, most
    of a conversion), in a private profile so parallel runs do not collide."""
    exe = soffice()
    sources = []
    for stem, data in docxes.items():
        sources.append(workdir / f"{stem}.docx")
        sources[-1].write_bytes(data)
    profile = workdir / "lo-profile"
    subprocess.run(
        [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(workdir), *map(str, sources)],
        check=True, capture_output=True, timeout=180 + 30 * len(sources),
    )
    return {stem: (workdir / f"{stem}.pdf").read_bytes() for stem in docxes}


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF file of these objects (numbered from 1: the catalog first), with its cross-reference table
    and trailer written by hand, so that a test controls every byte a reader sees."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
