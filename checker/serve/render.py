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

# Every word the pages show, in both languages; templates ask `t("key")`.
WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "title": "Kiểm tra báo cáo — baocao-lint",
        "batch_title": "Kết quả kiểm tra báo cáo — baocao-lint",
        "error": "lỗi", "warning": "cảnh báo", "info": "lưu ý",
        "errors": "Lỗi", "warnings": "Cảnh báo", "infos": "Lưu ý",
        # the categories' names: their one list, checker/categories.py
        **{c.name: c.label_vi for c in CATEGORIES},
        "file": "Tệp", "year": "Năm báo cáo", "framework": "Khung điểm", "self_total": "Tự chấm",
        "classification": "Xếp loại", "unreadable": "không đọc được",
        "category": "Loại", "severity": "Mức độ", "only_lines": "chỉ hiện dòng có phát hiện",
        "score_table": "Bảng tự chấm điểm (ô có vấn đề được tô đỏ)",
        "col_label": "Mục", "col_content": "Nội dung", "col_cap": "Điểm chuẩn", "col_self": "Tự chấm",
        "col_inspector": "Kiểm tra", "col_note": "Ghi chú",
        "no_text": "(không có nội dung văn bản để hiển thị)", "line": "dòng", "column": "cột",
        "fix_to": "sửa thành",
        "kind_state": "văn bản nhà nước", "kind_party": "văn bản của Đảng", "kind_unknown": "chưa rõ",
        "m_kind": "loại", "m_issuer": "cơ quan", "m_number": "số", "m_date": "ngày", "m_year": "năm báo cáo",
        "m_framework": "khung điểm", "m_self_total": "tự chấm", "m_classification": "xếp loại",
        "counts": "{e} lỗi, {w} cảnh báo, {i} lưu ý",
        "totals": "{n} tệp: {e} lỗi, {w} cảnh báo, {i} lưu ý, {u} không đọc được",
        "summary": "Tổng hợp", "search": "Tìm theo tên tệp…", "all": "tất cả",
        "with_errors": "có lỗi", "with_warnings": "có lỗi hoặc cảnh báo", "only_unreadable": "không đọc được",
        "clean": "không có phát hiện", "back": "← Quay lại danh sách", "back_top": "↑ Về bảng tổng hợp",
        "open_all": "Mở tất cả", "close_all": "Đóng tất cả", "shown": "Đang hiện {a}–{b} / {n} báo cáo",
        "prev": "← Trang trước", "next": "Trang sau →", "per_page": "báo cáo mỗi trang",
        # the upload page
        "intro": "Chọn báo cáo (tệp, cả thư mục hoặc tệp .zip), bấm Kiểm tra, rồi mở từng báo cáo để xem lỗi ngay tại chỗ.",
        "pick_files": "Chọn tệp", "pick_folder": "Chọn thư mục", "drop": "hoặc kéo thả tệp, thư mục vào đây",
        "options": "Tuỳ chọn", "auto": "tự nhận biết", "template": "Mẫu báo cáo", "categories": "Nhóm quy tắc",
        "token": "Mã truy cập", "check": "Kiểm tra", "checking": "Đang kiểm tra {a}/{n} tệp…",
        "done": "Đã kiểm tra {n} tệp", "chosen": "Đã chọn {n} tệp", "none_chosen": "Chưa chọn tệp nào",
        "download": "Tải về", "dl_json": "JSON", "dl_sarif": "SARIF", "dl_html": "Trang HTML",
        "dl_docx": "Bản Word có nhận xét", "loading": "Đang tải báo cáo…", "failed": "Không kiểm tra được: ",
        "limits": "Giới hạn: {f} tệp mỗi lần gửi, {m} MB mỗi tệp, {t} giây mỗi tệp.",
        "too_many_for_batch": "Lô lớn hơn {f} tệp: tải JSON của cả lô, còn SARIF/HTML tải theo từng báo cáo.",
        "lang_other": "English", "lang_other_href": "?lang=en",
    },
    "en": {
        "title": "Report checker — baocao-lint",
        "batch_title": "Report check results — baocao-lint",
        "error": "error", "warning": "warning", "info": "note",
        "errors": "Errors", "warnings": "Warnings", "infos": "Notes",
        **{c.name: c.label_en for c in CATEGORIES},
        "file": "File", "year": "Report year", "framework": "Framework", "self_total": "Self score",
        "classification": "Classification", "unreadable": "unreadable",
        "category": "Category", "severity": "Severity", "only_lines": "only lines with findings",
        "score_table": "Self-scoring table (cells with a problem in red)",
        "col_label": "Item", "col_content": "Content", "col_cap": "Cap", "col_self": "Self score",
        "col_inspector": "Inspection", "col_note": "Note",
        "no_text": "(no text to show)", "line": "line", "column": "col",
        "fix_to": "change to",
        "kind_state": "state document", "kind_party": "Party document", "kind_unknown": "unknown",
        "m_kind": "kind", "m_issuer": "issuer", "m_number": "number", "m_date": "date", "m_year": "report year",
        "m_framework": "framework", "m_self_total": "self score", "m_classification": "classification",
        "counts": "{e} errors, {w} warnings, {i} notes",
        "totals": "{n} files: {e} errors, {w} warnings, {i} notes, {u} unreadable",
        "summary": "Summary", "search": "Search file names…", "all": "all",
        "with_errors": "with errors", "with_warnings": "with errors or warnings", "only_unreadable": "unreadable",
        "clean": "no findings", "back": "← Back to the list", "back_top": "↑ Back to the summary",
        "open_all": "Open all", "close_all": "Close all", "shown": "Showing {a}–{b} of {n} reports",
        "prev": "← Previous", "next": "Next →", "per_page": "reports per page",
        "intro": "Choose reports (files, a whole folder or a .zip), press Check, then open each report to see its findings in place.",
        "pick_files": "Choose files", "pick_folder": "Choose a folder", "drop": "or drop files and folders here",
        "options": "Options", "auto": "detect", "template": "Template", "categories": "Rule categories",
        "token": "Access token", "check": "Check", "checking": "Checking {a}/{n} files…",
        "done": "Checked {n} files", "chosen": "{n} files chosen", "none_chosen": "No file chosen",
        "download": "Download", "dl_json": "JSON", "dl_sarif": "SARIF", "dl_html": "HTML page",
        "dl_docx": "Word copy with comments", "loading": "Loading the report…", "failed": "Could not check: ",
        "limits": "Limits: {f} files per upload, {m} MB per file, {t} s per file.",
        "too_many_for_batch": "Batch larger than {f} files: JSON for the whole batch, SARIF/HTML per report.",
        "lang_other": "Tiếng Việt", "lang_other_href": "?lang=vi",
    },
}


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
