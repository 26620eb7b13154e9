"""A small runtime for the LALR tables Lark builds from `grammar/*.lark` (issue 19: a fast start).

Lark stays the grammar compiler: `tables_from_lark` reads, at build time only, what a `lark.Lark`
(`parser="lalr"`, contextual lexer) compiled from a grammar into plain data (dicts, lists, strings,
regex sources), which checker/parsers.py keeps in the private cache. `Parser` runs those tables
without importing `lark` at all: Lark's runtime modules import `inspect` (with ast, dis, tokenize)
and `logging`, ~15 ms of every start together with their own code, for a parse of a few short spans.

Each step mirrors the Lark 1.x code it replaces, so that a span gives the same tree, token for token
with positions, or fails at the same place (tests/test_lalr.py holds the two to each other):
- the contextual lexer (`lark/lexer.py`: `ContextualLexer`, `BasicLexer`, `Scanner`, `_create_unless`,
  `LineCounter`): per parser state the terminals it accepts, tried in one alternation in Lark's
  order, and the root lexer's second look when none matches;
- the LALR driver (`lark/parsers/lalr_parser_state.py`: `ParserState.feed_token`, and
  `lark/parsers/lalr_parser.py`: the `$END` token);
- the tree builder (`lark/parse_tree_builder.py`: `maybe_create_child_filter`, `ExpandSingleChild`);
- `Tree`, `Token` and a `Transformer` with what the checker reads of Lark's (`lark/tree.py`,
  `lark/visitors.py`).
What Lark offers and no grammar here uses (placeholders for `[x]`, templates, lexer callbacks, a
post-lexer, other regex flags) is refused when the tables are made, not silently run otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

# the shape of the data `tables_from_lark` writes; a cache entry of another shape is rebuilt
TABLES_FORMAT = 1
_SHIFT, _REDUCE = 0, 1


class ParseError(Exception):
    """The text is not in the grammar. `pos` is where Lark's `UnexpectedInput` says (its
    `pos_in_stream`): the character no terminal matches (`token` None, Lark's
    `UnexpectedCharacters`), or the start of a token the grammar does not accept there (Lark's
    `UnexpectedToken`; `$END` borrows the last token's position, or 0 for an empty text)."""

    def __init__(self, message: str, pos: int, token: Token | None = None) -> None:
        super().__init__(message)
        self.pos = pos
        self.token = token


class Token(str):
    """A matched terminal: the text itself (a `str`) with its terminal's name and its place, as Lark's
    `Token` (compared as text, but never equal to a token of another type)."""

    __slots__ = ("type", "value", "start_pos", "line", "column", "end_line", "end_column", "end_pos")

    type: str
    value: str
    start_pos: int
    line: int
    column: int
    end_line: int
    end_column: int
    end_pos: int

    def __new__(cls, type_: str, value: str, start_pos: int, line: int, column: int,
                end_line: int, end_column: int, end_pos: int) -> Token:
        token = super().__new__(cls, value)
        token.type, token.value, token.start_pos, token.line, token.column = type_, value, start_pos, line, column
        token.end_line, token.end_column, token.end_pos = end_line, end_column, end_pos
        return token

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.value!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Token) and self.type != other.type:
            return False
        return str.__eq__(self, other)

    __hash__ = str.__hash__

    def __reduce__(self) -> tuple[Any, ...]:  # a str subclass with slots: pickled by its arguments
        return (Token, (self.type, self.value, self.start_pos, self.line, self.column,
                        self.end_line, self.end_column, self.end_pos))


class Tree:
    """A rule's node: `data` is the rule's name (or its alias), `children` its kept trees and tokens."""

    __slots__ = ("data", "children")
    __match_args__ = ("data", "children")

    def __init__(self, data: str, children: list[Any]) -> None:
        self.data = data
        self.children = children

    def __repr__(self) -> str:
        return f"Tree({self.data!r}, {self.children!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tree) and self.data == other.data and self.children == other.children

    def __hash__(self) -> int:
        return hash((self.data, tuple(self.children)))

    def iter_subtrees(self) -> Iterator[Tree]:
        """Every subtree once, children before their parent, in Lark's `Tree.iter_subtrees` order."""
        queue = [self]
        subtrees: dict[int, Tree] = {}
        for subtree in queue:
            subtrees[id(subtree)] = subtree
            queue += [c for c in reversed(subtree.children) if isinstance(c, Tree) and id(c) not in subtrees]
        return reversed(list(subtrees.values()))

    def scan_values(self, pred: Callable[[Any], bool]) -> Iterator[Any]:
        """The leaves (tokens) for which `pred` holds, left to right, as Lark's `Tree.scan_values`."""
        for c in self.children:
            if isinstance(c, Tree):
                yield from c.scan_values(pred)
            elif pred(c):
                yield c


