"""Inputs that make a careless regex quadratic, and the time each stage takes on them.

Shared by `tests/test_rule_scaling.py` (time must grow linearly with the input) and `make bench`
(prints the slowest rule on these inputs and the memory per input byte).
"""

from __future__ import annotations

import time

# Runs of one shape, the alphabets that broke rules before: multiplication and division signs,
# combining marks, Markdown stars, long digit runs, one very long line, blanks, dots, spaced percents.
PATHOLOGICAL: dict[str, str] = {
    "nhân ×": "5×",
    "chia ÷": "6÷",
    "dấu rời": "a\u0301\u0300",
    "sao **": "**a",
    "chữ số": "1234567890",
    "dòng dài": "chữ và số 12,5% ",
    "khoảng trắng": " \t",
    "chấm": "...",
    "gạch": "- ",
    "phần trăm": "5 %",
    "ngoặc": "(",
    "gạch chéo": "1/",
    "chỉ số trên": "¹",
    "hoa cách": "UBMT TQVN ",
}
_HEAD = "BÁO CÁO\nKết quả công tác năm 2023\n"


def pathological_text(unit: str, size: int) -> bytes:
    """About `size` characters of `unit` repeated on one line, under a minimal report head."""
    return (_HEAD + unit * max(1, size // len(unit)) + "\n").encode()


def stage_times(data: bytes) -> dict[str, float]:
    """CPU seconds taken by reading, the document model and each rule on `data` (a .txt); CPU time,
    not wall time, so that a busy machine pausing the process does not count."""
    from checker.context import Context, Options
    from checker.document import build_document
    from checker.engine import select_rules
    from checker.ingest import read_bytes

    times: dict[str, float] = {}
    t = time.process_time()
    src = read_bytes(data, "pathological.txt")
    times["đọc tệp"] = time.process_time() - t
    t = time.process_time()
    doc = build_document(src)
    times["mô hình văn bản"] = time.process_time() - t
    ctx = Context(src=src, doc=doc, options=Options())
    for r in select_rules([], []):
        t = time.process_time()
        for _ in r.check(ctx):
            pass
        times[r.code] = time.process_time() - t
    return times
