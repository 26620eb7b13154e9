"""Our LALR runtime (checker/lalr.py) against Lark itself, grammar by grammar (issue 19: a fast start).

For every grammar in `grammar/`, the tables Lark compiles (`full_parser`) are run by `lalr.Parser`, and
every span gives what Lark's own parser gives: the same tree (rule names, and each token's type, text
and positions), or an error at the same place (the same unexpected token, or an unexpected character).
The spans: written here for every shape the grammars take and malformed ones, their neighbours with a
character cut, doubled, swapped or replaced, seeded random strings over each grammar's alphabet, and
(slow, when ../shared is there) every span the checker parses on the real reports.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lark import Token as LarkToken
from lark import Transformer as LarkTransformer
from lark import Tree as LarkTree
from lark.exceptions import UnexpectedCharacters, UnexpectedToken

from checker import lalr
from checker.parsers import full_parser, grammar_names

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Written for these tests (no text from ../shared): the shapes of the pre-scanned spans, and wrong ones.
SPANS: dict[str, list[str]] = {
    "date": [
        "ngày 14/2/2022", "3/11/2021", "Ngày 07.06.2023", "08-09-2018", "12-15/10/2022", "ngày 1-2/6/2020",
        "ngày 14 tháng 2 năm 2022", "NGÀY 2 THÁNG 11 NĂM 2001", "tháng 10/2022", "tháng 4 năm 2019", "năm 2021",
        "6 tháng đầu năm 2021", "06 tháng cuối năm 2018", "sáu tháng cuối năm 2020", "09 tháng đầu năm 2023",
        "giai đoạn 2016-2020", "nhiệm kỳ 2015 - 2020", "thời kỳ 2001-2010", "từ năm 2019 đến năm 2024",
        "giai đoạn từ năm 2011 đến 2015", "Thời kỳ từ 2020 đến năm 2030", "nhiệm kỳ 2021 đến 2026",
        "ngày\t3/4/2020", "ngày 31/02/2021", "ngày 0/0/2000", "ngày 12/3/45", "3/4", "tháng năm 2020",
        "", " ", "ngày", "giai đoạn", "2021-2025", "5 tháng đầu năm 2020", "năm 2020 năm 2021",
        "ngày 1/1/2020 ", " ngày 1/1/2020", "ngày 1 tháng 1", "từ 2020 đến 2025", "NĂM 1999", "ngày 1/1/2020\n",
    ],
    "number": [
        "2.450,75", "318.002", "07", "9", "00", "12,5 %", "66,1%", "50%", "7/12", "1.200/3.600", "2.000.000.000",
        "4.321,000", "8 / 9", "2,25/5", "3 %", "45.67", "9,8,7", "/", " ", "mười", "2 .500", "9/", "/4",
        "3.000.0", "3.00000", "8,", ",25", "10%%", "3/4/5", "12 345", "1.234,5/2", "%5", "1\n2",
    ],
    "symbol": [
        "128/QĐ-UBND", "11/2019/TT-BTC", "402/UBND-KT", "15/2023/QH15", "57-NQ/TW", "21-KH/HU-BDVHU",
        "03-QĐ/ĐU-UBKT", "05- CT/TU", "233/BCUBND", "310/NQ-HĐND", "8--BC/ĐU", "45b/KH-SYT", "6/CV-P.TCKH",
        "2/QĐ-A&B", "7", "/BC", "999999/BC", "8/", "", "3//BC", "3/_Y", "3/BC-", "BC/3", "3 /  BC", "3/BC/",
        "12-", "1a2/QĐ", "0/0", "77/QĐ-UBND-", "4/Đ", "4/ QĐ", "4 - KL / TW",
    ],
    "breakdown": [
        "5 tổ cấp xã và 3 tổ cấp huyện", "nam 41, nữ 22", "thành thị 9 điểm; nông thôn 30 điểm",
        "3 trường đạt chuẩn, 1 trường chưa đạt và các trường còn lại", "2.100 hộ, 1.050,25 ha", "hai đơn vị",
        "9 người;", "4 5 tổ", "«dẫn»", "x - y", " ", "và và", "7 và 8", "nam 41;, nữ 22", "6,5 tấn, và 2 tấn",
        "xã_mới 4", "3,75", "40.5 hộ", "các tổ còn lại", "10 lớp và", ", 5 lớp", "5 lớp,\t6 lớp", "có 3 lớp học",
    ],
    "prose_score": [
        ": 17/20 điểm", " đạt 17 điểm", " tự chấm 17 điểm", " tổng cộng 91 điểm", ": 17 điểm/20 điểm",
        " - 8,5 điểm", " tự đánh giá chấm điểm 6.5", " đạt được 9", " tổng số 88/100", ": - đạt 6 điểm",
        " là 3,75", "Tự \t chấm 4", " tự\nchấm 3 điểm", "Điểm", ": xyz", "17/", "2000 điểm", "", "/20",
        ": 17/20/30", " được 4 điểm điểm", " tổng 1.500", " TỔNG 70", " -: 5", "7 điểm / 10",
    ],
}

# what random strings are made of, per grammar: its words, digits and separators, and a few others
_PIECES: dict[str, list[str]] = {
    "date": ["ngày", "Ngày", "tháng", "THÁNG", "năm", "từ", "đến", "giai đoạn", "nhiệm kỳ", "6 tháng đầu",
             "chín tháng cuối", "2021", "1999", "12", "5", "07", "123", "/", "-", ".", " ", "  ", "\t", "x", "–"],
    "number": ["1", "23", "456", "7.890", ".", ",", "%", "/", " ", "  ", "0", "12.345.678", ",5", "a", "\n"],
    "symbol": ["12", "3a", "123456", "/", "-", "--", "QĐ", "UBND", "KL", "TW", "2020", " ", "_", "&", ".", "Đ",
               "a", "9"],
    "breakdown": ["5", "12", "1.250", ",5", "lớp", "cấp", "xã", "nam", "nữ", "và", "Và", ",", ";", " ", "\t", "-",
                  "\"", "_", "ha", "còn lại", "2.5"],
    "prose_score": [":", "-", "/", " ", "\t", "\n", "tự chấm", "tự  đánh giá", "đạt", "được", "là", "tổng cộng",
                    "tổng", "điểm", "Điểm", "28", "9,5", "7.25", "100", "1.000", "x"],
}


def _variants(span: str) -> list[str]:
    """The span with one character cut, doubled, swapped with the next, or replaced by a digit, a
    space, a letter or a slash: malformed neighbours of a good span."""
    out = []
    for i in range(len(span)):
        out += [span[:i] + span[i + 1:], span[:i] + span[i] + span[i:]]
        out += [span[:i] + c + span[i + 1:] for c in "7 a/"]
        if i + 1 < len(span):
            out.append(span[:i] + span[i + 1] + span[i] + span[i + 2:])
    return out


def _random_spans(name: str, count: int) -> list[str]:
    """Seeded random strings (the same on every run): half of them pieces of the grammar's alphabet
    strung together, half the written spans with a piece put in, swapped in or taken out, a piece
    being a run of digits, of letters, of blanks or one other character."""
    rng = random.Random(f"lalr-{name}")
    pieces = _PIECES[name]
    out = []
    for _ in range(count // 2):
        out.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 9))))
        parts = re.findall(r"\d+|[^\W\d_]+|\s+|.", rng.choice(SPANS[name]))
        for _ in range(rng.randint(1, 2)):
            at = rng.randint(0, len(parts))
            op = rng.choice(("put", "swap", "cut"))
            if op == "put" or not parts:
                parts.insert(at, rng.choice(pieces))
            elif op == "swap":
                parts[min(at, len(parts) - 1)] = rng.choice(pieces)
            else:
                del parts[min(at, len(parts) - 1)]
        out.append("".join(parts))
    return out


def _shape(node: Any) -> Any:  # noqa: ANN401 - a tree or token of either library
    """Everything the checker can read of a parse: rule names, token types, texts and positions."""
    if isinstance(node, LarkTree | lalr.Tree):
        return (str(node.data), [_shape(c) for c in node.children])
    if isinstance(node, LarkToken | lalr.Token):
        return (node.type, str(node), node.start_pos, node.end_pos, node.line, node.column, node.end_line,
                node.end_column)
    return ("other", repr(node))


def _lark_outcome(parse: Callable[[str], Any], text: str) -> tuple[Any, ...]:
    try:
        return ("parsed", _shape(parse(text)))
    except UnexpectedToken as exc:
        return ("error", exc.pos_in_stream, exc.token.type, str(exc.token))
    except UnexpectedCharacters as exc:
        return ("error", exc.pos_in_stream, None, None)


def _our_outcome(parse: Callable[[str], Any], text: str) -> tuple[Any, ...]:
    try:
        return ("parsed", _shape(parse(text)))
    except lalr.ParseError as exc:
        token = exc.token
        return ("error", exc.pos, None if token is None else token.type, None if token is None else str(token))


@pytest.fixture(scope="module")
def parsers() -> dict[str, tuple[Any, lalr.Parser]]:
    """Per grammar: Lark's own parser and ours, run from the tables of that very parser."""
    out = {}
    for name in grammar_names():
        lark = full_parser(name)
        out[name] = (lark, lalr.Parser(lalr.tables_from_lark(lark)))
    return out


