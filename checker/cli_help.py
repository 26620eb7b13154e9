"""The command line's own words in Vietnamese (the default) or English (`--lang en`): every option's
help, the file types and exit codes under `check --help`, and argparse's fixed phrases ("usage:",
"options", its error lines), which argparse takes from gettext and would otherwise print in English."""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Callable, Iterator, Sequence

Translate = Callable[[str, str], str]

# argparse's phrases, looked up through its module-level `_` at the moment they are printed
_ARGPARSE_VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "in trợ giúp này rồi thoát",
    "show program's version number and exit": "in phiên bản rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "giá trị không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ (cần %(type)s): %(value)r",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn mơ hồ: %(option)s có thể là %(matches)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "lệnh không có: %(parser_name)r (có: %(choices)s)",
}

EXIT_AND_FORMATS = {
    "vi": """\
Loại tệp đọc được: .txt .md .docx .pdf (kể cả bản quét, qua OCR) .doc .odt .rtf (qua LibreOffice)
.xlsx .xls .ods (bảng tự chấm điểm) .zip (hồ sơ nhiều tệp). Thư mục được tìm đệ quy; tệp không đọc
được được liệt kê kèm lý do.

Mã thoát: 0 không có phát hiện nào từ mức --fail-on trở lên; 1 có phát hiện từ mức đó trở lên;
2 lỗi cách dùng, hoặc có tệp không đọc được (các tệp khác vẫn được kiểm tra).""",
    "en": """\
File types read: .txt .md .docx .pdf (scans too, through OCR) .doc .odt .rtf (through LibreOffice)
.xlsx .xls .ods (self-scoring sheets) .zip (bundles). Folders are searched recursively; a file that
cannot be read is listed with its reason.

Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage error, or an
input that could not be read (the other inputs are still checked).""",
}


def help_lang(argv: Sequence[str]) -> str:
    """The language of the command line's own words: `--lang en` (anywhere in argv), else
    $BAOCAO_LINT_LANG, else Vietnamese."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "vi"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "vi"
    return "en" if os.environ.get("BAOCAO_LINT_LANG") == "en" else "vi"


def translator(lang: str) -> Translate:
    """`t(vi, en)` gives the text in `lang`."""
    if lang == "en":
        return lambda vi, en: en
    return lambda vi, en: vi


@contextlib.contextmanager
def argparse_language(lang: str) -> Iterator[None]:
    """argparse's fixed phrases in `lang` while the parser is built and parses (it reads them
    through its module-level `_`, both when groups are made and when help or errors are printed);
    restored afterwards, so a program that imports the checker keeps its own argparse."""
    saved = argparse._  # type: ignore[attr-defined]
    if lang != "en":
        argparse._ = lambda s: _ARGPARSE_VI.get(s, s)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = saved  # type: ignore[attr-defined]


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the epilog's lines (file types, exit codes) as written; wider option column."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32, width=min(110, max(60, _columns())))


def _columns() -> int:
    try:
        return int(os.environ.get("COLUMNS", "100"))
    except ValueError:
        return 100
