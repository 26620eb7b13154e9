"""`--output` and `--write-baseline`: never an input, never a replaced device or link, clear errors.

Each test here fails on the old behaviour (the target renamed over, the parent created in silence, a
traceback on a folder, UnicodeEncodeError on a file name that is not UTF-8).
"""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest
from report_texts import SHORT_REPORT

from checker.cli import main
from checker.outputs import display_path

FORMATS = ["text", "json", "sarif", "html", "github"]


@pytest.fixture()
def report(tmp_path: Path) -> Path:
    p = tmp_path / "bc.txt"
    p.write_text(SHORT_REPORT, encoding="utf-8")
    return p


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("baocao-lint: ") and "\n" not in err and "Traceback" not in err
    return err


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_target_that_is_an_input_is_refused(report: Path, option: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = report.read_bytes()
    assert main(["check", str(report), option, str(report), "--jobs", "1"]) == 2
    assert "đang được kiểm tra" in _one_line_error(capsys)
    assert report.read_bytes() == before


def test_target_that_is_an_input_found_in_a_folder_is_refused(report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = report.read_bytes()
    # named another way (through a symlink): still the same file
    link = report.parent / "link-to-bc.json"
    link.symlink_to(report)
    assert main(["check", str(report.parent), "--format", "json", "--output", str(link), "--jobs", "1"]) == 2
    _one_line_error(capsys)
    assert report.read_bytes() == before


def test_fifo_target_is_written_in_place(report: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    main(["check", str(report), "--format", "json", "--output", str(fifo), "--jobs", "1"])
    reader.join(30)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a regular file"
    assert json.loads(got[0])["files"][0]["path"] == str(report)


def test_device_target_is_written_in_place_never_replaced(report: Path, tmp_path: Path) -> None:
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the same device as /dev/null
    except (PermissionError, OSError):
        pytest.skip("making a device node needs root (CAP_MKNOD)")
    main(["check", str(report), "--format", "json", "--output", str(node), "--jobs", "1"])
    main(["check", str(report), "--format", "text", "--output", str(node), "--jobs", "1"])
    assert stat.S_ISCHR(os.lstat(node).st_mode), "the device node was replaced by a regular file"
    assert not list(tmp_path.glob(".null.*")), "a temporary file was left behind"


def test_dev_null_stays_a_device(report: Path) -> None:
    main(["check", str(report), "--format", "json", "--output", os.devnull, "--jobs", "1"])
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_symlink_target_is_followed_and_kept(report: Path, tmp_path: Path, fmt: str) -> None:
    real = tmp_path / "kept" / "real.out"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "out-link"
    link.symlink_to(real)
    main(["check", str(report), "--format", fmt, "--output", str(link), "--jobs", "1"])
    assert link.is_symlink(), "the symlink was replaced by a regular file"
    assert "bc.txt" in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_folder_target_is_a_one_line_error(report: Path, tmp_path: Path, option: str, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert main(["check", str(report), "--format", "json", option, str(folder), "--jobs", "1"]) == 2
    assert "thư mục" in _one_line_error(capsys)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("fmt", ["json", "text"])
@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_missing_parent_is_a_one_line_error_and_not_created(
    report: Path, tmp_path: Path, fmt: str, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "out.json"
    assert main(["check", str(report), "--format", fmt, option, str(target), "--jobs", "1"]) == 2
    assert "không tồn tại" in _one_line_error(capsys)
    assert not (tmp_path / "no").exists()


def test_unwritable_folder_is_a_one_line_error(report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into any folder")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        assert main(["check", str(report), "--output", str(ro / "out.txt"), "--jobs", "1"]) == 2
        _one_line_error(capsys)
    finally:
        ro.chmod(0o755)


def _non_utf8_report(tmp_path: Path) -> Path:
    name = os.fsdecode(b"b\xe1o-c\xe1o.txt")  # Latin-1 bytes: not UTF-8
    p = tmp_path / name
    try:
        p.write_text(SHORT_REPORT, encoding="utf-8")
    except (UnicodeEncodeError, OSError):
        pytest.skip("the file system refuses names that are not UTF-8")
    return p


@pytest.mark.parametrize("fmt", FORMATS)
def test_non_utf8_file_name_is_shown_escaped_in_every_format(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    p = _non_utf8_report(tmp_path)
    out = tmp_path / f"out.{fmt}"
    code = main(["check", str(p), "--format", fmt, "--output", str(out), "--jobs", "1", "--fail-on", "never"])
    assert code == 0, capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    if fmt in ("json", "sarif"):
        text = json.dumps(json.loads(text), ensure_ascii=False).replace("\\\\", "\\")  # JSON doubles the backslash
    assert "xe1o-c" in text and "\\xe1o-c\\xe1o.txt" in text.replace("%5C", "\\")


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_non_utf8_file_name_to_stdout_and_baseline(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    p = _non_utf8_report(tmp_path)
    base = tmp_path / "baseline.json"
    code = main(["check", str(p), "--format", fmt, "--jobs", "1", "--fail-on", "never", "--write-baseline", str(base)])
    assert code == 0
    out = capsys.readouterr().out
    assert "b\\xe1o-c\\xe1o.txt" in (json.loads(out)["files"][0]["path"] if fmt == "json" else out)
    entries = json.loads(base.read_text(encoding="utf-8"))["entries"]
    assert entries and all("\\xe1" in e["path"] for e in entries)
    # the baseline written under the escaped name is honoured on the next run
    assert main(["check", str(p), "--format", "json", "--jobs", "1", "--baseline", str(base)]) == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["findings"] == []


def test_display_path() -> None:
    assert display_path("bình-thường.txt") == "bình-thường.txt"
    assert display_path(os.fsdecode(b"a\xff.txt")) == "a\\xff.txt"
