"""Scanned PDFs (no text layer, or a damaged one) read by OCR: poppler's pdftoppm renders each page at
300 dpi, Tesseract reads it with its Vietnamese model (`-l vie`), page by page, each program under a
time limit and killed with its process group when it overruns (`checker.limits.run_limited`).

The text is laid out as for a PDF with a text layer: lines of one block rejoined into a paragraph,
blocks separated by a blank line, and every OCR line a `Segment` located `trang 2, dòng 5 (OCR)`, so
a reviewer knows the words were recognised from an image. Rules that OCR errors would mislead (style,
exact symbols) are lowered to info on such text (see `checker.api`).

OCR costs seconds per page, so the text of each file is cached by the hash of its bytes in the user's
cache folder (`checker.cache.cached_blob`): a second run over the same scans reads it back at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from checker.limits import MAX_OCR_PAGES, OCR_PAGE_SECONDS
from checker.source import Segment, SourceText, lookalike_count, normalise

DPI = 300
INSTALL_HINT = "sudo apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils"
OCR_LOCATION = " (OCR)"


def missing_tools() -> str | None:
    """A one-line reason when OCR cannot run here (a program or the Vietnamese model missing)."""
    for tool, package in (("pdftoppm", "poppler-utils"), ("tesseract", "tesseract-ocr")):
        if shutil.which(tool) is None:
            return f"bản quét cần nhận dạng chữ (OCR) nhưng thiếu chương trình {tool} (gói {package}): {INSTALL_HINT}"
    if not _has_vietnamese():
        return f"bản quét cần nhận dạng chữ (OCR) nhưng Tesseract thiếu dữ liệu tiếng Việt (gói tesseract-ocr-vie): {INSTALL_HINT}"
    return None


def _has_vietnamese() -> bool:
    from checker.limits import SubprocessTimeout, run_limited

    try:
        done = run_limited(["tesseract", "--list-langs"], timeout=20)
    except (OSError, SubprocessTimeout):
        return False
    return "vie" in (done.stdout + done.stderr).decode("utf-8", "replace").split()


def _page_count(data: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def ocr_pages(data: bytes, page_seconds: float | None = None) -> list[str]:
    """The OCR text of every page (cached by the file's hash)."""
    from checker.cache import cached_blob

    key = hashlib.sha256(data).digest() + f"|{DPI}|vie".encode()
    blob = cached_blob("ocr-text", key, lambda: json.dumps(_ocr(data, page_seconds or OCR_PAGE_SECONDS)).encode())
    return list(json.loads(blob))


def _ocr(data: bytes, page_seconds: float) -> list[str]:
    from checker.limits import SubprocessTimeout, run_limited

    why = missing_tools()
    if why:
        raise ValueError(why)
    try:
        pages = _page_count(data)
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on a broken file
        raise ValueError(f"bản quét PDF hỏng, không đếm được số trang ({type(exc).__name__})") from exc
    if pages > MAX_OCR_PAGES:
        raise ValueError(
            f"bản quét có {pages} trang, quá {MAX_OCR_PAGES} trang nhận dạng chữ (OCR) cho một tệp; "
            "hãy gửi bản PDF có lớp chữ"
        )
    # one thread per Tesseract: the batch already runs a process per core
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    texts: list[str] = []
    with tempfile.TemporaryDirectory(prefix="baocao-lint-ocr-") as work:
        source = Path(work) / "scan.pdf"
        source.write_bytes(data)
        for page in range(1, pages + 1):
            image = Path(work) / f"p{page}"
            try:
                run_limited(
                    ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                     str(source), str(image)],
                    timeout=page_seconds, env=env,
                )
                png = image.with_suffix(".png")
                if not png.is_file():
                    raise ValueError(f"không dựng được ảnh trang {page} của bản quét (pdftoppm)")
                done = run_limited(["tesseract", str(png), "stdout", "-l", "vie"], timeout=page_seconds, env=env)
            except SubprocessTimeout as exc:
                raise ValueError(f"nhận dạng chữ (OCR) trang {page} quá {page_seconds:g} giây, đã dừng") from exc
            png.unlink(missing_ok=True)
            texts.append(done.stdout.decode("utf-8", "replace"))
    return texts


_BULLET_START = re.compile(r"^(?:[-–—+•*]\s|\d{1,2}[.)]\s|[a-zđ][)]\s|[IVXLC]{1,5}[.-]\s)")


def read_ocr(data: bytes, name: str, page_seconds: float | None = None) -> SourceText:
    """A scanned PDF → text, every line located `trang N, dòng M (OCR)`."""
    pages = ocr_pages(data, page_seconds)
    pieces: list[str] = []
    segments: list[Segment] = []
    pos = 0
    number = 0
    for page_no, page_text in enumerate(pages, start=1):
        blocks = re.split(r"\n\s*\n", page_text)
        line_on_page = 0
        for block in blocks:
            lines = [ln.strip() for ln in block.split("\n")]
            for k, line in enumerate(lines):
                line_on_page += 1
                if not line:
                    continue
                number += 1
                last = k == len(lines) - 1 or (k + 1 < len(lines) and _BULLET_START.match(lines[k + 1]))
                # Tesseract breaks lines where the page does: rejoin them, keeping `104/KH-` | `UBND` glued
                glued = not last and re.search(r"[^\W_]-$", line) is not None
                sep = "\n\n" if last else ("" if glued else " ")
                segments.append(Segment(pos, pos + len(line), number, f"trang {page_no}, dòng {line_on_page}{OCR_LOCATION}"))
                pieces.append(line + sep)
                pos += len(line) + len(sep)
            line_on_page += 1  # the blank line between blocks
    raw = "".join(pieces)
    if not raw.strip():
        raise ValueError(
            "tệp PDF không có lớp chữ (bản quét ảnh) và nhận dạng chữ (OCR) không đọc được chữ nào "
            "(trang trắng, quá mờ hoặc không phải văn bản)"
        )
    text, index = normalise(raw, markdown=False)
    from checker.ingest.docx import move_segments  # same remapping as for .docx blocks

    move_segments(segments, index, len(raw))
    # an OCR pass may read Ư ư as Ƣ ƣ (Latin OI) like a damaged PDF font: VB092 says so once per file
    return SourceText(
        text=text, path=name, format="pdf", encoding="ocr", segments=segments, lookalikes=lookalike_count(raw)
    )
