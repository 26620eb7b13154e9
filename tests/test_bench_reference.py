"""The reference run of `make bench`'s seeds ratio must check the files (issue 19).

proselint 0.16 takes its paths after a `check` subcommand and answers a bare path with a usage error
(exit 2) that checks nothing: timed as the reference, that error made proselint look as fast as its
start. Fake proselint programs of both command-line shapes stand in for the real ones here.
"""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import ratios  # noqa: E402

# each fake prints its version the way that release does and checks a file only in its own shape
NEW_CLI = """#!/bin/sh
case "$1" in
  version) echo "Proselint 0.16.0"; exit 0;;
  check) echo "$2:1:1: fake: a finding"; exit 1;;
  *) echo "proselint: error: argument : invalid choice: '$1'" >&2; exit 2;;
esac
"""
OLD_CLI = """#!/bin/sh
case "$1" in
  --version) echo "proselint 0.14.0"; exit 0;;
  check) echo "no such file: check" >&2; exit 2;;
  *) echo "$1:1:1: fake: a finding"; exit 1;;
esac
"""


def _program(tmp_path: Path, name: str, body: str) -> str:
    exe = tmp_path / name
    exe.write_text(body, encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return str(exe)


@pytest.mark.parametrize(("body", "version", "shape"), [
    (NEW_CLI, (0, 16, 0), ["check", "bao-cao.txt"]),
    (OLD_CLI, (0, 14, 0), ["bao-cao.txt"]),
])
def test_the_reference_command_follows_the_installed_release(
    tmp_path: Path, body: str, version: tuple[int, ...], shape: list[str]
) -> None:
    exe = _program(tmp_path, "proselint", body)
    found = ratios.proselint_version(exe)
    assert found == version
    cmd = ratios.proselint_command(exe, found, "bao-cao.txt")
    assert cmd == [exe, *shape]
    # the command of that release checks the file (exit 1: a finding printed), so it stands
    assert ratios.reference_refusal([cmd]) is None


def test_a_reference_that_does_not_check_the_file_is_refused(tmp_path: Path) -> None:
    exe = _program(tmp_path, "proselint", NEW_CLI)
    # the bare path of the old command line: 0.16 prints a usage error and exits 2
    refusal = ratios.reference_refusal([[exe, "bao-cao.txt"]])
    assert refusal is not None and "mã 2" in refusal and "invalid choice" in refusal


def test_no_version_printed_keeps_the_bare_path(tmp_path: Path) -> None:
    exe = _program(tmp_path, "proselint", "#!/bin/sh\nexit 3\n")
    assert ratios.proselint_version(exe) is None
    assert ratios.proselint_command(exe, None, "a.txt") == [exe, "a.txt"]
    assert "mã 3" in (ratios.reference_refusal([[exe, "a.txt"]]) or "")
