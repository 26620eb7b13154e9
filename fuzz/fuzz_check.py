"""Coverage-guided fuzz target (atheris) over ingest + grammar + rules: `make fuzz`.

Each input picks a format (.txt .md .docx .pdf) from its first byte and is checked as bytes. A crash
is an exception escaping `check()`, an internal rule error, or a finding outside the file; atheris
writes the input to `crash-*`, which then becomes a test in tests/test_fuzz.py or tests/test_hostile.py.
The seed corpus is built at start from samples/ (text, .docx, a legacy TCVN3 copy) in a temp folder.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["checker"]):
    import checker.checks.arithmetic  # noqa: F401 - the rule modules, so coverage reaches the rules
    import checker.checks.citation  # noqa: F401
    import checker.checks.date  # noqa: F401
    import checker.checks.score  # noqa: F401
    import checker.checks.structure  # noqa: F401
    import checker.checks.style  # noqa: F401
    import checker.document  # noqa: F401
    import checker.entities  # noqa: F401
    from checker import check
    from checker.ingest.legacy import TCVN3, available, to_legacy
    from checker.ingest.text import decode_text

NAMES = ("x.txt", "x.md", "x.docx", "x.pdf")
ROOT = Path(__file__).resolve().parents[1]


def _lines(data: bytes) -> list[str]:
    try:
        return decode_text(data)[0].split("\n")
    except ValueError:
        return data.decode("latin-1").split("\n")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    payload = data[1:]
    report = check(payload, name=name)
    if report.error and report.error.startswith("lỗi nội bộ"):
        raise RuntimeError(report.error)
    if report.error is None and name in ("x.txt", "x.md"):
        lines = _lines(payload)
        for f in report.findings:
            if not (1 <= f.line <= len(lines) and 1 <= f.column <= len(lines[f.line - 1]) + 1):
                raise AssertionError(f"{f.rule} at {f.line}:{f.column} outside the file")


def _seed_corpus() -> str:
    folder = Path(tempfile.mkdtemp(prefix="baocao-fuzz-"))
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.md"))]
    sys.path.insert(0, str(ROOT / "tests"))
    from ingest_helpers import make_docx  # the same builder the tests use

    for k, text in enumerate(texts or ["BÁO CÁO\n\nBan đã đã tổ chức hội nghị ngày 31/02/2023.\n"]):
        (folder / f"txt-{k}").write_bytes(b"\x00" + text.encode())
        (folder / f"docx-{k}").write_bytes(b"\x02" + make_docx(text[:3000]))
        if available():
            (folder / f"tcvn3-{k}").write_bytes(b"\x00" + to_legacy(text, TCVN3).encode("latin-1", "replace"))
    return str(folder)


def main() -> None:
    args = list(sys.argv)
    if not any(not a.startswith("-") for a in args[1:]):
        args.append(_seed_corpus())  # libFuzzer: the corpus folder is a positional argument
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
