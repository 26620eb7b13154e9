"""Fast whole-text scans: find where a pattern can start cheaply, then match only there.

Python's `re` jumps between candidate positions in C only when a pattern starts with a literal or a
character class, or is an alternation whose every branch starts with a literal. A pattern that starts
with a lookbehind, `\\b` or an alternation of classes is tried at every character: 5–7 ms on a 75 KB
report each, and a report is scanned by dozens of them. `anchors()` builds the fast kind of pattern
for the places a slow one can start (its leading words and digits), and `finditer_anchored()` gives
exactly the matches of `regex.finditer` while calling `regex.match` only at those places.
"""

from __future__ import annotations

import functools
import heapq
import re
import sys
from collections.abc import Callable, Iterable, Iterator

try:  # the parser `re` itself uses: 3.11+ names it re._parser
    import re._parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]


def _trie(words: list[str], not_after: str, prefix: str) -> str:
    """An alternation of `words` factored by first character; each complete word checks `not_after`."""
    branches: list[str] = []
    by_first: dict[str, list[str]] = {}
    ends_here = False
    for w in words:
        if not w:
            ends_here = True
        else:
            by_first.setdefault(w[0], []).append(w[1:])
    for first, rests in by_first.items():
        branches.append(re.escape(first) + _trie(rests, not_after, prefix + first))
    if ends_here:
        # the word is complete: it must not continue a longer word (fixed-width lookbehind)
        branches.append(f"(?<!{not_after}{re.escape(prefix)})" if not_after else "")
    if len(branches) == 1:
        return branches[0]
    # longer words first, as in the original alternation ("thông báo kết luận" before "thông báo")
    branches.sort(key=lambda b: b.startswith("(?<!") or b == "")
    return "(?:" + "|".join(branches) + ")"


def anchors(words: Iterable[str] = (), *, digits: bool = False, not_after: str = r"\w") -> re.Pattern[str]:
    """A pattern finding every place where one of `words` (or a digit run) starts a token.

    Words are matched as written: for a case-insensitive pattern give them lower-cased and search the
    lower-cased text (`source.lower`, same offsets; `Context.scan` does). A start preceded by a
    `not_after` character (a class, e.g. `\\w` or `[\\w/.,-]`; "" for none) is not one.
    Every top-level branch starts with a literal, so `re` skips between candidates in C.
    """
    words = sorted(set(words), key=lambda w: (-len(w), w))

    def build() -> str:
        by_first: dict[str, list[str]] = {}
        for w in words:
            by_first.setdefault(w[0], []).append(w[1:])
        branches = [re.escape(first) + _trie(rests, not_after, first) for first, rests in by_first.items()]
        if digits:
            behind = f"(?<!{not_after}\\d)" if not_after else ""
            branches += [f"{d}{behind}" for d in "0123456789" if d not in by_first]
        return "|".join(branches)

    return re.compile(_kept(("anchors", not_after, str(digits), *words), build))


def word_trie(words: Iterable[str]) -> str:
    """A regex alternation of `words` (lower-cased letters: for an IGNORECASE pattern) factored by
    character: it matches what `"|".join(words sorted longest first)` matches, trying the same words
    in the same order (at one place the words that match are prefixes of each other: longest first),
    but `re` compares a character once, not once per word (56 type words: 2 µs → 0.5 µs a try)."""
    words = sorted(set(words), key=lambda w: (-len(w), w))

    def build() -> str:
        by_first: dict[str, list[str]] = {}
        for w in words:
            by_first.setdefault(w[0], []).append(w[1:])
        return "(?:" + "|".join(re.escape(first) + _trie(rests, "", first) for first, rests in by_first.items()) + ")"

    return _kept(("word_trie", *words), build)


