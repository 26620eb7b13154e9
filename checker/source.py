"""The text every rule reads, and the map from it back to what the author's editor shows.

Ingest turns any input (UTF-8/UTF-16 text, Markdown export, .docx) into one `SourceText`: a single
normalised string (NFC, Markdown residue removed, exotic spaces and dashes folded) plus a way to turn
any offset in it into the line and column of the *original* file, or into a `.docx` location.
Every later stage works on offsets into `SourceText.text` only.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:
    from checker.ingest.pdf import PdfLayout

from checker.model import MadeOnRead

# Characters that carry no text and confuse matching (zero-width joiners, soft hyphen, BOM).
_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\r"}
# Characters folded to their plain form in the normalised text.
_REPLACE = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u2002": " ", "\u2003": " ",
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2011": "-",
    # Ƣ ƣ (Latin OI) stand for Ư ư in PDF copies whose fonts map the letter wrongly ("Ƣớc", "đƣợc"): the
    # rules read the letter the writer typed
    "\u01a2": "\u01af", "\u01a3": "\u01b0",
}
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+")


class OffsetMap(Sequence[int]):
    """For each character of a normalised text, its offset in the text it was made from.

    Normalisation changes few spots, so the map is kept as runs where both offsets advance together:
    run k starts at normalised offset `starts[k]`, which came from `origins[k]` (8 bytes per run, a
    few runs per megabyte of ordinary text). When the runs would outweigh one 4-byte entry per
    character (a text of nothing but decomposed accents), the map is one `array("I")` entry per
    character instead. A list held one Python int per character: 47 bytes of memory per input byte.
    """

    __slots__ = ("_dense", "_length", "_origins", "_starts")

    def __init__(self, values: Iterable[int] = ()) -> None:
        self._starts = array("I")
        self._origins = array("I")
        self._dense: array[int] | None = None
        self._length = 0
        for value in values:
            self.append(value)
        self.finish()

    # -- building (normalisation appends in order, then calls finish) ------------------------------
    def append(self, origin: int) -> None:
        """The next normalised character came from `origin`."""
        starts, origins = self._starts, self._origins
        if not starts or origins[-1] + (self._length - starts[-1]) != origin:
            starts.append(self._length)
            origins.append(origin)
        self._length += 1

    def extend_identity(self, first: int, stop: int) -> None:
        """The next `stop - first` normalised characters came from `first`, `first + 1`, … unchanged."""
        if stop <= first:
            return
        self.append(first)
        self._length += stop - first - 1

    def finish(self) -> OffsetMap:
        """Go dense when runs cost more than one 4-byte entry per character."""
        if len(self._starts) * 2 > self._length and self._length:
            self._dense = array("I", self._iter_runs())
            self._starts, self._origins = array("I"), array("I")
        return self

    def _iter_runs(self) -> Iterator[int]:
        starts, origins, n = self._starts, self._origins, len(self._starts)
        for k in range(n):
            end = starts[k + 1] if k + 1 < n else self._length
            yield from range(origins[k], origins[k] + end - starts[k])

    # -- reading ------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return self._length

    def __getitem__(self, offset: int) -> int:  # type: ignore[override]
        if not isinstance(offset, int):
            raise TypeError("OffsetMap takes one offset, not a slice")
        if offset < 0:
            offset += self._length
        if not 0 <= offset < self._length:
            raise IndexError(offset)
        if self._dense is not None:
            return self._dense[offset]
        k = bisect.bisect_right(self._starts, offset) - 1
        return self._origins[k] + offset - self._starts[k]

    def __iter__(self) -> Iterator[int]:
        return iter(self._dense) if self._dense is not None else self._iter_runs()

    def first_at_or_after(self, origin: int) -> int:
        """The first normalised offset whose origin is `origin` or later (`len(self)` if none): the
        map is non-decreasing, so a bisection finds it. Used to move block bounds onto the text."""
        if self._dense is not None:
            return bisect.bisect_left(self._dense, origin)
        k = bisect.bisect_left(self._origins, origin)
        # the run before k may reach `origin` inside it
        if k > 0:
            prev_end = self._starts[k] if k < len(self._starts) else self._length
            last_origin = self._origins[k - 1] + prev_end - self._starts[k - 1] - 1
            if last_origin >= origin:
                return self._starts[k - 1] + origin - self._origins[k - 1]
        return self._starts[k] if k < len(self._starts) else self._length

    def compose(self, inner: Sequence[int]) -> OffsetMap:
        """This map followed by `inner` (normalised → converted → original offsets)."""
        out = OffsetMap()
        for value in self:
            out.append(inner[value])
        return out.finish()

    @property
    def nbytes(self) -> int:
        """Memory held by the map's arrays."""
        arrays = (self._dense,) if self._dense is not None else (self._starts, self._origins)
        return sum(a.itemsize * len(a) for a in arrays)


