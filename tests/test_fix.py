"""`--fix` and `--diff`: fixes land at the right place in the original bytes, a second run changes
nothing, a file changed since it was read is left alone, and .docx is never rewritten."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from report_texts import FIXABLE_REPORT

from checker.api import check
from checker.cli import main
from checker.fix import fix_file, plan_fixes

REPORT = FIXABLE_REPORT

FIXED_LINES = (
    "Ban đã tổ chức hội nghị quán triệt Kết luận số 01-KL/TW ngày 18/5/2021 của Ban Bí thư.",
    "Ban đã ban hành Kế hoạch số 12/KH-BDT ngày 10/01/2023 về công tác dân vận.",
)


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8", newline: str = "\n") -> Path:
    p = tmp_path / name
    p.write_bytes(text.replace("\n", newline).encode(encoding))
    return p


def test_fix_applies_and_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _write(tmp_path, "bc.txt", REPORT)
    assert main(["check", str(p), "--fix", "--jobs", "1", "--fail-on", "never"]) == 0
    once = p.read_text(encoding="utf-8")
    for line in FIXED_LINES:
        assert line in once
    err = capsys.readouterr().err
    assert "đã sửa 3 lỗi" in err
    # fixed findings are gone from the report; the second run has nothing to fix
    main(["check", str(p), "--fix", "--jobs", "1", "--fail-on", "never"])
    assert p.read_text(encoding="utf-8") == once
    assert "đã sửa" not in capsys.readouterr().err
    rep = check(p)
    assert not [f for f in rep.findings if f.fix is not None]


def test_fix_keeps_crlf_and_markdown(tmp_path: Path) -> None:
    # CRLF line ends and Markdown emphasis on another line must come through untouched
    text = REPORT.replace("BÁO CÁO", "**BÁO CÁO**")
    p = _write(tmp_path, "bc.md", text, newline="\r\n")
    main(["check", str(p), "--fix", "--jobs", "1"])
    out = p.read_bytes().decode("utf-8")
    assert "**BÁO CÁO**\r\n" in out
    assert FIXED_LINES[0] + "\r\n" in out and FIXED_LINES[1] + "\r\n" in out
    assert "\n" not in out.replace("\r\n", "")


def test_fix_skips_where_normalisation_changed_the_text(tmp_path: Path) -> None:
    # In NFD text the normalised slice differs from the original bytes: that fix is skipped, the
    # ones on plain ASCII spans still apply.
    nfd = unicodedata.normalize("NFD", REPORT)
    p = _write(tmp_path, "nfd.txt", nfd)
    rep = check(p)
    res = plan_fixes(rep, p.read_bytes())
    assert res.refused is None
    assert any(f.rule == "TT001" for f in res.skipped)  # "đã đã" is decomposed in the file
    assert [f.rule for f in res.applied] == ["TD001"]
    assert "01-KL/TW" in (res.new_text or "")


def test_diff_previews_without_writing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _write(tmp_path, "bc.txt", REPORT)
    before = p.read_bytes()
    assert main(["check", str(p), "--diff", "--jobs", "1"]) == 1  # as ruff: 1 when a fix is pending
    out = capsys.readouterr().out
    assert p.read_bytes() == before
    assert out.startswith("--- a/")
    assert "-Ban đã đã tổ chức" in out and "+" + FIXED_LINES[0] in out
    main(["check", str(p), "--fix", "--jobs", "1"])
    capsys.readouterr()
    assert main(["check", str(p), "--diff", "--jobs", "1"]) == 0
    assert capsys.readouterr().out == ""


def test_refuses_when_file_changed_since_check(tmp_path: Path) -> None:
    p = _write(tmp_path, "bc.txt", REPORT)
    rep = check(p)
    p.write_text(REPORT.replace("Ban Bí thư", "Bộ Chính trị"), encoding="utf-8")
    changed = p.read_bytes()
    res = fix_file(rep)
    assert res.refused and "thay đổi" in res.refused
    assert p.read_bytes() == changed


def test_refuses_when_file_changes_during_fix(tmp_path: Path) -> None:
    p = _write(tmp_path, "bc.txt", REPORT)
    rep = check(p)

    def editor_saves() -> None:  # another program writes between our read and our rename
        p.write_text(REPORT + "Thêm một dòng.\n", encoding="utf-8")

    res = fix_file(rep, before_write=editor_saves)
    assert res.refused and "không ghi đè" in res.refused
    assert p.read_text(encoding="utf-8").endswith("Thêm một dòng.\n")


def test_docx_is_never_rewritten(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for para in REPORT.split("\n\n"):
        d.add_paragraph(para)
    p = tmp_path / "bc.docx"
    d.save(str(p))
    before = p.read_bytes()
    rep = check(p)
    assert any(f.fix for f in rep.findings)
    res = fix_file(rep)
    assert res.refused and ".docx" in res.refused
    main(["check", str(p), "--fix", "--jobs", "1"])
    assert p.read_bytes() == before


def test_fix_keeps_legacy_encoding(tmp_path: Path) -> None:
    p = _write(tmp_path, "bc.txt", REPORT, encoding="utf-16")
    main(["check", str(p), "--fix", "--jobs", "1"])
    raw = p.read_bytes()
    assert raw[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert FIXED_LINES[0] in raw.decode("utf-16")
