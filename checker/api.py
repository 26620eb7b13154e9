"""The one public entry point: `check(path_or_bytes) -> FileReport`. The command line uses it too."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from checker.context import Context, Options
from checker.document import build_document
from checker.engine import Rule, select_rules
from checker.ingest import DEFAULT_MAX_BYTES, IngestError, read_bytes, read_path, sniff_format
from checker.options import build_options
from checker.report import FileReport, Finding, FixSpan, ReportMeta
from checker.source import SourceText
from checker.suppress import apply_inline


def check(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    options: Options | None = None,
    **overrides: object,
) -> FileReport:
    """Check one report given as a path or as bytes; never raises for a bad input.

    An input that cannot be read gives a `FileReport` with `error` set and no findings.
    `overrides` are `Options` fields (select=["DG"] or select="DG", year=2023, framework="generic",
    lang="en" …). An option the checker cannot use raises `ValueError` with one line, as the command
    line refuses it; the `options` object given is not changed.
    """
    opts = build_options(dataclasses.replace(options) if options else None, **overrides)
    label = name or (str(source) if not isinstance(source, bytes) else "<bytes>")
    fmt = Path(label).suffix.lower().lstrip(".") or "txt"
    try:
        if isinstance(source, bytes):
            src = read_bytes(source, label)
        else:
            src = read_path(source, max_bytes=opts.max_bytes or DEFAULT_MAX_BYTES)
    except IngestError as exc:
        if isinstance(source, bytes):
            fmt = sniff_format(label, source)
        return FileReport(path=label, format=fmt, error=str(exc))
    except MemoryError:
        return FileReport(path=label, format=fmt, error=_out_of_memory())
    try:
        return check_source(src, opts)
    except MemoryError:
        del src  # what ran out of memory goes before the report is made
        return FileReport(path=label, format=fmt, error=_out_of_memory())
    except Exception as exc:  # a bug in one rule must not sink a batch; say where it broke
        import traceback  # only here: with linecache and tokenize, ~1 ms of every start otherwise

        where = traceback.extract_tb(exc.__traceback__)[-1]
        return FileReport(
            path=label,
            format=src.format,
            error=f"lỗi nội bộ của baocao-lint ({type(exc).__name__}: {exc} tại {Path(where.filename).name}:{where.lineno})",
        )


# A spreadsheet is an annex (a score sheet, a price list): it has no Quốc hiệu, Nơi nhận or signer
# block of its own, so the rule that asks for a document's parts does not run on it.
SHEET_FORMATS = ("xlsx", "xls", "ods")
NOT_ON_SHEETS = ("VB001", "VB007")  # nor the note that it has no document frame
# Text recognised from a scan (OCR): a misread letter or digit looks like a typo, a wrong symbol, an
# impossible date or a gap in the numbering, and the two-column header comes out as one line, so the
# document's parts are not where VB001 looks. Those findings are kept but lowered to info.
OCR_LOWERED_CATEGORIES = ("style",)
OCR_LOWERED_RULES = ("TD001", "TD002", "TD003", "TD006", "NG001", "VB001", "VB002", "VB003")


def _out_of_memory() -> str:
    """The one line for a file whose check ran out of memory, naming the worker's limit if any."""
    from checker import isolation

    return isolation.memory_error(isolation.worker_memory_mb)


def check_source(src: SourceText, opts: Options) -> FileReport:
    doc = build_document(src, year_override=opts.year)
    ctx = Context(src=src, doc=doc, options=opts)
    findings: list[Finding] = []
    ignore = list(opts.ignore) + (list(NOT_ON_SHEETS) if src.format in SHEET_FORMATS else [])
    for r in select_rules(opts.select, ignore):
        findings.extend(_run(r, ctx))
    if src.encoding == "ocr":
        for f in findings:
            if f.category in OCR_LOWERED_CATEGORIES or f.rule in OCR_LOWERED_RULES:
                f.severity = "info"
    findings = _dedupe(findings)
    # inline `<!-- baocao-lint: ignore CODE -->` comments are part of the text, so they apply here,
    # for the library and the command line alike
    findings = apply_inline(src, findings)
    findings.sort(key=lambda f: (f.line, f.column, f.rule, f.message))
    return FileReport(path=src.path, format=src.format, report=_meta(ctx), findings=findings, text=src.text,
                      score_table=doc.score_table)


def _run(r: Rule, ctx: Context) -> list[Finding]:
    out = []
    for hit in r.check(ctx):
        start = max(0, min(hit.start, len(ctx.src.text)))
        end = max(start, min(hit.end, len(ctx.src.text)))
        p1 = ctx.src.position(start)
        p2 = ctx.src.position(end)
        evidence = hit.evidence if hit.evidence is not None else ctx.src.line_text(start).strip()
        out.append(
            Finding(
                rule=r.code,
                category=r.category,
                severity=hit.severity or r.severity,
                message=r.message(hit, ctx.options.lang),
                line=p1.line,
                column=p1.column,
                end_line=max(p2.line, p1.line),
                end_column=p2.column if p2.line > p1.line else max(p2.column, p1.column),
                evidence=evidence[:300],
                fix=hit.fix,
                location=p1.location,
                offset=start,
                end_offset=end,
                also_fix=tuple(_fix_span(ctx, a, b, rep) for a, b, rep in hit.also_fix),
            )
        )
    return out


def _fix_span(ctx: Context, start: int, end: int, fix: str) -> FixSpan:
    p1, p2 = ctx.src.position(start), ctx.src.position(end)
    return FixSpan(offset=start, end_offset=end, line=p1.line, column=p1.column, end_line=p2.line,
                   end_column=p2.column, fix=fix)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.rule, f.line, f.column, f.end_line, f.end_column, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _meta(ctx: Context) -> ReportMeta:
    doc = ctx.doc
    h = doc.header
    number = None
    if h.number is not None:
        number = h.number.value or h.number.raw
    date = h.date_line.date.isoformat() if h.date_line and h.date_line.date else None
    framework = None
    note = None
    try:
        fw = ctx.framework
        if fw is not None:
            framework = fw.id
            note = fw.report_note or None
    except Exception:  # rule data missing or broken: the report still goes out
        framework = None
    template = None
    try:
        template = ctx.template.id
    except Exception:
        template = None
    self_total = None
    classification = None
    try:
        # the prose total is what the agency signs for; the table's Tổng cộng when the prose is silent
        self_total = ctx.score.stated_total
        classification = ctx.score.classification
    except Exception:  # a broken score fact must not lose the rest of the report
        pass
    return ReportMeta(
        kind=doc.kind,
        doctype=doc.doctype,
        issuer=h.issuer,
        number=number,
        date=date,
        year=doc.reporting_year.year,
        year_source=doc.reporting_year.source,
        framework=framework,
        framework_note=note,
        template=template,
        encoding=ctx.src.encoding,
        self_total=self_total,
        classification=classification,
    )