class Transformer:
    """Lark's `Transformer` as the checker uses it: bottom-up, a method named as a rule (or alias) is
    called with the node's transformed children; a node without one becomes a `Tree` again
    (`__default__`); a token goes to a method named as its terminal if there is one (Lark's default
    `visit_tokens=True`), else stays as it is (`__default_token__`)."""

    def transform(self, tree: Tree) -> Any:  # noqa: ANN401 - whatever the methods build
        return self._transform_tree(tree)

    def _transform_tree(self, tree: Tree) -> Any:  # noqa: ANN401
        children = [self._transform_tree(c) if isinstance(c, Tree)
                    else self._transform_token(c) if isinstance(c, Token) else c for c in tree.children]
        method = getattr(self, tree.data, None)
        return self.__default__(tree.data, children) if method is None else method(children)

    def _transform_token(self, token: Token) -> Any:  # noqa: ANN401
        method = getattr(self, token.type, None)
        return self.__default_token__(token) if method is None else method(token)

    def __default__(self, data: str, children: list[Any]) -> Any:  # noqa: ANN401
        return Tree(data, children)

    def __default_token__(self, token: Token) -> Any:  # noqa: ANN401
        return token


# -- the tables, made at build time from a lark.Lark -------------------------------------------------
def tables_from_lark(lark: Any) -> dict[str, Any]:  # noqa: ANN401 - a lark.Lark (not imported here)
    """What `Parser` needs of a compiled `lark.Lark` (LALR, contextual lexer), as plain data: the parse
    table (per state, per symbol: shift to a state or reduce by a rule's index), the rules (origin,
    alias, expansion with each symbol's filter flag, `?rule` and `!rule` options), the terminals (name,
    kind, literal or regex source, the regex Lark matches, flags, priority, widest match) and the
    `%ignore` terminals. The contextual lexer's terminals per state are the state's symbols, as Lark
    derives them (`create_contextual_lexer`)."""
    from lark.parsers.lalr_analysis import Shift  # build time only

    options, conf = lark.options, lark.parser.lexer_conf
    if (options.parser, options.lexer) != ("lalr", "contextual"):
        raise ValueError(f"parser {options.parser!r} with lexer {options.lexer!r}: only LALR with the contextual lexer")
    if conf.postlex is not None or conf.callbacks or conf.use_bytes or conf.g_regex_flags or conf.re_module is not re:
        raise ValueError("a post-lexer, lexer callbacks, bytes, regex flags or another regex module: not run here")
    table = lark.parser.parser._parse_table
    [start] = options.start
    rule_index: dict[Any, int] = {}
    states: dict[int, dict[str, tuple[int, int]]] = {}
    for state, actions in table.states.items():
        row = states[state] = {}
        for symbol, (action, arg) in actions.items():
            row[str(symbol)] = (_SHIFT, arg) if action is Shift else (_REDUCE, rule_index.setdefault(arg, len(rule_index)))
    rules = []
    for rule in rule_index:  # in index order (a dict keeps its insertion order)
        if any(rule.options.empty_indices) or rule.options.template_source is not None:
            raise ValueError(f"rule {rule.origin.name}: placeholders ([x]) or templates are not run here")
        rules.append({
            "origin": str(rule.origin.name),
            "alias": None if rule.alias is None else str(rule.alias),
            "expansion": [(str(s.name), bool(s.is_term), bool(getattr(s, "filter_out", False))) for s in rule.expansion],
            "expand1": bool(rule.options.expand1),
            "keep_all_tokens": bool(rule.options.keep_all_tokens),
        })
    terminals = [{
        "name": str(t.name), "kind": t.pattern.type, "value": t.pattern.value, "regexp": t.pattern.to_regexp(),
        "flags": sorted(t.pattern.flags), "priority": t.priority, "max_width": t.pattern.max_width,
    } for t in conf.terminals]
    return {"format": TABLES_FORMAT, "states": states, "start_state": table.start_states[start],
            "end_state": table.end_states[start], "rules": rules, "terminals": terminals,
            "ignore": sorted(conf.ignore)}


