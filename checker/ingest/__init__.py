"""Read an input (path or bytes) into a `SourceText`, or fail with one clear line.

Reading never writes: files are opened read-only and nothing here touches them afterwards.

A reader that starts an external program (LibreOffice, Tesseract, pdftoppm) runs it through
`checker.limits.run_limited(cmd, timeout=...)`: its own process group, killed whole when time is up
(`SubprocessTimeout`, a one-line reason to turn into an `IngestError`).
"""

from __future__ import annotations

import os
from pathlib import Path

from checker.ingest import legacy
from checker.ingest.text import decode_text
from checker.source import SourceText, line_starts, normalise

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class IngestError(Exception):
    """A file that cannot be read; str() is the one-line reason shown to the user."""


def sniff_format(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        return "docx"
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".md":
        return "md"
    if suffix in ("", ".txt") and data[:4] == b"PK\x03\x04":
        return "docx"
    if suffix in ("", ".txt") and data[:5] == b"%PDF-":
        return "pdf"
    return "txt"


def read_bytes(data: bytes, name: str = "<bytes>", fmt: str | None = None) -> SourceText:
    """Turn raw bytes into normalised text with a map back to the original."""
    fmt = fmt or sniff_format(name, data)
    if fmt in ("docx", "pdf"):
        try:
            # imported here: a batch of .txt files (and the cold start of the command) need neither
            if fmt == "docx":
                from checker.ingest.docx import read_docx

                src = read_docx(data, name)
            else:
                from checker.ingest.pdf import read_pdf

                src = read_pdf(data, name)
        except ValueError as exc:
            raise IngestError(str(exc)) from exc
        except (MemoryError, RecursionError, LookupError, TypeError, OSError, ArithmeticError) as exc:
            # a parser library tripping over a damaged file must not stop the batch
            raise IngestError(f"tệp .{fmt} hỏng, không đọc được ({type(exc).__name__})") from exc
        if not src.text.strip():
            raise IngestError(f"tệp .{fmt} không có chữ nào để kiểm tra")
        return src
    if not data.strip():
        raise IngestError("tệp rỗng, không có nội dung để kiểm tra (empty file)")
    try:
        original, encoding = decode_text(data)
    except ValueError as exc:
        # A TCVN3 or VNI file saved by an old editor is single-byte, not UTF-8: its bytes read as
        # Latin-1 are exactly the characters the legacy tables start from.
        original = data.decode("latin-1")
        if b"\x00" in data[:4096] or legacy.detect(original) is None:
            raise IngestError(str(exc)) from exc
        encoding = "latin-1"
    converted, conv_index = original, None
    found = legacy.detect(original)
    if found is not None:
        converted, conv_index = legacy.convert(original, found)
        # the encoding a reader must know about is the legacy one, whatever byte container held it
        encoding = found
    text, index = normalise(converted, markdown=True)
    if conv_index is not None:
        # normalised offset → converted offset → original offset: findings point at the file's column
        index = [conv_index[i] for i in index]
    if not text.strip():
        raise IngestError("tệp không có chữ nào sau khi chuẩn hoá (no text)")
    return SourceText(
        text=text,
        path=name,
        format=fmt,
        encoding=encoding,
        orig_index=index,
        orig_line_starts=line_starts(original),
        orig_len=len(original),
        legacy=found,
    )


def read_path(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError as exc:
        raise IngestError("không tìm thấy tệp (file not found)") from exc
    except PermissionError as exc:
        raise IngestError("không có quyền đọc tệp (permission denied)") from exc
    if p.is_dir():
        raise IngestError("là thư mục, không phải tệp (is a directory)")
    if size > max_bytes:
        raise IngestError(
            f"tệp quá lớn: {size // 1024} KB > giới hạn {max_bytes // 1024} KB (dùng --max-size để đổi)"
        )
    data = _read_stable(p, max_bytes)
    if len(data) > max_bytes:  # it grew past the limit after the size was looked at
        raise IngestError(
            f"tệp quá lớn: hơn {max_bytes // 1024} KB (dùng --max-size để đổi)"
        )
    return read_bytes(data, str(path))


def _read_stable(p: Path, max_bytes: int, attempts: int = 3) -> bytes:
    """Read the whole file, and make sure it did not change meanwhile (an editor saving it, a sync).

    A torn read would give findings on a text that never existed: the size and modification time
    before and after must agree, else it is read again, and after a few tries the file is refused.
    """
    for _ in range(attempts):
        try:
            with open(p, "rb") as handle:
                before = os.fstat(handle.fileno())
                data = handle.read(max_bytes + 1)
                after = os.fstat(handle.fileno())
        except PermissionError as exc:
            raise IngestError("không có quyền đọc tệp (permission denied)") from exc
        except OSError as exc:
            raise IngestError(f"không đọc được tệp: {exc.strerror or exc}") from exc
        stable = (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns)
        if stable and (len(data) == after.st_size or len(data) > max_bytes):
            return data
    raise IngestError("tệp đang bị thay đổi trong khi đọc; hãy lưu xong rồi kiểm tra lại")


def collect_paths(inputs: list[str]) -> list[str]:
    """Expand folders (recursively, sorted, hidden entries skipped); keep files as given."""
    out: list[str] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in files:
                    if f.startswith("."):
                        continue
                    if Path(f).suffix.lower() in SUPPORTED_SUFFIXES:
                        found.append(Path(root) / f)
            out.extend(str(f) for f in sorted(found))
        else:
            out.append(item)
    return out
