"""Every way a reviewer's file can spell the same report parses the same, columns mapped to the file.

NFD accents, non-breaking spaces, zero-width characters, Windows line endings, smart quotes, en/em
dashes in periods and dates: the findings are those of the plain text, and each finding's line and
column point at the same place in the variant file. Reading never changes a file, whatever its format.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from ingest_helpers import docx_to_pdf, make_docx, sample_texts

from checker import check
from checker.ingest import read_bytes
from checker.ingest.legacy import TCVN3, VNI, available, to_legacy
from checker.source import normalise

SAMPLES = {name: read_bytes(raw.encode(), name).text for name, raw in sample_texts().items()}


def _key(report) -> list[tuple[str, str]]:
    return sorted((f.rule, re.sub(r"dòng \d+", "dòng #", f.message)) for f in report.findings)


def _zero_width(text: str) -> str:
    # after every third word: inside words too, where a copy from the web leaves them
    words = text.split(" ")
    return " ".join(w + ("\u200b" if k % 3 == 0 else "") for k, w in enumerate(words))


def _smart_quotes(text: str) -> str:
    count = iter(range(10**9))
    return re.sub('"', lambda _m: "“" if next(count) % 2 == 0 else "”", text)


def _dashes(text: str) -> str:
    # `2021-2025` → `2021 – 2025`, `kinh tế - xã hội` → `kinh tế — xã hội`
    text = re.sub(r"(?<=\b(?:19|20)\d\d)-(?=(?:19|20)\d\d\b)", " – ", text)
    return text.replace(" - ", " — ")


VARIANTS: dict[str, Callable[[str], str]] = {
    "nfd": lambda t: unicodedata.normalize("NFD", t),
    "nbsp": lambda t: t.replace(" ", "\u00a0"),
    "zero-width": _zero_width,
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "smart-quotes": _smart_quotes,
    "dashes": _dashes,
    "bom+crlf+nfd": lambda t: "\ufeff" + unicodedata.normalize("NFD", t).replace("\n", "\r\n"),
}
# Characters the plain text writes where a variant wrote another (for comparing what a column points at).
_PLAIN = str.maketrans({"“": '"', "”": '"'})


def _tail(original_line: str, column: int) -> str:
    """What the editor shows from `column` on, normalised for comparison."""
    text, _ = normalise(original_line[column - 1 :], markdown=False)
    return re.sub(r"\s*-\s*", "-", text.translate(_PLAIN))[:12]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_variant_parses_like_the_plain_text(name: str, variant: str) -> None:
    plain = SAMPLES[name]
    changed = VARIANTS[variant](plain)
    base = check(plain.encode(), name="r.txt")
    report = check(changed.encode("utf-8"), name="r.txt")
    assert report.error is None
    if variant == "dashes":  # a spaced dash is a style finding of its own; the rest must not change
        def loose(r) -> list[tuple[str, str]]:  # messages quote the period as written
            return sorted((k[0], re.sub(r"\s*-\s*", "-", k[1])) for k in _key(r) if not k[0].startswith("TT"))

        assert loose(report) == loose(base)
        return
    assert _key(report) == _key(base)
    # Columns: the variant's finding points at the same words in the variant file.
    plain_lines = plain.split("\n")
    changed_lines = changed.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    by_key = {}
    for f in base.findings:
        by_key.setdefault((f.rule, f.message), []).append(f)
    for f in report.findings:
        b = by_key[(f.rule, f.message)].pop(0)
        assert f.line == b.line, (f.rule, f.line, b.line)
        assert f.line <= len(changed_lines)
        want = _tail(plain_lines[b.line - 1], b.column)
        got = _tail(changed_lines[f.line - 1], f.column)
        assert got == want, (variant, f.rule, f.line, f.column, got, want)


def test_period_dash_variants_read_as_one_period() -> None:
    from checker.entities import extract_dates

    for dash in ("-", "–", "—", " – ", " — "):
        src = read_bytes(f"Giai đoạn 2021{dash}2025 và ngày 05/3/2024.".encode(), "r.txt")
        kinds = sorted(d.kind for d in extract_dates(src.text))
        assert kinds == sorted(d.kind for d in extract_dates(read_bytes(b"Giai \xc4\x91o\xe1\xba\xa1n 2021-2025 v\xc3\xa0 ng\xc3\xa0y 05/3/2024.", "r.txt").text)), dash


def test_nfd_column_counts_the_file_characters() -> None:
    line = unicodedata.normalize("NFD", "Trong năm, Ban đã đã phối hợp.")
    report = check(("BÁO CÁO\n\n" + line + "\n").encode(), name="r.txt", select=["TT001"])
    [f] = report.findings
    assert f.line == 3
    assert unicodedata.normalize("NFC", line[f.column - 1 :]).startswith("đã đã")


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_docx_made_from_the_text_gives_the_same_findings(name: str) -> None:
    text = SAMPLES[name]
    base = check(text.encode(), name="r.txt")
    # the format (TH) rules read the Word file's own page and fonts, which a .txt does not have
    report = check(make_docx(text), name="r.docx", ignore=["TH"])
    assert report.error is None
    assert _key(report) == _key(base)


# -- never lose data ----------------------------------------------------------------------------------
def _inputs(tmp_path: Path) -> list[Path]:
    text = next(iter(SAMPLES.values()))
    files = {
        "r.txt": text.encode(),
        "r.md": ("# " + text).encode(),
        "r-utf16.txt": text.encode("utf-16"),
        "r.docx": make_docx(text),
        "broken.docx": b"PK\x03\x04 not really",
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 4,
    }
    if available():
        files["tcvn3.txt"] = to_legacy(text, TCVN3).encode("latin-1")
        files["vni.docx"] = make_docx(text, legacy=VNI)
    if shutil.which("soffice") or shutil.which("libreoffice"):
        work = tmp_path / "lo"
        work.mkdir()
        files["r.pdf"] = docx_to_pdf(make_docx(text), work)
    out = []
    for fname, data in files.items():
        path = tmp_path / fname
        path.write_bytes(data)
        os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))  # a known mtime
        out.append(path)
    return out


def test_check_never_changes_an_input(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path)
    listing = sorted(p.name for p in tmp_path.rglob("*"))
    for path in inputs:
        before = (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_mode)
        check(path)
        check(path.read_bytes(), name=path.name)
        after = (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_mode)
        assert before == after, path.name
    assert sorted(p.name for p in tmp_path.rglob("*")) == listing  # no temp or lock file left beside them


def test_nested_tables_text_is_read_once() -> None:
    """A table nested four deep in cells: each cell's words appear once in the text (iterating every
    descendant row had repeated the innermost text d(d+1)/2 times), and the outer cells keep theirs."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Báo cáo tổng hợp kết quả thi đua của các đơn vị.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Ô ngoài cùng"
    holder = table.cell(0, 1)
    for depth in range(1, 5):
        inner = holder.add_table(rows=1, cols=2)
        inner.cell(0, 0).text = f"Tầng lồng thứ {depth}"
        holder = inner.cell(0, 1)
    holder.text = "Chữ ở ô trong cùng"
    buf = io.BytesIO()
    document.save(buf)
    text = read_bytes(buf.getvalue(), "long.docx").text
    assert text.count("Chữ ở ô trong cùng") == 1
    for depth in range(1, 5):
        assert text.count(f"Tầng lồng thứ {depth}") == 1
    assert text.count("Ô ngoài cùng") == 1
