"""`--format html`: one self-contained page for a reviewer (no network, no CDN, no external font).

Per file: the report text line by line, every finding highlighted at its place with its message
beside the line, filters by category and severity, and the scoring table re-drawn with the cells
that DG findings point at marked. All data is in the page; the script is a few lines of plain JS.
"""

from __future__ import annotations

import html
import io
import json
import shutil
import tempfile
from bisect import bisect_right
from typing import IO

from checker import __version__
from checker.batch import SlimReport, summary_rows
from checker.report import FileReport, Finding
from checker.reporters import register

_SEV_VI = {"error": "lỗi", "warning": "cảnh báo", "info": "lưu ý"}
_CAT_VI = {
    "score": "điểm tự chấm",
    "arithmetic": "số liệu",
    "citation": "trích dẫn",
    "date": "ngày tháng",
    "structure": "thể thức",
    "style": "trình bày",
}
_SEV_RANK = {"error": 3, "warning": 2, "info": 1}

_CSS = """
:root { --err:#c62828; --warn:#b26a00; --info:#1565c0; }
body { font-family: system-ui, "Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
       margin: 0; color: #1b1b1b; background: #fafafa; }
header { background: #263238; color: #fff; padding: 12px 20px; position: sticky; top: 0; z-index: 5; }
header h1 { font-size: 18px; margin: 0 0 6px 0; }
.filters label { margin-right: 12px; white-space: nowrap; font-size: 14px; }
.filters span.group { margin-right: 18px; font-weight: 600; }
main { padding: 12px 20px; }
table.summary, table.score { border-collapse: collapse; margin: 8px 0 16px 0; font-size: 14px; background: #fff; }
table.summary th, table.summary td, table.score td { border: 1px solid #cfd8dc; padding: 3px 8px; }
table.summary th { background: #eceff1; text-align: left; }
td.num { text-align: right; }
section.file { scroll-margin-top: 110px; background: #fff; border: 1px solid #cfd8dc; margin: 16px 0; padding: 8px 16px; }
section.file h2 { font-size: 16px; }
.meta { color: #455a64; font-size: 13px; }
.unreadable { color: var(--err); font-weight: 600; }
table.src { border-collapse: collapse; width: 100%; font-size: 14px; }
table.src td { vertical-align: top; padding: 1px 6px; }
td.ln { color: #90a4ae; text-align: right; user-select: none; width: 3em; }
/* the report text keeps the sans font: common monospace fonts lack precomposed Vietnamese letters
   and draw tone marks detached from their vowels */
td.tx { white-space: pre-wrap; word-break: break-word; width: 62%; tab-size: 4; }
td.msgs { width: 35%; }
mark { background: transparent; }
mark.on { border-bottom: 2px solid var(--info); background: #e3f2fd; }
mark.on.error { border-bottom-color: var(--err); background: #ffebee; }
mark.on.warning { border-bottom-color: var(--warn); background: #fff3e0; }
mark.caret.on::after { content: "‸"; color: var(--err); }
div.msg { font-size: 13px; margin: 0 0 4px 0; padding-left: 6px; border-left: 3px solid var(--info); }
div.msg.error { border-left-color: var(--err); }
div.msg.warning { border-left-color: var(--warn); }
div.msg .code { font-weight: 600; }
.hidden { display: none; }
tr.quiet { display: none; }
table.score td.bad { background: #ffcdd2; outline: 2px solid var(--err); font-weight: 600; }
table.score td.bad.warning { background: #ffe0b2; outline-color: var(--warn); }
details summary { cursor: pointer; }
"""

