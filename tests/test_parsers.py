"""The parsers loaded from their cached tables (checker/parsers.py, issue 19: a fast start).

Each grammar's tables come from the parser Lark compiles (`full_parser`) and are run from the cache by
checker/lalr.py; these tests hold what `parser(name)` gives, through the cache, to Lark's own parser:
the same tree, token for token with positions, or an error at the same place, on written spans of every
shape the grammars take, and on variants of them with a character cut, doubled, swapped or replaced
(tests/test_lalr.py tests the runtime itself on many more). The cache follows the grammar files; and a
check with the tables in the cache imports no `lark` module at all, nor `logging`.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from checker import cache, parsers
from checker.parsers import ParseError, Token, Tree, full_parser, grammar_names, parser

# Written for these tests: the shapes of the pre-scanned spans, and malformed ones.
SPANS: dict[str, list[str]] = {
    "date": [
        "ngày 29/8/2023", "29/8/2023", "Ngày 05.01.2024", "07-03-2019", "29-30/11/2023", "ngày 3-4/5/2021",
        "ngày 29 tháng 8 năm 2023", "NGÀY 1 THÁNG 12 NĂM 1999", "tháng 09/2023", "tháng 3 năm 2020", "năm 2023",
        "6 tháng đầu năm 2020", "06 tháng cuối năm 2019", "chín tháng đầu năm 2021", "9 tháng cuối năm 2022",
        "giai đoạn 2021-2025", "nhiệm kỳ 2020 - 2025", "thời kỳ 2011-2020", "từ năm 2021 đến năm 2025",
        "giai đoạn từ năm 2016 đến 2020", "giai đoạn từ 2016 đến năm 2020", "Giai đoạn 2021 đến 2030",
        "ngày  5 / 6 / 2024", "ngày 29/8/1850", "ngày 32/13/2023", "ngày 1/2/3", "ngày 123/4/2020", "5/6/202",
        "", "tháng", "giai đoạn 2021", "năm", "29/8/2023 xyz", "ngày 29/8", "tháng 13 năm", "7 tháng đầu năm 2020",
        "từ năm 2021 đến 2025", "ngày 29 tháng 8 2023", "2023", "ngày ngày 1/1/2020", "29–30/11/2023",
    ],
    "number": [
        "1.783,39", "746.184", "05", "0", "01", "77,73 %", "88,6%", "100%", "15/19", "4.028/4.574", "1.416.500.000",
        "1.585,450", "12 / 30", "3,5/10", "7 %", "12.34", "1,2,3", "%", "", "abc", "1 .000", "15/", "/19",
        "1.000.00", "1.0000", "12,", ",5", "50%%", "1/2/3", "٣", "1 000",
    ],
    "symbol": [
        "274/QĐ-UBND", "04/2015/NĐ-CP", "887/UBND-NC", "10/2022/QH15", "114-KL/TW", "98-KH/BDVTU-BCSĐUBND",
        "07-CTPH/BDVTU-BDT", "01- KL/TW", "677/QĐUBND", "120/KL-TU", "33--KH/TU", "12a/BC-UBND", "5/TTr-S.KHĐT",
        "9/BC-P&C", "45", "/QĐ", "123456/QĐ", "12/", "", "12//QĐ", "12/_X", "12/QĐ-", "QĐ/12", "12 /  QĐ",
    ],
    "breakdown": [
        "6 lớp cấp tỉnh và 7 lớp cấp huyện", "nam 60, nữ 30", "cấp tỉnh 12 lớp; cấp huyện 40 lớp",
        "4 xã đạt chuẩn, 2 xã chưa đạt và các xã còn lại", "1.250 hộ nghèo, 3.400,5 ha lúa", "ba đơn vị",
        "15 người,", "12 34 lớp", "\"trích\"", "a - b", "", "và", "5 và 6", "nam 60;; nữ 30", "7,5 ha, và 3 ha",
        "hộ_nghèo 5", "2,5", "12.3 hộ",
    ],
    "prose_score": [
        ": 28/30 điểm", " đạt 28 điểm", " tự chấm 28 điểm", " tổng cộng 88 điểm", ": 28 điểm/30 điểm", " - 9,5 điểm",
        " tự đánh giá chấm điểm 7.5", " đạt được 10", " tổng số 95/100", ": - đạt 8 điểm", " là 4,25", "Tự  chấm 5",
        "điểm", ": abc", "28/", "1000 điểm", "", "/30", ": 28/30/40", " được 5 điểm điểm", " tổng 1.000",
    ],
}


def _variants(span: str) -> list[str]:
    """The span with one character cut, doubled, swapped with the next, or replaced by a digit, a
    space or a letter: malformed neighbours of a good span, which the two parsers must refuse alike."""
    out = []
    for i in range(len(span)):
        out += [span[:i] + span[i + 1:], span[:i] + span[i] + span[i:]]
        out += [span[:i] + c + span[i + 1:] for c in "7 a/"]
        if i + 1 < len(span):
            out.append(span[:i] + span[i + 1] + span[i] + span[i + 2:])
    return out


def _shape(node: Any) -> Any:  # noqa: ANN401 - a tree, a token or anything a parse gives
    """A parse result with everything the checker can read of it: rule names, token types, values and
    positions (Tree and Token compare by value only), of Lark's parser or ours."""
    from lark import Token as LarkToken
    from lark import Tree as LarkTree

    if isinstance(node, Tree | LarkTree):
        return ("tree", str(node.data), [_shape(c) for c in node.children])
    if isinstance(node, Token | LarkToken):
        return ("token", node.type, str(node), node.start_pos, node.end_pos, node.line, node.column,
                node.end_line, node.end_column)
    return ("other", repr(node))


