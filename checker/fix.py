"""`--fix` and `--diff`: apply the mechanical fixes rules offer, to .txt/.md files only.

A finding's `fix` replaces [offset, end_offset) of the *normalised* text. The file on disk is the
original, so each fix is mapped back through the finding's line/column (original coordinates) and
applied only when the original slice there equals the normalised slice: where normalisation changed
the characters (NFD, Markdown markup, NBSP, dashes) we would not know what to write, so we skip.
`.docx` is never rewritten: a text edit cannot keep Word's formatting safe.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from checker.ingest import IngestError, read_bytes
from checker.report import FileReport, Finding

FIXABLE_FORMATS = ("txt", "md")


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write through a temp file in the same folder and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        data = content.encode("utf-8") if isinstance(content, str) else content
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)  # a fixed file keeps its permissions
        else:
            umask = os.umask(0)  # mkstemp makes 0600; a new report should get the usual mode
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@dataclass
class FixResult:
    path: str
    applied: list[Finding] = field(default_factory=list)
    skipped: list[Finding] = field(default_factory=list)
    refused: str | None = None  # why the file was left alone
    diff: str = ""
    new_text: str | None = None


def _line_starts(text: str) -> list[int]:
    out = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            out.append(i + 1)
    return out


def _orig_offset(starts: list[int], line: int, column: int) -> int | None:
    if not 1 <= line <= len(starts):
        return None
    return starts[line - 1] + column - 1


def plan_fixes(report: FileReport, data: bytes) -> FixResult:
    """Work out the fixed content of `data` (the file's bytes) for `report`; write nothing."""
    res = FixResult(path=report.path)
    if report.error:
        res.refused = "tệp không đọc được, không sửa"
        return res
    if report.format not in FIXABLE_FORMATS:
        res.refused = f"không sửa tự động tệp .{report.format} (chỉ sửa .txt/.md)"
        return res
    fixable = [f for f in report.findings if f.fix is not None]
    if not fixable:
        return res
    # The findings were computed from some earlier read; if the bytes now normalise to another
    # text, the offsets mean nothing any more.
    try:
        src = read_bytes(data, report.path, report.format)
    except IngestError as exc:
        res.refused = f"không đọc lại được tệp: {exc}"
        return res
    if report.text is None or src.text != report.text:
        res.refused = "tệp đã thay đổi kể từ lúc kiểm tra; chạy lại baocao-lint"
        return res
    encoding = src.encoding
    original = data.decode(encoding)
    starts = _line_starts(original)
    edits: list[tuple[int, int, str, Finding]] = []
    for f in fixable:
        a = _orig_offset(starts, f.line, f.column)
        b = _orig_offset(starts, f.end_line, f.end_column)
        wanted = report.text[f.offset : f.end_offset]
        if a is None or b is None or original[a:b] != wanted or f.fix == wanted:
            res.skipped.append(f)
            continue
        edits.append((a, b, f.fix or "", f))
    # Apply from the end so earlier offsets stay valid; drop a fix that overlaps one already taken
    # (the next run picks it up, which is why --fix is idempotent rather than greedy).
    edits.sort(key=lambda e: (e[0], e[1]))
    chosen: list[tuple[int, int, str, Finding]] = []
    last_end = -1
    for e in edits:
        if e[0] < last_end:
            res.skipped.append(e[3])
            continue
        chosen.append(e)
        last_end = e[1]
    fixed = original
    for a, b, rep, f in reversed(chosen):
        fixed = fixed[:a] + rep + fixed[b:]
        res.applied.append(f)
    res.applied.reverse()
    if fixed != original:
        import difflib  # here, not at the top: every check imports this module, few fix anything

        res.new_text = fixed
        shown = report.path
        res.diff = "".join(
            difflib.unified_diff(
                original.removeprefix("\ufeff").splitlines(keepends=True),
                fixed.removeprefix("\ufeff").splitlines(keepends=True),
                fromfile=f"a/{shown.lstrip('/')}",
                tofile=f"b/{shown.lstrip('/')}",
            )
        )
    return res


def fix_file(
    report: FileReport, *, write: bool = True, before_write: object = None, path: str | None = None
) -> FixResult:
    """Re-read the file, plan the fixes, and (if `write`) replace it atomically.

    Refuses when the file's bytes or mtime change between our read and the rename: an editor
    saving at that moment must not lose its content. `before_write` is a test hook (a callable).
    `path` is the file's name on disk when `report.path` is only its display form.
    """
    path = Path(path or report.path)
    try:
        st = path.stat()
        data = path.read_bytes()
    except OSError as exc:
        return FixResult(path=report.path, refused=f"không đọc lại được tệp: {exc.strerror or exc}")
    res = plan_fixes(report, data)
    if not write or res.new_text is None or res.refused:
        return res
    encoding = read_bytes(data, report.path, report.format).encoding
    try:
        new_bytes = res.new_text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        res.refused = f"không ghi lại được bằng bảng mã {encoding}"
        return res
    if callable(before_write):
        before_write()
    try:
        st2 = path.stat()
        same = st2.st_mtime_ns == st.st_mtime_ns and st2.st_size == st.st_size and path.read_bytes() == data
    except OSError:
        same = False
    if not same:
        res.refused = "tệp vừa bị sửa bởi chương trình khác; không ghi đè"
        res.applied = []
        return res
    write_atomic(path, new_bytes)
    return res
