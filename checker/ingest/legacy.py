"""Legacy Vietnamese font encodings (TCVN3/ABC `.VnTime`, VNI `VNI-Times`) → Unicode, offsets kept.

Reports typed twenty years ago reach reviewers as text whose letters are the *font's* code points:
`Uû ban nh©n d©n` (TCVN3) or `UÛy ban nhaân daân` (VNI). Every rule would fire on such mojibake, so
the text is detected and converted before anything else. The tables come from the MIT package
`viparse` (checked against real government documents); the scan is done here because the checker must
know, for every converted character, where it came from (findings point at the original column).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

TCVN3 = "tcvn3"
VNI = "vni"
LEGACY_ENCODINGS = (TCVN3, VNI)

# PDF subset tags (`ABCDEF+.VnTime`) say nothing about the encoding.
_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
# Letters only Vietnamese Unicode text has (ă â đ ê ô ơ ư and every toned vowel); legacy text has none.
_VIET_SPECIFIC = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")


@dataclass(frozen=True)
class _Table:
    """One legacy font encoding's table to Unicode, with lookups by first character and back."""
    name: str
    pairs: tuple[tuple[str, str], ...]  # longest legacy sequence first
    by_first: dict[str, tuple[tuple[str, str], ...]]
    inverse: dict[str, str]


@functools.lru_cache(maxsize=2)
def _table(name: str) -> _Table:
    """The viparse charmap, indexed by first character for a single linear scan."""
    if name == TCVN3:
        from viparse.normalize.tcvn3 import TCVN3 as charmap
    elif name == VNI:
        from viparse.normalize.vni import VNI as charmap
    else:  # pragma: no cover - callers pass one of LEGACY_ENCODINGS
        raise KeyError(name)
    by_first: dict[str, list[tuple[str, str]]] = {}
    inverse: dict[str, str] = {}
    for legacy_seq, uni in charmap.pairs:
        by_first.setdefault(legacy_seq[0], []).append((legacy_seq, uni))
        # Several legacy spellings may give one letter; the shortest is what a keyboard driver typed.
        if uni not in inverse or len(legacy_seq) < len(inverse[uni]):
            inverse[uni] = legacy_seq
    return _Table(name, charmap.pairs, {k: tuple(v) for k, v in by_first.items()}, inverse)


def available() -> bool:
    """Whether the conversion tables can be loaded (viparse installed)."""
    try:
        _table(TCVN3)
    except ImportError:
        return False
    return True


def encoding_for_font(font: str | None) -> str | None:
    """`.VnTime`, `.VnTimeH`, `.VnArial` → TCVN3; `VNI-Times`, `VNI-Helve` → VNI; anything else → None."""
    if not font:
        return None
    name = _SUBSET_TAG.sub("", font.strip()).upper()
    if name.startswith(".VN"):
        return TCVN3
    if name.startswith("VNI"):
        return VNI
    return None


def is_capitals_font(font: str | None) -> bool:
    """TCVN3 has no accented capitals: `.VnTimeH`, `.VnArialH` draw the lower-case bytes as capitals."""
    if not font:
        return False
    name = _SUBSET_TAG.sub("", font.strip())
    return encoding_for_font(name) == TCVN3 and name.upper().endswith("H")


# A PDF text layer resolves `.VnTime` bytes through the font: ư (0xAD) comes out as U+2212 and ã
# (0xB7) as U+2219 (viparse measured it). Only next to a letter are they letters.
_PDF_GLYPHS = {"\u2212": "\xad", "\u2219": "\xb7"}


def convert(text: str, encoding: str, *, capitals: bool = False, pdf: bool = False) -> tuple[str, list[int]]:
    """Convert legacy text to NFC Unicode; return it and, per output character, its offset in `text`.

    `capitals`: the run is set in a TCVN3 capitals font (`.VnTimeH`), so the output is upper-cased.
    Without font information (plain text), TCVN3 capitals are recovered from the surrounding letters.
    A line holding a letter no legacy table takes as input (ă ơ ư đ ộ …) is Unicode already (a web
    page's date or title bar around a legacy body) and is copied as it is.
    """
    table = _table(encoding)
    out: list[str] = []
    index: list[int] = []
    ambiguous: list[bool] = []  # lower-case letters from a TCVN3 byte may be capitals in a `H` font
    position, length = 0, len(text)
    while position < length:
        if position == 0 or text[position - 1] == "\n":
            line_end = text.find("\n", position)
            line_end = length if line_end < 0 else line_end
            if _VIET_SPECIFIC.search(text, position, line_end):
                out.append(text[position:line_end])
                index.extend(range(position, line_end))
                ambiguous.extend([False] * (line_end - position))
                position = line_end
                continue
        char = text[position]
        if pdf and char in _PDF_GLYPHS:
            before = text[position - 1] if position else ""
            after = text[position + 1] if position + 1 < length else ""
            # the neighbour is still a legacy byte here: `®∙` is đã, though ® is not a letter yet
            if before.isalpha() or after.isalpha() or before in table.by_first or after in table.by_first:
                char = _PDF_GLYPHS[char]
        for legacy_seq, uni in table.by_first.get(char, ()):
            if text.startswith(legacy_seq[1:], position + 1):
                for ch in uni:
                    out.append(ch)
                    index.append(position)
                    ambiguous.append(encoding == TCVN3 and ch.islower())
                position += len(legacy_seq)
                break
        else:
            out.append(char)
            index.append(position)
            ambiguous.append(False)
            position += 1
    result = "".join(out)
    if encoding == TCVN3:
        result = result.upper() if capitals else _recover_capitals(result, ambiguous)
    return result, index