def _outcome(parse: Any, text: str) -> Any:  # noqa: ANN401
    """The tree, or where the text stops being in the grammar: the unexpected token (type, text) at
    its start, or an unexpected character (Lark's `UnexpectedToken`, `UnexpectedCharacters`)."""
    from lark.exceptions import UnexpectedCharacters, UnexpectedToken

    try:
        return ("parsed", _shape(parse(text)))
    except ParseError as exc:
        token = exc.token
        return ("error", exc.pos, None if token is None else (token.type, str(token)))
    except UnexpectedToken as exc:
        return ("error", exc.pos_in_stream, (exc.token.type, str(exc.token)))
    except UnexpectedCharacters as exc:
        return ("error", exc.pos_in_stream, None)


@pytest.mark.parametrize("name", sorted(SPANS))
def test_loaded_parser_gives_what_lark_gives(name: str) -> None:
    reference = full_parser(name).parse
    loaded = parser(name).parse
    spans = SPANS[name] + [v for s in SPANS[name] for v in _variants(s)]
    outcomes = {"parsed": 0, "error": 0}
    for text in spans:
        want = _outcome(reference, text)
        assert _outcome(loaded, text) == want, text
        outcomes[want[0]] += 1
    # both sides are exercised: spans that parse and spans that do not
    assert outcomes["parsed"] >= 10 and outcomes["error"] >= 10, outcomes