@dataclass(frozen=True)
class Position:
    """A place in the original file, as a text editor or Word shows it (1-based)."""

    line: int
    column: int
    location: str | None = None


@dataclass
class Segment:
    """A block of a .docx (paragraph or table cell) as it sits in the normalised text."""

    start: int
    end: int
    number: int  # paragraph number in document order, cells counted in reading order
    location: str  # "đoạn 12" or "bảng 1, hàng 5, cột 4"


@dataclass
class SourceText:
    """Normalised text plus the way back to the original."""

    text: str
    path: str = "<bytes>"
    format: str = "txt"
    encoding: str = "utf-8"
    # For text input: original offset (in the decoded original string) of every normalised char, as
    # runs (OffsetMap: a list held one Python int per character, 47 bytes of memory per byte).
    orig_index: Sequence[int] = field(default_factory=OffsetMap)
    orig_line_starts: Sequence[int] = field(default_factory=lambda: array("I"))  # 4 bytes a line
    orig_len: int = 0
    # For .docx and .pdf input: blocks; the position of an offset is (block number, column in block).
    segments: list[Segment] = field(default_factory=list)
    # The legacy font encoding (tcvn3, vni) converted to Unicode before any rule ran, if any.
    legacy: str | None = None
    # Look-alike letters a damaged text layer put for others and normalise() put back (Ƣ ƣ for Ư ư):
    # how many, so that VB092 can say once that the layer is damaged.
    lookalikes: int = 0
    # (offset, byte) of each byte of a UTF-8 file that is not UTF-8, read as U+FFFD (a few at most)
    bad_bytes: list[tuple[int, int]] = field(default_factory=list)
    # A PDF's digital signatures (checker.ingest.signature.DigitalSignature): signer and signing time
    signatures: list = field(default_factory=list)
    # A text PDF's page boxes, fonts, sizes and text edges (checker.ingest.pdf.PdfLayout), read with its text
    pdf_layout: PdfLayout | None = field(default=None, repr=False)
    # The bytes of a .docx or .pdf as read: the format (TH) rules read fonts, sizes and pages from them.
    original: bytes | None = field(default=None, repr=False)
    # True when `text` is known to be NFC (normalisation checked it); False: not known, check it
    nfc: bool = field(default=False, repr=False)
    _line_starts: Sequence[int] = field(default_factory=lambda: array("I"), repr=False)
    _segment_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.orig_index, OffsetMap):
            self.orig_index = OffsetMap(self.orig_index)
        if not self._line_starts:  # a reader whose text is its original passes the original's starts
            self._line_starts = line_starts(self.text)

    @functools.cached_property
    def lowered(self) -> str:
        """`lower(text)`: made once for the document model and the rules (`Context.lowered`)."""
        return lower(self.text)

    @property
    def line_start_offsets(self) -> Sequence[int]:
        """Where each line of `text` starts (one array, shared by the document model's lines and rows)."""
        return self._line_starts

    @property
    def lines(self) -> LineTexts:
        """The lines of `text` (its `split("\\n")`), each sliced when read."""
        return LineTexts(self.text, self._line_starts)

    # -- positions in the normalised text -------------------------------------------------------
    def line_of(self, offset: int) -> int:
        """0-based line index of an offset in the normalised text."""
        return bisect.bisect_right(self._line_starts, offset) - 1

    def line_span(self, index: int) -> tuple[int, int]:
        start = self._line_starts[index]
        end = self._line_starts[index + 1] - 1 if index + 1 < len(self._line_starts) else len(self.text)
        return start, end

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    # -- positions in the original ----------------------------------------------------------------
    def position(self, offset: int) -> Position:
        """Where the normalised `offset` is in the original file."""
        offset = max(0, min(offset, len(self.text)))
        if self.segments:
            # Built once: a report with 100,000 findings must not rebuild it per finding.
            if len(self._segment_starts) != len(self.segments):
                self._segment_starts = [s.start for s in self.segments]
            i = max(0, bisect.bisect_right(self._segment_starts, offset) - 1)
            seg = self.segments[i]
            return Position(seg.number, offset - seg.start + 1, seg.location)
        if not self.orig_index:
            line = self.line_of(offset)
            return Position(line + 1, offset - self._line_starts[line] + 1)
        orig = self.orig_index[offset] if offset < len(self.orig_index) else self.orig_len
        line = bisect.bisect_right(self.orig_line_starts, orig) - 1
        return Position(line + 1, orig - self.orig_line_starts[line] + 1)

    def line_text(self, offset: int) -> str:
        """The normalised line holding `offset`, for evidence and carets."""
        start, end = self.line_span(self.line_of(offset))
        return self.text[start:end]


