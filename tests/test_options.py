"""Library options are validated as the command line validates them: one ValueError, one line."""

from __future__ import annotations

import pytest

from checker import check
from checker.context import Options
from checker.options import OptionError

REPORT = "UBND HUYỆN MẪU\nSố: 12/BC-UBND\n\nBÁO CÁO\nKết quả năm 2024\n\nThực hiện Kết luận số 01- KL/TW ngày 12/3/2024. Công tác công tác tuyên truyền.\n"


def _rules(**kw: object) -> set[str]:
    return {f.rule for f in check(REPORT.encode(), name="bao-cao.txt", **kw).findings}


def test_string_select_is_one_prefix_not_its_letters() -> None:
    only_td = _rules(select="TD")
    assert only_td and all(code.startswith("TD") for code in only_td)
    # the letters T and D would also have let TT001 (doubled words) through
    assert "TT001" in _rules() and "TT001" not in only_td


def test_string_select_with_commas_is_split_as_on_the_command_line() -> None:
    got = _rules(select="TT,TD")
    assert "TT001" in got and all(c[:2] in ("TT", "TD") for c in got)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"framework": "nope"}, "khung chấm điểm nope"),
        ({"template": "nope"}, "mẫu báo cáo nope"),
        ({"lang": "fr"}, "lang"),
        ({"select": ["ZZ"]}, "ZZ"),
        ({"ignore": "QQ9"}, "QQ9"),
        ({"year": "abc"}, "year"),
        ({"year": 10000}, "10000"),
        ({"year": True}, "year"),
        ({"max_bytes": -5}, "max_bytes"),
        ({"select": 5}, "select"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_option_is_one_line_value_error(kwargs: dict[str, object], words: str) -> None:
    with pytest.raises(ValueError) as info:
        check(REPORT.encode(), name="bao-cao.txt", **kwargs)
    assert isinstance(info.value, OptionError)
    msg = str(info.value)
    assert words in msg and "\n" not in msg and "Traceback" not in msg


def test_year_as_text_of_digits_is_accepted() -> None:
    assert check(REPORT.encode(), name="bao-cao.txt", year="2024").report.year == 2024


def test_options_object_is_not_changed_by_overrides() -> None:
    base = Options(lang="vi")
    check(REPORT.encode(), name="bao-cao.txt", options=base, lang="en", select="TD")
    assert base.lang == "vi" and base.select == []


def test_cli_refuses_bad_year_and_size_in_one_line(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # noqa: ANN001
    from checker.cli import main

    f = tmp_path / "a.txt"
    f.write_text(REPORT, encoding="utf-8")
    assert main(["check", str(f), "--year", "10000"]) == 2
    err = capsys.readouterr().err.strip()
    assert "10000" in err and "\n" not in err
    assert main(["check", str(f), "--max-size", "-5"]) == 2
    err = capsys.readouterr().err.strip()
    assert "--max-size" in err and "\n" not in err
