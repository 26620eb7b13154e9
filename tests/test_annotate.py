"""`baocao-lint annotate`: the Word copy is opened again with python-docx, its comments counted, and each
comment's anchor read back from the XML (the runs between commentRangeStart and commentRangeEnd)."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from serve_texts import PLAIN, SCORED

from checker.annotate import AUTHOR, annotated_docx, annotated_name
from checker.api import check
from checker.cli import main


def scored_docx() -> bytes:
    """SCORED as an author's Word file: paragraphs of several runs (the doubled word in a run of its
    own), the score rows as a real table."""
    document = docx.Document()
    lines = SCORED.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            table = document.add_table(rows=0, cols=max(len(r) for r in rows))
            for cells in rows:
                row = table.add_row().cells
                for c, text in enumerate(cells):
                    row[c].text = text
            continue
        if line.startswith("Sở đã đã"):
            p = document.add_paragraph()
            head, tail = line.split("đã đã", 1)
            p.add_run(head)
            p.add_run("đã đã").bold = True
            p.add_run(tail)
        elif line.strip():
            document.add_paragraph(line)
        i += 1
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def anchors(data: bytes) -> dict[str, str]:
    """Comment text → the document text its range covers."""
    document = docx.Document(io.BytesIO(data))
    texts = {str(c.comment_id): c.text for c in document.comments}
    body = document.element.body
    open_ranges: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for node in body.iter():
        if node.tag == qn("w:commentRangeStart"):
            open_ranges[node.get(qn("w:id"))] = []
        elif node.tag == qn("w:commentRangeEnd"):
            cid = node.get(qn("w:id"))
            out[texts[cid]] = "".join(open_ranges.pop(cid, []))
        elif node.tag == qn("w:t"):
            for parts in open_ranges.values():
                parts.append(node.text or "")
    assert not open_ranges, "every comment range is closed"
    return out


def test_docx_copy_has_one_comment_per_finding_at_its_place(tmp_path: Path) -> None:
    original = scored_docx()
    src = tmp_path / "bao-cao.docx"
    src.write_bytes(original)
    rep = check(src)
    rules = [f.rule for f in rep.findings]
    assert "TT001" in rules and "DG001" in rules
    assert main(["annotate", str(src), "--output-dir", str(tmp_path / "out")]) == 0
    copy = tmp_path / "out" / "bao-cao.nhan-xet.docx"
    data = copy.read_bytes()
    document = docx.Document(io.BytesIO(data))
    comments = list(document.comments)
    assert len(comments) == len(rep.findings)
    assert {c.author for c in comments} == {AUTHOR}
    assert all(any(f.rule in c.text and f.message in c.text for f in rep.findings) for c in comments)
    placed = anchors(data)
    doubled = next(t for c, t in placed.items() if c.startswith("TT001"))
    assert doubled == "đã đã"  # the run of the doubled word, not the whole paragraph
    over = next(t for c, t in placed.items() if c.startswith("DG001"))
    assert over == "6"  # the table cell of the score over its cap
    # the author's formatting is kept: the doubled word's run is still bold
    assert any(r.bold and r.text == "đã đã" for p in document.paragraphs for r in p.runs)
    assert hashlib.sha256(src.read_bytes()).digest() == hashlib.sha256(original).digest()


def test_text_input_becomes_a_docx_rendering(tmp_path: Path) -> None:
    src = tmp_path / "ghi-chu.txt"
    src.write_text(PLAIN, encoding="utf-8")
    before = src.read_bytes()
    assert main(["annotate", str(src)]) == 0  # next to the input by default
    copy = tmp_path / "ghi-chu.nhan-xet.docx"
    rep = check(src)
    data = copy.read_bytes()
    document = docx.Document(io.BytesIO(data))
    assert len(list(document.comments)) == len(rep.findings) >= 2
    assert [p.text for p in document.paragraphs] == PLAIN.split("\n")
    placed = anchors(data)
    doubled = next(t for c, t in placed.items() if c.startswith("TT001"))
    assert rep.text is not None
    f = next(f for f in rep.findings if f.rule == "TT001")
    assert doubled == rep.text[f.offset : f.end_offset]
    assert src.read_bytes() == before


def test_english_comments_and_fix_text() -> None:
    rep = check(PLAIN.encode(), name="a.txt", lang="en")
    document = docx.Document(io.BytesIO(annotated_docx(rep, None, "en")))
    texts = [c.text for c in document.comments]
    assert any(t.startswith("TT001 (note):") for t in texts)


def test_unreadable_input_is_reported_and_the_rest_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a zip")
    good = tmp_path / "tot.txt"
    good.write_text(PLAIN, encoding="utf-8")
    assert main(["annotate", str(bad), str(good)]) == 2
    err = capsys.readouterr().err
    assert "hong.docx" in err and len(err.strip().splitlines()) == 1
    assert (tmp_path / "tot.nhan-xet.docx").exists() and not (tmp_path / "hong.nhan-xet.docx").exists()


def test_annotated_name() -> None:
    assert annotated_name("thu-muc/bao-cao.final.docx") == "bao-cao.final.nhan-xet.docx"
    assert annotated_name("a\\b\\c.pdf") == "c.nhan-xet.docx"


def test_real_docx_files_keep_every_comment() -> None:
    folder = Path(__file__).resolve().parents[1].parent / "shared" / "files" / "docx"
    files = sorted(folder.glob("*.docx"))[:4] if folder.is_dir() else []
    if not files:
        pytest.skip("thư mục ../shared/files/docx không có: bỏ qua phép thử trên tệp Word thật")
    for path in files:
        rep = check(path)
        if rep.error:
            continue
        data = annotated_docx(rep, path.read_bytes())
        assert len(list(docx.Document(io.BytesIO(data)).comments)) == len(rep.findings), path.name
