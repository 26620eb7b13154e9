"""`--format text`: file:line:col, code, severity, message, then the source line with a caret
under the span, as ruff and rustc print them."""

from __future__ import annotations

from checker.report import FileReport

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"
_BOLD = "\033[1m"
_SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo", "info": "lưu ý"}


def render_text(reports: list[FileReport], lang: str = "vi", color: bool = False) -> str:
    out: list[str] = []
    for rep in reports:
        if rep.error:
            label = "không đọc được" if lang == "vi" else "cannot read"
            out.append(f"{rep.path}: {label}: {rep.error}")
            continue
        lines = (rep.text or "").split("\n")
        for f in rep.findings:
            sev = _SEVERITY_VI[f.severity] if lang == "vi" else f.severity
            where = f" [{f.location}]" if f.location else ""
            head = f"{rep.path}:{f.line}:{f.column}:{where} {f.rule} {sev}: {f.message}"
            if color:
                head = f"{_BOLD}{rep.path}:{f.line}:{f.column}:{_RESET}{where} {_COLORS[f.severity]}{f.rule} {sev}{_RESET}: {f.message}"
            out.append(head)
            out.extend(_snippet(rep, f, lines, color))
    out.append(totals_line(reports, lang))
    return "\n".join(out) + "\n"


def _snippet(rep: FileReport, f, lines: list[str], color: bool) -> list[str]:  # noqa: ANN001
    """The normalised source line with a caret under the finding's span."""
    text = rep.text or ""
    if not text or f.end_offset < f.offset:
        return []
    line_start = text.rfind("\n", 0, f.offset) + 1
    line_end = text.find("\n", f.offset)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    col = f.offset - line_start
    width = max(1, min(f.end_offset, line_end) - f.offset)
    # long lines (whole paragraphs) are cut to a window around the span
    lo = max(0, col - 60)
    hi = min(len(line), col + width + 60)
    shown = ("…" if lo > 0 else "") + line[lo:hi].replace("\t", " ") + ("…" if hi < len(line) else "")
    pad = col - lo + (1 if lo > 0 else 0)
    caret = " " * pad + "^" * min(width, hi - col)
    if color:
        caret = f"{_COLORS[f.severity]}{caret}{_RESET}"
    gutter = f"{f.line:>5} | "
    return [gutter + shown, " " * (len(gutter) - 2) + "| " + caret]


def totals_line(reports: list, lang: str = "vi") -> str:
    """The one line that closes a run: the files actually checked and their findings, then the
    files that could not be checked (unreadable or not a supported type), counted apart so that
    "Đã kiểm tra N tệp" never counts a file that was only listed. Takes FileReport or SlimReport."""
    totals = {"error": 0, "warning": 0, "info": 0}
    unreadable = 0
    for rep in reports:
        if rep.error:
            unreadable += 1
            continue
        for sev, n in rep.counts().items():
            totals[sev] += n
    checked = len(reports) - unreadable
    if lang == "en":
        return (
            f"Checked {checked} file(s): {totals['error']} error(s), {totals['warning']} warning(s), "
            f"{totals['info']} info(s)" + (f"; {unreadable} unreadable" if unreadable else "") + "."
        )
    return (
        f"Đã kiểm tra {checked} tệp: {totals['error']} lỗi, {totals['warning']} cảnh báo, "
        f"{totals['info']} lưu ý" + (f"; {unreadable} tệp không đọc được" if unreadable else "") + "."
    )
