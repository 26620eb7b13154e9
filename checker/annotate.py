"""`baocao-lint annotate`: a Word copy of each report with one comment per finding, at its place.

For a .docx input the copy is the author's own document (same formatting, same paragraphs) and each
comment is anchored on the runs the finding points at, found through the location the .docx reader
records for every block (`đoạn 12`, `bảng 1, hàng 5, cột 4`) and the column inside it. Other inputs
(.txt, .md, .pdf …) become a plain .docx rendering of the checked text, one paragraph per line, with the
runs cut at the findings' spans. The input is only read; the copy is written next to it (or in
`--output-dir`) under a new name, atomically.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from checker.report import FileReport, Finding

AUTHOR = "baocao-lint"
INITIALS = "BL"
SUFFIX = ".nhan-xet.docx"
_SEV = {"vi": {"error": "lỗi", "warning": "cảnh báo", "info": "lưu ý"},
        "en": {"error": "error", "warning": "warning", "info": "note"}}
# characters XML 1.0 cannot hold (a PDF's stray control bytes would make python-docx raise)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PARA = re.compile(r"^đoạn (\d+)$")
_CELL = re.compile(r"^bảng (\d+), hàng (\d+), cột (\d+)$")


def annotated_name(path: str) -> str:
    name = Path(path.replace("\\", "/")).name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return stem + SUFFIX


def comment_text(f: Finding, lang: str = "vi") -> str:
    sev = _SEV["en" if lang == "en" else "vi"][f.severity]
    text = f"{f.rule} ({sev}): {f.message}"
    if f.fix is not None:
        text += f" → {'change to' if lang == 'en' else 'sửa thành'} “{f.fix}”"
    if f.location and not (_PARA.match(f.location) or _CELL.match(f.location)):
        text += f" [{f.location}]"
    return _NOT_XML.sub("", text)


def annotated_docx(rep: FileReport, data: bytes | None, lang: str = "vi") -> bytes:
    """The annotated copy as .docx bytes. `data` is the original file (used when it is a .docx)."""
    if rep.format == "docx" and data is not None:
        try:
            return _annotate_docx(rep, data, lang)
        except _Unanchorable:
            pass  # a package python-docx can read text from but not rebuild: render the text instead
    return _render_text(rep, lang)


class _Unanchorable(Exception):
    pass


def _save(document) -> bytes:  # noqa: ANN001 - python-docx Document
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _annotate_docx(rep: FileReport, data: bytes, lang: str) -> bytes:
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise _Unanchorable() from exc
    body = document.element.body
    paragraphs = [c for c in body.iterchildren() if c.tag == qn("w:p")]
    tables = [c for c in body.iterchildren() if c.tag == qn("w:tbl")]

    def block_of(location: str | None):  # noqa: ANN202 - an lxml element or None
        if not location:
            return None
        m = _PARA.match(location)
        if m:
            n = int(m.group(1))
            return paragraphs[n - 1] if 0 < n <= len(paragraphs) else None
        m = _CELL.match(location)
        if m:
            t, r, c = (int(g) for g in m.groups())
            if not 0 < t <= len(tables):
                return None
            rows = list(tables[t - 1].iter(qn("w:tr")))
            if not 0 < r <= len(rows):
                return None
            cells = list(rows[r - 1].iter(qn("w:tc")))
            if not 0 < c <= len(cells):
                return None
            paras = list(cells[c - 1].iter(qn("w:p")))
            with_text = [p for p in paras if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()]
            return (with_text or paras or [None])[0]
        return None

    first_text = next((p for p in paragraphs if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()), None)
    for f in rep.findings:
        element = block_of(f.location)
        if element is None:
            # page headers, footers, footnotes: Word comments live in the body, so the first paragraph holds it
            element = first_text if first_text is not None else (paragraphs[0] if paragraphs else None)
        if element is None:
            raise _Unanchorable()
        para = Paragraph(element, document._body)
        runs = _runs_for(para, f, element is block_of(f.location))
        document.add_comment(runs, text=comment_text(f, lang), author=AUTHOR, initials=INITIALS)
    return _save(document)


def _runs_for(para, f: Finding, located: bool):  # noqa: ANN001, ANN202 - python-docx objects
    """The first and last run of `para` covering the finding's columns (the whole paragraph if unsure)."""
    runs = [r for r in para.runs if r.text]
    if not runs:
        return para.runs[0] if para.runs else para.add_run("")
    if not located:
        return runs[0]
    full = "".join(r.text for r in runs)
    lead = len(full) - len(full.lstrip())
    start = lead + max(0, f.column - 1)
    length = max(1, (f.end_column - f.column) if f.end_line == f.line else len(full) - start)
    end = start + length
    first = last = None
    pos = 0
    for r in runs:
        a, b = pos, pos + len(r.text)
        if first is None and b > start:
            first = r
        if first is not None and a < end:
            last = r
        pos = b
    if first is None:
        return runs[-1]
    return (first, last) if last is not None and last is not first else first


def _render_text(rep: FileReport, lang: str) -> bytes:
    """A .docx rendering of the checked text, one paragraph per line, runs cut at each finding's span."""
    import docx

    document = docx.Document()
    text = _NOT_XML.sub(" ", rep.text or "")
    n = len(text)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    ends = [s - 1 for s in starts[1:]] + [n]
    by_line: dict[int, list[Finding]] = {}
    from bisect import bisect_right

    for f in rep.findings:
        ln = bisect_right(starts, max(0, min(f.offset, n))) - 1
        by_line.setdefault(ln, []).append(f)
    for ln, (a, b) in enumerate(zip(starts, ends)):
        found = by_line.get(ln, [])
        para = document.add_paragraph()
        if not found:
            para.add_run(text[a:b])
            continue
        cuts = {a, b}
        for f in found:
            cuts.add(max(a, min(f.offset, b)))
            cuts.add(max(a, min(f.end_offset, b)))
        points = sorted(cuts)
        pieces = [(x, y, para.add_run(text[x:y])) for x, y in zip(points, points[1:]) if y > x]
        if not pieces:
            pieces = [(a, a, para.add_run(""))]
        for f in found:
            s, e = max(a, min(f.offset, b)), max(a, min(f.end_offset, b))
            covered = [r for x, y, r in pieces if x < e and y > s] if e > s else []
            if not covered:
                covered = [next((r for x, y, r in pieces if x <= s < y), pieces[-1][2])]
            anchor = covered[0] if len(covered) == 1 else (covered[0], covered[-1])
            document.add_comment(anchor, text=comment_text(f, lang), author=AUTHOR, initials=INITIALS)
    return _save(document)


def annotate_file(path: str, output_dir: str | None, options=None) -> tuple[Path | None, FileReport]:  # noqa: ANN001
    """Check `path` and write its annotated copy; (None, report) when it could not be read."""
    from checker.api import check
    from checker.fix import write_atomic

    rep = check(path, options=options)
    if rep.error:
        return None, rep
    src = Path(path)
    data = src.read_bytes() if rep.format == "docx" else None
    out_dir = Path(output_dir) if output_dir else src.parent
    target = out_dir / annotated_name(str(src))
    if target.resolve() == src.resolve():
        rep.error = "tệp kết quả trùng tên tệp gốc, không ghi đè"
        return None, rep
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(target, annotated_docx(rep, data, getattr(options, "lang", "vi") or "vi"))
    return target, rep