def _assert_same(parsers: dict[str, tuple[Any, lalr.Parser]], name: str, texts: list[str]) -> dict[str, int]:
    lark, ours = parsers[name]
    outcomes = {"parsed": 0, "error": 0}
    for text in texts:
        want = _lark_outcome(lark.parse, text)
        assert _our_outcome(ours.parse, text) == want, (name, text)
        outcomes[want[0]] += 1
    return outcomes


def test_every_grammar_is_covered() -> None:
    assert sorted(SPANS) == sorted(_PIECES) == grammar_names()


@pytest.mark.parametrize("name", sorted(SPANS))
def test_written_spans_and_their_neighbours_give_what_lark_gives(parsers: dict, name: str) -> None:
    outcomes = _assert_same(parsers, name, SPANS[name] + [v for s in SPANS[name] for v in _variants(s)])
    assert outcomes["parsed"] >= 20 and outcomes["error"] >= 20, outcomes  # both sides exercised


@pytest.mark.parametrize("name", sorted(SPANS))
def test_random_spans_give_what_lark_gives(parsers: dict, name: str) -> None:
    outcomes = _assert_same(parsers, name, _random_spans(name, 3000))
    assert outcomes["parsed"] >= 10 and outcomes["error"] >= 10, outcomes


@pytest.mark.parametrize("name", sorted(SPANS))
def test_each_state_tries_the_terminals_in_larks_order(parsers: dict, name: str) -> None:
    # the contextual lexer's scanner of every state: the very regex Lark matches, and the same
    # keywords found inside a regex terminal (`_create_unless`)
    lark, ours = parsers[name]
    contextual = lark.parser.lexer
    for state, basic in contextual.lexers.items():
        scanner = ours._scanner(state)
        [want] = basic.scanner._mres
        assert scanner.pattern.pattern == want.pattern, (name, state)
        assert {k: v.pattern for k, v in scanner.unless.items()} == {
            k: cb.scanner._mres[0].pattern for k, cb in basic.callback.items()}, (name, state)
    assert ours._root is None or ours._root.pattern.pattern == contextual.root_lexer.scanner._mres[0].pattern