def _clusters(text: str) -> list[tuple[int, str]]:
    """Split into (start, base char + following combining marks) so NFC can run per cluster."""
    out: list[tuple[int, str]] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        out.append((i, text[i:j]))
        i = j
    return out


_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_DROP_CLASS = "".join(sorted(_DROP))
_SPACELIKE = " " + "".join(k for k, v in _REPLACE.items() if v == " ")


@functools.lru_cache(maxsize=2)
def _special(markdown: bool) -> re.Pattern[str]:
    """Every spot where normalisation changes the text; everything between is copied as is."""
    parts = []
    if markdown:
        parts += [r"(?P<head>^[ \t]{0,3}#{1,6}[ \t]+)", r"(?P<esc>\\[\\`*_{}\[\]()#+\-.!|<>~])", r"(?P<star>\*)"]
    blank = re.escape(_SPACELIKE + _DROP_CLASS.replace("\r", ""))
    stars = r"\**" if markdown else ""
    parts += [
        # Spaces at a line end (Markdown hard breaks, Word export) carry nothing; tabs are table cells.
        # The lookbehind starts a match only at the head of a run and the run is possessive, so a
        # megabyte of spaces is scanned once, not once per position.
        rf"(?P<trail>(?<![{blank}])[{blank}]++(?=\r?{stars}\r?(?:\n|\Z)))",
        r"(?P<crlf>\r\n)",
        rf"(?P<comb>(?s:.)[{_COMBINING}]+)",
        rf"(?P<drop>[{re.escape(_DROP_CLASS)}])",
        rf"(?P<rep>[{re.escape(''.join(_REPLACE))}])",
    ]
    return re.compile("|".join(parts), re.M)


_BLANK_CHARS = _SPACELIKE + _DROP_CLASS.replace("\r", "")
_BLANK = re.escape(_BLANK_CHARS)
# A spot kind is (name, pattern, needles): the kind is looked for only in a text holding one of its
# needles (single characters: `in` finds one, or rules it out, far faster than a regex scans for a class).
_Kind = tuple[str, re.Pattern[str], str | None]


@functools.lru_cache(maxsize=2)
def _kinds(markdown: bool) -> tuple[_Kind, ...]:
    """One pattern per kind of spot, in the priority order of `_special`'s alternation.

    Each starts with a literal or a character class, so `re` jumps between candidates in C; the
    alternation, whose branches start with an anchor, a lookbehind or any character, tries every
    branch at every character (4× slower on a report).
    """
    stars = r"\**" if markdown else ""
    kinds: list[_Kind] = []
    if markdown:
        kinds += [
            ("head", re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M), "#"),
            ("esc", re.compile(r"\\[\\`*_{}\[\]()#+\-.!|<>~]"), "\\"),
            ("star", re.compile(r"\*"), "*"),
        ]
    kinds += [
        # the lookbehind sits after the first blank: a match starts only at the head of a run
        ("trail", re.compile(rf"[{_BLANK}](?<![{_BLANK}][{_BLANK}])[{_BLANK}]*+(?=\r?{stars}\r?(?:\n|\Z))"), None),
        ("crlf", re.compile(r"\r\n"), "\r"),
        ("drop", re.compile(rf"[{re.escape(_DROP_CLASS)}]"), _DROP_CLASS),
        ("rep", re.compile(rf"[{re.escape(''.join(_REPLACE))}]"), "".join(_REPLACE)),
    ]
    return tuple(kinds)


