"""Read an input (path or bytes) into a `SourceText`, or fail with one clear line.

Reading never writes: files are opened read-only and nothing here touches them afterwards.

A reader that starts an external program (LibreOffice, Tesseract, pdftoppm) runs it through
`checker.limits.run_limited(cmd, timeout=...)`: its own process group, killed whole when time is up
(`SubprocessTimeout`, a one-line reason to turn into an `IngestError`).
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from checker.ingest import legacy
from checker.ingest.text import decode_damaged_utf8, decode_text
from checker.limits import DEFAULT_MAX_BYTES
from checker.source import SourceText, line_starts, lookalike_count, normalise_nfc

SUPPORTED_SUFFIXES = (
    ".txt", ".md", ".docx", ".pdf", ".doc", ".odt", ".rtf", ".xlsx", ".xls", ".ods", ".zip",
)
# read by converting them to .docx with LibreOffice (checker/ingest/office.py)
OFFICE_SUFFIXES = (".doc", ".odt", ".rtf")
# spreadsheets (checker/ingest/sheet.py): score sheets and annexes
SHEET_SUFFIXES = (".xlsx", ".xls", ".ods")


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
    if suffix in OFFICE_SUFFIXES or suffix in SHEET_SUFFIXES or suffix == ".zip":
        return suffix[1:]
    if suffix in ("", ".txt") and data[:5] == b"{\\rtf":
        return "rtf"
    if suffix in ("", ".txt") and data[:4] == b"PK\x03\x04":
        return "docx"
    if suffix in ("", ".txt") and data[:5] == b"%PDF-":
        return "pdf"
    return "txt"


def blank(text: str | bytes) -> bool:
    """`not text.strip()`, without the copy of the whole text `strip` makes of a text that is not blank:
    `isspace` tests the same blanks (Unicode's for a str, ASCII's for bytes) and stops at the first other
    character."""
    return not text or text.isspace()


def read_bytes(data: bytes, name: str = "<bytes>", fmt: str | None = None) -> SourceText:
    """Turn raw bytes into normalised text with a map back to the original."""
    fmt = fmt or sniff_format(name, data)
    if fmt == "zip":
        # a bundle is many files: `collect` lists its members and each is read on its own
        raise IngestError("tệp .zip gồm nhiều tệp: hãy đưa tệp .zip vào lệnh check, mỗi tệp bên trong được kiểm tra riêng")
    if fmt in ("xlsx", "xls", "ods"):
        return _read_sheet(data, name, fmt)
    if fmt == "doc" and data.startswith(b"\xd0\xcf\x11\xe0") and _is_workbook(data):
        return _read_sheet(data, name, "xls")  # an Excel file saved under a .doc name
    if fmt in ("doc", "odt", "rtf") or (fmt == "docx" and data.startswith(b"\xd0\xcf\x11\xe0") and _ole_has(data, "WordDocument")):
        # a Word 97-2003 file saved under a .docx name is converted; an encrypted .docx (also OLE, with
        # an EncryptedPackage stream) gets the .docx reader's password message without a conversion
        return _read_office(data, name, fmt)
    if fmt in ("docx", "pdf"):
        try:
            # imported here: a batch of .txt files (and the cold start of the command) need neither
            if fmt == "docx":
                from checker.ingest.docx import read_docx

                src = read_docx(data, name)
            else:
                src = _read_pdf(data, name)
        except ValueError as exc:
            raise IngestError(str(exc)) from exc
        except (RecursionError, LookupError, TypeError, OSError, ArithmeticError) as exc:
            # a parser library tripping over a damaged file must not stop the batch (MemoryError goes
            # up to check(), whose message names the worker's memory limit)
            raise IngestError(f"tệp .{fmt} hỏng, không đọc được ({type(exc).__name__})") from exc
        if not src.text.strip():
            raise IngestError(f"tệp .{fmt} không có chữ nào để kiểm tra")
        if src.original is None:
            src.original = data  # the format (TH) rules read the page and the fonts from it
        return src
    if blank(data):
        raise IngestError("tệp rỗng, không có nội dung để kiểm tra (empty file)")
    bad_bytes: list[tuple[int, int]] = []
    try:
        original, encoding = decode_text(data)
    except ValueError as exc:
        damaged = None if b"\x00" in data[:4096] else decode_damaged_utf8(data.removeprefix(codecs.BOM_UTF8))
        if damaged is not None:
            # UTF-8 with a few bad bytes: read as UTF-8 (one note names them), never as a legacy encoding
            (original, bad_bytes), encoding = damaged, "utf-8"
        else:
            # A TCVN3 or VNI file saved by an old editor is single-byte, not UTF-8: its bytes read as
            # Latin-1 are exactly the characters the legacy tables start from.
            original = data.decode("latin-1")
            if b"\x00" in data[:4096] or legacy.detect(original) is None:
                raise IngestError(str(exc)) from exc
            encoding = "latin-1"
    converted, conv_index = original, None
    found = None if bad_bytes else legacy.detect(original)
    if found is not None:
        converted, conv_index = legacy.convert(original, found)
        # the encoding a reader must know about is the legacy one, whatever byte container held it
        encoding = found
    text, index, nfc = normalise_nfc(converted, markdown=True)
    if conv_index is not None:
        # normalised offset → converted offset → original offset: findings point at the file's column
        index = index.compose(conv_index)
    if blank(text):
        raise IngestError("tệp không có chữ nào sau khi chuẩn hoá (no text)")
    orig_starts = line_starts(original)
    return SourceText(
        text=text,
        path=name,
        format=fmt,
        encoding=encoding,
        orig_index=index,
        orig_line_starts=orig_starts,
        _line_starts=orig_starts if text is original else array("I"),  # one array when nothing changed
        orig_len=len(original),
        legacy=found,
        lookalikes=lookalike_count(converted),
        bad_bytes=bad_bytes,
        nfc=nfc,
    )


# A PDF may arrive with bytes before its header (a mail gateway's or scanner's prefix); readers accept
# the header within the first kilobyte, as Acrobat does, and offsets in the file count from it.
PDF_HEADER_WINDOW = 1024


def damaged_text_layer(text: str) -> bool:
    """A text layer from a poor OCR pass: Vietnamese whose diacritics were mostly lost (`UY BAN NHAN DAN`,
    `thirc hin`). Measured on ../shared/files: 34% of words carry a Vietnamese letter in the damaged
    layer, 74-91% in the 8 PDFs with a real text layer; English has none, so it is not taken for damage."""
    # counted match by match: a list of the words of a long PDF (a string each) held ~10 bytes a letter,
    # the peak of reading it (issue 15); compiled here, from re's cache, not when the module is imported
    words = marked = 0
    for word in re.compile(r"[^\W\d_]{2,}").finditer(text, 0, 200_000):
        words += 1
        marked += not word.group().isascii()
    if words < 150:
        return False
    return 0.1 < marked / words < 0.5


def _read_pdf(data: bytes, name: str) -> SourceText:
    """A PDF by its text layer; a scan (no text layer, or a damaged OCR layer) by OCR; signatures read."""
    from checker.ingest.pdf import NoTextLayer, read_pdf

    header = data.find(b"%PDF", 0, PDF_HEADER_WINDOW)
    if header > 0:
        data = data[header:]
    try:
        src = read_pdf(data, name)
        scanned = damaged_text_layer(src.text)
    except NoTextLayer:
        scanned = True
    if scanned:
        from checker.ingest.ocr import read_ocr

        src = read_ocr(data, name)
    from checker.ingest.signature import read_signatures

    src.signatures = read_signatures(data)
    return src


def _ole_has(data: bytes, stream: str) -> bool:
    """Whether an OLE compound file names this stream in its directory (names are UTF-16)."""
    return stream.encode("utf-16-le") in data


def _is_workbook(data: bytes) -> bool:
    """An OLE file holding an Excel workbook stream rather than a Word document."""
    return _ole_has(data, "Workbook") and not _ole_has(data, "WordDocument")


def _read_sheet(data: bytes, name: str, fmt: str) -> SourceText:
    from checker.ingest.sheet import read_sheet

    if not data.strip():
        raise IngestError(f"bảng tính .{fmt} rỗng, không có nội dung để kiểm tra")
    try:
        return read_sheet(data, name, fmt)
    except ValueError as exc:
        raise IngestError(str(exc)) from exc
    except (MemoryError, RecursionError, LookupError, TypeError, OSError, ArithmeticError) as exc:
        raise IngestError(f"bảng tính .{fmt} hỏng, không đọc được ({type(exc).__name__})") from exc


def _read_office(data: bytes, name: str, fmt: str) -> SourceText:
    """A .doc/.odt/.rtf (or a .doc saved under a .docx name) through LibreOffice into the .docx reader."""
    from checker.ingest import office
    from checker.ingest.docx import read_docx

    if not data.strip():
        raise IngestError(f"tệp .{fmt} rỗng, không có nội dung để kiểm tra")
    real = office.looks_like(data)
    try:
        docx_bytes = data if real == "docx" else office.to_docx(data, real if real in office.OFFICE_FORMATS else fmt)
        src = read_docx(docx_bytes, name)
    except ValueError as exc:
        raise IngestError(str(exc)) from exc
    except (RecursionError, LookupError, TypeError, OSError, ArithmeticError) as exc:
        raise IngestError(f"tệp .{fmt} hỏng, không đọc được ({type(exc).__name__})") from exc
    if not src.text.strip():
        raise IngestError(f"tệp .{fmt} không có chữ nào để kiểm tra")
    src.format = fmt
    return src


def _stat_error(exc: OSError) -> str:
    """One line for why a path cannot even be looked at (the rest of the batch still runs)."""
    reasons = {
        errno.ENOENT: "không tìm thấy tệp (file not found)",
        errno.EACCES: "không có quyền đọc tệp (permission denied)",
        errno.EPERM: "không có quyền đọc tệp (permission denied)",
        errno.ELOOP: "liên kết tượng trưng lặp vòng, không trỏ tới tệp nào (symlink loop)",
        errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài (name too long)",
        errno.ENOTDIR: "một phần của đường dẫn không phải thư mục (not a directory)",
    }
    return reasons.get(exc.errno or 0, f"không đọc được tệp: {exc.strerror or exc}")


def _not_a_file(path: str | os.PathLike[str], mode: int) -> str | None:
    """Why a path that exists is not a report file, or None for a regular file.

    A FIFO is never opened (open() would wait for a writer forever), nor a device or a socket."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        try:
            with os.scandir(path):
                pass
        except PermissionError:
            return "thư mục không có quyền đọc, không liệt kê được (permission denied)"
        except OSError:
            pass
        return "là thư mục, không phải tệp (is a directory)"
    if stat.S_ISFIFO(mode):
        return "là ống dẫn FIFO, không phải tệp thường: không đọc (named pipe)"
    if stat.S_ISSOCK(mode):
        return "là socket, không phải tệp thường: không đọc (socket)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "là thiết bị, không phải tệp thường: không đọc (device)"
    return "không phải tệp thường (not a regular file)"