def test_the_tree_reads_as_larks(parsers: dict) -> None:
    # what the checker reads of a tree: iter_subtrees' order and scan_values
    for name, (lark, ours) in parsers.items():
        for text in SPANS[name]:
            try:
                theirs, mine = lark.parse(text), ours.parse(text)
            except (UnexpectedToken, UnexpectedCharacters):
                continue
            assert [_shape(t) for t in mine.iter_subtrees()] == [_shape(t) for t in theirs.iter_subtrees()]
            digits = lambda v: any(c.isdigit() for c in v)  # noqa: E731
            assert [_shape(t) for t in mine.scan_values(digits)] == [_shape(t) for t in theirs.scan_values(digits)]
            assert mine == ours.parse(text) and hash(mine) == hash(ours.parse(text))


def _calls(base: type) -> type:
    """A transformer that writes down each call: a rule method, a token method, the default for the
    other rules; the same code on Lark's Transformer and on ours."""

    class Recorder(base):  # type: ignore[misc, valid-type]
        def start(self, children: list[Any]) -> Any:  # noqa: ANN401
            return ("start", children)

        def number(self, children: list[Any]) -> Any:  # noqa: ANN401
            return ("number", [str(c) for c in children])

        def INT(self, token: Any) -> Any:  # noqa: ANN401, N802 - a terminal's name
            return ("INT", str(token), token.start_pos)

        def __default__(self, data: str, children: list[Any], *meta: Any) -> Any:  # noqa: ANN401
            return ("default", str(data), [_shape(c) if isinstance(c, LarkToken | lalr.Token) else c for c in children])

    return Recorder


def test_the_transformer_calls_what_larks_calls(parsers: dict) -> None:
    theirs, mine = _calls(LarkTransformer)(), _calls(lalr.Transformer)()
    for name, (lark, ours) in parsers.items():
        for text in SPANS[name]:
            try:
                want = theirs.transform(lark.parse(text))
            except (UnexpectedToken, UnexpectedCharacters):
                continue
            assert mine.transform(ours.parse(text)) == want, (name, text)


