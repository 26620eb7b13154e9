"""Bad paths and option values: one line for that path (or option), the rest of the batch runs.

Each case used to raise from `check()`, hang (a FIFO), skip in silence (a folder that cannot be
listed) or end in "lỗi nội bộ".
"""

from __future__ import annotations

import json
import os
import socket
import stat
import threading
from pathlib import Path

import pytest
from report_texts import SHORT_REPORT

from checker import check
from checker.cli import main
from checker.ingest import collect


def _one_line(error: str | None) -> str:
    assert error and "\n" not in error and "lỗi nội bộ" not in error and len(error) < 200, error
    return error


def _in_thread(fn, seconds: float = 20.0):  # noqa: ANN001, ANN202 - a tiny watchdog for the FIFO cases
    box: list = []
    th = threading.Thread(target=lambda: box.append(fn()), daemon=True)
    th.start()
    th.join(seconds)
    assert box, f"did not finish in {seconds} s (blocked on a FIFO?)"
    return box[0]


def test_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "vong.txt"
    loop.symlink_to(loop)
    assert "lặp vòng" in _one_line(check(loop).error)


def test_nul_in_path() -> None:
    assert "NUL" in _one_line(check("bao\x00cao.txt").error)


def test_name_too_long(tmp_path: Path) -> None:
    assert "quá dài" in _one_line(check(tmp_path / ("a" * 5000 + ".txt")).error)


def test_not_a_directory_in_the_path(tmp_path: Path) -> None:
    f = tmp_path / "tep.txt"
    f.write_text(SHORT_REPORT, encoding="utf-8")
    assert "không phải thư mục" in _one_line(check(f / "con.txt").error)


def test_fifo_is_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "ong.txt"
    os.mkfifo(fifo)
    assert "FIFO" in _one_line(_in_thread(lambda: check(fifo)).error)


def test_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
    except OSError:
        pytest.skip("cannot bind a Unix socket here")
    try:
        assert "socket" in _one_line(check(path).error)
    finally:
        sock.close()


def test_device_is_refused() -> None:
    assert "thiết bị" in _one_line(check("/dev/zero").error)


def test_unreadable_folder_is_listed_with_its_reason(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root lists any folder")
    ok = tmp_path / "a.txt"
    ok.write_text(SHORT_REPORT, encoding="utf-8")
    closed = tmp_path / "khoa"
    closed.mkdir()
    (closed / "b.txt").write_text(SHORT_REPORT, encoding="utf-8")
    closed.chmod(0)
    try:
        found = collect([str(tmp_path)])
        assert str(closed) in found.refused and str(ok) in found.paths
        assert "không có quyền" in _one_line(check(closed).error)
    finally:
        closed.chmod(0o755)


def test_unreadable_folder_error_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the same as root: scandir refusing is what makes the message
    closed = tmp_path / "khoa"
    closed.mkdir()

    def refuse(path):  # noqa: ANN001, ANN202
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", refuse)
    assert "không có quyền" in _one_line(check(closed).error)


def test_folder_walk_reports_an_unlistable_subfolder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(SHORT_REPORT, encoding="utf-8")
    sub = tmp_path / "khoa"
    sub.mkdir()
    real_walk = os.walk

    def walk(top, onerror=None, **kw):  # noqa: ANN001, ANN202
        for root, dirs, files in real_walk(top, onerror=onerror, **kw):
            if Path(root) == sub:
                onerror(PermissionError(13, "Permission denied", str(sub)))
                continue
            yield root, dirs, files

    monkeypatch.setattr(os, "walk", walk)
    found = collect([str(tmp_path)])
    assert str(sub) in found.paths and _one_line(found.refused[str(sub)])


def test_a_batch_with_every_bad_path_still_checks_the_good_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "tot.txt"
    good.write_text(SHORT_REPORT, encoding="utf-8")
    os.mkfifo(tmp_path / "ong.txt")
    (tmp_path / "vong.txt").symlink_to(tmp_path / "vong.txt")
    bad = ["bao\x00cao.txt", str(tmp_path / ("a" * 5000 + ".txt")), str(good / "x.txt"), "/dev/null"]

    code = _in_thread(lambda: main(["check", str(tmp_path), *bad, "--format", "json", "--jobs", "1"]))
    assert code == 2
    files = json.loads(capsys.readouterr().out)["files"]
    by_path = {f["path"]: f for f in files}
    assert by_path[str(good)]["error"] is None and by_path[str(good)]["findings"]
    errors = [f for f in files if f["error"]]
    assert len(errors) == 6, [f["path"][:80] for f in errors]
    for f in errors:
        _one_line(f["error"])


@pytest.mark.parametrize(
    ("args", "word"),
    [(["--year", "10000"], "--year"), (["--year", "0"], "--year"), (["--max-size", "-5"], "--max-size"), (["--jobs", "0"], "--jobs")],
)
def test_bad_option_values(tmp_path: Path, args: list[str], word: str, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "a.txt"
    p.write_text(SHORT_REPORT, encoding="utf-8")
    assert main(["check", str(p), *args]) == 2
    err = capsys.readouterr().err.strip()
    assert word in err and "\n" not in err and "lỗi nội bộ" not in err


@pytest.mark.parametrize(("line", "key"), [("max-size = -5", "max-size"), ("year = 10000", "year"), ("max-size = 0", "max-size")])
def test_bad_config_values(tmp_path: Path, line: str, key: str, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "a.txt"
    p.write_text(SHORT_REPORT, encoding="utf-8")
    cfg = tmp_path / "baocao-lint.toml"
    cfg.write_text(line + "\n", encoding="utf-8")
    assert main(["check", str(p), "--config", str(cfg)]) == 2
    err = capsys.readouterr().err.strip()
    assert key in err and "\n" not in err and "lỗi nội bộ" not in err


@pytest.mark.parametrize("run", ["\u00b9" * 4301, "\u00b2\u00b3" * 2200, "7" * 4400 + "/" + "7" * 4400 + " = 50%"])
def test_long_digit_runs_are_not_an_internal_error(run: str) -> None:
    text = SHORT_REPORT.replace("Ban Bí thư.", f"Ban Bí thư, đạt {run} người.")
    rep = check(text.encode(), name="a.txt")
    assert rep.error is None


def test_regular_file_through_a_good_symlink_is_read(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text(SHORT_REPORT, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert check(link).error is None
    assert stat.S_ISLNK(os.lstat(link).st_mode)


def test_folder_listing_never_opens_a_fifo(tmp_path: Path) -> None:
    # the listing peeks into .json/.html files to spot baocao-lint's own outputs: not into a FIFO
    os.mkfifo(tmp_path / "ket-qua.json")
    found = _in_thread(lambda: collect([str(tmp_path)]))
    assert str(tmp_path / "ket-qua.json") in found.paths