def _kept(key: tuple[str, ...], build: Callable[[], str]) -> str:
    """`build()`, or the text an earlier run of the command built from the same words: the command
    line keeps it with its compiled patterns (`checker/recache.py`), where building the tries of the
    rule data's ~1,500 type words again was ~1,200 calls of `_trie` in every worker's first file."""
    recache = sys.modules.get("checker.recache")
    return build() if recache is None else recache.kept_text(key, build)


def finditer_anchored(
    regex: re.Pattern[str], starts: re.Pattern[str], text: str, hay: str | None = None, pos: int = 0
) -> Iterator[re.Match[str]]:
    """The matches of `regex.finditer(text)`, trying `regex.match` only where `starts` matches.

    `starts` must find every position where `regex` can match (a superset is fine), searched in `hay`:
    `text` itself or a same-length folding of it (lower-cased, for a case-insensitive `regex`).
    `regex` must not match the empty string.
    """
    hay = text if hay is None else hay
    search, match = starts.search, regex.match
    while True:
        a = search(hay, pos)
        if a is None:
            return
        at = a.start()
        m = match(text, at)
        if m is None:
            pos = at + 1
            continue
        yield m
        pos = max(m.end(), at + 1)


def finditer_at(regex: re.Pattern[str], text: str, positions: Iterable[int]) -> Iterator[re.Match[str]]:
    """The matches of `regex.finditer(text)`, given (sorted) every position where one can start.

    For patterns many rules share a start for (a number not inside another token): the positions are
    found once per report and each rule only calls `regex.match` there.
    """
    match = regex.match
    last = 0
    for at in positions:
        if at < last:
            continue
        m = match(text, at)
        if m is not None:
            yield m
            last = max(m.end(), at + 1)


@functools.lru_cache(maxsize=256)
def _literal(word: str) -> re.Pattern[str]:
    return re.compile(re.escape(word))


def literal_starts(hay: str, words: Iterable[str], pos: int = 0) -> list[int]:
    """Sorted offsets (from `pos`) where one of `words` occurs in `hay`, each word searched on its own.

    A pattern that is one literal is searched in C at about a nanosecond a character; an alternation
    of a few words (`tăng|giảm`) is a class scan that enters the matcher at every `t` and `g`: five
    times slower. For the few marker words of a relation, one literal scan each is the fast form.
    The scan is `str.find`'s (what `_literal(word).finditer` gives: each match resumes after the last,
    so the same non-overlapping places): it skips along the text faster than `re`'s literal prefix
    search, ten times for one character ("@", "("), a third for a word (0.30 → 0.17 ms for "tăng" on
    the five seeds), and 13 words were scanned per seed.
    """
    found: set[int] = set()
    for word in words:
        if not word:  # (matches at every place: `re` says where, and find would not move on)
            found.update(map(re.Match.start, _literal(word).finditer(hay, pos)))
            continue
        find, step, add = hay.find, len(word), found.add
        at = find(word, pos)
        while at >= 0:
            add(at)
            at = find(word, at + step)
    return sorted(found)


# Letters that a case-insensitive `re` pattern matches to i or s although their lower-cased form is
# not that letter (dotless ı, dotted İ, long ſ): in a text holding one, lower-cased literals miss a match.
EXOTIC_CASE = "ıİſ"


def exotic_case(text: str) -> bool:
    """Whether `text` holds a letter of `EXOTIC_CASE` (three `in` tests, not a scan)."""
    return any(c in text for c in EXOTIC_CASE)


def finditer_literals(
    regex: re.Pattern[str], words: Iterable[str], text: str, hay: str | None = None, pos: int = 0
) -> Iterator[re.Match[str]]:
    """The matches of `regex.finditer(text, pos)` for a pattern that can only start where one of
    `words` occurs in `hay` (`text`, or its same-length lower-cased form for a case-insensitive one;
    a text with an `EXOTIC_CASE` letter is scanned the plain way)."""
    if hay is not None and hay is not text and exotic_case(text):
        return regex.finditer(text, pos)
    return finditer_at(regex, text, literal_starts(text if hay is None else hay, words, pos))


