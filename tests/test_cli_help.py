"""`--help` says what every option does, in Vietnamese and with `--lang en` in English, and lists
the file types and exit codes; `explain` takes `--lang`."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from checker.cli import build_parser, main


def _subparsers(p: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in p._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_option_of_every_command_is_described(lang: str) -> None:
    # a new option or command needs its help in both languages: t("…tiếng Việt…", "…English…")
    for name, sub in _subparsers(build_parser(lang)).items():
        for action in sub._actions:
            assert action.help and action.help != argparse.SUPPRESS, f"{name} {action.option_strings or action.dest}"


def test_english_help_is_english_and_vietnamese_is_vietnamese() -> None:
    vi = _subparsers(build_parser("vi"))
    en = _subparsers(build_parser("en"))
    assert vi.keys() == en.keys()
    for name in vi:
        helps_vi = {a.dest: a.help for a in vi[name]._actions}
        helps_en = {a.dest: a.help for a in en[name]._actions}
        for dest, text in helps_en.items():
            if dest == "help":
                continue
            # the English text has no Vietnamese letters; each Vietnamese text has its own words
            assert not any(ch in text for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"), (name, dest, text)
            assert helps_vi[dest] != text, (name, dest)


def _help(*argv: str) -> str:
    r = subprocess.run([sys.executable, "-m", "checker.cli", *argv], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_check_help_lists_formats_and_exit_codes_in_both_languages() -> None:
    vi = _help("check", "--help")
    assert "cách dùng:" in vi and "tùy chọn:" in vi and "in trợ giúp này rồi thoát" in vi
    for ext in (".docx", ".pdf", ".doc", ".xlsx", ".zip"):
        assert ext in vi
    assert "Mã thoát: 0" in vi and "2 lỗi cách dùng" in vi
    en = _help("check", "--lang", "en", "--help")
    assert "usage:" in en and "options:" in en and "Exit status: 0" in en and "File types read" in en
    assert "tùy chọn" not in en


def test_usage_errors_speak_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check"])
    assert exc.value.code == 2
    assert "thiếu tham số bắt buộc" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["check", "--lang", "en"])
    assert "the following arguments are required" in capsys.readouterr().err
    # argparse is left as it was for the program that imported the checker
    assert argparse._("usage: ") == "usage: "


def test_explain_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "TD001", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "default: warning" in out and "Bad:" in out and "Good:" in out and "Ví dụ" not in out
    assert main(["explain", "TD001"]) == 0
    assert "Ví dụ sai:" in capsys.readouterr().out
    assert main(["explain", "ZZ999", "--lang", "en"]) == 2
    assert "no rule ZZ999" in capsys.readouterr().err
