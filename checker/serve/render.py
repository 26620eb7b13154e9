"""The templates shared by the web desk and the batch HTML report (`--format html`).

One report's page (its facts, the score table drawn whole from the rows the checker read, the text with
every finding at its place, filters) is the same fragment in both: the app sends it when a report is
opened, the batch page holds one collapsed per file. CSS and scripts are inlined into every page:
nothing is loaded from the network, a saved page opens from a disk or an e-mail attachment.
"""

from __future__ import annotations

import functools
import html
from bisect import bisect_right
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from checker.categories import CATEGORIES, NAMES
from checker.report import FileReport, Finding

HERE = Path(__file__).parent
SEV_RANK = {"error": 3, "warning": 2, "info": 1}

# Every word the pages show, as (Vietnamese, English); templates ask `t("key")`. One table of pairs, so
# that no word is in one language only; the categories' names come from their one list.
_PAIRS: dict[str, tuple[str, str]] = {
    "title": ("Kiểm tra báo cáo — baocao-lint", "Report checker — baocao-lint"),
    "batch_title": ("Kết quả kiểm tra báo cáo — baocao-lint", "Report check results — baocao-lint"),
    "error": ("lỗi", "error"),
    "warning": ("cảnh báo", "warning"),
    "info": ("lưu ý", "note"),
    "errors": ("Lỗi", "Errors"),
    "warnings": ("Cảnh báo", "Warnings"),
    "infos": ("Lưu ý", "Notes"),
    # the categories' names: their one list, checker/categories.py
    **{c.name: (c.label_vi, c.label_en) for c in CATEGORIES},
    "file": ("Tệp", "File"),
    "year": ("Năm báo cáo", "Report year"),
    "framework": ("Khung điểm", "Framework"),
    "self_total": ("Tự chấm", "Self score"),
    "classification": ("Xếp loại", "Classification"),
    "unreadable": ("không đọc được", "unreadable"),
    "category": ("Loại", "Category"),
    "severity": ("Mức độ", "Severity"),
    "only_lines": ("chỉ hiện dòng có phát hiện", "only lines with findings"),
    "score_table": (
        "Bảng tự chấm điểm (ô có vấn đề được tô đỏ)",
        "Self-scoring table (cells with a problem in red)",
    ),
    "col_label": ("Mục", "Item"),
    "col_content": ("Nội dung", "Content"),
    "col_cap": ("Điểm chuẩn", "Cap"),
    "col_self": ("Tự chấm", "Self score"),
    "col_inspector": ("Kiểm tra", "Inspection"),
    "col_note": ("Ghi chú", "Note"),
    "no_text": ("(không có nội dung văn bản để hiển thị)", "(no text to show)"),
    "line": ("dòng", "line"),
    "column": ("cột", "col"),
    "fix_to": ("sửa thành", "change to"),
    "kind_state": ("văn bản nhà nước", "state document"),
    "kind_party": ("văn bản của Đảng", "Party document"),
    "kind_unknown": ("chưa rõ", "unknown"),
    "m_kind": ("loại", "kind"),
    "m_issuer": ("cơ quan", "issuer"),
    "m_number": ("số", "number"),
    "m_date": ("ngày", "date"),
    "m_year": ("năm báo cáo", "report year"),
    "m_framework": ("khung điểm", "framework"),
    "m_self_total": ("tự chấm", "self score"),
    "m_classification": ("xếp loại", "classification"),
    "counts": ("{e} lỗi, {w} cảnh báo, {i} lưu ý", "{e} errors, {w} warnings, {i} notes"),
    "totals": (
        "{n} tệp: {e} lỗi, {w} cảnh báo, {i} lưu ý, {u} không đọc được",
        "{n} files: {e} errors, {w} warnings, {i} notes, {u} unreadable",
    ),
    "summary": ("Tổng hợp", "Summary"),
    "search": ("Tìm theo tên tệp…", "Search file names…"),
    "all": ("tất cả", "all"),
    "with_errors": ("có lỗi", "with errors"),
    "with_warnings": ("có lỗi hoặc cảnh báo", "with errors or warnings"),
    "only_unreadable": ("không đọc được", "unreadable"),
    "clean": ("không có phát hiện", "no findings"),
    "back": ("← Quay lại danh sách", "← Back to the list"),
    "back_top": ("↑ Về bảng tổng hợp", "↑ Back to the summary"),
    "open_all": ("Mở tất cả", "Open all"),
    "close_all": ("Đóng tất cả", "Close all"),
    "shown": ("Đang hiện {a}–{b} / {n} báo cáo", "Showing {a}–{b} of {n} reports"),
    "prev": ("← Trang trước", "← Previous"),
    "next": ("Trang sau →", "Next →"),
    "per_page": ("báo cáo mỗi trang", "reports per page"),
    "intro": (
        "Chọn báo cáo (tệp, cả thư mục hoặc tệp .zip), bấm Kiểm tra, rồi mở từng báo cáo để xem lỗi ngay tại chỗ.",
        "Choose reports (files, a whole folder or a .zip), press Check, then open each report to see its findings in place.",
    ),
    "pick_files": ("Chọn tệp", "Choose files"),
    "pick_folder": ("Chọn thư mục", "Choose a folder"),
    "drop": ("hoặc kéo thả tệp, thư mục vào đây", "or drop files and folders here"),
    "options": ("Tuỳ chọn", "Options"),
    "auto": ("tự nhận biết", "detect"),
    "template": ("Mẫu báo cáo", "Template"),
    "categories": ("Nhóm quy tắc", "Rule categories"),
    "token": ("Mã truy cập", "Access token"),
    "check": ("Kiểm tra", "Check"),
    "checking": ("Đang kiểm tra {a}/{n} tệp…", "Checking {a}/{n} files…"),
    "done": ("Đã kiểm tra {n} tệp", "Checked {n} files"),
    "chosen": ("Đã chọn {n} tệp", "{n} files chosen"),
    "none_chosen": ("Chưa chọn tệp nào", "No file chosen"),
    "download": ("Tải về", "Download"),
    "dl_json": ("JSON", "JSON"),
    "dl_sarif": ("SARIF", "SARIF"),
    "dl_html": ("Trang HTML", "HTML page"),
    "dl_docx": ("Bản Word có nhận xét", "Word copy with comments"),
    "loading": ("Đang tải báo cáo…", "Loading the report…"),
    "failed": ("Không kiểm tra được: ", "Could not check: "),
    "limits": (
        "Giới hạn: {f} tệp mỗi lần gửi, {m} MB mỗi tệp, {t} giây mỗi tệp.",
        "Limits: {f} files per upload, {m} MB per file, {t} s per file.",
    ),
    "too_many_for_batch": (
        "Lô lớn hơn {f} tệp: tải JSON của cả lô, còn SARIF/HTML tải theo từng báo cáo.",
        "Batch larger than {f} files: JSON for the whole batch, SARIF/HTML per report.",
    ),
    "lang_other": ("English", "Tiếng Việt"),
    "lang_other_href": ("?lang=en", "?lang=vi"),
}
WORDS: dict[str, dict[str, str]] = {lang: {k: pair[i] for k, pair in _PAIRS.items()} for i, lang in enumerate(("vi", "en"))}


