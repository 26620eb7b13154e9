"""A .docx's word/document.xml is read as a stream by both readers (text and format facts): the memory
of a read grows with the text taken out, not with a whole lxml tree of the XML (~10× its size).

Measured as the peak resident memory of a child process (tracemalloc does not see lxml's C memory),
in bytes per byte of document.xml; Linux only (/proc)."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CLEAR_REFS = Path("/proc/self/clear_refs")

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# In my own words; each paragraph in the verbose shape Word writes (properties on every run).
_PARAGRAPH = (
    '<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3"><w:pPr><w:spacing w:after="120" w:line="288" w:lineRule="auto"/>'
    '<w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr>'
    + "".join(
        '<w:r w:rsidR="00D4E5F6"><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>'
        f'<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr><w:t xml:space="preserve">{words} </w:t></w:r>'
        for words in ("Xã đã hoàn thành", "việc rà soát hồ sơ", "của người dân trong quý", "và báo cáo kết quả.")
    )
    + "</w:p>"
)


def _large_docx(paragraphs: int) -> tuple[bytes, int]:
    body = _PARAGRAPH * paragraphs
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W_NS}"><w:body>'
                f"{body}<w:sectPr/></w:body></w:document>").encode()
    parts = {
        "[Content_Types].xml": (
            b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            b'<Default Extension="xml" ContentType="application/xml"/>'
            b'<Override PartName="/word/document.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            b'Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": document,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out.getvalue(), len(document)


_CHILD = """
import sys
sys.path.insert(0, sys.argv[1])
from checker.ingest.docx import read_docx
from checker.ingest.docx_format import read_docx_format
reader = read_docx if sys.argv[3] == "text" else (lambda data, name: read_docx_format(data))
small, big = open(sys.argv[2] + ".small", "rb").read(), open(sys.argv[2], "rb").read()
reader(small, "nho.docx")  # modules imported, caches filled
def status(key):
    return next(int(line.split()[1]) * 1024 for line in open("/proc/self/status") if line.startswith(key))
base = status("VmRSS")
open("/proc/self/clear_refs", "w").write("5")  # the peak from here on
result = reader(big, "lon.docx")
print(status("VmHWM") - base)
"""


def _peak_growth(tmp_path: Path, which: str) -> tuple[int, int]:
    big, xml_size = _large_docx(12_000)  # ~10 MB of document.xml
    small, _ = _large_docx(20)
    path = tmp_path / "lon.docx"
    path.write_bytes(big)
    Path(str(path) + ".small").write_bytes(small)
    done = subprocess.run([sys.executable, "-c", _CHILD, str(REPO), str(path), which],
                          capture_output=True, text=True, timeout=300, check=True)
    return int(done.stdout.strip().splitlines()[-1]), xml_size


needs_proc = pytest.mark.skipif(not CLEAR_REFS.exists(), reason="đo bộ nhớ đỉnh cần /proc (Linux)")


@needs_proc
def test_text_reader_does_not_hold_the_whole_tree(tmp_path: Path) -> None:
    grown, xml_size = _peak_growth(tmp_path, "text")
    # a whole lxml tree of document.xml is ~10× its size; the text and its segments are well under 3×
    assert grown < 3 * xml_size, f"read_docx grew {grown / xml_size:.1f} bytes per byte of document.xml"


@needs_proc
def test_format_reader_does_not_hold_the_whole_tree(tmp_path: Path) -> None:
    grown, xml_size = _peak_growth(tmp_path, "format")
    # the format facts (one object per paragraph and run) are ~3× the XML; a whole tree adds ~10×
    assert grown < 7 * xml_size, f"read_docx_format grew {grown / xml_size:.1f} bytes per byte of document.xml"
