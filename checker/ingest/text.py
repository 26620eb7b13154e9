"""Decode the bytes of a .txt/.md report."""

from __future__ import annotations

import codecs
import re

from checker.limits import MAX_BAD_BYTES

# Control characters that never occur in a real report; many of them mean binary data.
_BINARY_CONTROLS = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}


_BINARY_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_BINARY_CONTROLS)) + "]")
# every other byte: what `bytes.translate` deletes to leave only the control bytes (one pass over the
# bytes, where an `in` test for each of the 26 controls was 26 passes)
_NOT_BINARY = bytes(b for b in range(256) if b not in _BINARY_CONTROLS)


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raise ValueError with a one-line reason otherwise.

    Accepted: UTF-8 with or without BOM, UTF-16 with BOM. Anything else (binary data, a legacy
    single-byte code page) is refused rather than guessed, so no finding rests on mojibake.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", "utf-8-sig")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", "utf-16")
    head = data[:4096]
    if head.count(b"\x00") > 0:
        raise ValueError("tệp nhị phân, không phải văn bản (binary data: NUL bytes)")
    text, enc = _strict(data, "utf-8", "utf-8")
    # A control character is its own byte in UTF-8: the bytes rule them out far faster than a class
    # scan of the text (~10 ns a character)
    bad = len(_BINARY_RE.findall(text, 0, 20000)) if has_control_bytes(data) else 0
    if bad > 3:
        raise ValueError("tệp nhị phân, không phải văn bản (binary data: control characters)")
    return text, enc


def has_control_bytes(data: bytes) -> bool:
    """Whether `data` holds one of the control bytes of binary data (`_BINARY_CONTROLS`)."""
    return bool(data.translate(None, _NOT_BINARY))


def _strict(data: bytes, codec: str, label: str) -> tuple[str, str]:
    try:
        return data.decode(codec), label
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"không phải UTF-8/UTF-16 (byte 0x{data[exc.start]:02x} ở vị trí {exc.start}); "
            "hãy lưu lại tệp dạng Unicode UTF-8"
        ) from exc


# A UTF-8 file with a few bad bytes (a stray byte pasted in, a last character cut by a copy) is still a
# UTF-8 file: read as Latin-1 and then as VNI or TCVN3, every finding would rest on mojibake. It is read
# as UTF-8 when the bad bytes are few (MAX_BAD_BYTES, checker/limits.py) and the rest shows UTF-8's own
# multi-byte letters.
UTF8_EVIDENCE_PER_BAD_BYTE = 5  # valid multi-byte characters needed per bad byte
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_damaged_utf8(data: bytes) -> tuple[str, list[tuple[int, int]]] | None:
    """(text with each bad byte as U+FFFD, [(offset, byte) of each bad byte]) for UTF-8 with a few bad
    bytes, or None when the bytes are not that (many bad bytes, or no UTF-8 letters around them)."""
    bad: list[tuple[int, int]] = []
    pos = 0
    truncated_tail = False
    while True:
        try:
            data[pos:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            start, end = pos + exc.start, pos + exc.end
            bad.extend((k, data[k]) for k in range(start, end))
            truncated_tail = end == len(data) and exc.reason == "unexpected end of data"
            if len(bad) > MAX_BAD_BYTES:
                return None
            pos = end
    if not bad:
        return None
    evidence = len(_UTF8_MULTIBYTE.findall(data))
    cut_last_character = truncated_tail and len(bad) <= 3 and bad[0][0] >= len(data) - 3
    if not cut_last_character and evidence < UTF8_EVIDENCE_PER_BAD_BYTE * len(bad):
        return None
    return data.decode("utf-8", errors="replace"), bad