def finditer_lines(regex: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
    """The matches of `regex.finditer(text, pos, endpos)` for a pattern that matches only at the start
    of a line (led by `^` under `re.M`, which holds at the string's start and after each newline),
    tried only there: such a pattern (`^\\s*…`) is otherwise tried at every character. `regex` must
    not match the empty string."""
    end = len(text) if endpos is None else min(endpos, len(text))
    pos = max(pos, 0)
    if pos > end:
        return
    match, find = regex.match, text.find
    at = pos if pos == 0 or text[pos - 1] == "\n" else find("\n", pos, end) + 1
    if at == 0 and pos > 0:
        return  # no line starts from pos on
    while True:
        m = match(text, at, end)
        if m is not None:
            yield m
            at = m.end()
            if text[at - 1] == "\n":
                continue  # the match took the line break: the next line starts where it ends
        nl = find("\n", at, end)
        if nl < 0:
            return
        at = nl + 1


def line_windows(text: str, offsets: Iterable[int], lines_before: int = 0) -> list[tuple[int, int]]:
    """[start, end) of the lines holding `offsets` (sorted), each with `lines_before` lines above it,
    overlapping ones merged: where a rare pattern that never crosses those lines can match."""
    windows: list[tuple[int, int]] = []
    for at in offsets:
        if windows and at < windows[-1][1]:
            continue  # inside the window already found: looking for its line again made a long line quadratic
        start = text.rfind("\n", 0, at)
        for _ in range(lines_before):
            start = text.rfind("\n", 0, start) if start > 0 else -1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if windows and start + 1 <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start + 1, end))
    return windows