_WORD = re.compile(r"[^\W\d_]+")


def _recover_capitals(text: str, ambiguous: list[bool]) -> str:
    """Upper-case TCVN3 letters in words and lines whose unambiguous letters are all capitals.

    `CéNG HßA` is `CỘNG HÒA`: its ASCII letters are capitals, so the accented bytes were drawn by a
    capitals font. A title-case word (`Bé` = `Bộ`) has one capital only and is left alone unless its
    whole line is in capitals.
    """
    if not any(ambiguous):
        return text
    chars = list(text)
    for line in re.finditer(r"[^\n]+", text):
        words = []
        for word in _WORD.finditer(line.group()):
            span = range(line.start() + word.start(), line.start() + word.end())
            if any(ambiguous[k] for k in span):
                words.append((span, [text[k] for k in span if not ambiguous[k]]))
        # Symbols and numbers (`15/BC-BDT`) are capitals in any line: only plain words vote.
        certain: list[str] = []
        if words:
            for token in re.finditer(r"\S+", line.group()):
                if re.search(r"[\d/]", token.group()):
                    continue
                base = line.start() + token.start()
                certain += [c for k, c in enumerate(token.group(), base) if c.isalpha() and not ambiguous[k]]
        line_caps = len(certain) >= 3 and sum(c.isupper() for c in certain) >= 0.9 * len(certain)
        for span, sure in words:
            if line_caps or (len(sure) >= 2 and all(c.isupper() for c in sure)):
                for k in span:
                    if ambiguous[k]:
                        chars[k] = text[k].upper()
    return "".join(chars)


def to_legacy(text: str, encoding: str) -> str:
    """Unicode → legacy text with the inverse table (for tests): what an old keyboard driver typed.

    TCVN3 has no accented capitals; they are written with the lower-case byte, as in a `.VnTimeH` run.
    """
    table = _table(encoding)
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        seq = table.inverse.get(ch)
        if seq is None and ch.lower() != ch:
            seq = table.inverse.get(ch.lower())
        out.append(seq if seq is not None else ch)
    return "".join(out)


_NOT_LETTER = re.compile(r"[\W\d_]+")
# Real Unicode Vietnamese has one letter in five to ten that no legacy table gives as input (ă ơ ư đ ộ …);
# under one in thirty-three, the text is mostly something else (a legacy body, or not Vietnamese).
UNICODE_SHARE_MAX = 33
_LATIN1_HIGH = re.compile("[\u00a0-\u00ff]")


def detect(text: str) -> str | None:
    """The legacy encoding of `text`, or None when it reads as Unicode (or as nothing Vietnamese).

    Real Unicode Vietnamese is full of letters no legacy table produces as input (ă ơ ư đ ộ …); legacy
    text has none. Otherwise each table is tried on a sample and kept only if it turns clearly more of
    the text into Vietnamese letters than the other table does (never corrupt good text).
    """
    # Unicode Vietnamese shows itself within a page: ă ơ ư đ and the toned vowels make up a good
    # share of its letters, which no legacy table gives as input. Saves two whole-text scans per file.
    head = text[:8_000]
    # more than one letter in 20: counted up to that many only (a page of Vietnamese has it in its
    # first quarter)
    enough = len(head) // 20 + 1
    if len(head) >= 2_000 and sum(1 for _ in itertools.islice(_VIET_SPECIFIC.finditer(head), enough)) == enough:
        return None
    sample = text[:200_000]
    letters = len(_NOT_LETTER.sub("", sample))  # counted in C: this runs on every text file
    # A page saved from the web often puts Unicode chrome (a date, the site's title) around a legacy
    # body: a few per cent of Unicode-only letters do not rule a legacy body out; the gain of the
    # conversion below must still show it, on the whole sample.
    if not letters or len(_VIET_SPECIFIC.findall(sample)) * UNICODE_SHARE_MAX > letters:
        return None
    high = len(_LATIN1_HIGH.findall(sample))
    if high * 100 < letters:  # a few © or « in an English or ASCII text are not an encoding
        return None
    if not available():
        return None
    gains: dict[str, float] = {}
    for name in LEGACY_ENCODINGS:
        converted, _ = convert(sample, name)
        gains[name] = _score(converted) - _score(sample)
    best = max(gains, key=lambda k: gains[k])
    other = min(gains, key=lambda k: gains[k])
    if gains[best] < max(3.0, 0.02 * letters) or gains[best] < 1.3 * max(gains[other], 0.0):
        return None
    return best


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[aăâeêioôơuưy]{1,3}(?:ng|nh|ch|[cmnpt])?"
)


def _score(text: str) -> float:
    """Valid Vietnamese syllables with a diacritic minus words with a diacritic that are no syllable.

    The wrong table also yields accented letters, but in impossible places (`nhaẫn`, two tones).
    """
    score = 0
    for word in _WORD.finditer(text):
        w = word.group().lower()
        if w.isascii():
            continue
        decomposed = unicodedata.normalize("NFD", w)
        tones = sum(1 for c in decomposed if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        score += 1 if tones <= 1 and _SYLLABLE.fullmatch(base) else -1
    return score