@functools.lru_cache(maxsize=2)
def _line_end_after_blank(markdown: bool) -> tuple[re.Pattern[str], ...]:
    """Patterns finding each character that can follow the last blank of a trailing run (a line end,
    a `\r`, a Markdown star), when a blank precedes it. Each starts with its literal, so `re` skips to
    the few line ends in C; a pattern starting with the blank is tried at every space (3 ms a report)."""
    ends = ["\n", "\r"] + (["*"] if markdown else [])
    return tuple(re.compile(rf"{re.escape(e)}(?<=[{_BLANK}]{re.escape(e)})") for e in ends)


def _trail_matches(regex: re.Pattern[str], text: str, markdown: bool) -> Iterator[re.Match[str]]:
    """Exactly `regex.finditer(text)` for the `trail` kind, matching only where a run of blanks ends
    before a line end, a `\r` or a star: a match is a whole run of blanks, and what follows its last
    blank is one of those (or the end of the text)."""
    heads: set[int] = set()
    ends = [m.start() for finder in _line_end_after_blank(markdown) for m in finder.finditer(text)]
    if text and text[-1] in _BLANK_CHARS:
        ends.append(len(text))
    for end in ends:
        head = end - 1
        while head > 0 and text[head - 1] in _BLANK_CHARS:
            head -= 1
        heads.add(head)
    for head in sorted(heads):
        m = regex.match(text, head)
        if m is not None:
            yield m


_ANY_COMBINING = re.compile(rf"[{_COMBINING}]")


# The kinds that are one character of a set: found with one literal scan per character present
# (a class scan costs ~8 ns a character; the en dash alone sends every report through "rep").
_ONE_CHARACTER_KINDS = ("drop", "rep")


@functools.lru_cache(maxsize=32)
def _literal(ch: str) -> re.Pattern[str]:
    return re.compile(re.escape(ch))


# Every character a kind's needles hold, and the combining marks: which of them a text holds is found
# by one class scan (`_present`), where an `in` test for each (two dozen scans of the whole text, the
# one-character kinds' needles tested twice) and a scan for combining marks read it twenty times
_NEEDLE_CHARS = "".join(sorted(set("#\\*\r" + _DROP_CLASS + "".join(_REPLACE))))
_ANY_SPECIAL = re.compile(f"[{_COMBINING}{re.escape(_NEEDLE_CHARS)}]")


def _present(text: str) -> set[str]:
    """The characters of `_ANY_SPECIAL` that `text` holds, found a piece at a time (a list of every one
    found in a megabyte of stars held 8 bytes a character)."""
    found: set[str] = set()
    for at in range(0, len(text), _CHUNK):
        found.update(_ANY_SPECIAL.findall(text, at, at + _CHUNK))
    return found


def _matches(
    kind: str, regex: re.Pattern[str], text: str, priority: int, markdown: bool, needles: str | None,
    present: set[str],
) -> Iterator[tuple[int, int, int, str]]:
    if kind in _ONE_CHARACTER_KINDS and needles:
        found: Iterable[re.Match[str]] = heapq.merge(
            *(_literal(c).finditer(text) for c in needles if c in present), key=lambda m: m.start()
        )
    elif kind == "trail":
        found = _trail_matches(regex, text, markdown)
    else:
        found = regex.finditer(text)
    for m in found:
        yield m.start(), priority, m.end(), kind