def finditer_windows(regex: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """`regex.finditer(text)` for a pattern that cannot match outside `windows` (see `line_windows`)."""
    for start, end in windows:
        yield from regex.finditer(text, start, end)


# A number that starts a token: after no word character, dot, comma or slash ("1.783,39" counts
# once, from its first digit; "274/QĐ" and "15/19" count their first number only). Any decimal digit
# (`\d`, as the patterns tried there read digits): the places of `(?<![\w.,/])\d`, the lookbehind
# after the digit so that `re` jumps between digits in C.
NUMBER_STARTS = re.compile(r"\d(?<![\w.,/]\d)")


_REPEATS = tuple(
    op for op in (getattr(_sre_parse, n, None) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")) if op
)


def _plain(ch: str) -> bool:
    """A character whose case-insensitive match is exactly `lower()` equality: no case (digits,
    punctuation), or a Latin/Vietnamese letter without special folds (k, s, i have Kelvin sign, long
    s, dotless i)."""
    if ch.lower() == ch.upper():
        return True
    code = ord(ch.lower())
    return ch.isalpha() and ch.lower() not in "ksi" and (code < 0x0250 or 0x1EA0 <= code <= 0x1EFF)


@functools.lru_cache(maxsize=1024)
def required_literals(pattern: str, flags: int = re.IGNORECASE) -> frozenset[str]:
    """Lower-cased strings (two or more characters) that every text `pattern` matches in contains:
    those of the match itself and of its positive lookaheads.

    A rule-pack pattern such as `\\bQuyết\\s+định\\s+(?:số\\s*)?274\\b…` cannot start fast (it is
    case-insensitive and starts with a letter), but it needs "274" and "quyết": a text whose lower-cased
    form lacks one is skipped by an `in` test. Anything the parser does not give (a newer `re`) gives
    the empty set: no skipping, same result.
    """
    try:
        return frozenset(_required(_sre_parse.parse(pattern, flags).data))
    except Exception:  # noqa: BLE001 - an optimisation must never break a rule pack
        return frozenset()


@functools.lru_cache(maxsize=1024)
def leading_literals(pattern: str, flags: int = re.IGNORECASE) -> tuple[str, ...] | None:
    """Lower-cased literals one of which every match of `pattern` starts with (after its zero-width
    assertions: `\\b`, `^`, lookarounds), or None when the pattern does not say (a class, a repeat, a
    letter whose case-insensitive match is not `lower()` equality). Searched for in the lower-cased
    text, they are the only places where the pattern can match (`search_led`)."""
    try:
        found = _leading(_ops(_sre_parse.parse(pattern, flags).data))
    except Exception:  # noqa: BLE001 - an optimisation must never break a rule pack
        return None
    return tuple(sorted(found)) if found else None


def _leading(items: list) -> set[str] | None:
    for i, (op, av) in enumerate(items):
        if op is _sre_parse.AT or op is _sre_parse.ASSERT or op is _sre_parse.ASSERT_NOT:
            continue  # zero-width: the match starts at what follows
        if op is _sre_parse.LITERAL:
            run = []
            for op2, av2 in items[i:]:
                if op2 is not _sre_parse.LITERAL or not _plain(chr(av2)):
                    break
                run.append(chr(av2).lower())
            return {"".join(run)} if run else None
        if op is _sre_parse.SUBPATTERN:
            return _leading(_ops(av[-1]))
        if op is _sre_parse.BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                lead = _leading(_ops(branch))
                if lead is None:
                    return None
                out |= lead
            return out
        if op in _REPEATS and av[0] >= 1:
            return _leading(_ops(av[2]))
        return None
    return None


def search_led(regex: re.Pattern[str], literals: tuple[str, ...] | None, text: str, hay: str) -> re.Match[str] | None:
    """`regex.search(text)` for a pattern whose every match starts with one of `literals` (its
    `leading_literals`), tried only where one occurs in `hay` (the same-length lower-cased `text`);
    the plain search without them."""
    if literals is None:
        return regex.search(text)
    # merged as they come, so that a match near the start ends the search early
    return next(finditer_at(regex, text, heapq.merge(*(occurrences(hay, w) for w in literals))), None)


def occurrences(hay: str, word: str) -> Iterator[int]:
    """Every offset where `word` occurs in `hay`, overlapping ones too ("2020" twice in "202020")."""
    find = hay.find
    at = find(word)
    while at >= 0:
        yield at
        at = find(word, at + 1)


def occurrences_of_any(hay: str, words: Iterable[str]) -> list[int]:
    """Every offset where one of `words` occurs in `hay`, sorted (an offset twice if two words start there):
    one `str.find` loop a word, for the few fixed marks a rule wants all of (brackets, intro words), where
    a class or an alternation would enter the matcher at every character."""
    found: list[int] = []
    for word in words:
        find = hay.find
        at = find(word)
        while at >= 0:
            found.append(at)
            at = find(word, at + 1)
    found.sort()
    return found


def _ops(sub: object) -> list:
    """The operations of a parsed sub-pattern (a SubPattern object, or already its list)."""
    return getattr(sub, "data", sub)  # type: ignore[return-value]


def _required(items: list) -> set[str]:
    out: set[str] = set()
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 2:
            out.add("".join(run))
        run.clear()

    for op, av in items:
        if op is _sre_parse.LITERAL and _plain(chr(av)):
            run.append(chr(av).lower())
            continue
        flush()
        if op is _sre_parse.SUBPATTERN:
            out |= _required(_ops(av[-1]))
        elif op is _sre_parse.BRANCH:
            sets = [_required(_ops(b)) for b in av[1]]
            out |= set.intersection(*sets) if sets else set()
        elif op in _REPEATS and av[0] >= 1:
            out |= _required(_ops(av[2]))
        elif op is _sre_parse.ASSERT and av[0] == 1:
            # a lookahead's text stands after the match's start: the text holds it too (a framework's
            # "both phrases anywhere" is `\A(?=.*?A)(?=.*?B)`)
            out |= _required(_ops(av[1]))
    flush()
    return out