_JS = """
(function () {
  const boxes = Array.from(document.querySelectorAll('.filters input'));
  function apply() {
    const on = new Set(boxes.filter(b => b.checked).map(b => b.value));
    const shown = new Set();
    document.querySelectorAll('div.msg').forEach(m => {
      const vis = on.has('cat:' + m.dataset.cat) && on.has('sev:' + m.dataset.sev);
      m.classList.toggle('hidden', !vis);
      if (vis) shown.add(m.dataset.id);
    });
    document.querySelectorAll('mark[data-f]').forEach(k => {
      const vis = k.dataset.f.split(' ').some(id => shown.has(id));
      k.classList.toggle('on', vis);
    });
    document.querySelectorAll('table.score td[data-f]').forEach(c => {
      const vis = c.dataset.f.split(' ').some(id => shown.has(id));
      c.classList.toggle('bad', vis);
    });
    const quiet = document.getElementById('only-findings').checked;
    document.querySelectorAll('table.src tr').forEach(r => {
      const has = Array.from(r.querySelectorAll('div.msg')).some(m => !m.classList.contains('hidden'));
      r.classList.toggle('quiet', quiet && !has);
    });
  }
  boxes.forEach(b => b.addEventListener('change', apply));
  document.getElementById('only-findings').addEventListener('change', apply);
  apply();
})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _segments(text: str, findings: list[tuple[str, Finding]]) -> list[tuple[int, int, list[str]]]:
    """Cut the text at every finding boundary: (start, end, ids covering it) for each piece."""
    cuts = {0, len(text)}
    for _, f in findings:
        cuts.add(max(0, min(f.offset, len(text))))
        cuts.add(max(0, min(f.end_offset, len(text))))
    # line ends too, so each piece sits on one line and the page can be drawn line by line
    cuts.update(i for i, ch in enumerate(text) if ch == "\n")
    cuts.update(i + 1 for i, ch in enumerate(text) if ch == "\n")
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out = []
    for a, b in zip(points, points[1:]):
        if a == b:
            continue
        ids = [fid for fid, f in findings if f.offset <= a and b <= f.end_offset and f.end_offset > f.offset]
        out.append((a, b, ids))
    return out


def _render_text(text: str, findings: list[tuple[str, Finding]]) -> str:
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    nlines = len(line_starts)
    cells: list[list[str]] = [[] for _ in range(nlines)]
    msgs: list[list[str]] = [[] for _ in range(nlines)]
    sev_of = {fid: f.severity for fid, f in findings}
    # empty spans (a missing part, say) get a visible caret where they point
    carets: dict[int, list[str]] = {}
    for fid, f in findings:
        if f.end_offset <= f.offset:
            carets.setdefault(max(0, min(f.offset, len(text))), []).append(fid)
    for a, b, ids in _segments(text, findings):
        ln = bisect_right(line_starts, a) - 1
        for fid in carets.pop(a, []):
            cells[ln].append(f'<mark class="caret {sev_of[fid]}" data-f="{fid}"></mark>')
        piece = text[a:b]
        if piece == "\n":
            continue
        if ids:
            worst = max((sev_of[i] for i in ids), key=lambda s: _SEV_RANK[s])
            cells[ln].append(f'<mark class="{worst}" data-f="{" ".join(ids)}">{_e(piece)}</mark>')
        else:
            cells[ln].append(_e(piece))
    for off, ids in carets.items():
        ln = bisect_right(line_starts, off) - 1
        for fid in ids:
            cells[min(ln, nlines - 1)].append(f'<mark class="caret {sev_of[fid]}" data-f="{fid}"></mark>')
    for fid, f in findings:
        ln = bisect_right(line_starts, max(0, min(f.offset, len(text)))) - 1
        loc = f" [{_e(f.location)}]" if f.location else ""
        fix = f' <span class="fix">→ sửa thành “{_e(f.fix)}”</span>' if f.fix is not None else ""
        msgs[ln].append(
            f'<div class="msg {f.severity}" id="{fid}" data-id="{fid}" data-cat="{_e(f.category)}" '
            f'data-sev="{f.severity}"><span class="code">{_e(f.rule)}</span> '
            f'<span class="sev">{_SEV_VI[f.severity]}</span> · dòng {f.line}, cột {f.column}{loc}: '
            f"{_e(f.message)}{fix}</div>"
        )
    rows = []
    for i in range(nlines):
        rows.append(
            f'<tr><td class="ln">{i + 1}</td><td class="tx">{"".join(cells[i])}</td>'
            f'<td class="msgs">{"".join(msgs[i])}</td></tr>'
        )
    return '<table class="src">' + "".join(rows) + "</table>"


def _score_blocks(text: str, findings: list[tuple[str, Finding]]) -> list[tuple[int, int]]:
    """Line blocks of the text that look like the scoring table: consecutive tab-separated lines
    holding a DG finding (or, when none fired, the tab block that talks about points)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            j = i
            while j + 1 < len(lines) and "\t" in lines[j + 1]:
                j += 1
            if j - i >= 2:
                blocks.append((i, j))
            i = j + 1
        else:
            i += 1
    dg = [f for _, f in findings if f.rule.startswith("DG")]
    chosen = []
    for a, b in blocks:
        lo, hi = starts[a], starts[b] + len(lines[b])
        if any(lo <= f.offset <= hi for f in dg):
            chosen.append((a, b))
    if not chosen:
        chosen = [(a, b) for a, b in blocks if "điểm" in "\n".join(lines[a : b + 1]).lower()][:1]
    return chosen