def _spots(original: str, markdown: bool, present: set[str] | None = None) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of every spot normalisation changes, as `_special(markdown)` finds them;
    `present` is `_present(original)` when the caller has it.

    The kinds' matches are merged lazily by position: a list of them held a tuple per spot (60 MB
    for a megabyte of `**`)."""
    if present is None:
        present = _present(original)
    streams = [
        _matches(kind, regex, original, priority, markdown, needles, present)
        for priority, (kind, regex, needles) in enumerate(_kinds(markdown))
        if needles is None or any(c in present for c in needles)
    ]
    last = 0
    for start, _, end, kind in heapq.merge(*streams):
        if start >= last:  # a spot inside one already taken is part of it, as in the alternation
            yield start, end, kind
            last = end


def lookalike_count(original: str) -> int:
    """How many look-alike letters normalise() puts back in `original` (Ƣ ƣ for Ư ư)."""
    return original.count("\u01a2") + original.count("\u01a3")


def normalise(original: str, *, markdown: bool = True) -> tuple[str, OffsetMap]:
    """Return the normalised text and, for each of its characters, its offset in `original`
    (`normalise_nfc` without its verdict)."""
    text, index, _ = normalise_nfc(original, markdown=markdown)
    return text, index


def normalise_nfc(original: str, *, markdown: bool = True) -> tuple[str, OffsetMap, bool]:
    """Return the normalised text, for each of its characters its offset in `original`, and whether the
    text was found to be NFC (the usual path checks it; `SourceText.nfc` keeps the verdict, so that no
    later step scans the text again to know it).

    Only the spots that change (Markdown residue, decomposed accents, odd spaces and dashes, zero-width
    characters, trailing spaces) are visited; the text between them is copied with an identity map.
    Every character keeps its origin, so a finding in NFD or Markdown text points at the right column.
    """
    present = _present(original)
    if any(_ANY_COMBINING.match(c) for c in present):  # decomposed accents (NFD from a Mac or a PDF): the general scan
        spots: Iterable[tuple[int, int, str]] = (
            (m.start(), m.end(), m.lastgroup or "") for m in _special(markdown).finditer(original)
        )
    else:
        spots = _spots(original, markdown, present)
    pieces = _Pieces()
    index = OffsetMap()
    last = 0
    star_line = (0, -1, False)  # (start, end, is a lone star) of the line of the last star seen
    for start, end, kind in spots:
        if start > last:
            pieces.append(original[last:start])
            index.extend_identity(last, start)
        if kind == "star":
            if not star_line[0] <= start <= star_line[1]:
                # once per line, not once per star: a line of many ** was quadratic
                line_start = original.rfind("\n", 0, start) + 1
                line_end = original.find("\n", start)
                line_end = len(original) if line_end < 0 else line_end
                star_line = (line_start, line_end, original[line_start:line_end].strip() == "*")
            if star_line[2]:
                pieces.append("*")  # the Party header ornament under the issuer: keep it
                index.append(start)
        elif kind == "esc":
            pieces.append(original[start + 1])
            index.append(start + 1)
        elif kind == "crlf":
            pieces.append("\n")
            index.append(start)  # a span ending at the line end stops where the editor shows it, before \r
        elif kind == "comb":
            composed = unicodedata.normalize("NFC", original[start:end])
            pieces.append(composed)
            for _ in composed:
                index.append(start)
        elif kind == "rep":
            pieces.append(_REPLACE[original[start]])
            index.append(start)
        last = end  # head, drop, trail: removed
    if last == 0 and not pieces:
        text = original  # nothing to change: the same string, not a copy
    else:
        if last < len(original):
            pieces.append(original[last:])
        text = pieces.join()
    index.extend_identity(last, len(original))
    if not unicodedata.is_normalized("NFC", text):  # a rare non-NFC character outside the fast path
        slow_text, slow_index = _normalise_slow(original, markdown=markdown)
        return slow_text, OffsetMap(slow_index), False  # (not checked again: unknown)
    return text, index.finish(), True


class _Pieces:
    """The pieces of a text being built, joined a few thousand at a time: a list of a million
    one-character strings (a text of decomposed accents) held 78 bytes per character."""

    __slots__ = ("_chunks", "_pending")

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self._pending: list[str] = []

    def append(self, piece: str) -> None:
        self._pending.append(piece)
        if len(self._pending) >= 4096:
            self._chunks.append("".join(self._pending))
            self._pending.clear()

    def __bool__(self) -> bool:
        return bool(self._chunks or self._pending)

    def join(self) -> str:
        self._chunks.append("".join(self._pending))
        self._pending.clear()
        return "".join(self._chunks)


def _normalise_slow(original: str, *, markdown: bool = True) -> tuple[str, list[int]]:
    """Return the normalised text and, for each of its characters, its offset in `original`.

    Done character by character (not with str.replace) so that every character keeps its origin:
    a finding in decomposed (NFD) or Markdown text still points at the right column.
    """
    if markdown:
        pairs = _strip_markdown(original)
    else:
        pairs = list(enumerate(original))
    flat = "".join(c for _, c in pairs)
    chars: list[str] = []
    index: list[int] = []
    for start, cluster in _clusters(flat):
        origin = pairs[start][0]
        if cluster == "\n" and origin > 0 and original[origin - 1] == "\r":
            origin -= 1  # CRLF: a span ending at the line end stops where the editor shows it, before \r
        if cluster in _DROP:
            continue
        rep = _REPLACE.get(cluster)
        if rep is not None:
            cluster = rep
        elif len(cluster) > 1 or not cluster.isascii():
            cluster = unicodedata.normalize("NFC", cluster)
        for ch in cluster:
            chars.append(ch)
            index.append(origin)
    # Spaces at a line end (Markdown hard breaks, Word export) carry nothing; tabs are table cells.
    keep = [True] * len(chars)
    k = len(chars) - 1
    trailing = True
    while k >= 0:
        ch = chars[k]
        if ch == "\n":
            trailing = True
        elif ch == " " and trailing:
            keep[k] = False
        else:
            trailing = False
        k -= 1
    text = "".join(c for c, kept in zip(chars, keep) if kept)
    index = [i for i, kept in zip(index, keep) if kept]
    return text, index


def _strip_markdown(original: str) -> list[tuple[int, str]]:
    """Drop Markdown residue (`**`, `*`, `###`, backslash escapes), keeping each char's origin."""
    kept: list[tuple[int, str]] = []
    for line_match in re.finditer(r"[^\n]*\n?", original):
        line = line_match.group()
        if not line:
            continue
        base = line_match.start()
        heading = _MD_HEADING.match(line)
        k = heading.end() if heading else 0
        lone_star = line.strip() == "*"  # the Party header ornament under the issuer: keep it
        while k < len(line):
            ch = line[k]
            if ch == "\\" and _MD_ESCAPE.match(line, k):
                kept.append((base + k + 1, line[k + 1]))
                k += 2
                continue
            if ch != "*" or lone_star:
                kept.append((base + k, ch))
            k += 1
    return kept


