"""Decode the bytes of a .txt/.md report."""

from __future__ import annotations

import codecs
import re

# Control characters that never occur in a real report; many of them mean binary data.
_BINARY_CONTROLS = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}


_BINARY_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_BINARY_CONTROLS)) + "]")


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
    bad = len(_BINARY_RE.findall(text, 0, 20000))
    if bad > 3:
        raise ValueError("tệp nhị phân, không phải văn bản (binary data: control characters)")
    return text, enc


def _strict(data: bytes, codec: str, label: str) -> tuple[str, str]:
    try:
        return data.decode(codec), label
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"không phải UTF-8/UTF-16 (byte 0x{data[exc.start]:02x} ở vị trí {exc.start}); "
            "hãy lưu lại tệp dạng Unicode UTF-8"
        ) from exc
