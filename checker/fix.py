"""`--fix` and `--diff`: apply the mechanical fixes rules offer, to .txt/.md files only.

A finding's `fix` replaces [offset, end_offset) of the *normalised* text. The file on disk is the
original, so each fix is mapped back through the finding's line/column (original coordinates) and
applied only when the original slice there equals the normalised slice: where normalisation changed
the characters (NFD, Markdown markup, NBSP, dashes) we would not know what to write, so we skip.
`.docx` is never rewritten: a text edit cannot keep Word's formatting safe.
"""

from __future__ import annotations

import os
import stat
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
            st = path.stat()
            if (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                # a fixed file keeps its owner and group; chown before chmod, which it would reset
                os.chown(tmp, st.st_uid, st.st_gid)
            os.chmod(tmp, st.st_mode & 0o7777)  # and its permissions
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
    """What `fix` did to one file: the findings applied, those skipped, or why it left the file alone."""
    path: str
    applied: list[Finding] = field(default_factory=list)
    skipped: list[Finding] = field(default_factory=list)
    refused: str | None = None  # why the file was left alone
    refused_en: str | None = None  # the same in English (--lang en)
    diff: str = ""
    new_text: str | None = None

    def refuse(self, vi: str, en: str) -> FixResult:
        """Leave the file alone, saying why in both languages; nothing counts as applied."""
        self.refused, self.refused_en, self.applied = vi, en, []
        return self


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
        return res.refuse("tệp không đọc được, không sửa", "the file could not be read; not fixed")
    if report.format not in FIXABLE_FORMATS:
        return res.refuse(f"không sửa tự động tệp .{report.format} (chỉ sửa .txt/.md)",
                          f"a .{report.format} file is not fixed automatically (only .txt/.md)")
    fixable = [f for f in report.findings if f.fix is not None]
    if not fixable:
        return res
    # The findings were computed from some earlier read; if the bytes now normalise to another
    # text, the offsets mean nothing any more.
    try:
        src = read_bytes(data, report.path, report.format)
    except IngestError as exc:
        return res.refuse(f"không đọc lại được tệp: {exc}", f"the file could not be read again: {exc}")
    if report.text is None or src.text != report.text:
        return res.refuse("tệp đã thay đổi kể từ lúc kiểm tra; chạy lại baocao-lint",
                          "the file changed since it was checked; run baocao-lint again")
    if src.legacy is not None:
        # the offsets map a converted text back to single-byte legacy codes: writing Unicode fixes into
        # it would mix two encodings in one file
        return res.refuse(f"tệp mã {src.legacy.upper()}, không sửa tự động; hãy chuyển sang Unicode trước",
                          f"a {src.legacy.upper()} file is not fixed automatically; convert it to Unicode first")
    encoding = src.encoding
    original = data.decode(encoding)
    starts = _line_starts(original)
    edits: list[tuple[int, int, str, Finding]] = []
    for f in fixable:
        spans = [(f.offset, f.end_offset, f.line, f.column, f.end_line, f.end_column, f.fix or "")]
        spans += [(s.offset, s.end_offset, s.line, s.column, s.end_line, s.end_column, s.fix) for s in f.also_fix]
        for offset, end_offset, line, column, end_line, end_column, rep in spans:
            a = _orig_offset(starts, line, column)
            b = _orig_offset(starts, end_line, end_column)
            wanted = report.text[offset:end_offset]
            if a is None or b is None or original[a:b] != wanted or rep == wanted:
                if offset == f.offset:
                    res.skipped.append(f)
                continue
            edits.append((a, b, rep, f))
    # Apply from the end so earlier offsets stay valid; drop a fix that overlaps one already taken
    # (the next run picks it up, which is why --fix is idempotent rather than greedy).
    edits.sort(key=lambda e: (e[0], e[1]))
    chosen: list[tuple[int, int, str, Finding]] = []
    last_end = -1
    for e in edits:
        if e[0] < last_end:
            if not any(g is e[3] for g in res.skipped):
                res.skipped.append(e[3])
            continue
        chosen.append(e)
        last_end = e[1]
    pieces: list[str] = []
    at = 0
    for a, b, rep, f in chosen:
        pieces += [original[at:a], rep]
        at = b
        if not any(g is f for g in res.applied):
            res.applied.append(f)
    fixed = "".join(pieces) + original[at:]
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
    report: FileReport,
    *,
    write: bool = True,
    before_write: object = None,
    path: str | None = None,
    hard_links: bool = False,
) -> FixResult:
    """Re-read the file, plan the fixes, and (if `write`) replace it atomically.

    Refuses when the file's bytes or mtime change between our read and the rename: an editor
    saving at that moment must not lose its content. `before_write` is a test hook (a callable).
    `path` is the file's name on disk when `report.path` is only its display form. A symlink is
    followed: the file it names is fixed and the link stays a link. A file with more than one name
    (a hard link) is refused unless `hard_links`, then written in place so every name sees the fix.
    """
    try:
        # the file a symlink names: replacing the link's own path would put a regular file in its place
        path = Path(path or report.path).resolve(strict=True)
        st = path.stat()
        data = path.read_bytes()
    except (OSError, RuntimeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        return FixResult(path=report.path).refuse(f"không đọc lại được tệp: {reason}",
                                                  f"the file could not be read again: {reason}")
    res = plan_fixes(report, data)
    if not write or res.new_text is None or res.refused:
        return res
    refused = _why_not_writable(path, st, hard_links)
    if refused:
        return res.refuse(*refused)
    encoding = read_bytes(data, report.path, report.format).encoding
    try:
        new_bytes = res.new_text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return res.refuse(f"không ghi lại được bằng bảng mã {encoding}", f"cannot be written back in {encoding}")
    if callable(before_write):
        before_write()
    try:
        st2 = path.stat()
        same = st2.st_mtime_ns == st.st_mtime_ns and st2.st_size == st.st_size and path.read_bytes() == data
    except OSError:
        same = False
    if not same:
        return res.refuse("tệp vừa bị sửa bởi chương trình khác; không ghi đè",
                          "another program changed the file meanwhile; not overwritten")
    try:
        if st.st_nlink > 1:
            _write_in_place(path, new_bytes)
        else:
            write_atomic(path, new_bytes)
    except OSError as exc:  # a read-only folder, a full disk, an owner we may not give the new file
        res.refuse(f"không ghi được tệp đã sửa: {exc.strerror or exc}",
                   f"the fixed file could not be written: {exc.strerror or exc}")
    return res


def _why_not_writable(path: Path, st: os.stat_result, hard_links: bool) -> tuple[str, str] | None:
    """Why `--fix` leaves this file alone, or None: a read-only file is the user's 'do not touch' (root
    could write it anyway), and replacing a file with another name would split the names apart."""
    if not stat.S_ISREG(st.st_mode):
        return "không phải tệp thường", "not a regular file"
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
        return "tệp chỉ đọc (read-only)", "the file is read-only"
    if st.st_nlink > 1 and not hard_links:
        return (f"tệp có {st.st_nlink} tên (liên kết cứng); dùng --fix-hard-links để sửa chung cho mọi tên",
                f"the file has {st.st_nlink} names (hard links); --fix-hard-links fixes it for every name")
    return None


def _write_in_place(path: Path, data: bytes) -> None:
    """Rewrite a hard-linked file's content through its inode, so that every name keeps seeing one file
    (a rename would give this name a new file and leave the others with the old text)."""
    with open(path, "r+b") as handle:
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())
