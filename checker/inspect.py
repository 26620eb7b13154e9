"""`baocao-lint inspect FILE`: show what the checker understood of a report."""

from __future__ import annotations

import json

from checker.document import build_document
from checker.ingest import IngestError, read_path
from checker.model import Document, Section, to_json
from checker.source import SourceText


def inspect_path(path: str, as_json: bool = False) -> tuple[str, bool]:
    try:
        src = read_path(path)
    except IngestError as exc:
        return f"{path}: không đọc được: {exc}", False
    doc = build_document(src)
    if as_json:
        return json.dumps(to_json(doc), ensure_ascii=False, indent=2), True
    return render_tree(src, doc), True


def render_tree(src: SourceText, doc: Document) -> str:
    def line(offset: int) -> int:
        return src.position(offset).line

    h = doc.header
    out = [f"Tệp: {src.path} ({src.format}, {src.encoding})"]
    out.append(f"Loại văn bản: {doc.kind} ({doc.kind_source or 'không xác định được'})")
    out.append(f"Tên loại (doctype): {doc.doctype or '—'} ({doc.doctype_source or 'không xác định được'})")
    if not doc.is_document:
        out.append("Không đọc như văn bản hành chính: không có Quốc hiệu, số ký hiệu, tên loại, chữ ký")
    elif doc.end_missing:
        out.append("Văn bản dừng trước phần cuối (không có Nơi nhận, chữ ký, ./.)")
    out.append("Phần đầu:")
    out.append(f"  Cơ quan ban hành: {h.issuer or '—'}")
    out.append(f"  Quốc hiệu: {'có' if h.national_motto else 'không'}; ĐẢNG CỘNG SẢN VIỆT NAM: {'có' if h.party_motto else 'không'}")
    if h.number:
        state = "để trống (bản dự thảo)" if h.number.blank else f"số {h.number.number}, ký hiệu {h.number.symbol}"
        out.append(f"  Số: {h.number.raw}  → {state}  (dòng {line(h.number.start)}; đọc từ {h.number.source})")
    else:
        out.append("  Số: —")
    if h.date_line:
        d = h.date_line
        state = "để trống ngày/tháng (bản dự thảo)" if d.blank else (d.date.isoformat() if d.date else "ngày không hợp lệ")
        out.append(f"  Địa danh, ngày tháng: {d.raw}  → {state}  (dòng {line(d.start)}; {d.source})")
    else:
        out.append("  Địa danh, ngày tháng: —")
    out.append(f"  Tên loại: {h.doc_type or '—'}")
    out.append(f"  Trích yếu: {h.summary or '—'}")
    ry = doc.reporting_year
    out.append(f"Năm báo cáo: {ry.year or '—'} (theo {ry.source}; các nguồn: {ry.candidates or '—'})")
    if ry.evidence:
        out.append(f'  đọc từ: "{ry.evidence[:120]}"')
    out.append("  thứ tự: trích yếu, văn bản yêu cầu, bảng điểm, dòng ngày tháng, kỳ báo cáo nêu trong thân"
               " (kỳ báo cáo trước dòng ngày tháng khi văn bản ký vào quý I năm sau)")
    out.append("Mục lục:")

    def walk(nodes: list[Section], depth: int) -> None:
        for s in nodes:
            extra = ""
            if s.criterion:
                extra += f" [Tiêu chí {s.criterion}]"
            if s.item:
                extra += f" [Nội dung {s.item}]"
            out.append(f"{'  ' * depth}- {s.token} {s.title[:70]}{extra}  (dòng {line(s.start)}, {s.style})")
            walk(s.children, depth + 1)

    walk(doc.sections, 1)
    out.append(f"Bảng: {len(doc.tables)}")
    if doc.score_table:
        st = doc.score_table
        out.append(f"Bảng chấm điểm (dòng {line(st.start)}; năm {st.year or '—'}):")
        for r in st.rows:
            out.append(
                f"  {r.kind:<10} {r.label:<14} chuẩn={r.cap_text or '':<4} tự chấm={r.self_text or '':<4} "
                f"TKT={r.inspector_text or '':<4} (dòng {line(r.start)})"
            )
    texts = {f.number for f in doc.footnotes}
    marks = [m.number for m in doc.footnote_markers]
    out.append(
        f"Chú thích: {len(marks)} dấu chú thích, {len(doc.footnotes)} lời chú thích; "
        f"liên kết được {len([m for m in marks if m in texts])}"
    )
    if doc.recipients:
        out.append(f"Nơi nhận (dòng {line(doc.recipients.start)}): " + "; ".join(doc.recipients.items))
    else:
        out.append("Nơi nhận: —")
    if doc.signer:
        s = doc.signer
        out.append(f"Người ký (dòng {line(s.start)}): {' / '.join(s.title_lines)} — {s.name or 'không có tên'}")
    else:
        out.append("Người ký: —")
    return "\n".join(out)