def _render_score(text: str, findings: list[tuple[str, Finding]]) -> str:
    blocks = _score_blocks(text, findings)
    if not blocks:
        return ""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    dg = [(fid, f) for fid, f in findings if f.rule.startswith("DG")]
    parts = ["<details open><summary>Bảng tự chấm điểm (ô có vấn đề được tô đỏ)</summary>"]
    for a, b in blocks:
        parts.append('<table class="score">')
        for ln in range(a, b + 1):
            cells = lines[ln].split("\t")
            pos = starts[ln]
            tds = []
            for cell in cells:
                lo, hi = pos, pos + len(cell)
                # a finding points at this cell when its span starts inside it (or is the cell)
                ids = [fid for fid, f in dg if lo <= f.offset < max(hi, lo + 1) or (f.offset <= lo and f.end_offset >= hi > lo)]
                sev = max((f.severity for fid, f in dg if fid in ids), key=lambda s: _SEV_RANK[s], default="")
                attrs = f' class="bad {sev}" data-f="{" ".join(ids)}" title="{_e("; ".join(f.message for fid, f in dg if fid in ids))}"' if ids else ""
                tds.append(f"<td{attrs}>{_e(cell)}</td>")
                pos = hi + 1
            parts.append("<tr>" + "".join(tds) + "</tr>")
        parts.append("</table>")
    parts.append("</details>")
    return "".join(parts)


def _filters(categories: set[str]) -> str:
    cats = sorted(categories | set(_CAT_VI))
    boxes = ['<span class="group">Loại:</span>']
    for c in cats:
        boxes.append(f'<label><input type="checkbox" value="cat:{_e(c)}" checked> {_e(_CAT_VI.get(c, c))}</label>')
    boxes.append('<span class="group">Mức độ:</span>')
    for s in ("error", "warning", "info"):
        boxes.append(f'<label><input type="checkbox" value="sev:{s}" checked> {_SEV_VI[s]}</label>')
    only = '<label><input type="checkbox" id="only-findings"> chỉ hiện dòng có phát hiện</label>'
    return '<div class="filters">' + "".join(boxes) + "</div><div>" + only + "</div>"


def _summary(reports: list, anchors: dict[str, str]) -> str:
    head = "".join(
        f"<th>{h}</th>"
        for h in ("Tệp", "Lỗi", "Cảnh báo", "Lưu ý", "Năm báo cáo", "Khung điểm", "Tự chấm", "Xếp loại")
    )
    rows = []
    for r in summary_rows(reports):
        link = f'<a href="#{anchors[str(r["path"])]}">{_e(r["path"])}</a>'
        if r["error"]:
            rows.append(f'<tr><td>{link}</td><td colspan="7" class="unreadable">không đọc được: {_e(r["error"])}</td></tr>')
            continue
        rows.append(
            f'<tr><td>{link}</td><td class="num">{r["errors"]}</td><td class="num">{r["warnings"]}</td>'
            f'<td class="num">{r["infos"]}</td><td class="num">{_e(r["year"] or "-")}</td>'
            f'<td>{_e(r["framework"] or "-")}</td><td class="num">{_e(r["self_total"] or "-")}</td>'
            f'<td>{_e(r["classification"] or "-")}</td></tr>'
        )
    return f'<table class="summary"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _section(i: int, rep: FileReport, anchor: str, index: dict[str, dict[str, object]]) -> str:
    """One file's part of the page; its findings' ids and offsets are added to `index` (for the script)."""
    c = rep.counts()
    head = f'<section class="file" id="{anchor}"><h2>{_e(rep.path)}</h2>'
    if rep.error:
        return head + f'<p class="unreadable">Không đọc được: {_e(rep.error)}</p></section>'
    m = rep.report
    meta_bits = []
    if m is not None:
        for label, value in (
            ("loại", {"state": "văn bản nhà nước", "party": "văn bản của Đảng"}.get(m.kind, "chưa rõ")),
            ("cơ quan", m.issuer),
            ("số", m.number),
            ("ngày", m.date),
            ("năm báo cáo", m.year),
            ("khung điểm", m.framework),
            ("tự chấm", m.self_total),
            ("xếp loại", m.classification),
        ):
            if value:
                meta_bits.append(f"{label}: <b>{_e(value)}</b>")
    counts = f'{c["error"]} lỗi, {c["warning"]} cảnh báo, {c["info"]} lưu ý'
    findings = [(f"f{i}-{j}", f) for j, f in enumerate(rep.findings)]
    for fid, f in findings:
        index[fid] = {"rule": f.rule, "offset": f.offset, "end": f.end_offset}
    body = [head, f'<p class="meta">{" · ".join(meta_bits)}</p><p class="meta">{counts}</p>']
    text = rep.text
    if text is None:
        body.append("<p>(không có nội dung văn bản để hiển thị)</p>")
        for fid, f in findings:
            body.append(
                f'<div class="msg {f.severity}" id="{fid}" data-id="{fid}" data-cat="{_e(f.category)}" '
                f'data-sev="{f.severity}"><span class="code">{_e(f.rule)}</span> dòng {f.line}: {_e(f.message)}</div>'
            )
    else:
        body.append(_render_score(text, findings))
        body.append(_render_text(text, findings))
    body.append("</section>")
    return "".join(body)


