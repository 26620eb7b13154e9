"""The text every rule reads, and the map from it back to what the author's editor shows.

Ingest turns any input (UTF-8/UTF-16 text, Markdown export, .docx) into one `SourceText`: a single
normalised string (NFC, Markdown residue removed, exotic spaces and dashes folded) plus a way to turn
any offset in it into the line and column of the *original* file, or into a `.docx` location.
Every later stage works on offsets into `SourceText.text` only.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

# Characters that carry no text and confuse matching (zero-width joiners, soft hyphen, BOM).
_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\r"}
# Characters folded to their plain form in the normalised text.
_REPLACE = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u2002": " ", "\u2003": " ",
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2011": "-",
}
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+")


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
    # For text input: original offset (in the decoded original string) of every normalised char.
    orig_index: list[int] = field(default_factory=list)
    orig_line_starts: list[int] = field(default_factory=list)
    orig_len: int = 0
    # For .docx input: blocks; the position of an offset is (block number, column in block).
    segments: list[Segment] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]

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
            starts = [s.start for s in self.segments]
            i = max(0, bisect.bisect_right(starts, offset) - 1)
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


def normalise(original: str, *, markdown: bool = True) -> tuple[str, list[int]]:
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
# Old-style tone placement (hoà, thuỷ, qúy) and new style (hòa, thủy, quý) fold to one form.
_TONE_PAIRS = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}
_TONE_RE = re.compile("|".join(_TONE_PAIRS), re.IGNORECASE)


def fold(text: str) -> str:
    """Lower-case and unify tone placement, keeping the length (for offset-preserving matching)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lowered; keep the original then
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group().lower()], low)


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]