# -- the runtime --------------------------------------------------------------------------------------
class _Rule:
    """How a reduced rule becomes a node, as `ParseTreeBuilder` wraps Lark's tree class."""

    __slots__ = ("origin", "size", "data", "include", "expand1")

    def __init__(self, origin: str, alias: str | None, expansion: list[tuple[str, bool, bool]],
                 expand1: bool, keep_all_tokens: bool) -> None:
        self.origin = origin
        self.size = len(expansion)
        self.data = alias or origin  # `user_callback_name`: the alias names the node
        # `maybe_create_child_filter`: a filtered terminal (an anonymous string, an `_UPPER` name) is
        # dropped unless the rule is `!rule`; an `_rule` child is inlined (its children take its place)
        include = [(i, not is_term and name.startswith("_")) for i, (name, is_term, filter_out) in enumerate(expansion)
                   if keep_all_tokens or not (is_term and filter_out)]
        self.include = include if len(include) < len(expansion) or any(e for _, e in include) else None
        self.expand1 = expand1 and not alias  # `?rule` with one child gives the child, unless aliased

    def build(self, children: list[Any]) -> Any:  # noqa: ANN401 - a Tree, or the one child of a ?rule
        if self.include is not None:  # `ChildFilterLALR_NoPlaceholders`, then `ExpandSingleChild`
            kept: list[Any] = []
            for i, inline in self.include:
                if inline:
                    kept += children[i].children
                else:
                    kept.append(children[i])
            children = kept
        if self.expand1 and len(children) == 1:
            return children[0]
        return Tree(self.data, children)


class _Terminal:
    __slots__ = ("name", "is_str", "value", "regexp", "flags", "priority", "max_width")

    def __init__(self, name: str, kind: str, value: str, regexp: str, flags: list[str], priority: int,
                 max_width: int) -> None:
        self.name, self.is_str, self.value, self.regexp = name, kind == "str", value, regexp
        self.flags, self.priority, self.max_width = frozenset(flags), priority, max_width


def _alternation(terminals: list[_Terminal]) -> re.Pattern[str]:
    # `Scanner._build_mres`: one group per terminal, tried in order (Python's re has no group limit
    # now); no terminal at all (a state that only ends, in a grammar without %ignore) matches nothing
    return re.compile("|".join(f"(?P<{t.name}>{t.regexp})" for t in terminals) or "(?!)")


def _may_hold_newline(regexp: str) -> bool:
    # `_regexp_has_newline`: only such terminals are counted for lines
    return "\n" in regexp or "\\n" in regexp or "\\s" in regexp or "[^" in regexp or ("(?s" in regexp and "." in regexp)


class _Scanner:
    """One of Lark's `BasicLexer`s: a set of terminals (a state's and the `%ignore` ones) in one regex."""

    def __init__(self, terminals: list[_Terminal], ignore: frozenset[str]) -> None:
        self.ignore = ignore
        self.newline_types = frozenset(t.name for t in terminals if _may_hold_newline(t.regexp))
        # Lark's order: higher priority first, then the widest possible match, then the longer source
        terminals = sorted(terminals, key=lambda t: (-t.priority, -t.max_width, -len(t.value), t.name))
        # `_create_unless`: a string terminal that a regex terminal of the same priority matches whole
        # (`_AND: "và"` against `WORD`) is found as that regex terminal, then renamed by a full match of
        # the strings; with flags the regex has too, the string leaves the alternation
        self.unless: dict[str, re.Pattern[str]] = {}
        embedded: set[str] = set()
        strings = [t for t in terminals if t.is_str]
        for regex in (t for t in terminals if not t.is_str):
            unless = []
            for string in strings:
                if string.priority != regex.priority:
                    continue
                m = re.match(regex.regexp, string.value)
                if m is not None and m.group(0) == string.value:
                    unless.append(string)
                    if string.flags <= regex.flags:
                        embedded.add(string.name)
            if unless:
                self.unless[regex.name] = _alternation(unless)
        self.pattern = _alternation([t for t in terminals if t.name not in embedded])


class _NoMatch(Exception):  # noqa: N818 - internal: no terminal of the scanner matches here
    pass