def read_path(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    member = None
    if not os.path.lexists(path):  # a member of a .zip (the reader, with zipfile, loaded only for one)
        from checker.ingest import bundle

        member = bundle.split(str(path))
    if member is not None:
        return _read_member(member[0], member[1], str(path), max_bytes)
    if Path(path).suffix.lower() == ".zip" and os.path.isfile(path):
        raise IngestError("tệp .zip được kiểm tra theo từng tệp bên trong; hãy đưa thư mục hoặc tệp .zip vào lệnh check")
    try:
        st = os.stat(path)
    except ValueError as exc:  # os.stat refuses a NUL in the name before asking the system
        raise IngestError("tên tệp chứa ký tự NUL, không phải tên tệp hợp lệ (embedded NUL)") from exc
    except OSError as exc:
        raise IngestError(_stat_error(exc)) from exc
    why = _not_a_file(path, st.st_mode)
    if why:
        raise IngestError(why)
    size = st.st_size
    if size > max_bytes:
        raise IngestError(
            f"tệp quá lớn: {size // 1024} KB > giới hạn {max_bytes // 1024} KB (dùng --max-size để đổi)"
        )
    data = _read_stable(Path(path), max_bytes)
    if len(data) > max_bytes:  # it grew past the limit after the size was looked at
        raise IngestError(
            f"tệp quá lớn: hơn {max_bytes // 1024} KB (dùng --max-size để đổi)"
        )
    return read_bytes(data, str(path))


def _read_member(archive: str, member: str, label: str, max_bytes: int) -> SourceText:
    """One member of a .zip bundle, named `bundle.zip › member` in everything it gives."""
    from checker.ingest import bundle

    data = _read_archive(archive, max_bytes)
    try:
        inner = bundle.read_member(data, Path(archive).name, member)
    except ValueError as exc:
        raise IngestError(str(exc)) from exc
    reason = unsupported_reason(member)
    if reason is not None:
        raise IngestError(reason)
    return read_bytes(inner, label, sniff_format(member, inner))


def _read_archive(archive: str, max_bytes: int) -> bytes:
    p = Path(archive)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise IngestError(f"không mở được tệp nén {p.name}") from exc
    if size > max(max_bytes, 4 * DEFAULT_MAX_BYTES):
        raise IngestError(f"tệp nén quá lớn: {size // 1024} KB")
    return _read_stable(p, max(max_bytes, 4 * DEFAULT_MAX_BYTES))


def _read_stable(p: Path, max_bytes: int, attempts: int = 3) -> bytes:
    """Read the whole file, and make sure it did not change meanwhile (an editor saving it, a sync).

    A torn read would give findings on a text that never existed: the size and modification time
    before and after must agree, else it is read again, and after a few tries the file is refused.
    Opened without blocking and checked again once open: a file swapped for a FIFO after it was
    looked at must not hang the batch.
    """
    for _ in range(attempts):
        try:
            fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
            with open(fd, "rb", closefd=True) as handle:
                before = os.fstat(fd)
                why = _not_a_file(p, before.st_mode)
                if why:
                    raise IngestError(why)
                os.set_blocking(fd, True)
                # one byte past what the file holds (or the limit) tells a file that grew: read(n)
                # first allocates n bytes, 20 MB for the limit, ~0.15 ms a file
                data = handle.read(min(max_bytes, before.st_size) + 1)
                after = os.fstat(fd)
        except OSError as exc:
            raise IngestError(_stat_error(exc)) from exc
        stable = (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns)
        if stable and (len(data) == after.st_size or len(data) > max_bytes):
            return data
    raise IngestError("tệp đang bị thay đổi trong khi đọc; hãy lưu xong rồi kiểm tra lại")


# What baocao-lint itself writes (JSON/SARIF/HTML reports, baselines, its config): never a report to
# check, so a folder holding last week's results does not list them as unsupported files.
_OWN_OUTPUT_SUFFIXES = (".json", ".sarif", ".html", ".htm", ".toml")
_OWN_OUTPUT_MARK = b"baocao-lint"


@dataclass
class Collection:
    """The files a batch will look at, in order, and what it leaves out.

    `paths` holds every input file (checked, or refused with the reason in `refused`); hidden files and
    the tool's own outputs are only counted in `left_out`, so the summary can say how many.
    """

    paths: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=lambda: {"hidden": 0, "tool_output": 0})
    # report → the score sheets sent with it (same folder, or the same .zip), for DG020
    companions: dict[str, list[str]] = field(default_factory=dict)

    def add(self, path: str, reason: str | None = None) -> None:
        """A file (or a .zip, expanded into its members `bundle.zip › member`)."""
        if path.lower().endswith(".zip") and reason is None and Path(path).is_file():
            self._add_bundle(path)
            return
        self.paths.append(path)
        if reason is not None:
            self.refused[path] = reason

    def _add_bundle(self, path: str) -> None:
        from checker.ingest import bundle

        try:
            data = _read_archive(path, DEFAULT_MAX_BYTES)
            found = bundle.members(data, Path(path).name)
        except (IngestError, ValueError) as exc:
            self.paths.append(path)
            self.refused[path] = str(exc)
            return
        if not found:
            self.paths.append(path)
            self.refused[path] = "tệp .zip không chứa tệp nào để kiểm tra"
            return
        for member, why in found:
            self.add(f"{path}{bundle.MEMBER_SEPARATOR}{member}", why)

    def pair_companions(self) -> None:
        """Each report with the score sheets beside it (same folder or same .zip)."""
        if not any(Path(p).suffix.lower() in SHEET_SUFFIXES for p in self.paths):
            return  # no sheet, nothing to pair (and the .zip reader, with zipfile, stays unloaded)
        from checker.ingest import bundle

        def home(path: str) -> str:
            parts = bundle.split(path)
            return parts[0] if parts else str(Path(path).parent)

        groups: dict[str, list[str]] = {}
        for path in self.paths:
            if path not in self.refused:
                groups.setdefault(home(path), []).append(path)
        for members in groups.values():
            sheets = [p for p in members if Path(p).suffix.lower() in SHEET_SUFFIXES]
            if not sheets:
                continue
            for p in members:
                if p not in sheets:
                    self.companions[p] = sheets


