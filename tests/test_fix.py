"""`--fix` and `--diff`: fixes land at the right place in the original bytes, a second run changes
nothing, a file changed since it was read is left alone, and .docx is never rewritten."""

from __future__ import annotations

import os
import stat
import tempfile
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


# -- safety: what --fix keeps, and the files it leaves alone (issue 15) --------------------------------

# Several fixes of each kind: the new-style tone forms (hoà, thuỷ, khoẻ) are the minority here, each
# word written more than once and in two cases; one doubled word and one spaced symbol besides.
TONE_REPORT = REPORT.replace(
    "I. KẾT QUẢ ĐẠT ĐƯỢC\n",
    "I. KẾT QUẢ ĐẠT ĐƯỢC\n\n"
    "Công tác hòa giải ở cơ sở được chú trọng; tổ hòa giải họp định kỳ, hòa giải viên được tập huấn.\n"
    "Việc thủy lợi nội đồng, sức khỏe nhân dân và công tác hòa giải được quan tâm; thủy lợi được nạo vét.\n"
    "Hoà giải viên nhận xét tổ hoà giải làm tốt; thuỷ lợi và sức khoẻ còn khó khăn, Thuỷ lợi cần vốn.\n"
    "Người dân khoẻ mạnh, đoàn viên hoà đồng.\n"
    "Đội thủy sản, nhà văn hóa, trạm thủy văn, hội hòa nhạc và câu lạc bộ sức khỏe đều hoạt động.\n",
)


def test_second_fix_changes_nothing_with_several_tone_fixes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _write(tmp_path, "tone.txt", TONE_REPORT)
    before = check(p)
    tones = [f for f in before.findings if f.rule == "TT090"]
    assert len(tones) >= 3 and any(f.also_fix for f in tones)  # the test needs words written several times
    main(["check", str(p), "--fix", "--jobs", "1", "--fail-on", "never"])
    once = p.read_bytes()
    text = once.decode("utf-8")
    for new_style in ("hoà", "Hoà", "thuỷ", "Thuỷ", "khoẻ"):
        assert new_style not in text, new_style
    assert "Hòa giải viên" in text and "Thủy lợi cần vốn" in text  # the case of each occurrence kept
    assert FIXED_LINES[0] in text
    capsys.readouterr()
    main(["check", str(p), "--fix", "--jobs", "1", "--fail-on", "never"])
    assert "đã sửa" not in capsys.readouterr().err
    assert p.read_bytes() == once
    assert not [f for f in check(p).findings if f.fix is not None]


def test_fix_keeps_mode_owner_and_group(tmp_path: Path) -> None:
    p = _write(tmp_path, "bc.txt", REPORT)
    os.chmod(p, 0o640)
    owner = (os.getuid(), os.getgid())
    if os.getuid() == 0:  # as root the test can give the file to someone else and see that kept
        owner = (4321, 8765)
        os.chown(p, *owner)
    main(["check", str(p), "--fix", "--jobs", "1"])
    assert FIXED_LINES[0] in p.read_text(encoding="utf-8")
    st = os.stat(p)
    assert (st.st_uid, st.st_gid) == owner
    assert stat.S_IMODE(st.st_mode) == 0o640


def test_fix_writes_through_a_symlink(tmp_path: Path) -> None:
    target = _write(tmp_path, "real.txt", REPORT)
    (tmp_path / "docs").mkdir()
    link = tmp_path / "docs" / "link.txt"
    link.symlink_to(target)
    main(["check", str(link), "--fix", "--jobs", "1"])
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert FIXED_LINES[0] in target.read_text(encoding="utf-8")
    assert not list((tmp_path / "docs").glob(".*.tmp"))  # no temp file left beside the link


def test_fix_refuses_a_hard_link_unless_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _write(tmp_path, "bc.txt", REPORT)
    other = tmp_path / "other-name.txt"
    os.link(p, other)
    before = p.read_bytes()
    main(["check", str(p), "--fix", "--jobs", "1"])
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "không sửa" in line]
    assert len(lines) == 1 and "liên kết cứng" in lines[0] and "--fix-hard-links" in lines[0]
    assert p.read_bytes() == before
    main(["check", str(p), "--fix", "--fix-hard-links", "--jobs", "1"])
    # written in place: both names still name one file, which has the fix
    assert os.stat(p).st_ino == os.stat(other).st_ino and os.stat(p).st_nlink == 2
    assert FIXED_LINES[0] in other.read_text(encoding="utf-8")


def test_fix_hard_links_option_is_in_help_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    for lang, word in (("vi", "liên kết cứng"), ("en", "hard links")):
        with pytest.raises(SystemExit):
            main(["check", "--help", "--lang", lang])
        out = capsys.readouterr().out
        assert "--fix-hard-links" in out and word in out, lang


def test_fix_refuses_a_legacy_encoded_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from checker.ingest.legacy import VNI, available, to_legacy

    if not available():
        pytest.skip("the legacy tables are not installed")
    vni = to_legacy(REPORT, VNI).encode("latin-1")
    p = tmp_path / "vni.txt"
    p.write_bytes(vni)
    rep = check(p)
    assert rep.report and rep.report.encoding and rep.report.encoding.lower().startswith("vni")
    assert any(f.fix for f in rep.findings)
    main(["check", str(p), "--fix", "--jobs", "1"])
    err = [line for line in capsys.readouterr().err.splitlines() if "không sửa" in line]
    assert len(err) == 1 and "VNI" in err[0]
    assert p.read_bytes() == vni


def test_fix_refuses_a_read_only_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _write(tmp_path, "bc.txt", REPORT)
    os.chmod(p, 0o444)
    before = p.read_bytes()
    main(["check", str(p), "--fix", "--jobs", "1"])
    err = [line for line in capsys.readouterr().err.splitlines() if "không sửa" in line]
    assert len(err) == 1 and "chỉ đọc" in err[0]
    assert p.read_bytes() == before and stat.S_IMODE(os.stat(p).st_mode) == 0o444


@pytest.mark.parametrize("where", ["mkstemp", "replace"])
def test_fix_in_a_read_only_folder_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    # root writes any folder, so the refusal the kernel would give a user is simulated
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    p = _write(tmp_path, "bc.txt", REPORT)
    before = p.read_bytes()
    if where == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", denied)
    else:
        monkeypatch.setattr(os, "replace", denied)
    code = main(["check", str(p), "--fix", "--jobs", "1", "--fail-on", "never"])
    err = capsys.readouterr().err
    assert "Traceback" not in err and code == 0
    lines = [line for line in err.splitlines() if "không sửa" in line]
    assert len(lines) == 1 and "Permission denied" in lines[0]
    assert p.read_bytes() == before
    assert [q.name for q in tmp_path.iterdir()] == ["bc.txt"]  # no temp file left behind


def test_fix_says_why_in_english_with_lang_en(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _write(tmp_path, "bc.txt", REPORT)
    os.link(p, tmp_path / "other-name.txt")
    main(["check", str(p), "--fix", "--jobs", "1", "--lang", "en"])
    lines = [line for line in capsys.readouterr().err.splitlines() if "not fixed" in line]
    assert len(lines) == 1 and "hard links" in lines[0] and "không" not in lines[0]
    os.unlink(tmp_path / "other-name.txt")
    main(["check", str(p), "--fix", "--jobs", "1", "--lang", "en"])
    assert "fixed 3 findings" in capsys.readouterr().err