# Folding for matching only: same length as the input, so offsets are unchanged.
# Old-style tone placement (hoà, thuỷ, qúy) and new style (hòa, thủy, quý) fold to one form; the pairs
# are rules/lexicon/tones.toml (`fold`). This is the one folding of the project: word_key and the rules
# that compare issuer names, type words or phrases all go through it.
_FOLD: tuple[dict[str, str], re.Pattern[str]] | None = None


def _fold_table() -> tuple[dict[str, str], re.Pattern[str]]:
    """(pair → folded pair, a pattern finding every candidate pair), built once from the lexicon."""
    global _FOLD
    if _FOLD is None:
        from checker.ruledata import load_lexicon  # rule data imports this module: read it at first use
        from checker.scan import word_trie

        table = load_lexicon().tones.fold_table()
        firsts = "".join(sorted({k[0] for k in table}))
        seconds = "".join(sorted({k[1:] for k in table if len(k) == 2}))
        if all(len(k) == 2 for k in table) and not set(firsts) & set(seconds):
            # the pairs themselves, factored by their first letter (the scan stays in C, on the class of
            # first letters): "ủa" of "của", the most common word, is no pair, and the class-then-class
            # superset matched it and called the replacement for it. The same folding as that superset
            # when no pair's second letter starts one (a non-pair it took cannot hide a pair)
            pattern = re.compile(word_trie(table))
        elif all(len(k) == 2 for k in table):
            # one class then another: a superset of the pairs (the table decides), and the scan stays in C
            pattern = re.compile(f"[{re.escape(firsts)}][{re.escape(seconds)}]")
        else:
            pattern = re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)))
        _FOLD = (table, pattern)
    return _FOLD