def words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "vi"]


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["category_names"] = NAMES  # the filters list the categories in their one order
    return env


@functools.lru_cache(maxsize=4)
def asset(name: str) -> Markup:
    """A file of static/, to be inlined (CSS, JS); `</` is broken so it cannot close its tag."""
    return Markup((HERE / "static" / name).read_text(encoding="utf-8").replace("</", "<\\/"))


def page(template: str, lang: str, **values: object) -> str:
    w = words(lang)
    return environment().get_template(template).render(
        lang="en" if lang == "en" else "vi", t=w, words_json=Markup(_json(w)), asset=asset, **values
    )


def _json(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


# -- one report ---------------------------------------------------------------------------------------
def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


def text_rows(text: str, findings: list[tuple[str, Finding]], w: dict[str, str]) -> Markup:
    """The report text line by line, every finding's span marked, its message beside its line.

    Built as a string, not in the template: a 75 KB report has ~1,500 lines and this runs per report
    of a 2,000-file batch."""
    n = len(text)
    starts = _line_starts(text)
    nlines = len(starts)
    cells: list[list[str]] = [[] for _ in range(nlines)]
    msgs: list[list[str]] = [[] for _ in range(nlines)]
    sev_of = {fid: f.severity for fid, f in findings}
    cuts = set(starts) | {n} | {s - 1 for s in starts[1:]}
    carets: dict[int, list[str]] = {}
    spans = []
    for fid, f in findings:
        a, b = max(0, min(f.offset, n)), max(0, min(f.end_offset, n))
        if b <= a:
            carets.setdefault(a, []).append(fid)
        else:
            cuts.update((a, b))
            spans.append((a, b, fid))
    points = sorted(cuts)
    spans.sort()
    active: list[tuple[int, int, str]] = []
    k = 0
    for a, b in zip(points, points[1:]):
        if a == b:
            continue
        while k < len(spans) and spans[k][0] <= a:
            active.append(spans[k])
            k += 1
        active = [s for s in active if s[1] > a]
        ln = bisect_right(starts, a) - 1
        for fid in carets.pop(a, []):
            cells[ln].append(f'<mark class="caret {sev_of[fid]}" data-f="{fid}"></mark>')
        piece = text[a:b]
        if piece == "\n":
            continue
        ids = [fid for s0, s1, fid in active if s0 <= a and b <= s1]
        if ids:
            worst = max((sev_of[i] for i in ids), key=SEV_RANK.__getitem__)
            cells[ln].append(f'<mark class="{worst}" data-f="{" ".join(ids)}">{_e(piece)}</mark>')
        else:
            cells[ln].append(_e(piece))
    for off, ids in carets.items():
        ln = min(bisect_right(starts, off) - 1, nlines - 1)
        for fid in ids:
            cells[ln].append(f'<mark class="caret {sev_of[fid]}" data-f="{fid}"></mark>')
    for fid, f in findings:
        ln = bisect_right(starts, max(0, min(f.offset, n))) - 1
        msgs[ln].append(message_html(fid, f, w))
    rows = [
        f'<tr><td class="ln">{i + 1}</td><td class="tx">{"".join(cells[i])}</td><td class="msgs">{"".join(msgs[i])}</td></tr>'
        for i in range(nlines)
    ]
    return Markup('<table class="src">' + "".join(rows) + "</table>")


def message_html(fid: str, f: Finding, w: dict[str, str]) -> str:
    loc = f" [{_e(f.location)}]" if f.location else ""
    fix = f' <span class="fix">→ {w["fix_to"]} “{_e(f.fix)}”</span>' if f.fix is not None else ""
    return (
        f'<div class="msg {f.severity}" id="{fid}" data-id="{fid}" data-cat="{_e(f.category)}" '
        f'data-sev="{f.severity}"><span class="code">{_e(f.rule)}</span> '
        f'<span class="sev">{w[f.severity]}</span> · {w["line"]} {f.line}, {w["column"]} {f.column}{loc}: '
        f"{_e(f.message)}{fix}</div>"
    )


def score_rows(rep: FileReport, findings: list[tuple[str, Finding]]) -> list[dict[str, object]] | None:
    """Every row of the score table as the checker read it, each cell with the score findings on it."""
    table = rep.score_table
    if table is None or not table.rows:
        return None
    dg = [(fid, f) for fid, f in findings if f.category == "score"]

    def on(span_start: int | None, span_end: int | None) -> list[tuple[str, Finding]]:
        if span_start is None or span_end is None:
            return []
        return [(fid, f) for fid, f in dg
                if span_start <= f.offset < max(span_end, span_start + 1)
                or (f.offset <= span_start and f.end_offset >= span_end > span_start)]

    out = []
    for row in table.rows:
        cells: dict[str, list[tuple[str, Finding]]] = {}
        for key, span in (("cap", row.cap_span), ("self", row.self_span), ("inspector", row.inspector_span)):
            cells[key] = on(span.start, span.end) if span else []
        in_cells = {fid for hits in cells.values() for fid, _ in hits}
        # a finding on the row but on none of its score cells (a label, a total written elsewhere)
        cells["label"] = [(fid, f) for fid, f in on(row.start, row.end) if fid not in in_cells]
        out.append({
            "row": row,
            "cells": {k: {"ids": " ".join(fid for fid, _ in v),
                          "sev": max((f.severity for _, f in v), key=SEV_RANK.__getitem__, default=""),
                          "title": "; ".join(f.message for _, f in v)} for k, v in cells.items()},
        })
    return out


def meta_bits(rep: FileReport, w: dict[str, str]) -> list[tuple[str, object]]:
    m = rep.report
    if m is None:
        return []
    bits = [
        ("m_kind", w.get(f"kind_{m.kind}", m.kind)), ("m_issuer", m.issuer), ("m_number", m.number),
        ("m_date", m.date), ("m_year", m.year), ("m_framework", m.framework),
        ("m_self_total", m.self_total), ("m_classification", m.classification),
    ]
    return [(w[k], v) for k, v in bits if v]


def report_context(i: int, rep: FileReport, lang: str) -> dict[str, object]:
    w = words(lang)
    findings = [(f"f{i}-{j}", f) for j, f in enumerate(rep.findings)]
    c = rep.counts()
    return {
        "i": i,
        "rep": rep,
        "anchor": f"file-{i}",
        "meta": meta_bits(rep, w),
        "counts": w["counts"].format(e=c["error"], w=c["warning"], i=c["info"]),
        "c": c,
        "categories": sorted({f.category for f in rep.findings}),
        "findings": findings,
        "score": score_rows(rep, findings),
        "has_inspector": bool(rep.score_table and rep.score_table.has_inspector_column),
        "text": text_rows(rep.text, findings, w) if rep.text is not None else None,
        "plain_messages": Markup("".join(message_html(fid, f, w) for fid, f in findings)),
    }


def report_fragment(i: int, rep: FileReport, lang: str, *, open_: bool = True) -> str:
    """One report's page: what the app shows when a report is opened, a section of the batch page."""
    w = words(lang)
    tpl = environment().get_template("report.html")
    return tpl.render(t=w, open_=open_, **report_context(i, rep, lang))
