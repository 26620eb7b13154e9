"""Nothing under a folder is skipped in silence: every file is checked or listed with its reason, in
every output format; hidden files and baocao-lint's own outputs are left out and counted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main
from checker.ingest import collect, collect_paths

REPORT = "BÁO CÁO\n\nBan đã đã tổ chức hội nghị tổng kết.\n"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "nop"
    (d / "phu-luc").mkdir(parents=True)
    (d / ".git").mkdir()
    (d / "bao-cao.txt").write_text(REPORT, encoding="utf-8")
    (d / "phu-luc" / "anh-chup.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    (d / "ghi-chu.unknownext").write_text("ghi chú", encoding="utf-8")
    (d / ".DS_Store").write_bytes(b"\x00\x01")
    (d / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (d / "ket-qua.json").write_text(json.dumps({"version": 1, "tool": {"name": "baocao-lint"}}), encoding="utf-8")
    (d / "danh-muc.json").write_text('{"a": 1}', encoding="utf-8")  # not ours: listed as unsupported
    return d


def test_collect_lists_every_file_and_counts_what_it_leaves_out(folder: Path) -> None:
    found = collect([str(folder)])
    names = [Path(p).relative_to(folder).as_posix() for p in found.paths]
    assert names == ["bao-cao.txt", "danh-muc.json", "ghi-chu.unknownext", "phu-luc/anh-chup.png"]
    refused = {Path(p).name: why for p, why in found.refused.items()}
    assert set(refused) == {"danh-muc.json", "ghi-chu.unknownext", "phu-luc/anh-chup.png".split("/")[-1]}
    assert "không được hỗ trợ" in refused["anh-chup.png"] and ".png" in refused["anh-chup.png"]
    assert found.left_out == {"hidden": 2, "tool_output": 1}  # .DS_Store, .git/ ; ket-qua.json
    # the old helper still gives only what is read
    assert [Path(p).name for p in collect_paths([str(folder)])] == ["bao-cao.txt"]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "html"])
def test_every_output_lists_the_files_not_checked(fmt: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(folder), "--format", fmt, "--jobs", "1", "--fail-on", "never"])
    out = capsys.readouterr().out
    assert code == 2  # a file not checked is never a pass
    for name in ("anh-chup.png", "ghi-chu.unknownext", "danh-muc.json"):
        assert name in out, (fmt, name)
    assert "không được hỗ trợ" in out
    assert "ket-qua.json" not in out and ".DS_Store" not in out
    if fmt == "json":
        doc = json.loads(out)
        assert doc["summary"]["left_out"] == {"hidden": 2, "tool_output": 1}
        errors = {Path(f["path"]).name: f["error"] for f in doc["files"]}
        assert errors["bao-cao.txt"] is None and ".png" in errors["anh-chup.png"]
    elif fmt == "sarif":
        notes = json.loads(out)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        assert any(n["level"] == "note" and "2 tệp/thư mục ẩn" in n["message"]["text"] for n in notes)
    else:
        assert "2 tệp/thư mục ẩn" in out and "1 tệp kết quả của baocao-lint" in out


def test_summary_table_gives_the_reason_and_what_was_left_out(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder.parent)
    main(["check", folder.name, "--jobs", "1"])
    err = capsys.readouterr().err
    assert "anh-chup.png" in err and "không được hỗ trợ" in err
    assert "Bỏ qua (không kiểm tra): 2 tệp/thư mục ẩn" in err


def test_a_folder_of_only_read_types_still_exits_on_findings(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    assert main(["check", str(tmp_path), "--format", "json", "--fail-on", "never"]) == 0


def test_files_named_explicitly_are_read_as_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a file named on the command line is the user's choice: read it, do not refuse it by its suffix
    note = tmp_path / "ghi-chu.text"
    note.write_text(REPORT, encoding="utf-8")
    main(["check", str(note), "--format", "json", "--fail-on", "never"])
    doc = json.loads(capsys.readouterr().out)
    assert doc["files"][0]["error"] is None and doc["files"][0]["findings"]
