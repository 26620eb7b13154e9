"""A submission packed as .zip (a report with its annexes and score sheet), checked member by member.

A member is named `bundle.zip › bao-cao.docx` everywhere (paths in the reports, findings): the batch
lists the members when it collects paths and each member is read from the archive on its own, so a
bundle goes through the worker pool, the time limits and every output like a folder of files.

The archive gets the limits a .docx gets (a .docx is a zip too): entry count, declared and actually
inflated sizes, the compression ratio of each entry, no encrypted entries, and no member whose path
leaves the archive (`../`, an absolute path, a drive letter): such a member is listed as not checked.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import PurePosixPath

from checker.limits import MAX_XML_PART, MAX_ZIP_ENTRIES, MAX_ZIP_MEMBER, MAX_ZIP_RATIO, MAX_ZIP_TOTAL

MEMBER_SEPARATOR = " › "


def xml_part_too_large(name: str, inflated: int) -> bool:
    """Whether one member, inflated so far to `inflated` bytes, is an XML part past MAX_XML_PART."""
    return inflated > MAX_XML_PART and name.lower().endswith((".xml", ".rels"))


def xml_part_error(label: str, name: str) -> str:
    return f"tệp {label} bất thường: phần {name} giải nén hơn {MAX_XML_PART // (1024 * 1024)} MB"


def check_zip(data: bytes, label: str) -> None:
    """Raise ValueError (a one-line Vietnamese reason) when the archive breaks a limit."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise ValueError(f"tệp {label} bất thường: {len(infos)} mục nén (quá {MAX_ZIP_ENTRIES})")
            if sum(i.file_size for i in infos) > MAX_ZIP_TOTAL:
                raise ValueError(f"tệp {label} giải nén quá lớn (hơn {MAX_ZIP_TOTAL // (1024 * 1024)} MB)")
            if any(i.flag_bits & 0x1 for i in infos):
                raise ValueError(f"tệp {label} có mục nén được mã hoá (mật khẩu); hãy gửi bản không mật khẩu")
            inflated = 0
            for info in infos:
                seen = 0
                with zf.open(info) as entry:
                    while chunk := entry.read(1 << 20):
                        seen += len(chunk)
                        inflated += len(chunk)
                        if inflated > MAX_ZIP_TOTAL:
                            raise ValueError(f"tệp {label} giải nén quá lớn (hơn {MAX_ZIP_TOTAL // (1024 * 1024)} MB)")
                        if xml_part_too_large(info.filename, seen):
                            raise ValueError(xml_part_error(label, info.filename))
                        if seen > 1 << 20 and seen > MAX_ZIP_RATIO * max(1, info.compress_size):
                            raise ValueError(
                                f"tệp {label} bất thường: mục {info.filename} nén hơn {MAX_ZIP_RATIO} lần (nghi là bom nén)"
                            )
    except zipfile.BadZipFile as exc:
        why = "dữ liệu nén bị hỏng (sai mã kiểm tra)" if "CRC" in str(exc) else "cấu trúc tệp nén ZIP bị hỏng hoặc bị cắt cụt"
        raise ValueError(f"tệp {label} hỏng: {why}") from exc
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError, zlib.error) as exc:
        raise ValueError(f"tệp {label} hỏng, không giải nén được ({type(exc).__name__})") from exc


def _escapes(name: str) -> bool:
    """A member path that would land outside the folder it is unpacked into."""
    posix = name.replace("\\", "/")
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":"):
        return True
    return ".." in PurePosixPath(posix).parts


def _decoded(info: zipfile.ZipInfo) -> str:
    """The member's name: zip files from Vietnamese Windows often store it in cp1258/cp437 without the
    UTF-8 flag; Python decodes those as cp437, which a UTF-8 name survives being re-encoded from."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def members(data: bytes, label: str) -> list[tuple[str, str | None]]:
    """(member name, reason it is not checked or None) for every file in the archive, in name order."""
    check_zip(data, label)
    from checker.ingest import unsupported_reason

    out: list[tuple[str, str | None]] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            name = _decoded(info)
            base = PurePosixPath(name.replace("\\", "/")).name
            if base.startswith(".") or name.startswith("__MACOSX/"):
                continue  # Finder's and editors' side files, as hidden files in a folder
            if _escapes(name):
                out.append((name, "đường dẫn trong tệp nén trỏ ra ngoài thư mục (../ hoặc đường dẫn tuyệt đối), không mở"))
            elif base.lower().endswith(".zip"):
                out.append((name, "tệp nén nằm trong tệp nén: hãy giải nén và gửi riêng"))
            elif info.file_size > MAX_ZIP_MEMBER:
                out.append((name, f"tệp quá lớn: {info.file_size // 1024} KB > {MAX_ZIP_MEMBER // 1024} KB"))
            else:
                out.append((name, unsupported_reason(base)))
    return sorted(out)


def read_member(data: bytes, label: str, member: str) -> bytes:
    """The bytes of one member (its name as `members` gives it)."""
    check_zip(data, label)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if _decoded(info) == member and not info.is_dir():
                if _escapes(member) or info.file_size > MAX_ZIP_MEMBER:
                    raise ValueError("thành phần này của tệp nén không được mở")
                return zf.read(info)
    raise ValueError(f"không có {member} trong {label}")


def split(path: str) -> tuple[str, str] | None:
    """`a/bundle.zip › bao-cao.docx` → (`a/bundle.zip`, `bao-cao.docx`); None for a plain path."""
    if MEMBER_SEPARATOR not in path:
        return None
    archive, _, member = path.partition(MEMBER_SEPARATOR)
    if not archive.lower().endswith(".zip"):
        return None
    return archive, member