def unsupported_reason(path: str | os.PathLike[str]) -> str | None:
    """Why a file found under a folder is not checked, or None when its type is read."""
    suffix = Path(path).suffix.lower()
    if suffix in SUPPORTED_SUFFIXES:
        return None
    shown = suffix or "(không có đuôi)"
    return (
        f"loại tệp {shown} không được hỗ trợ, chưa kiểm tra (đọc được: {' '.join(SUPPORTED_SUFFIXES)})"
    )


def is_own_output(path: Path) -> bool:
    """A report, baseline or config written by baocao-lint (it names itself in its first bytes)."""
    if path.suffix.lower() not in _OWN_OUTPUT_SUFFIXES:
        return False
    if path.name in ("baocao-lint.toml", "pyproject.toml"):
        return True
    try:
        # never blocks: a FIFO named out.json is not opened (it would wait for a writer forever)
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with open(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return False
            head = handle.read(4096)
    except OSError:
        return False
    return _OWN_OUTPUT_MARK in head


def collect(inputs: list[str]) -> Collection:
    """Expand folders (recursively, sorted); keep files named on the command line as given.

    Under a folder every file is either kept for checking or refused with a one-line reason (an
    unsupported type, a sub-folder that cannot be opened): nothing is dropped in silence. Hidden
    entries and baocao-lint's own outputs are left out and counted.
    """
    out = Collection()
    for item in inputs:
        p = Path(item)
        # os.path.isdir, not Path.is_dir: it answers False for a name too long, a loop or a NUL
        # instead of raising, and the check of that path then says what is wrong with it
        if not os.path.isdir(item):
            out.add(item)
            continue
        found: list[tuple[Path, str | None]] = []

        def unreadable(exc: OSError, found: list[tuple[Path, str | None]] = found, top: Path = p) -> None:
            # os.walk drops a folder it cannot list unless told: list it as not checked
            where = Path(exc.filename) if exc.filename else top
            found.append((where, "không mở được thư mục (không có quyền đọc hoặc đã bị xóa), các tệp trong đó chưa kiểm tra"))

        for root, dirs, files in os.walk(p, onerror=unreadable):
            hidden_dirs = [d for d in dirs if d.startswith(".")]
            out.left_out["hidden"] += len(hidden_dirs)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in files:
                path = Path(root) / f
                if f.startswith("."):
                    out.left_out["hidden"] += 1
                elif is_own_output(path):
                    out.left_out["tool_output"] += 1
                else:
                    found.append((path, unsupported_reason(path)))
        for path, reason in sorted(found, key=lambda pair: pair[0]):
            out.add(str(path), reason)
    out.pair_companions()
    return out


def left_out_note(left_out: dict[str, int], lang: str = "vi") -> str | None:
    """One line saying what was left out of a folder on purpose, or None when nothing was."""
    hidden, own = left_out.get("hidden", 0), left_out.get("tool_output", 0)
    if not hidden and not own:
        return None
    if lang == "en":
        parts = [f"{hidden} hidden file(s)/folder(s)"] if hidden else []
        parts += [f"{own} baocao-lint output(s)"] if own else []
        return f"Left out: {' and '.join(parts)}."
    parts = [f"{hidden} tệp/thư mục ẩn"] if hidden else []
    parts += [f"{own} tệp kết quả của baocao-lint"] if own else []
    return f"Bỏ qua (không kiểm tra): {' và '.join(parts)}."


def collect_paths(inputs: list[str]) -> list[str]:
    """The files of `collect(inputs)` whose type is read (folders expanded, hidden entries skipped)."""
    found = collect(inputs)
    return [p for p in found.paths if p not in found.refused]