def test_loaded_parser_agrees_on_every_span_a_check_of_the_seeds_parses(
        seeds: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    # the spans the pre-scans cut from real reports, as the checker hands them to the parsers
    from checker import entities, numbers
    from checker.api import check
    from checker.facts import quantities, score

    for module in (entities, numbers, quantities, score):  # parsed again, not answered from a cache
        for value in vars(module).values():  # of an earlier test's spans
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
    names = {id(parser(n)): n for n in grammar_names()}
    seen: dict[str, set[str]] = {}
    plain_parse = parsers.Parser.parse

    def recording_parse(self: parsers.Parser, text: str) -> Tree:
        seen.setdefault(names[id(self)], set()).add(text)
        return plain_parse(self, text)

    monkeypatch.setattr(parsers.Parser, "parse", recording_parse)
    for path in seeds.values():
        check(path)
    monkeypatch.undo()
    assert {"date", "number", "symbol"} <= seen.keys()
    for name, texts in seen.items():
        reference, loaded = full_parser(name).parse, parser(name).parse
        for text in sorted(texts):
            assert _outcome(loaded, text) == _outcome(reference, text), (name, text)


def test_every_grammar_is_covered() -> None:
    assert sorted(SPANS) == grammar_names()


@pytest.fixture()
def own_grammars(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the grammar folder and an empty private cache, for tests that edit a grammar."""
    folder = tmp_path / "grammar"
    shutil.copytree(Path(str(parsers.grammar_folder())), folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(parsers, "grammar_folder", lambda: folder)
    parsers.forget_parsers()
    yield folder
    parsers.forget_parsers()


def test_an_edited_grammar_is_never_answered_from_the_cache(own_grammars: Path) -> None:
    with pytest.raises(ParseError):
        parser("number").parse("5‰")
    entries = list((own_grammars.parent / "xdg" / "baocao-lint").glob("lark-number-*.pickle"))
    assert len(entries) == 1
    grammar = own_grammars / "number.lark"
    grammar.write_text(grammar.read_text(encoding="utf-8").replace('PERCENT: "%"', 'PERCENT: "%" | "‰"'),
                       encoding="utf-8")
    parsers.forget_parsers()  # a new process
    assert parser("number").parse("5‰").children[0].data == "percent"


def test_a_later_start_finds_the_tables_by_the_files_stats(own_grammars: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # files just copied count as left alone (checker.cache trusts a stat only some seconds after a change)
    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    parser("date")
    parsers.forget_parsers()  # a new process: the grammar files are neither read nor hashed

    def unread() -> list[bytes]:
        raise AssertionError("the grammar files were read for the cache key")

    read_inputs = parsers._cache_inputs
    monkeypatch.setattr(parsers, "_cache_inputs", lambda name: unread())
    assert parser("date").parse("năm 2024").children[0].data == "year_only"
    # an edited grammar has another stat: read and hashed again, never the old tables
    grammar = own_grammars / "date.lark"
    grammar.write_text(grammar.read_text(encoding="utf-8").replace("/(19|20)\\d\\d/", "/(19|20|21)\\d\\d/"),
                       encoding="utf-8")
    monkeypatch.setattr(parsers, "_cache_inputs", read_inputs)
    parsers.forget_parsers()
    assert parser("date").parse("năm 2124").children[0].data == "year_only"


def test_an_imported_grammar_is_part_of_the_key(own_grammars: Path) -> None:
    # breakdown.lark takes its figures' terminals from number.lark
    assert parser("breakdown").parse("nam 60, nữ 30")
    grammar = own_grammars / "number.lark"
    grammar.write_text(grammar.read_text(encoding="utf-8").replace(r"PLAIN: /\d+/", r"PLAIN: /\d\d\d+/"),
                       encoding="utf-8")
    parsers.forget_parsers()
    with pytest.raises(ParseError):
        parser("breakdown").parse("nam 60, nữ 30")


def test_the_whole_parser_lark_kept_before_is_removed(own_grammars: Path) -> None:
    folder = own_grammars.parent / "xdg" / "baocao-lint"
    folder.mkdir(parents=True, mode=0o700)
    (folder / "date.lark.cache").write_bytes(b"an entry of Lark's own cache")
    (folder / "number.lark.cache").write_bytes(b"an entry of Lark's own cache")
    parser("date")
    assert sorted(p.name for p in folder.glob("*.lark.cache")) == ["number.lark.cache"]


def test_an_entry_that_is_no_parse_table_is_rebuilt(own_grammars: Path) -> None:
    parser("symbol")
    [entry] = (own_grammars.parent / "xdg" / "baocao-lint").glob("lark-symbol-*.pickle")
    entry.write_bytes(pickle.dumps({"data": {"options": {}}, "memo": {}}))
    parsers.forget_parsers()
    assert _shape(parser("symbol").parse("114-KL/TW")) == _shape(full_parser("symbol").parse("114-KL/TW"))


# -- what a check's start loads, in a fresh interpreter -----------------------------------------------
# no module of Lark's (its runtime imports `logging`, and `inspect` for its visitors; `interegular` is
# what it imports when installed), nor `logging` or `inspect` (with `ast`, `dis`), which the command's
# `dataclasses` imports without (checker/deferred.py)
NOT_LOADED = ("lark", "lark.lark", "lark.lexer", "lark.visitors", "lark.utils", "lark.tree", "lark.parsers",
              "interegular", "logging", "inspect", "ast", "dis")
PAGE = ("BÁO CÁO\nKết quả công tác năm 2024\n\nThực hiện Kế hoạch số 15/KH-UBND ngày 05/01/2024, "
        "đã tiếp 42 lượt công dân, trong đó 30 lượt về đất đai và 12 lượt khác; đạt 95,2%.\n")

# The page is checked in the command's worker (a single worker is forked without a warm-up check in
# the command, checker/batch.py): the worker says which parsers it used and what it loaded.
CHECK = (
    "import io, os, sys, contextlib\n"
    "from checker.cli import main\n"  # first, as the command's entry point does
    "import checker.batch as batch\n"
    "from checker.parsers import parser\n"
    "said_r, said_w = os.pipe()\n"
    "real = batch.check\n"
    "def check(*a, **k):\n"
    "    rep = real(*a, **k)\n"
    "    loaded = [m for m in sys.argv[2:] if m in sys.modules]\n"
    "    os.write(said_w, repr((parser.cache_info().currsize, loaded)).encode())\n"
    "    return rep\n"
    "batch.check = check\n"
    "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
    "    status = main(['check', sys.argv[1], '--jobs', '1', '--format', 'json', '--fail-on', 'never'])\n"
    "os.close(said_w)\n"
    "used, in_worker = eval(os.read(said_r, 4096).decode())\n"
    "loaded = sorted({*in_worker, *(m for m in sys.argv[2:] if m in sys.modules)})\n"
    "print(status, used, loaded)\n"
    "print(out.getvalue())\n"
)


def _run(code: str, cache: Path, *args: str) -> list[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout.split("\n", 1)


def test_a_check_loads_no_module_of_lark(tmp_path: Path) -> None:
    page = tmp_path / "bao-cao.txt"
    page.write_text(PAGE, encoding="utf-8")
    # the first run, with an empty cache, builds the tables with Lark itself and finds the same
    first, first_report = _run(CHECK, tmp_path / "cache", str(page), *NOT_LOADED)
    assert list((tmp_path / "cache" / "baocao-lint").glob("lark-date-*.pickle"))
    second, second_report = _run(CHECK, tmp_path / "cache", str(page), *NOT_LOADED)
    status, used, loaded = second.split(" ", 2)
    assert (status, loaded) == ("0", "[]")
    assert int(used) >= 2  # the page went through parsers (dates, symbols, numbers)
    assert first.split(" ", 2)[:2] == [status, used]
    assert first_report == second_report and '"findings"' in second_report


def test_lark_stays_whole_for_the_rest_of_the_process(tmp_path: Path) -> None:
    # the checker imports no module of Lark's; a program that then imports lark gets the whole package
    page = tmp_path / "bao-cao.txt"
    page.write_text(PAGE, encoding="utf-8")
    code = (
        "import sys\n"
        "from checker.api import check\n"
        "check(sys.argv[1])\n"
        "before = [m for m in sys.modules if m.startswith('lark')]\n"
        "import lark\n"
        "from lark import Lark, Token, Tree\n"
        "from lark import *\n"
        "import lark.lexer, lark.tree, importlib.metadata\n"
        "tree = Lark('start: \"a\"+', parser='lalr').parse('aa')\n"
        "print(before, Token is lark.lexer.Token, Tree is lark.tree.Tree, type(tree) is Tree,\n"
        "      lark.__version__ == importlib.metadata.version('lark'), v_args is lark.visitors.v_args)\n"
    )
    _run(code, tmp_path / "cache", str(page))
    assert _run(code, tmp_path / "cache", str(page))[0] == "[] True True True True True"


def test_the_parsers_alone_import_neither_lark_nor_inspect_nor_logging(tmp_path: Path) -> None:
    # what checker/parsers.py and checker/lalr.py bring themselves, every grammar parsed (the tables
    # in the cache), in a program that is not the command (which defers `dataclasses`' inspect)
    spans = {"date": "năm 2024", "number": "1,5%", "symbol": "12/QĐ-UB", "breakdown": "nam 6, nữ 7",
             "prose_score": ": 7/10 điểm"}
    assert sorted(spans) == grammar_names()
    code = (
        "import sys\n"
        "from checker.parsers import parser\n"
        f"trees = [parser(name).parse(span) for name, span in {spans!r}.items()]\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('lark', 'inspect', 'logging', 'interegular')))\n"
    )
    _run(code, tmp_path / "cache")  # the first run builds the tables with Lark
    assert _run(code, tmp_path / "cache")[0].strip() == "[]"