# Lark's tree shaping and lexing that grammar/ does not use yet, in a grammar written for this test:
# `!rule` keeps its anonymous tokens, `_rule` is inlined, `?rule` gives its one child unless aliased,
# a terminal's priority, a keyword with a flag inside a regex terminal; without %ignore (a state that
# only ends has no terminal at all) and with a blank-and-newline %ignore (lines and columns counted)
FEATURES = r"""
start: _item+ tail?
_item: pair | bang | maybe | _wrapped
pair: KEY "=" VALUE
!bang: "!" WORD ";"?
?maybe: WORD | WORD WORD -> two | OR
_wrapped: "(" _inner ")"
_inner: WORD ("," WORD)*
tail: NUM | "end"i
OR: "or"i
KEY: /k\d/
VALUE: /\w+/
WORD: /[a-z]+/i
NUM.2: /\d+/
"""
FEATURE_PIECES = ["k1", "=", "abc", "!", ";", "x", "Y", "(", ")", ",", "end", "END", "or", "OR", "12", " ", "\n",
                  "k", "9", "\t"]


@pytest.mark.parametrize("ignore", ["", "%ignore /\\s+/"])
def test_what_the_grammars_do_not_use_yet_gives_what_lark_gives(ignore: str) -> None:
    from lark import Lark

    lark = Lark(FEATURES + ignore, parser="lalr", lexer="contextual")
    ours = lalr.Parser(lalr.tables_from_lark(lark))
    rng = random.Random(f"features-{ignore}")
    texts = ["".join(rng.choice(FEATURE_PIECES) for _ in range(rng.randint(0, 9))) for _ in range(4000)]
    outcomes = _assert_same({"features": (lark, ours)}, "features", texts)
    assert outcomes["parsed"] >= 100 and outcomes["error"] >= 100, outcomes


def test_placeholders_are_refused_when_the_tables_are_made() -> None:
    from lark import Lark

    with pytest.raises(ValueError, match="placeholders"):
        lalr.tables_from_lark(Lark('start: "a" [B] "c"\nB: "b"', parser="lalr", maybe_placeholders=True))


def test_tables_are_plain_data(parsers: dict) -> None:
    # what the cache keeps: builtins only, no object of Lark's
    def plain(value: Any) -> bool:  # noqa: ANN401
        if isinstance(value, dict):
            return all(plain(k) and plain(v) for k, v in value.items())
        if isinstance(value, list | tuple):
            return all(plain(v) for v in value)
        return type(value) in (str, int, bool, type(None))

    for name in parsers:
        assert plain(lalr.tables_from_lark(parsers[name][0])), name


def test_a_table_of_another_shape_is_refused() -> None:
    with pytest.raises(ValueError):
        lalr.Parser({"data": {"options": {}}, "memo": {}})


@pytest.mark.slow
def test_every_span_the_checker_parses_on_the_real_reports(parsers: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    """The spans the pre-scans cut from ../shared (seeds, corpus, corpus/full, files), recorded as the
    checker hands them to its parsers, give what Lark gives."""
    folders = [SHARED / f for f in ("seeds", "corpus", "files")]  # corpus/full is under corpus
    paths = [p for f in folders if f.is_dir() for p in sorted(f.rglob("*"))
             if p.is_file() and p.suffix.lower() in (".txt", ".md", ".docx", ".pdf")]
    if not paths:
        pytest.skip("thư mục ../shared không có: bỏ qua các đoạn cắt từ báo cáo thật")
    from checker import entities, numbers
    from checker import parsers as loaded
    from checker.api import check
    from checker.facts import quantities, score

    for module in (entities, numbers, quantities, score):  # parsed again, not answered from a cache
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
    names = {id(loaded.parser(n)): n for n in grammar_names()}
    seen: dict[str, set[str]] = {}
    kind = type(loaded.parser("date"))
    plain_parse = kind.parse

    def recording_parse(self: Any, text: str) -> Any:  # noqa: ANN401
        seen.setdefault(names[id(self)], set()).add(text)
        return plain_parse(self, text)

    monkeypatch.setattr(kind, "parse", recording_parse)
    for path in paths:
        check(path)
    monkeypatch.undo()
    assert {"date", "number", "symbol", "breakdown"} <= seen.keys()
    for name, texts in seen.items():
        outcomes = _assert_same(parsers, name, sorted(texts))
        assert outcomes["parsed"] > 0, name