class HtmlStream:
    """Writes the page file by file as reports arrive, so a batch of thousands of reports keeps flat
    memory: each file's section (its text and findings) is rendered at once into a spool file and the
    report dropped; only a summary row per file is kept. The summary table sits above the sections,
    so the page is assembled at `close()`: head, summary, the spooled sections, the findings index.
    `render_html` is this stream into a string, so both give the same page byte for byte."""

    def __init__(self, out: IO[str], note: str | None = None) -> None:
        self.out = out
        self.note = note  # what a folder left out on purpose (hidden files, baocao-lint's outputs)
        self._spool: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed in close()
        self.rows: list[SlimReport] = []
        self.anchors: dict[str, str] = {}
        self.index: dict[str, dict[str, object]] = {}
        self.categories: set[str] = set()
        self.totals = {"error": 0, "warning": 0, "info": 0}

    def write(self, rep: FileReport) -> None:
        i = len(self.rows)
        anchor = self.anchors.setdefault(rep.path, f"file-{i}")
        c = rep.counts()
        for k in self.totals:
            self.totals[k] += c[k]
        self.categories.update(f.category for f in rep.findings)
        self._spool.write(_section(i, rep, anchor, self.index))
        self.rows.append(SlimReport(rep))

    def close(self) -> None:
        title = "Kết quả kiểm tra báo cáo — baocao-lint"
        totals = self.totals
        total_line = f"{len(self.rows)} tệp: {totals['error']} lỗi, {totals['warning']} cảnh báo, {totals['info']} lưu ý"
        if self.note:
            total_line += f" · {self.note}"
        self.out.write(
            "<!DOCTYPE html>\n"
            '<html lang="vi"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            # no network: the page must open from a reviewer's disk or an e-mail attachment
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
            f"<title>{title}</title><style>{_CSS}</style></head><body>"
            f"<header><h1>{title}</h1><div class=\"meta\" style=\"color:#cfd8dc\">{_e(total_line)} · "
            f"baocao-lint {__version__}</div>{_filters(self.categories)}</header><main>"
            f"<h2>Tổng hợp</h2>{_summary(self.rows, self.anchors)}"
        )
        self._spool.seek(0)
        shutil.copyfileobj(self._spool, self.out)
        self._spool.close()
        data = json.dumps(self.index, ensure_ascii=False).replace("</", "<\\/")
        self.out.write(
            f'</main><script type="application/json" id="findings-data">{data}</script>'
            f"<script>{_JS}</script></body></html>\n"
        )


def render_html(reports: list[FileReport], lang: str = "vi", color: bool = False) -> str:
    buf = io.StringIO()
    stream = HtmlStream(buf)
    for rep in reports:
        stream.write(rep)
    stream.close()
    return buf.getvalue()


register("html", render_html)