def fold(text: str) -> str:
    """Lower-case and unify tone placement, keeping the length (for offset-preserving matching)."""
    # Rules fold the same short issuer names and type words again and again; whole texts are not
    # cached, so a batch of thousands of reports keeps flat memory.
    return _fold_short(text) if len(text) <= 200 else _by_chunks(text, _fold)


def fold_lowered(lowered: str) -> str:
    """`fold` of a text given its `lower()` form (what `Context.folded` starts from: the lower-cased
    text is there already); the same object back when no pair needs folding."""
    return _by_chunks(lowered, _fold_pairs)


@functools.lru_cache(maxsize=4096)
def _fold_short(text: str) -> str:
    return _fold(text)


def clear_fold_cache() -> None:
    """Read the folding table again at next use (after the rule data was reloaded)."""
    global _FOLD
    _FOLD = None
    _fold_short.cache_clear()


# Whole texts are lowered and folded a piece at a time: `str.lower()` of a non-ASCII string works in a
# scratch buffer of 12 bytes per character (three UCS-4 code points each), 8 bytes of memory per input
# byte on top of the text for a whole report at once; a piece of 64K characters costs 768 KB.
_CHUNK = 1 << 16


def _by_chunks(text: str, convert: Callable[[str], str]) -> str:
    """`convert(text)` for a length-keeping, character-local conversion, applied to pieces ending after a
    newline (or a space, on a very long line): case and tone pairs never reach across one. `text` itself
    when nothing changes."""
    if len(text) <= _CHUNK:
        return convert(text)
    pieces: list[str] = []
    changed = False
    pos, n = 0, len(text)
    while pos < n:
        end = min(n, pos + _CHUNK)
        if end < n:
            cut = text.rfind("\n", pos, end)
            if cut < pos:
                cut = text.rfind(" ", pos, end)
            if cut >= pos:
                end = cut + 1
        piece = text[pos:end]
        done = convert(piece)
        changed = changed or done != piece
        pieces.append(done)
        pos = end
    if not changed:
        return text
    return "".join(pieces)


def lower(text: str) -> str:
    """Lower-cased with the same length (and so the same offsets) as `text`."""
    return _by_chunks(text, _lower)


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lowered; keep the original then
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def _fold_pairs(lowered: str) -> str:
    table, pattern = _fold_table()
    return pattern.sub(lambda m: table.get(m.group(), m.group()), lowered)


def _fold(text: str) -> str:
    return _fold_pairs(_lower(text))


class LineTexts(MadeOnRead[str]):
    """The lines of a text, as `text.split("\\n")` gives them, each sliced when read: the list was a
    second copy of the whole text and 57 bytes more a line."""

    __slots__ = ("_text", "_starts")

    def __init__(self, text: str, starts: Sequence[int]) -> None:
        self._text = text
        self._starts = starts  # line_starts(text)

    def __len__(self) -> int:
        return len(self._starts)

    def _make(self, index: int) -> str:
        end = self._starts[index + 1] - 1 if index + 1 < len(self._starts) else len(self._text)
        return self._text[self._starts[index] : end]

    def joined(self, start: int, stop: int) -> str:
        """`"\\n".join(self[start:stop])` (for 0 <= start <= stop <= len): the text's own span, no line made."""
        if start >= stop:
            return ""
        return self._text[self._starts[start] : self._starts[stop] - 1 if stop < len(self._starts) else len(self._text)]

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        # a run of lines is its span of the text split in C: a slice made each line in a Python call
        # (7,000 a pass over the five seeds, VB001 cleaning the lines it looks for parts in)
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step == 1:
                return self.joined(start, stop).split("\n") if start < stop else []
        return super().__getitem__(index)



def line_starts(text: str) -> array[int]:
    """Offsets where each line starts: 4 bytes a line (a list of ints took 36)."""
    starts = array("I", [0])
    starts.extend(map(re.Match.end, _NEWLINE.finditer(text)))  # (no Python frame a line)
    return starts


_NEWLINE = re.compile("\n")