class Parser:
    """A grammar's parser from `tables_from_lark`'s data: `parse(text)` gives Lark's tree or raises
    `ParseError` where Lark raises `UnexpectedInput`."""

    def __init__(self, tables: dict[str, Any]) -> None:
        if tables.get("format") != TABLES_FORMAT:
            raise ValueError("not the tables of checker/lalr.py")
        self._states: dict[int, dict[str, tuple[int, int]]] = tables["states"]
        self._start_state: int = tables["start_state"]
        self._end_state: int = tables["end_state"]
        self._rules = [_Rule(**r) for r in tables["rules"]]
        self._terminals = {t["name"]: _Terminal(**t) for t in tables["terminals"]}
        self._ignore = frozenset(tables["ignore"])
        # `ContextualLexer`: a scanner per state, shared by the states that accept the same terminals,
        # made when a state first lexes (as Lark compiles each BasicLexer's scanner on first use)
        self._scanners: dict[int, _Scanner] = {}
        self._by_terminals: dict[frozenset[str], _Scanner] = {}
        self._root: _Scanner | None = None

    def _scanner(self, state: int) -> _Scanner:
        names = frozenset(n for n in self._states[state] if n in self._terminals) | self._ignore
        scanner = self._by_terminals.get(names)
        if scanner is None:
            scanner = self._by_terminals[names] = _Scanner([self._terminals[n] for n in names], self._ignore)
        self._scanners[state] = scanner
        return scanner

    def parse(self, text: str) -> Tree:
        states, rules, end_state = self._states, self._rules, self._end_state
        state_stack = [self._start_state]
        value_stack: list[Any] = []
        # `LineCounter`
        pos, line, line_start, end = 0, 1, 0, len(text)
        last: Token | None = None

        def feed(token: Token, is_end: bool) -> Any:  # noqa: ANN401 - `ParserState.feed_token`
            while True:
                action = states[state_stack[-1]].get(token.type)
                if action is None:
                    raise ParseError(f"unexpected {token.type} {token.value!r} at {token.start_pos}", token.start_pos, token)
                kind, arg = action
                if kind == _SHIFT:  # shift once and return
                    state_stack.append(arg)
                    value_stack.append(token)
                    return None
                rule = rules[arg]  # reduce, then shift the rule's node, as many times as needed
                size = rule.size
                if size:
                    children = value_stack[-size:]
                    del state_stack[-size:]
                    del value_stack[-size:]
                else:
                    children = []
                value = rule.build(children)
                _, goto = states[state_stack[-1]][rule.origin]
                state_stack.append(goto)
                value_stack.append(value)
                if is_end and goto == end_state:
                    return value

        while pos < end:
            # `ContextualLexer.lex`: the scanner of the state the parser is in; ignored terminals skipped
            scanner = self._scanners.get(state_stack[-1]) or self._scanner(state_stack[-1])
            m = scanner.pattern.match(text, pos)
            if m is None:
                self._unexpected(text, pos, line, line_start)
            value, type_ = m.group(), m.lastgroup or ""
            start, start_line, start_column = pos, line, pos - line_start + 1
            if type_ in scanner.newline_types:
                newlines = value.count("\n")
                if newlines:
                    line += newlines
                    line_start = pos + value.rindex("\n") + 1
            pos += len(value)
            if type_ in scanner.ignore:
                continue
            unless = scanner.unless.get(type_)
            if unless is not None:  # `UnlessCallback`: a keyword found as the regex terminal
                found = unless.fullmatch(value)
                if found is not None:
                    type_ = found.lastgroup or type_
            last = Token(type_, value, start, start_line, start_column, line, pos - line_start + 1, pos)
            feed(last, False)
        # `parse_from_state`: the end token borrows the last token's place
        if last is None:
            end_token = Token("$END", "", 0, 1, 1, 1, 1, 0)
        else:
            end_token = Token("$END", "", last.start_pos, last.line, last.column, last.end_line, last.end_column,
                              last.end_pos)
        return feed(end_token, True)

    def _unexpected(self, text: str, pos: int, line: int, line_start: int) -> None:
        """No terminal of the state matches at `pos`. As the contextual lexer does, look again with all
        the terminals (Lark's root lexer): a terminal found there is an unexpected token at `pos`, else
        it is an unexpected character. (What the root lexer finds at `pos` is never an `%ignore`
        terminal: every state's scanner has those, and it matched nothing.)"""
        if self._root is None:
            self._root = _Scanner(list(self._terminals.values()), self._ignore)
        m = self._root.pattern.match(text, pos)
        if m is None:
            raise ParseError(f"unexpected character {text[pos]!r} at {pos}", pos)
        value, type_ = m.group(), m.lastgroup or ""
        unless = self._root.unless.get(type_)
        found = unless.fullmatch(value) if unless is not None else None
        if found is not None:
            type_ = found.lastgroup or type_
        column = pos - line_start + 1
        token = Token(type_, value, pos, line, column, line, column + len(value), m.end())
        raise ParseError(f"unexpected {type_} {value!r} at {pos}", pos, token)
